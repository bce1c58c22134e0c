"""Requests generated from the nimble model, valid and broken: Hypothesis
strategies shared by tests/test_fuzz.py and scripts/fuzz.py.

Every request names nimble (its credential scope, its host or its path), so
that the server must answer it from nimble's request pipeline. The kinds:

valid        an operation's input drawn from its input shape, encoded as the
             model's HTTP bindings say; IDs mostly from resources that exist
mutated      a valid request with one member missing, of the wrong type, out of
             range, null, or beside unknown members, or with optional members
             at any depth sent as null
body         a valid route with a malformed or undecodable body
headers      a valid request with odd Content-Type, Content-Encoding,
             Authorization, account or region headers
target       a valid request that also names another operation through
             ``Action`` (query, header, form body) or ``X-Amz-Target``
method       a known path with another HTTP method, or a made-up one
path         a path no operation has: unknown segments, trailing slashes,
             empty labels, bad percent-encoding
bare         a request under ``/2020-08-01/`` to the server's own host (no Host
             header: the client sends the server's) with no ``Authorization``,
             another service's credential scope, a malformed one (garbage, a
             SigV4 header cut short, another algorithm) or a nimble scope

The test hooks (``/nimble_<region>/moto-api/...``) are not drawn as routes: a
hook fuzzed with valid bodies would change state as a test means it to.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import botocore.session
from botocore.model import Shape, StructureShape
from hypothesis import strategies as st

from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.wire.spec import SERVICE_MODEL, SPECS, OperationSpec

ACCOUNT = "123456789012"
REGION = "us-west-2"
#: with which every operation's path begins
API_PREFIX = f"/{SERVICE_MODEL.api_version}/"

#: every error name an answer may carry: the model's error shapes and the
#: protocol's own
ERROR_NAMES = frozenset(
    {
        *(
            SERVICE_MODEL.shape_for(name).name
            for name in SERVICE_MODEL.shape_names
            if SERVICE_MODEL.shape_for(name).metadata.get("exception")
        ),
        "SerializationException",
        "UnknownOperationException",
        "RequestEntityTooLargeException",
        "RequestTimeoutException",
        # moto's IAM enforcement, when on
        "MissingAuthenticationTokenException",
        "IncompleteSignatureException",
        "UnrecognizedClientException",
        "InvalidSignatureException",
    }
)
assert {"ValidationException", "InternalServerErrorException"} <= ERROR_NAMES

#: the names moto's BaseResponse used to take as an operation
MOTO_METHOD_NAMES = [
    "CallAction",
    "SetupClass",
    "GetRegionFromUrl",
    "Dispatch",
    "NimbleBackend",
    "ParseParameters",
    "_dispatch",
    "__init__",
    "CreateStudio",
    "DeleteStudio",
]


@dataclass
class RawRequest:
    method: str
    #: path and query string, as sent
    target: str
    headers: dict[str, str]
    body: bytes = b""
    kind: str = "valid"
    operation: str | None = None

    def describe(self) -> str:
        return (
            f"[{self.kind}] {self.method} {self.target[:200]} "
            f"headers={self.headers} body={self.body[:300]!r}"
        )


@dataclass
class IdPool:
    """IDs of resources that exist, by the member name that carries them."""

    ids: dict[str, list[str]] = field(default_factory=dict)

    def add(self, member: str, value: str) -> None:
        self.ids.setdefault(member, []).append(value)


def authorization(
    region: str = REGION, service: str = "nimble", key: str = "AKIAIOSFODNN7EXAMPLE"
) -> str:
    return (
        f"AWS4-HMAC-SHA256 Credential={key}/20261130/{region}/{service}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0"
    )


def _anchored(pattern: str) -> str:
    return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
)


def value_for(
    shape: Shape, member: str, pool: IdPool, depth: int = 0
) -> st.SearchStrategy[Any]:
    """A valid value of ``shape`` (``member`` names it in its parent)."""
    known = pool.ids.get(member) or pool.ids.get(member.rstrip("s"))
    type_name = shape.type_name
    if type_name == "string":
        if known:
            return st.sampled_from(known)
        if shape.enum:
            return st.sampled_from(shape.enum)
        low = shape.metadata.get("min", 0)
        high = min(shape.metadata.get("max", 24), max(low, 24))
        pattern = shape.metadata.get("pattern")
        if pattern:
            return st.from_regex(_anchored(pattern)).filter(
                lambda s: low <= len(s) <= shape.metadata.get("max", 10**9)
            )
        return st.text(
            alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
            min_size=low,
            max_size=high,
        )
    if type_name in ("integer", "long"):
        return st.integers(
            shape.metadata.get("min", -(2**31)), shape.metadata.get("max", 2**31 - 1)
        )
    if type_name == "boolean":
        return st.booleans()
    if type_name in ("double", "float"):
        return st.floats(allow_nan=False, allow_infinity=False)
    if type_name == "list":
        low = shape.metadata.get("min", 0)
        high = min(shape.metadata.get("max", 3), low + 3)
        if known and shape.member.type_name == "string":
            return st.lists(st.sampled_from(known), min_size=low, max_size=high)
        return st.lists(
            value_for(shape.member, member, pool, depth + 1),
            min_size=low,
            max_size=high,
        )
    if type_name == "map":
        return st.dictionaries(
            value_for(shape.key, "key", pool, depth + 1).filter(bool),
            value_for(shape.value, "value", pool, depth + 1),
            max_size=3,
        )
    if type_name == "structure":
        return structure_for(shape, pool, depth + 1)
    return st.none()


def structure_for(
    shape: StructureShape, pool: IdPool, depth: int = 0
) -> st.SearchStrategy[dict[str, Any]]:
    members = shape.members
    if shape.metadata.get("union"):
        return st.sampled_from(sorted(members)).flatmap(
            lambda name: value_for(members[name], name, pool, depth).map(
                lambda value: {name: value}
            )
        )
    required = {
        name: value_for(members[name], name, pool, depth)
        for name in shape.required_members
    }
    optional = {
        name: value_for(members[name], name, pool, depth)
        for name in members
        if name not in shape.required_members
    }
    if depth > 4:
        optional = {}
    return st.fixed_dictionaries(required, optional=optional)


WRONG_VALUES = st.one_of(
    st.booleans(),
    st.sampled_from(["120", "", "x" * 300, "true"]),
    st.sampled_from([120.9, 1e308, -1.5]),
    st.sampled_from([2**63, -(2**63), 10**30]),
    st.just([]),
    st.just(["x"]),
    st.just({}),
    st.just({"x": 1}),
)


def wrong_value_for(shape: Shape) -> st.SearchStrategy[Any]:
    """A JSON value of another type than ``shape`` (or out of its range)."""
    type_name = shape.type_name
    if type_name == "string":
        return WRONG_VALUES.filter(lambda v: not isinstance(v, str))
    if type_name in ("integer", "long"):
        return WRONG_VALUES.filter(
            lambda v: not isinstance(v, int) or isinstance(v, bool) or v > 2**31
        )
    if type_name == "list":
        return WRONG_VALUES.filter(lambda v: not isinstance(v, list))
    if type_name in ("map", "structure"):
        return WRONG_VALUES.filter(lambda v: not isinstance(v, dict))
    return WRONG_VALUES


def encode(
    spec: OperationSpec,
    params: dict[str, Any],
    region: str = REGION,
    extra_headers: dict[str, str] | None = None,
) -> RawRequest:
    """``params`` sent as the model's HTTP bindings say (as botocore would)."""
    parts = []
    labels = iter(spec.labels)
    for literal in spec.segments:
        if literal is None:
            value = params.get(next(labels), "")
            parts.append(quote(str(value), safe=""))
        else:
            parts.append(literal)
    target = "/" + "/".join(parts)
    query = []
    for binding in spec.query.values():
        value = params.get(binding.member)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            query.append((binding.wire_name, str(item)))
    if query:
        target += "?" + urlencode(query)
    headers = {
        "Authorization": authorization(region),
        "Content-Type": "application/json",
    }
    for binding in spec.headers.values():
        value = params.get(binding.member)
        if value is not None:
            headers[binding.wire_name] = str(value)
    body = {k: v for k, v in params.items() if k in spec.body_members}
    headers.update(extra_headers or {})
    return RawRequest(
        spec.http_method,
        target,
        headers,
        json.dumps(body).encode() if body or spec.body_members else b"",
        operation=spec.name,
    )


