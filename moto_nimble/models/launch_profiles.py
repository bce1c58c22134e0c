"""Launch profiles: which instance types, images and components a session may use."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from ..context import caller
from ..contract import Wire, wire
from ..exceptions import ValidationException
from ..pagination import page_limit
from ..quotas import check_quota, in_use
from ..settings import check_references
from .base import NimbleResource, Transition, new_id, now
from .failures import VALIDATION_FAILURE_MESSAGES
from .references import (
    Problem,
    first,
    studio_key_problem,
    subnets_problem,
    validation_problems,
)
from .streaming_images import StreamingImageBackend

if TYPE_CHECKING:
    from .members import LaunchProfileMember
    from .studios import Studio

VALIDATION_TYPES = (
    "VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT",
    "VALIDATE_SUBNET_ASSOCIATION",
    "VALIDATE_NETWORK_ACL_ASSOCIATION",
    "VALIDATE_SECURITY_GROUP_ASSOCIATION",
)


def resolve_stream_configuration(config: dict[str, Any]) -> dict[str, Any]:
    """Check the persistence/termination/backup combination and fill in the defaults."""
    persistent = config.get("sessionPersistenceMode") == "ACTIVATED"
    if not persistent:
        for member in ("volumeConfiguration", "automaticTerminationMode"):
            if member in config:
                raise ValidationException(
                    f"streamConfiguration.{member} is allowed only when "
                    "streamConfiguration.sessionPersistenceMode is ACTIVATED"
                )
        if config.get("sessionBackup", {}).get("mode") == "AUTOMATIC":
            raise ValidationException(
                "streamConfiguration.sessionBackup.mode AUTOMATIC requires "
                "streamConfiguration.sessionPersistenceMode ACTIVATED"
            )
    if config.get("maxStoppedSessionLengthInMinutes", 0) > 0 and (
        config.get("automaticTerminationMode") != "ACTIVATED"
    ):
        raise ValidationException(
            "streamConfiguration.maxStoppedSessionLengthInMinutes above 0 requires "
            "sessionPersistenceMode and automaticTerminationMode ACTIVATED"
        )
    resolved = {
        "maxSessionLengthInMinutes": 690,
        "maxStoppedSessionLengthInMinutes": 0,
        "sessionPersistenceMode": "DEACTIVATED",
        **config,
    }
    resolved["sessionBackup"] = {
        "mode": "DEACTIVATED",
        **config.get("sessionBackup", {}),
    }
    if persistent:
        resolved.setdefault("automaticTerminationMode", "DEACTIVATED")
    return resolved


_IN_PROGRESS = (
    "VALIDATION_IN_PROGRESS",
    "VALIDATION_IN_PROGRESS",
    "The validation is in progress.",
)
_SUCCESS = ("VALIDATION_SUCCESS", "VALIDATION_SUCCESS", "The validation succeeded.")


def _result(kind: str, state: str, code: str, message: str) -> dict[str, str]:
    return {"type": kind, "state": state, "statusCode": code, "statusMessage": message}


class LaunchProfile(NimbleResource):
    #: validation type -> the statusCode its result failed with (the others
    #: succeeded); replaced, never changed in place, when a create or update
    #: validates again
    validation_failures: Mapping[str, str] = MappingProxyType({})
    #: validation type -> the statusMessage of its failed result, where it
    #: names the reference that failed (else the code's own message)
    validation_messages: Mapping[str, str] = MappingProxyType({})

    WIRE: ClassVar[Wire] = wire("LaunchProfile")

    MODEL_NAME = "nimble::launch_profile"
    ARN_TYPE = "launch-profile"
    #: a create or update fails when a streaming image of the profile is not
    #: usable (STREAMING_IMAGE_NOT_FOUND, STREAMING_IMAGE_NOT_READY)
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "LAUNCH_PROFILE_CREATE_IN_PROGRESS",
            "Launch Profile is being created",
            "READY",
            "LAUNCH_PROFILE_CREATED",
            "Launch Profile has been created",
            fails_to="CREATE_FAILED",
        ),
        "update": Transition(
            "UPDATE_IN_PROGRESS",
            "LAUNCH_PROFILE_UPDATE_IN_PROGRESS",
            "Launch Profile is being updated",
            "READY",
            "LAUNCH_PROFILE_UPDATED",
            "Launch Profile has been updated",
            fails_to="UPDATE_FAILED",
        ),
        "delete": Transition(
            "DELETE_IN_PROGRESS",
            "LAUNCH_PROFILE_DELETE_IN_PROGRESS",
            "Launch Profile is being deleted",
            "DELETED",
            "LAUNCH_PROFILE_DELETED",
            "Launch Profile has been deleted",
            fails_to="DELETE_FAILED",
        ),
    }

    def __init__(
        self,
        studio: Studio,
        name: str,
        ec2_subnet_ids: list[str],
        launch_profile_protocol_versions: list[str],
        stream_configuration: dict[str, Any],
        studio_component_ids: list[str],
        description: str | None,
        tags: dict[str, str] | None,
    ) -> None:
        self.launch_profile_id = new_id(studio.launch_profiles)
        super().__init__(studio.account_id, studio.region, self.launch_profile_id, tags)
        self.studio_id = studio.studio_id
        self.name = name
        self.description = description
        self.ec2_subnet_ids = ec2_subnet_ids
        self.launch_profile_protocol_versions = launch_profile_protocol_versions
        self.stream_configuration = stream_configuration
        self.studio_component_ids = studio_component_ids
        #: launch profile members by principalId (none until members are added)
        self.members: dict[str, LaunchProfileMember] = {}
        self.created_at = self.updated_at = now()
        self.created_by = self.updated_by = caller()

    @property
    def validation_results(self) -> list[dict[str, str]]:
        """Each validation type's result: in progress while the profile is
        created or updated, then its outcome (``validation_failures``)."""
        if self.state in ("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS"):
            return [_result(t, *_IN_PROGRESS) for t in VALIDATION_TYPES]
        results = []
        for kind in VALIDATION_TYPES:
            code = self.validation_failures.get(kind)
            if code is None:
                results.append(_result(kind, *_SUCCESS))
            else:
                state = (
                    code
                    if code == "VALIDATION_FAILED_INTERNAL_SERVER_ERROR"
                    else "VALIDATION_FAILED"
                )
                message = self.validation_messages.get(
                    kind
                ) or VALIDATION_FAILURE_MESSAGES.get(code, code)
                results.append(_result(kind, state, code, message))
        return results

    def validated(self, problems: Mapping[str, Problem]) -> None:
        """Keep the outcome of a validation: the failed results (none: all
        succeeded), with messages that name what failed."""
        for attribute, values in (
            ("validation_failures", {k: p.code for k, p in problems.items()}),
            ("validation_messages", {k: p.message for k, p in problems.items()}),
        ):
            if values:
                setattr(self, attribute, MappingProxyType(values))
            elif attribute in self.__dict__:
                delattr(self, attribute)

    def blocking_delete(self, studio: Studio) -> str | None:
        if any(
            s.launch_profile_id == self.launch_profile_id and s.state != "DELETED"
            for s in studio.streaming_sessions
        ):
            return "LAUNCH_PROFILE_WITH_STREAM_SESSIONS_NOT_DELETED"
        return None


class LaunchProfileBackend(StreamingImageBackend):
    """Create/Get/List/Update/DeleteLaunchProfile."""

    def _check_references(
        self,
        studio: Studio,
        studio_component_ids: list[str] | None,
        launch_profile_protocol_versions: list[str] | None,
    ) -> None:
        for component_id in studio_component_ids or []:
            studio.studio_components.require(
                component_id, "Studio component", live=True
            )
        if (
            launch_profile_protocol_versions is not None
            and not launch_profile_protocol_versions
        ):
            raise ValidationException(
                "launchProfileProtocolVersions must name at least one protocol version"
            )

    def _image_problem(self, studio: Studio, image_ids: list[str]) -> str | None:
        """The statusCode a launch profile fails with for these images, if any."""
        for image_id in image_ids:
            image = self._find_streaming_image(studio, image_id)
            if image is None or image.state in ("DELETED", "DELETE_IN_PROGRESS"):
                return "STREAMING_IMAGE_NOT_FOUND"
            if image.state == "CREATE_FAILED":
                return "STREAMING_IMAGE_NOT_READY"
        return None

    def _start_checked(
        self,
        profile: LaunchProfile,
        studio: Studio,
        step: str,
        undo: dict[str, Any] | None = None,
    ) -> None:
        """Begin ``step``; it fails when an image is not usable (or, with
        references checked, the studio's key or the subnets do not resolve),
        and a failed update settles with the settings it replaced (``undo``)."""
        problem = self._image_problem(
            studio, profile.stream_configuration["streamingImageIds"]
        )
        found: Problem | None = None
        if check_references():
            if undo is not None:  # a failed update keeps the results it had
                undo = {
                    **undo,
                    "validation_failures": profile.validation_failures,
                    "validation_messages": profile.validation_messages,
                }
            profile.validated(self._validation_problems(studio, profile))
            if problem is None:
                found = first(
                    [
                        studio_key_problem(studio),
                        subnets_problem(
                            studio.account_id,
                            studio.region,
                            profile.ec2_subnet_ids,
                            profile.stream_configuration["ec2InstanceTypes"],
                        ),
                    ]
                )
        if found is not None:
            profile.start(step, failure=found.code, undo=undo, message=found.message)
        else:
            profile.start(step, failure=problem, undo=undo)

    def _validation_problems(
        self, studio: Studio, profile: LaunchProfile
    ) -> dict[str, Problem]:
        """The profile's failed validation results, from its subnets and the
        security groups and Active Directory of its components."""
        components = [
            c
            for c in (
                studio.studio_components.get(i) for i in profile.studio_component_ids
            )
            if c is not None
            and c.state not in ("CREATE_FAILED", "DELETE_IN_PROGRESS", "DELETED")
        ]
        groups: list[str] = []
        for component in components:
            groups += [
                g for g in component.ec2_security_group_ids or [] if g not in groups
            ]
        directories = [
            ((c.configuration or {}).get("activeDirectoryConfiguration") or {}).get(
                "directoryId"
            )
            for c in components
            if c.type == "ACTIVE_DIRECTORY"
        ]
        return validation_problems(
            studio.account_id,
            studio.region,
            profile.ec2_subnet_ids,
            groups,
            directories,
        )

    def create_launch_profile(
        self,
        studio_id: str,
        name: str,
        ec2_subnet_ids: list[str],
        launch_profile_protocol_versions: list[str],
        stream_configuration: dict[str, Any],
        studio_component_ids: list[str],
        description: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> LaunchProfile:
        studio = self._ready_studio(studio_id)
        self._check_references(
            studio, studio_component_ids, launch_profile_protocol_versions
        )
        resolved = resolve_stream_configuration(stream_configuration)
        check_quota(
            "launch_profiles_per_studio", lambda: in_use(studio.launch_profiles)
        )
        profile = LaunchProfile(
            studio,
            name,
            ec2_subnet_ids,
            launch_profile_protocol_versions,
            resolved,
            studio_component_ids,
            description,
            tags,
        )
        self._start_checked(profile, studio, "create")
        self._add(studio.launch_profiles, profile.launch_profile_id, profile)
        return profile

    def get_launch_profile(
        self, studio_id: str, launch_profile_id: str
    ) -> LaunchProfile:
        return self._live_studio(studio_id).launch_profiles.read(
            launch_profile_id, "Launch profile"
        )

    def list_launch_profiles(
        self,
        studio_id: str,
        max_results: int | None = None,
        next_token: str | None = None,
        principal_id: str | None = None,
        states: list[str] | None = None,
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)

        def keep(profile: LaunchProfile) -> bool:
            state = profile.state
            # principalId means membership: the profile's USER members, and
            # every studio ADMINISTRATOR (who may use all its profiles).
            if (
                principal_id is not None
                and principal_id not in profile.members
                and principal_id not in studio.members
            ):
                return False
            return state in states if states else state != "DELETED"

        items, token = studio.launch_profiles.page(
            next_token, page_limit(max_results), keep
        )
        return {"launchProfiles": items, "nextToken": token}

    def update_launch_profile(
        self,
        studio_id: str,
        launch_profile_id: str,
        description: str | None = None,
        launch_profile_protocol_versions: list[str] | None = None,
        name: str | None = None,
        stream_configuration: dict[str, Any] | None = None,
        studio_component_ids: list[str] | None = None,
    ) -> LaunchProfile:
        studio = self._ready_studio(studio_id)
        profile = self._launch_profile(studio, launch_profile_id, live=True)
        profile.require_changeable(launch_profile_id)
        self._check_references(
            studio, studio_component_ids, launch_profile_protocol_versions
        )
        resolved = (
            resolve_stream_configuration(stream_configuration)
            if stream_configuration is not None
            else None
        )
        replaced = profile.apply(
            {
                "description": description,
                "launch_profile_protocol_versions": launch_profile_protocol_versions,
                "name": name,
                "stream_configuration": resolved,
                "studio_component_ids": studio_component_ids,
            }
        )
        profile.stamp_update()
        self._start_checked(profile, studio, "update", undo=replaced)
        return profile

    def delete_launch_profile(
        self, studio_id: str, launch_profile_id: str
    ) -> LaunchProfile:
        studio = self._live_studio(studio_id)
        profile = self._launch_profile(studio, launch_profile_id)
        profile.start_delete(launch_profile_id, profile.blocking_delete(studio))
        return profile
