"""CloudFormation through moto's own: AWS::NimbleStudio::Studio, StudioComponent,
LaunchProfile and StreamingImage.

A template's properties are the Create operation's input members in
PascalCase (``Ec2SubnetIds``, ``StreamConfiguration.SessionBackup.Mode``), so
they are read through the service model: matched to the input shape member by
member, typed as CloudFormation types them (a number given as a string is a
number), checked by the same validator as every request, and handed to the
same backend methods. A stack's resources are READY when its operation ends;
a change to a create-only property replaces the resource, any other change
updates it in place; a stack delete removes children before their studio, so
that every resource ends DELETED.

A resource that fails (a bad property, a launch profile that settles in
CREATE_FAILED) fails its stack: the stack's status is CREATE_FAILED and the
resource's event carries the reason, naming the property.

``Ref`` returns the resource's ID; ``Fn::GetAtt`` takes the attributes of the
CloudFormation resource specification (``StudioId``, ``HomeRegion``,
``SsoClientId``, ``StudioUrl``; ``StudioComponentId``; ``LaunchProfileId``;
``StreamingImageId``, ``EulaIds``, ``Owner``, ``Platform``,
``EncryptionConfiguration`` and its ``.KeyArn`` and ``.KeyType``).
"""

from __future__ import annotations

import contextvars
import functools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore import xform_name
from botocore.model import Shape, StructureShape
from moto.core.common_models import CloudFormationModel
from moto.core.exceptions import ServiceException

from . import service
from .context import DEFAULT_CALLER, Caller, sts_user_id
from .exceptions import (
    NimbleStudioException,
    ResourceNotFoundException,
    ValidationException,
)
from .models.base import NimbleModelTracker, NimbleResource
from .wire.spec import SPECS

#: how a resource's event gives the service's answer
_HANDLER_SAID = "Resource handler returned message:"
#: how many polls a stack operation waits for a resource to settle
SETTLE_POLLS = 100
#: the stacks of the DeleteStack being served, by ID (moto lists a stack no
#: more while it deletes its resources)
_DELETING: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "moto_nimble_deleting_stacks", default=None
)


@dataclass(frozen=True)
class ResourceType:
    """What CloudFormation needs to know of one resource type."""

    name: str
    #: the operations are Create<noun>, Update<noun>, Delete<noun>
    noun: str
    #: the output member holding the resource's ID
    id_member: str
    #: properties whose change replaces the resource
    create_only: frozenset[str]
    #: Fn::GetAtt attributes
    attributes: tuple[str, ...]
    #: why a delete cannot go ahead yet (children not deleted), if it cannot
    blocked: Callable[[Any, Any], str | None] = lambda resource, studio: None  # noqa: ARG005

    def operation(self, verb: str) -> str:
        return f"{verb}{self.noun}"


STUDIO = ResourceType(
    name="AWS::NimbleStudio::Studio",
    noun="Studio",
    id_member="studioId",
    create_only=frozenset({"StudioName", "StudioEncryptionConfiguration", "Tags"}),
    attributes=("HomeRegion", "SsoClientId", "StudioId", "StudioUrl"),
    blocked=lambda studio, _: studio.blocking_delete(),
)
STUDIO_COMPONENT = ResourceType(
    name="AWS::NimbleStudio::StudioComponent",
    noun="StudioComponent",
    id_member="studioComponentId",
    create_only=frozenset({"StudioId", "Subtype", "Tags"}),
    attributes=("StudioComponentId",),
)
LAUNCH_PROFILE = ResourceType(
    name="AWS::NimbleStudio::LaunchProfile",
    noun="LaunchProfile",
    id_member="launchProfileId",
    create_only=frozenset({"StudioId", "Ec2SubnetIds", "Tags"}),
    attributes=("LaunchProfileId",),
    blocked=lambda profile, studio: profile.blocking_delete(studio),
)
STREAMING_IMAGE = ResourceType(
    name="AWS::NimbleStudio::StreamingImage",
    noun="StreamingImage",
    id_member="streamingImageId",
    create_only=frozenset({"StudioId", "Ec2ImageId", "Tags"}),
    attributes=(
        "StreamingImageId",
        "EulaIds",
        "Owner",
        "Platform",
        "EncryptionConfiguration",
        "EncryptionConfiguration.KeyArn",
        "EncryptionConfiguration.KeyType",
    ),
)


