"""The WSGI front of ``moto-nimble-server``: nimble's requests go straight to
the pipeline; everything else goes to moto's own application.

moto's dispatcher guesses each request's service before any service code
runs, and fails (500, an HTML page) on requests it cannot attribute, such as
a credential scope with an empty region. ``NimbleFirst`` recognises a nimble
request first (its host, its credential scope, or the ``/nimble_<region>``
prefix of the test hooks, which the control handler serves) and serves it without moto's dispatcher and Flask,
so that every such request gets a JSON answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from werkzeug.http import HTTP_STATUS_CODES

from .._registration import HOST
from .codec import for_http_server
from .errors import WireError
from .pipeline import handle
from .request import (
    WireRequest,
    credential_scope,
    from_environ,
    raw_path_from_environ,
)

WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]

_NIMBLE_HOST = re.compile(HOST, re.IGNORECASE)
#: paths moto's server keeps for itself
_MOTO_PATHS = ("/moto-api", "/latest/", "/favicon.ico")
#: the methods nimble's operations use
_CORS_METHODS = "DELETE, GET, PATCH, POST, PUT"


def scope_service(authorization: str) -> str | None:
    """The service a SigV4 ``Authorization`` header was signed for: the part
    before ``aws4_request``, wherever a malformed region put it."""
    parts = credential_scope(authorization)
    if len(parts) < 5:
        return None
    service = parts[-2] if parts[-1].strip() == "aws4_request" else parts[3]
    return service.strip().lower()


def is_nimble_request(environ: dict[str, Any]) -> bool:
    path = environ.get("PATH_INFO", "")
    if path.startswith(_MOTO_PATHS):
        return False
    if is_nimble_preflight(environ):
        return True
    return (
        path.startswith("/nimble_")
        or bool(_NIMBLE_HOST.match(environ.get("HTTP_HOST", "")))
        or scope_service(environ.get("HTTP_AUTHORIZATION", "")) == "nimble"
    )


def is_nimble_preflight(environ: dict[str, Any]) -> bool:
    """A browser's CORS preflight for one of nimble's operations: it carries
    no credentials, and its host is the server's, so only the method it asks
    for and the path say whose it is (no other service's paths begin with
    nimble's API version)."""
    asked = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
    if environ.get("REQUEST_METHOD") != "OPTIONS" or not asked:
        return False
    from .pipeline import ROUTER

    raw_path, _ = raw_path_from_environ(environ)
    try:
        ROUTER.match(asked.strip().upper(), raw_path)
    except WireError:
        return False
    return True


def _record(request: WireRequest, environ: dict[str, Any]) -> None:
    """Hand the request to moto's recorder, as moto's own server does."""
    from ..moto_compat import record_request

    scheme = environ.get("wsgi.url_scheme", "http")
    url = f"{scheme}://{request.host}{request.raw_path}"
    if request.query_string:
        url += f"?{request.query_string}"
    seen = SimpleNamespace(
        headers=request.headers,
        method=request.method,
        url=url,
        raw_url=url,
        raw_path=request.raw_path,
    )
    record_request(seen, request.raw_body or b"")


def serve(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """Serve one nimble request from a WSGI environ."""
    from moto.settings import DISABLE_GLOBAL_CORS

    request = from_environ(environ)
    extra: dict[str, str] = {}
    if not DISABLE_GLOBAL_CORS and "origin" in request.headers:
        extra["Access-Control-Allow-Origin"] = "*"
    if (
        request.method == "OPTIONS"
        and "access-control-request-method" in request.headers
    ):
        status, headers, body = 200, {"Content-Type": "text/plain"}, b""
        if not DISABLE_GLOBAL_CORS:
            extra["Access-Control-Allow-Methods"] = _CORS_METHODS
            asked = request.headers.get("access-control-request-headers")
            if asked:
                extra["Access-Control-Allow-Headers"] = asked
    else:
        status, headers, body = handle(request)
        for_http_server(headers)
        _record(request, environ)
    headers.update(extra)
    if request.method == "HEAD" or status == 204:
        body = b""
    headers["Content-Length"] = str(len(body))
    start_response(
        f"{status} {HTTP_STATUS_CODES.get(status, 'Unknown')}", list(headers.items())
    )
    return [body]


class NimbleFirst:
    """WSGI middleware: nimble's requests to the pipeline, the rest to ``app``."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if is_nimble_request(environ):
            return serve(environ, start_response)
        return self.app(environ, start_response)
