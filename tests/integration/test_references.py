"""MOTO_NIMBLE_CHECK_REFERENCES: what a request names in another service is
looked up in moto's backend of the same account and region, and a reference
that does not resolve fails the resource as the table of docs/references.md says."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from helpers import ACCOUNT, PROTOCOL_VERSION, REGION

from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.sessions import boto3_session

OTHER_ACCOUNT = "210987654321"
MISSING_AMI = "ami-0123456789abcdef0"
MISSING_SUBNET = "subnet-0123456789abcdef0"
MISSING_GROUP = "sg-0123456789abcdef0"
MISSING_DIRECTORY = "d-0123456789"
MISSING_FILE_SYSTEM = "fs-0123456789abcdef0"
UNTRUSTING_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "ec2.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
VALIDATION_TYPES = (
    "VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT",
    "VALIDATE_SUBNET_ASSOCIATION",
    "VALIDATE_NETWORK_ACL_ASSOCIATION",
    "VALIDATE_SECURITY_GROUP_ASSOCIATION",
)


@pytest.fixture
def checking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_NIMBLE_CHECK_REFERENCES", "true")


class World:
    """A test's world: the nimble client, clients of the other services in
    the same mode, and a factory that builds READY resources whose references
    resolve. Each piece is made when first asked for (EC2's backend costs)."""

    def __init__(self, nimble: Any) -> None:
        self.client = nimble.client
        self.server_url = nimble.server_url
        self.factory = NimbleStudioFactory(
            self.client, wait=False, references=True, session=boto3_session()
        )
        self._built: dict[str, Any] = {}
        self._subnets = 10

    def aws(self, service: str) -> Any:
        kwargs = {"endpoint_url": self.server_url} if self.server_url else {}
        return boto3_session().client(service, region_name=REGION, **kwargs)

    # -- references that resolve --------------------------------------------

    def roles(self) -> tuple[str, str]:
        return self.factory.studio_roles()

    def network(self) -> dict[str, Any]:
        return self.factory.network(["g4dn.xlarge", "g4dn.2xlarge"])

    def studio_id(self) -> str:
        if "studio" not in self._built:
            self._built["studio"] = self.factory.studio()["studioId"]
        return str(self._built["studio"])

    def component_id(self, studio_id: str | None = None, **overrides: Any) -> str:
        studio_id = studio_id or self.studio_id()
        component = self.factory.component(
            studio_id,
            **{"ec2SecurityGroupIds": [self.network()["securityGroupId"]], **overrides},
        )
        return str(component["studioComponentId"])

    def image_id(self, studio_id: str | None = None) -> str:
        image = self.factory.image(studio_id or self.studio_id())
        return str(image["streamingImageId"])

    def launch_profile(
        self, component_ids: list[str] | None = None, **overrides: Any
    ) -> dict[str, Any]:
        studio_id = self.studio_id()
        return self.factory.launch_profile(
            studio_id,
            component_ids if component_ids is not None else [self.component_id()],
            [self.image_id()],
            **overrides,
        )

    def subnet(self, vpc_id: str | None = None, zone: str | None = None) -> str:
        """Another subnet in the world's VPC (or ``vpc_id``)."""
        ec2 = self.aws("ec2")
        vpc_id = vpc_id or self.network()["vpcId"]
        cidr = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["CidrBlock"]
        self._subnets += 1
        block = cidr.rsplit(".", 2)[0] + f".{self._subnets}.0/24"
        return str(
            ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=block, AvailabilityZone=zone or f"{REGION}a"
            )["Subnet"]["SubnetId"]
        )

    def role(self, name: str, policy: dict[str, Any]) -> str:
        return str(
            self.aws("iam").create_role(
                RoleName=name, AssumeRolePolicyDocument=json.dumps(policy)
            )["Role"]["Arn"]
        )

    def key(self, state: str = "Enabled") -> str:
        kms = self.aws("kms")
        arn = str(kms.create_key()["KeyMetadata"]["Arn"])
        self.spoil(arn, state)
        return arn

    def spoil(self, key_arn: str, state: str) -> None:
        kms = self.aws("kms")
        key_id = key_arn.rsplit("/", 1)[1]
        if state == "Disabled":
            kms.disable_key(KeyId=key_id)
        elif state == "PendingDeletion":
            kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)

    # -- reading back --------------------------------------------------------

    def get_studio(self, studio_id: str) -> dict[str, Any]:
        return dict(self.client.get_studio(studioId=studio_id)["studio"])

    def get_component(self, studio_id: str, component_id: str) -> dict[str, Any]:
        return dict(
            self.client.get_studio_component(
                studioId=studio_id, studioComponentId=component_id
            )["studioComponent"]
        )

    def create_studio(self, **overrides: Any) -> dict[str, Any]:
        admin, user = self.roles()
        studio_id = self.client.create_studio(
            **{
                "studioName": "refs",
                "displayName": "refs",
                "adminRoleArn": admin,
                "userRoleArn": user,
                **overrides,
            }
        )["studio"]["studioId"]
        return self.get_studio(studio_id)

    def create_profile(self, **overrides: Any) -> dict[str, Any]:
        studio_id = self.studio_id()
        params: dict[str, Any] = {
            "name": "profile",
            "ec2SubnetIds": self.network()["subnetIds"],
            "launchProfileProtocolVersions": [PROTOCOL_VERSION],
            "studioComponentIds": [self.component_id()],
            "streamConfiguration": {
                "clipboardMode": "ENABLED",
                "ec2InstanceTypes": ["g4dn.xlarge"],
                "streamingImageIds": [self.image_id()],
            },
            **overrides,
        }
        profile_id = self.client.create_launch_profile(studioId=studio_id, **params)[
            "launchProfile"
        ]["launchProfileId"]
        return dict(
            self.client.get_launch_profile(
                studioId=studio_id, launchProfileId=profile_id
            )["launchProfile"]
        )

    def create_component(self, studio_id: str, **overrides: Any) -> dict[str, Any]:
        component_id = self.client.create_studio_component(
            studioId=studio_id, **{"name": "c", "type": "CUSTOM", **overrides}
        )["studioComponent"]["studioComponentId"]
        return self.get_component(studio_id, component_id)

    def session_of(self, studio_id: str, profile: dict[str, Any]) -> dict[str, Any]:
        session_id = self.client.create_streaming_session(
            studioId=studio_id, launchProfileId=profile["launchProfileId"]
        )["session"]["sessionId"]
        return dict(
            self.client.get_streaming_session(studioId=studio_id, sessionId=session_id)[
                "session"
            ]
        )


