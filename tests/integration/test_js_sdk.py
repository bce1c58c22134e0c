"""The AWS SDK for JavaScript v3 against ``moto-nimble-server``.

The JS SDK is stricter than botocore: it rejects numeric timestamps, takes the
exception class from the error type, and must accept empty bodies. The test
needs Node.js and ``npm install --prefix tests/js`` (``.ci/run`` does that
where npm exists); without them it is skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import running_console_server

JS = Path(__file__).resolve().parents[1] / "js"
NODE = shutil.which("node")
SDK_INSTALLED = (JS / "node_modules" / "@aws-sdk" / "client-nimble").is_dir()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        NODE is None or not SDK_INSTALLED,
        reason=(
            "needs Node.js, which is not on PATH"
            if NODE is None
            else "Node.js is here; the SDK is not: run `npm install --prefix tests/js`"
        ),
    ),
]


@pytest.fixture(scope="module")
def scenario() -> dict:
    # Small pages, so that the SDK's paginator has to follow nextToken.
    with running_console_server({"MOTO_NIMBLE_PAGE_SIZE": "2"}) as url:
        result = subprocess.run(
            [str(NODE), str(JS / "scenario.mjs"), url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_timestamps_parse_as_dates(scenario: dict) -> None:
    assert scenario["createdAtIsDate"] is True
    assert scenario["sessionTimestampsAreDates"] is True
    assert scenario["streamExpiresAtIsDate"] is True


def test_waiters_succeed(scenario: dict) -> None:
    for waiter in (
        "waitStudio",
        "waitComponent",
        "waitImage",
        "waitProfile",
        "waitSession",
        "waitStream",
        "waitStopped",
        "waitDeleted",
    ):
        assert scenario[waiter] == "SUCCESS", waiter
    assert scenario["studioState"] == "READY"
    assert scenario["sessionState"] == "READY"
    assert scenario["stoppingState"] == "STOP_IN_PROGRESS"
    assert scenario["streamHasUrl"] is True


def test_paginator_follows_next_token(scenario: dict) -> None:
    ids = scenario["sessionIds"]
    assert len(ids) == 3
    assert scenario["pages"] == [ids[:2], ids[2:]]


def test_empty_bodies_and_tags(scenario: dict) -> None:
    assert scenario["eulaAcceptances"] == []
    assert scenario["tagResponseKeys"] == []
    assert scenario["tags"] == {"team": "fx"}
    assert scenario["tagsAfterUntag"] == {}


@pytest.mark.parametrize(
    ("case", "name", "status"),
    [
        ("unknownStudio", "ResourceNotFoundException", 404),
        ("invalidInput", "ValidationException", 400),
        ("conflict", "ConflictException", 409),
    ],
)
def test_errors_are_modelled_exceptions(
    scenario: dict, case: str, name: str, status: int
) -> None:
    error = scenario[case]
    assert error["name"] == name
    assert error["status"] == status
    assert error["fault"] == "client"
    assert error["message"]


def test_validation_error_names_the_member(scenario: dict) -> None:
    assert "at 'name'" in scenario["invalidInput"]["message"]


@pytest.mark.parametrize("case", ["throttle", "serverError"])
def test_the_sdk_retries_an_injected_fault(scenario: dict, case: str) -> None:
    """Two answers of the fault, then the call: the SDK's third attempt."""
    assert scenario[f"{case}Injected"] == 200
    assert scenario[f"{case}Attempts"] == 3