OPERATIONS = sorted(SPECS.values(), key=lambda s: s.name)
TOKENS = st.sampled_from(["token-1", "token-2", "token-3"])


def _valid_params(
    spec: OperationSpec, pool: IdPool
) -> st.SearchStrategy[dict[str, Any]]:
    assert spec.input_shape is not None
    base = structure_for(spec.input_shape, pool)
    if spec.client_token:
        name = spec.client_token
        return st.tuples(base, st.one_of(st.none(), TOKENS)).map(
            lambda pair: {
                **{k: v for k, v in pair[0].items() if k != name},
                **({name: pair[1]} if pair[1] else {}),
            }
        )
    return base


def _route_and_params(
    draw: st.DrawFn, pool: IdPool
) -> tuple[OperationSpec, dict[str, Any]]:
    """An operation and valid parameters for it."""
    spec = draw(st.sampled_from(OPERATIONS))
    return spec, draw(_valid_params(spec, pool))


@st.composite
def valid_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    spec, params = _route_and_params(draw, pool)
    request = encode(spec, params)
    request.kind = "valid"
    return request


@st.composite
def mutated_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    spec, params = _route_and_params(draw, pool)
    assert spec.input_shape is not None
    members = spec.input_shape.members
    body_members = sorted(spec.body_members)
    how = draw(st.sampled_from(["drop", "wrong", "null", "unknown", "nested", "nulls"]))
    if how == "drop" and spec.input_shape.required_members:
        params.pop(draw(st.sampled_from(spec.input_shape.required_members)), None)
    elif how == "wrong" and body_members:
        name = draw(st.sampled_from(body_members))
        params[name] = draw(wrong_value_for(members[name]))
    elif how == "null" and body_members:
        params[draw(st.sampled_from(body_members))] = None
    elif how == "nested" and body_members:
        name = draw(st.sampled_from(body_members))
        params[name] = _deep_break(
            draw(value_for(members[name], name, pool)), draw(WRONG_VALUES)
        )
    elif how == "nulls":
        params = with_nulls(draw, spec.input_shape, params)
    request = encode(spec, params)
    if how == "unknown" and request.body:
        document = json.loads(request.body)
        document.update(
            draw(st.dictionaries(_TEXT, WRONG_VALUES, min_size=1, max_size=3))
        )
        request.body = json.dumps(document).encode()
    request.kind = f"mutated:{how}"
    return request


