"""The stack resources: what moto's CloudFormation calls to create, update,
replace and delete a nimble resource, and to read its Ref and Fn::GetAtt."""

from __future__ import annotations

from typing import Any

from botocore import xform_name
from moto.core.common_models import CloudFormationModel

from .. import moto_compat
from ..context import Caller
from ..exceptions import NimbleStudioException
from ..models.base import NimbleModelTracker
from . import calls, stacks
from .properties import is_list, names, renamed
from .resource_types import (
    LAUNCH_PROFILE,
    RANK,
    STREAMING_IMAGE,
    STUDIO,
    STUDIO_COMPONENT,
    ResourceType,
    StackResourceFailed,
)


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
        #: the backend's resource (None until made, or if it failed)
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
        return calls.resource_id(self.TYPE, self.resource) if self.resource else None

    def is_created(self) -> bool:
        return self.failure is None

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name not in self.TYPE.attributes:
            raise UnformattedGetAttTemplateException()
        if (
            self.resource is None
        ):  # it failed: an empty value, and dependents are cancelled
            return [] if is_list(self.TYPE, attribute_name) else ""
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
        made = cls(
            account_id,
            region_name,
            cloudformation_json.get("Properties") or {},
            kwargs.get("LogicalId"),
            kwargs.get("StackId"),
        )
        made.make()
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
        if original_resource.resource is None:  # it had failed: nothing to keep
            return cls.create_from_cloudformation_json(
                new_resource_name,
                cloudformation_json,
                account_id,
                region_name,
                LogicalId=original_resource.logical_id,
                StackId=original_resource.stack_id,
            )
        return original_resource.change(cloudformation_json.get("Properties") or {})

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc,unused-ignore]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        """moto calls ``delete`` on what the stack holds; nothing to do by name."""

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
        calls.delete(self.TYPE, self._caller(), self._ids(), self.resource)

    # what the stack's other resources and its watcher call

    def make(self) -> None:
        """Create the resource; a failure fails the stack (CREATE_FAILED), and
        once the stack failed, nothing more is made."""
        try:
            if self._stack_failed():
                raise StackResourceFailed("Resource creation cancelled")
            self.resource = calls.create(
                self.TYPE, self._caller(), self.properties, self.studio_id
            )
            if self.TYPE is STUDIO:
                self.studio_id = self.resource.studio_id
        except (NimbleStudioException, StackResourceFailed) as error:
            self._fail("CREATE_FAILED", error)

    def change(self, properties: dict[str, Any]) -> NimbleStackResource:
        """Take these properties: replaced when a create-only one changes,
        else updated in place; a failure fails the stack (UPDATE_FAILED)."""
        if any(
            properties.get(name) != self.properties.get(name)
            for name in self.TYPE.create_only
        ):
            return self._replace(properties)
        try:
            self._update(properties)
        except (NimbleStudioException, StackResourceFailed) as error:
            self._fail("UPDATE_FAILED", error)
        return self

    def follow(
        self,
        mapping: dict[str, str],
        made: list[NimbleStackResource],
        old: list[NimbleStackResource],
    ) -> NimbleStackResource:
        """Name the replaced resources' new IDs: replaced if a create-only
        property changes, else updated in place, else left as it is."""
        properties = renamed(self.properties, mapping)
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

    def clean_up(self) -> None:
        """Delete a resource the stack no longer holds; a delete that cannot
        go ahead is recorded (DELETE_FAILED), as CloudFormation's clean-up
        records it, and does not fail the stack operation."""
        try:
            self.delete(self.account_id, self.region)
        except (NimbleStudioException, StackResourceFailed) as error:
            self.record_event("DELETE_FAILED", error)

    @property
    def alive(self) -> bool:
        return self.resource is not None and not self.resource.deleted

    def delete_failure(self) -> str | None:
        """Why the resource cannot be deleted, when nothing of the stack is
        in its way (the reason its DELETE_FAILED event gives)."""
        if not self.alive or self._dependents_alive():
            return None
        return calls.delete_failure(
            self.TYPE, self._caller(), self.studio_id, self.resource
        )

    def record_event(self, status: str, error: Exception) -> str:
        """Record the resource's event with the reason; the reason."""
        reason = stacks.reason_of(error)
        stack = self._stack()
        if stack is not None:
            stacks.record_resource_event(
                stack,
                logical_id=self.logical_id or "",
                physical_id=self.physical_resource_id or "",
                resource_type=self.TYPE.name,
                status=status,
                reason=reason,
            )
        return reason

    # replacement

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
                followed = other.follow(mapping, made, old)
                if followed is not other:
                    moved[logical_id] = followed
        except StackResourceFailed as error:
            for resource in reversed(made):
                resource.clean_up()
            self._fail("UPDATE_FAILED", error)
            return self
        stack = self._stack()
        if stack is not None:
            moto_compat.replace_stack_resources(stack, moved)
        for resource in sorted(old, key=lambda r: -RANK[r.TYPE.name]):
            resource.clean_up()
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

    def _stack_resources(self) -> list[tuple[str, NimbleStackResource]]:
        """The stack's other nimble resources, by logical ID."""
        stack = self._stack()
        if stack is None:
            return []
        return [
            (logical_id, resource)
            for logical_id, resource in moto_compat.stack_resources(stack).items()
            if isinstance(resource, NimbleStackResource) and resource is not self
        ]

    def _dependents(self) -> list[tuple[str, NimbleStackResource]]:
        """The stack's other nimble resources that were made, parents before children."""
        found = [
            (logical_id, resource)
            for logical_id, resource in self._stack_resources()
            if resource.resource is not None
        ]
        return sorted(found, key=lambda pair: RANK[pair[1].TYPE.name])

    def _dependents_alive(self) -> list[str]:
        """The stack's resources, not deleted, whose properties name this one."""
        mine = self.physical_resource_id
        if mine is None:
            return []
        return [
            logical_id
            for logical_id, other in self._stack_resources()
            if other.alive and names(other.properties, mine)
        ]

    # the work

    def _caller(self) -> Caller:
        return calls.stack_caller(self.account_id, self.region)

    def _ids(self) -> dict[str, str]:
        return {
            self.TYPE.id_member: str(self.physical_resource_id),
            "studioId": self.studio_id,
        }

    def _update(self, properties: dict[str, Any]) -> None:
        calls.update(self.TYPE, self._caller(), self._ids(), properties)
        self.properties = dict(properties)

    def _stack(self) -> Any:
        return stacks.find_stack(self.account_id, self.region, self.stack_id)

    def _stack_failed(self) -> bool:
        """CloudFormation creates nothing more once a resource of the stack failed."""
        stack = self._stack()
        return stack is not None and stack.status == "CREATE_FAILED"

    def _fail(self, status: str, error: Exception) -> None:
        """Fail the stack: its status, and the resource's event with the reason."""
        stack = self._stack()
        if stack is None:
            raise error
        self.failure = self.record_event(status, error)
        stack.status = "CREATE_FAILED" if status == "CREATE_FAILED" else "UPDATE_FAILED"


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
