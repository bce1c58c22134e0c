"""GetLaunchProfileDetails, GetLaunchProfileInitialization."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from helpers import (
    ACCOUNT,
    MISSING_ID,
    PROTOCOL_VERSION,
    REGION,
    assert_error,
    snapshot,
)

#: the Amazon-owned images every studio sees
AMAZON_WINDOWS = "Cw_jXnp1QcSSXhE2hkNRoQ"
AMAZON_LINUX = "YGXAqgoWTnCNSV8VP20sHQ"
#: what the `aws nimble get-launch-profile-details` reference example shows of a
#: component: "studioComponentSummaries": [{"description": "FSx for Windows",
#: "name": "Shared Windows Data", "studioComponentId": "ZQuMxN99Qfa_Js6ma9TwdA",
#: "subtype": "AMAZON_FSX_FOR_WINDOWS", "type": "SHARED_FILE_SYSTEM"}, ...]
SUMMARY_MEMBERS = {"description", "name", "studioComponentId", "subtype", "type"}
RUNTIME_ROLE = f"arn:aws:iam::{ACCOUNT}:role/ComponentRuntime"
SECURE_ROLE = f"arn:aws:iam::{ACCOUNT}:role/ComponentSecureInit"
DIRECTORY_ID = "d-0123456789"
AD_CONFIGURATION = {
    "activeDirectoryConfiguration": {
        "directoryId": DIRECTORY_ID,
        "organizationalUnitDistinguishedName": "OU=Workstations,DC=corp,DC=example,DC=com",
        "computerAttributes": [{"name": "location", "value": "studio-a"}],
    }
}


def script(platform: str, run_context: str, text: str) -> dict[str, str]:
    return {
        "launchProfileProtocolVersion": PROTOCOL_VERSION,
        "platform": platform,
        "runContext": run_context,
        "script": text,
    }


def init(client: Any, studio_id: str, profile_id: str, **overrides: Any) -> Any:
    params = {
        "launchProfileProtocolVersions": [PROTOCOL_VERSION],
        "launchPurpose": "WORKSTATION",
        "platform": "LINUX",
        **overrides,
    }
    return client.get_launch_profile_initialization(
        studioId=studio_id, launchProfileId=profile_id, **params
    )["launchProfileInitialization"]


def created_profile(
    client: Any, studio_id: str, component_id: str, image_ids: list[str]
) -> str:
    """CreateLaunchProfile, not waited for: the ID of a profile CREATE_IN_PROGRESS."""
    profile_id: str = client.create_launch_profile(
        studioId=studio_id,
        name="profile",
        ec2SubnetIds=[],
        launchProfileProtocolVersions=[PROTOCOL_VERSION],
        studioComponentIds=[component_id],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": image_ids,
        },
    )["launchProfile"]["launchProfileId"]
    return profile_id


@pytest.fixture
def components(factory: Any, studio_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A READY compute farm and Active Directory component, with security
    groups (one shared) and scripts for both platforms and run contexts."""
    farm = factory.component(
        studio_id,
        name="farm",
        type="COMPUTE_FARM",
        subtype="CUSTOM",
        description="Render farm running Deadline",
        ec2SecurityGroupIds=["sg-0000000000000000a", "sg-0000000000000000b"],
        initializationScripts=[
            script("LINUX", "SYSTEM_INITIALIZATION", "mount farm"),
            script("WINDOWS", "SYSTEM_INITIALIZATION", "net use farm"),
            script("LINUX", "USER_INITIALIZATION", "deadline-login"),
        ],
        runtimeRoleArn=RUNTIME_ROLE,
        secureInitializationRoleArn=SECURE_ROLE,
    )
    ad = factory.component(
        studio_id,
        name="directory",
        type="ACTIVE_DIRECTORY",
        subtype="AWS_MANAGED_MICROSOFT_AD",
        configuration=AD_CONFIGURATION,
        ec2SecurityGroupIds=["sg-0000000000000000b", "sg-0000000000000000c"],
        initializationScripts=[
            script("LINUX", "SYSTEM_INITIALIZATION", "realm join"),
            script("WINDOWS", "USER_INITIALIZATION", "map drives"),
        ],
    )
    return farm, ad


def profile_with(
    factory: Any, studio_id: str, component_ids: list[str], image_ids: list[str]
) -> dict[str, Any]:
    return dict(factory.launch_profile(studio_id, component_ids, image_ids))


# --- GetLaunchProfileDetails -------------------------------------------------


