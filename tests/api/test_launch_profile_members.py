"""PutLaunchProfileMembers, GetLaunchProfileMember, ListLaunchProfileMembers,
UpdateLaunchProfileMember, DeleteLaunchProfileMember, and the strict
membership rule (``check_session_owner``)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    ACCOUNT,
    ALICE,
    BOB,
    MISSING_ID,
    OTHER_STORE,
    REGION,
    STORE,
    assert_error,
    launch_profile_params,
    raw_responses,
)

from moto_nimble.exceptions import AccessDeniedException
from moto_nimble.models.launch_profiles import LaunchProfile
from moto_nimble.models.members import (
    LaunchProfileMember,
    StudioMember,
    check_session_owner,
)
from moto_nimble.models.studios import Studio
from moto_nimble.settings import STRICT_MEMBERSHIP

STRICT_MEMBERSHIP_ENV = STRICT_MEMBERSHIP.variable


def user(principal_id: str) -> dict[str, str]:
    return {"principalId": principal_id, "persona": "USER"}


def put(
    client: Any, studio_id: str, profile_id: str, *principals: str, store: str = STORE
) -> Any:
    return client.put_launch_profile_members(
        studioId=studio_id,
        launchProfileId=profile_id,
        identityStoreId=store,
        members=[user(p) for p in principals],
    )


def members(client: Any, studio_id: str, profile_id: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = client.list_launch_profile_members(
        studioId=studio_id, launchProfileId=profile_id
    )["members"]
    return listed


def member_ids(client: Any, studio_id: str, profile_id: str) -> list[str]:
    return [m["principalId"] for m in members(client, studio_id, profile_id)]


def not_found(excinfo: Any, resource_id: str) -> None:
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": resource_id}


def assert_not_a_member(
    client: Any, studio_id: str, profile_id: str, principal_id: str
) -> None:
    """GetLaunchProfileMember answers 404 naming the principal."""
    with pytest.raises(ClientError) as excinfo:
        client.get_launch_profile_member(
            studioId=studio_id, launchProfileId=profile_id, principalId=principal_id
        )
    not_found(excinfo, principal_id)


@pytest.fixture
def ready(factory: Any) -> tuple[str, str, str, str]:
    """(studioId, launchProfileId, studioComponentId, streamingImageId), all READY."""
    studio, component, image, profile = factory.ready_profile()
    return (
        studio["studioId"],
        profile["launchProfileId"],
        component["studioComponentId"],
        image["streamingImageId"],
    )


@pytest.fixture
def ids(ready: tuple[str, str, str, str]) -> tuple[str, str]:
    """(studioId, launchProfileId) of a READY launch profile."""
    return ready[0], ready[1]


def second_profile(factory: Any, ready: tuple[str, str, str, str]) -> str:
    studio_id, _, component_id, image_id = ready
    profile_id: str = factory.launch_profile(
        studio_id, [component_id], [image_id], name="second"
    )["launchProfileId"]
    return profile_id


# -- PutLaunchProfileMembers ------------------------------------------------


def test_put_launch_profile_members(client, ids):
    studio_id, profile_id = ids
    raw = raw_responses(client, "PutLaunchProfileMembers")
    response = put(client, studio_id, profile_id, ALICE, BOB)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert raw == [(200, b"{}")]
    assert members(client, studio_id, profile_id) == [
        {"principalId": ALICE, "persona": "USER", "identityStoreId": STORE},
        {"principalId": BOB, "persona": "USER", "identityStoreId": STORE},
    ]


def test_put_launch_profile_members_upsert(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE, BOB)
    put(client, studio_id, profile_id, ALICE, "carol", store=OTHER_STORE)
    assert members(client, studio_id, profile_id) == [
        {"principalId": ALICE, "persona": "USER", "identityStoreId": OTHER_STORE},
        {"principalId": BOB, "persona": "USER", "identityStoreId": STORE},
        {"principalId": "carol", "persona": "USER", "identityStoreId": OTHER_STORE},
    ]


def test_put_launch_profile_members_per_profile(client, factory, ready):
    studio_id, profile_id = ready[:2]
    other = second_profile(factory, ready)
    put(client, studio_id, profile_id, ALICE)
    put(client, studio_id, other, BOB)
    assert member_ids(client, studio_id, profile_id) == [ALICE]
    assert member_ids(client, studio_id, other) == [BOB]
    # launch profile members are not studio members
    assert client.list_studio_members(studioId=studio_id)["members"] == []


def test_put_launch_profile_members_profile_being_created(client, ready):
    # Membership is not part of the profile's lifecycle: a profile still
    # CREATE_IN_PROGRESS takes members.
    studio_id, _, component_id, image_id = ready
    profile_id = client.create_launch_profile(
        studioId=studio_id,
        **launch_profile_params(component_id, image_id, name="new"),
    )["launchProfile"]["launchProfileId"]
    put(client, studio_id, profile_id, ALICE)
    assert member_ids(client, studio_id, profile_id) == [ALICE]


def test_put_launch_profile_members_too_many(client, ids):
    studio_id, profile_id = ids
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, profile_id, *[f"user-{i:02}" for i in range(21)])
    assert_error(excinfo, "ValidationException", 400, "members")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_no_members(raw_client, ids):
    studio_id, profile_id = ids
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.put_launch_profile_members(
            studioId=studio_id,
            launchProfileId=profile_id,
            identityStoreId=STORE,
            members=[],
        )
    assert_error(excinfo, "ValidationException", 400, "members")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_invalid_persona(client, ids):
    studio_id, profile_id = ids
    with pytest.raises(ClientError) as excinfo:
        client.put_launch_profile_members(
            studioId=studio_id,
            launchProfileId=profile_id,
            identityStoreId=STORE,
            members=[{"principalId": ALICE, "persona": "ADMINISTRATOR"}],
        )
    assert_error(excinfo, "ValidationException", 400, "members.1.persona")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_missing_identity_store_id(raw_client, ids):
    studio_id, profile_id = ids
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.put_launch_profile_members(
            studioId=studio_id, launchProfileId=profile_id, members=[user(ALICE)]
        )
    assert_error(excinfo, "ValidationException", 400, "identityStoreId")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_empty_identity_store_id(client, ids):
    studio_id, profile_id = ids
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, profile_id, ALICE, store="")
    assert_error(excinfo, "ValidationException", 400, "identityStoreId")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_empty_principal_id(client, ids):
    studio_id, profile_id = ids
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, profile_id, "")
    assert_error(excinfo, "ValidationException", 400, "members.1.principalId")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_unknown_profile(client, ids):
    studio_id, profile_id = ids
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, MISSING_ID, ALICE)
    not_found(excinfo, MISSING_ID)
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_profile_of_other_studio(client, factory, ids):
    studio_id, profile_id = ids
    other_studio = factory.studio("other")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        put(client, other_studio, profile_id, ALICE)
    not_found(excinfo, profile_id)
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_profile_being_deleted(client, ids):
    studio_id, profile_id = ids
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, profile_id, ALICE)
    assert_error(excinfo, "ConflictException", 409, "DELETE_IN_PROGRESS")
    assert member_ids(client, studio_id, profile_id) == []


def test_put_launch_profile_members_studio_not_ready(client, ids):
    studio_id, profile_id = ids
    client.update_studio(studioId=studio_id, displayName="renamed")
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, profile_id, ALICE)
    assert_error(excinfo, "ConflictException", 409, "UPDATE_IN_PROGRESS")
    assert member_ids(client, studio_id, profile_id) == []


# -- GetLaunchProfileMember -------------------------------------------------


def test_get_launch_profile_member(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE, BOB)
    member = client.get_launch_profile_member(
        studioId=studio_id, launchProfileId=profile_id, principalId=ALICE
    )["member"]
    assert member == {"principalId": ALICE, "persona": "USER", "identityStoreId": STORE}


def test_get_launch_profile_member_unknown_principal(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE)
    # a studio administrator is not a member of the profile
    client.put_studio_members(
        studioId=studio_id,
        identityStoreId=STORE,
        members=[{"principalId": BOB, "persona": "ADMINISTRATOR"}],
    )
    assert_not_a_member(client, studio_id, profile_id, BOB)


def test_get_launch_profile_member_of_other_profile(client, factory, ready):
    studio_id, profile_id = ready[:2]
    other = second_profile(factory, ready)
    put(client, studio_id, other, ALICE)
    assert_not_a_member(client, studio_id, profile_id, ALICE)


# -- ListLaunchProfileMembers -----------------------------------------------


def test_list_launch_profile_members(client, ids):
    studio_id, profile_id = ids
    listed = client.list_launch_profile_members(
        studioId=studio_id, launchProfileId=profile_id
    )
    assert listed["members"] == []
    assert "nextToken" not in listed
    put(client, studio_id, profile_id, BOB, ALICE)
    assert member_ids(client, studio_id, profile_id) == [BOB, ALICE]


def test_list_launch_profile_members_page_cap(client, ids):
    studio_id, profile_id = ids
    principals = [f"user-{i:02}" for i in range(23)]
    put(client, studio_id, profile_id, *principals[:20])
    put(client, studio_id, profile_id, *principals[20:])
    first = client.list_launch_profile_members(
        studioId=studio_id, launchProfileId=profile_id, maxResults=100
    )
    assert [m["principalId"] for m in first["members"]] == principals[:20]
    rest = client.list_launch_profile_members(
        studioId=studio_id,
        launchProfileId=profile_id,
        maxResults=100,
        nextToken=first["nextToken"],
    )
    assert [m["principalId"] for m in rest["members"]] == principals[20:]
    assert "nextToken" not in rest


def test_list_launch_profile_members_paginator(client, ids):
    studio_id, profile_id = ids
    principals = [f"user-{i:02}" for i in range(5)]
    put(client, studio_id, profile_id, *principals)
    pages = list(
        client.get_paginator("list_launch_profile_members").paginate(
            studioId=studio_id,
            launchProfileId=profile_id,
            PaginationConfig={"PageSize": 2},
        )
    )
    assert [len(page["members"]) for page in pages] == [2, 2, 1]
    assert [m["principalId"] for page in pages for m in page["members"]] == principals


@pytest.mark.parametrize("max_results", [0, 101])
def test_list_launch_profile_members_max_results_out_of_range(
    raw_client, ids, max_results
):
    studio_id, profile_id = ids
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.list_launch_profile_members(
            studioId=studio_id, launchProfileId=profile_id, maxResults=max_results
        )
    assert_error(excinfo, "ValidationException", 400, "maxResults")


def test_list_launch_profile_members_invalid_next_token(client, ids):
    studio_id, profile_id = ids
    with pytest.raises(ClientError) as excinfo:
        client.list_launch_profile_members(
            studioId=studio_id, launchProfileId=profile_id, nextToken="bogus"
        )
    assert_error(excinfo, "ValidationException", 400, "nextToken")


# -- UpdateLaunchProfileMember ----------------------------------------------


def test_update_launch_profile_member(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE, BOB)
    member = client.update_launch_profile_member(
        studioId=studio_id, launchProfileId=profile_id, principalId=BOB, persona="USER"
    )["member"]
    assert member == {"principalId": BOB, "persona": "USER", "identityStoreId": STORE}
    assert member_ids(client, studio_id, profile_id) == [ALICE, BOB]


def test_update_launch_profile_member_invalid_persona(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile_member(
            studioId=studio_id,
            launchProfileId=profile_id,
            principalId=ALICE,
            persona="ADMINISTRATOR",
        )
    assert_error(excinfo, "ValidationException", 400, "persona")
    assert members(client, studio_id, profile_id)[0]["persona"] == "USER"


def test_update_launch_profile_member_missing_persona(raw_client, ids):
    studio_id, profile_id = ids
    client = raw_client
    put(client, studio_id, profile_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile_member(
            studioId=studio_id, launchProfileId=profile_id, principalId=ALICE
        )
    assert_error(excinfo, "ValidationException", 400, "persona")
    assert members(client, studio_id, profile_id)[0]["persona"] == "USER"


def test_update_launch_profile_member_unknown_principal(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile_member(
            studioId=studio_id,
            launchProfileId=profile_id,
            principalId=BOB,
            persona="USER",
        )
    not_found(excinfo, BOB)
    assert member_ids(client, studio_id, profile_id) == [ALICE]


def test_update_launch_profile_member_studio_not_ready(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE)
    client.update_studio(studioId=studio_id, displayName="renamed")
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile_member(
            studioId=studio_id,
            launchProfileId=profile_id,
            principalId=ALICE,
            persona="USER",
        )
    assert_error(excinfo, "ConflictException", 409, "UPDATE_IN_PROGRESS")
    assert member_ids(client, studio_id, profile_id) == [ALICE]


# -- DeleteLaunchProfileMember ----------------------------------------------


def test_delete_launch_profile_member(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE, BOB)
    raw = raw_responses(client, "DeleteLaunchProfileMember")
    response = client.delete_launch_profile_member(
        studioId=studio_id, launchProfileId=profile_id, principalId=ALICE
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert raw == [(200, b"{}")]
    assert member_ids(client, studio_id, profile_id) == [BOB]
    assert_not_a_member(client, studio_id, profile_id, ALICE)


def test_delete_launch_profile_member_unknown_principal(client, ids):
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.delete_launch_profile_member(
            studioId=studio_id, launchProfileId=profile_id, principalId=BOB
        )
    not_found(excinfo, BOB)
    assert member_ids(client, studio_id, profile_id) == [ALICE]


def test_delete_launch_profile_member_profile_being_deleted(client, ids):
    # A profile on its way out keeps its members until they are removed.
    studio_id, profile_id = ids
    put(client, studio_id, profile_id, ALICE, BOB)
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    client.delete_launch_profile_member(
        studioId=studio_id, launchProfileId=profile_id, principalId=ALICE
    )
    assert member_ids(client, studio_id, profile_id) == [BOB]


# -- check_session_owner (strict membership mode) ---------------------------


@pytest.fixture
def studio_and_profile() -> tuple[Studio, LaunchProfile]:
    """A studio with ALICE as administrator, and a profile with BOB as user."""
    studio = Studio(
        ACCOUNT,
        REGION,
        "arn:aws:iam::123456789012:role/A",
        "studio",
        "studio",
        "arn:aws:iam::123456789012:role/U",
        None,
        None,
    )
    profile = LaunchProfile(
        studio,
        "profile",
        [],
        ["2021-03-31"],
        {"ec2InstanceTypes": ["g4dn.xlarge"], "streamingImageIds": [MISSING_ID]},
        [],
        None,
        None,
    )
    studio.members[ALICE] = StudioMember(ALICE, "ADMINISTRATOR", STORE, 1)
    profile.members[BOB] = LaunchProfileMember(BOB, "USER", STORE, 2)
    return studio, profile


@pytest.mark.parametrize("setting", [None, "false", "1", ""])
def test_check_session_owner_off(monkeypatch, studio_and_profile, setting):
    if setting is None:
        monkeypatch.delenv(STRICT_MEMBERSHIP_ENV, raising=False)
    else:
        monkeypatch.setenv(STRICT_MEMBERSHIP_ENV, setting)
    studio, profile = studio_and_profile
    for owner in (ALICE, BOB, "stranger"):
        check_session_owner(studio, profile, owner)  # allowed: nothing raised


@pytest.mark.parametrize("setting", ["true", "TRUE", "True"])
def test_check_session_owner_strict(monkeypatch, studio_and_profile, setting):
    monkeypatch.setenv(STRICT_MEMBERSHIP_ENV, setting)
    studio, profile = studio_and_profile
    check_session_owner(studio, profile, ALICE)  # studio administrator
    check_session_owner(studio, profile, BOB)  # user of the profile
    with pytest.raises(AccessDeniedException) as excinfo:
        check_session_owner(studio, profile, "stranger")
    assert "stranger" in excinfo.value.message
    assert profile.launch_profile_id in excinfo.value.message


def test_check_session_owner_strict_member_of_other_profile(
    monkeypatch, studio_and_profile
):
    monkeypatch.setenv(STRICT_MEMBERSHIP_ENV, "true")
    studio, _ = studio_and_profile
    other = LaunchProfile(
        studio,
        "other",
        [],
        ["2021-03-31"],
        {"ec2InstanceTypes": ["g4dn.xlarge"], "streamingImageIds": [MISSING_ID]},
        [],
        None,
        None,
    )
    with pytest.raises(AccessDeniedException):
        check_session_owner(studio, other, BOB)
    check_session_owner(studio, other, ALICE)


def test_check_session_owner_reads_environment_each_call(
    monkeypatch, studio_and_profile
):
    studio, profile = studio_and_profile
    monkeypatch.setenv(STRICT_MEMBERSHIP_ENV, "true")
    with pytest.raises(AccessDeniedException):
        check_session_owner(studio, profile, "stranger")
    monkeypatch.setenv(STRICT_MEMBERSHIP_ENV, "false")
    check_session_owner(studio, profile, "stranger")