@pytest.fixture
def world(nimble: Any, checking: None) -> World:
    """A world, with MOTO_NIMBLE_CHECK_REFERENCES on (``checking``)."""
    assert checking is None
    return World(nimble)


# -- the cases: each makes one reference fail ----------------------------------


def studio_with_missing_role(w: World) -> dict[str, Any]:
    return w.create_studio(adminRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Missing")


def studio_with_untrusting_role(w: World) -> dict[str, Any]:
    return w.create_studio(userRoleArn=w.role("Untrusting", UNTRUSTING_POLICY))


def studio_with_role_of_another_account(w: World) -> dict[str, Any]:
    return w.create_studio(userRoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/User")


def studio_updated_to_missing_role(w: World) -> dict[str, Any]:
    studio_id = w.studio_id()
    w.client.update_studio(
        studioId=studio_id, userRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Gone"
    )
    return w.get_studio(studio_id)


def encrypted_studio(state: str) -> Callable[[World], dict[str, Any]]:
    def make(w: World) -> dict[str, Any]:
        key = (
            w.key(state)
            if state != "missing"
            else f"arn:aws:kms:{REGION}:{ACCOUNT}:key/00000000-0000-0000-0000-000000000000"
        )
        return w.create_studio(
            studioEncryptionConfiguration={
                "keyType": "CUSTOMER_MANAGED_KEY",
                "keyArn": key,
            }
        )

    return make


def image_of_missing_ami(w: World) -> dict[str, Any]:
    studio_id = w.studio_id()
    image_id = w.client.create_streaming_image(
        studioId=studio_id, name="image", ec2ImageId=MISSING_AMI
    )["streamingImage"]["streamingImageId"]
    return dict(
        w.client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)[
            "streamingImage"
        ]
    )


def profile_with_missing_subnet(w: World) -> dict[str, Any]:
    return w.create_profile(ec2SubnetIds=[w.network()["subnetIds"][0], MISSING_SUBNET])


def profile_with_subnets_of_two_vpcs(w: World) -> dict[str, Any]:
    other = w.aws("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    return w.create_profile(ec2SubnetIds=[w.network()["subnetIds"][0], w.subnet(other)])


def zone_without(w: World, instance_type: str) -> str:
    ec2 = w.aws("ec2")
    offered = {
        o["Location"]
        for o in ec2.describe_instance_type_offerings(
            LocationType="availability-zone",
            Filters=[{"Name": "instance-type", "Values": [instance_type]}],
        )["InstanceTypeOfferings"]
    }
    zones = [
        z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]
    ]
    return next(z for z in zones if z not in offered)


def profile_in_zone_without_its_type(w: World) -> dict[str, Any]:
    subnet = w.subnet(zone=zone_without(w, "g4dn.xlarge"))
    return w.create_profile(ec2SubnetIds=[subnet])


def profile_updated_to_type_not_offered(w: World) -> dict[str, Any]:
    """g3 types are in no Availability Zone of moto's data: they count as
    offered everywhere, so the profile is READY until it asks for g4dn."""
    subnet = w.subnet(zone=zone_without(w, "g4dn.xlarge"))
    profile = w.create_profile(
        ec2SubnetIds=[subnet],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g3.4xlarge"],
            "streamingImageIds": [w.image_id()],
        },
    )
    assert profile["state"] == "READY", profile
    w.client.update_launch_profile(
        studioId=w.studio_id(),
        launchProfileId=profile["launchProfileId"],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": profile["streamConfiguration"]["streamingImageIds"],
        },
    )
    return dict(
        w.client.get_launch_profile(
            studioId=w.studio_id(), launchProfileId=profile["launchProfileId"]
        )["launchProfile"]
    )


