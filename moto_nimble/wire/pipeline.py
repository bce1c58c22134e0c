"""The request pipeline: every Nimble Studio request, in every mode, runs these steps.

    limits -> route -> decode -> validate -> authorize -> context
           -> lock_and_idempotency -> call_backend -> encode

Each step reads and fills one :class:`Exchange`. A step that has the answer
already (a repeated ``clientToken``) sets ``exchange.response`` and the rest
are skipped. Whatever a step raises becomes a JSON error: the model's error
shapes and the protocol's own (SerializationException, ...) with their
status, anything else as the model's InternalServerErrorException (500),
which only a bug in this package can cause.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocore import xform_name

from .. import context as request_context
from ..exceptions import (
    InternalServerErrorException,
    NimbleStudioException,
    ValidationException,
)
from ..settings import allow_nonexistent_region
from ..validation import validate as validate_input
from . import authorize as authorization
from . import codec
from .contract import check_backend
from .errors import WireError
from .request import WireRequest, credential_scope
from .router import Match, Router
from .spec import SPECS, OperationSpec

if TYPE_CHECKING:
    from ..models import NimbleStudioBackend

log = logging.getLogger("moto_nimble")

#: how many clientTokens a backend remembers
IDEMPOTENCY_MEMORY = 10_000


@dataclass(slots=True)
class Exchange:
    request: WireRequest
    body: bytes = b""
    match: Match | None = None
    params: dict[str, Any] = field(default_factory=dict)
    #: the request's access key, account and region, once read
    identity: tuple[str, str, str] | None = None
    context: request_context.RequestContext | None = None
    backend: NimbleStudioBackend | None = None
    token: str | None = None
    result: Any = None
    response: codec.Response | None = None
    #: the backend's lock, while this request holds it
    locked: Any = None

    @property
    def spec(self) -> OperationSpec:
        assert self.match is not None
        return self.match.spec


def limits(exchange: Exchange) -> None:
    """Read the body, at most 10 MiB of it (413 past that, nothing stored)."""
    exchange.body = exchange.request.body()


def route(exchange: Exchange) -> None:
    """The operation comes from the method and the path, and from nothing else."""
    exchange.match = ROUTER.match(exchange.request.method, exchange.request.raw_path)


def decode(exchange: Exchange) -> None:
    assert exchange.match is not None
    exchange.params = codec.decode(
        exchange.spec, exchange.request, exchange.match.labels, exchange.body
    )


def validate(exchange: Exchange) -> None:
    validate_input(exchange.spec.input_shape, exchange.params)


def authorize(exchange: Exchange) -> None:
    """IAM, when moto enforces it: the routed operation on the resource it names."""
    spec, request = exchange.spec, exchange.request
    if spec.hook is not None or not authorization.enforced():
        return
    _, account, region = identify(exchange)
    target = request.raw_path
    if request.query_string:
        target += f"?{request.query_string}"
    authorization.check(
        spec=spec,
        params=exchange.params,
        account_id=account,
        region=region,
        method=request.method,
        target=target,
        # botocore signs the URL's host; in-process it is not among the headers
        headers={"host": request.host, **request.headers},
        body=request.raw_body or b"",
    )


#: moto's own patterns, so nimble reads a request's region and key as every
#: other moto service does
_HOST_REGION = re.compile(r"\.(?P<region>[^.]+)\.(?:amazonaws\.com|api\.aws)")
_AGENT_REGION = re.compile(r"region/(?P<region>[a-z]{2}-[a-z]+-\d{1})")
DEFAULT_REGION = "us-east-1"


def request_region(request: WireRequest) -> str:
    found = _HOST_REGION.search(f"//{request.host}")
    if found:
        return found["region"]
    found = _AGENT_REGION.search(request.headers.get("user-agent", ""))
    if found:
        return found["region"]
    scope = credential_scope(request.headers.get("authorization", ""))
    if len(scope) >= 3:
        return scope[2]
    return DEFAULT_REGION


#: a key in the Authorization header, as moto's BaseResponse.access_key_regex
#: reads it after "AWS"
_KEY = re.compile(r"(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9])[:/]")


def request_access_key(request: WireRequest) -> str:
    """The key moto's ``access_key_regex`` (``AWS.*<key>[:/]``) finds: the
    last 20-character key after the first "AWS", found without its ``.*``
    backtracking over the whole header when there is none (as for moto's
    own ``FOOBARKEY``)."""
    authorization = request.headers.get("authorization", "")
    start = authorization.find("AWS")
    if start >= 0:
        last = None
        for last in _KEY.finditer(authorization, start + 3):  # noqa: B007
            pass
        if last is not None:
            return last.group(0)[:20]
    return "AKIAEXAMPLE"


def request_account(request: WireRequest, access_key: str) -> str:
    """As moto decides it: MOTO_ACCOUNT_ID, the x-moto-account-id header, the key's account."""
    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    if "x-moto-account-id" in request.headers:
        return request.headers["x-moto-account-id"]
    from moto.iam.models import get_account_id_from

    return get_account_id_from(access_key)


