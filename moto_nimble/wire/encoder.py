"""Response bodies from plans compiled once per output shape.

A plan walks the output shape once, when an operation is first answered: each
structure becomes a list of its members with a function for each member's
type. Values come from two places only:

* dicts, by member name (the List outputs, and the nested structures a
  resource keeps as it received them: ``streamConfiguration``, ...);
* objects whose class declares, with :func:`moto_nimble.contract.wire`,
  which members of that shape it fills: each is read from the attribute of
  the same name in snake_case. An undeclared attribute never reaches the
  wire, and an object without a declaration for the shape is a bug
  (TypeError, answered as InternalServerErrorException).

Strings are written as ``str(value)`` (an Enum's ``value``), integers as
``int(value)``, timestamps ISO-8601 as the model asks (``...T20:29:35Z``, with
microseconds when there are any): the bytes moto's rest-json serializer writes
for the same values (``tests/test_encoder.py`` holds them to it for every
operation, with values generated from each output shape).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape
from moto import settings
from moto.core.serialize import TimestampSerializer, get_serializer_class

#: what a plan returns for a value that leaves its member out
OMIT: Any = object()
_DEFAULT_TIMESTAMP_FORMAT: str = get_serializer_class(
    "nimble", "rest-json"
).DEFAULT_TIMESTAMP_FORMAT

Plan = Callable[[Any], Any]


class _Member:
    """One member of a structure: its name, its wire name and its plan."""

    __slots__ = ("key", "plan", "shape", "wire_name")

    def __init__(self, key: str, member: Shape) -> None:
        self.key = key
        self.shape = member
        self.wire_name: str = member.serialization.get("name", key)
        self.plan: Plan = _identity  # set once every plan exists (shapes recurse)


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
        # the other formats as moto's serializer writes them
        written: dict[str, Any] = {}
        general.serialize(written, value, shape, "value")
        return written["value"]

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
        members = [_Member(key, member) for key, member in shape.members.items()]
        self._pending.extend(members)
        #: per declaring class: (wire name, attribute, member) for what it fills
        readers: dict[type, list[tuple[str, str, _Member]]] = {}

        def from_class(kind: type) -> list[tuple[str, str, _Member]]:
            declared = getattr(kind, "WIRE", None)
            if declared is None or declared.shape != shape.name:
                raise TypeError(
                    f"{kind.__name__} declares no wire contract for {shape.name}"
                )
            found = [
                (m.wire_name, declared.attribute(m.key), m)
                for m in members
                if m.key in declared.members
            ]
            readers[kind] = found
            return found

        def structure(value: Any) -> Any:
            if value is None:
                return OMIT
            out: dict[str, Any] = {}
            if isinstance(value, dict):
                for member in members:
                    picked = value.get(member.key)
                    if picked is not None:
                        encoded = member.plan(picked)
                        if encoded is not OMIT:
                            out[member.wire_name] = encoded
                return out
            kind = type(value)
            for wire_name, attribute, member in readers.get(kind) or from_class(kind):
                picked = getattr(value, attribute)
                if picked is not None:
                    encoded = member.plan(picked)
                    if encoded is not OMIT:
                        out[wire_name] = encoded
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
