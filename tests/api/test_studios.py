"""CreateStudio, GetStudio, ListStudios, UpdateStudio, DeleteStudio."""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError, WaiterError
from helpers import ACCOUNT, REGION, ROLE, assert_error, studio_params

KEY_ARN = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0a1b2c3d-0000-4000-8000-000000000000"
#: waiters poll without sleeping: the mock settles on the next Get
FAST = {"Delay": 1, "MaxAttempts": 3}


def studio_names(client: Any) -> list[str]:
    return [s["studioName"] for s in client.list_studios()["studios"]]


def state_of(client: Any, studio_id: str) -> tuple[str, str]:
    studio = client.get_studio(studioId=studio_id)["studio"]
    return studio["state"], studio["statusCode"]


# --- CreateStudio -----------------------------------------------------------


def test_create_studio(client):
    response = client.create_studio(
        **studio_params("mystudio", displayName="mystudio display")
    )

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    studio = response["studio"]
    assert re.fullmatch(rf"{REGION}:stid-[a-z0-9]{{16}}", studio["studioId"])
    suffix = studio["studioId"].split(":", 1)[1]
    assert studio["arn"] == f"arn:aws:nimble:{REGION}:{ACCOUNT}:studio/{suffix}"
    assert studio["state"] == "CREATE_IN_PROGRESS"
    assert studio["statusCode"] == "STUDIO_CREATE_IN_PROGRESS"
    assert studio["studioName"] == "mystudio"
    assert studio["displayName"] == "mystudio display"
    assert studio["adminRoleArn"] == ROLE + "Admin"
    assert studio["userRoleArn"] == ROLE + "User"
    assert studio["homeRegion"] == REGION
    assert (
        studio["studioUrl"] == f"https://mystudio.nimblestudio.{REGION}.amazonaws.com"
    )
    assert studio["studioEncryptionConfiguration"] == {"keyType": "AWS_OWNED_KEY"}
    assert studio["tags"] == {}
    assert studio["ssoClientId"]
    assert isinstance(studio["createdAt"], datetime)
    assert isinstance(studio["updatedAt"], datetime)


def test_create_studio_with_tags(client):
    tags = {"team": "lighting", "cost-center": "42"}

    created = client.create_studio(**studio_params(tags=tags))["studio"]

    assert created["tags"] == tags
    assert client.get_studio(studioId=created["studioId"])["studio"]["tags"] == tags


def test_create_studio_customer_managed_key(client):
    encryption = {"keyType": "CUSTOMER_MANAGED_KEY", "keyArn": KEY_ARN}

    created = client.create_studio(
        **studio_params(studioEncryptionConfiguration=encryption)
    )

    assert created["studio"]["studioEncryptionConfiguration"] == encryption
    fetched = client.get_studio(studioId=created["studio"]["studioId"])["studio"]
    assert fetched["studioEncryptionConfiguration"] == encryption


def test_create_studio_invalid_encryption_configuration(client):
    for encryption, member in [
        ({"keyType": "CUSTOMER_MANAGED_KEY"}, "keyArn"),
        ({"keyType": "SOME_OTHER_KEY"}, "keyType"),
    ]:
        with pytest.raises(ClientError) as excinfo:
            client.create_studio(
                **studio_params(studioEncryptionConfiguration=encryption)
            )

        assert_error(excinfo, "ValidationException", 400, member)
    assert client.list_studios()["studios"] == []


def test_create_studio_duplicate_name(client, factory):
    factory.studio("taken")

    with pytest.raises(ClientError) as excinfo:
        client.create_studio(**studio_params("taken"))

    assert_error(excinfo, "ConflictException", 409, "taken")
    assert studio_names(client) == ["taken"]


def test_create_studio_name_of_deleted_studio(client, factory):
    old = factory.studio("reused")
    client.delete_studio(studioId=old["studioId"])
    assert state_of(client, old["studioId"])[0] == "DELETED"

    new = client.create_studio(**studio_params("reused"))["studio"]

    assert new["studioId"] != old["studioId"]
    assert studio_names(client) == ["reused"]


def test_create_studio_same_name_in_other_region(nimble, factory):
    factory.studio("shared")
    other = nimble.make_client("eu-west-1")

    studio = other.create_studio(**studio_params("shared"))["studio"]

    assert studio["studioId"].startswith("eu-west-1:stid-")
    assert studio["arn"].startswith(f"arn:aws:nimble:eu-west-1:{ACCOUNT}:studio/stid-")
    assert studio["homeRegion"] == "eu-west-1"
    assert studio["studioUrl"] == "https://shared.nimblestudio.eu-west-1.amazonaws.com"