def profile_with_route_table_going_nowhere(w: World) -> dict[str, Any]:
    ec2 = w.aws("ec2")
    subnet = w.subnet()
    table = ec2.create_route_table(VpcId=w.network()["vpcId"])["RouteTable"]
    ec2.associate_route_table(RouteTableId=table["RouteTableId"], SubnetId=subnet)
    return w.create_profile(ec2SubnetIds=[subnet])


def profile_with_closed_network_acl(w: World) -> dict[str, Any]:
    ec2 = w.aws("ec2")
    subnet = w.subnet()
    acl = ec2.create_network_acl(VpcId=w.network()["vpcId"])["NetworkAcl"]
    ec2.create_network_acl_entry(
        NetworkAclId=acl["NetworkAclId"],
        RuleNumber=100,
        Protocol="-1",
        RuleAction="allow",
        Egress=True,
        CidrBlock="0.0.0.0/0",
    )  # outbound open, inbound only the implicit deny
    current = ec2.describe_network_acls(
        Filters=[{"Name": "association.subnet-id", "Values": [subnet]}]
    )["NetworkAcls"][0]
    association = next(
        a["NetworkAclAssociationId"]
        for a in current["Associations"]
        if a["SubnetId"] == subnet
    )
    ec2.replace_network_acl_association(
        AssociationId=association, NetworkAclId=acl["NetworkAclId"]
    )
    return w.create_profile(ec2SubnetIds=[subnet])


def profile_with_missing_security_group(w: World) -> dict[str, Any]:
    component = w.component_id(ec2SecurityGroupIds=[MISSING_GROUP])
    return w.create_profile(studioComponentIds=[component])


