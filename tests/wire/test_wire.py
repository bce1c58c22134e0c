"""What SDKs stricter than botocore read off the wire: raw HTTP against a live
server. The model says ISO-8601 timestamps (``Timestamp``'s ``timestampFormat``)
and 204 for TagResource/UntagResource; the AWS SDK for JavaScript v3 parses
every timestamp with ``parseRfc3339DateTimeWithOffset`` and reads the error
code from ``x-amzn-ErrorType`` before the body's ``code`` (its
``loadRestJsonErrorCode``), as botocore's ``RestJSONParser`` does."""

from __future__ import annotations

import re

import pytest
import requests
from helpers import UNKNOWN_STUDIO, studio_params

AUTH = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261123/"
    "us-west-2/nimble/aws4_request, SignedHeaders=host, Signature=0",
    "Content-Type": "application/json",
}
ISO_8601 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)


@pytest.fixture
def url(server_url: str) -> str:
    """The live server, with its state cleared."""
    requests.post(f"{server_url}/moto-api/reset", timeout=10).raise_for_status()
    return server_url


def create_studio(url: str, name: str = "wire") -> dict:
    response = requests.post(
        f"{url}/2020-08-01/studios",
        headers=AUTH,
        json=studio_params(name),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()["studio"]


def test_timestamps_are_iso_8601_strings(url):
    studio = create_studio(url)
    assert ISO_8601.match(studio["createdAt"]), studio["createdAt"]
    assert ISO_8601.match(studio["updatedAt"]), studio["updatedAt"]


def test_empty_outputs(url):
    studio = create_studio(url)
    path = f"{url}/2020-08-01/studios/{studio['studioId']}"
    requests.get(path, headers=AUTH, timeout=10).raise_for_status()  # READY
    put = requests.post(
        f"{path}/membership",
        headers=AUTH,
        json={
            "identityStoreId": "d-1234567890",
            "members": [{"principalId": "p-1", "persona": "ADMINISTRATOR"}],
        },
        timeout=10,
    )
    assert (put.status_code, put.json()) == (200, {})
    tagged = requests.post(
        f"{url}/2020-08-01/tags/{studio['arn']}",
        headers=AUTH,
        json={"tags": {"a": "b"}},
        timeout=10,
    )
    assert (tagged.status_code, tagged.content) == (204, b"")


def test_errors_carry_the_type_header_and_modelled_members(url):
    missing = UNKNOWN_STUDIO
    response = requests.get(
        f"{url}/2020-08-01/studios/{missing}", headers=AUTH, timeout=10
    )
    assert response.status_code == 404
    assert response.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
    body = response.json()
    assert body["message"] == f"Studio {missing} not found"
    assert body["code"] == "ResourceNotFoundException"
    assert body["context"] == {"resourceId": missing}
