"""Build a READY Nimble Studio in one call, with any boto3 ``nimble`` client:
inside ``mock_nimblestudio()`` or ``mock_aws()``, or against a running
``moto-nimble-server``. The pytest plugin's ``nimble_studio_factory`` fixture
hands out one; this module needs no pytest.

::

    from moto_nimble.factory import NimbleStudioFactory

    built = NimbleStudioFactory(client)()  # studio, component, image, launch profile
    session = built.start_session()        # READY
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

#: Role ARNs the factory's studios use (moto does not check them).
ADMIN_ROLE_ARN = "arn:aws:iam::123456789012:role/NimbleStudioAdmin"
USER_ROLE_ARN = "arn:aws:iam::123456789012:role/NimbleStudioUser"

#: The trust policy the studio roles of a real world get: the service's
#: identity principal may assume them.
STUDIO_ROLE_TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "identity.nimble.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
#: The instance types the factory's launch profiles offer by default.
DEFAULT_INSTANCE_TYPES = ["g4dn.xlarge", "g4dn.2xlarge"]

#: Waiter polling: settled at once by default; one second apart if a test slowed
#: the transitions down with moto's state manager.
_WAIT = {"Delay": 1, "MaxAttempts": 120}


@dataclass
class NimbleStudio:
    """What one :class:`NimbleStudioFactory` call built, each piece as the Get call returns it."""

    client: Any
    studio: dict[str, Any]
    component: dict[str, Any]
    image: dict[str, Any]
    launch_profile: dict[str, Any]
    #: the EulaAcceptance items AcceptEulas returned (empty when no image needed one)
    eula_acceptances: list[dict[str, Any]] = field(default_factory=list)
    #: whether :meth:`start_session` waits as the factory that built it does
    wait: bool = True

    @property
    def studio_id(self) -> str:
        """The studio's ID."""
        return str(self.studio["studioId"])

    @property
    def component_id(self) -> str:
        """The studio component's ID."""
        return str(self.component["studioComponentId"])

    @property
    def image_id(self) -> str:
        """The streaming image's ID."""
        return str(self.image["streamingImageId"])

    @property
    def launch_profile_id(self) -> str:
        """The launch profile's ID."""
        return str(self.launch_profile["launchProfileId"])

    def start_session(self, **kwargs: Any) -> dict[str, Any]:
        """Create a streaming session on the launch profile and return it READY.

        ``kwargs`` go to CreateStreamingSession (``ec2InstanceType``,
        ``streamingImageId``, ``ownedBy``, ``tags``).
        """
        return NimbleStudioFactory(self.client, wait=self.wait).session(
            self.studio_id, self.launch_profile_id, **kwargs
        )