def test_create_studio_invalid_name(client, raw_client):
    for studio_name, fragment in [
        ("a" * 65, "less than or equal to 64"),
        ("ab", "greater than or equal to 3"),
        ("Bad-Name", "pattern"),
        ("my studio", "pattern"),
    ]:
        with pytest.raises(ClientError) as excinfo:
            # botocore itself refuses names below the minimum length
            raw_client.create_studio(**studio_params(studio_name))

        assert_error(excinfo, "ValidationException", 400, "studioName", fragment)
    assert client.list_studios()["studios"] == []


def test_create_studio_display_name_too_long(client):
    with pytest.raises(ClientError) as excinfo:
        client.create_studio(**studio_params(displayName="d" * 65))

    assert_error(excinfo, "ValidationException", 400, "displayName")
    assert client.list_studios()["studios"] == []
    # the longest allowed name still goes through
    studio = client.create_studio(**studio_params(displayName="d" * 64))["studio"]
    assert studio["displayName"] == "d" * 64


def test_create_studio_missing_required_members(client, raw_client):
    for member in ("adminRoleArn", "userRoleArn", "displayName", "studioName"):
        params = studio_params()
        del params[member]

        with pytest.raises(ClientError) as excinfo:
            raw_client.create_studio(**params)

        assert_error(excinfo, "ValidationException", 400, member, "must not be null")
    assert client.list_studios()["studios"] == []


def test_create_studio_same_client_token(client):
    first = client.create_studio(clientToken="token-1", **studio_params())["studio"]

    again = client.create_studio(clientToken="token-1", **studio_params())["studio"]

    assert again["studioId"] == first["studioId"]
    assert again["state"] == "CREATE_IN_PROGRESS"
    assert len(client.list_studios()["studios"]) == 1


def test_create_studio_same_client_token_other_parameters(client):
    client.create_studio(clientToken="token-1", **studio_params("first"))

    with pytest.raises(ClientError) as excinfo:
        client.create_studio(clientToken="token-1", **studio_params("second"))

    assert_error(excinfo, "ValidationException", 400, "token-1")
    assert studio_names(client) == ["first"]


# --- GetStudio --------------------------------------------------------------


def test_get_studio(client):
    created = client.create_studio(**studio_params("mystudio"))["studio"]

    studio = client.get_studio(studioId=created["studioId"])["studio"]

    assert studio["state"] == "READY"
    assert studio["statusCode"] == "STUDIO_CREATED"
    assert studio["statusMessage"] == "The studio has been created successfully "
    for member in (
        "studioId",
        "arn",
        "studioName",
        "displayName",
        "studioUrl",
        "createdAt",
    ):
        assert studio[member] == created[member]


def test_get_studio_follows_state_manager_transition(nimble, client):
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = client.create_studio(**studio_params())["studio"]["studioId"]

    states = [state_of(client, studio_id)[0] for _ in range(3)]

    assert states == ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "READY"]


def test_updated_at_is_when_a_timed_transition_ended(nimble, client):
    """With a time-based transition, the studio settles (and is stamped) a
    second after the create, however much later it is first read."""
    nimble.set_transition("nimble::studio", {"progression": "time", "seconds": 1})
    created = client.create_studio(**studio_params())["studio"]

    time.sleep(2.5)
    settled = client.get_studio(studioId=created["studioId"])["studio"]

    assert settled["state"] == "READY"
    ended = (settled["updatedAt"] - settled["createdAt"]).total_seconds()
    assert 1 <= ended <= 2


def test_studio_ready_waiter(client):
    studio_id = client.create_studio(**studio_params())["studio"]["studioId"]

    client.get_waiter("studio_ready").wait(studioId=studio_id, WaiterConfig=FAST)

    assert state_of(client, studio_id) == ("READY", "STUDIO_CREATED")


# --- ListStudios ------------------------------------------------------------


def test_list_studios(client, factory):
    ids = [factory.studio(f"studio{i}")["studioId"] for i in range(3)]

    response = client.list_studios()
    pages = list(client.get_paginator("list_studios").paginate())

    assert len(set(ids)) == 3
    assert [s["studioId"] for s in response["studios"]] == ids
    assert [s["state"] for s in response["studios"]] == ["READY"] * 3
    assert "nextToken" not in response
    assert [s["studioId"] for page in pages for s in page["studios"]] == ids


def test_list_studios_empty(client):
    response = client.list_studios()

    assert response["studios"] == []
    assert "nextToken" not in response


def test_list_studios_omits_deleted(client, factory):
    kept = factory.studio("kept")
    gone = factory.studio("gone")
    client.delete_studio(studioId=gone["studioId"])
    assert state_of(client, gone["studioId"])[0] == "DELETED"

    studios = client.list_studios()["studios"]

    assert [s["studioId"] for s in studios] == [kept["studioId"]]


