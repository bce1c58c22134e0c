"""Studio members (administrators) and launch profile members (users)."""

from __future__ import annotations

from .studios import StudioLookup


class StudioMember:
    def __init__(self, principal_id: str, persona: str, identity_store_id: str) -> None:
        self.principal_id = principal_id
        self.persona = persona
        self.identity_store_id = identity_store_id
        #: the Active Directory SID, when one is known
        self.sid: str | None = None


class LaunchProfileMember(StudioMember):
    pass


class MembersBackend(StudioLookup):
    """PutStudioMembers, GetStudioMember, ListStudioMembers, DeleteStudioMember,
    PutLaunchProfileMembers, GetLaunchProfileMember, ListLaunchProfileMembers,
    UpdateLaunchProfileMember, DeleteLaunchProfileMember."""
