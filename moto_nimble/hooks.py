"""Test hooks that are not AWS operations, reachable on a moto server.

``break_studio_sso`` puts a studio into a broken IAM Identity Center state so that
StartStudioSSOConfigurationRepair has something to repair.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import unquote, urlparse

from moto.core.utils import get_service_model

from .exceptions import NimbleStudioException


def _status_of(code: str) -> int:
    """The HTTP status the model gives an error shape."""
    error = get_service_model("nimble").shape_for(code).metadata.get("error", {})
    return int(error.get("httpStatusCode", 400))


_HOOK_PATH = re.compile(r"/nimble_(?P<region>[^/]+)/moto-api/break-studio-sso/?$")


def break_studio_sso(request: Any, full_url: str, headers: Any) -> Any:
    """``POST <moto server>/nimble_<region>/moto-api/break-studio-sso``: the
    server-mode twin of ``NimbleStudioBackend.break_studio_sso``.

    JSON body ``{"studioId": ..., "statusCode": "AWS_SSO_NOT_ENABLED" |
    "AWS_SSO_ACCESS_DENIED", "state": "READY" | "UPDATE_FAILED", "accountId": ...}``;
    only studioId is required. Without accountId the account is chosen as moto
    chooses it for an unsigned request: ``MOTO_ACCOUNT_ID``, else the
    ``x-moto-account-id`` header, else 123456789012.

    The ``nimble_<region>`` prefix is what routes an unsigned request to this
    service on a moto server; ``<region>`` is the studio's region. The answer is
    200 ``{"studioId", "state", "statusCode", "statusMessage"}``, or 400/404/409
    with ``{"__type", "message"}``.
    """
    from moto.core.models import DEFAULT_ACCOUNT_ID

    from .models import nimble_backends

    def answer(status: int, body: dict[str, Any]) -> Any:
        return status, {"Content-Type": "application/json"}, json.dumps(body)

    match = _HOOK_PATH.search(unquote(urlparse(full_url).path))
    try:
        raw = request.get_data() if hasattr(request, "get_data") else request.body
        body = json.loads(raw or b"{}")
        if not isinstance(body, dict):
            raise ValueError("the body must be a JSON object")
    except ValueError as error:
        return answer(400, {"__type": "ValidationException", "message": str(error)})
    studio_id = body.get("studioId")
    if match is None or not isinstance(studio_id, str):
        return answer(
            400,
            {"__type": "ValidationException", "message": "studioId is required"},
        )
    account_id = str(
        body.get("accountId")
        or os.environ.get("MOTO_ACCOUNT_ID")
        or {k.lower(): v for k, v in dict(headers or {}).items()}.get(
            "x-moto-account-id"
        )
        or DEFAULT_ACCOUNT_ID
    )
    try:
        studio = nimble_backends[account_id][match["region"]].break_studio_sso(
            studio_id,
            status_code=body.get("statusCode", "AWS_SSO_NOT_ENABLED"),
            state=body.get("state", "READY"),
        )
    except NimbleStudioException as error:
        return answer(
            _status_of(error.code),
            {"__type": error.code, "message": error.message},
        )
    except KeyError:
        # a region that moto does not offer for nimble
        return answer(
            400,
            {
                "__type": "ValidationException",
                "message": f"Nimble Studio is not offered in region {match['region']}",
            },
        )
    return answer(
        200,
        {
            "studioId": studio.studio_id,
            "state": studio.state,
            "statusCode": studio.status_code,
            "statusMessage": studio.status_message,
        },
    )
