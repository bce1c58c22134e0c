"""Checks a request against its operation's input shape, as the service does.

botocore checks only required members, types and minimums on the client side
(and not at all with ``parameter_validation=False`` or from other SDKs), so the
server checks everything the model says: required, type, enum, length of
strings, lists and maps, numeric range, pattern and unions. All problems are
reported in one ValidationException that names each member.

``LIMITS`` adds the constraints AWS applies to every taggable service and the
model leaves out (50 tags, keys of 1-128 characters, values of at most 256:
https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html), checked
exactly as if the model said them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, cast

from botocore.model import ListShape, MapShape, Shape, StructureShape

from .exceptions import ValidationException

#: constraints the model does not state, by shape name (``<map>.key`` and
#: ``<map>.value`` for a map's keys and values)
LIMITS: dict[str, dict[str, int]] = {
    "Tags": {"max": 50},
    "Tags.key": {"min": 1, "max": 128},
    "Tags.value": {"max": 256},
}
_NO_LIMITS: dict[str, int] = {}


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    # The model's patterns are ECMAScript's, where a final "$" matches only at
    # the end; Python's "$" also matches before a trailing newline.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 100 else f"'{value[:100]}...'"
    if isinstance(value, (dict, list)):
        return "[...]" if isinstance(value, list) else "{...}"
    return str(value)


_TYPE_NAMES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "long": int,
    "boolean": bool,
    "double": (int, float),
    "float": (int, float),
}


def _absent_query_list(member: Shape, value: Any) -> bool:
    """An empty list in the query string is not sent at all: it is missing.
    (Some moto releases parse it as ``[]``, others as absent.)"""
    return bool(value == []) and member.serialization.get("location") == "querystring"


class _Walker:
    def __init__(self, drop_nulls: bool = False) -> None:
        self.errors: list[str] = []
        #: remove structure members that are JSON ``null`` once checked: the
        #: service reads them as not sent (botocore never sends one)
        self.drop_nulls = drop_nulls

    def raise_errors(self) -> None:
        if self.errors:
            count = len(self.errors)
            noun = "error" if count == 1 else "errors"
            raise ValidationException(
                f"{count} validation {noun} detected: " + "; ".join(self.errors)
            )

    def fail(self, value: Any, path: str, constraint: str) -> None:
        self.errors.append(
            f"Value {_show(value)} at '{path}' failed to satisfy constraint: {constraint}"
        )

    def walk(
        self, shape: Shape, value: Any, path: str, limits: dict[str, int] = _NO_LIMITS
    ) -> None:
        type_name = shape.type_name
        if isinstance(shape, StructureShape):
            self.structure(shape, value, path)
        elif isinstance(shape, ListShape):
            if not isinstance(value, list):
                self.fail(value, path, "Member must be a list")
                return
            self.size(shape, value, path)
            for index, item in enumerate(value):
                self.walk(shape.member, item, f"{path}.{index + 1}")
        elif isinstance(shape, MapShape):
            if not isinstance(value, dict):
                self.fail(value, path, "Member must be a map")
                return
            self.size(shape, value, path)
            key_limits = LIMITS.get(f"{shape.name}.key", _NO_LIMITS)
            value_limits = LIMITS.get(f"{shape.name}.value", _NO_LIMITS)
            for key, item in value.items():
                self.walk(shape.key, key, f"{path}.key", key_limits)
                self.walk(shape.value, item, f"{path}.{key}", value_limits)
        elif type_name in _TYPE_NAMES:
            expected = _TYPE_NAMES[type_name]
            if not isinstance(value, expected) or (
                type_name != "boolean" and isinstance(value, bool)
            ):
                self.fail(value, path, f"Member must be of type {type_name}")
                return
            if type_name == "string":
                self.string(shape, cast(str, value), path, limits)
            elif type_name != "boolean":
                self.number(shape, cast(float, value), path)

    def structure(self, shape: StructureShape, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.fail(value, path, "Member must be a structure")
            return
        prefix = f"{path}." if path else ""
        for name in shape.required_members:
            if value.get(name) is None or _absent_query_list(
                shape.members[name], value[name]
            ):
                self.fail(None, prefix + name, "Member must not be null")
        if shape.metadata.get("union"):
            set_members = [k for k, v in value.items() if v is not None]
            if len(set_members) != 1:
                self.fail(
                    value,
                    path,
                    "Member must set exactly one of " + ", ".join(shape.members),
                )
        nulls: list[str] | None = None
        for name, item in value.items():
            if item is None:
                nulls = [name] if nulls is None else [*nulls, name]
                continue
            member = shape.members.get(name)
            if member is not None:
                self.walk(member, item, prefix + name)
        if nulls and self.drop_nulls:
            for name in nulls:
                del value[name]

    def size(
        self, shape: Shape, value: Any, path: str, limits: dict[str, int] = _NO_LIMITS
    ) -> None:
        limits = limits or LIMITS.get(shape.name, _NO_LIMITS)
        low = limits.get("min", shape.metadata.get("min"))
        high = limits.get("max", shape.metadata.get("max"))
        if low is not None and len(value) < low:
            self.fail(
                value, path, f"Member must have length greater than or equal to {low}"
            )
        if high is not None and len(value) > high:
            self.fail(
                value, path, f"Member must have length less than or equal to {high}"
            )

    def string(
        self, shape: Shape, value: str, path: str, limits: dict[str, int]
    ) -> None:
        enum = shape.enum
        if enum and value not in enum:
            self.fail(
                value, path, f"Member must satisfy enum value set: [{', '.join(enum)}]"
            )
            return
        self.size(shape, value, path, limits)
        pattern = shape.metadata.get("pattern")
        if pattern and not _regex(pattern).search(value):
            self.fail(
                value,
                path,
                f"Member must satisfy regular expression pattern: {pattern}",
            )

    def number(self, shape: Shape, value: float, path: str) -> None:
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and value < low:
            self.fail(
                value, path, f"Member must have value greater than or equal to {low}"
            )
        if high is not None and value > high:
            self.fail(
                value, path, f"Member must have value less than or equal to {high}"
            )


def validate(input_shape: StructureShape | None, params: dict[str, Any]) -> None:
    """Raise ValidationException naming every member that breaks the model.

    A member sent as JSON ``null``, at any depth, counts as not sent: it
    must not be null where it is required, and it is removed from ``params``
    so the backend sees it missing and applies its default."""
    if input_shape is None:
        return
    walker = _Walker(drop_nulls=True)
    walker.structure(input_shape, params, "")
    walker.raise_errors()


def validate_members(shape: StructureShape, values: dict[str, Any]) -> None:
    """Check values against members of any shape of the model (an output's, say)."""
    walker = _Walker()
    for name, value in values.items():
        walker.walk(shape.members[name], value, name)
    walker.raise_errors()