def test_get_launch_profile_details(client, factory, studio_id, components):
    farm, ad = components
    image = factory.image(studio_id, description="lookdev")
    profile = profile_with(
        factory,
        studio_id,
        [ad["studioComponentId"], farm["studioComponentId"]],
        [image["streamingImageId"], AMAZON_LINUX],
    )

    details = client.get_launch_profile_details(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )

    assert details["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert details["launchProfile"] == profile
    amazon = client.get_streaming_image(
        studioId=studio_id, streamingImageId=AMAZON_LINUX
    )["streamingImage"]
    assert details["streamingImages"] == [image, amazon]
    assert amazon["owner"] == "amazon"
    assert len(amazon["eulaIds"]) == 6
    summaries = details["studioComponentSummaries"]
    assert [s["studioComponentId"] for s in summaries] == [
        ad["studioComponentId"],
        farm["studioComponentId"],
    ]
    farm_summary = summaries[1]
    assert set(farm_summary) == SUMMARY_MEMBERS
    assert farm_summary == {m: farm[m] for m in SUMMARY_MEMBERS}
    # no description was set on the AD component: the member is left out
    assert summaries[0] == {m: ad[m] for m in SUMMARY_MEMBERS - {"description"}}


def test_get_launch_profile_details_settles_like_a_get(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile_id = created_profile(client, studio_id, component_id, [AMAZON_WINDOWS])

    details = client.get_launch_profile_details(
        studioId=studio_id, launchProfileId=profile_id
    )

    assert details["launchProfile"]["state"] == "READY"
    assert details["launchProfile"]["statusCode"] == "LAUNCH_PROFILE_CREATED"


def test_get_launch_profile_details_deleted_and_unknown_images(
    client, factory, studio_id
):
    component_id = factory.component(studio_id)["studioComponentId"]
    kept = factory.image(studio_id, name="kept")["streamingImageId"]
    gone = factory.image(studio_id, name="gone")["streamingImageId"]
    # An ID the studio never had: the profile is created, then fails.
    profile_id = created_profile(
        client, studio_id, component_id, [MISSING_ID, gone, kept]
    )
    client.delete_streaming_image(studioId=studio_id, streamingImageId=gone)

    details = client.get_launch_profile_details(
        studioId=studio_id, launchProfileId=profile_id
    )

    assert details["launchProfile"]["state"] == "CREATE_FAILED"
    images = details["streamingImages"]
    assert [(i["streamingImageId"], i["state"]) for i in images] == [
        (gone, "DELETED"),
        (kept, "READY"),
    ]


def test_get_launch_profile_details_deleted_component(client, factory, studio_id):
    kept = factory.component(studio_id, name="kept")["studioComponentId"]
    gone = factory.component(studio_id, name="gone")["studioComponentId"]
    profile = profile_with(factory, studio_id, [gone, kept], [AMAZON_WINDOWS])
    client.delete_studio_component(studioId=studio_id, studioComponentId=gone)

    details = client.get_launch_profile_details(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )

    assert [s["studioComponentId"] for s in details["studioComponentSummaries"]] == [
        gone,
        kept,
    ]
    deleted = client.get_studio_component(studioId=studio_id, studioComponentId=gone)
    assert deleted["studioComponent"]["state"] == "DELETED"


def test_get_launch_profile_details_deleted_profile(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile_id = profile_with(factory, studio_id, [component_id], [AMAZON_WINDOWS])[
        "launchProfileId"
    ]
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)

    details = client.get_launch_profile_details(
        studioId=studio_id, launchProfileId=profile_id
    )

    assert details["launchProfile"]["state"] == "DELETED"
    assert details["launchProfile"]["statusCode"] == "LAUNCH_PROFILE_DELETED"


def test_get_launch_profile_details_profile_of_other_studio(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile_id = profile_with(factory, studio_id, [component_id], [AMAZON_WINDOWS])[
        "launchProfileId"
    ]
    other = factory.studio("other")["studioId"]

    with pytest.raises(ClientError) as excinfo:
        client.get_launch_profile_details(studioId=other, launchProfileId=profile_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": profile_id}
    assert client.get_launch_profile_details(
        studioId=studio_id, launchProfileId=profile_id
    )["launchProfile"]["state"] == ("READY")


# --- GetLaunchProfileInitialization -----------------------------------------


def test_get_launch_profile_initialization(client, factory, studio_id, components):
    farm, ad = components
    profile = profile_with(
        factory,
        studio_id,
        [farm["studioComponentId"], ad["studioComponentId"]],
        [AMAZON_LINUX],
    )

    response = client.get_launch_profile_initialization(
        studioId=studio_id,
        launchProfileId=profile["launchProfileId"],
        launchProfileProtocolVersions=["1999-01-01", PROTOCOL_VERSION],
        launchPurpose="WORKSTATION",
        platform="linux",
    )

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    farm_id, ad_id = farm["studioComponentId"], ad["studioComponentId"]
    farm_roles = {
        "runtimeRoleArn": RUNTIME_ROLE,
        "secureInitializationRoleArn": SECURE_ROLE,
    }
    assert response["launchProfileInitialization"] == {
        "launchProfileId": profile["launchProfileId"],
        "name": "profile",
        "launchProfileProtocolVersion": PROTOCOL_VERSION,
        "launchPurpose": "WORKSTATION",
        "platform": "LINUX",
        "ec2SecurityGroupIds": [
            "sg-0000000000000000a",
            "sg-0000000000000000b",
            "sg-0000000000000000c",
        ],
        "activeDirectory": {
            **AD_CONFIGURATION["activeDirectoryConfiguration"],
            "studioComponentId": ad_id,
            "studioComponentName": "directory",
        },
        "systemInitializationScripts": [
            {
                "script": "mount farm",
                **farm_roles,
                "studioComponentId": farm_id,
                "studioComponentName": "farm",
            },
            {
                "script": "realm join",
                "studioComponentId": ad_id,
                "studioComponentName": "directory",
            },
        ],
        "userInitializationScripts": [
            {
                "script": "deadline-login",
                **farm_roles,
                "studioComponentId": farm_id,
                "studioComponentName": "farm",
            }
        ],
    }


def test_get_launch_profile_initialization_windows(
    client, factory, studio_id, components
):
    farm, ad = components
    profile = profile_with(
        factory,
        studio_id,
        [ad["studioComponentId"], farm["studioComponentId"]],
        [AMAZON_WINDOWS],
    )

    result = init(client, studio_id, profile["launchProfileId"], platform="WINDOWS")

    assert result["platform"] == "WINDOWS"
    # the union follows the profile's component order
    assert result["ec2SecurityGroupIds"] == [
        "sg-0000000000000000b",
        "sg-0000000000000000c",
        "sg-0000000000000000a",
    ]
    assert [s["script"] for s in result["systemInitializationScripts"]] == [
        "net use farm"
    ]
    assert [s["script"] for s in result["userInitializationScripts"]] == ["map drives"]


def test_get_launch_profile_initialization_without_security_groups_or_directory(
    client, factory, studio_id
):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile = profile_with(factory, studio_id, [component_id], [AMAZON_LINUX])

    result = init(client, studio_id, profile["launchProfileId"])

    assert "ec2SecurityGroupIds" not in result
    assert "activeDirectory" not in result
    assert result["systemInitializationScripts"] == []
    assert result["userInitializationScripts"] == []


def test_get_launch_profile_initialization_skips_deleted_components(
    client, factory, studio_id, components
):
    farm, ad = components
    profile = profile_with(
        factory,
        studio_id,
        [farm["studioComponentId"], ad["studioComponentId"]],
        [AMAZON_LINUX],
    )
    client.delete_studio_component(
        studioId=studio_id, studioComponentId=ad["studioComponentId"]
    )

    result = init(client, studio_id, profile["launchProfileId"])

    assert result["ec2SecurityGroupIds"] == [
        "sg-0000000000000000a",
        "sg-0000000000000000b",
    ]
    assert "activeDirectory" not in result
    assert [s["script"] for s in result["systemInitializationScripts"]] == [
        "mount farm"
    ]


@pytest.fixture
def aws(nimble: Any) -> Any:
    """A boto3 client factory for other services, in the test's mode."""

    def make(service: str) -> Any:
        kwargs = {"endpoint_url": nimble.server_url} if nimble.server_url else {}
        return boto3.client(service, region_name=REGION, **kwargs)

    return make


def test_get_launch_profile_initialization_directory_from_directory_service(
    client, factory, studio_id, aws
):
    ec2 = aws("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(
            VpcId=vpc_id, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone=f"{REGION}{az}"
        )["Subnet"]["SubnetId"]
        for n, az in ((1, "a"), (2, "b"))
    ]
    ds = aws("ds")
    directory_id = ds.create_microsoft_ad(
        Name="corp.example.com",
        Password="Passw0rd!Passw0rd",
        VpcSettings={"VpcId": vpc_id, "SubnetIds": subnets},
    )["DirectoryId"]
    directory = ds.describe_directories(DirectoryIds=[directory_id])[
        "DirectoryDescriptions"
    ][0]
    ad_id = factory.component(
        studio_id,
        name="directory",
        type="ACTIVE_DIRECTORY",
        configuration={
            "activeDirectoryConfiguration": {
                "directoryId": directory_id,
                "organizationalUnitDistinguishedName": "OU=x,DC=corp",
            }
        },
    )["studioComponentId"]
    profile = profile_with(factory, studio_id, [ad_id], [AMAZON_WINDOWS])

    result = init(client, studio_id, profile["launchProfileId"], platform="WINDOWS")

    assert result["activeDirectory"] == {
        "directoryId": directory_id,
        "directoryName": "corp.example.com",
        "dnsIpAddresses": directory["DnsIpAddrs"],
        "organizationalUnitDistinguishedName": "OU=x,DC=corp",
        "studioComponentId": ad_id,
        "studioComponentName": "directory",
    }
    assert len(directory["DnsIpAddrs"]) == 2


def test_get_launch_profile_initialization_does_not_create_ds_backend(
    client, factory, studio_id, components
):
    from moto.ds.models import ds_backends

    _, ad = components
    profile = profile_with(
        factory, studio_id, [ad["studioComponentId"]], [AMAZON_LINUX]
    )

    result = init(client, studio_id, profile["launchProfileId"])

    assert result["activeDirectory"]["directoryId"] == DIRECTORY_ID
    assert "directoryName" not in result["activeDirectory"]
    # Both modes share this process: the server's moto state is the same module.
    account = dict.get(ds_backends, ACCOUNT)
    # (``in`` says yes to every region ds offers: ask which backends exist)
    assert account is None or REGION not in account.keys()  # noqa: SIM118


def test_get_launch_profile_initialization_no_common_protocol_version(
    client, factory, studio_id
):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile = profile_with(factory, studio_id, [component_id], [AMAZON_LINUX])

    with pytest.raises(ClientError) as excinfo:
        init(
            client,
            studio_id,
            profile["launchProfileId"],
            launchProfileProtocolVersions=["2020-01-01"],
        )
    assert_error(excinfo, "ValidationException", 400, "2020-01-01", PROTOCOL_VERSION)


def test_get_launch_profile_initialization_invalid_platform(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile = profile_with(factory, studio_id, [component_id], [AMAZON_LINUX])

    with pytest.raises(ClientError) as excinfo:
        init(client, studio_id, profile["launchProfileId"], platform="MACOS")
    assert_error(excinfo, "ValidationException", 400, "platform", "MACOS")


def test_get_launch_profile_initialization_invalid_launch_purpose(
    client, factory, studio_id
):
    component_id = factory.component(studio_id)["studioComponentId"]
    profile = profile_with(factory, studio_id, [component_id], [AMAZON_LINUX])

    for purpose in ("workstation", "W" * 65, ""):
        with pytest.raises(ClientError) as excinfo:
            init(client, studio_id, profile["launchProfileId"], launchPurpose=purpose)
        assert_error(excinfo, "ValidationException", 400, "launchPurpose")


def test_get_launch_profile_initialization_settles_the_profile(
    client, factory, studio_id
):
    """A client that only polls GetLaunchProfileInitialization after creating
    a profile gets it, as it would after any Get."""
    component_id = factory.component(studio_id)["studioComponentId"]
    profile_id = created_profile(client, studio_id, component_id, [AMAZON_LINUX])

    assert init(client, studio_id, profile_id)["launchProfileId"] == profile_id


def test_a_refused_initialization_changes_nothing(client, factory, studio_id):
    """A request refused for what it sent (a launchPurpose the answer could not
    carry) leaves a new profile as it was: it does not count as its Get."""
    component_id = factory.component(studio_id)["studioComponentId"]
    profile_id = created_profile(client, studio_id, component_id, [AMAZON_LINUX])
    before = snapshot()

    with pytest.raises(ClientError) as excinfo:
        init(client, studio_id, profile_id, launchPurpose="not a purpose!")

    assert_error(excinfo, "ValidationException", 400, "launchPurpose")
    assert snapshot() == before


def test_get_launch_profile_initialization_profile_not_ready(
    nimble, client, factory, studio_id
):
    """GetLaunchProfileInitialization counts as a Get (the profile settles on
    it as on any Get), and answers 409 while the profile is not READY yet."""
    nimble.set_transition(
        "nimble::launch_profile", {"progression": "manual", "times": 2}
    )
    component_id = factory.component(studio_id)["studioComponentId"]
    profile_id = created_profile(client, studio_id, component_id, [AMAZON_LINUX])

    with pytest.raises(ClientError) as excinfo:
        init(client, studio_id, profile_id)
    assert_error(excinfo, "ConflictException", 409, "CREATE_IN_PROGRESS", "READY")

    profile = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    assert profile["launchProfile"]["state"] == "READY"
    assert init(client, studio_id, profile_id)["launchProfileId"] == profile_id
