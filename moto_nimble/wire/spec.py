"""OperationSpec: what the request path needs to know about one operation,
read from the service model once, at import.

The model says where each input member travels (a path label, a query key, a
header or the JSON body), which status a success answers with, and which
output member holds the resource a backend method returns. Everything the
router, the codec and the pipeline do is driven by these specs.
"""

from __future__ import annotations

from dataclasses import dataclass

from botocore import xform_name
from botocore.model import OperationModel, ServiceModel, Shape, StructureShape

from ..contract import SERVICE_MODEL, client_token_member


@dataclass(frozen=True)
class Binding:
    """An input member that travels outside the JSON body."""

    member: str
    #: the name on the wire: the query key or the (lower-cased) header name
    wire_name: str
    shape: Shape


@dataclass(frozen=True)
class OperationSpec:
    #: the operation's name in the model, e.g. ``CreateStudio``
    name: str
    #: the backend method that serves it, e.g. ``create_studio``
    method: str
    http_method: str
    #: the path template split on ``/``: a literal segment, or None for a label
    segments: tuple[str | None, ...]
    #: the member of each label, in path order
    labels: tuple[str, ...]
    #: whether the last label may span several segments (an ARN holds ``/``)
    greedy_tail: bool
    query: dict[str, Binding]
    headers: dict[str, Binding]
    #: members read from the JSON body
    body_members: frozenset[str]
    input_shape: StructureShape | None
    operation_model: OperationModel | None
    #: the one output member a backend's return value fills, if there is one
    result_member: str | None
    has_output: bool
    #: the member holding the idempotency token (``clientToken``), if any
    client_token: str | None
    status: int


def split_template(uri: str) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """(segments, label names) of a path template such as
    ``/2020-08-01/studios/{studioId}``."""
    path = uri.split("?", 1)[0]
    segments: list[str | None] = []
    labels: list[str] = []
    for part in path.split("/")[1:]:
        if part.startswith("{") and part.endswith("}"):
            segments.append(None)
            labels.append(part[1:-1].rstrip("+"))
        else:
            segments.append(part)
    return tuple(segments), tuple(labels)


def _bindings(shape: StructureShape | None, location: str) -> dict[str, Binding]:
    found: dict[str, Binding] = {}
    for name, member in (shape.members if shape else {}).items():
        if member.serialization.get("location") == location:
            wire = member.serialization.get("name", name)
            if location == "header":
                wire = wire.lower()
            found[wire] = Binding(name, wire, member)
    return found


def build_spec(model: OperationModel) -> OperationSpec:
    shape = model.input_shape
    segments, labels = split_template(model.http["requestUri"])
    label_members = {b.wire_name: b.member for b in _bindings(shape, "uri").values()}
    output = model.output_shape
    out_members = [m for m in (output.members if output else {}) if m != "nextToken"]
    token = client_token_member(shape)
    last = label_members.get(labels[-1]) if labels and segments[-1] is None else None
    return OperationSpec(
        name=model.name,
        method=xform_name(model.name),
        http_method=model.http["method"],
        segments=segments,
        labels=tuple(label_members.get(label, label) for label in labels),
        # An ARN's resource part holds "/": botocore encodes it as %2F, other
        # clients send it as it is, and moto's server decodes %2F before routing.
        greedy_tail=last is not None and last.endswith("Arn"),
        query=_bindings(shape, "querystring"),
        headers=_bindings(shape, "header"),
        body_members=frozenset(
            name
            for name, member in (shape.members if shape else {}).items()
            if "location" not in member.serialization
        ),
        input_shape=shape,
        operation_model=model,
        result_member=out_members[0] if len(out_members) == 1 else None,
        has_output=bool(out_members),
        client_token=token,
        status=int(model.http.get("responseCode", 200)),
    )


def build_specs(
    service_model: ServiceModel = SERVICE_MODEL,
) -> dict[str, OperationSpec]:
    return {
        name: build_spec(service_model.operation_model(name))
        for name in service_model.operation_names
    }


#: every operation of the model, by name
SPECS: dict[str, OperationSpec] = build_specs()


def error_status(code: str) -> int:
    """The HTTP status the model gives an error shape (400 for one it lacks)."""
    try:
        shape = SERVICE_MODEL.shape_for(code)
    except Exception:  # botocore's NoShapeFoundError
        return 400
    return int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