def with_nulls(draw: st.DrawFn, shape: Shape, value: Any) -> Any:
    """``value`` with some members it leaves out, at any depth, sent as
    ``null`` (which the service reads as not sent)."""
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        out = {
            name: with_nulls(draw, shape.members[name], item)
            for name, item in value.items()
        }
        for name, member in shape.members.items():
            located = member.serialization.get("location")
            if name not in out and not located and draw(st.booleans()):
                out[name] = None
        return out
    if shape.type_name == "list" and isinstance(value, list):
        return [with_nulls(draw, shape.member, item) for item in value]  # type: ignore[attr-defined]
    return value


def _deep_break(value: Any, wrong: Any) -> Any:
    """``value`` with its first nested scalar replaced by ``wrong``."""
    if isinstance(value, dict) and value:
        key = next(iter(value))
        return {**value, key: _deep_break(value[key], wrong)}
    if isinstance(value, list) and value:
        return [_deep_break(value[0], wrong), *value[1:]]
    return wrong


MALFORMED_BODIES = st.one_of(
    st.sampled_from(
        [
            b"\xff\xfe{}",
            b'{"studioName": "\xed\xa0\x80"}',
            b'{"displayName": "\\ud800"}',
            b'{"displayName": "\\udfff\\ud800"}',
            gzip.compress(b'{"studioName": "abc"}'),
            b'{"studioName": ',
            b"[]",
            b"null",
            b"1",
            b'"x"',
            b"[" * 5000,
            b'{"a": ' * 3000,
            b'{"a": NaN}',
            b'{"a": -Infinity}',
            b'{"a": 1' + b"0" * 5000 + b"}",
            b"\xef\xbb\xbf{}",
            "{}".encode("utf-16"),
            b"Action=CreateStudio&studioName=abc",
            b"\x00" * 10,
        ]
    ),
    st.binary(max_size=64),
    st.text(max_size=32).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@st.composite
def malformed_body_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    spec, params = _route_and_params(draw, pool)
    request = encode(spec, params)
    request.body = draw(MALFORMED_BODIES)
    if draw(st.booleans()):
        request.headers["Content-Encoding"] = "gzip"
        if draw(st.booleans()):
            request.body = gzip.compress(request.body)
    request.kind = "body"
    return request


HEADER_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40
)


