"""What the service model says that the request path and the models both use.

* :data:`SERVICE_MODEL`, botocore's ``nimble`` model, read once;
* the backend contract: ``moto_nimble.service.invoke`` calls
  ``<operation in snake_case>(**input members in snake_case)`` (the
  idempotency token excepted: ``invoke`` keeps it), so each backend method
  must take exactly its operation's input members, by name and without
  ``**kwargs``: a misspelt parameter fails the import, not the first request
  that uses it;
* the output contract: an object the encoder writes declares, with
  :func:`wire`, which members of its output shape it fills;
* the ARN format every resource and IAM's resource names share.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from botocore import xform_name
from botocore.model import OperationModel, ServiceModel, StructureShape
from moto.core.utils import get_service_model
from moto.utilities.utils import get_partition

SERVICE_MODEL: ServiceModel = get_service_model("nimble")


class ContractError(TypeError):
    """A backend that does not take what the model sends."""


def client_token_member(shape: StructureShape | None) -> str | None:
    """The input member that holds the idempotency token (``clientToken``), if any."""
    for name, member in (shape.members if shape is not None else {}).items():
        if member.metadata.get("idempotencyToken"):
            return str(name)
    return None


def keyword_arguments(operation: OperationModel) -> dict[str, str]:
    """Each input member's keyword argument (``studioId`` -> ``studio_id``),
    the idempotency token excepted."""
    shape = operation.input_shape
    token = client_token_member(shape)
    members = shape.members if shape is not None else {}
    return {name: str(xform_name(name)) for name in members if name != token}


def check_backend(backend: type, service_model: ServiceModel = SERVICE_MODEL) -> None:
    """Every operation's backend method takes its input members, and only them."""
    problems = []
    for name in service_model.operation_names:
        method_name = xform_name(name)
        method = getattr(backend, method_name, None)
        if method is None:
            problems.append(f"{name}: {backend.__name__}.{method_name} is missing")
            continue
        parameters = list(inspect.signature(method).parameters.values())[1:]
        if any(p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) for p in parameters):
            problems.append(f"{name}: {method_name} takes *args or **kwargs")
            continue
        taken = {p.name for p in parameters}
        expected = set(keyword_arguments(service_model.operation_model(name)).values())
        if taken != expected:
            problems.append(
                f"{name}: {method_name} takes {sorted(taken - expected)} "
                f"that the model does not send and lacks {sorted(expected - taken)}"
            )
    if problems:
        raise ContractError("; ".join(problems))


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


def wire(shape: str, *, without: tuple[str, ...] = ()) -> Wire:
    """Declare that a class fills every member of ``shape`` but those
    ``without``; checked against the model now, at import."""
    known = list(SERVICE_MODEL.shape_for(shape).members)
    unknown = [m for m in without if m not in known]
    if unknown:
        raise ContractError(f"{shape} has no member {unknown}")
    return Wire(shape, tuple(m for m in known if m not in without))


def make_arn(region: str, account_id: str, resource_type: str, resource_id: str) -> str:
    return f"arn:{get_partition(region)}:nimble:{region}:{account_id}:{resource_type}/{resource_id}"
