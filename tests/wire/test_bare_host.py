"""Requests to nimble's paths at the server's own host (``127.0.0.1:<port>``,
not ``nimble.<region>.amazonaws.com``): no other service's paths begin with
``/2020-08-01/``, so both servers, ``moto-nimble-server`` and moto's
``ThreadedMotoServer``, serve them as nimble's whatever their
``Authorization``; every other path still goes to moto's own services."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import botocore
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from fuzz_requests import RawRequest, authorization, send
from helpers import create_studio, new_client, snapshot, studio_params
from moto.core.authorization import enable_iam_authentication

from moto_nimble.server import ThreadedNimbleServer

#: a SigV4 header for another service, or none that a SigV4 service can read
AUTHORIZATIONS: dict[str, str | None] = {
    "none": None,
    "s3": authorization(service="s3"),
    "ivs": authorization(service="ivs", region="eu-west-1"),
    "garbage": "garbage",
    "cut-short": "AWS4-HMAC-SHA256 Credential=AKIA/x",
    "no-signature": authorization().split(", Signature=")[0],
    "other-algorithm": authorization().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"),
    "sigv2": "AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl",
    "nimble": authorization(region="eu-west-1"),
}
#: where each request lands unchecked: the region of its credential scope
#: (read as moto reads it, whatever the rest of the header), else us-east-1
#: (no region in the host or the user agent)
REGIONS = {
    "s3": "us-west-2",
    "ivs": "eu-west-1",
    "no-signature": "us-west-2",
    "other-algorithm": "us-west-2",
    "nimble": "eu-west-1",
}
#: what each answers with moto's IAM enforced
ENFORCED = {
    "none": (403, "MissingAuthenticationTokenException"),
    "s3": (403, "InvalidSignatureException"),
    "ivs": (403, "InvalidSignatureException"),
    "garbage": (400, "IncompleteSignatureException"),
    "cut-short": (400, "IncompleteSignatureException"),
    "no-signature": (400, "IncompleteSignatureException"),
    "other-algorithm": (400, "IncompleteSignatureException"),
    "sigv2": (400, "IncompleteSignatureException"),
}


@pytest.fixture(scope="module")
def nimble_server() -> Iterator[str]:
    with ThreadedNimbleServer() as server:
        yield server.url


@pytest.fixture(params=["nimble-server", "moto-server"])
def url(request: pytest.FixtureRequest) -> str:
    """Either server's URL, reset: ``moto-nimble-server`` and ``ThreadedMotoServer``."""
    fixture = "nimble_server" if request.param == "nimble-server" else "server_url"
    found: str = request.getfixturevalue(fixture)
    requests.post(f"{found}/moto-api/reset", timeout=10).raise_for_status()
    return found


def bare(
    url: str, method: str, path: str, auth: str | None, body: Any = None
) -> tuple[int, dict[str, str], bytes]:
    """``method path`` at the server's own host, with this ``Authorization``."""
    host, port = url.rsplit("/", 1)[1].split(":")
    headers = {"Content-Type": "application/json"}
    if auth is not None:
        headers["Authorization"] = auth
    data = b"" if body is None else json.dumps(body).encode()
    return send(host, int(port), RawRequest(method, path, headers, data))


def studio_ids(client: Any) -> list[str]:
    return [s["studioId"] for s in client.list_studios()["studios"]]


def assert_json_error(
    answer: tuple[int, dict[str, str], bytes], status: int, code: str
) -> str:
    """nimble's error shape: the status, ``x-amzn-ErrorType`` and a JSON body
    that names the error and says why; the message."""
    got_status, headers, body = answer
    assert (got_status, headers.get("x-amzn-errortype")) == (status, code), body
    assert headers["content-type"].startswith("application/json")
    document = json.loads(body)
    assert document["__type"] == code
    assert document["message"]
    return str(document["message"])


# --- unchecked, as moto serves requests by default ------------------------------------


@pytest.mark.parametrize("name", sorted(AUTHORIZATIONS))
def test_any_authorization_is_served_by_nimble(url, name):
    auth = AUTHORIZATIONS[name]
    region = REGIONS.get(name, "us-east-1")

    created = bare(url, "POST", "/2020-08-01/studios", auth, studio_params("bare"))
    listed = bare(url, "GET", "/2020-08-01/studios", auth)

    assert created[0] == 200, created
    studio = json.loads(created[2])["studio"]
    assert studio["homeRegion"] == region
    assert listed[0] == 200, listed
    assert [s["studioId"] for s in json.loads(listed[2])["studios"]] == [
        studio["studioId"]
    ]
    assert studio_ids(new_client(region, endpoint_url=url)) == [studio["studioId"]]