@st.composite
def odd_header_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    request = draw(valid_requests(pool))
    change = draw(
        st.sampled_from(
            [
                "content-type",
                "encoding",
                "authorization",
                "account",
                "region",
                "host",
                "agent",
            ]
        )
    )
    headers = request.headers
    if change == "content-type":
        headers["Content-Type"] = draw(
            st.one_of(
                st.sampled_from(
                    [
                        "application/x-www-form-urlencoded",
                        "application/x-amz-json-1.1",
                        "text/xml",
                        "multipart/form-data; boundary=x",
                        "",
                    ]
                ),
                HEADER_TEXT,
            )
        )
    elif change == "encoding":
        headers["Content-Encoding"] = draw(
            st.sampled_from(["gzip", "br", "deflate", "GZIP", "x"])
        )
    elif change == "authorization":
        # the host still names nimble, so nimble must answer
        headers["Host"] = f"nimble.{REGION}.amazonaws.com"
        headers["Authorization"] = draw(
            st.one_of(
                HEADER_TEXT,
                st.just("AWS4-HMAC-SHA256 Credential=AKIA/x"),
                st.just(authorization(service="s3")),
                st.just(authorization(key="AKIA" + "Z" * 16)),
            )
        )
    elif change == "account":
        headers["x-moto-account-id"] = draw(
            st.one_of(st.sampled_from(["111122223333", ACCOUNT, "", "x"]), HEADER_TEXT)
        )
    elif change == "region":
        headers["Authorization"] = authorization(
            draw(st.sampled_from(["", "eu-west-1", "xx-nowhere-1", "US-WEST-2", "a/b"]))
        )
    elif change == "host":
        headers["Host"] = draw(
            st.sampled_from(
                [
                    "nimble.eu-west-1.amazonaws.com",
                    "nimble..amazonaws.com",
                    "nimble.xx-nowhere-1.amazonaws.com",
                    "NIMBLE.US-WEST-2.AMAZONAWS.COM",
                ]
            )
        )
    else:
        headers["User-Agent"] = draw(
            st.sampled_from(["region/eu-west-1", "region/zz-nowhere-9", "x" * 300])
        )
    request.kind = f"headers:{change}"
    return request


@st.composite
def target_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    """A valid request that also names another operation, the ways moto read one."""
    request = draw(valid_requests(pool))
    name = draw(
        st.one_of(st.sampled_from(MOTO_METHOD_NAMES), st.sampled_from(sorted(SPECS)))
    )
    where = draw(st.sampled_from(["query", "header", "form", "target"]))
    if where == "query":
        joiner = "&" if "?" in request.target else "?"
        request.target += f"{joiner}Action={quote(name)}"
    elif where == "header":
        request.headers["Action"] = name
    elif where == "form":
        request.headers["Content-Type"] = "application/x-www-form-urlencoded"
        request.body = f"Action={quote(name)}".encode()
    else:
        request.headers["X-Amz-Target"] = f"AmazonNimbleStudio.{name}"
        request.body = json.dumps(
            {
                "studioName": "targeted",
                "displayName": "x",
                "adminRoleArn": "arn:aws:iam::123456789012:role/A",
                "userRoleArn": "arn:aws:iam::123456789012:role/U",
            }
        ).encode()
    request.kind = f"target:{where}"
    return request


