"""Who sent a request: its access key, account and region, read as moto reads them."""

from __future__ import annotations

import os
import re

from .._registration import HOST_REGION
from ..context import Caller
from .request import WireRequest, credential_scope

#: moto's own patterns, so nimble reads a request's region and key as every
#: other moto service does
_HOST_REGION = re.compile(r"\.(?P<region>[^.]+)\.(?:amazonaws\.com|api\.aws)")
_AGENT_REGION = re.compile(r"region/(?P<region>[a-z]{2}-[a-z]+-\d{1})")
DEFAULT_REGION = "us-east-1"


def request_region(request: WireRequest) -> str:
    """The region in the host (any host of nimble's endpoint rules, or one
    moto reads a region from), else in the User-Agent, else in the credential
    scope."""
    found = HOST_REGION.fullmatch(request.host) or _HOST_REGION.search(
        f"//{request.host}"
    )
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


def identify(request: WireRequest, account_id: str | None = None) -> Caller:
    """The request's caller: its access key, account and region, as moto reads them."""
    access_key = request_access_key(request)
    return Caller(
        account_id or request_account(request, access_key),
        request_region(request),
        access_key,
    )
