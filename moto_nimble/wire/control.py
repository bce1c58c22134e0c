"""The control handler: test hooks that are not AWS operations.

They live under ``/nimble_<region>/moto-api/``, a prefix that routes an
unsigned request to this service on moto's server as on moto-nimble-server
(and in-process, on a nimble host); ``<region>`` is the region they act in.
Each hook's body is a JSON object checked against the hook's input shape
below (400 ValidationException or SerializationException when it does not
fit), and its answer is a JSON object. What a hook sets lives in the backends
or in the fault registry, both of which moto's reset clears. The fuzzer never
draws these routes: it routes the model's operations only.

``POST /nimble_<region>/moto-api/break-studio-sso`` puts a studio into a broken
IAM Identity Center state, the one StartStudioSSOConfigurationRepair repairs:
the server-mode twin of ``NimbleStudioBackend.break_studio_sso``. Body
``{"studioId": ..., "statusCode": "AWS_SSO_NOT_ENABLED" |
"AWS_SSO_ACCESS_DENIED", "state": "READY" | "UPDATE_FAILED", "accountId": ...}``;
only studioId is required. Without accountId the account is chosen as moto
chooses it for any request: ``MOTO_ACCOUNT_ID``, else the ``x-moto-account-id``
header, else the account of the request's access key (123456789012 for an
unsigned request). The answer is 200 ``{"studioId", "state", "statusCode",
"statusMessage"}``, or an error as every operation answers one.

``POST /nimble_<region>/moto-api/faults`` registers a fault in that region
(:func:`moto_nimble.faults.inject`, its arguments in camelCase: ``operation``,
``error``, ``statusCode``, ``validation``, ``latency``, ``count`` (``null``:
until cleared), ``probability``, ``accountId``, ``resourceId``, ``message``)
and answers it as registered; ``GET`` lists the faults, ``DELETE`` clears them.

``POST /nimble_<region>/moto-api/clock`` with ``{"advanceSeconds": N}`` moves
this process's nimble clock N seconds forward (one clock a process: the region
only routes) and answers ``{"now": "<ISO-8601 UTC>"}``; moto's reset sets it
back (:mod:`moto_nimble.clock`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from botocore import xform_name
from botocore.model import ShapeResolver, StructureShape

from .. import clock, faults, service
from ..context import Caller
from ..exceptions import ValidationException
from ..models.studios import BROKEN_SSO_STATES, BROKEN_SSO_STATUS
from ..validation import validate
from . import codec
from .errors import UnknownOperationException
from .identity import identify
from .request import WireRequest

PREFIX = "/nimble_"
_SHAPES = ShapeResolver(
    {
        "BreakStudioSsoRequest": {
            "type": "structure",
            "required": ["studioId"],
            "members": {
                "studioId": {"shape": "String"},
                "statusCode": {"shape": "BrokenSsoStatusCode"},
                "state": {"shape": "BrokenSsoState"},
                "accountId": {"shape": "AccountId"},
            },
        },
        "InjectFaultRequest": {
            "type": "structure",
            "required": ["operation"],
            "members": {
                "operation": {"shape": "String"},
                "error": {"shape": "String"},
                "statusCode": {"shape": "String"},
                "validation": {"shape": "Validation"},
                "latency": {"shape": "Latency"},
                "count": {"shape": "Count"},
                "probability": {"shape": "Probability"},
                "accountId": {"shape": "AccountId"},
                "resourceId": {"shape": "String"},
                "message": {"shape": "String"},
            },
        },
        "AdvanceClockRequest": {
            "type": "structure",
            "required": ["advanceSeconds"],
            "members": {"advanceSeconds": {"shape": "Seconds"}},
        },
        # at most a hundred years, which a datetime can still hold
        "Seconds": {"type": "double", "min": 0, "max": 3_155_760_000},
        "NoRequest": {"type": "structure", "members": {}},
        "String": {"type": "string"},
        "AccountId": {"type": "string", "pattern": "^[0-9]{12}$"},
        "BrokenSsoStatusCode": {"type": "string", "enum": list(BROKEN_SSO_STATUS)},
        "BrokenSsoState": {"type": "string", "enum": list(BROKEN_SSO_STATES)},
        "Validation": {
            "type": "map",
            "key": {"shape": "String"},
            "value": {"shape": "String"},
        },
        "Latency": {"type": "double", "min": 0, "max": faults.MAX_LATENCY},
        "Count": {"type": "integer", "min": 1},
        "Probability": {"type": "double", "max": 1},
    }
)


def break_studio_sso(
    caller: Caller,
    studio_id: str,
    status_code: str = "AWS_SSO_NOT_ENABLED",
    state: str = "READY",
) -> dict[str, Any]:
    with service.entered(caller, "BreakStudioSso") as backend:
        studio = backend.break_studio_sso(
            studio_id, status_code=status_code, state=state
        )
        return {
            "studioId": studio.studio_id,
            "state": studio.state,
            "statusCode": studio.status_code,
            "statusMessage": studio.status_message,
        }


def inject_fault(caller: Caller, **arguments: Any) -> dict[str, Any]:
    """Register a fault in the caller's region (and account, when the body
    named one: ``account_id``)."""
    try:
        fault = faults.inject(region=caller.region, **arguments)
    except ValueError as problem:
        raise ValidationException(str(problem)) from None
    return fault.document()


def advance_clock(_caller: Caller, advance_seconds: float) -> dict[str, Any]:
    try:
        moved = clock.advance(advance_seconds)
    except ValueError as problem:
        raise ValidationException(str(problem)) from None
    return {"now": moved.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}


def list_faults(_caller: Caller) -> dict[str, Any]:
    return {"faults": [fault.document() for fault in faults.injected()]}


def clear_faults(_caller: Caller) -> dict[str, Any]:
    faults.clear()
    return {}


@dataclass(frozen=True)
class Hook:
    method: str
    input_shape: StructureShape
    #: acts as the caller with the body's members in snake_case
    act: Callable[..., dict[str, Any]]


def _hook(method: str, shape_name: str, act: Callable[..., dict[str, Any]]) -> Hook:
    shape = _SHAPES.get_shape_by_name(shape_name)
    assert isinstance(shape, StructureShape)
    return Hook(method, shape, act)


#: the hooks, by the path after ``/nimble_<region>/moto-api/`` and the method
HOOKS = {
    ("break-studio-sso", "POST"): _hook(
        "POST", "BreakStudioSsoRequest", break_studio_sso
    ),
    ("faults", "POST"): _hook("POST", "InjectFaultRequest", inject_fault),
    ("faults", "GET"): _hook("GET", "NoRequest", list_faults),
    ("faults", "DELETE"): _hook("DELETE", "NoRequest", clear_faults),
    ("clock", "POST"): _hook("POST", "AdvanceClockRequest", advance_clock),
}


def serves(raw_path: str) -> bool:
    return raw_path.startswith(PREFIX)


def _find(method: str, raw_path: str) -> tuple[Hook, str]:
    """The hook a path names, and the region it names."""
    region, _, rest = raw_path[len(PREFIX) :].partition("/moto-api/")
    hook = HOOKS.get((rest, method))
    if not region or "/" in region or hook is None:
        raise UnknownOperationException(method, raw_path)
    return hook, region


def handle(request: WireRequest) -> codec.Response:
    """Serve one hook; always an answer, never an exception."""
    return codec.answered(request, lambda: _serve(request))


def _serve(request: WireRequest) -> codec.Response:
    hook, region = _find(request.method, request.raw_path)
    params = codec.json_object(request.body())
    until_cleared = "count" in params and params["count"] is None
    validate(hook.input_shape, params)
    account = params.get("accountId")
    caller = replace(identify(request, account), region=region)
    kwargs = {xform_name(k): v for k, v in params.items()}
    if hook.act is not inject_fault:
        kwargs.pop("account_id", None)  # it chose the caller's account
    if until_cleared:
        kwargs["count"] = None
    return codec.encode_document(hook.act(caller, **kwargs))
