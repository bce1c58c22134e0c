"""Who is calling, in which account and region.

Every call into a backend names its :class:`Caller`, and
:func:`moto_nimble.service.invoke` makes it current for the length of the call.
The models read the caller's user ID from it for ``createdBy``, ``updatedBy``,
``startedBy``, ``stoppedBy``, ``acceptedBy`` and a defaulted ``ownedBy``.

A backend method called directly, outside any call (a test seeding state),
names its caller with :func:`acting_as`::

    with acting_as("AIDAEXAMPLEUSER"):
        nimble_backends[account][region].create_studio_component(...)

Without one, the caller is moto's default identity, the ``UserId`` that moto's
STS ``GetCallerIdentity`` reports for credentials it does not know.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: moto's STS answer for credentials it does not know
DEFAULT_CALLER = "AKIAIOSFODNN7EXAMPLE"


def sts_user_id(account_id: str, access_key: str, region: str) -> str:
    """The ``UserId`` moto's STS ``GetCallerIdentity`` answers for these credentials."""
    from moto.sts.models import sts_backends
    from moto.utilities.utils import get_partition

    user_id: str = sts_backends[account_id][get_partition(region)].get_caller_identity(
        access_key, region
    )[0]
    return user_id


@dataclass(frozen=True, slots=True)
class Caller:
    """Who makes a call: the account and region it is made in, and either the
    access key it was signed with (its user ID is then what moto's STS says
    of that key, asked only when a model needs it: a Get never does) or the
    user ID itself."""

    account_id: str
    region: str
    access_key: str | None = None
    user_id: str | None = None


class RequestContext:
    """The caller of the call being served, and the operation it called."""

    __slots__ = ("_user_id", "caller", "operation")

    def __init__(self, caller: Caller, operation: str | None = None) -> None:
        self.caller = caller
        #: the operation called, e.g. ``CreateStudio`` (None for a direct call)
        self.operation = operation
        self._user_id = caller.user_id

    @property
    def user_id(self) -> str:
        if self._user_id is None:
            caller = self.caller
            self._user_id = (
                sts_user_id(caller.account_id, caller.access_key, caller.region)
                if caller.access_key is not None
                else DEFAULT_CALLER
            )
        return self._user_id

    def __repr__(self) -> str:
        return f"RequestContext({self.caller!r}, operation={self.operation!r})"


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "moto_nimble_request_context", default=None
)


def current() -> RequestContext | None:
    return _current.get()


def caller() -> str:
    """The user ID of the caller of the call being served, or of the one
    :func:`acting_as` names."""
    context = _current.get()
    return context.user_id if context is not None else DEFAULT_CALLER


@contextmanager
def serving(context: RequestContext) -> Iterator[RequestContext]:
    """Make ``context`` current for the block."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


@contextmanager
def acting_as(
    caller: str, account_id: str = "", region: str = ""
) -> Iterator[RequestContext]:
    """Direct backend calls inside the block are made by ``caller`` (a user ID)."""
    with serving(RequestContext(Caller(account_id, region, user_id=caller))) as context:
        yield context