def test_list_studios_invalid_next_token(client, factory):
    factory.studio()

    with pytest.raises(ClientError) as excinfo:
        client.list_studios(nextToken="not-a-token")

    assert_error(excinfo, "ValidationException", 400, "nextToken")


# --- UpdateStudio -----------------------------------------------------------


def test_update_studio(client, factory):
    studio = factory.studio()

    updated = client.update_studio(
        studioId=studio["studioId"],
        displayName="New name",
        adminRoleArn=ROLE + "Admin2",
        userRoleArn=ROLE + "User2",
    )["studio"]

    assert updated["state"] == "UPDATE_IN_PROGRESS"
    assert updated["statusCode"] == "STUDIO_UPDATE_IN_PROGRESS"
    assert updated["displayName"] == "New name"
    assert updated["adminRoleArn"] == ROLE + "Admin2"
    assert updated["userRoleArn"] == ROLE + "User2"
    assert updated["studioName"] == studio["studioName"]
    fetched = client.get_studio(studioId=studio["studioId"])["studio"]
    assert fetched["state"] == "READY"
    assert fetched["statusCode"] == "STUDIO_UPDATED"
    assert fetched["displayName"] == "New name"
    assert fetched["createdAt"] == studio["createdAt"]
    assert fetched["updatedAt"] >= studio["updatedAt"]


def test_update_studio_only_display_name(client, factory):
    studio = factory.studio()

    client.update_studio(studioId=studio["studioId"], displayName="Renamed")

    fetched = client.get_studio(studioId=studio["studioId"])["studio"]
    assert fetched["displayName"] == "Renamed"
    assert fetched["adminRoleArn"] == studio["adminRoleArn"]
    assert fetched["userRoleArn"] == studio["userRoleArn"]


def test_update_studio_while_creating(client):
    created = client.create_studio(**studio_params(displayName="studio display"))
    studio_id = created["studio"]["studioId"]

    with pytest.raises(ClientError) as excinfo:
        client.update_studio(studioId=studio_id, displayName="Too early")

    assert_error(excinfo, "ConflictException", 409)
    studio = client.get_studio(studioId=studio_id)["studio"]
    assert studio["displayName"] == "studio display"
    assert studio["statusCode"] == "STUDIO_CREATED"


def test_update_studio_while_updating(client, factory):
    studio = factory.studio()
    client.update_studio(studioId=studio["studioId"], displayName="First")

    with pytest.raises(ClientError) as excinfo:
        client.update_studio(studioId=studio["studioId"], displayName="Second")

    assert_error(excinfo, "ConflictException", 409)
    assert (
        client.get_studio(studioId=studio["studioId"])["studio"]["displayName"]
        == "First"
    )


def test_update_studio_display_name_too_long(client, factory):
    studio = factory.studio()

    with pytest.raises(ClientError) as excinfo:
        client.update_studio(studioId=studio["studioId"], displayName="d" * 65)

    assert_error(excinfo, "ValidationException", 400, "displayName")
    fetched = client.get_studio(studioId=studio["studioId"])["studio"]
    assert fetched["displayName"] == studio["displayName"]
    assert fetched["state"] == "READY"


def test_update_studio_deleted(client, factory):
    studio = factory.studio()
    client.delete_studio(studioId=studio["studioId"])
    assert state_of(client, studio["studioId"])[0] == "DELETED"

    with pytest.raises(ClientError) as excinfo:
        client.update_studio(studioId=studio["studioId"], displayName="x")

    assert_error(excinfo, "ResourceNotFoundException", 404)
    assert state_of(client, studio["studioId"]) == ("DELETED", "STUDIO_DELETED")


# --- DeleteStudio -----------------------------------------------------------


def test_delete_studio(client, factory):
    studio = factory.studio()

    deleted = client.delete_studio(studioId=studio["studioId"])["studio"]

    assert deleted["studioId"] == studio["studioId"]
    assert deleted["state"] == "DELETE_IN_PROGRESS"
    assert deleted["statusCode"] == "STUDIO_DELETE_IN_PROGRESS"
    fetched = client.get_studio(studioId=studio["studioId"])["studio"]
    assert fetched["state"] == "DELETED"
    assert fetched["statusCode"] == "STUDIO_DELETED"
    assert fetched["arn"] == studio["arn"]