def test_unsigned_sdk_client_lands_in_us_east_1(url):
    """``aws --no-sign-request nimble ...``: no credential scope and no region
    in the user agent, so the region is moto's default, as for every moto
    service."""
    unsigned = new_client(
        "eu-west-1",
        endpoint_url=url,
        config=Config(signature_version=botocore.UNSIGNED),
    )

    studio = create_studio(unsigned, "unsigned")

    assert studio_ids(unsigned) == [studio["studioId"]]
    assert studio_ids(new_client("us-east-1", endpoint_url=url)) == [studio["studioId"]]
    assert studio_ids(new_client("eu-west-1", endpoint_url=url)) == []


def test_unsigned_request_takes_the_region_its_user_agent_names(url):
    unsigned = new_client(
        "us-west-2",
        endpoint_url=url,
        config=Config(
            signature_version=botocore.UNSIGNED, user_agent_extra="region/eu-west-1"
        ),
    )

    studio = create_studio(unsigned, "agent")

    assert studio["homeRegion"] == "eu-west-1"
    assert studio_ids(new_client("eu-west-1", endpoint_url=url)) == [studio["studioId"]]


# --- with moto's IAM enforced ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ENFORCED))
def test_enforced_refuses_what_is_not_a_nimble_signature(url, name):
    status, code = ENFORCED[name]
    auth = AUTHORIZATIONS[name]
    before = snapshot()

    with enable_iam_authentication():
        created = bare(url, "POST", "/2020-08-01/studios", auth, studio_params("no"))
        listed = bare(url, "GET", "/2020-08-01/studios", auth)
        invalid = bare(url, "POST", "/2020-08-01/studios", auth, {"studioName": 1})

    for answer in (created, listed, invalid):
        assert_json_error(answer, status, code)
    assert snapshot() == before


@pytest.fixture
def iam_keys(url: str) -> Credentials:
    """Keys of an IAM user allowed everything."""
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=url)
    iam.create_user(UserName="everything")
    iam.put_user_policy(
        UserName="everything",
        PolicyName="all",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
            }
        ),
    )
    key = iam.create_access_key(UserName="everything")["AccessKey"]
    return Credentials(key["AccessKeyId"], key["SecretAccessKey"])


def signed_for(url: str, keys: Credentials, service: str) -> dict[str, str]:
    """The headers of ``GET /2020-08-01/studios`` signed for ``service``."""
    request = AWSRequest(method="GET", url=f"{url}/2020-08-01/studios")
    SigV4Auth(keys, service, "us-west-2").add_auth(request)
    return dict(request.headers.items())


def test_enforced_refuses_a_valid_signature_for_another_service(url, iam_keys):
    with enable_iam_authentication():
        other = requests.get(
            f"{url}/2020-08-01/studios",
            headers=signed_for(url, iam_keys, "s3"),
            timeout=10,
        )
        own = requests.get(
            f"{url}/2020-08-01/studios",
            headers=signed_for(url, iam_keys, "nimble"),
            timeout=10,
        )

    answer = (other.status_code, dict(other.headers.lower_items()), other.content)
    message = assert_json_error(answer, 403, "InvalidSignatureException")
    assert "'nimble'" in message
    assert (own.status_code, own.json()) == (200, {"studios": []})


# --- every other path is still moto's ------------------------------------------------------


def test_other_paths_at_the_server_host_still_reach_moto(url):
    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=url)
    s3.create_bucket(Bucket="bare-host")
    s3.put_object(Bucket="bare-host", Key="2020-08-01/studios", Body=b"kept")
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=url)

    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["bare-host"]
    body = s3.get_object(Bucket="bare-host", Key="2020-08-01/studios")["Body"]
    assert body.read() == b"kept"
    assert sts.get_caller_identity()["Account"] == "123456789012"


def test_browser_preflight_at_the_server_host(url):
    answer = requests.options(
        f"{url}/2020-08-01/studios",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "POST",
        },
        timeout=10,
    )

    assert answer.status_code == 200
    assert "Access-Control-Allow-Origin" in answer.headers
    assert "POST" in answer.headers["Access-Control-Allow-Methods"].split(", ")