@st.composite
def method_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    request = draw(valid_requests(pool))
    request.method = draw(
        st.one_of(
            st.sampled_from(
                ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]
            ),
            st.from_regex(r"\A[A-Z]{1,8}\Z"),
        )
    )
    request.kind = "method"
    return request


SEGMENT = st.one_of(
    st.sampled_from(
        [
            "2020-08-01",
            "studios",
            "eulas",
            "tags",
            "",
            "..",
            ".",
            "%2F",
            "%ff",
            "%",
            "%zz",
            "membership",
            "moto-api",
            "nimble_us-west-2",
            "nimble_",
        ]
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.~%:", max_size=12),
)


@st.composite
def path_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:  # noqa: ARG001
    segments = draw(st.lists(SEGMENT, min_size=0, max_size=7))
    if draw(st.booleans()):
        segments = ["2020-08-01", *segments]
    target = "/" + "/".join(segments)
    if target.lstrip("/").startswith(("moto-api", "latest/", "favicon.ico")):
        # moto's own control API and instance metadata, whoever signs for them
        target = "/2020-08-01" + target
    if draw(st.booleans()):
        target += "/"
    if draw(st.booleans()):
        target += "?" + draw(st.text(alphabet="abc=&%ff0123", max_size=20))
    method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]))
    headers = {"Authorization": authorization(), "Content-Type": "application/json"}
    return RawRequest(method, target, headers, b"{}", kind="path")


#: the signing names of other services: botocore's services but nimble
OTHER_SERVICES = sorted(
    set(botocore.session.get_session().get_available_services()) - {"nimble"}
)
#: what a client that does not speak SigV4 to nimble puts in ``Authorization``
MALFORMED_AUTHORIZATION = st.one_of(
    HEADER_TEXT,
    # a SigV4 header cut short
    st.integers(0, len(authorization()) - 1).map(lambda n: authorization()[:n]),
    # another algorithm, or another scheme
    st.sampled_from(
        ["AWS4-HMAC-SHA512", "AWS4-ECDSA-P256-SHA256", "AWS4", "Bearer", "Basic"]
    ).map(lambda algorithm: algorithm + authorization()[len("AWS4-HMAC-SHA256") :]),
    st.just("AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl"),  # SigV2
    st.just("AWS4-HMAC-SHA256 Credential=AKIA/x"),
)


@st.composite
def bare_host_requests(draw: st.DrawFn, pool: IdPool) -> RawRequest:
    """A request to one of nimble's paths at the server's own host, with any
    ``Authorization``: only its path says it is nimble's."""
    request = draw(
        st.one_of(valid_requests(pool), mutated_requests(pool), path_requests(pool))
    )
    if not request.target.startswith(API_PREFIX):
        request.target = API_PREFIX.rstrip("/") + request.target
    request.headers.pop("Host", None)
    how = draw(st.sampled_from(["none", "service", "malformed", "nimble"]))
    if how == "none":
        del request.headers["Authorization"]
    elif how == "service":
        request.headers["Authorization"] = authorization(
            service=draw(st.sampled_from(OTHER_SERVICES))
        )
    elif how == "malformed":
        request.headers["Authorization"] = draw(MALFORMED_AUTHORIZATION)
    else:
        request.headers["Authorization"] = authorization(
            region=draw(st.sampled_from([REGION, "eu-west-1", "us-east-1"]))
        )
    request.kind = f"bare:{how}"
    return request


def any_request(pool: IdPool) -> st.SearchStrategy[RawRequest]:
    return st.one_of(
        valid_requests(pool),
        valid_requests(pool),
        mutated_requests(pool),
        mutated_requests(pool),
        malformed_body_requests(pool),
        odd_header_requests(pool),
        target_requests(pool),
        method_requests(pool),
        path_requests(pool),
        bare_host_requests(pool),
        bare_host_requests(pool),
    )


