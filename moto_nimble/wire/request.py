"""WireRequest: one shape for every way a request reaches the plugin.

moto hands the plugin a botocore ``AWSPreparedRequest`` (in-process, moto up
to 5.2.3), a werkzeug/Flask request (moto's server, and in-process from 5.2.4),
and ``moto-nimble-server`` hands it a WSGI environ. Each becomes a
WireRequest: the method, the path as it arrived (still percent-encoded), the
raw query string, lower-cased headers and a way to read the body that never
reads more than the limit.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from .errors import (
    RequestEntityTooLargeException,
    RequestTimeoutException,
    SerializationException,
)

#: the largest body (after decompression) a request may carry
MAX_BODY_BYTES = 10 * 1024 * 1024

_CHUNK = 64 * 1024


@dataclass(slots=True)
class WireRequest:
    method: str
    #: the path as it arrived, percent-encoding intact
    raw_path: str
    #: the query string as it arrived
    query_string: str
    #: header names in lower case
    headers: dict[str, str]
    #: the host the request was sent to (the Host header, or the URL's)
    host: str
    #: reads the body; given a limit, raises RequestEntityTooLargeException past it
    read_body: Callable[[int], bytes] = field(repr=False)
    #: the body as it arrived, once :meth:`body` has read it
    raw_body: bytes | None = field(default=None, repr=False)
    #: whether a layer before the plugin already undid ``Content-Encoding``
    decoded: bool = False

    def body(self, limit: int = MAX_BODY_BYTES) -> bytes:
        """The body, decompressed when it says ``Content-Encoding: gzip``."""
        try:
            raw = self.raw_body = self.read_body(limit)
        except (RequestEntityTooLargeException, SerializationException):
            raise
        except TimeoutError:
            raise RequestTimeoutException(
                "The client stopped sending the request body"
            ) from None
        except Exception as error:  # a broken chunk, a client gone mid-body
            raise SerializationException(
                f"The request body could not be read: {type(error).__name__}"
            ) from None
        encoding = self.headers.get("content-encoding", "").strip().lower()
        if encoding == "gzip" and raw and not self.decoded:
            return _gunzip(raw, limit)
        return raw


def credential_scope(authorization: str) -> list[str]:
    """A SigV4 ``Authorization`` header's credential scope,
    ``<key>/<date>/<region>/<service>/aws4_request``, split on ``/``."""
    start = authorization.find("Credential=")
    if start < 0:
        return []
    return (
        authorization[start + len("Credential=") :].split(",", 1)[0].strip().split("/")
    )


def _gunzip(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise SerializationException(
            "The body says Content-Encoding: gzip but is not gzip data"
        ) from None
    if len(out) > limit:
        raise _too_large(limit)
    if not inflater.eof:
        raise SerializationException("The gzip body is truncated")
    return out


def _too_large(limit: int) -> RequestEntityTooLargeException:
    return RequestEntityTooLargeException(
        f"The request body is larger than {limit} bytes"
    )


def _read_stream(stream: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise _too_large(limit)
        chunks.append(chunk)


def _content_length(headers: Mapping[str, str]) -> int | None:
    value = headers.get("content-length")
    if value is None or "chunked" in headers.get("transfer-encoding", "").lower():
        return None
    try:
        return max(0, int(value))
    except ValueError:
        return None


def _lower(headers: Any) -> dict[str, str]:
    lowered = {}
    for key, value in headers.items():
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        lowered[str(key).lower()] = str(value)
    return lowered


def _percent_encoded(path: str, werkzeug: bool) -> str:
    """A raw path as ASCII: bytes a client sent unencoded percent-encoded, as
    an SDK would have sent them. WSGI carries bytes as latin-1; werkzeug's
    server has done that twice (it reads the request line as latin-1 text,
    then encodes that text for WSGI), so it is undone twice."""
    if path.isascii():
        return path
    try:
        sent = path.encode("latin-1")
        if werkzeug:
            sent = sent.decode("utf-8").encode("latin-1")
    except UnicodeError:
        sent = path.encode("utf-8")
    return quote(sent, safe="/%:@!$&'()*+,;=-._~")


def raw_path_from_environ(environ: Mapping[str, Any]) -> tuple[str, str]:
    """(raw path, raw query string) of a WSGI request."""
    uri = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    query = environ.get("QUERY_STRING", "")
    if uri:
        werkzeug = str(environ.get("SERVER_SOFTWARE", "")).startswith("Werkzeug/")
        if "://" in uri.split("?", 1)[0]:  # a proxy's absolute URI
            parts = urlsplit(uri)
            return _percent_encoded(parts.path, werkzeug) or "/", parts.query
        return _percent_encoded(uri.split("?", 1)[0], werkzeug) or "/", query
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    # PATH_INFO is decoded; WSGI carries its bytes as latin-1
    return quote(path.encode("latin-1"), safe="/:@!$&'()*+,;=-._~") or "/", query


def from_environ(environ: dict[str, Any]) -> WireRequest:
    """A request as a WSGI server received it."""
    from werkzeug.wsgi import get_input_stream

    headers = {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = environ[key]
    path, query = raw_path_from_environ(environ)

    def read_body(limit: int) -> bytes:
        length = _content_length(headers)
        if length is not None and length > limit:
            raise _too_large(limit)
        return _read_stream(get_input_stream(environ, safe_fallback=True), limit)

    return WireRequest(
        method=environ.get("REQUEST_METHOD", "GET").upper(),
        raw_path=path,
        query_string=query,
        headers=headers,
        host=headers.get("host") or environ.get("SERVER_NAME", ""),
        read_body=read_body,
    )


def from_moto(request: Any, full_url: str | None = None) -> WireRequest:
    """A request as moto hands it to a URL handler, in any mode and release."""
    environ = getattr(request, "environ", None)
    if environ is not None:  # werkzeug / Flask
        wire = from_environ(environ)
        # moto's server up to 5.2.3 un-gzips every body before the plugin is called
        wire.decoded = isinstance(request.stream, gzip.GzipFile)

        def read_body(limit: int) -> bytes:
            length = _content_length(wire.headers)
            if length is not None and length > limit:
                raise _too_large(limit)
            if length is None and not wire.decoded:
                return _read_stream(request.stream, limit)
            data: bytes = request.get_data(cache=True)
            if len(data) > limit:
                raise _too_large(limit)
            return data

        wire.read_body = read_body
        return wire
    # botocore's AWSPreparedRequest (moto up to 5.2.3, in-process)
    parts = urlsplit(full_url or request.url)
    headers = _lower(request.headers)
    body = request.body

    def read_prepared(limit: int) -> bytes:
        data = body
        if hasattr(data, "read"):
            data = data.read()
        if data is None:
            return b""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > limit:
            raise _too_large(limit)
        return bytes(data)

    return WireRequest(
        method=str(request.method).upper(),
        raw_path=parts.path or "/",
        query_string=parts.query,
        headers=headers,
        host=parts.netloc or headers.get("host", ""),
        read_body=read_prepared,
    )
