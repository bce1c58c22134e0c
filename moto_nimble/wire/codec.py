"""The codec: request bytes to parameters, results and errors to response bytes.

Decoding follows the operation's HTTP bindings: labels from the path, members
from the query string and headers by their wire names, everything else from
a JSON object body. Values keep the type JSON gave them, so the validator can
refuse ``true``, ``"120"`` or ``120.9`` for an integer; only query and header
values, which are text on the wire, are read as numbers where the model says
so. Every response, errors included, is JSON.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl

from moto.moto_api._internal import mock_random

from ..exceptions import InternalServerErrorException, NimbleStudioException
from .encoder import OMIT, Compiler, Plan, body
from .errors import SerializationException, WireError
from .request import WireRequest
from .spec import Binding, OperationSpec, error_status

Response = tuple[int, dict[str, str], bytes]

_INTEGER_TEXT = re.compile(r"-?[0-9]{1,19}")
#: a JSON escape that may leave a lone surrogate behind
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _no_lone_surrogates(value: Any) -> None:
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_lone_surrogates(key)
            _no_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _no_lone_surrogates(item)


def json_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object; an empty body is ``{}``."""
    if not body.strip():
        return {}
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise SerializationException("The request body is not UTF-8") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant)
        if _SURROGATE_ESCAPE.search(text):
            _no_lone_surrogates(document)
    except UnicodeEncodeError:
        raise SerializationException(
            "The request body holds a lone UTF-16 surrogate"
        ) from None
    except (ValueError, RecursionError) as error:
        raise SerializationException(
            f"The request body is not valid JSON: {error}"
        ) from None
    if not isinstance(document, dict):
        raise SerializationException("The request body must be a JSON object")
    return document


def _text_value(binding: Binding, text: str) -> Any:
    """A query or header value, typed as the model says where it can be."""
    shape = binding.shape
    if shape.type_name == "list":
        shape = shape.member
    if shape.type_name in ("integer", "long") and _INTEGER_TEXT.fullmatch(text):
        return int(text)
    return text


def decode(
    spec: OperationSpec, request: WireRequest, labels: dict[str, str], body: bytes
) -> dict[str, Any]:
    """The operation's input members, keyed by member name."""
    params: dict[str, Any] = dict(labels)
    if spec.query and request.query_string:
        try:
            pairs = parse_qsl(
                request.query_string, keep_blank_values=True, errors="strict"
            )
        except (UnicodeDecodeError, ValueError):
            raise SerializationException(
                "The query string is not percent-encoded UTF-8"
            ) from None
        for key, text in pairs:
            binding = spec.query.get(key)
            if binding is None:
                continue
            value = _text_value(binding, text)
            if binding.shape.type_name == "list":
                params.setdefault(binding.member, []).append(value)
            else:
                params[binding.member] = value
    for wire_name, binding in spec.headers.items():
        header = request.headers.get(wire_name)
        if header is not None:
            params[binding.member] = _text_value(binding, header)
    if spec.body_members:
        document = json_object(body)
        for key, value in document.items():
            if key in spec.body_members:
                params[key] = value
    return params


_date: tuple[int, str] = (0, "")


def _http_date() -> str:
    """The ``date`` header's value, made once a second."""
    global _date
    second = int(time.time())
    if _date[0] != second:
        _date = (second, formatdate(second, usegmt=True))
    return _date[1]


#: headers an HTTP server writes on every answer itself (werkzeug's does:
#: ``moto-nimble-server``, moto's server): an answer through one leaves them out
SERVER_HEADERS = ("date", "server")


def for_http_server(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` without the ones the HTTP server adds, so that each is sent once."""
    for name in SERVER_HEADERS:
        headers.pop(name, None)
    return headers


def _headers(content_type: str = "application/json") -> dict[str, str]:
    return {
        "Content-Type": content_type,
        "x-amzn-RequestId": str(mock_random.uuid4()),
        "server": "amazon.com",
        "date": _http_date(),
    }


#: each operation's output plan, compiled the first time it answers (all 49
#: take about 3 ms, which an import need not pay)
_OUTPUT_PLANS: dict[str, Plan] = {}
_COMPILER = Compiler()
#: one compilation at a time: a plan is used only once all its members have theirs
_COMPILING = threading.Lock()


def output_plan(spec: OperationSpec) -> Plan:
    plan = _OUTPUT_PLANS.get(spec.name)
    if plan is None:
        with _COMPILING:
            plan = _OUTPUT_PLANS.get(spec.name)
            if plan is None:
                assert spec.operation_model is not None
                shape = spec.operation_model.output_shape
                plan = _COMPILER.plan(shape) if shape is not None else _nothing
                _OUTPUT_PLANS[spec.name] = plan
    return plan


_OUTPUT_MEMBERS: dict[str, frozenset[str]] = {}


def _output_members(spec: OperationSpec) -> frozenset[str]:
    members = _OUTPUT_MEMBERS.get(spec.name)
    if members is None:
        assert spec.operation_model is not None
        output = spec.operation_model.output_shape
        members = frozenset(output.members if output is not None else ())
        _OUTPUT_MEMBERS[spec.name] = members
    return members


def _nothing(_: Any) -> Any:
    return OMIT


def encode(spec: OperationSpec, result: Any) -> Response:
    """A backend method's return value as the operation's output.

    A backend method returns nothing, the whole output as a dict (List*), or
    the one resource the output holds.
    """
    if spec.status == 204:  # No Content (TagResource, UntagResource)
        return spec.status, _headers(), b""
    if not spec.has_output:
        document: Any = {}
    elif isinstance(result, dict):
        stray = result.keys() - _output_members(spec)
        if stray:  # a bare value where the output wants it under a member
            raise TypeError(
                f"{spec.method} returned {sorted(stray)}, not {spec.name}'s members"
            )
        document = result
    else:
        document = {spec.result_member: result}
    return spec.status, _headers(), body(output_plan(spec), document)


def encode_document(document: Any, status: int = 200) -> Response:
    """A plain JSON answer (the test hooks, which have no output shape)."""
    return status, _headers(), json.dumps(document).encode("utf-8")


def encode_error(error: NimbleStudioException | WireError) -> Response:
    """An error as AWS JSON services send it: ``x-amzn-ErrorType`` and a JSON body.

    The body holds the error shape's members (``message``, ``code``,
    ``context``), ``__type`` and ``Message`` as moto's serializer writes them.
    """
    if isinstance(error, WireError):
        status, code, context = error.status, error.code, None
    else:
        code = error.code
        status = error_status(code)
        context = getattr(error, "context", None)
    message = error.message
    document: dict[str, Any] = {"__type": code, "code": code}
    if context is not None:
        document["context"] = context
    document["message"] = message
    document["Message"] = message
    headers = _headers()
    headers["x-amzn-ErrorType"] = code
    return status, headers, json.dumps(document).encode("utf-8")


log = logging.getLogger("moto_nimble")


def answered(request: WireRequest, serve: Callable[[], Response]) -> Response:
    """``serve()``, or the error it raised as JSON: the model's error shapes and
    the protocol's own with their status, anything else as the model's
    InternalServerErrorException (500), which only a bug in this package can cause."""
    try:
        return serve()
    except (NimbleStudioException, WireError) as error:
        return encode_error(error)
    except Exception:
        log.exception("moto-nimble failed on %s %s", request.method, request.raw_path)
        return encode_error(
            InternalServerErrorException(
                "moto-nimble failed to serve this request; this is a bug in moto-nimble"
            )
        )
