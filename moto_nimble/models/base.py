"""What every Nimble Studio resource shares: IDs, ARNs, tags and a lifecycle."""

from __future__ import annotations

import base64
import string
from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from moto.core.base_backend import InstanceTrackerMeta
from moto.core.common_models import BaseModel
from moto.core.model_instances import model_data
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random

from .. import clock
from ..context import caller
from ..contract import make_arn
from ..exceptions import ConflictException
from .failures import FAILURE_MESSAGES

_STUDIO_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_id(taken: Container[str] = ()) -> str:
    """A child resource ID as the service makes them: base64url(UUIDv4), unpadded,
    22 chars; never one of ``taken``.

    Every ID comes from moto's random source, so ``/moto-api/seed`` (or
    ``mock_random.seed``) makes them repeat run after run; after a re-seed in a
    live backend an ID it already holds is drawn again."""
    while True:
        drawn = mock_random.uuid4().bytes
        candidate = base64.urlsafe_b64encode(drawn).decode("ascii").rstrip("=")
        if candidate not in taken:
            return candidate


def new_studio_id(region: str, taken: Container[str] = ()) -> str:
    """``<region>:stid-<16 lowercase letters and digits>``, never one of ``taken``."""
    while True:
        suffix = "".join(mock_random.choices(_STUDIO_ID_ALPHABET, k=16))
        candidate = f"{region}:stid-{suffix}"
        if candidate not in taken:
            return candidate


def new_uuid() -> str:
    """A UUID from moto's random source (seeded by ``/moto-api/seed``)."""
    return str(mock_random.uuid4())


def now() -> datetime:
    """The current time, to the whole second, as the service reports it."""
    return clock.now().replace(microsecond=0)


class NimbleModelTracker(InstanceTrackerMeta):
    """Files nimble's models under "nimble" in moto's ``model_data``.

    moto's InstanceTrackerMeta files a BaseModel class under the second part
    of its module name, which is the service for ``moto.<service>.models`` but
    "models" for ``moto_nimble.models.studios``. /moto-api/data.json lists
    ``model_data`` by service: with this, it lists the instances of every
    nimble model (studios, components, images, launch profiles, sessions,
    streams, backups) under "nimble". Lifecycle has this metaclass, so every
    BaseModel that is also a Lifecycle gets it. A base class that is never
    instantiated says ``_untracked = True`` and is left out.
    """

    def __new__(meta, name: str, bases: Any, dct: dict[str, Any]) -> type:
        cls = super().__new__(meta, name, bases, dct)
        filed_under = cls.__module__.split(".")[1]
        if model_data[filed_under].get(name) is cls:
            del model_data[filed_under][name]
        if not model_data[filed_under]:
            del model_data[filed_under]
        if issubclass(cls, BaseModel) and not dct.get("_untracked", False):
            model_data["nimble"][name] = cls
        return cls


@dataclass(frozen=True)
class Transition:
    """One transition a resource declares: the state it enters with its
    statusCode and statusMessage, where it settles (with theirs), and where it
    settles instead when it fails (with the failure's statusCode and its
    message in :data:`~moto_nimble.models.failures.FAILURE_MESSAGES`)."""

    state: str
    code: str | None = None
    message: str | None = None
    settles_to: str | None = None
    settled_code: str | None = None
    settled_message: str | None = None
    fails_to: str | None = None


def _due(model_name: str, reads: int, began: datetime) -> bool:
    """Whether a transition begun at ``began`` and read ``reads`` times since
    is over, as moto's ``state_manager`` setting for ``model_name`` paces it:
    ``immediate``, ``manual`` (after ``times`` reads) or ``time`` (after
    ``seconds``)."""
    pacing = state_manager.get_transition(model_name)
    progression = pacing.get("progression")
    if progression == "manual":
        return reads >= int(pacing.get("times", 1))
    if progression == "time":
        return clock.now() > began + timedelta(seconds=float(pacing.get("seconds", 0)))
    return progression == "immediate"


