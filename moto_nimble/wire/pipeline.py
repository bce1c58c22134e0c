"""The request pipeline: every Nimble Studio request, in every mode, runs these steps.

    read_body -> route -> draw_fault -> authenticate -> decode -> check_input
              -> authorize_call -> identify_caller -> invoke_and_encode

Each step reads and fills one :class:`Exchange`. The last hands the call to
:func:`moto_nimble.service.invoke`, the one way into a backend, which encodes
the answer under the backend's lock. Whatever a step raises becomes a JSON
error: the model's error shapes and the protocol's own (SerializationException,
...) with their status, anything else as the model's
InternalServerErrorException (500), which only a bug in this package can cause.

Paths under ``/nimble_<region>/moto-api/`` are not operations: the control
handler beside the pipeline serves them (:mod:`moto_nimble.wire.control`). A
browser's CORS preflight (``OPTIONS`` with ``Access-Control-Request-Method``)
runs none of the steps: it carries no credentials, and gets 200 when an
operation has the method it asks for on its path.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import faults, service
from ..context import Caller
from ..faults import Fault
from ..validation import validate
from . import authorize, codec, control
from .identity import identify
from .request import WireRequest
from .router import Match, Router
from .spec import SPECS, OperationSpec


@dataclass(slots=True)
class Exchange:
    request: WireRequest
    body: bytes = b""
    match: Match | None = None
    params: dict[str, Any] = field(default_factory=dict)
    caller: Caller | None = None
    #: the fault a test asked for that this request gets (moto_nimble.faults)
    fault: Fault | None = None
    #: the request as moto's IAM authenticated it, when IAM is enforced
    authenticated: Any = None
    response: codec.Response | None = None

    @property
    def spec(self) -> OperationSpec:
        assert self.match is not None
        return self.match.spec


def read_body(exchange: Exchange) -> None:
    """At most 10 MiB of it (413 past that, nothing stored)."""
    exchange.body = exchange.request.body()


def route(exchange: Exchange) -> None:
    """The operation comes from the method and the path, and from nothing else."""
    exchange.match = ROUTER.match(exchange.request.method, exchange.request.raw_path)


def draw_fault(exchange: Exchange) -> None:
    """A fault a test injected for this operation: its latency is slept and
    its error answered now; a status code waits for the call."""
    if not faults.REGISTRY:
        return
    assert exchange.match is not None
    caller = exchange.caller = identify(exchange.request)
    exchange.fault = fault = faults.REGISTRY.draw(
        exchange.spec.name,
        caller.account_id,
        caller.region,
        exchange.match.labels.values(),
    )
    if fault is not None:
        faults.before_the_call(fault)


def decode(exchange: Exchange) -> None:
    assert exchange.match is not None
    exchange.params = codec.decode(
        exchange.spec, exchange.request, exchange.match.labels, exchange.body
    )


def check_input(exchange: Exchange) -> None:
    validate(exchange.spec.input_shape, exchange.params)


def authenticate(exchange: Exchange) -> None:
    """When moto enforces IAM: the ``Authorization`` header's form and its
    signature, before anything the request sent is read as input."""
    if not authorize.enforced():
        return
    request = exchange.request
    caller = exchange.caller or identify(request)
    target = request.raw_path
    if request.query_string:
        target += f"?{request.query_string}"
    exchange.authenticated = authorize.authenticate(
        spec=exchange.spec,
        account_id=caller.account_id,
        method=request.method,
        target=target,
        # botocore signs the URL's host; in-process it is not among the headers
        headers={"host": request.host, **request.headers},
        body=request.raw_body or b"",
    )
    exchange.caller = caller


def authorize_call(exchange: Exchange) -> None:
    """IAM, when moto enforces it: the routed operation on the resource it names."""
    if exchange.authenticated is None:
        return
    assert exchange.caller is not None
    authorize.permit(
        exchange.authenticated,
        spec=exchange.spec,
        params=exchange.params,
        account_id=exchange.caller.account_id,
        region=exchange.caller.region,
    )


def identify_caller(exchange: Exchange) -> None:
    """Account, region and access key, read once; the account is moto's to know of."""
    from moto.iam.models import mark_account_as_visited

    caller = exchange.caller or identify(exchange.request)
    exchange.caller = caller
    mark_account_as_visited(
        account_id=caller.account_id,
        access_key=caller.access_key or "",
        service="nimble",
        region=caller.region,
    )


def invoke_and_encode(exchange: Exchange) -> None:
    spec = exchange.spec
    assert exchange.caller is not None
    status, headers, body = service.invoke(
        spec.name,
        exchange.params,
        exchange.caller,
        validated=True,
        answer=functools.partial(codec.encode, spec),
        fault=exchange.fault,
    )
    # a repeated clientToken answers the stored response: its headers are the caller's to change
    exchange.response = status, dict(headers), body


Step = Callable[[Exchange], None]

STEPS: tuple[Step, ...] = (
    read_body,
    route,
    draw_fault,
    authenticate,
    decode,
    check_input,
    authorize_call,
    identify_caller,
    invoke_and_encode,
)

ROUTER = Router(SPECS.values())


def handle(request: WireRequest) -> codec.Response:
    """Serve one request; always an answer, never an exception."""
    if is_preflight(request):
        return codec.answered(request, lambda: _preflight(request))
    if control.serves(request.raw_path):
        return control.handle(request)
    return codec.answered(request, lambda: _serve(Exchange(request)))


def is_preflight(request: WireRequest) -> bool:
    """A browser's CORS preflight: ``OPTIONS`` asking for another method."""
    return (
        request.method == "OPTIONS"
        and "access-control-request-method" in request.headers
    )


def _preflight(request: WireRequest) -> codec.Response:
    """200 when the method the preflight asks for and its path are an
    operation's (or a test hook's); UnknownOperationException if not."""
    if not control.serves(request.raw_path):
        asked = request.headers["access-control-request-method"].strip().upper()
        ROUTER.match(asked, request.raw_path)
    return 200, {"Content-Type": "text/plain"}, b""


def _serve(exchange: Exchange) -> codec.Response:
    for step in STEPS:
        step(exchange)
    assert exchange.response is not None
    return exchange.response