class StackResourceFailed(ServiceException):
    """A stack resource that could not be created, updated or deleted: moto's
    CloudFormation answers it as it answers its own ValidationError. (Importing
    that class would import all of moto's CloudFormation with the package.)"""

    code = "ValidationError"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.__module__ = "moto.cloudformation.exceptions"  # the model moto looks in


# --- template properties -> API parameters ---------------------------------------

_INTEGER = re.compile(r"-?[0-9]+")


def to_api(shape: Shape, value: Any, path: str) -> Any:
    """A template value as the operation's input: PascalCase names to the
    model's members, values typed as CloudFormation types them."""
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            return value  # the validator names it
        members = {name.lower(): name for name in shape.members}
        converted = {}
        for key, item in value.items():
            member = members.get(str(key).lower())
            if member is None:
                raise ValidationException(
                    f"Encountered unsupported property {path}{key}"
                )
            converted[member] = to_api(shape.members[member], item, f"{path}{key}.")
        return converted
    if shape.type_name == "list" and isinstance(value, list):
        return [to_api(shape.member, item, path) for item in value]  # type: ignore[attr-defined,unused-ignore]
    if shape.type_name == "map" and isinstance(value, dict):
        return {str(k): to_api(shape.value, v, path) for k, v in value.items()}  # type: ignore[attr-defined,unused-ignore]
    if (
        shape.type_name in ("integer", "long")
        and isinstance(value, str)
        and _INTEGER.fullmatch(value)
    ):
        return int(value)
    if (
        shape.type_name == "string"
        and not isinstance(value, (str, dict, list))
        and value is not None
    ):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return value


def stack_caller(account_id: str, region: str) -> str:
    """The caller of the CreateStack/UpdateStack request being served, as STS
    names it: moto's CloudFormation hands resources no caller, so it is read
    off the request handler up the stack."""
    frame: Any = sys._getframe(1)
    while frame is not None:
        handler: Any = frame.f_locals.get("self")
        if type(handler).__name__ == "CloudFormationResponse" and hasattr(
            handler, "access_key"
        ):
            return sts_user_id(account_id, handler.access_key, region)
        frame = frame.f_back
    return DEFAULT_CALLER


def settle(resource: NimbleResource) -> None:
    """Poll as CloudFormation does until the resource leaves its *_IN_PROGRESS state."""
    for _ in range(SETTLE_POLLS):
        if not resource.in_transition:
            return
        resource.read()


# --- the stack resources ----------------------------------------------------------