class Lifecycle(metaclass=NimbleModelTracker):
    """A resource's state, and the transitions its class declares.

    A class lists its transitions once, by name, in ``TRANSITIONS``;
    ``start(name)`` puts the resource in the transition's state, and the
    resource settles where the transition says (READY, DELETED, ...; with
    ``failure``, where it settles when it fails) as fast as moto's
    ``state_manager`` setting for ``MODEL_NAME`` says: by default on the next
    read (a Get or a List, see :class:`Resources`).
    """

    #: moto's ``state_manager`` name of this kind of resource, e.g. ``nimble::studio``
    MODEL_NAME: ClassVar[str] = ""
    #: the transitions of this kind of resource, by name
    TRANSITIONS: ClassVar[dict[str, Transition]] = {}
    #: attribute values a failing transition restores when it settles (an
    #: update that fails leaves the resource as it was before the update)
    _undo: dict[str, Any] | None = None
    #: whether a timer began the transition under way (at its time)
    _timed = False
    #: the statusMessage of a failure that names what failed (a reference that
    #: did not resolve); kept on a resource only when a transition is given
    #: one, else the failure's message in FAILURE_MESSAGES
    _failure_message: str | None = None

    def __init__(self) -> None:
        self._state: str | None = None
        #: the transition under way or last made (shared by every resource
        #: that makes it), and the statusCode it fails with, if it fails
        self._transition: Transition | None = None
        self._failure: str | None = None
        #: reads since the transition began, and when it began (moto's clock)
        self._reads = 0
        self._began = clock.now()

    @property
    def model_name(self) -> str:
        return self.MODEL_NAME

    def start(
        self,
        name: str,
        failure: str | None = None,
        undo: dict[str, Any] | None = None,
        message: str | None = None,
    ) -> None:
        """Begin the declared transition ``name``; ``failure`` is the statusCode
        of a transition that fails (DELETE_FAILED while children remain, ...),
        ``undo`` the attribute values it restores when it settles failed, and
        ``message`` the statusMessage it then shows, when it names what failed
        (by default the code's message in FAILURE_MESSAGES)."""
        transition = self.TRANSITIONS[name]
        assert failure is None or transition.fails_to is not None, (
            f"{type(self).__name__}.{name} cannot fail"
        )
        self._undo = undo
        self._enter(transition, failure, message if failure is not None else None)

    def pin(self, state: str, code: str | None, message: str | None) -> None:
        """Put the resource in a state that no transition leads to (a test hook
        breaking a studio's single sign-on)."""
        self._enter(Transition(state, code, message), None)

    @property
    def failable(self) -> bool:
        """Whether a transition that can fail is under way."""
        transition = self._transition
        return (
            transition is not None
            and transition.fails_to is not None
            and self._state == transition.state
        )

    def fail_with(self, code: str, message: str | None = None) -> None:
        """Make the transition under way (:attr:`failable`) fail with
        ``code``, and ``message`` instead of the code's own."""
        assert self.failable, f"{type(self).__name__} has no transition to fail"
        self._failure = code
        self._keep_message(message)

    def _keep_message(self, message: str | None) -> None:
        if message is not None:
            self._failure_message = message
        elif "_failure_message" in self.__dict__:
            del self._failure_message

    def _enter(
        self, transition: Transition, failure: str | None, message: str | None = None
    ) -> None:
        self._state = transition.state
        self._transition = transition
        self._failure = failure
        self._keep_message(message)
        self._reads = 0
        self._began = clock.now()
        if "_timed" in self.__dict__:
            del self._timed

    def start_at(self, name: str, at: datetime) -> None:
        """Begin the declared transition ``name`` as a timer does: at ``at``,
        read once (the read that found the timer passed), so that it settles
        as moto's pacing says from then on."""
        self.start(name)
        self._began = at
        self._reads = 1
        self._timed = True

    def _target(self) -> str | None:
        """Where the transition under way settles."""
        transition = self._transition
        if transition is None:
            return None
        return transition.settles_to if self._failure is None else transition.fails_to

    def read(self) -> None:
        """A Get or a List reads the resource: moto's manual pacing counts it,
        and whatever settles now settles before anything of it is read.
        Called by :class:`Resources` only."""
        self._reads += 1
        self.state  # noqa: B018  (reading the state settles it)

    @property
    def state(self) -> str | None:
        """The state, settled first when its transition is over."""
        transition = self._transition
        if transition is not None and self._state == transition.state:
            target = self._target()
            if target is not None and _due(self.MODEL_NAME, self._reads, self._began):
                self._state = target
                self._reads = 0
                self._on_settle()
        return self._state

    def _on_settle(self) -> None:
        """Settling to READY, DELETED, ... is an update: the service stamps
        ``updatedAt`` then (its published get-studio example: created 20:29:35,
        updated 20:29:37, though nobody called UpdateStudio), at the moment the
        transition ended, not when it is first seen. A failed transition
        restores what it changed."""
        if self._undo is not None:
            if self._failure is not None:
                for attribute, value in self._undo.items():
                    setattr(self, attribute, value)
            self._undo = None
        if hasattr(self, "updated_at"):
            self.updated_at = self._ended_at()

    def _ended_at(self) -> datetime:
        """When the transition ended: with a time-based pacing, its length
        after it began; one a timer began, when it began; otherwise now."""
        pacing = state_manager.get_transition(self.MODEL_NAME)
        if pacing.get("progression") == "time":
            ended = self._began + timedelta(seconds=float(pacing.get("seconds", 0)))
            return min(ended, clock.now()).replace(microsecond=0)
        if self._timed:
            return self._began.replace(microsecond=0)
        return now()

    def _codes_of(self, state: str | None) -> tuple[str | None, str | None]:
        """statusCode and statusMessage: the transition's while it is under
        way, where it settled once it has."""
        transition = self._transition
        if transition is None:
            return None, None
        if state == transition.state:
            return transition.code, transition.message
        if state != self._target():
            return None, None
        if self._failure is not None:
            return self._failure, (
                self._failure_message or FAILURE_MESSAGES[self._failure]
            )
        return transition.settled_code, transition.settled_message

    @property
    def status_code(self) -> str | None:
        return self._codes_of(self.state)[0]

    @property
    def status_message(self) -> str | None:
        return self._codes_of(self.state)[1]

    @property
    def in_transition(self) -> bool:
        state = self.state
        return state is not None and state.endswith("_IN_PROGRESS")


