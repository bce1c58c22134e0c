"""Stack operations as CloudFormation ends them: moto marks a stack
UPDATE_COMPLETE after any update, and CREATE_COMPLETE or UPDATE_COMPLETE after
any change set, whatever its resources did, and drops a stack whose resources
could not all be deleted. Watching its stack operations (through
:func:`moto_nimble.moto_compat.watch`), a nimble resource's failure shows in
the stack's status."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .. import moto_compat
from .resource_types import StackResourceFailed
from .resources import NimbleStackResource
from .stacks import deleting


def watch_stack_operations() -> None:
    """Watch moto's stack operations and CloudFormation requests, as far as
    moto's CloudFormation is loaded (again as more of it loads)."""
    moto_compat.watch(
        update=_around_update,
        execute_change_set=_around_change_set,
        delete_stack=_around_delete,
    )


def _around_update(stack: Any, proceed: Callable[[], Any]) -> Any:
    before = _events_before([stack])
    result = proceed()
    _mark_failed_operations([stack], before)
    return result


def _around_change_set(backend: Any, proceed: Callable[[], Any]) -> Any:
    before = _events_before(moto_compat.listed_stacks(backend).values())
    result = proceed()
    _mark_failed_operations(list(moto_compat.listed_stacks(backend).values()), before)
    return result


def _around_delete(backend: Any, proceed: Callable[[], Any]) -> Any:
    stacks = dict(moto_compat.listed_stacks(backend))
    with deleting(stacks):
        try:
            return proceed()
        except StackResourceFailed:
            _keep_failed_deletes(backend, stacks)
    return None


def _events_before(stacks: Iterable[Any]) -> dict[str, int]:
    return {stack.stack_id: len(stack.events) for stack in stacks}


def _mark_failed_operations(stacks: list[Any], events_before: dict[str, int]) -> None:
    """A stack operation during which a nimble resource failed ends
    ``CREATE_FAILED`` or ``UPDATE_FAILED`` (there is no rollback, as with
    ``DisableRollback``), where moto would report it complete."""
    for stack in stacks:
        new_events = stack.events[events_before.get(stack.stack_id, 0) :]
        failed = [
            event.logical_resource_id
            for event in new_events
            if event.resource_type.startswith("AWS::NimbleStudio::")
            and event.resource_status in ("CREATE_FAILED", "UPDATE_FAILED")
        ]
        if not failed or not stack.status.endswith("_COMPLETE"):
            continue
        operation = stack.status.split("_")[0]
        stack.status = f"{operation}_FAILED"
        for event in reversed(new_events):
            if (
                event.resource_type == "AWS::CloudFormation::Stack"
                and event.resource_status.endswith("_COMPLETE")
            ):
                event.resource_status = stack.status
                event.resource_status_reason = (
                    "The following resource(s) failed to "
                    f"{operation.lower()}: [{', '.join(sorted(set(failed)))}]."
                )
                break


def _keep_failed_deletes(backend: Any, stacks: dict[str, Any]) -> None:
    """A stack whose nimble resource cannot be deleted (a launch profile with
    sessions the stack did not make, say) ends DELETE_FAILED and stays listed
    with what was not deleted, so that DeleteStack can be repeated; moto would
    drop it and answer an error. Each resource that failed has its event."""
    for stack_id, stack in stacks.items():
        if (
            stack_id in moto_compat.listed_stacks(backend)
            or stack.status == "DELETE_COMPLETE"
        ):
            continue
        moto_compat.restore_stack(backend, stack)
        failed = []
        for resource in moto_compat.stack_resources(stack).values():
            reason = (
                resource.delete_failure()
                if isinstance(resource, NimbleStackResource)
                else None
            )
            if reason is not None:
                resource.record_event("DELETE_FAILED", StackResourceFailed(reason))
                failed.append(resource.logical_id or "")
        stack.status = "DELETE_FAILED"
        moto_compat.add_stack_event(
            stack,
            "DELETE_FAILED",
            "The following resource(s) failed to delete: "
            f"[{', '.join(sorted(failed))}].",
        )