class NimbleStackResource:
    """A nimble resource as a CloudFormation stack holds it."""

    TYPE: ResourceType

    def __init__(
        self,
        account_id: str,
        region: str,
        properties: dict[str, Any],
        logical_id: str | None,
        stack_id: str | None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.properties = dict(properties)
        self.logical_id = logical_id
        self.stack_id = stack_id
        self.resource: Any = None
        self.failure: str | None = None
        #: the studio it lives in (its own ID, for a studio)
        self.studio_id = str(properties.get("StudioId", ""))

    # moto's CloudFormation calls these

    @classmethod
    def cloudformation_type(cls) -> str:
        return cls.TYPE.name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.TYPE.attributes

    @property
    def physical_resource_id(self) -> str | None:
        return (
            str(getattr(self.resource, xform_name(self.TYPE.id_member)))
            if self.resource
            else None
        )

    def is_created(self) -> bool:
        return self.failure is None

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name not in self.TYPE.attributes:
            raise UnformattedGetAttTemplateException()
        if (
            self.resource is None
        ):  # it failed: an empty value, and dependents are cancelled
            return [] if self._is_list(attribute_name) else ""
        first, *rest = attribute_name.split(".")
        value = getattr(self.resource, xform_name(first), None)
        for part in rest:
            value = (value or {}).get(part[:1].lower() + part[1:])
        return value

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc,unused-ignore]
        cls,
        resource_name: str,  # noqa: ARG003
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> NimbleStackResource:
        watch_stack_operations()
        made = cls(
            account_id,
            region_name,
            cloudformation_json.get("Properties") or {},
            kwargs.get("LogicalId"),
            kwargs.get("StackId"),
        )
        try:
            if made._stack_failed():
                raise StackResourceFailed("Resource creation cancelled")
            made.resource = made._create()
        except (NimbleStudioException, StackResourceFailed) as error:
            made._fail("CREATE_FAILED", error)
        return made

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc,unused-ignore]
        cls,
        original_resource: NimbleStackResource,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> NimbleStackResource:
        properties = cloudformation_json.get("Properties") or {}
        replaced = {
            name
            for name in cls.TYPE.create_only
            if properties.get(name) != original_resource.properties.get(name)
        }
        if original_resource.resource is None:  # it had failed: nothing to keep
            return cls.create_from_cloudformation_json(
                new_resource_name,
                cloudformation_json,
                account_id,
                region_name,
                LogicalId=original_resource.logical_id,
                StackId=original_resource.stack_id,
            )
        if replaced:
            return original_resource._replace(properties)
        try:
            original_resource._update(properties)
        except (NimbleStudioException, StackResourceFailed) as error:
            original_resource._fail("UPDATE_FAILED", error)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc,unused-ignore]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        """moto calls ``delete`` on what the stack holds; nothing to do by name."""

    def _replace(self, properties: dict[str, Any]) -> NimbleStackResource:
        """Replace the resource, as CloudFormation does: make the new one, make
        every resource of the stack that named the old one name the new one
        (replaced in turn where that property is create-only: a studio's
        components, images and launch profiles), then delete the old ones,
        children first. If anything cannot be made, what was made is deleted
        and the stack keeps what it had."""
        mapping: dict[str, str] = {}
        made: list[NimbleStackResource] = []
        old: list[NimbleStackResource] = []
        moved: dict[str, NimbleStackResource] = {}
        try:
            new = self._remade(properties, made)
            mapping[str(self.physical_resource_id)] = str(new.physical_resource_id)
            old.append(self)
            for logical_id, other in self._dependents():
                followed = other._follow(mapping, made, old)
                if followed is not other:
                    moved[logical_id] = followed
        except StackResourceFailed as error:
            for resource in reversed(made):
                resource._clean_up()
            self._fail("UPDATE_FAILED", error)
            return self
        stack = self._stack()
        if stack is not None:
            stack.resource_map._parsed_resources.update(moved)
        for resource in sorted(old, key=lambda r: -RANK[r.TYPE.name]):
            resource._clean_up()
        return new

    def _remade(
        self, properties: dict[str, Any], made: list[NimbleStackResource]
    ) -> NimbleStackResource:
        new = type(self).create_from_cloudformation_json(
            self.logical_id or "",
            {"Properties": properties},
            self.account_id,
            self.region,
            LogicalId=self.logical_id,
            StackId=self.stack_id,
        )
        # what moto's CloudFormation sets on every resource it makes
        for attribute in ("cf_resource_type", "logical_resource_id"):
            if hasattr(self, attribute):
                setattr(new, attribute, getattr(self, attribute))
        made.append(new)
        if not new.is_created():
            raise StackResourceFailed(new.failure or "Resource creation failed")
        return new

    def _dependents(self) -> list[tuple[str, NimbleStackResource]]:
        """The stack's other nimble resources, parents before children."""
        stack = self._stack()
        if stack is None:
            return []
        found = [
            (logical_id, resource)
            for logical_id, resource in stack.resource_map._parsed_resources.items()
            if isinstance(resource, NimbleStackResource)
            and resource is not self
            and resource.resource is not None
        ]
        return sorted(found, key=lambda pair: RANK[pair[1].TYPE.name])

    def _follow(
        self,
        mapping: dict[str, str],
        made: list[NimbleStackResource],
        old: list[NimbleStackResource],
    ) -> NimbleStackResource:
        """Name the replaced resources' new IDs: replaced if a create-only
        property changes, else updated in place, else left as it is."""
        properties = _renamed(self.properties, mapping)
        if properties == self.properties:
            return self
        if any(
            properties.get(name) != self.properties.get(name)
            for name in self.TYPE.create_only
        ):
            new = self._remade(properties, made)
            mapping[str(self.physical_resource_id)] = str(new.physical_resource_id)
            old.append(self)
            return new
        try:
            self._update(properties)
        except NimbleStudioException as error:
            raise StackResourceFailed(str(error)) from None
        return self

    def _clean_up(self) -> None:
        """Delete a resource the stack no longer holds; a delete that cannot
        go ahead is recorded (DELETE_FAILED), as CloudFormation's clean-up
        records it, and does not fail the stack operation."""
        try:
            self.delete(self.account_id, self.region)
        except (NimbleStudioException, StackResourceFailed) as error:
            self._event("DELETE_FAILED", error)

    def delete(self, account_id: str, region_name: str) -> None:  # noqa: ARG002
        """Delete and wait for DELETED. Raise (moto tries again after the
        others) while a resource of the stack that names this one remains, as
        CloudFormation deletes dependents first, or while the service would
        refuse (a studio's children, a launch profile's sessions)."""
        if self.resource is None or self.resource.deleted:
            return
        waiting = self._dependents_alive()
        if waiting:
            raise StackResourceFailed(
                f"{self.TYPE.name} {self.physical_resource_id} waits for "
                f"{', '.join(waiting)} to be deleted"
            )
        with service.entered(self._caller()) as backend:
            studio = backend.studios.get(self.studio_id)
            if studio is None or studio.deleted:
                return
            reason = self.TYPE.blocked(self.resource, studio)
            if reason is not None:
                raise StackResourceFailed(
                    f"{self.TYPE.name} {self.physical_resource_id} cannot be deleted yet: {reason}"
                )
            try:
                self._call(self.TYPE.operation("Delete"), self._ids())
            except ResourceNotFoundException:
                return
            settle(self.resource)

    def _alive(self) -> bool:
        return self.resource is not None and not self.resource.deleted

    def _dependents_alive(self) -> list[str]:
        """The stack's resources, not deleted, whose properties name this one."""
        stack = self._stack()
        mine = self.physical_resource_id
        if stack is None or mine is None:
            return []
        return [
            logical_id
            for logical_id, other in stack.resource_map._parsed_resources.items()
            if isinstance(other, NimbleStackResource)
            and other is not self
            and other._alive()
            and _names(other.properties, mine)
        ]

    def _delete_failure(self) -> str | None:
        """Why the resource cannot be deleted, when nothing of the stack is
        in its way (the reason its DELETE_FAILED event gives)."""
        if not self._alive() or self._dependents_alive():
            return None
        backend = self._backend()
        studio = backend.studios.get(self.studio_id)
        if studio is None or studio.deleted:
            return None
        return self.TYPE.blocked(self.resource, studio)

    @classmethod
    def _is_list(cls, attribute_name: str) -> bool:
        """Whether the output shape makes the attribute a list (EulaIds)."""
        spec = SPECS[cls.TYPE.operation("Get")]
        assert spec.operation_model is not None
        assert spec.result_member is not None
        shape = spec.operation_model.output_shape.members[spec.result_member]
        for part in attribute_name.split("."):
            shape = shape.members[part[:1].lower() + part[1:]]
        return bool(shape.type_name == "list")

    # the work

    def _backend(self) -> Any:
        return service.backend_for(self.account_id, self.region)

    def _caller(self) -> Caller:
        return Caller(
            self.account_id,
            self.region,
            user_id=stack_caller(self.account_id, self.region),
        )

    def _ids(self) -> dict[str, str]:
        return {
            self.TYPE.id_member: str(self.physical_resource_id),
            "studioId": self.studio_id,
        }

    def _call(self, operation: str, params: dict[str, Any]) -> Any:
        return service.invoke(operation, params, self._caller())

    def _create(self) -> Any:
        spec = SPECS[self.TYPE.operation("Create")]
        assert spec.input_shape is not None
        params = to_api(spec.input_shape, self.properties, "")
        resource = self._call(spec.name, params)
        if self.TYPE is STUDIO:
            self.studio_id = resource.studio_id
        self._settled(resource, "created")
        return resource

    def _update(self, properties: dict[str, Any]) -> None:
        spec = SPECS[self.TYPE.operation("Update")]
        assert spec.input_shape is not None
        changed = {
            k: v for k, v in properties.items() if k not in self.TYPE.create_only
        }
        params = {**to_api(spec.input_shape, changed, ""), **self._ids()}
        self._settled(self._call(spec.name, params), "updated")
        self.properties = dict(properties)

    def _settled(self, resource: Any, done: str) -> None:
        settle(resource)
        if str(resource.state).endswith("_FAILED"):
            raise StackResourceFailed(
                f"{self.TYPE.name} was not {done}: {resource.status_code} ({resource.status_message})"
            )

    def _stack(self) -> Any:
        from moto.cloudformation.models import cloudformation_backends

        stack_id = self.stack_id or ""
        found = cloudformation_backends[self.account_id][self.region].stacks.get(
            stack_id
        )
        # moto takes a stack off its list before it deletes its resources
        return found if found is not None else (_DELETING.get() or {}).get(stack_id)

    def _stack_failed(self) -> bool:
        """CloudFormation creates nothing more once a resource of the stack failed."""
        stack = self._stack()
        return stack is not None and stack.status == "CREATE_FAILED"

    def _fail(self, status: str, error: Exception) -> None:
        """Fail the stack: its status, and the resource's event with the reason."""
        stack = self._stack()
        if stack is None:
            raise error
        self.failure = self._event(status, error)
        stack.status = "CREATE_FAILED" if status == "CREATE_FAILED" else "UPDATE_FAILED"

    def _event(self, status: str, error: Exception) -> str:
        """Record the resource's event with the reason; the reason."""
        from moto.cloudformation.models import Event

        message = getattr(error, "message", None) or str(error)
        reason = (
            message
            if message.startswith(_HANDLER_SAID)
            else f'{_HANDLER_SAID} "{message}"'
        )
        stack = self._stack()
        if stack is not None:
            stack.events.append(
                Event(
                    stack_id=stack.stack_id,
                    stack_name=stack.name,
                    logical_resource_id=self.logical_id or "",
                    physical_resource_id=self.physical_resource_id or "",
                    resource_type=self.TYPE.name,
                    resource_status=status,
                    resource_status_reason=reason,
                    resource_properties=None,
                )
            )
        return reason


