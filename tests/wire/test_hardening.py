"""One regression test per kind of request that used to break the service,
each asserting the JSON 4xx it gets now and that nothing changed.

Every test runs against ``moto-nimble-server`` (the console script's
application, in a thread), against moto's own ``ThreadedMotoServer``, and
in-process (raw HTTP under ``mock_nimblestudio``), unless the request cannot
be made in a mode (a broken chunked body needs a socket).
"""

from __future__ import annotations

import email.utils
import gzip
import http.client
import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
import requests
from fuzz_requests import ERROR_NAMES, authorization
from helpers import snapshot

from moto_nimble import mock_nimblestudio
from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.server import ThreadedNimbleServer

HOST = "nimble.us-west-2.amazonaws.com"
ROLE = "arn:aws:iam::123456789012:role/Hardening"
STUDIO = {
    "adminRoleArn": ROLE,
    "userRoleArn": ROLE,
    "displayName": "hardened",
    "studioName": "hardened",
}
SOME_STUDIO = "us-west-2%3Astid-0000000000000000"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def error(self) -> str | None:
        return self.headers.get("x-amzn-errortype")

    def json(self) -> Any:
        return json.loads(self.body)


class Raw:
    """Raw HTTP to nimble in one mode: ``send`` takes exact bytes and headers."""

    mode = ""

    def send(
        self, method: str, path: str, body: bytes | dict[str, Any] = b"", **headers: str
    ) -> Answer:
        if isinstance(body, dict):
            body = json.dumps(body).encode()
        sent = {"Authorization": authorization(), "Content-Type": "application/json"}
        sent.update({k.replace("_", "-"): v for k, v in headers.items()})
        answer = self._send(method, path, body, sent)
        assert answer.status < 500, answer
        if method != "HEAD" and answer.status != 204:
            assert answer.headers["content-type"].startswith("application/json"), answer
        if answer.status >= 400:
            assert answer.error in ERROR_NAMES, answer
            assert answer.json()["__type"] == answer.error
            assert answer.json()["message"]
        return answer

    def _send(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> Answer:
        raise NotImplementedError

    def studios(self) -> list[dict[str, Any]]:
        answer = self.send("GET", "/2020-08-01/studios")
        assert answer.status == 200
        return list(answer.json()["studios"])


class ServerRaw(Raw):
    def __init__(self, mode: str, url: str) -> None:
        self.mode = mode
        self.url = url
        host, port = url.rsplit("/", 1)[1].split(":")
        self.host, self.port = host, int(port)

    def _send(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for key, value in headers.items():
                connection.putheader(key, value)
            connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return Answer(
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()

    def get_as_sent(self, path: str) -> bytes:
        """The whole answer to a GET whose request line holds ``path`` as given
        (UTF-8, not percent-encoded), with nimble's host and a signature."""
        head = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n"
            f"Authorization: {authorization()}\r\nConnection: close\r\n\r\n"
        ).encode()
        return self.socket_exchange(head, b"")[0]

    def socket_exchange(
        self, head: bytes, payload: bytes, wait: float = 10
    ) -> tuple[bytes, float]:
        """Send a hand-written request; (the whole answer, seconds until the server closed)."""
        started = time.monotonic()
        with socket.create_connection((self.host, self.port), timeout=wait) as sock:
            sock.sendall(head + payload)
            received = b""
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                received += data
        return received, time.monotonic() - started


class InProcessRaw(Raw):
    mode = "in-process"

    def _send(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> Answer:
        response = requests.request(
            method, f"https://{HOST}{path}", data=body, headers=headers, timeout=30
        )
        return Answer(
            response.status_code,
            {k.lower(): v for k, v in response.headers.items()},
            response.content,
        )


@pytest.fixture(scope="module")
def nimble_server() -> Iterator[ThreadedNimbleServer]:
    with ThreadedNimbleServer(client_timeout=1) as server:
        yield server


@pytest.fixture(params=["nimble-server", "moto-server", "in-process"])
def raw(request: pytest.FixtureRequest) -> Iterator[Raw]:
    if request.param == "in-process":
        with mock_nimblestudio():
            yield InProcessRaw()
        return
    if request.param == "nimble-server":
        url = request.getfixturevalue("nimble_server").url
    else:
        url = request.getfixturevalue("server_url")
    requests.post(f"{url}/moto-api/reset", timeout=10).raise_for_status()
    yield ServerRaw(request.param, url)


@pytest.fixture
def server_raw(raw: Raw) -> ServerRaw:
    if not isinstance(raw, ServerRaw):
        pytest.skip("needs a socket")
    return raw


def ready_studio(raw: Raw) -> dict[str, Any]:
    created = raw.send("POST", "/2020-08-01/studios", STUDIO)
    assert created.status == 200, created
    studio = created.json()["studio"]
    path = f"/2020-08-01/studios/{studio['studioId'].replace(':', '%3A')}"
    return dict(raw.send("GET", path).json()["studio"])


# --- 1. bodies that are not UTF-8 ---------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe{}",
        gzip.compress(json.dumps(STUDIO).encode()),  # gzip without Content-Encoding
        b'{"studioName": "\xed\xa0\x80"}',  # a lone surrogate, as UTF-8 bytes
        json.dumps({**STUDIO, "displayName": "\ud800"}).encode(),  # and escaped
    ],
    ids=["utf-16-bom", "gzip-unannounced", "surrogate-bytes", "surrogate-escape"],
)
def test_undecodable_body_is_a_serialization_exception(raw, body):
    before = snapshot()

    answer = raw.send("POST", "/2020-08-01/studios", body)

    assert (answer.status, answer.error) == (400, "SerializationException")
    assert snapshot() == before
    assert raw.studios() == []


@pytest.mark.parametrize(
    "body",
    [
        b'{"studioName": ',
        b"[]",
        b"null",
        b'{"a": NaN}',
        b"[" * 5000,
        b'{"a": 1' + b"0" * 5000 + b"}",
    ],
    ids=["truncated", "array", "null", "nan", "deep", "long-number"],
)
def test_malformed_json_is_a_serialization_exception(raw, body):
    answer = raw.send("POST", "/2020-08-01/studios", body)

    assert (answer.status, answer.error) == (400, "SerializationException")
    assert raw.studios() == []


def test_gzip_body_is_read_when_announced(raw):
    answer = raw.send(
        "POST",
        "/2020-08-01/studios",
        gzip.compress(json.dumps(STUDIO).encode()),
        Content_Encoding="gzip",
    )

    assert answer.status == 200, answer
    assert [s["studioName"] for s in raw.studios()] == ["hardened"]


def test_broken_gzip_is_a_serialization_exception(raw):
    answer = raw.send(
        "POST", "/2020-08-01/studios", b"not gzip", Content_Encoding="gzip"
    )

    assert (answer.status, answer.error) == (400, "SerializationException")


# --- 2. the operation comes from the method and the path --------------------------


def test_x_amz_target_does_not_choose_the_operation(raw):
    answer = raw.send(
        "GET",
        "/2020-08-01/eulas",
        STUDIO,
        X_Amz_Target="AmazonNimbleStudio.CreateStudio",
    )

    assert answer.status == 200
    assert "eulas" in answer.json()
    assert raw.studios() == []


@pytest.mark.parametrize(
    "name",
    [
        "CallAction",
        "SetupClass",
        "GetRegionFromUrl",
        "Dispatch",
        "NimbleBackend",
        "CreateStudio",
    ],
)
@pytest.mark.parametrize("where", ["query", "header", "form"])
def test_action_does_not_choose_the_operation(raw, name, where):
    path, body, headers = "/2020-08-01/eulas", b"", {}
    if where == "query":
        path += f"?Action={name}"
    elif where == "header":
        headers["Action"] = name
    else:
        body = f"Action={name}".encode()
        headers["Content_Type"] = "application/x-www-form-urlencoded"

    answer = raw.send("GET", path, body, **headers)

    assert answer.status == 200
    assert [e["eulaId"] for e in answer.json()["eulas"]]
    assert raw.studios() == []


# --- 3. form bodies ------------------------------------------------------------


def test_form_body_is_a_serialization_exception(raw):
    form = "&".join(f"{k}={v}" for k, v in STUDIO.items()).encode()

    answer = raw.send(
        "POST",
        "/2020-08-01/studios",
        form,
        Content_Type="application/x-www-form-urlencoded",
    )

    assert (answer.status, answer.error) == (400, "SerializationException")
    assert raw.studios() == []


# --- 4. requests moto cannot attribute ---------------------------------------------


def test_credential_scope_without_region(server_raw):
    answer = server_raw.send(
        "GET", "/2020-08-01/studios", Authorization=authorization(region="")
    )

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert "not offered in region ;" in answer.json()["message"]


def test_test_hook_without_region(server_raw):
    answer = server_raw.send(
        "POST", "/nimble_/moto-api/break-studio-sso", {"studioId": "x"}
    )

    assert (answer.status, answer.error) == (404, "UnknownOperationException")


# --- 5. the SSO test hook --------------------------------------------------------


@pytest.mark.parametrize("member", ["statusCode", "state", "studioId"])
def test_test_hook_refuses_wrong_types(raw, member):
    studio = ready_studio(raw)
    body = {"studioId": studio["studioId"], member: ["x"]}
    before = snapshot()

    answer = raw.send("POST", "/nimble_us-west-2/moto-api/break-studio-sso", body)

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert f"at '{member}'" in answer.json()["message"]
    assert snapshot() == before


# --- 6. chunked bodies ------------------------------------------------------------


def test_broken_chunked_body(server_raw):
    head = (
        f"POST /2020-08-01/studios HTTP/1.1\r\nHost: {HOST}\r\n"
        f"Authorization: {authorization()}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()

    received, _ = server_raw.socket_exchange(head, b"zz\r\nabc\r\n0\r\n\r\n")

    status_line, _, rest = received.partition(b"\r\n")
    assert status_line.split()[1] == b"400", received
    assert b"x-amzn-ErrorType: SerializationException" in rest
    assert server_raw.studios() == []


def test_chunked_body_is_read(server_raw):
    body = json.dumps(STUDIO).encode()
    head = (
        f"POST /2020-08-01/studios HTTP/1.1\r\nHost: {HOST}\r\n"
        f"Authorization: {authorization()}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()

    received, _ = server_raw.socket_exchange(
        head, b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    )

    assert received.split()[1] == b"200", received
    assert [s["studioName"] for s in server_raw.studios()] == ["hardened"]


# --- 7. accepted though invalid -------------------------------------------------------


@pytest.mark.parametrize("value", [True, "120", 120.9, 1e3])
def test_integer_members_take_only_integers(raw, value):
    path = f"/2020-08-01/studios/{SOME_STUDIO}/streaming-sessions/s/streams"

    answer = raw.send("POST", path, {"expirationInSeconds": value})

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert (
        "at 'expirationInSeconds' failed to satisfy constraint: Member must be of type integer"
        in (answer.json()["message"])
    )


@pytest.mark.parametrize("value", [[], {}, 7, True])
def test_string_members_take_only_strings(raw, value):
    answer = raw.send("POST", "/2020-08-01/studios", {**STUDIO, "displayName": value})

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert "at 'displayName'" in answer.json()["message"]
    assert raw.studios() == []


@pytest.mark.parametrize(
    ("member", "value", "kind"),
    [
        ("tags", ["a"], "map"),
        ("tags", "a", "map"),
        ("studioEncryptionConfiguration", [], "structure"),
    ],
)
def test_containers_take_only_their_own_type(raw, member, value, kind):
    answer = raw.send("POST", "/2020-08-01/studios", {**STUDIO, member: value})

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert (
        f"at '{member}' failed to satisfy constraint: Member must be a {kind}"
        in answer.json()["message"]
    )


def test_query_integer_must_be_a_number(raw):
    answer = raw.send(
        "GET", f"/2020-08-01/studios/{SOME_STUDIO}/launch-profiles?maxResults=abc"
    )

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert "at 'maxResults'" in answer.json()["message"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/2020-08-01/studios/"),
        ("GET", "/2020-08-01/studios//launch-profiles"),
        ("GET", "/2020-08-01/studio"),
        ("DELETE", "/2020-08-01/studios"),
        ("GET", "/2021-01-01/studios"),
        ("GET", "/"),
    ],
)
def test_paths_no_operation_has(raw, method, path):
    answer = raw.send(method, path)

    assert (answer.status, answer.error) == (404, "UnknownOperationException")


def test_unknown_method(server_raw):
    answer = server_raw.send("BREW", "/2020-08-01/studios")

    assert (answer.status, answer.error) == (404, "UnknownOperationException")


# --- 8. null members ---------------------------------------------------------------


def client_for(raw: Raw) -> Any:
    """A boto3 client in the same mode, for set-up."""
    url = raw.url if isinstance(raw, ServerRaw) else None
    return boto3.client("nimble", region_name="us-west-2", endpoint_url=url)


def quoted(resource_id: str) -> str:
    return resource_id.replace(":", "%3A")


STREAM_NULLS = [
    {"sessionBackup": None},
    {"maxStoppedSessionLengthInMinutes": None},
    {"maxSessionLengthInMinutes": None},
    {"sessionPersistenceMode": None, "volumeConfiguration": None},
    {"sessionBackup": {"mode": None, "maxBackupsToRetain": None}},
    {"automaticTerminationMode": None, "sessionStorage": None},
]


@pytest.mark.parametrize("nulls", STREAM_NULLS, ids=lambda n: "+".join(n))
def test_null_members_are_not_sent(raw, nulls):
    """JSON null in a structure, at any depth, is a member not sent: the
    profile gets the defaults it would get without it, and sessions start."""
    factory = NimbleStudioFactory(client_for(raw))
    studio_id = factory.studio()["studioId"]
    component_id = factory.component(studio_id)["studioComponentId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    stream = {
        "clipboardMode": "ENABLED",
        "ec2InstanceTypes": ["g4dn.xlarge"],
        "streamingImageIds": [image_id],
    }
    profile = {
        "name": "profile",
        "ec2SubnetIds": [],
        "launchProfileProtocolVersions": ["2021-03-31"],
        "studioComponentIds": [component_id],
    }
    path = f"/2020-08-01/studios/{quoted(studio_id)}/launch-profiles"
    plain = raw.send("POST", path, {**profile, "streamConfiguration": stream})
    nulled = raw.send(
        "POST",
        path,
        {**profile, "name": "nulled", "streamConfiguration": {**stream, **nulls}},
    )

    assert (plain.status, nulled.status) == (200, 200), nulled.json()
    expected = plain.json()["launchProfile"]["streamConfiguration"]
    assert nulled.json()["launchProfile"]["streamConfiguration"] == expected
    assert expected["maxSessionLengthInMinutes"] == 690
    assert expected["sessionPersistenceMode"] == "DEACTIVATED"
    profile_id = nulled.json()["launchProfile"]["launchProfileId"]
    assert raw.send("GET", f"{path}/{profile_id}").status == 200  # READY now
    session = raw.send(
        "POST",
        f"/2020-08-01/studios/{quoted(studio_id)}/streaming-sessions",
        {"launchProfileId": profile_id, "ec2InstanceType": None, "tags": None},
    )
    assert session.status == 200, session.json()
    update = raw.send(
        "PATCH",
        f"{path}/{profile_id}",
        {"description": None, "streamConfiguration": {**stream, **nulls}},
    )
    assert update.status == 200, update.json()
    assert update.json()["launchProfile"]["streamConfiguration"] == expected


@pytest.mark.parametrize("null_first", [True, False])
def test_null_union_member_beside_the_set_one(raw, null_first):
    """A union with one member set and another sent as null has one member,
    whatever the order of the keys."""
    studio_id = ready_studio(raw)["studioId"]
    farm = {"computeFarmConfiguration": {"endpoint": "https://farm.example.com"}}
    nulled = {"activeDirectoryConfiguration": None}
    configuration = {**nulled, **farm} if null_first else {**farm, **nulled}

    answer = raw.send(
        "POST",
        f"/2020-08-01/studios/{quoted(studio_id)}/studio-components",
        {"name": "farm", "type": "COMPUTE_FARM", "configuration": configuration},
    )

    assert answer.status == 200, answer.json()
    assert answer.json()["studioComponent"]["configuration"] == farm


def test_null_required_member_is_missing(raw):
    before = snapshot()

    answer = raw.send("POST", "/2020-08-01/studios", {**STUDIO, "studioName": None})

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert (
        "Value null at 'studioName' failed to satisfy constraint: Member must not be null"
        in answer.json()["message"]
    )
    assert snapshot() == before


# --- 9. limits ---------------------------------------------------------------------


def test_body_over_10_mib_is_refused_and_nothing_stored(raw):
    huge = {**STUDIO, "tags": {"big": "x" * (10 * 1024 * 1024)}}
    before = snapshot()

    answer = raw.send("POST", "/2020-08-01/studios", huge)

    assert (answer.status, answer.error) == (413, "RequestEntityTooLargeException")
    assert snapshot() == before
    assert raw.studios() == []


def test_gzip_body_over_10_mib_once_inflated(raw):
    bomb = gzip.compress(b'{"a": "' + b"x" * (11 * 1024 * 1024) + b'"}')

    answer = raw.send("POST", "/2020-08-01/studios", bomb, Content_Encoding="gzip")

    assert (answer.status, answer.error) == (413, "RequestEntityTooLargeException")


@pytest.mark.parametrize(
    ("tags", "constraint"),
    [
        ({"k": "v" * 257}, "Member must have length less than or equal to 256"),
        ({"k" * 129: "v"}, "Member must have length less than or equal to 128"),
        ({"": "v"}, "Member must have length greater than or equal to 1"),
        (
            {f"k{i}": "v" for i in range(51)},
            "Member must have length less than or equal to 50",
        ),
    ],
    ids=["value", "key", "empty-key", "count"],
)
def test_tags_follow_aws_limits(raw, tags, constraint):
    answer = raw.send("POST", "/2020-08-01/studios", {**STUDIO, "tags": tags})

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert constraint in answer.json()["message"]
    assert raw.studios() == []


def test_tag_resource_keeps_a_resource_under_50_tags(raw):
    studio = ready_studio(raw)
    path = f"/2020-08-01/tags/{studio['arn'].replace(':', '%3A').replace('/', '%2F')}"
    assert (
        raw.send("POST", path, {"tags": {f"k{i}": "v" for i in range(40)}}).status
        == 204
    )

    answer = raw.send("POST", path, {"tags": {f"n{i}": "v" for i in range(11)}})

    assert (answer.status, answer.error) == (400, "ValidationException")
    assert "at most 50 tags" in answer.json()["message"]
    assert len(raw.send("GET", path).json()["tags"]) == 40


def test_stalled_client_is_dropped(server_raw):
    if server_raw.mode != "nimble-server":
        pytest.skip("moto-nimble-server's client timeout")
    head = (
        f"POST /2020-08-01/studios HTTP/1.1\r\nHost: {HOST}\r\n"
        f"Authorization: {authorization()}\r\nContent-Length: 100\r\n\r\n"
    ).encode()

    received, seconds = server_raw.socket_exchange(head, b"{}")  # 98 bytes short

    assert seconds < 5  # the fixture's server drops a client after 1 s
    assert received.split()[1] == b"400", received
    assert server_raw.studios() == []


@pytest.mark.parametrize("principal", ["ü", "名前", "Zoë.O'Neil"])
def test_unencoded_path_label_reads_as_its_utf8(server_raw, principal):
    """A label sent as raw UTF-8 (curl with an unencoded URL) names what its
    percent-encoded form names."""
    studio_id = quoted(ready_studio(server_raw)["studioId"])
    put = server_raw.send(
        "POST",
        f"/2020-08-01/studios/{studio_id}/membership",
        {
            "identityStoreId": "d-1234567890",
            "members": [{"principalId": principal, "persona": "ADMINISTRATOR"}],
        },
    )
    assert put.status == 200, put
    path = f"/2020-08-01/studios/{studio_id}/membership/{principal}"
    received = server_raw.get_as_sent(path)

    status_line, _, rest = received.partition(b"\r\n")
    assert status_line.split()[1] == b"200", received
    member = json.loads(rest.partition(b"\r\n\r\n")[2])["member"]
    assert member["principalId"] == principal


def test_each_header_is_sent_once(server_raw):
    """The HTTP server writes Date and Server; the answer adds neither again
    (a second Date makes the JS SDK's clock-skew check read NaN)."""
    received = server_raw.get_as_sent("/2020-08-01/eulas")

    lines = received.partition(b"\r\n\r\n")[0].decode().split("\r\n")[1:]
    names = [line.split(":", 1)[0].lower() for line in lines]
    assert names.count("date") == 1, lines
    assert names.count("server") == 1, lines
    assert len(names) == len(set(names)), lines


def test_every_answer_carries_one_date_and_server(client):
    """The service dated every answer; in-process nothing else adds the headers,
    through a server its own pair is the only one."""
    answers = [client.list_eulas()["ResponseMetadata"]]
    try:
        client.get_studio(studioId="stid-0000000000000000")
    except client.exceptions.ResourceNotFoundException as error:
        answers.append(error.response["ResponseMetadata"])
    assert len(answers) == 2
    for metadata in answers:
        headers = metadata["HTTPHeaders"]
        date = email.utils.parsedate_to_datetime(headers["date"])
        assert abs(time.time() - date.timestamp()) < 60, headers
        assert headers["server"], headers
        assert "," not in headers["date"].split(",", 1)[1], headers  # not two joined


# --- a bug is a JSON 500, never an HTML page -------------------------------------------


def test_a_failing_backend_answers_internal_server_error(raw, monkeypatch):
    from moto_nimble.models import NimbleOperations

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(NimbleOperations, "list_studios", broken)
    sent = {"Authorization": authorization(), "Content-Type": "application/json"}

    answer = raw._send("GET", "/2020-08-01/studios", b"", sent)

    assert (answer.status, answer.error) == (500, "InternalServerErrorException")
    assert answer.headers["content-type"].startswith("application/json")
    assert "bug in moto-nimble" in answer.json()["message"]


# --- browsers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/2020-08-01/eulas", "GET"),
        ("/2020-08-01/studios", "POST"),
        ("/2020-08-01/studios/us-west-2%3Astid-0000000000000000", "DELETE"),
    ],
)
def test_browser_preflight_for_an_operation(nimble_server, path, method):
    """A browser's CORS preflight has no credentials and the server's host:
    moto-nimble-server still knows it for nimble's by its path, and allows it."""
    answer = requests.options(
        nimble_server.url + path,
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": method,
        },
        timeout=10,
    )

    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert method in answer.headers["Access-Control-Allow-Methods"].split(", ")


def test_browser_preflight_elsewhere_is_not_nimbles(nimble_server):
    """A path no nimble operation has is left to moto (which does not allow it)."""
    answer = requests.options(
        nimble_server.url + "/2020-08-01/nothing-here",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "GET",
        },
        timeout=10,
    )

    assert answer.status_code != 200