def profile_with_security_group_of_another_vpc(w: World) -> dict[str, Any]:
    ec2 = w.aws("ec2")
    other = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    group = ec2.create_security_group(
        GroupName="elsewhere", Description="elsewhere", VpcId=other
    )["GroupId"]
    component = w.component_id(ec2SecurityGroupIds=[group])
    return w.create_profile(studioComponentIds=[component])


def directory_component(w: World) -> str:
    return w.component_id(
        name="directory",
        type="ACTIVE_DIRECTORY",
        configuration={
            "activeDirectoryConfiguration": {"directoryId": MISSING_DIRECTORY}
        },
    )


def profile_with_missing_directory(w: World) -> dict[str, Any]:
    return w.create_profile(studioComponentIds=[directory_component(w)])


def session_of_profile_with_missing_directory(w: World) -> dict[str, Any]:
    profile = profile_with_missing_directory(w)
    assert profile["state"] == "READY"
    return w.session_of(w.studio_id(), profile)


def session_of_image_whose_key_went_bad(w: World) -> dict[str, Any]:
    key = w.key()
    built = w.factory(
        studio={
            "studioEncryptionConfiguration": {
                "keyType": "CUSTOMER_MANAGED_KEY",
                "keyArn": key,
            }
        }
    )
    assert built.launch_profile["state"] == "READY"
    w.spoil(key, "Disabled")
    return w.session_of(built.studio_id, built.launch_profile)


def encrypted_studio_whose_key_went_bad(w: World) -> str:
    key = w.key()
    studio = w.create_studio(
        studioEncryptionConfiguration={"keyType": "CUSTOMER_MANAGED_KEY", "keyArn": key}
    )
    assert studio["state"] == "READY"
    w.spoil(key, "PendingDeletion")
    return str(studio["studioId"])


def component_of_studio_whose_key_went_bad(w: World) -> dict[str, Any]:
    return w.create_component(encrypted_studio_whose_key_went_bad(w))


def component_with_missing_file_system(w: World) -> dict[str, Any]:
    return w.create_component(
        w.studio_id(),
        type="SHARED_FILE_SYSTEM",
        subtype="AMAZON_FSX_FOR_WINDOWS",
        configuration={
            "sharedFileSystemConfiguration": {
                "fileSystemId": MISSING_FILE_SYSTEM,
                "shareName": "share",
                "windowsMountDrive": "Z",
            }
        },
    )


def component_with_missing_runtime_role(w: World) -> dict[str, Any]:
    return w.create_component(
        w.studio_id(), runtimeRoleArn=f"arn:aws:iam::{ACCOUNT}:role/NoRuntime"
    )


def component_updated_to_untrusting_role(w: World) -> dict[str, Any]:
    studio_id = w.studio_id()
    component = w.create_component(studio_id)
    untrusting = w.role("UntrustingInit", UNTRUSTING_POLICY)
    w.client.update_studio_component(
        studioId=studio_id,
        studioComponentId=component["studioComponentId"],
        secureInitializationRoleArn=untrusting,
    )
    return w.get_component(studio_id, component["studioComponentId"])


@dataclass(frozen=True)
class Case:
    """One row of the table of docs/references.md: what is made, and how it fails: the
    resource's state and statusCode (or, with ``validation``, that result's
    statusCode on a READY launch profile), with a statusMessage holding
    ``names``."""

    name: str
    make: Callable[[World], dict[str, Any]]
    state: str
    code: str
    names: str
    validation: str | None = None