class CfnStudio(NimbleStackResource, CloudFormationModel, metaclass=NimbleModelTracker):
    TYPE = STUDIO
    _untracked = True


class CfnStudioComponent(
    NimbleStackResource, CloudFormationModel, metaclass=NimbleModelTracker
):
    TYPE = STUDIO_COMPONENT
    _untracked = True


class CfnLaunchProfile(
    NimbleStackResource, CloudFormationModel, metaclass=NimbleModelTracker
):
    TYPE = LAUNCH_PROFILE
    _untracked = True


class CfnStreamingImage(
    NimbleStackResource, CloudFormationModel, metaclass=NimbleModelTracker
):
    TYPE = STREAMING_IMAGE
    _untracked = True


STACK_RESOURCES = (CfnStudio, CfnStudioComponent, CfnLaunchProfile, CfnStreamingImage)
#: parents before children: the order to make resources in (and to delete them in reverse)
RANK = {
    STUDIO.name: 0,
    STUDIO_COMPONENT.name: 1,
    STREAMING_IMAGE.name: 1,
    LAUNCH_PROFILE.name: 2,
}


def _names(value: Any, resource_id: str) -> bool:
    """Whether ``value`` holds ``resource_id`` anywhere."""
    if isinstance(value, str):
        return value == resource_id
    if isinstance(value, list):
        return any(_names(item, resource_id) for item in value)
    if isinstance(value, dict):
        return any(_names(item, resource_id) for item in value.values())
    return False


