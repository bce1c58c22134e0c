"""Studio components: Active Directory, shared file systems, render farms, licence servers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..context import caller
from ..contract import Wire, wire
from ..exceptions import ServiceQuotaExceededException, ValidationException
from ..pagination import page_limit
from ..quotas import check_quota, in_use
from ..settings import check_references
from .base import NimbleResource, Transition, new_id, now
from .references import (
    Problem,
    file_system_problem,
    first,
    role_problem,
    studio_key_problem,
)
from .state import BackendState

if TYPE_CHECKING:
    from .studios import Studio

#: which configuration member goes with which component type (CUSTOM takes none)
CONFIGURATION_FOR_TYPE = {
    "ACTIVE_DIRECTORY": "activeDirectoryConfiguration",
    "SHARED_FILE_SYSTEM": "sharedFileSystemConfiguration",
    "COMPUTE_FARM": "computeFarmConfiguration",
    "LICENSE_SERVICE": "licenseServiceConfiguration",
    "CUSTOM": None,
}
#: subtypes other than CUSTOM, and the one type each belongs to
TYPE_FOR_SUBTYPE = {
    "AWS_MANAGED_MICROSOFT_AD": "ACTIVE_DIRECTORY",
    "AMAZON_FSX_FOR_WINDOWS": "SHARED_FILE_SYSTEM",
    "AMAZON_FSX_FOR_LUSTRE": "SHARED_FILE_SYSTEM",
}


def check_type_and_configuration(
    component_type: str, subtype: str | None, configuration: dict[str, Any] | None
) -> None:
    expected = CONFIGURATION_FOR_TYPE[component_type]
    sent = next(iter(configuration), None) if configuration else None
    if sent is not None and sent != expected:
        raise ValidationException(
            f"configuration.{sent} does not go with a studio component of type {component_type}"
        )
    if (
        subtype is not None
        and subtype != "CUSTOM"
        and TYPE_FOR_SUBTYPE[subtype] != component_type
    ):
        raise ValidationException(
            f"subtype {subtype} does not go with a studio component of type {component_type}"
        )


def check_shared_file_systems(
    studio: Studio, component_type: str, other_than: StudioComponent | None = None
) -> None:
    """One more SHARED_FILE_SYSTEM component must stay within the quota."""
    if component_type == "SHARED_FILE_SYSTEM":
        check_quota(
            "shared_file_system_components_per_studio",
            lambda: in_use(
                studio.studio_components,
                lambda c: c.type == component_type and c is not other_than,
            ),
        )


def has_directory(studio: Studio, other_than: StudioComponent | None = None) -> bool:
    """Whether the studio has an Active Directory component that counts (one
    per studio, not adjustable: the General Reference's quotas page)."""
    return any(
        c.type == "ACTIVE_DIRECTORY"
        and c.state not in ("DELETED", "CREATE_FAILED")
        and c is not other_than
        for c in studio.studio_components
    )


def _configuration_after(
    component: StudioComponent, new_type: str, sent: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The configuration a component has after an update: the one sent, else
    the one it had, but none once it becomes CUSTOM, which takes none (null
    is not sent, and botocore sends no empty union, so it could not be
    cleared otherwise). Another type's configuration must be sent with it."""
    if sent is not None:
        return sent
    if new_type != component.type and CONFIGURATION_FOR_TYPE[new_type] is None:
        return None
    return component.configuration


def check_type_change(
    studio: Studio, component: StudioComponent, new_type: str
) -> None:
    """A component that becomes another type counts as one more of it: the
    shared file system quota, and one Active Directory per studio (refused
    at once, where a create would fail in the background)."""
    check_shared_file_systems(studio, new_type, other_than=component)
    if new_type == "ACTIVE_DIRECTORY" and has_directory(studio, component):
        raise ServiceQuotaExceededException(
            "Quota exceeded: a studio has at most one Active Directory "
            "studio component (not adjustable)"
        )


def reference_problem(studio: Studio, component: StudioComponent) -> Problem | None:
    """What a component names that does not resolve in moto's world: the
    studio's customer managed key (the key's own code), its runtime and secure
    initialization roles, checked as a studio's, and an FSx file system (both
    INTERNAL_ERROR, the only fit of the component's enum)."""
    roles = [
        component.runtime_role_arn,
        component.secure_initialization_role_arn,
    ]
    return first(
        [
            studio_key_problem(studio),
            *(
                role_problem(studio.account_id, arn, "INTERNAL_ERROR", "INTERNAL_ERROR")
                for arn in roles
                if arn is not None
            ),
            file_system_problem(
                studio.account_id,
                studio.region,
                component.subtype,
                component.configuration,
            ),
        ]
    )


class StudioComponent(NimbleResource):
    WIRE: ClassVar[Wire] = wire("StudioComponent")

    MODEL_NAME = "nimble::studio_component"
    ARN_TYPE = "studio-component"
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "STUDIO_COMPONENT_CREATE_IN_PROGRESS",
            "Studio Component is being created",
            "READY",
            "STUDIO_COMPONENT_CREATED",
            "Studio Component has been created",
            # one Active Directory component per studio: the service accepted
            # a second and failed it in the background
            fails_to="CREATE_FAILED",
        ),
        "update": Transition(
            "UPDATE_IN_PROGRESS",
            "STUDIO_COMPONENT_UPDATE_IN_PROGRESS",
            "Studio Component is being updated",
            "READY",
            "STUDIO_COMPONENT_UPDATED",
            "Studio Component has been updated",
            fails_to="UPDATE_FAILED",
        ),
        "delete": Transition(
            "DELETE_IN_PROGRESS",
            "STUDIO_COMPONENT_DELETE_IN_PROGRESS",
            "Studio Component is being deleted",
            "DELETED",
            "STUDIO_COMPONENT_DELETED",
            "Studio Component has been deleted",
            fails_to="DELETE_FAILED",
        ),
    }

    def __init__(
        self,
        studio: Studio,
        name: str,
        type: str,
        tags: dict[str, str] | None,
        **settings: Any,
    ) -> None:
        self.studio_component_id = new_id(studio.studio_components)
        super().__init__(
            studio.account_id, studio.region, self.studio_component_id, tags
        )
        self.studio_id = studio.studio_id
        self.name = name
        self.type = type
        self.configuration: dict[str, Any] | None = None
        self.description: str | None = None
        self.ec2_security_group_ids: list[str] | None = None
        self.initialization_scripts: list[dict[str, str]] | None = None
        self.runtime_role_arn: str | None = None
        self.script_parameters: list[dict[str, str]] | None = None
        self.secure_initialization_role_arn: str | None = None
        self.subtype: str | None = None
        self.apply(settings)
        self.created_at = self.updated_at = now()
        self.created_by = self.updated_by = caller()