CASES = [
    Case(
        "studio-role-missing",
        studio_with_missing_role,
        "CREATE_FAILED",
        "ROLE_COULD_NOT_BE_ASSUMED",
        f"Role arn:aws:iam::{ACCOUNT}:role/Missing could not be assumed: it does not exist",
    ),
    Case(
        "studio-role-untrusting",
        studio_with_untrusting_role,
        "CREATE_FAILED",
        "ROLE_COULD_NOT_BE_ASSUMED",
        f"Role arn:aws:iam::{ACCOUNT}:role/Untrusting could not be assumed: its trust policy",
    ),
    Case(
        "studio-role-of-another-account",
        studio_with_role_of_another_account,
        "CREATE_FAILED",
        "ROLE_NOT_OWNED_BY_STUDIO_OWNER",
        f"Role arn:aws:iam::{OTHER_ACCOUNT}:role/User belongs to account {OTHER_ACCOUNT}",
    ),
    Case(
        "studio-update-role-missing",
        studio_updated_to_missing_role,
        "UPDATE_FAILED",
        "ROLE_COULD_NOT_BE_ASSUMED",
        f"arn:aws:iam::{ACCOUNT}:role/Gone",
    ),
    Case(
        "studio-key-missing",
        encrypted_studio("missing"),
        "CREATE_FAILED",
        "ENCRYPTION_KEY_NOT_FOUND",
        "KMS key arn:aws:kms:",
    ),
    Case(
        "studio-key-disabled",
        encrypted_studio("Disabled"),
        "CREATE_FAILED",
        "ENCRYPTION_KEY_ACCESS_DENIED",
        "its state is Disabled",
    ),
    Case(
        "studio-key-pending-deletion",
        encrypted_studio("PendingDeletion"),
        "CREATE_FAILED",
        "ENCRYPTION_KEY_ACCESS_DENIED",
        "its state is PendingDeletion",
    ),
    Case(
        "image-ami-missing",
        image_of_missing_ami,
        "CREATE_FAILED",
        "ACCESS_DENIED",
        f"EC2 image {MISSING_AMI} was not found in {REGION}",
    ),
    Case(
        "profile-subnet-missing",
        profile_with_missing_subnet,
        "CREATE_FAILED",
        "INVALID_SUBNETS_PROVIDED",
        f"Subnet {MISSING_SUBNET} was not found",
    ),
    Case(
        "profile-subnet-missing-validation",
        profile_with_missing_subnet,
        "CREATE_FAILED",
        "VALIDATION_FAILED_SUBNET_NOT_FOUND",
        f"Subnet {MISSING_SUBNET} was not found",
        validation="VALIDATE_SUBNET_ASSOCIATION",
    ),
    Case(
        "profile-subnets-of-two-vpcs",
        profile_with_subnets_of_two_vpcs,
        "CREATE_FAILED",
        "INVALID_SUBNETS_COMBINATION",
        "are in more than one VPC",
    ),
    Case(
        "profile-type-not-offered",
        profile_in_zone_without_its_type,
        "CREATE_FAILED",
        "INVALID_INSTANCE_TYPES_PROVIDED",
        "Instance type g4dn.xlarge is not offered in",
    ),
    Case(
        "profile-update-type-not-offered",
        profile_updated_to_type_not_offered,
        "UPDATE_FAILED",
        "INVALID_INSTANCE_TYPES_PROVIDED",
        "Instance type g4dn.xlarge is not offered in",
    ),
    Case(
        "validation-route-table",
        profile_with_route_table_going_nowhere,
        "READY",
        "VALIDATION_FAILED_INVALID_SUBNET_ROUTE_TABLE_ASSOCIATION",
        "has no route for 0.0.0.0/0",
        validation="VALIDATE_SUBNET_ASSOCIATION",
    ),
    Case(
        "validation-network-acl",
        profile_with_closed_network_acl,
        "READY",
        "VALIDATION_FAILED_INVALID_SUBNET_ROUTE_TABLE_ASSOCIATION",
        "denies all inbound traffic",
        validation="VALIDATE_NETWORK_ACL_ASSOCIATION",
    ),
    Case(
        "validation-security-group-missing",
        profile_with_missing_security_group,
        "READY",
        "VALIDATION_FAILED_INVALID_SECURITY_GROUP_ASSOCIATION",
        f"Security group {MISSING_GROUP} was not found",
        validation="VALIDATE_SECURITY_GROUP_ASSOCIATION",
    ),
    Case(
        "validation-security-group-of-another-vpc",
        profile_with_security_group_of_another_vpc,
        "READY",
        "VALIDATION_FAILED_INVALID_SECURITY_GROUP_ASSOCIATION",
        "not in the VPC of the subnets",
        validation="VALIDATE_SECURITY_GROUP_ASSOCIATION",
    ),
    Case(
        "validation-directory-missing",
        profile_with_missing_directory,
        "READY",
        "VALIDATION_FAILED_INVALID_ACTIVE_DIRECTORY",
        f"Directory {MISSING_DIRECTORY} was not found",
        validation="VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT",
    ),
    Case(
        "session-directory-missing",
        session_of_profile_with_missing_directory,
        "CREATE_FAILED",
        "ACTIVE_DIRECTORY_DOMAIN_JOIN_ERROR",
        f"Directory {MISSING_DIRECTORY} was not found",
    ),
    Case(
        "session-image-key-went-bad",
        session_of_image_whose_key_went_bad,
        "CREATE_FAILED",
        "DECRYPT_STREAMING_IMAGE_ERROR",
        "its state is Disabled",
    ),
    Case(
        "component-studio-key-went-bad",
        component_of_studio_whose_key_went_bad,
        "CREATE_FAILED",
        "ENCRYPTION_KEY_ACCESS_DENIED",
        "its state is PendingDeletion",
    ),
    Case(
        "component-file-system-missing",
        component_with_missing_file_system,
        "CREATE_FAILED",
        "INTERNAL_ERROR",
        f"File system {MISSING_FILE_SYSTEM} was not found in FSx",
    ),
    Case(
        "component-runtime-role-missing",
        component_with_missing_runtime_role,
        "CREATE_FAILED",
        "INTERNAL_ERROR",
        f"Role arn:aws:iam::{ACCOUNT}:role/NoRuntime could not be assumed",
    ),
    Case(
        "component-update-role-untrusting",
        component_updated_to_untrusting_role,
        "UPDATE_FAILED",
        "INTERNAL_ERROR",
        f"Role arn:aws:iam::{ACCOUNT}:role/UntrustingInit could not be assumed",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_reference_that_does_not_resolve_fails_as_the_table_says(
    world: World, case: Case
) -> None:
    resource = case.make(world)
    assert resource["state"] == case.state, resource
    if case.validation is None:
        assert resource["statusCode"] == case.code, resource
        assert case.names in resource["statusMessage"], resource["statusMessage"]
        return
    results = {r["type"]: r for r in resource["validationResults"]}
    result = results.pop(case.validation)
    assert (result["state"], result["statusCode"]) == ("VALIDATION_FAILED", case.code)
    assert case.names in result["statusMessage"], result["statusMessage"]


def test_a_fully_wired_world_is_ready_and_validated(world: World) -> None:
    built = world.factory()
    for piece in (built.studio, built.component, built.image, built.launch_profile):
        assert piece["state"] == "READY", piece
    results = {
        r["type"]: r["statusCode"] for r in built.launch_profile["validationResults"]
    }
    assert results == dict.fromkeys(VALIDATION_TYPES, "VALIDATION_SUCCESS")
    assert built.start_session()["state"] == "READY"


def test_a_failed_studio_update_keeps_the_roles_it_had(world: World) -> None:
    studio_id = world.studio_id()
    before = world.get_studio(studio_id)
    after = studio_updated_to_missing_role(world)
    assert after["state"] == "UPDATE_FAILED"
    assert (after["adminRoleArn"], after["userRoleArn"]) == (
        before["adminRoleArn"],
        before["userRoleArn"],
    )


def test_a_failed_profile_update_keeps_what_it_had(world: World) -> None:
    after = profile_updated_to_type_not_offered(world)
    assert after["streamConfiguration"]["ec2InstanceTypes"] == ["g3.4xlarge"]
    assert {r["statusCode"] for r in after["validationResults"]} == {
        "VALIDATION_SUCCESS"
    }


def test_default_subnets_pass_though_moto_gives_them_no_internet_route(
    world: World,
) -> None:
    """AWS's default VPC routes to an internet gateway; moto's has no route."""
    ec2 = world.aws("ec2")
    default = ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}]
    )["Subnets"]
    subnet = next(s["SubnetId"] for s in default if s["AvailabilityZone"].endswith("a"))
    group = ec2.describe_security_groups(
        Filters=[
            {"Name": "group-name", "Values": ["default"]},
            {"Name": "vpc-id", "Values": [default[0]["VpcId"]]},
        ]
    )["SecurityGroups"][0]["GroupId"]
    component = world.component_id(ec2SecurityGroupIds=[group])
    profile = world.create_profile(
        ec2SubnetIds=[subnet], studioComponentIds=[component]
    )
    assert profile["state"] == "READY"
    assert {r["statusCode"] for r in profile["validationResults"]} == {
        "VALIDATION_SUCCESS"
    }