def _renamed(value: Any, mapping: dict[str, str]) -> Any:
    """``value`` with every string that is a key of ``mapping`` replaced."""
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_renamed(item, mapping) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, mapping) for key, item in value.items()}
    return value


def _mark_failed_operations(stacks: Any, events_before: dict[str, int]) -> None:
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


def _events_before(stacks: Any) -> dict[str, int]:
    return {stack.stack_id: len(stack.events) for stack in stacks}


def watch_stack_operations() -> None:
    """moto marks a stack UPDATE_COMPLETE after any update, and CREATE_COMPLETE
    or UPDATE_COMPLETE after any change set, whatever its resources did: wrap
    the two so that a nimble resource's failure shows in the stack's status.
    Once, when moto's CloudFormation is loaded."""
    models = sys.modules.get("moto.cloudformation.models")
    stack_class = getattr(models, "Stack", None)
    backend_class = getattr(models, "CloudFormationBackend", None)
    if stack_class is None or backend_class is None:
        return
    if getattr(stack_class.update, "_nimble_watched", False):
        return
    update = stack_class.update
    execute_change_set = backend_class.execute_change_set

    @functools.wraps(update)
    def watched_update(stack: Any, *args: Any, **kwargs: Any) -> Any:
        before = _events_before([stack])
        result = update(stack, *args, **kwargs)
        _mark_failed_operations([stack], before)
        return result

    @functools.wraps(execute_change_set)
    def watched_execute(backend: Any, *args: Any, **kwargs: Any) -> Any:
        stacks = list(backend.stacks.values())
        before = _events_before(stacks)
        result = execute_change_set(backend, *args, **kwargs)
        _mark_failed_operations(list(backend.stacks.values()), before)
        return result

    delete_stack = backend_class.delete_stack

    @functools.wraps(delete_stack)
    def watched_delete(backend: Any, *args: Any, **kwargs: Any) -> Any:
        stacks = dict(backend.stacks)
        token = _DELETING.set(stacks)
        try:
            return delete_stack(backend, *args, **kwargs)
        except StackResourceFailed:
            _keep_failed_deletes(backend, stacks)
        finally:
            _DELETING.reset(token)
        return None

    watched_update._nimble_watched = True  # type: ignore[attr-defined]
    stack_class.update = watched_update
    backend_class.execute_change_set = watched_execute
    backend_class.delete_stack = watched_delete


