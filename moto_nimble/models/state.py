"""What a backend holds, declared once, and the lookups every family uses.

Each family of operations (studios, components, images, ...) is a mixin over
:class:`BackendState`; ``NimbleOperations`` puts them together, and
``moto_nimble.service.NimbleStudioBackend`` makes it moto's backend for one
account and region. State shared across accounts is named as such:
:data:`CROSS_ACCOUNT`.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any, TypeVar

from ..exceptions import ConflictException
from .collection import Resources

R = TypeVar("R", bound="NimbleResource")

if TYPE_CHECKING:
    from .base import NimbleResource
    from .launch_profiles import LaunchProfile
    from .studios import Studio


class BackendState:
    """Everything one account and region holds."""

    def __init__(self, account_id: str, region_name: str) -> None:
        self.account_id = account_id
        self.region_name = region_name
        #: studios of this account and region, in creation order (deleted ones kept)
        self.studios: Resources[Studio] = Resources("studios")
        #: the newest studio of each name (names are unique among studios not deleted)
        self.studios_by_name: dict[str, Studio] = {}
        #: every taggable resource of this account and region, by ARN
        self.resources_by_arn: dict[str, NimbleResource] = {}
        #: (operation, clientToken) -> (the call's parameters, its answer)
        self.idempotency: dict[tuple[str, str], tuple[Any, Any]] = {}
        #: the last position given to a studio or launch profile member (see MembersBackend)
        self.last_member_position = 0
        #: held by moto_nimble.service around every call into the backend
        self.lock = threading.RLock()
        CROSS_ACCOUNT.backends.add(self)

    def _studio(self, studio_id: str) -> Studio:
        """The studio, deleted ones included (Get answers with state DELETED)."""
        return self.studios.require(studio_id, "Studio")

    def _live_studio(self, studio_id: str) -> Studio:
        """The studio for a call on one of its children: a deleted studio is gone."""
        return self.studios.require(studio_id, "Studio", live=True)

    def _ready_studio(self, studio_id: str) -> Studio:
        """The studio for a call that creates or changes one of its children."""
        studio = self._live_studio(studio_id)
        if not studio.usable:
            raise ConflictException(
                f"Studio {studio_id} is {studio.state}; it must be READY"
            )
        return studio

    def _launch_profile(
        self, studio: Studio, launch_profile_id: str, live: bool = False
    ) -> LaunchProfile:
        """The studio's launch profile; with ``live``, a deleted one is gone too."""
        return studio.launch_profiles.require(
            launch_profile_id, "Launch profile", live=live
        )

    def _add(self, collection: Resources[R], key: str, resource: R) -> None:
        add_resource(self.resources_by_arn, collection, key, resource)


def add_resource(
    index: dict[str, NimbleResource], collection: Resources[R], key: str, resource: R
) -> None:
    """A new resource joins its collection and its backend's ARN index (the
    one place that writes it)."""
    collection.add(key, resource)
    index[resource.arn] = resource


class CrossAccount:
    """State that spans the accounts of a process: a studio's name is one per
    region, whatever the account (``<name>.nimblestudio.<region>.amazonaws.com``
    is its portal), so taking one consults every account's backend of the
    region, under one lock. The backends are held weakly: moto's reset empties
    a backend before it lets it go."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.backends: weakref.WeakSet[BackendState] = weakref.WeakSet()

    def studio_named(self, region: str, studio_name: str) -> Studio | None:
        """The studio, not deleted, that has this name in this region, in any
        account (call with :attr:`lock` held)."""
        for backend in list(self.backends):
            if backend.region_name != region:
                continue
            existing = backend.studios_by_name.get(studio_name)
            if existing is not None and not existing.deleted:
                return existing
        return None


#: the one cross-account state of the process
CROSS_ACCOUNT = CrossAccount()
