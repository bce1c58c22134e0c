"""Template properties as the service model reads them: converted to an
operation's input, searched and renamed for the IDs they name."""

from __future__ import annotations

import re
from typing import Any

from botocore.model import Shape, StructureShape

from ..exceptions import ValidationException
from ..wire.spec import SPECS
from .resource_types import ResourceType

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


def input_of(
    resource_type: ResourceType, verb: str, properties: dict[str, Any]
) -> dict[str, Any]:
    """The properties as the input of the type's ``verb`` operation."""
    spec = SPECS[resource_type.operation(verb)]
    assert spec.input_shape is not None
    params: dict[str, Any] = to_api(spec.input_shape, properties, "")
    return params


def is_list(resource_type: ResourceType, attribute_name: str) -> bool:
    """Whether the Get output shape makes the attribute a list (EulaIds)."""
    spec = SPECS[resource_type.operation("Get")]
    assert spec.operation_model is not None
    assert spec.result_member is not None
    shape = spec.operation_model.output_shape.members[spec.result_member]
    for part in attribute_name.split("."):
        shape = shape.members[part[:1].lower() + part[1:]]
    return bool(shape.type_name == "list")


def names(value: Any, resource_id: str) -> bool:
    """Whether ``value`` holds ``resource_id`` anywhere."""
    if isinstance(value, str):
        return value == resource_id
    if isinstance(value, list):
        return any(names(item, resource_id) for item in value)
    if isinstance(value, dict):
        return any(names(item, resource_id) for item in value.values())
    return False


def renamed(value: Any, mapping: dict[str, str]) -> Any:
    """``value`` with every string that is a key of ``mapping`` replaced."""
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [renamed(item, mapping) for item in value]
    if isinstance(value, dict):
        return {key: renamed(item, mapping) for key, item in value.items()}
    return value