class NimbleStudioFactory:
    """Builds READY resources through the public API of any ``nimble`` client.

    Call it for a whole :class:`NimbleStudio`, or use one builder at a time
    (:meth:`studio`, :meth:`component`, :meth:`image`, :meth:`launch_profile`,
    :meth:`session`): each creates with defaults that its keyword arguments
    override, reads it back with a Get and, if that does not show it READY,
    waits with its ``*_ready`` waiter; it returns the resource as its Get call
    does. With the default transitions, which settle on the first Get, that is
    one Create and one Get each.
    The ``nimble_studio_factory`` fixture is one of these around
    ``nimble_client``; build one yourself to use another client (e.g. one aimed
    at a moto server).

    With ``wait=False`` a builder never waits: a test that slowed the
    transitions down with moto's state manager gets the resource in the state
    its one Get shows.

    With ``references=True`` the factory first builds, through clients made
    from ``session`` (a boto3 Session; by default a new one in the client's
    region, with the credentials botocore finds, aimed at the client's
    endpoint when that is not AWS's), what the Create calls name in other
    services: the studio roles, trusted by ``identity.nimble.amazonaws.com``;
    a VPC with an internet gateway and a route to it, two subnets in two
    Availability Zones that offer the profile's instance types, and a security
    group for the component; an AMI of moto's catalogue for the image. So a
    suite can set ``MOTO_NIMBLE_CHECK_REFERENCES=true`` and keep using it.
    """

    def __init__(
        self,
        client: Any,
        *,
        wait: bool = True,
        references: bool = False,
        session: Any = None,
    ) -> None:
        self.client = client
        self.wait = wait
        self.references = references
        self._session = session
        #: what references=True built, made once per factory
        self._roles: tuple[str, str] | None = None
        self._networks: dict[tuple[str, ...], dict[str, Any]] = {}
        self._ami: str | None = None

    def __call__(
        self,
        *,
        stream_configuration: dict[str, Any] | None = None,
        studio: dict[str, Any] | None = None,
        component: dict[str, Any] | None = None,
        image: dict[str, Any] | None = None,
        launch_profile: dict[str, Any] | None = None,
        accept_eulas: bool = True,
    ) -> NimbleStudio:
        """Create a READY studio, component, image and launch profile that uses them.

        Each dict is merged over the defaults of its Create call:
        ``studio`` (CreateStudio), ``component`` (CreateStudioComponent, default
        a COMPUTE_FARM), ``image`` (CreateStreamingImage: the studio's own
        image, which needs no EULA), ``launch_profile`` (CreateLaunchProfile) and
        ``stream_configuration`` (its ``streamConfiguration``; by default
        ``ec2InstanceTypes`` g4dn.xlarge and g4dn.2xlarge, ``streamingImageIds``
        the new image). The EULAs of every image the profile lists (the Amazon
        images have six) are accepted unless ``accept_eulas`` is False.
        """
        built_studio = self.studio(**(studio or {}))
        studio_id = built_studio["studioId"]
        component = dict(component or {})
        if self.references and "ec2SecurityGroupIds" not in component:
            types = (stream_configuration or {}).get(
                "ec2InstanceTypes", DEFAULT_INSTANCE_TYPES
            )
            component["ec2SecurityGroupIds"] = [self.network(types)["securityGroupId"]]
        built_component = self.component(studio_id, **component)
        built_image = self.image(studio_id, **(image or {}))
        built_profile = self.launch_profile(
            studio_id,
            [built_component["studioComponentId"]],
            [built_image["streamingImageId"]],
            stream_configuration,
            **(launch_profile or {}),
        )
        image_ids = built_profile["streamConfiguration"]["streamingImageIds"]
        acceptances = (
            self.accept_eulas(
                studio_id,
                image_ids,
                known={built_image["streamingImageId"]: built_image},
            )
            if accept_eulas
            else []
        )
        return NimbleStudio(
            self.client,
            built_studio,
            built_component,
            built_image,
            built_profile,
            acceptances,
            self.wait,
        )

    def studio(self, **overrides: Any) -> dict[str, Any]:
        """CreateStudio, by default with a fresh name and the factory's roles.

        The name is drawn at random: a studio name is one per region, whatever
        the account, and other processes (test workers sharing a server, a
        rerun against the same server) make studios too."""
        name = f"studio{uuid.uuid4().hex[:16]}"
        admin, user = (
            self.studio_roles() if self.references else (ADMIN_ROLE_ARN, USER_ROLE_ARN)
        )
        studio_id = self.client.create_studio(
            **{
                "studioName": name,
                "displayName": name,
                "adminRoleArn": admin,
                "userRoleArn": user,
                **overrides,
            }
        )["studio"]["studioId"]
        return self._ready("studio", "studio", studioId=studio_id)

    def component(self, studio_id: str, **overrides: Any) -> dict[str, Any]:
        """CreateStudioComponent, by default a COMPUTE_FARM named ``farm``."""
        component_id = self.client.create_studio_component(
            **{"name": "farm", "type": "COMPUTE_FARM", **overrides}, studioId=studio_id
        )["studioComponent"]["studioComponentId"]
        return self._ready(
            "studio_component",
            "studioComponent",
            studioId=studio_id,
            studioComponentId=component_id,
        )

    def image(self, studio_id: str, **overrides: Any) -> dict[str, Any]:
        """CreateStreamingImage: by default the studio's own image, which needs no EULA."""
        ami = self.ami() if self.references else "ami-0123456789abcdef0"
        image_id = self.client.create_streaming_image(
            **{"name": "image", "ec2ImageId": ami, **overrides},
            studioId=studio_id,
        )["streamingImage"]["streamingImageId"]
        return self._ready(
            "streaming_image",
            "streamingImage",
            studioId=studio_id,
            streamingImageId=image_id,
        )

    def launch_profile(
        self,
        studio_id: str,
        component_ids: list[str],
        image_ids: list[str],
        stream_configuration: dict[str, Any] | None = None,
        **overrides: Any,
    ) -> dict[str, Any]:
        """CreateLaunchProfile on these components and images; the stream
        configuration merged over g4dn.xlarge and g4dn.2xlarge instances."""
        config = {
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": DEFAULT_INSTANCE_TYPES,
            "streamingImageIds": image_ids,
            **(stream_configuration or {}),
        }
        subnets = (
            self.network(config["ec2InstanceTypes"])["subnetIds"]
            if self.references
            else ["subnet-0123456789abcdef0"]
        )
        profile_id = self.client.create_launch_profile(
            **{
                "name": "profile",
                "ec2SubnetIds": subnets,
                "launchProfileProtocolVersions": ["2021-03-31"],
                "studioComponentIds": component_ids,
                "streamConfiguration": config,
                **overrides,
            },
            studioId=studio_id,
        )["launchProfile"]["launchProfileId"]
        return self._ready(
            "launch_profile",
            "launchProfile",
            studioId=studio_id,
            launchProfileId=profile_id,
        )

    def session(
        self, studio_id: str, launch_profile_id: str, **kwargs: Any
    ) -> dict[str, Any]:
        """CreateStreamingSession from the launch profile."""
        session_id = self.client.create_streaming_session(
            studioId=studio_id, launchProfileId=launch_profile_id, **kwargs
        )["session"]["sessionId"]
        return self._ready(
            "streaming_session", "session", studioId=studio_id, sessionId=session_id
        )

    def _ready(self, resource: str, key: str, **ids: str) -> dict[str, Any]:
        """``response[key]`` of ``get_<resource>``, READY: one Get, and when that
        shows another state (and ``wait`` is on), ``<resource>_ready``'s
        waiter, then a Get again."""
        get = getattr(self.client, f"get_{resource}")
        built: dict[str, Any] = get(**ids)[key]
        if self.wait and built.get("state") != "READY":
            self.client.get_waiter(f"{resource}_ready").wait(**ids, WaiterConfig=_WAIT)
            built = get(**ids)[key]
        return built

    def accept_eulas(
        self,
        studio_id: str,
        image_ids: list[str],
        *,
        known: dict[str, dict[str, Any]] | None = None,
    ) -> list[dict[str, Any]]:
        """Accept, for the studio, the EULAs that the listed images require
        (``known``: images already read, by ID, that need no Get)."""
        eula_ids: list[str] = []
        for image_id in image_ids:
            found = (known or {}).get(image_id) or self.client.get_streaming_image(
                studioId=studio_id, streamingImageId=image_id
            )["streamingImage"]
            eula_ids += [e for e in found.get("eulaIds", []) if e not in eula_ids]
        if not eula_ids:
            return []
        accepted: list[dict[str, Any]] = self.client.accept_eulas(
            studioId=studio_id, eulaIds=eula_ids
        )["eulaAcceptances"]
        return accepted

    # -- the world around a studio (references=True) --------------------------

    def aws_client(self, service: str) -> Any:
        """A client of another service, from ``session``, in the nimble
        client's region and aimed at its endpoint when that is not one of
        nimble's hosts (a moto server)."""
        from ._registration import HOST
        from .sessions import boto3_session

        region = self.client.meta.region_name
        if self._session is None:
            self._session = boto3_session(region_name=region)
        kwargs: dict[str, Any] = {"region_name": region}
        endpoint = self.client.meta.endpoint_url
        if not re.match(HOST, urlparse(endpoint).netloc, re.IGNORECASE):
            kwargs["endpoint_url"] = endpoint
        return self._session.client(service, **kwargs)

    def studio_roles(self) -> tuple[str, str]:
        """The admin and user roles' ARNs: IAM roles that
        ``identity.nimble.amazonaws.com`` may assume, made once."""
        if self._roles is None:
            iam = self.aws_client("iam")
            suffix = uuid.uuid4().hex[:12]
            admin, user = (
                iam.create_role(
                    RoleName=f"NimbleStudio{kind}{suffix}",
                    AssumeRolePolicyDocument=json.dumps(STUDIO_ROLE_TRUST_POLICY),
                )["Role"]["Arn"]
                for kind in ("Admin", "User")
            )
            self._roles = (admin, user)
        return self._roles

    def network(self, instance_types: list[str]) -> dict[str, Any]:
        """``vpcId``, ``subnetIds`` (two, in two Availability Zones that offer
        every one of ``instance_types``) and ``securityGroupId``: a VPC whose
        main route table sends 0.0.0.0/0 to its internet gateway, made once
        per set of instance types."""
        key = tuple(sorted(instance_types))
        if key in self._networks:
            return self._networks[key]
        ec2 = self.aws_client("ec2")
        zones = _zones_offering(ec2, list(key))
        if len(zones) < 2:
            raise ValueError(
                f"fewer than two Availability Zones of {ec2.meta.region_name} "
                f"offer {', '.join(key)}"
            )
        number = len(self._networks)
        vpc_id = ec2.create_vpc(CidrBlock=f"10.{number}.0.0/16")["Vpc"]["VpcId"]
        gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc_id)
        tables = ec2.describe_route_tables(
            Filters=[
                {"Name": "vpc-id", "Values": [vpc_id]},
                {"Name": "association.main", "Values": ["true"]},
            ]
        )["RouteTables"]
        ec2.create_route(
            RouteTableId=tables[0]["RouteTableId"],
            DestinationCidrBlock="0.0.0.0/0",
            GatewayId=gateway,
        )
        subnets = [
            ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=f"10.{number}.{i}.0/24", AvailabilityZone=zone
            )["Subnet"]["SubnetId"]
            for i, zone in enumerate(zones[:2])
        ]
        group = ec2.create_security_group(
            GroupName=f"nimble-{uuid.uuid4().hex[:12]}",
            Description="Nimble Studio workstations",
            VpcId=vpc_id,
        )["GroupId"]
        built = {"vpcId": vpc_id, "subnetIds": subnets, "securityGroupId": group}
        self._networks[key] = built
        return built

    def ami(self) -> str:
        """An AMI of moto's catalogue in the client's region (the first by ID
        of Amazon's Amazon Linux 2 images, else of any Amazon owns), chosen once."""
        if self._ami is None:
            ec2 = self.aws_client("ec2")
            images = (
                ec2.describe_images(
                    Owners=["amazon"],
                    Filters=[{"Name": "name", "Values": ["amzn2-ami-hvm-*"]}],
                )["Images"]
                or ec2.describe_images(Owners=["amazon"])["Images"]
            )
            if not images:
                raise ValueError("moto's EC2 has no Amazon AMI in this region")
            self._ami = str(min(image["ImageId"] for image in images))
        return self._ami


def _zones_offering(ec2: Any, instance_types: list[str]) -> list[str]:
    """The Availability Zones of the region that offer every one of the
    instance types, in name order; a type offered in no zone at all (moto's
    data has gaps) does not count against any."""
    offered: dict[str, set[str]] = {}
    zones: set[str] = set()
    paginator = ec2.get_paginator("describe_instance_type_offerings")
    for page in paginator.paginate(
        LocationType="availability-zone",
        Filters=[{"Name": "instance-type", "Values": instance_types}],
    ):
        for offering in page["InstanceTypeOfferings"]:
            zones.add(offering["Location"])
            offered.setdefault(offering["InstanceType"], set()).add(
                offering["Location"]
            )
    for name in ec2.describe_availability_zones()["AvailabilityZones"]:
        zones.add(name["ZoneName"])
    return sorted(
        zone
        for zone in zones
        if all(zone in offered[t] for t in instance_types if t in offered)
    )
