"""The stack a resource belongs to, as moto's CloudFormation holds it: found
by ID (also while DeleteStack deletes it), and the events recorded on it."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .. import moto_compat

#: how a resource's event gives the service's answer
HANDLER_SAID = "Resource handler returned message:"

#: the stacks of the DeleteStack being served, by ID (moto lists a stack no
#: more while it deletes its resources)
_DELETING: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "moto_nimble_deleting_stacks", default=None
)


@contextmanager
def deleting(stacks: dict[str, Any]) -> Iterator[None]:
    """While the block runs, :func:`find_stack` finds these stacks too."""
    token = _DELETING.set(stacks)
    try:
        yield
    finally:
        _DELETING.reset(token)


def find_stack(account_id: str, region: str, stack_id: str | None) -> Any:
    """The stack with this ID, or None."""
    from moto.cloudformation.models import cloudformation_backends

    key = stack_id or ""
    found = moto_compat.listed_stacks(cloudformation_backends[account_id][region]).get(
        key
    )
    # moto takes a stack off its list before it deletes its resources
    return found if found is not None else (_DELETING.get() or {}).get(key)


def reason_of(error: Exception) -> str:
    """An error as a resource event's reason: the service's answer."""
    message = getattr(error, "message", None) or str(error)
    return (
        message if message.startswith(HANDLER_SAID) else f'{HANDLER_SAID} "{message}"'
    )


def record_resource_event(
    stack: Any,
    *,
    logical_id: str,
    physical_id: str,
    resource_type: str,
    status: str,
    reason: str,
) -> None:
    """Record an event of one of the stack's resources."""
    from moto.cloudformation.models import Event

    stack.events.append(
        Event(
            stack_id=stack.stack_id,
            stack_name=stack.name,
            logical_resource_id=logical_id,
            physical_resource_id=physical_id,
            resource_type=resource_type,
            resource_status=status,
            resource_status_reason=reason,
            resource_properties=None,
        )
    )