def test_nothing_is_looked_up_with_the_setting_off(nimble: Any, monkeypatch) -> None:
    """Today's behaviour: any role, key, AMI, subnet, group or directory is accepted."""
    monkeypatch.delenv("MOTO_NIMBLE_CHECK_REFERENCES", raising=False)
    client = nimble.client
    studio_id = client.create_studio(
        studioName="unchecked",
        displayName="unchecked",
        adminRoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/Missing",
        userRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Missing",
        studioEncryptionConfiguration={
            "keyType": "CUSTOMER_MANAGED_KEY",
            "keyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/missing",
        },
    )["studio"]["studioId"]
    factory = NimbleStudioFactory(client, wait=False)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "READY"
    component = factory.component(
        studio_id,
        type="ACTIVE_DIRECTORY",
        configuration={
            "activeDirectoryConfiguration": {"directoryId": MISSING_DIRECTORY}
        },
        ec2SecurityGroupIds=[MISSING_GROUP],
        runtimeRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Missing",
    )
    image = factory.image(studio_id, ec2ImageId=MISSING_AMI)
    profile = factory.launch_profile(
        studio_id,
        [component["studioComponentId"]],
        [image["streamingImageId"]],
        ec2SubnetIds=[MISSING_SUBNET, "subnet-0fedcba9876543210"],
    )
    assert [component["state"], image["state"], profile["state"]] == ["READY"] * 3
    assert {r["statusCode"] for r in profile["validationResults"]} == {
        "VALIDATION_SUCCESS"
    }
    session = factory.session(studio_id, profile["launchProfileId"])
    assert session["state"] == "READY"


