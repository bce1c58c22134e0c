"""The control handler: test hooks that are not AWS operations.

They live under ``/nimble_<region>/moto-api/``, a prefix that routes an
unsigned request to this service on moto's server as on moto-nimble-server
(and in-process, on a nimble host); ``<region>`` is the region they act in.
Each hook's body is a JSON object checked against the hook's input shape
below (400 ValidationException or SerializationException when it does not
fit), and its answer is a JSON object. A hook acts on a backend through
``moto_nimble.service.entered``, as every call does, so what it sets lives in
the backends and moto's reset clears it. The fuzzer never draws these routes:
it routes the model's operations only.

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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from botocore import xform_name
from botocore.model import ShapeResolver, StructureShape

from .. import service
from ..models import NimbleStudioBackend
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
        "String": {"type": "string"},
        "AccountId": {"type": "string", "pattern": "^[0-9]{12}$"},
        "BrokenSsoStatusCode": {"type": "string", "enum": list(BROKEN_SSO_STATUS)},
        "BrokenSsoState": {"type": "string", "enum": list(BROKEN_SSO_STATES)},
    }
)


def break_studio_sso(
    backend: NimbleStudioBackend,
    studio_id: str,
    status_code: str = "AWS_SSO_NOT_ENABLED",
    state: str = "READY",
) -> dict[str, Any]:
    studio = backend.break_studio_sso(studio_id, status_code=status_code, state=state)
    return {
        "studioId": studio.studio_id,
        "state": studio.state,
        "statusCode": studio.status_code,
        "statusMessage": studio.status_message,
    }


@dataclass(frozen=True)
class Hook:
    name: str
    method: str
    input_shape: StructureShape
    #: acts on the backend (under its lock) with the body's members in snake_case
    act: Callable[..., Any]


def _hook(name: str, method: str, act: Callable[..., Any]) -> Hook:
    shape = _SHAPES.get_shape_by_name(f"{name}Request")
    assert isinstance(shape, StructureShape)
    return Hook(name, method, shape, act)


#: the hooks, by the path after ``/nimble_<region>/moto-api/``
HOOKS = {
    "break-studio-sso": _hook("BreakStudioSso", "POST", break_studio_sso),
}


def serves(raw_path: str) -> bool:
    return raw_path.startswith(PREFIX)


def _find(method: str, raw_path: str) -> tuple[Hook, str]:
    """The hook a path names, and the region it names."""
    region, _, rest = raw_path[len(PREFIX) :].partition("/moto-api/")
    hook = HOOKS.get(rest)
    if not region or "/" in region or hook is None or hook.method != method:
        raise UnknownOperationException(method, raw_path)
    return hook, region


def handle(request: WireRequest) -> codec.Response:
    """Serve one hook; always an answer, never an exception."""
    return codec.answered(request, lambda: _serve(request))


def _serve(request: WireRequest) -> codec.Response:
    hook, region = _find(request.method, request.raw_path)
    params = codec.json_object(request.body())
    validate(hook.input_shape, params)
    caller = replace(identify(request, params.pop("accountId", None)), region=region)
    with service.entered(caller, hook.name) as backend:
        kwargs = {xform_name(k): v for k, v in params.items()}
        return codec.encode_document(hook.act(backend, **kwargs))
