"""The WSGI front of ``moto-nimble-server``: nimble's requests go straight to
the pipeline; everything else goes to moto's own application.

moto's dispatcher guesses each request's service before any service code
runs, and fails (500, an HTML page) on requests it cannot attribute, such as
a credential scope with an empty region or a malformed ``Authorization``
header. :func:`is_nimble_request` recognises a nimble request first: its
host, its credential scope, a path under ``/2020-08-01/`` (the API version
that begins every operation's path, and no other service's), or the
``/nimble_<region>`` prefix of the test hooks, which the control handler
serves. ``NimbleFirst`` serves those without moto's dispatcher and Flask, so
that every such request gets a JSON answer; moto's own server hands the same
requests to nimble's application (``moto_nimble._registration``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from werkzeug.http import HTTP_STATUS_CODES

from .._registration import HOST
from .codec import for_http_server
from .pipeline import handle, is_preflight
from .request import WireRequest, credential_scope, from_environ
from .spec import SPECS

WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]

_NIMBLE_HOST = re.compile(HOST, re.IGNORECASE)
#: paths moto's server keeps for itself
_MOTO_PATHS = ("/moto-api", "/latest/", "/favicon.ico")
#: the methods nimble's operations use
_CORS_METHODS = ", ".join(sorted({spec.http_method for spec in SPECS.values()}))


def _api_prefix() -> str:
    """``/<API version>/``, with which every operation's path begins."""
    first = {spec.segments[0] for spec in SPECS.values()}
    if len(first) != 1 or None in first:
        raise ValueError(f"the operations' paths begin differently: {first}")
    return f"/{first.pop()}/"


#: paths that are nimble's whatever the request's host or credentials: every
#: operation's (no other service's paths begin with nimble's API version) and
#: the test hooks'
NIMBLE_PATHS = (_api_prefix(), "/nimble_")


def scope_service(authorization: str) -> str | None:
    """The service a SigV4 ``Authorization`` header was signed for: the part
    before ``aws4_request``, wherever a malformed region put it."""
    parts = credential_scope(authorization)
    if len(parts) < 5:
        return None
    service = parts[-2] if parts[-1].strip() == "aws4_request" else parts[3]
    return service.strip().lower()


def is_nimble_request(environ: dict[str, Any]) -> bool:
    """Whether a request (a WSGI environ) is nimble's: its path, its host or
    its credential scope says so. Both servers serve these as nimble's."""
    path = environ.get("PATH_INFO", "")
    if path.startswith(_MOTO_PATHS):
        return False
    return (
        path.startswith(NIMBLE_PATHS)
        or bool(_NIMBLE_HOST.match(environ.get("HTTP_HOST", "")))
        or scope_service(environ.get("HTTP_AUTHORIZATION", "")) == "nimble"
    )


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
    status, headers, body = handle(request)
    for_http_server(headers)
    extra: dict[str, str] = {}
    if not DISABLE_GLOBAL_CORS and "origin" in request.headers:
        extra["Access-Control-Allow-Origin"] = "*"
    if not is_preflight(request):
        _record(request, environ)
    elif status == 200 and not DISABLE_GLOBAL_CORS:
        extra["Access-Control-Allow-Methods"] = _CORS_METHODS
        asked = request.headers.get("access-control-request-headers")
        if asked:
            extra["Access-Control-Allow-Headers"] = asked
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
