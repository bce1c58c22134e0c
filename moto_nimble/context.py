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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: moto's STS answer for credentials it does not know
DEFAULT_CALLER = "AKIAIOSFODNN7EXAMPLE"


@dataclass(frozen=True)
class RequestContext:
    account_id: str
    region: str
    #: the STS ``UserId`` of the request's credentials: an IAM user's ID, or
    #: ``<role id>:<session name>`` for an assumed role
    caller: str
    #: the routed operation, e.g. ``CreateStudio`` (None outside a request)
    operation: str | None = None
    access_key: str | None = None


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "moto_nimble_request_context", default=None
)


def current() -> RequestContext | None:
    return _current.get()


def caller() -> str:
    """The caller of the request being served, or the one :func:`acting_as` names."""
    context = _current.get()
    return context.caller if context is not None else DEFAULT_CALLER


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