def _keep_failed_deletes(backend: Any, stacks: dict[str, Any]) -> None:
    """A stack whose nimble resource cannot be deleted (a launch profile with
    sessions the stack did not make, say) ends DELETE_FAILED and stays listed
    with what was not deleted, so that DeleteStack can be repeated; moto would
    drop it and answer an error. Each resource that failed has its event."""
    for stack_id, stack in stacks.items():
        if stack_id in backend.stacks or stack.status == "DELETE_COMPLETE":
            continue
        backend.stacks[stack_id] = stack
        backend.deleted_stacks.pop(stack_id, None)
        failed = []
        for resource in list(stack.resource_map._parsed_resources.values()):
            reason = (
                resource._delete_failure()
                if isinstance(resource, NimbleStackResource)
                else None
            )
            if reason is not None:
                resource._event("DELETE_FAILED", StackResourceFailed(reason))
                failed.append(resource.logical_id or "")
        stack.status = "DELETE_FAILED"
        stack._add_stack_event(
            "DELETE_FAILED",
            resource_status_reason="The following resource(s) failed to delete: "
            f"[{', '.join(sorted(failed))}].",
        )


def register() -> None:
    """moto finds resource types through ``CloudFormationModel.__subclasses__()``
    behind caches: clear them, in case a stack was parsed before these classes
    existed (importing moto's CloudFormation only for this would cost every
    ``import moto_nimble`` dozens of moto's modules)."""
    watch_stack_operations()
    parsing = sys.modules.get("moto.cloudformation.parsing")
    if parsing is None:
        return
    for cached in ("get_model_list", "get_model_map", "get_name_type_map"):
        function = getattr(parsing, cached, None)
        if function is not None and hasattr(function, "cache_clear"):
            function.cache_clear()
