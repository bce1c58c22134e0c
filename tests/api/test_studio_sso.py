"""StartStudioSSOConfigurationRepair, and the test hook that breaks a studio's SSO:
``nimble_backends[account][region].break_studio_sso(...)`` in-process,
``POST <server>/nimble_<region>/moto-api/break-studio-sso`` against a server."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError
from helpers import (
    ACCOUNT,
    REGION,
    UNKNOWN_STUDIO,
    Factory,
    assert_error,
    create_studio,
)

# moto-nimble-server run as a console script (the console_server fixture)
from moto_nimble import nimble_backends
from moto_nimble.exceptions import NimbleStudioException

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def hook_url(nimble: Any, region: str = REGION) -> str:
    return f"{nimble.server_url}/nimble_{region}/moto-api/break-studio-sso"


def break_sso(nimble: Any, studio_id: str, **body: Any) -> dict[str, Any]:
    """Break the studio's SSO through the hook of the test's mode, and return
    what the server hook answers (in-process: the same members, read off the
    studio the backend method returns)."""
    if nimble.in_process:
        kwargs = {
            key: body[member]
            for key, member in (("status_code", "statusCode"), ("state", "state"))
            if member in body
        }
        studio = nimble_backends[ACCOUNT][REGION].break_studio_sso(studio_id, **kwargs)
        return {
            "studioId": studio.studio_id,
            "state": studio.state,
            "statusCode": studio.status_code,
            "statusMessage": studio.status_message,
        }
    response = requests.post(
        hook_url(nimble), json={"studioId": studio_id, **body}, timeout=10
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def break_sso_error(nimble: Any, studio_id: str, **body: Any) -> tuple[str, str]:
    """The hook's error for these arguments: (error code, message); against a
    server the HTTP status must fit the code."""
    statuses = {
        "ValidationException": 400,
        "ResourceNotFoundException": 404,
        "ConflictException": 409,
    }
    if nimble.in_process:
        with pytest.raises(NimbleStudioException) as excinfo:
            break_sso(nimble, studio_id, **body)
        return excinfo.value.code, excinfo.value.message
    response = requests.post(
        hook_url(nimble), json={"studioId": studio_id, **body}, timeout=10
    )
    error = response.json()
    assert response.status_code == statuses[error["__type"]], response.text
    return error["__type"], error["message"]


def get_studio(client: Any, studio_id: str) -> dict[str, Any]:
    return dict(client.get_studio(studioId=studio_id)["studio"])


# --- the hook ---------------------------------------------------------------


def test_break_studio_sso(nimble, client, factory):
    studio = factory.studio()

    answer = break_sso(nimble, studio["studioId"])

    assert answer == {
        "studioId": studio["studioId"],
        "state": "READY",
        "statusCode": "AWS_SSO_NOT_ENABLED",
        "statusMessage": "IAM Identity Center is not enabled for this studio",
    }
    broken = get_studio(client, studio["studioId"])
    assert broken == {
        **studio,
        "statusCode": "AWS_SSO_NOT_ENABLED",
        "statusMessage": answer["statusMessage"],
    }
    listed = client.list_studios()["studios"]
    assert [(s["studioId"], s["statusCode"]) for s in listed] == [
        (studio["studioId"], "AWS_SSO_NOT_ENABLED")
    ]


def test_break_studio_sso_access_denied_update_failed(nimble, client, factory):
    studio_id = factory.studio()["studioId"]

    break_sso(
        nimble, studio_id, statusCode="AWS_SSO_ACCESS_DENIED", state="UPDATE_FAILED"
    )

    studio = get_studio(client, studio_id)
    assert (studio["state"], studio["statusCode"]) == (
        "UPDATE_FAILED",
        "AWS_SSO_ACCESS_DENIED",
    )


def test_break_studio_sso_of_studio_still_creating(nimble, client):
    studio_id = create_studio(client)["studioId"]

    break_sso(nimble, studio_id)

    # the pending transition is dropped: the studio stays broken
    for _ in range(2):
        studio = get_studio(client, studio_id)
        assert (studio["state"], studio["statusCode"]) == (
            "READY",
            "AWS_SSO_NOT_ENABLED",
        )


def test_break_studio_sso_unknown_studio(nimble):
    code, message = break_sso_error(nimble, UNKNOWN_STUDIO)

    assert code == "ResourceNotFoundException"
    assert UNKNOWN_STUDIO in message


def test_break_studio_sso_deleted_studio(nimble, client, factory):
    studio_id = factory.studio()["studioId"]
    client.delete_studio(studioId=studio_id)
    get_studio(client, studio_id)

    code, _ = break_sso_error(nimble, studio_id)

    assert code == "ResourceNotFoundException"
    assert get_studio(client, studio_id)["state"] == "DELETED"


def test_break_studio_sso_studio_being_deleted(nimble, client, factory):
    studio_id = factory.studio()["studioId"]
    client.delete_studio(studioId=studio_id)

    code, message = break_sso_error(nimble, studio_id)

    assert code == "ConflictException"
    assert "being deleted" in message
    assert get_studio(client, studio_id)["state"] == "DELETED"


@pytest.mark.parametrize(
    ("body", "argument", "member"),
    [
        ({"statusCode": "STUDIO_CREATED"}, "status_code", "'statusCode'"),
        ({"state": "CREATE_FAILED"}, "state", "'state'"),
    ],
)
def test_break_studio_sso_invalid_arguments(
    nimble, client, factory, body, argument, member
):
    studio = factory.studio()

    code, message = break_sso_error(nimble, studio["studioId"], **body)

    assert code == "ValidationException"
    # the backend method names its argument, the server hook the body member
    assert (argument if nimble.in_process else member) in message
    assert get_studio(client, studio["studioId"]) == studio


@pytest.fixture
def server(server_url: str) -> tuple[str, Any]:
    """For the server-only tests of the URL hook: the freshly reset moto server
    and a nimble client for it."""
    requests.post(f"{server_url}/moto-api/reset", timeout=10).raise_for_status()
    client = boto3.client("nimble", region_name=REGION, endpoint_url=server_url)
    return server_url, client


def post_hook(url: str, region: str = REGION, **kwargs: Any) -> requests.Response:
    return requests.post(
        f"{url}/nimble_{region}/moto-api/break-studio-sso", timeout=10, **kwargs
    )


@pytest.mark.parametrize(
    ("body", "constraint"),
    [
        (
            {},
            "Value null at 'studioId' failed to satisfy constraint: Member must not be null",
        ),
        (
            {"studioId": 7},
            "Value 7 at 'studioId' failed to satisfy constraint: Member must be of type string",
        ),
        (
            {"studioId": "s", "statusCode": ["x"]},
            "Value [...] at 'statusCode' failed to satisfy constraint: Member must be of type string",
        ),
        (
            {"studioId": "s", "accountId": "x"},
            "Value 'x' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$",
        ),
    ],
)
def test_break_studio_sso_hook_validates_its_body(server, body, constraint):
    url, _ = server
    response = post_hook(url, json=body)
    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "ValidationException"
    assert response.json()["message"] == f"1 validation error detected: {constraint}"


def test_break_studio_sso_hook_invalid_body(server):
    url, client = server
    studio = Factory(client).studio()
    for body in ("not json", "[1, 2]", b"\xff\xfe"):
        response = post_hook(url, data=body)
        assert response.status_code == 400
        assert response.headers["x-amzn-ErrorType"] == "SerializationException"
        assert response.json()["__type"] == "SerializationException"
    assert get_studio(client, studio["studioId"]) == studio


def test_break_studio_sso_hook_region_and_account(server):
    url, client = server
    studio = Factory(client).studio()
    body = {"studioId": studio["studioId"]}

    wrong_region = post_hook(url, "eu-west-1", json=body)
    unknown_region = post_hook(url, "xx-nowhere-1", json=body)
    other_account = post_hook(url, json={**body, "accountId": "111122223333"})
    other_account_header = post_hook(
        url, json=body, headers={"x-moto-account-id": "111122223333"}
    )

    assert wrong_region.status_code == 404
    assert unknown_region.status_code == 400
    assert "xx-nowhere-1" in unknown_region.json()["message"]
    assert other_account.status_code == 404
    assert other_account_header.status_code == 404
    assert get_studio(client, studio["studioId"]) == studio
    assert post_hook(url, json={**body, "accountId": ACCOUNT}).status_code == 200
    assert get_studio(client, studio["studioId"])["statusCode"] == "AWS_SSO_NOT_ENABLED"


@pytest.mark.slow
def test_break_studio_sso_hook_on_console_server(console_server):
    client = boto3.client("nimble", region_name=REGION, endpoint_url=console_server)
    studio_id = Factory(client).studio()["studioId"]

    response = post_hook(console_server, json={"studioId": studio_id})

    assert response.status_code == 200
    assert get_studio(client, studio_id)["statusCode"] == "AWS_SSO_NOT_ENABLED"
    client.start_studio_sso_configuration_repair(studioId=studio_id)
    assert (
        get_studio(client, studio_id)["statusCode"] == "AWS_SSO_CONFIGURATION_REPAIRED"
    )


# --- StartStudioSSOConfigurationRepair ------------------------------------------


def test_start_studio_sso_configuration_repair(nimble, client, factory):
    studio = factory.studio()
    break_sso(nimble, studio["studioId"])

    response = client.start_studio_sso_configuration_repair(studioId=studio["studioId"])

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    repairing = response["studio"]
    assert repairing["state"] == "UPDATE_IN_PROGRESS"
    assert repairing["statusCode"] == "AWS_SSO_CONFIGURATION_REPAIR_IN_PROGRESS"
    assert UUID.match(repairing["ssoClientId"])
    assert repairing["ssoClientId"] != studio["ssoClientId"]
    assert repairing["updatedAt"] >= studio["updatedAt"]
    repaired = get_studio(client, studio["studioId"])
    assert repaired["state"] == "READY"
    assert repaired["statusCode"] == "AWS_SSO_CONFIGURATION_REPAIRED"
    unchanged = {"ssoClientId", "state", "statusCode", "statusMessage", "updatedAt"}
    assert {k: v for k, v in repaired.items() if k not in unchanged} == {
        k: v for k, v in studio.items() if k not in unchanged
    }
    assert repaired["ssoClientId"] == repairing["ssoClientId"]


def test_broken_sso_outlasts_an_update(nimble, client, factory):
    """Only StartStudioSSOConfigurationRepair mends the IAM Identity Center
    setup: an UpdateStudio in between changes what it changes, and the
    studio still needs the repair."""
    studio = factory.studio()
    break_sso(nimble, studio["studioId"])

    client.update_studio(studioId=studio["studioId"], displayName="renamed")
    renamed = get_studio(client, studio["studioId"])
    repairing = client.start_studio_sso_configuration_repair(
        studioId=studio["studioId"]
    )["studio"]

    assert (renamed["state"], renamed["displayName"]) == ("READY", "renamed")
    assert repairing["statusCode"] == "AWS_SSO_CONFIGURATION_REPAIR_IN_PROGRESS"
    assert repairing["ssoClientId"] != studio["ssoClientId"]
    get_studio(client, studio["studioId"])  # READY, repaired
    with pytest.raises(ClientError) as excinfo:
        client.start_studio_sso_configuration_repair(studioId=studio["studioId"])
    assert_error(excinfo, "ValidationException", 400, "nothing to repair")


def test_start_studio_sso_configuration_repair_access_denied(nimble, client, factory):
    studio_id = factory.studio()["studioId"]
    break_sso(
        nimble, studio_id, statusCode="AWS_SSO_ACCESS_DENIED", state="UPDATE_FAILED"
    )

    repairing = client.start_studio_sso_configuration_repair(studioId=studio_id)[
        "studio"
    ]

    assert repairing["statusCode"] == "AWS_SSO_CONFIGURATION_REPAIR_IN_PROGRESS"
    studio = get_studio(client, studio_id)
    assert (studio["state"], studio["statusCode"]) == (
        "READY",
        "AWS_SSO_CONFIGURATION_REPAIRED",
    )


def test_start_studio_sso_configuration_repair_healthy_studio(client, factory):
    studio = factory.studio()

    with pytest.raises(ClientError) as excinfo:
        client.start_studio_sso_configuration_repair(studioId=studio["studioId"])
    assert_error(
        excinfo, "ValidationException", 400, studio["studioId"], "nothing to repair"
    )
    assert get_studio(client, studio["studioId"]) == studio


def test_start_studio_sso_configuration_repair_already_repaired(
    nimble, client, factory
):
    studio_id = factory.studio()["studioId"]
    break_sso(nimble, studio_id)
    client.start_studio_sso_configuration_repair(studioId=studio_id)
    repaired = get_studio(client, studio_id)

    with pytest.raises(ClientError) as excinfo:
        client.start_studio_sso_configuration_repair(studioId=studio_id)
    assert_error(excinfo, "ValidationException", 400)
    assert get_studio(client, studio_id) == repaired


def test_start_studio_sso_configuration_repair_while_repairing(nimble, client, factory):
    studio_id = factory.studio()["studioId"]
    break_sso(nimble, studio_id)
    first = client.start_studio_sso_configuration_repair(studioId=studio_id)["studio"]

    with pytest.raises(ClientError) as excinfo:
        client.start_studio_sso_configuration_repair(studioId=studio_id)
    assert_error(excinfo, "ConflictException", 409, "UPDATE_IN_PROGRESS")
    assert get_studio(client, studio_id)["ssoClientId"] == first["ssoClientId"]


def test_start_studio_sso_configuration_repair_while_creating(client):
    studio_id = create_studio(client)["studioId"]

    with pytest.raises(ClientError) as excinfo:
        client.start_studio_sso_configuration_repair(studioId=studio_id)
    assert_error(excinfo, "ConflictException", 409, "CREATE_IN_PROGRESS")
    assert get_studio(client, studio_id)["statusCode"] == "STUDIO_CREATED"


def test_start_studio_sso_configuration_repair_same_client_token(
    nimble, client, factory
):
    studio_id = factory.studio()["studioId"]
    break_sso(nimble, studio_id)

    first = client.start_studio_sso_configuration_repair(
        studioId=studio_id, clientToken="repair-1"
    )["studio"]
    again = client.start_studio_sso_configuration_repair(
        studioId=studio_id, clientToken="repair-1"
    )["studio"]

    assert again == first
    assert get_studio(client, studio_id)["ssoClientId"] == first["ssoClientId"]


def test_start_studio_sso_configuration_repair_deleted_studio(client, factory):
    studio_id = factory.studio()["studioId"]
    client.delete_studio(studioId=studio_id)
    deleted = get_studio(client, studio_id)

    with pytest.raises(ClientError) as excinfo:
        client.start_studio_sso_configuration_repair(studioId=studio_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": studio_id}
    assert get_studio(client, studio_id) == deleted
