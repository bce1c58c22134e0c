"""Studio members (administrators) and launch profile members (users).

Members have no lifecycle: a member exists or it does not. Put adds or updates
(an upsert), Delete removes at once. A studio's members are its administrators
(persona ADMINISTRATOR), who may use every launch profile of the studio; a
launch profile's members are its users (persona USER).

Strict membership mode (:func:`moto_nimble.settings.strict_membership`) makes ``check_session_owner`` refuse a streaming session owner who is
neither a USER of the launch profile nor an ADMINISTRATOR of the studio. It is
off by default: calls signed with IAM credentials are authorised by IAM alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ..contract import Wire, wire
from ..exceptions import (
    AccessDeniedException,
    ConflictException,
    ValidationException,
)
from ..pagination import decode_position, encode_token, page_limit
from ..settings import strict_membership
from .collection import require
from .state import BackendState

if TYPE_CHECKING:
    from .launch_profiles import LaunchProfile
    from .studios import Studio

#: the most members a List page holds (the output lists' model maximum)
PAGE_LIMIT = 20


class StudioMember:
    WIRE: ClassVar[Wire] = wire("StudioMembership")

    def __init__(
        self, principal_id: str, persona: str, identity_store_id: str, position: int
    ) -> None:
        self.principal_id = principal_id
        self.persona = persona
        self.identity_store_id = identity_store_id
        #: the Active Directory SID, when one is known
        self.sid: str | None = None
        #: where the member sorts in lists (not serialized): see MembersBackend
        self.position = position


class LaunchProfileMember(StudioMember):
    WIRE: ClassVar[Wire] = wire("LaunchProfileMembership")


M = TypeVar("M", bound=StudioMember)


def may_use_profile(studio: Studio, profile: LaunchProfile, principal_id: str) -> bool:
    """A USER member of the profile, or an ADMINISTRATOR of its studio."""
    user = profile.members.get(principal_id)
    admin = studio.members.get(principal_id)
    return (user is not None and user.persona == "USER") or (
        admin is not None and admin.persona == "ADMINISTRATOR"
    )


def check_session_owner(studio: Studio, profile: LaunchProfile, owned_by: str) -> None:
    """In strict membership mode, refuse a session owner who may not use the profile.

    Raises AccessDeniedException (403) unless ``owned_by`` is a USER member of
    ``profile`` or an ADMINISTRATOR of ``studio``; does nothing when strict
    mode is off.
    """
    if strict_membership() and not may_use_profile(studio, profile, owned_by):
        raise AccessDeniedException(
            f"{owned_by} is neither a member of launch profile "
            f"{profile.launch_profile_id} nor an administrator of studio "
            f"{studio.studio_id}"
        )


def _page(
    members: dict[str, M],
    scope: str,
    next_token: str | None,
    max_results: int | None,
    last_position: int,
) -> dict[str, Any]:
    """One page of ``members``; ``scope`` names the list in its tokens."""
    limit = page_limit(max_results, PAGE_LIMIT)
    start = decode_position(next_token, scope, last_position)
    found: list[M] = []
    for member in members.values():  # insertion order is position order
        if member.position < start:
            continue
        if len(found) == limit:
            return {
                "members": found,
                "nextToken": encode_token(scope, member.position),
            }
        found.append(member)
    return {"members": found, "nextToken": None}


def _check_new_members(
    identity_store_id: str, members: Iterable[dict[str, str]]
) -> None:
    """What the model leaves open: empty IDs could never be looked up again."""
    if not identity_store_id:
        raise ValidationException("identityStoreId must not be empty")
    for index, member in enumerate(members, start=1):
        if not member["principalId"]:
            raise ValidationException(f"members.{index}.principalId must not be empty")


class MembersBackend(BackendState):
    """PutStudioMembers, GetStudioMember, ListStudioMembers, DeleteStudioMember,
    PutLaunchProfileMembers, GetLaunchProfileMember, ListLaunchProfileMembers,
    UpdateLaunchProfileMember, DeleteLaunchProfileMember.

    Members are ordered by increasing positions, the backend's own (so a reset
    starts them again). A member keeps its position while it is updated;
    deleting and adding it again gives it a new one. ``nextToken`` carries the
    position of the first member of the next page, so a page stays correct
    when members come and go between calls.
    """

    def _upsert(
        self,
        store: dict[str, M],
        kind: type[M],
        identity_store_id: str,
        members: list[dict[str, str]],
    ) -> None:
        for new in members:
            principal_id = new["principalId"]
            existing = store.get(principal_id)
            if existing is None:
                self.last_member_position += 1
                store[principal_id] = kind(
                    principal_id,
                    new["persona"],
                    identity_store_id,
                    self.last_member_position,
                )
            else:
                existing.persona = new["persona"]
                existing.identity_store_id = identity_store_id

    # -- studio members ---------------------------------------------------

    def put_studio_members(
        self,
        studio_id: str,
        identity_store_id: str,
        members: list[dict[str, str]],
    ) -> None:
        studio = self._ready_studio(studio_id)
        _check_new_members(identity_store_id, members)
        self._upsert(studio.members, StudioMember, identity_store_id, members)

    def _studio_member(self, studio: Studio, principal_id: str) -> StudioMember:
        return require(
            studio.members,
            principal_id,
            "Studio member",
            within=f" in studio {studio.studio_id}",
        )

    def get_studio_member(self, studio_id: str, principal_id: str) -> StudioMember:
        return self._studio_member(self._live_studio(studio_id), principal_id)

    def list_studio_members(
        self,
        studio_id: str,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> dict[str, Any]:
        members = self._live_studio(studio_id).members
        return _page(
            members,
            f"{studio_id}/members",
            next_token,
            max_results,
            self.last_member_position,
        )

    def delete_studio_member(self, studio_id: str, principal_id: str) -> None:
        studio = self._live_studio(studio_id)
        self._studio_member(studio, principal_id)
        del studio.members[principal_id]

    # -- launch profile members ---------------------------------------------

    def _member_profile(
        self, studio: Studio, launch_profile_id: str, changing: bool = False
    ) -> LaunchProfile:
        """The launch profile whose members a call reads or changes.

        A deleted profile is gone. A profile being deleted keeps the members it
        has (they can still be read and removed) but takes no new ones.
        """
        profile = self._launch_profile(studio, launch_profile_id, live=True)
        if changing and profile.state == "DELETE_IN_PROGRESS":
            raise ConflictException(
                f"Launch profile {launch_profile_id} is DELETE_IN_PROGRESS: "
                "another operation is in progress"
            )
        return profile

    def _launch_profile_member(
        self, profile: LaunchProfile, principal_id: str
    ) -> LaunchProfileMember:
        return require(
            profile.members,
            principal_id,
            "Launch profile member",
            within=f" in launch profile {profile.launch_profile_id}",
        )

    def put_launch_profile_members(
        self,
        studio_id: str,
        launch_profile_id: str,
        identity_store_id: str,
        members: list[dict[str, str]],
    ) -> None:
        studio = self._ready_studio(studio_id)
        profile = self._member_profile(studio, launch_profile_id, changing=True)
        _check_new_members(identity_store_id, members)
        self._upsert(profile.members, LaunchProfileMember, identity_store_id, members)

    def get_launch_profile_member(
        self, studio_id: str, launch_profile_id: str, principal_id: str
    ) -> LaunchProfileMember:
        profile = self._member_profile(self._live_studio(studio_id), launch_profile_id)
        return self._launch_profile_member(profile, principal_id)

    def list_launch_profile_members(
        self,
        studio_id: str,
        launch_profile_id: str,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> dict[str, Any]:
        profile = self._member_profile(self._live_studio(studio_id), launch_profile_id)
        return _page(
            profile.members,
            f"{studio_id}/{launch_profile_id}/members",
            next_token,
            max_results,
            self.last_member_position,
        )

    def update_launch_profile_member(
        self,
        studio_id: str,
        launch_profile_id: str,
        principal_id: str,
        persona: str,
    ) -> LaunchProfileMember:
        studio = self._ready_studio(studio_id)
        profile = self._member_profile(studio, launch_profile_id, changing=True)
        member = self._launch_profile_member(profile, principal_id)
        member.persona = persona
        return member

    def delete_launch_profile_member(
        self, studio_id: str, launch_profile_id: str, principal_id: str
    ) -> None:
        profile = self._member_profile(self._live_studio(studio_id), launch_profile_id)
        self._launch_profile_member(profile, principal_id)
        del profile.members[principal_id]