def send(
    host: str, port: int, request: RawRequest, timeout: float = 30
) -> tuple[int, dict[str, str], bytes]:
    """Send exactly these bytes' worth of request (http.client adds nothing)."""
    import http.client

    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.putrequest(
            request.method,
            request.target,
            skip_host="Host" in request.headers,
            skip_accept_encoding=True,
        )
        for key, value in request.headers.items():
            connection.putheader(key, value)
        connection.putheader("Content-Length", str(len(request.body)))
        connection.endheaders(request.body)
        response = connection.getresponse()
        return (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            response.read(),
        )
    finally:
        connection.close()


_JSON_TYPE = re.compile(r"^application/(x-amz-)?json")


def problems(
    request: RawRequest, status: int, headers: dict[str, str], body: bytes
) -> list[str]:
    """What is wrong with this answer, if anything."""
    found = []
    if status >= 500:
        found.append(f"status {status}")
    if (
        request.method != "HEAD"
        and status != 204
        and not _JSON_TYPE.match(headers.get("content-type", ""))
    ):
        found.append(f"Content-Type {headers.get('content-type')!r}")
    if status >= 400:
        name = headers.get("x-amzn-errortype")
        if name not in ERROR_NAMES:
            found.append(f"error type {name!r}")
        if request.method != "HEAD":
            try:
                document = json.loads(body)
                if not isinstance(document, dict) or "message" not in document:
                    found.append("error body without message")
            except ValueError:
                found.append(f"error body not JSON: {body[:100]!r}")
    return found


def populate(client: Any) -> IdPool:
    """Make one of every resource through ``client``; their IDs, for the fuzzer."""
    pool = IdPool()
    built = NimbleStudioFactory(client)(
        stream_configuration={
            "sessionPersistenceMode": "ACTIVATED",
            "automaticTerminationMode": "ACTIVATED",
            "maxStoppedSessionLengthInMinutes": 60,
            "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 2},
        }
    )
    studio, component, image, profile = (
        built.studio,
        built.component,
        built.image,
        built.launch_profile,
    )
    studio_id, profile_id = built.studio_id, built.launch_profile_id
    eula_ids = [e["eulaId"] for e in client.list_eulas()["eulas"]]
    client.accept_eulas(studioId=studio_id, eulaIds=eula_ids)
    client.put_studio_members(
        studioId=studio_id,
        identityStoreId="d-0123456789",
        members=[{"principalId": "admin-1", "persona": "ADMINISTRATOR"}],
    )
    client.put_launch_profile_members(
        studioId=studio_id,
        launchProfileId=profile_id,
        identityStoreId="d-0123456789",
        members=[{"principalId": "user-1", "persona": "USER"}],
    )
    session = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile_id
    )["session"]
    session_id = session["sessionId"]
    client.get_streaming_session(studioId=studio_id, sessionId=session_id)
    stream = client.create_streaming_session_stream(
        studioId=studio_id, sessionId=session_id
    )["stream"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    client.get_streaming_session(studioId=studio_id, sessionId=session_id)
    backup_ids = [
        b["backupId"]
        for b in client.list_streaming_session_backups(studioId=studio_id)[
            "streamingSessionBackups"
        ]
    ]
    pool.add("studioId", studio_id)
    pool.add("studioComponentId", component["studioComponentId"])
    pool.add("streamingImageId", image["streamingImageId"])
    pool.add("launchProfileId", profile_id)
    pool.add("sessionId", session_id)
    pool.add("streamId", stream["streamId"])
    for backup_id in backup_ids:
        pool.add("backupId", backup_id)
    for eula_id in eula_ids:
        pool.add("eulaId", eula_id)
    for principal in ("admin-1", "user-1"):
        pool.add("principalId", principal)
    for arn in (
        studio["arn"],
        component["arn"],
        image["arn"],
        profile["arn"],
        session["arn"],
    ):
        pool.add("resourceArn", arn)
    return pool
