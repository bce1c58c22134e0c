"""The request context: who is calling, in which account and region.

The request pipeline sets it for the length of one backend call. The models
read the caller from it for ``createdBy``, ``updatedBy``, ``startedBy``,
``stoppedBy``, ``acceptedBy`` and a defaulted ``ownedBy``.

A backend method called outside a request (a test seeding state, a hook)
names its caller with :func:`acting_as`::

    with acting_as("AIDAEXAMPLEUSER"):
        nimble_backends[account][region].create_studio_component(...)

Without one, the caller is moto's default identity, the ``UserId`` that moto's
STS ``GetCallerIdentity`` reports for credentials it does not know.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: moto's STS answer for credentials it does not know
DEFAULT_CALLER = "AKIAIOSFODNN7EXAMPLE"


class RequestContext:
    """Who is calling, in which account and region, for one request.

    ``caller`` is the STS ``UserId`` of the request's credentials (an IAM
    user's ID, or ``<role id>:<session name>`` for an assumed role). It may be
    given as a function, asked only when a model first needs the caller (a
    Get never does)."""

    __slots__ = ("_caller", "access_key", "account_id", "operation", "region")

    def __init__(
        self,
        account_id: str,
        region: str,
        caller: str | Callable[[], str],
        operation: str | None = None,
        access_key: str | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self._caller = caller
        #: the routed operation, e.g. ``CreateStudio`` (None outside a request)
        self.operation = operation
        self.access_key = access_key

    @property
    def caller(self) -> str:
        if not isinstance(self._caller, str):
            self._caller = self._caller()
        return self._caller

    def __repr__(self) -> str:
        return (
            f"RequestContext(account_id={self.account_id!r}, region={self.region!r}, "
            f"caller={self.caller!r}, operation={self.operation!r})"
        )


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "moto_nimble_request_context", default=None
)


def current() -> RequestContext | None:
    return _current.get()


def caller() -> str:
    """The caller of the request being served, or the one :func:`acting_as` names."""
    context = _current.get()
    return context.caller if context is not None else DEFAULT_CALLER


def enter(context: RequestContext) -> contextvars.Token[RequestContext | None]:
    """Make ``context`` current; :func:`leave` with the token ends it."""
    return _current.set(context)


def leave(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)


@contextmanager
def serving(context: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


@contextmanager
def acting_as(
    caller: str, account_id: str = "", region: str = ""
) -> Iterator[RequestContext]:
    """Backend calls inside the block are made by ``caller``."""
    with serving(RequestContext(account_id, region, caller)) as context:
        yield context
