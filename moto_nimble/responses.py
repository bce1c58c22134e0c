"""The moto adapter: moto hands every Nimble Studio request to ``dispatch``.

moto's URL map sends each nimble request here in-process (botocore or raw
HTTP under ``mock_aws``, and moto's proxy); moto's server hands nimble's
requests to ``moto_nimble.wire.wsgi.serve`` before its URL map (see
``moto_nimble._registration``), as ``moto-nimble-server`` does. The request pipeline
(``moto_nimble.wire``) does the rest: it routes by method and path, decodes
and validates from the model, and always answers JSON.
"""

from __future__ import annotations

from typing import Any

from .wire.codec import for_http_server
from .wire.pipeline import handle
from .wire.request import from_moto


def _through_http_server(request: Any) -> bool:
    """Whether an HTTP server (moto's) received ``request`` and writes Date and
    Server itself. A WSGI server names the client's address; the requests moto
    builds in-process and in its proxy (werkzeug's ``Request.from_values``, or
    botocore's) have no client address, and their answers keep both headers."""
    return "REMOTE_ADDR" in (getattr(request, "environ", None) or {})


class NimbleStudioResponse:
    @classmethod
    def dispatch(
        cls,
        request: Any,
        full_url: str | None = None,
        headers: Any = None,  # noqa: ARG003  (moto passes them; the request has them)
    ) -> tuple[int, dict[str, str], bytes]:
        """moto's URL handler signature: (request, full_url, headers) -> (status, headers, body)."""
        status, answer_headers, body = handle(from_moto(request, full_url))
        if _through_http_server(request):
            for_http_server(answer_headers)
        return status, answer_headers, body