def sts_caller(account_id: str, access_key: str, region: str) -> str:
    """The ``UserId`` moto's STS ``GetCallerIdentity`` answers for these credentials."""
    from moto.sts.models import sts_backends
    from moto.utilities.utils import get_partition

    partition = get_partition(region)
    user_id: str = sts_backends[account_id][partition].get_caller_identity(
        access_key, region
    )[0]
    return user_id


def nimble_backend(account_id: str, region: str) -> NimbleStudioBackend:
    from ..models import REGIONS, nimble_backends

    if not region or (region not in REGIONS and not allow_nonexistent_region()):
        raise ValidationException(
            f"Nimble Studio is not offered in region {region}; "
            f"its regions are {', '.join(REGIONS)} "
            "(set MOTO_ALLOW_NONEXISTENT_REGION=true to use any region)"
        )
    return nimble_backends[account_id][region]


def identify(exchange: Exchange) -> tuple[str, str, str]:
    """(access key, account, region) of the request, read once."""
    if exchange.identity is None:
        request, spec = exchange.request, exchange.spec
        access_key = request_access_key(request)
        if spec.region_label is not None:
            region = exchange.params.pop(spec.region_label)
        else:
            region = request_region(request)
        account = exchange.params.pop("accountId", None) if spec.hook else None
        account = account or request_account(request, access_key)
        exchange.identity = access_key, account, region
    return exchange.identity


def context(exchange: Exchange) -> None:
    """Account, region and caller, read once."""
    from moto.iam.models import mark_account_as_visited

    spec = exchange.spec
    access_key, account, region = identify(exchange)
    exchange.backend = nimble_backend(account, region)
    mark_account_as_visited(
        account_id=account, access_key=access_key, service="nimble", region=region
    )
    exchange.context = request_context.RequestContext(
        account_id=account,
        region=region,
        caller=functools.partial(sts_caller, account, access_key, region),
        operation=spec.name,
        access_key=access_key,
    )


def lock_and_idempotency(exchange: Exchange) -> None:
    """Hold the backend's lock until the answer is encoded, so that every
    check-then-change is atomic; answer a repeated clientToken as the first time."""
    backend, spec = exchange.backend, exchange.spec
    assert backend is not None
    backend.lock.acquire()
    exchange.locked = backend.lock
    if spec.client_token is None:
        return
    exchange.token = exchange.params.pop(spec.client_token, None)
    if exchange.token is None:
        return
    remembered = backend.idempotency.get((spec.name, exchange.token))
    if remembered is not None:
        first_params, (status, headers, body) = remembered
        if first_params != exchange.params:
            raise ValidationException(
                f"clientToken {exchange.token} was already used with different parameters"
            )
        exchange.response = status, dict(headers), body


def call_backend(exchange: Exchange) -> None:
    spec, backend = exchange.spec, exchange.backend
    assert exchange.context is not None
    kwargs = {xform_name(k): v for k, v in exchange.params.items()}
    token = request_context.enter(exchange.context)
    try:
        if spec.hook is not None:
            exchange.result = spec.hook(backend, **kwargs)
        else:
            exchange.result = getattr(backend, spec.method)(**kwargs)
    finally:
        request_context.leave(token)


def encode(exchange: Exchange) -> None:
    spec = exchange.spec
    if spec.hook is not None:
        exchange.response = codec.encode_document(exchange.result)
    else:
        exchange.response = codec.encode(spec, exchange.result)
    if exchange.token is not None:
        assert exchange.backend is not None
        memory = exchange.backend.idempotency
        status, headers, body = exchange.response
        memory[(spec.name, exchange.token)] = (
            exchange.params,
            (status, dict(headers), body),
        )
        if len(memory) > IDEMPOTENCY_MEMORY:
            del memory[next(iter(memory))]


Step = Callable[[Exchange], None]

STEPS: tuple[Step, ...] = (
    limits,
    route,
    decode,
    validate,
    authorize,
    context,
    lock_and_idempotency,
    call_backend,
    encode,
)


def _routes() -> list[OperationSpec]:
    from ..hooks import HOOK_SPECS

    return [*SPECS.values(), *HOOK_SPECS]


ROUTER = Router(_routes())


def _check_contract() -> None:
    from ..models import NimbleStudioBackend

    check_backend(NimbleStudioBackend, SPECS.values())


_check_contract()


def handle(request: WireRequest) -> codec.Response:
    """Serve one request; always an answer, never an exception."""
    exchange = Exchange(request)
    try:
        for step in STEPS:
            step(exchange)
            if exchange.response is not None:
                return exchange.response
        raise AssertionError("no step answered")  # pragma: no cover
    except (NimbleStudioException, WireError) as error:
        return codec.encode_error(error)
    except Exception:
        log.exception("moto-nimble failed on %s %s", request.method, request.raw_path)
        return codec.encode_error(
            InternalServerErrorException(
                "moto-nimble failed to serve this request; this is a bug in moto-nimble"
            )
        )
    finally:
        if exchange.locked is not None:
            exchange.locked.release()
