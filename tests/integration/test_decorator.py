"""mock_nimblestudio in all its forms, moto.mock_aws, and account/region isolation."""

from __future__ import annotations

import unittest
from typing import Any

import boto3
import moto
import pytest
from botocore.exceptions import ClientError
from helpers import ACCOUNT, REGION, assert_error, create_studio

import moto_nimble
from moto_nimble import mock_nimblestudio

OTHER_ACCOUNT = "111122223333"


def new_client(region: str = REGION) -> Any:
    return boto3.client("nimble", region_name=region)


def studio_ids(client: Any) -> list[str]:
    return [s["studioId"] for s in client.list_studios()["studios"]]


# --- the decorator's forms ----------------------------------------------------


@mock_nimblestudio
def _create_and_count() -> int:
    client = new_client()
    create_studio(client)
    return len(studio_ids(client))


def test_function_decorator():
    assert _create_and_count() == 1


def test_function_decorator_resets_state_between_calls():
    assert [_create_and_count(), _create_and_count()] == [1, 1]


def test_function_decorator_keeps_return_value_and_name():
    @mock_nimblestudio
    def studio_name(name: str) -> str:
        return create_studio(new_client(), name)["studioName"]

    assert studio_name("decorated") == "decorated"
    assert studio_name.__name__ == "studio_name"


@mock_nimblestudio
class TestClassDecorator:
    """Every test method is mocked and starts from an empty backend."""

    def test_first_method_starts_empty(self):
        client = new_client()
        assert studio_ids(client) == []
        create_studio(client)
        assert len(studio_ids(client)) == 1

    def test_second_method_starts_empty(self):
        client = new_client()
        assert studio_ids(client) == []
        create_studio(client)
        assert len(studio_ids(client)) == 1


@mock_nimblestudio
class TestUnittestClassDecorator(unittest.TestCase):
    """setUp runs mocked; each test sees only what setUp made."""

    def setUp(self):
        self.client = new_client()
        self.studio_id = create_studio(self.client, "fromsetup")["studioId"]

    def test_first_sees_setup_studio_only(self):
        assert studio_ids(self.client) == [self.studio_id]
        create_studio(self.client, "first")
        assert len(studio_ids(self.client)) == 2

    def test_second_sees_setup_studio_only(self):
        assert studio_ids(self.client) == [self.studio_id]
        create_studio(self.client, "second")
        assert len(studio_ids(self.client)) == 2


def test_context_manager():
    with mock_nimblestudio():
        client = new_client()
        studio = create_studio(client)

        assert (
            client.get_studio(studioId=studio["studioId"])["studio"]["state"] == "READY"
        )


def test_context_manager_resets_state_between_uses():
    with mock_nimblestudio():
        create_studio(new_client())

    with mock_nimblestudio():
        assert studio_ids(new_client()) == []


def test_start_stop():
    mock = mock_nimblestudio()
    mock.start()
    try:
        client = new_client()
        create_studio(client)
        assert len(studio_ids(client)) == 1
        assert len(moto_nimble.nimble_backends[ACCOUNT][REGION].studios) == 1
    finally:
        mock.stop()

    assert len(moto_nimble.nimble_backends[ACCOUNT][REGION].studios) == 0


def test_start_stop_resets_state_between_uses():
    mock = mock_nimblestudio()
    mock.start()
    try:
        create_studio(new_client())
    finally:
        mock.stop()

    mock.start()
    try:
        assert studio_ids(new_client()) == []
    finally:
        mock.stop()


def test_mock_aws_serves_nimble():
    with moto.mock_aws():
        client = new_client()
        studio = create_studio(client)

        assert studio_ids(client) == [studio["studioId"]]
        assert (
            client.get_studio(studioId=studio["studioId"])["studio"]["state"] == "READY"
        )


def test_nested_in_mock_aws():
    with moto.mock_aws():
        outer = create_studio(new_client(), "outer")["studioId"]
        with mock_nimblestudio():
            # the inner mock shares the outer one's state and does not reset it
            assert studio_ids(new_client()) == [outer]
            inner = create_studio(new_client(), "inner")["studioId"]

        assert studio_ids(new_client()) == [outer, inner]


def test_mock_aws_nested_in_mock_nimblestudio():
    with mock_nimblestudio():
        outer = create_studio(new_client(), "outer")["studioId"]
        with moto.mock_aws():
            assert studio_ids(new_client()) == [outer]