@pytest.mark.parametrize("checked", [False, True], ids=["off", "on"])
def test_looking_never_creates_a_backend(
    nimble: Any, monkeypatch: pytest.MonkeyPatch, checked: bool
) -> None:
    """A streaming image's AMI (and a studio's roles and key, a profile's
    subnets and directory) are looked up without creating the other
    service's account entry or regional backend."""
    from moto.ds.models import ds_backends
    from moto.ec2.models import ec2_backends
    from moto.fsx.models import fsx_backends
    from moto.kms.models import kms_backends

    if checked:
        monkeypatch.setenv("MOTO_NIMBLE_CHECK_REFERENCES", "true")
    looked_in = (ec2_backends, kms_backends, ds_backends, fsx_backends)
    assert [dict.get(b, ACCOUNT) for b in looked_in] == [None] * 4
    client = nimble.client
    studio_id = client.create_studio(
        studioName="looking",
        displayName="looking",
        adminRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Admin",
        userRoleArn=f"arn:aws:iam::{ACCOUNT}:role/User",
        studioEncryptionConfiguration={
            "keyType": "CUSTOMER_MANAGED_KEY",
            "keyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/missing",
        },
    )["studio"]["studioId"]
    client.get_studio(studioId=studio_id)
    # a studio that failed cannot have children: look from a second one
    monkeypatch.delenv("MOTO_NIMBLE_CHECK_REFERENCES", raising=False)
    other = client.create_studio(
        studioName="looking2",
        displayName="looking2",
        adminRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Admin",
        userRoleArn=f"arn:aws:iam::{ACCOUNT}:role/User",
    )["studio"]["studioId"]
    client.get_studio(studioId=other)
    if checked:
        monkeypatch.setenv("MOTO_NIMBLE_CHECK_REFERENCES", "true")
    image_id = client.create_streaming_image(
        studioId=other, name="image", ec2ImageId="ami-0123456789abcdef0"
    )["streamingImage"]["streamingImageId"]
    client.get_streaming_image(studioId=other, streamingImageId=image_id)
    component_id = client.create_studio_component(
        studioId=other,
        name="directory",
        type="ACTIVE_DIRECTORY",
        configuration={
            "activeDirectoryConfiguration": {"directoryId": MISSING_DIRECTORY}
        },
        ec2SecurityGroupIds=[MISSING_GROUP],
    )["studioComponent"]["studioComponentId"]
    client.get_studio_component(studioId=other, studioComponentId=component_id)
    profile_id = client.create_launch_profile(
        studioId=other,
        name="profile",
        ec2SubnetIds=[MISSING_SUBNET],
        launchProfileProtocolVersions=[PROTOCOL_VERSION],
        studioComponentIds=[component_id],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [image_id],
        },
    )["launchProfile"]["launchProfileId"]
    client.get_launch_profile(studioId=other, launchProfileId=profile_id)
    assert [dict.get(b, ACCOUNT) for b in looked_in] == [None] * 4


