"""Response bodies from plans compiled once per output shape.

moto's rest-json serializer walks the output shape for every response and, for
every member of every item, asks a chain of alias providers which attribute
holds it. A plan does the same walk once, when an operation is first answered:
each structure becomes a list of members with the attribute names to try, in
the order moto's ``XFormedAttributePicker`` tries them, and each member a
function for its type. The bytes parse to what moto's serializer gives
(``tests/test_encoder.py`` holds them to it for every operation, with values
generated from each output shape).

Values come from dicts (by key) or objects (by attribute), as in moto:

* a structure member is looked up under, in order, the member's shape name
  (for lists and structures), the member name, the member name without its
  structure's name as a prefix, without the object's class name as a prefix,
  and the member's serialized name, each also in snake_case; the first one
  present wins, even when it holds None, which leaves the member out;
* strings are ``str(value)`` (an Enum's ``value``), integers ``int(value)``,
  timestamps ISO-8601 as the model asks (``...T20:29:35Z``, with
  microseconds when there are any).
"""

from __future__ import annotations

import base64
import inspect
import json
from collections.abc import Callable
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from botocore import xform_name
from botocore.model import ListShape, MapShape, Shape, StructureShape
from moto import settings
from moto.core.serialize import TimestampSerializer, get_serializer_class

#: what a plan returns for a value that leaves its member out
OMIT: Any = object()
_MISSING: Any = object()
_DEFAULT_TIMESTAMP_FORMAT: str = get_serializer_class(
    "nimble", "rest-json"
).DEFAULT_TIMESTAMP_FORMAT

Plan = Callable[[Any], Any]


def _aliases(
    key: str, member: Shape, parent: StructureShape
) -> tuple[list[str], list[str]]:
    """The names moto's alias providers offer for a member, before and after
    the one that depends on the value's class (ClassPrefixAlias)."""
    before: list[str] = []
    if (
        member.type_name in ("list", "structure")
        and member.name not in parent.members
        and key != member.name
    ):
        before.append(member.name)  # ShapeNameAlias
    before.append(key)  # NoAlias
    if key.lower().startswith(parent.name.lower()):
        shortened = key[len(parent.name) :]
        if shortened not in parent.members:
            before.append(shortened)  # ShapePrefixAlias
    after: list[str] = []
    serialized_name = member.serialization.get("name", key)
    if serialized_name != key:
        after.append(serialized_name)  # ModelAlias
    return before, after


def _with_snake_case(names: list[str]) -> tuple[str, ...]:
    keys: list[str] = []
    for name in names:
        for key in (name, xform_name(name)):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


class _Member:
    """One member of a structure: its wire name, its plan, and how to read it
    from a value, made once per type of value."""

    __slots__ = ("after", "before", "key", "pickers", "plan", "shape", "wire_name")

    def __init__(self, key: str, member: Shape, parent: StructureShape) -> None:
        self.key = key
        self.shape = member
        self.wire_name: str = member.serialization.get("name", key)
        self.before, self.after = _aliases(key, member, parent)
        self.pickers: dict[type, Callable[[Any], Any]] = {}
        self.plan: Plan = _identity  # set once every plan exists (shapes recurse)

    def keys_for(self, kind: type) -> tuple[str, ...]:
        """The keys moto's picker tries on values of this type, in its order."""
        names: list[str] = []
        meta = getattr(kind, "Meta", None)
        explicit = getattr(meta, "serialization_aliases", None)
        if explicit is not None and self.key in explicit:
            names.append(explicit[self.key])  # ExplicitAlias
        names.extend(self.before)
        class_name = kind.__name__
        if self.key.lower().startswith(class_name.lower()):
            names.append(self.key[len(class_name) :])  # ClassPrefixAlias
        names.extend(self.after)
        return _with_snake_case(names)

    def pick(self, value: Any) -> Any:
        """The member's value, None when no key is there."""
        picker = self.pickers.get(type(value))
        if picker is None:
            picker = self.pickers[type(value)] = _picker(
                type(value), self.keys_for(type(value))
            )
        return picker(value)


_DATA, _CLASS, _INSTANCE = "data", "class", "instance"


def _picker(kind: type, keys: tuple[str, ...]) -> Callable[[Any], Any]:
    """Reads the first of ``keys`` a value of type ``kind`` has, as moto's
    ``get_value`` does: by index where the type has ``__getitem__``, else by
    attribute."""
    if kind is dict:

        def from_dict(value: dict[str, Any]) -> Any:
            for key in keys:
                if key in value:
                    return value[key]
            return None

        return from_dict
    if hasattr(kind, "__getitem__"):

        def by_index(value: Any) -> Any:
            for key in keys:
                try:
                    return value[key]
                except (KeyError, IndexError, TypeError, AttributeError):
                    continue
            return None

        return by_index
    plain = (
        getattr(kind, "__getattribute__", None) is object.__getattribute__
        and not hasattr(kind, "__getattr__")
        and "__dict__" in dir(kind)
        and not hasattr(kind, "__slots__")
    )
    if not plain:

        def by_attribute(value: Any) -> Any:
            for key in keys:
                found = getattr(value, key, _MISSING)
                if found is not _MISSING:
                    return found
            return None

        return by_attribute
    # an ordinary class: where each key lives decides the lookup, as in
    # object.__getattribute__ (data descriptors, then the instance, then the class)
    plan: list[tuple[str, str]] = []
    for key in keys:
        attribute = inspect.getattr_static(kind, key, _MISSING)
        if attribute is _MISSING:
            plan.append((key, _INSTANCE))
        elif hasattr(type(attribute), "__set__") or hasattr(
            type(attribute), "__delete__"
        ):
            plan.append((key, _DATA))
        else:
            plan.append((key, _CLASS))

    def from_object(value: Any) -> Any:
        own = value.__dict__
        for key, where in plan:
            if where is not _DATA and key in own:
                return own[key]
            if where is not _INSTANCE:
                found = getattr(value, key, _MISSING)
                if found is not _MISSING:
                    return found
        return None

    return from_object


