"""A stack resource's calls into the service, each through
:func:`moto_nimble.service.invoke` (or :func:`~moto_nimble.service.entered`,
for a check and the change it allows), as the caller of the CloudFormation
request being served."""

from __future__ import annotations

from typing import Any

from botocore import xform_name

from .. import moto_compat, service
from ..context import Caller
from ..exceptions import ResourceNotFoundException
from .properties import input_of
from .resource_types import ResourceType, StackResourceFailed

#: how many Gets a stack operation polls for a resource to settle
SETTLE_POLLS = 100


def stack_caller(account_id: str, region: str) -> Caller:
    """The caller of the CloudFormation request being served (moto's
    CloudFormation hands its resources none): its access key, whose user ID
    is what moto's STS says of it; moto's default identity outside one."""
    served = moto_compat.cloudformation_request()
    if served is None:
        return Caller(account_id, region)
    return Caller(account_id, region, access_key=served.access_key)


def settle(
    resource_type: ResourceType, resource: Any, ids: dict[str, str], caller: Caller
) -> None:
    """Poll the resource's Get, as CloudFormation does, until it leaves its
    *_IN_PROGRESS state (at most :data:`SETTLE_POLLS` times)."""
    get = resource_type.operation("Get")
    in_transition = bool(resource.in_transition)
    for _ in range(SETTLE_POLLS):
        if not in_transition:
            return
        try:
            # what the Get shows, read under the backend's lock
            in_transition = service.invoke(get, ids, caller, answer=_in_transition)
        except ResourceNotFoundException:
            return


def _in_transition(resource: Any) -> bool:
    return bool(resource.in_transition)


def create(
    resource_type: ResourceType,
    caller: Caller,
    properties: dict[str, Any],
    studio_id: str,
) -> Any:
    """Create the resource from its template properties in studio
    ``studio_id`` (none for a studio), and wait for it."""
    resource = service.invoke(
        resource_type.operation("Create"),
        input_of(resource_type, "Create", properties),
        caller,
    )
    # a studio's ID member is studioId: its own ID then
    ids = {
        "studioId": studio_id,
        resource_type.id_member: resource_id(resource_type, resource),
    }
    _settled(resource_type, resource, ids, caller, "created")
    return resource


def update(
    resource_type: ResourceType,
    caller: Caller,
    ids: dict[str, str],
    properties: dict[str, Any],
) -> None:
    """Update the resource in place from its properties that are not
    create-only, and wait for it."""
    changed = {
        k: v for k, v in properties.items() if k not in resource_type.create_only
    }
    operation = resource_type.operation("Update")
    params = {**input_of(resource_type, "Update", changed), **ids}
    resource = service.invoke(operation, params, caller)
    _settled(resource_type, resource, ids, caller, "updated")


def delete(
    resource_type: ResourceType,
    caller: Caller,
    ids: dict[str, str],
    resource: Any,
) -> None:
    """Delete the resource and wait for DELETED, unless the service would
    refuse (StackResourceFailed): checked and begun under the backend's lock,
    so that nothing comes between."""
    with service.entered(caller) as backend:
        studio = backend.studios.get(ids["studioId"])
        if studio is None or studio.deleted:
            return
        reason = resource_type.blocked(resource, studio)
        if reason is not None:
            raise StackResourceFailed(
                f"{resource_type.name} {ids[resource_type.id_member]} cannot be deleted yet: {reason}"
            )
        try:
            service.invoke(resource_type.operation("Delete"), ids, caller)
        except ResourceNotFoundException:
            return
        settle(resource_type, resource, ids, caller)


def delete_failure(
    resource_type: ResourceType, caller: Caller, studio_id: str, resource: Any
) -> str | None:
    """Why the service would refuse to delete the resource, if it would."""
    with service.entered(caller) as backend:
        studio = backend.studios.get(studio_id)
        if studio is None or studio.deleted:
            return None
        return resource_type.blocked(resource, studio)


def resource_id(resource_type: ResourceType, resource: Any) -> str:
    """The resource's ID (its ``studioId``, ``launchProfileId``, ...)."""
    return str(getattr(resource, xform_name(resource_type.id_member)))


def _settled(
    resource_type: ResourceType,
    resource: Any,
    ids: dict[str, str],
    caller: Caller,
    done: str,
) -> None:
    settle(resource_type, resource, ids, caller)
    if str(resource.state).endswith("_FAILED"):
        raise StackResourceFailed(
            f"{resource_type.name} was not {done}: {resource.status_code} ({resource.status_message})"
        )