def test_backend_holds_created_studio():
    with mock_nimblestudio():
        studio = create_studio(new_client(), "inbackend")

        backend = moto_nimble.nimble_backends[ACCOUNT][REGION]

        assert isinstance(backend, moto_nimble.NimbleStudioBackend)
        assert [s.studio_id for s in backend.studios] == [studio["studioId"]]
        assert backend.studios.get(studio["studioId"]).studio_name == "inbackend"
        assert list(moto_nimble.nimble_backends[ACCOUNT]["eu-west-1"].studios) == []


# --- account and region isolation (both modes) -------------------------------


def test_account_isolation_by_environment(client, monkeypatch):
    mine = create_studio(client, "shared")

    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    assert studio_ids(client) == []
    with pytest.raises(ClientError) as excinfo:
        client.get_studio(studioId=mine["studioId"])
    assert_error(excinfo, "ResourceNotFoundException", 404)
    theirs = create_studio(client, "theirs")
    assert theirs["arn"].startswith(f"arn:aws:nimble:{REGION}:{OTHER_ACCOUNT}:studio/")
    assert studio_ids(client) == [theirs["studioId"]]

    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    assert studio_ids(client) == [mine["studioId"]]


def test_account_isolation_by_access_key(nimble, client):
    mine = create_studio(client, "shared")
    sts = boto3.client("sts", region_name=REGION, endpoint_url=nimble.server_url)
    credentials = sts.assume_role(
        RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/other", RoleSessionName="other"
    )["Credentials"]
    other = nimble.make_client(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )

    assert studio_ids(other) == []
    with pytest.raises(ClientError) as excinfo:
        other.get_studio(studioId=mine["studioId"])
    assert_error(excinfo, "ResourceNotFoundException", 404)
    theirs = create_studio(other, "theirs")

    assert theirs["arn"].startswith(f"arn:aws:nimble:{REGION}:{OTHER_ACCOUNT}:studio/")
    assert studio_ids(other) == [theirs["studioId"]]
    assert studio_ids(client) == [mine["studioId"]]


def test_a_studio_name_is_one_per_region_whatever_the_account(
    nimble, client, monkeypatch
):
    """The name is the studio's portal host (<name>.nimblestudio.<region>...):
    another account cannot take it in that region until the studio is deleted."""
    mine = create_studio(client, "shared")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)

    with pytest.raises(ClientError) as excinfo:
        create_studio(client, "shared")

    assert_error(excinfo, "ConflictException", 409, "shared", REGION)
    assert studio_ids(client) == []
    elsewhere = nimble.make_client("eu-west-1")
    assert create_studio(elsewhere, "shared")["studioName"] == "shared"
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    client.get_studio(studioId=mine["studioId"])  # READY
    client.delete_studio(studioId=mine["studioId"])
    client.get_studio(studioId=mine["studioId"])  # DELETED
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    assert create_studio(client, "shared")["studioName"] == "shared"


def test_account_isolation_in_backends(monkeypatch):
    with mock_nimblestudio():
        create_studio(new_client(), "default")
        monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
        create_studio(new_client(), "other")

        def names(account: str) -> list[str]:
            return [
                s.studio_name
                for s in moto_nimble.nimble_backends[account][REGION].studios
            ]

        assert names(ACCOUNT) == ["default"]
        assert names(OTHER_ACCOUNT) == ["other"]


def test_region_isolation(nimble, client):
    studio = create_studio(client)
    europe = nimble.make_client("eu-west-1")

    with pytest.raises(ClientError) as excinfo:
        europe.get_studio(studioId=studio["studioId"])

    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": studio["studioId"]}
    assert studio_ids(europe) == []
    assert studio_ids(client) == [studio["studioId"]]


def test_region_isolation_of_child_calls(nimble, client, factory):
    studio = factory.studio()
    europe = nimble.make_client("eu-west-1")

    with pytest.raises(ClientError) as excinfo:
        europe.list_studio_components(studioId=studio["studioId"])

    assert_error(excinfo, "ResourceNotFoundException", 404)
    with pytest.raises(ClientError) as excinfo:
        europe.delete_studio(studioId=studio["studioId"])
    assert_error(excinfo, "ResourceNotFoundException", 404)
    assert client.get_studio(studioId=studio["studioId"])["studio"]["state"] == "READY"
