"""Test hooks that are not AWS operations, reachable on a moto server.

``POST <server>/nimble_<region>/moto-api/break-studio-sso`` puts a studio into
a broken IAM Identity Center state so that StartStudioSSOConfigurationRepair
has something to repair: the server-mode twin of
``NimbleStudioBackend.break_studio_sso``.

JSON body ``{"studioId": ..., "statusCode": "AWS_SSO_NOT_ENABLED" |
"AWS_SSO_ACCESS_DENIED", "state": "READY" | "UPDATE_FAILED", "accountId": ...}``;
only studioId is required. Without accountId the account is chosen as moto
chooses it for any request: ``MOTO_ACCOUNT_ID``, else the ``x-moto-account-id``
header, else the account of the request's access key (123456789012 for an
unsigned request). The ``nimble_<region>`` prefix is what routes an unsigned
request to this service on a moto server; ``<region>`` is the studio's region.

The answer is 200 ``{"studioId", "state", "statusCode", "statusMessage"}``, or
an error as every operation answers one. The hook runs through the same
request pipeline as the operations, so its body is checked against the input
shape below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore.model import ShapeResolver, StructureShape

from .models.studios import BROKEN_SSO_STATES, BROKEN_SSO_STATUS
from .wire.spec import OperationSpec, split_template

if TYPE_CHECKING:
    from .models import NimbleStudioBackend

BREAK_STUDIO_SSO_PATH = "/nimble_{region}/moto-api/break-studio-sso"

_SHAPES = ShapeResolver(
    {
        "BreakStudioSsoRequest": {
            "type": "structure",
            "required": ["region", "studioId"],
            "members": {
                "region": {
                    "shape": "String",
                    "location": "uri",
                    "locationName": "region",
                },
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


def _hook_spec(name: str, method: str, path: str, handler: Any) -> OperationSpec:
    segments, prefixes, labels = split_template(path)
    shape = _SHAPES.get_shape_by_name(f"{name}Request")
    assert isinstance(shape, StructureShape)
    return OperationSpec(
        name=name,
        method=handler.__name__,
        http_method=method,
        segments=segments,
        prefixes=prefixes,
        labels=labels,
        greedy_tail=False,
        query={},
        headers={},
        body_members=frozenset(
            m for m, s in shape.members.items() if "location" not in s.serialization
        ),
        input_shape=shape,
        operation_model=None,
        result_member=None,
        has_output=True,
        client_token=None,
        status=200,
        hook=handler,
        region_label="region",
    )


#: the hooks' routes, served by the request pipeline beside the operations
HOOK_SPECS = [
    _hook_spec("BreakStudioSso", "POST", BREAK_STUDIO_SSO_PATH, break_studio_sso),
]
