"""The wire contract between the model and the backend, checked at import.

The pipeline calls ``backend.<operation in snake_case>(**input members in
snake_case)`` (the idempotency token excepted: the pipeline keeps it), so each
backend method must take exactly its operation's input members, by name and
without ``**kwargs``: a misspelt parameter fails the import, not the first
request that uses it. What a method returns is checked when it is encoded
(:func:`moto_nimble.wire.codec.encode`): a dict holds output members, an
object declares (with :func:`wire`) which members of its output shape it fills.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from botocore import xform_name

from .. import context as request_context
from ..validation import validate_members
from .spec import SERVICE_MODEL, OperationSpec


class ContractError(TypeError):
    """A backend that does not take what the model sends."""


def expected_parameters(spec: OperationSpec) -> set[str]:
    members = spec.input_shape.members if spec.input_shape is not None else {}
    return {xform_name(name) for name in members if name != spec.client_token}


def check_backend(backend: type, specs: Iterable[OperationSpec]) -> None:
    """Every operation's backend method takes its input members, and only them."""
    problems = []
    for spec in specs:
        if spec.hook is not None:
            continue
        method = getattr(backend, spec.method, None)
        if method is None:
            problems.append(f"{spec.name}: {backend.__name__}.{spec.method} is missing")
            continue
        parameters = list(inspect.signature(method).parameters.values())[1:]
        if any(p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) for p in parameters):
            problems.append(f"{spec.name}: {spec.method} takes *args or **kwargs")
            continue
        taken = {p.name for p in parameters}
        expected = expected_parameters(spec)
        if taken != expected:
            problems.append(
                f"{spec.name}: {spec.method} takes {sorted(taken - expected)} "
                f"that the model does not send and lacks {sorted(expected - taken)}"
            )
    if problems:
        raise ContractError("; ".join(problems))


def check_input(operation: str, **members: Any) -> None:
    """Validate input members as the request pipeline does, for a backend
    method that is also called from outside it (moto's Resource Groups
    Tagging API calls ``tag_resource`` and ``untag_resource`` directly).
    Serving that operation's own request, the pipeline has checked them."""
    serving = request_context.current()
    if serving is not None and serving.operation == operation:
        return
    shape = SERVICE_MODEL.operation_model(operation).input_shape
    validate_members(shape, members)


@dataclass(frozen=True)
class Wire:
    """The output members a model class fills, for one output shape.

    The encoder reads exactly these from an instance, each from the attribute
    named like the member in snake_case (``studioId`` from ``studio_id``),
    and nothing else: an attribute that is not declared never reaches the wire,
    whatever its name.
    """

    shape: str
    members: tuple[str, ...]

    def attribute(self, member: str) -> str:
        return str(xform_name(member))


def wire(shape: str, *members: str) -> Wire:
    """Declare the members a class fills; checked against the model now, at import."""
    known = SERVICE_MODEL.shape_for(shape).members
    unknown = [m for m in members if m not in known]
    if unknown or len(set(members)) != len(members):
        raise ContractError(
            f"{shape} has no member {unknown}"
            if unknown
            else f"{shape}: a member twice"
        )
    return Wire(shape, members)