#: the states in which a resource can be used and have children made in it
USABLE_STATES = frozenset({"READY", "UPDATE_FAILED", "DELETE_FAILED"})


class NimbleResource(BaseModel, Lifecycle):
    """A studio-scoped, taggable resource with an ARN and a lifecycle."""

    #: a base class only: not listed in /moto-api/data.json
    _untracked = True

    #: the ARN's resource type, e.g. ``studio-component``
    ARN_TYPE = ""

    def __init__(
        self,
        account_id: str,
        region: str,
        resource_id: str,
        tags: dict[str, str] | None,
    ) -> None:
        Lifecycle.__init__(self)
        self.account_id = account_id
        self.region = region
        self.arn = make_arn(region, account_id, self.ARN_TYPE, resource_id)
        self.tags: dict[str, str] = dict(tags or {})

    @property
    def deleted(self) -> bool:
        return self.state == "DELETED"

    @property
    def usable(self) -> bool:
        """READY, or back to what it was after an update or delete that
        failed (the model's StudioComponentState: such a resource "will be
        returned to the state it was in"); the *_FAILED state stays on show
        until the next operation, for the waiters."""
        return self.state in USABLE_STATES

    def require_settled(self, resource_id: str) -> None:
        """Nothing may change while a resource is in a transition state."""
        if self.in_transition:
            raise ConflictException(
                f"{resource_id} is {self.state}: another operation is in progress"
            )

    def require_changeable(self, resource_id: str) -> None:
        """An update needs a settled resource whose create did not fail:
        CREATE_FAILED is final, and such a resource can only be deleted."""
        self.require_settled(resource_id)
        if self.state == "CREATE_FAILED":
            raise ConflictException(
                f"{resource_id} is CREATE_FAILED: a resource whose create failed "
                "cannot be updated, only deleted"
            )

    def stamp_update(self) -> None:
        """``updatedAt`` and ``updatedBy``, on the resources that show them."""
        if hasattr(self, "updated_at"):
            self.updated_at = now()
        if hasattr(self, "updated_by"):
            self.updated_by = caller()

    def start_delete(self, resource_id: str, blocked_by: str | None = None) -> None:
        """The one delete: nothing to do when DELETED or being deleted, refused
        during another transition, else stamped and begun; ``blocked_by`` is
        the statusCode it fails with (children not deleted yet)."""
        if self.state in ("DELETED", "DELETE_IN_PROGRESS"):
            return
        self.require_settled(resource_id)
        self.stamp_update()
        self.before_delete()
        self.start("delete", failure=blocked_by)

    def before_delete(self) -> None:
        """What else a delete does (a session ends its streams)."""

    def apply(self, settings: dict[str, Any]) -> dict[str, Any]:
        """Set the attributes a request sent; members it left out keep their
        value. Returns the values replaced (for a failing update to restore)."""
        replaced = {}
        for key, value in settings.items():
            if value is not None:
                replaced[key] = getattr(self, key)
                setattr(self, key, value)
        return replaced