def _identity(value: Any) -> Any:
    return value


def _string(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, Enum):
        value = value.value
    return str(value) if value not in (None, {}, []) else value


def _integer(value: Any) -> Any:
    return int(value)


def _float(value: Any) -> Any:
    return float(value)


def _blob(value: Any) -> Any:
    if isinstance(value, str):
        value = value.encode("utf-8")
    return base64.b64encode(value).strip().decode("utf-8")


def _timestamp_plan(shape: Shape) -> Plan:
    timestamp_format = shape.serialization.get(
        "timestampFormat", _DEFAULT_TIMESTAMP_FORMAT
    ).lower()
    general = TimestampSerializer(_DEFAULT_TIMESTAMP_FORMAT)

    def timestamp(value: Any) -> Any:
        if timestamp_format == "iso8601" and isinstance(value, datetime):
            # what botocore's parse_to_aware_datetime and moto's strftime make
            # of a datetime: naive ones are UTC, aware ones are turned to UTC
            if value.tzinfo is not None:
                value = value.astimezone(timezone.utc).replace(tzinfo=None)
            if value.year >= 1000:  # isoformat pads years to four digits
                # strftime's %f and isoformat both write six digits, and
                # isoformat leaves them out when there are none, like moto
                return value.isoformat() + "Z"
            if value.microsecond:
                return value.strftime(TimestampSerializer.ISO8601_MICRO)
            return value.strftime(TimestampSerializer.ISO8601)
        return general._convert_timestamp_to_str(value, timestamp_format)

    return timestamp


class Compiler:
    """Plans for the shapes of one service model, each made once.

    A structure's members get their plans after the structure's own plan
    exists, so a shape that holds itself (through any depth) compiles."""

    def __init__(self) -> None:
        self._plans: dict[tuple[str, str, str | None], Plan] = {}
        self._pending: list[_Member] = []

    def plan(self, shape: Shape) -> Plan:
        plan = self._plan(shape)
        while self._pending:
            member = self._pending.pop()
            member.plan = self._plan(member.shape)
        return plan

    def _plan(self, shape: Shape) -> Plan:
        cache_key = (
            shape.name,
            shape.type_name,
            shape.serialization.get("timestampFormat"),
        )
        found = self._plans.get(cache_key)
        if found is not None:
            return found
        kind = shape.type_name
        plan: Plan
        if isinstance(shape, StructureShape):
            plan = self._structure(shape)
        elif isinstance(shape, ListShape):
            plan = self._list(self._plan(shape.member))
        elif isinstance(shape, MapShape):
            plan = self._map(self._plan(shape.value), shape.value)
        elif kind == "string":
            plan = _string
        elif kind in ("integer", "long"):
            plan = _integer
        elif kind in ("float", "double"):
            plan = _float
        elif kind == "timestamp":
            plan = _timestamp_plan(shape)
        elif kind == "blob":
            plan = _blob
        else:  # boolean and anything else: as it is
            plan = _identity
        self._plans[cache_key] = plan
        return plan

    def _structure(self, shape: StructureShape) -> Plan:
        if getattr(shape, "is_document_type", False):
            return _identity
        members = [_Member(key, member, shape) for key, member in shape.members.items()]
        self._pending.extend(members)

        def structure(value: Any) -> Any:
            if value is None:
                return OMIT
            out: dict[str, Any] = {}
            for member in members:
                picked = member.pick(value)
                if picked is not None:
                    encoded = member.plan(picked)
                    if encoded is not OMIT:
                        out[member.wire_name] = encoded
            return out

        return structure

    @staticmethod
    def _list(item_plan: Plan) -> Plan:
        def listing(value: Any) -> Any:
            out = []
            for item in value:
                encoded = item_plan(item)
                out.append(item if encoded is OMIT else encoded)
            return out

        return listing

    @staticmethod
    def _map(value_plan: Plan, value_shape: Shape) -> Plan:
        renamed = value_shape.serialization.get("name")

        def mapping(value: Any) -> Any:
            out: dict[Any, Any] = {}
            for key, item in value.items():
                encoded = value_plan(item)
                if encoded is not OMIT:
                    out[renamed or key] = encoded
            return out

        return mapping


def body(plan: Plan, result: Any) -> bytes:
    """The JSON body of an output: what the plan makes of ``result``, or ``{}``."""
    encoded = plan(result)
    document = {} if encoded is OMIT else encoded
    indent = 4 if settings.PRETTIFY_RESPONSES else None
    return json.dumps(document, indent=indent).encode("utf-8")