class StudioComponentBackend(BackendState):
    """Create/Get/List/Update/DeleteStudioComponent."""

    def create_studio_component(
        self,
        studio_id: str,
        name: str,
        type: str,
        tags: dict[str, str] | None = None,
        configuration: dict[str, Any] | None = None,
        description: str | None = None,
        ec2_security_group_ids: list[str] | None = None,
        initialization_scripts: list[dict[str, str]] | None = None,
        runtime_role_arn: str | None = None,
        script_parameters: list[dict[str, str]] | None = None,
        secure_initialization_role_arn: str | None = None,
        subtype: str | None = None,
    ) -> StudioComponent:
        settings: dict[str, Any] = {
            "configuration": configuration,
            "description": description,
            "ec2_security_group_ids": ec2_security_group_ids,
            "initialization_scripts": initialization_scripts,
            "runtime_role_arn": runtime_role_arn,
            "script_parameters": script_parameters,
            "secure_initialization_role_arn": secure_initialization_role_arn,
            "subtype": subtype,
        }
        studio = self._ready_studio(studio_id)
        check_type_and_configuration(type, subtype, configuration)
        check_shared_file_systems(studio, type)
        second_directory = type == "ACTIVE_DIRECTORY" and has_directory(studio)
        component = StudioComponent(studio, name, type, tags, **settings)
        problem = (
            reference_problem(studio, component)
            if check_references() and not second_directory
            else None
        )
        if problem is not None:
            component.start("create", failure=problem.code, message=problem.message)
        else:
            component.start(
                "create",
                failure="ACTIVE_DIRECTORY_ALREADY_EXISTS" if second_directory else None,
            )
        self._add(studio.studio_components, component.studio_component_id, component)
        return component

    def _studio_component(
        self, studio: Studio, studio_component_id: str
    ) -> StudioComponent:
        return studio.studio_components.require(studio_component_id, "Studio component")

    def get_studio_component(
        self, studio_id: str, studio_component_id: str
    ) -> StudioComponent:
        return self._live_studio(studio_id).studio_components.read(
            studio_component_id, "Studio component"
        )

    def list_studio_components(
        self,
        studio_id: str,
        max_results: int | None = None,
        next_token: str | None = None,
        states: list[str] | None = None,
        types: list[str] | None = None,
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)

        def keep(component: StudioComponent) -> bool:
            state = component.state
            if states:
                if state not in states:
                    return False
            elif state == "DELETED":
                return False
            return not types or component.type in types

        items, token = studio.studio_components.page(
            next_token, page_limit(max_results, 50), keep
        )
        return {"studioComponents": items, "nextToken": token}

    def update_studio_component(
        self,
        studio_id: str,
        studio_component_id: str,
        configuration: dict[str, Any] | None = None,
        description: str | None = None,
        ec2_security_group_ids: list[str] | None = None,
        initialization_scripts: list[dict[str, str]] | None = None,
        name: str | None = None,
        runtime_role_arn: str | None = None,
        script_parameters: list[dict[str, str]] | None = None,
        secure_initialization_role_arn: str | None = None,
        subtype: str | None = None,
        type: str | None = None,
    ) -> StudioComponent:
        settings: dict[str, Any] = {
            "configuration": configuration,
            "description": description,
            "ec2_security_group_ids": ec2_security_group_ids,
            "initialization_scripts": initialization_scripts,
            "name": name,
            "runtime_role_arn": runtime_role_arn,
            "script_parameters": script_parameters,
            "secure_initialization_role_arn": secure_initialization_role_arn,
            "subtype": subtype,
            "type": type,
        }
        studio = self._ready_studio(studio_id)
        component = studio.studio_components.require(
            studio_component_id, "Studio component", live=True
        )
        component.require_changeable(studio_component_id)
        merged = {k: v for k, v in settings.items() if v is not None}
        new_type = merged.get("type", component.type)
        configuration = _configuration_after(component, new_type, configuration)
        check_type_and_configuration(
            new_type, merged.get("subtype", component.subtype), configuration
        )
        if new_type != component.type:
            check_type_change(studio, component, new_type)
        replaced = component.apply(settings)
        replaced.setdefault("configuration", component.configuration)
        component.configuration = configuration
        component.stamp_update()
        problem = reference_problem(studio, component) if check_references() else None
        # a failed update leaves the component as it was
        component.start(
            "update",
            failure=problem.code if problem else None,
            undo=replaced,
            message=problem.message if problem else None,
        )
        return component

    def delete_studio_component(
        self, studio_id: str, studio_component_id: str
    ) -> StudioComponent:
        component = self._studio_component(
            self._live_studio(studio_id), studio_component_id
        )
        component.start_delete(studio_component_id)
        return component