def test_a_stack_whose_studio_role_does_not_resolve_fails_naming_it(
    world: World,
) -> None:
    cfn = world.aws("cloudformation")
    admin, _ = world.roles()
    missing = f"arn:aws:iam::{ACCOUNT}:role/NotThere"
    template = {
        "Resources": {
            "Studio": {
                "Type": "AWS::NimbleStudio::Studio",
                "Properties": {
                    "StudioName": "stacked",
                    "DisplayName": "Stacked",
                    "AdminRoleArn": admin,
                    "UserRoleArn": missing,
                },
            }
        }
    }
    cfn.create_stack(StackName="refs", TemplateBody=json.dumps(template))
    stack = cfn.describe_stacks(StackName="refs")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_FAILED"
    events = cfn.describe_stack_events(StackName="refs")["StackEvents"]
    reasons = " ".join(
        e.get("ResourceStatusReason", "")
        for e in events
        if e["ResourceStatus"] == "CREATE_FAILED"
    )
    assert "ROLE_COULD_NOT_BE_ASSUMED" in reasons or missing in reasons, reasons
    assert f"Role {missing} could not be assumed: it does not exist" in reasons


def statement(**overrides: Any) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "identity.nimble.amazonaws.com"},
                "Action": "sts:AssumeRole",
                **overrides,
            }
        ],
    }


@pytest.mark.parametrize(
    ("document", "trusted"),
    [
        (statement(), True),
        (statement(Action=["sts:TagSession", "sts:AssumeRole"]), True),
        (statement(Action="sts:*"), True),
        (statement(Action="*"), True),
        (statement(Action="sts:AssumeRoleWithSAML"), False),
        (statement(Action="sts:Assume*"), True),
        (
            statement(
                Principal={
                    "Service": ["ec2.amazonaws.com", "identity.nimble.amazonaws.com"]
                }
            ),
            True,
        ),
        (statement(Principal={"Service": "ec2.amazonaws.com"}), False),
        (statement(Principal={"AWS": "arn:aws:iam::123456789012:root"}), False),
        (statement(Principal="*"), False),
        (statement(Effect="Deny"), False),
        (
            {
                "Statement": [
                    *statement()["Statement"],
                    *statement(Effect="Deny")["Statement"],
                ]
            },
            False,
        ),
        ({"Statement": statement()["Statement"][0]}, True),  # one statement, no list
        ("not json", False),
        ([], False),
    ],
)
def test_what_trust_policy_lets_nimble_assume_a_role(
    document: Any, trusted: bool
) -> None:
    from moto_nimble.models.references import trusts_nimble

    text = document if isinstance(document, str) else json.dumps(document)
    assert trusts_nimble(text) is trusted