def test_delete_studio_twice(client, factory):
    studio = factory.studio()
    client.delete_studio(studioId=studio["studioId"])
    assert state_of(client, studio["studioId"])[0] == "DELETED"

    again = client.delete_studio(studioId=studio["studioId"])

    assert again["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert again["studio"]["studioId"] == studio["studioId"]
    assert again["studio"]["state"] == "DELETED"
    assert state_of(client, studio["studioId"]) == ("DELETED", "STUDIO_DELETED")


def test_delete_studio_while_creating(client):
    studio_id = client.create_studio(**studio_params())["studio"]["studioId"]

    with pytest.raises(ClientError) as excinfo:
        client.delete_studio(studioId=studio_id)

    assert_error(excinfo, "ConflictException", 409)
    assert state_of(client, studio_id) == ("READY", "STUDIO_CREATED")


def test_delete_studio_while_updating(client, factory):
    studio = factory.studio()
    client.update_studio(studioId=studio["studioId"], displayName="Renamed")

    with pytest.raises(ClientError) as excinfo:
        client.delete_studio(studioId=studio["studioId"])

    assert_error(excinfo, "ConflictException", 409)
    assert state_of(client, studio["studioId"]) == ("READY", "STUDIO_UPDATED")


def test_delete_studio_with_launch_profiles(client, factory):
    # a component and an image are left too: launch profiles are reported first
    studio, _, _, _ = factory.ready_profile()

    deleted = client.delete_studio(studioId=studio["studioId"])["studio"]

    assert deleted["state"] == "DELETE_IN_PROGRESS"
    assert state_of(client, studio["studioId"]) == (
        "DELETE_FAILED",
        "STUDIO_WITH_LAUNCH_PROFILES_NOT_DELETED",
    )
    assert studio_names(client) == [studio["studioName"]]


def test_delete_studio_with_studio_components(client, factory):
    studio = factory.studio()
    factory.component(studio["studioId"])
    factory.image(studio["studioId"])

    client.delete_studio(studioId=studio["studioId"])

    assert state_of(client, studio["studioId"]) == (
        "DELETE_FAILED",
        "STUDIO_WITH_STUDIO_COMPONENTS_NOT_DELETED",
    )


def test_delete_studio_with_streaming_images(client, factory):
    studio = factory.studio()
    factory.image(studio["studioId"])

    client.delete_studio(studioId=studio["studioId"])

    assert state_of(client, studio["studioId"]) == (
        "DELETE_FAILED",
        "STUDIO_WITH_STREAMING_IMAGES_NOT_DELETED",
    )


def test_delete_studio_after_children_deleted(client, factory):
    studio, component, image, profile = factory.ready_profile()
    studio_id = studio["studioId"]
    client.delete_launch_profile(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )
    client.delete_studio_component(
        studioId=studio_id, studioComponentId=component["studioComponentId"]
    )
    client.delete_streaming_image(
        studioId=studio_id, streamingImageId=image["streamingImageId"]
    )
    client.get_launch_profile(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )
    client.get_studio_component(
        studioId=studio_id, studioComponentId=component["studioComponentId"]
    )
    client.get_streaming_image(
        studioId=studio_id, streamingImageId=image["streamingImageId"]
    )

    client.delete_studio(studioId=studio_id)

    assert state_of(client, studio_id) == ("DELETED", "STUDIO_DELETED")


def test_delete_studio_retry_after_delete_failed(client, factory):
    studio = factory.studio()
    image = factory.image(studio["studioId"])
    client.delete_studio(studioId=studio["studioId"])
    assert state_of(client, studio["studioId"])[0] == "DELETE_FAILED"
    client.delete_streaming_image(
        studioId=studio["studioId"], streamingImageId=image["streamingImageId"]
    )
    client.get_streaming_image(
        studioId=studio["studioId"], streamingImageId=image["streamingImageId"]
    )

    client.delete_studio(studioId=studio["studioId"])

    assert state_of(client, studio["studioId"]) == ("DELETED", "STUDIO_DELETED")


def test_studio_deleted_waiter(client, factory):
    studio = factory.studio()
    client.delete_studio(studioId=studio["studioId"])

    client.get_waiter("studio_deleted").wait(
        studioId=studio["studioId"], WaiterConfig=FAST
    )

    assert state_of(client, studio["studioId"]) == ("DELETED", "STUDIO_DELETED")


def test_studio_deleted_waiter_with_children(client, factory):
    studio = factory.studio()
    factory.component(studio["studioId"])
    client.delete_studio(studioId=studio["studioId"])

    with pytest.raises(WaiterError) as excinfo:
        client.get_waiter("studio_deleted").wait(
            studioId=studio["studioId"], WaiterConfig=FAST
        )

    assert excinfo.value.last_response["studio"]["state"] == "DELETE_FAILED"
    assert (
        state_of(client, studio["studioId"])[1]
        == "STUDIO_WITH_STUDIO_COMPONENTS_NOT_DELETED"
    )
