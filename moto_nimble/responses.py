"""NimbleStudioResponse: one model-driven path for every operation.

moto parses each request from the model (URI labels, query, headers, body)
into ``self.params``. The handler for an operation then

1. checks the parameters against the operation's input shape (``validation``),
2. answers a repeated ``clientToken`` with the response it gave the first time,
3. calls the backend method of the same name with snake_case arguments, and
4. lets moto serialize the result from the operation's output shape.

The operation table is read from the model once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore import xform_name
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.core.utils import get_service_model
from moto.settings import allow_unknown_region

from .exceptions import ValidationException
from .models import REGIONS, NimbleStudioBackend, nimble_backends
from .models.base import current_caller
from .validation import validate

SERVICE_MODEL = get_service_model("nimble")
#: how many clientTokens a backend remembers
IDEMPOTENCY_MEMORY = 10_000


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    input_shape: Any
    #: the one output member the backend's return value fills, if the output has only one
    result_member: str | None
    has_output: bool
    takes_client_token: bool


def _operations() -> dict[str, Operation]:
    table = {}
    for name in SERVICE_MODEL.operation_names:
        method = xform_name(name)
        if not callable(getattr(NimbleStudioBackend, method, None)):
            continue
        model = SERVICE_MODEL.operation_model(name)
        output = model.output_shape
        members = [m for m in (output.members if output else {}) if m != "nextToken"]
        input_shape = model.input_shape
        table[method] = Operation(
            name=name,
            method=method,
            input_shape=input_shape,
            result_member=members[0] if len(members) == 1 else None,
            has_output=bool(members),
            takes_client_token=input_shape is not None
            and "clientToken" in input_shape.members,
        )
    return table


OPERATIONS = _operations()


def _query_bound_routes() -> list[tuple[str, re.Pattern[str], list[str]]]:
    """(method, path regex, required query members) of the operations that moto's
    router matches only when their required query members are present."""
    routes = []
    for name in SERVICE_MODEL.operation_names:
        model = SERVICE_MODEL.operation_model(name)
        shape = model.input_shape
        required = [
            member
            for member in (shape.required_members if shape else [])
            if shape.members[member].serialization.get("location") == "querystring"
        ]
        if required:
            template = model.http["requestUri"].split("?")[0]
            parts = re.split(r"\{[^}]+\}", template)
            pattern = "[^/]+".join(re.escape(part) for part in parts[:-1])
            pattern = (
                pattern + ".+" + re.escape(parts[-1])
                if len(parts) > 1
                else re.escape(template)
            )
            routes.append((model.http["method"], re.compile(f"^{pattern}$"), required))
    return routes


QUERY_BOUND_ROUTES = _query_bound_routes()


class NimbleStudioResponse(BaseResponse):
    def __init__(self) -> None:
        super().__init__(service_name="nimble")
        self.automated_parameter_parsing = True
        self._parse_error: ValidationException | None = None
        #: moto parses parameters only for a request its router matched
        self._routed = False

    @property
    def nimble_backend(self) -> NimbleStudioBackend:
        if self.region not in REGIONS and not allow_unknown_region():
            raise ValidationException(
                f"Nimble Studio is not offered in region {self.region}; "
                f"its regions are {', '.join(REGIONS)} "
                "(set MOTO_ALLOW_NONEXISTENT_REGION=true to use any region)"
            )
        return nimble_backends[self.current_account][self.region]

    def parse_parameters(self, request: Any) -> None:
        # A body or query string that does not parse (bad JSON, a number that
        # is not one) is the client's mistake: answer 400, never 500.
        self._routed = True
        try:
            super().parse_parameters(request)
        except Exception as error:
            self.params = {}
            self._parse_error = ValidationException(
                f"The request could not be parsed: {error}"
            )

    def call_action(self) -> Any:
        if not self._routed:
            # A known path whose required query members are missing matches no
            # operation in moto's router: answer as the service does, 400.
            for method, path, required in QUERY_BOUND_ROUTES:
                if method == self.method and path.match(self.path):
                    missing = [m for m in required if m not in self.querystring]
                    error = ValidationException(
                        f"{len(missing)} validation error(s) detected: "
                        + "; ".join(
                            f"Value null at '{m}' failed to satisfy constraint: "
                            "Member must not be null"
                            for m in missing
                        )
                    )
                    status, headers, body = self.serialized(ActionResult(error))
                    return status, headers, body
        return super().call_action()

    def _serve(self, operation: Operation) -> Any:
        if self._parse_error is not None:
            raise self._parse_error
        params = dict(self.params)
        validate(operation.input_shape, params)
        backend = self.nimble_backend
        token = (
            params.pop("clientToken", None) if operation.takes_client_token else None
        )
        if token is not None:
            remembered = backend.idempotency.get((operation.name, token))
            if remembered is not None:
                first_params, first_response = remembered
                if first_params != params:
                    raise ValidationException(
                        f"clientToken {token} was already used with different parameters"
                    )
                body, headers = first_response
                return body, dict(headers)
        caller = current_caller.set(self.access_key)
        try:
            result = getattr(backend, operation.method)(
                **{xform_name(k): v for k, v in params.items()}
            )
        finally:
            current_caller.reset(caller)
        # A backend method returns nothing, the whole output as a dict (List*),
        # or the one resource the output holds.
        if not operation.has_output:
            action_result: ActionResult = EmptyResult()
        elif isinstance(result, dict):
            action_result = ActionResult(result)
        else:
            action_result = ActionResult({operation.result_member: result})
        status, headers, body = self.serialized(action_result)
        headers["status"] = status
        if token is not None:
            memory = backend.idempotency
            memory[(operation.name, token)] = (params, (body, dict(headers)))
            if len(memory) > IDEMPOTENCY_MEMORY:
                del memory[next(iter(memory))]
        return body, headers


def _handler(operation: Operation) -> Callable[[NimbleStudioResponse], Any]:
    def handle(self: NimbleStudioResponse) -> Any:
        return self._serve(operation)

    handle.__name__ = operation.method
    handle.__doc__ = f"{operation.name}, served from the model."
    return handle


for _operation in OPERATIONS.values():
    setattr(NimbleStudioResponse, _operation.method, _handler(_operation))
