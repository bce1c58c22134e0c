"""GetLaunchProfileDetails and GetLaunchProfileInitialization: resolved views of a launch profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore import xform_name

from ..contract import SERVICE_MODEL
from ..exceptions import (
    ConflictException,
    ValidationException,
)
from ..validation import validate_members
from .references import existing_backend
from .streaming_images import StreamingImageBackend

#: the output structure whose platform and launchPurpose the answer echoes
INITIALIZATION_SHAPE = SERVICE_MODEL.shape_for("LaunchProfileInitialization")

if TYPE_CHECKING:
    from .launch_profiles import LaunchProfile
    from .streaming_images import StreamingImage
    from .studio_components import StudioComponent

#: components in these states contribute nothing to an initialization
_UNUSABLE_COMPONENT_STATES = ("CREATE_FAILED", "DELETE_IN_PROGRESS", "DELETED")


def directory_details(
    account_id: str, region: str, directory_id: str
) -> dict[str, Any]:
    """``directoryName`` and ``dnsIpAddresses`` of a directory that moto's Directory
    Service knows in this account and region; ``{}`` otherwise.

    Only looks (:func:`~moto_nimble.models.references.existing_backend`): no
    ``ds`` backend (or account entry) is ever created here.
    """
    from moto.ds.models import ds_backends

    backend = existing_backend(ds_backends, account_id, region)
    directory = backend.directories.get(directory_id) if backend is not None else None
    if directory is None:
        return {}
    details: dict[str, Any] = {"directoryName": directory.name}
    addresses = list(getattr(directory, "dns_ip_addrs", None) or [])[:10]
    if addresses:
        details["dnsIpAddresses"] = addresses
    return details


#: what the service's published get-launch-profile-details output shows of each
#: component (the model also allows createdAt/By and updatedAt/By; it sent none)
SUMMARY_MEMBERS = ("description", "name", "studioComponentId", "subtype", "type")


def component_summary(component: StudioComponent) -> dict[str, Any]:
    summary = {m: getattr(component, xform_name(m), None) for m in SUMMARY_MEMBERS}
    return {m: v for m, v in summary.items() if v is not None}


class LaunchProfileDetailsBackend(StreamingImageBackend):
    """GetLaunchProfileDetails, GetLaunchProfileInitialization."""

    def get_launch_profile_details(
        self, studio_id: str, launch_profile_id: str
    ) -> dict[str, Any]:
        """The profile, its images and summaries of its components.

        Like GetLaunchProfile, this shows a DELETED profile as a tombstone; the
        images and components it names are shown as their own Get would show
        them (deleted ones with state DELETED), and IDs the studio does not know
        at all are left out. Everything shown settles one step, as a Get does.
        """
        studio = self._live_studio(studio_id)
        profile = studio.launch_profiles.read(launch_profile_id, "Launch profile")
        images: list[StreamingImage] = []
        for image_id in profile.stream_configuration["streamingImageIds"]:
            image = self._read_image(studio, image_id)
            if image is not None:
                images.append(image)
        components: list[dict[str, Any]] = []
        for component_id in profile.studio_component_ids:
            component = studio.studio_components.look(component_id)
            if component is not None:
                components.append(component_summary(component))
        return {
            "launchProfile": profile,
            "streamingImages": images,
            "studioComponentSummaries": components,
        }

    def get_launch_profile_initialization(
        self,
        studio_id: str,
        launch_profile_id: str,
        launch_profile_protocol_versions: list[str],
        launch_purpose: str,
        platform: str,
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)
        profile = self._launch_profile(studio, launch_profile_id, live=True)
        version = _shared_version(profile, launch_profile_protocol_versions)
        wanted_platform = platform.upper()
        # what the answer echoes must fit the answer's shape (platform enum,
        # launchPurpose pattern and length)
        validate_members(
            INITIALIZATION_SHAPE,
            {"platform": wanted_platform, "launchPurpose": launch_purpose},
        )
        # a Get: a profile settles on it as on GetLaunchProfile (once the
        # request is known to be good: a refused one changes nothing)
        studio.launch_profiles.read(launch_profile_id, "Launch profile")
        if not profile.usable:
            raise ConflictException(
                f"Launch profile {launch_profile_id} is {profile.state}; it must be READY"
            )
        components = [
            c
            for c in (
                studio.studio_components.get(i) for i in profile.studio_component_ids
            )
            if c is not None and c.state not in _UNUSABLE_COMPONENT_STATES
        ]
        scripts = _initialization_scripts(components, wanted_platform, version)
        initialization: dict[str, Any] = {
            "launchProfileId": profile.launch_profile_id,
            "name": profile.name,
            "launchProfileProtocolVersion": version,
            "launchPurpose": launch_purpose,
            "platform": wanted_platform,
            "systemInitializationScripts": scripts["SYSTEM_INITIALIZATION"],
            "userInitializationScripts": scripts["USER_INITIALIZATION"],
            # the output list needs at least one item: with no security groups
            # on any component, the member is left out rather than sent empty
            "ec2SecurityGroupIds": _security_groups(components) or None,
            "activeDirectory": self._active_directory(components),
        }
        return {"launchProfileInitialization": initialization}

    def _active_directory(
        self, components: list[StudioComponent]
    ) -> dict[str, Any] | None:
        component = next((c for c in components if c.type == "ACTIVE_DIRECTORY"), None)
        if component is None:
            return None
        config = (component.configuration or {}).get("activeDirectoryConfiguration", {})
        directory: dict[str, Any] = {
            "studioComponentId": component.studio_component_id,
            "studioComponentName": component.name,
        }
        for member in (
            "directoryId",
            "organizationalUnitDistinguishedName",
            "computerAttributes",
        ):
            if member in config:
                directory[member] = config[member]
        if "directoryId" in config:
            directory.update(
                directory_details(
                    self.account_id, self.region_name, config["directoryId"]
                )
            )
        return directory


def _shared_version(profile: LaunchProfile, wanted: list[str]) -> str:
    """The first of the caller's protocol versions that the profile supports."""
    version = next(
        (v for v in wanted if v in profile.launch_profile_protocol_versions), None
    )
    if version is None:
        raise ValidationException(
            f"launchProfileProtocolVersions {', '.join(wanted) or '(none)'} share no "
            f"version with launch profile {profile.launch_profile_id}, which supports "
            f"{', '.join(profile.launch_profile_protocol_versions)}"
        )
    return version


def _security_groups(components: list[StudioComponent]) -> list[str]:
    """The components' security groups, each once, in order."""
    groups: list[str] = []
    for component in components:
        for group in component.ec2_security_group_ids or []:
            if group not in groups:
                groups.append(group)
    return groups


def _initialization_scripts(
    components: list[StudioComponent], platform: str, version: str
) -> dict[str, list[dict[str, str]]]:
    """The components' scripts for this platform and protocol version, by run context."""
    scripts: dict[str, list[dict[str, str]]] = {
        "SYSTEM_INITIALIZATION": [],
        "USER_INITIALIZATION": [],
    }
    for component in components:
        for script in component.initialization_scripts or []:
            if (
                script.get("platform") == platform
                and script.get("launchProfileProtocolVersion") == version
                and script.get("runContext") in scripts
            ):
                entry = {
                    "script": script.get("script"),
                    "runtimeRoleArn": component.runtime_role_arn,
                    "secureInitializationRoleArn": component.secure_initialization_role_arn,
                    "studioComponentId": component.studio_component_id,
                    "studioComponentName": component.name,
                }
                scripts[script["runContext"]].append(
                    {k: v for k, v in entry.items() if v is not None}
                )
    return scripts
