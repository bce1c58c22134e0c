"""Requests generated from the model, valid and broken, against
``moto-nimble-server`` (the same application and request handler as the
console script, in a thread): no answer is a 5xx, every answer is JSON, every
error carries a known name, and a rejected request changes nothing.

The number of requests per run is ``MOTO_NIMBLE_FUZZ_EXAMPLES`` (default 300),
drawn the same way on every run; ``scripts/fuzz.py --requests 10000`` is the
long run, with fresh draws.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from fuzz_requests import IdPool, any_request, populate, problems, send
from helpers import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto.core.authorization import enable_iam_authentication

from moto_nimble.server import ThreadedNimbleServer

EXAMPLES = int(os.environ.get("MOTO_NIMBLE_FUZZ_EXAMPLES", "300"))


@pytest.fixture(scope="module")
def fuzz_target() -> Iterator[tuple[str, int, IdPool]]:
    """A fresh moto-nimble-server with one of every resource in it."""
    import requests

    with ThreadedNimbleServer() as server:
        host, port = server.get_host_and_port()
        requests.post(f"{server.url}/moto-api/reset", timeout=10).raise_for_status()
        client = boto3.client(
            "nimble", region_name="us-west-2", endpoint_url=server.url
        )
        yield host, port, populate(client)
        requests.post(f"{server.url}/moto-api/reset", timeout=10).raise_for_status()


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_one(fuzz_target: Any, data: st.DataObject) -> None:
    host, port, pool = fuzz_target
    request = data.draw(any_request(pool), label="request")
    before = snapshot()

    status, headers, body = send(host, port, request)

    found = problems(request, status, headers, body)
    if status >= 400 and snapshot() != before:
        found.append("a rejected request changed the state")
    assert not found, f"{found}: {request.describe()} -> {status} {body[:300]!r}"


@SETTINGS
@given(data=st.data())
def test_no_request_breaks_the_server(fuzz_target: Any, data: st.DataObject) -> None:
    check_one(fuzz_target, data)


@settings(SETTINGS, max_examples=max(EXAMPLES // 3, 1))
@given(data=st.data())
def test_no_request_breaks_the_server_under_iam(
    fuzz_target: Any, data: st.DataObject
) -> None:
    """With moto's IAM enforcement on, the fuzzer's made-up signatures all fail
    authentication: always a JSON 403, never a 5xx."""
    with enable_iam_authentication():
        check_one(fuzz_target, data)
