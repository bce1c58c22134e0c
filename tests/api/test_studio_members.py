"""PutStudioMembers, GetStudioMember, ListStudioMembers, DeleteStudioMember."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    ALICE,
    BOB,
    OTHER_STORE,
    STORE,
    assert_error,
    create_studio,
    raw_responses,
)


def admin(principal_id: str) -> dict[str, str]:
    return {"principalId": principal_id, "persona": "ADMINISTRATOR"}


def put(client: Any, studio_id: str, *principals: str, store: str = STORE) -> Any:
    return client.put_studio_members(
        studioId=studio_id,
        identityStoreId=store,
        members=[admin(p) for p in principals],
    )


def members(client: Any, studio_id: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = client.list_studio_members(studioId=studio_id)[
        "members"
    ]
    return listed


def member_ids(client: Any, studio_id: str) -> list[str]:
    return [m["principalId"] for m in members(client, studio_id)]


# -- PutStudioMembers -------------------------------------------------------


def test_put_studio_members(client, studio_id):
    raw = raw_responses(client, "PutStudioMembers")
    response = put(client, studio_id, ALICE, BOB)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert raw == [(200, b"{}")]
    assert members(client, studio_id) == [
        {"principalId": ALICE, "persona": "ADMINISTRATOR", "identityStoreId": STORE},
        {"principalId": BOB, "persona": "ADMINISTRATOR", "identityStoreId": STORE},
    ]


def test_put_studio_members_upsert(client, studio_id):
    put(client, studio_id, ALICE, BOB)
    put(client, studio_id, BOB, "carol", store=OTHER_STORE)
    # BOB is updated in place (same position), carol is added at the end
    assert members(client, studio_id) == [
        {"principalId": ALICE, "persona": "ADMINISTRATOR", "identityStoreId": STORE},
        {
            "principalId": BOB,
            "persona": "ADMINISTRATOR",
            "identityStoreId": OTHER_STORE,
        },
        {
            "principalId": "carol",
            "persona": "ADMINISTRATOR",
            "identityStoreId": OTHER_STORE,
        },
    ]


def test_put_studio_members_twenty(client, studio_id):
    principals = [f"user-{i:02}" for i in range(20)]
    put(client, studio_id, *principals)
    assert member_ids(client, studio_id) == principals


def test_put_studio_members_too_many(client, studio_id):
    put(client, studio_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, *[f"user-{i:02}" for i in range(21)])
    assert_error(excinfo, "ValidationException", 400, "members")
    assert member_ids(client, studio_id) == [ALICE]


def test_put_studio_members_no_members(raw_client, studio_id):
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.put_studio_members(studioId=studio_id, identityStoreId=STORE, members=[])
    assert_error(excinfo, "ValidationException", 400, "members")
    assert member_ids(client, studio_id) == []


def test_put_studio_members_invalid_persona(client, studio_id):
    with pytest.raises(ClientError) as excinfo:
        client.put_studio_members(
            studioId=studio_id,
            identityStoreId=STORE,
            members=[admin(ALICE), {"principalId": BOB, "persona": "USER"}],
        )
    assert_error(excinfo, "ValidationException", 400, "members.2.persona")
    assert member_ids(client, studio_id) == []


def test_put_studio_members_missing_identity_store_id(raw_client, studio_id):
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.put_studio_members(studioId=studio_id, members=[admin(ALICE)])
    assert_error(excinfo, "ValidationException", 400, "identityStoreId")
    assert member_ids(client, studio_id) == []


def test_put_studio_members_empty_identity_store_id(client, studio_id):
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, ALICE, store="")
    assert_error(excinfo, "ValidationException", 400, "identityStoreId")
    assert member_ids(client, studio_id) == []


def test_put_studio_members_missing_principal_id(raw_client, studio_id):
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.put_studio_members(
            studioId=studio_id,
            identityStoreId=STORE,
            members=[{"persona": "ADMINISTRATOR"}],
        )
    assert_error(excinfo, "ValidationException", 400, "principalId")
    assert member_ids(client, studio_id) == []


def test_put_studio_members_empty_principal_id(client, studio_id):
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, ALICE, "")
    assert_error(excinfo, "ValidationException", 400, "members.2.principalId")
    assert member_ids(client, studio_id) == []


def test_put_studio_members_studio_not_ready(client):
    studio_id = create_studio(client, "fresh")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        put(client, studio_id, ALICE)
    assert_error(excinfo, "ConflictException", 409, "CREATE_IN_PROGRESS")
    client.get_studio(studioId=studio_id)  # READY now
    assert member_ids(client, studio_id) == []


def test_put_studio_members_per_studio(client, factory, studio_id):
    other = factory.studio("other")["studioId"]
    put(client, studio_id, ALICE)
    put(client, other, BOB)
    assert member_ids(client, studio_id) == [ALICE]
    assert member_ids(client, other) == [BOB]


# -- GetStudioMember --------------------------------------------------------


def test_get_studio_member(client, studio_id):
    put(client, studio_id, ALICE, BOB)
    member = client.get_studio_member(studioId=studio_id, principalId=BOB)["member"]
    assert member == {
        "principalId": BOB,
        "persona": "ADMINISTRATOR",
        "identityStoreId": STORE,
    }


def test_get_studio_member_unknown_principal(client, studio_id):
    put(client, studio_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.get_studio_member(studioId=studio_id, principalId=BOB)
    response = assert_error(excinfo, "ResourceNotFoundException", 404, BOB)
    assert response["context"] == {"resourceId": BOB}


def test_get_studio_member_of_other_studio(client, factory, studio_id):
    other = factory.studio("other")["studioId"]
    put(client, other, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.get_studio_member(studioId=studio_id, principalId=ALICE)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": ALICE}


# -- ListStudioMembers ------------------------------------------------------


def test_list_studio_members(client, studio_id):
    listed = client.list_studio_members(studioId=studio_id)
    assert listed["members"] == []
    assert "nextToken" not in listed
    put(client, studio_id, ALICE)
    assert member_ids(client, studio_id) == [ALICE]


def test_list_studio_members_max_results(client, studio_id):
    principals = [f"user-{i:02}" for i in range(5)]
    put(client, studio_id, *principals)
    first = client.list_studio_members(studioId=studio_id, maxResults=2)
    assert [m["principalId"] for m in first["members"]] == principals[:2]
    second = client.list_studio_members(
        studioId=studio_id, maxResults=2, nextToken=first["nextToken"]
    )
    assert [m["principalId"] for m in second["members"]] == principals[2:4]
    last = client.list_studio_members(
        studioId=studio_id, maxResults=2, nextToken=second["nextToken"]
    )
    assert [m["principalId"] for m in last["members"]] == principals[4:]
    assert "nextToken" not in last


def test_list_studio_members_page_cap(client, studio_id):
    principals = [f"user-{i:02}" for i in range(25)]
    put(client, studio_id, *principals[:20])
    put(client, studio_id, *principals[20:])
    for max_results in (None, 100):
        kwargs = {"maxResults": max_results} if max_results else {}
        first = client.list_studio_members(studioId=studio_id, **kwargs)
        assert [m["principalId"] for m in first["members"]] == principals[:20]
        rest = client.list_studio_members(
            studioId=studio_id, nextToken=first["nextToken"], **kwargs
        )
        assert [m["principalId"] for m in rest["members"]] == principals[20:]
        assert "nextToken" not in rest


def test_list_studio_members_paginator(client, studio_id):
    principals = [f"user-{i:02}" for i in range(7)]
    put(client, studio_id, *principals)
    pages = list(
        client.get_paginator("list_studio_members").paginate(
            studioId=studio_id, PaginationConfig={"PageSize": 3}
        )
    )
    assert [len(page["members"]) for page in pages] == [3, 3, 1]
    assert [m["principalId"] for page in pages for m in page["members"]] == principals


def test_list_studio_members_changes_between_pages(client, studio_id):
    put(client, studio_id, "a", "b", "c", "d")
    first = client.list_studio_members(studioId=studio_id, maxResults=2)
    assert [m["principalId"] for m in first["members"]] == ["a", "b"]
    # a member already listed goes away, the first of the next page too,
    # and a re-added member moves to the end
    client.delete_studio_member(studioId=studio_id, principalId="a")
    client.delete_studio_member(studioId=studio_id, principalId="c")
    put(client, studio_id, "b", "a")
    rest = client.list_studio_members(
        studioId=studio_id, maxResults=2, nextToken=first["nextToken"]
    )
    assert [m["principalId"] for m in rest["members"]] == ["d", "a"]
    assert "nextToken" not in rest


@pytest.mark.parametrize("max_results", [0, 101])
def test_list_studio_members_max_results_out_of_range(
    raw_client, studio_id, max_results
):
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.list_studio_members(studioId=studio_id, maxResults=max_results)
    assert_error(excinfo, "ValidationException", 400, "maxResults")


def test_list_studio_members_invalid_next_token(client, studio_id):
    put(client, studio_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.list_studio_members(studioId=studio_id, nextToken="not-a-token")
    assert_error(excinfo, "ValidationException", 400, "nextToken")


# -- DeleteStudioMember -----------------------------------------------------


def test_delete_studio_member(client, studio_id):
    put(client, studio_id, ALICE, BOB)
    raw = raw_responses(client, "DeleteStudioMember")
    response = client.delete_studio_member(studioId=studio_id, principalId=ALICE)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert raw == [(200, b"{}")]
    assert member_ids(client, studio_id) == [BOB]
    with pytest.raises(ClientError) as excinfo:
        client.get_studio_member(studioId=studio_id, principalId=ALICE)
    assert_error(excinfo, "ResourceNotFoundException", 404)


def test_delete_studio_member_unknown_principal(client, studio_id):
    put(client, studio_id, ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.delete_studio_member(studioId=studio_id, principalId=BOB)
    response = assert_error(excinfo, "ResourceNotFoundException", 404, BOB)
    assert response["context"] == {"resourceId": BOB}
    assert member_ids(client, studio_id) == [ALICE]


def test_delete_studio_member_twice(client, studio_id):
    put(client, studio_id, ALICE)
    client.delete_studio_member(studioId=studio_id, principalId=ALICE)
    with pytest.raises(ClientError) as excinfo:
        client.delete_studio_member(studioId=studio_id, principalId=ALICE)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": ALICE}


def test_delete_studio_member_studio_updating(client, studio_id):
    # Deleting a member, like every Delete, needs the studio only to be live.
    put(client, studio_id, ALICE, BOB)
    client.update_studio(studioId=studio_id, displayName="renamed")
    client.delete_studio_member(studioId=studio_id, principalId=ALICE)
    assert member_ids(client, studio_id) == [BOB]
