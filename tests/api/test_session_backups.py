"""Streaming session backups: taken when a session with backupMode AUTOMATIC
stops, trimmed to maxBackupsToRetain, read with GetStreamingSessionBackup and
ListStreamingSessionBackups, restored with StartStreamingSession(backupId)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    ACCOUNT,
    ID_PATTERN,
    MISSING_ID,
    REGION,
    STOPPABLE,
    UNKNOWN_STUDIO,
    assert_error,
    get_session,
)

from moto_nimble.sessions import boto3_session

BACKED_UP = {
    **STOPPABLE,
    "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 2},
}
FIELDS = {
    "arn",
    "backupId",
    "createdAt",
    "launchProfileId",
    "ownedBy",
    "sessionId",
    "state",
    "statusCode",
    "statusMessage",
    "tags",
}


def stop_slowly(nimble: Any, studio_id: str, profile_id: str) -> str:
    """With states settling on the second read, a session made READY and then
    stopped (its backup still to settle): its ID_PATTERN."""
    client = nimble.client
    nimble.set_transition(
        "nimble::streaming_session", {"progression": "manual", "times": 2}
    )
    session_id: str = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile_id
    )["session"]["sessionId"]
    for _ in range(2):
        get_session(client, studio_id, session_id)
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    return session_id


def get_backup(client: Any, studio_id: str, backup_id: str) -> dict[str, Any]:
    return client.get_streaming_session_backup(studioId=studio_id, backupId=backup_id)[
        "streamingSessionBackup"
    ]


def list_backups(client: Any, studio_id: str, **kwargs: Any) -> list[dict[str, Any]]:
    backups: list[dict[str, Any]] = client.list_streaming_session_backups(
        studioId=studio_id, **kwargs
    )["streamingSessionBackups"]
    return backups


def backup_ids(client: Any, studio_id: str, **kwargs: Any) -> list[str]:
    return [b["backupId"] for b in list_backups(client, studio_id, **kwargs)]


def stop(client: Any, studio_id: str, session_id: str) -> dict[str, Any]:
    """Stop a READY session and read it back STOPPED."""
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    session = get_session(client, studio_id, session_id)
    assert session["state"] == "STOPPED"
    return session


def restart(
    client: Any, studio_id: str, session_id: str, **kwargs: Any
) -> dict[str, Any]:
    """Start a STOPPED session and read it back READY."""
    client.start_streaming_session(studioId=studio_id, sessionId=session_id, **kwargs)
    session = get_session(client, studio_id, session_id)
    assert session["state"] == "READY"
    return session


def cycle(client: Any, studio_id: str, session_id: str) -> str:
    """Stop and restart a session; the ID of the backup the stop took."""
    before = set(backup_ids(client, studio_id))
    stop(client, studio_id, session_id)
    (new,) = set(backup_ids(client, studio_id)) - before
    restart(client, studio_id, session_id)
    return str(new)


def profile(factory: Any, stream_configuration: dict[str, Any]) -> tuple[str, str]:
    studio, *_, launch_profile = factory.ready_profile(
        stream_configuration=stream_configuration
    )
    return studio["studioId"], launch_profile["launchProfileId"]


@pytest.fixture
def backed_up(factory: Any) -> tuple[str, str]:
    """(studioId, launchProfileId): stoppable sessions, AUTOMATIC backups, keep 2."""
    return profile(factory, BACKED_UP)


@pytest.fixture
def stopped(
    client: Any, factory: Any, backed_up: tuple[str, str]
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(studioId, STOPPED session owned by alice, its READY backup)."""
    studio_id, profile_id = backed_up
    session = factory.session(
        studio_id, profile_id, ownedBy="alice", tags={"shot": "010"}
    )
    session = stop(client, studio_id, session["sessionId"])
    (backup,) = list_backups(client, studio_id)
    return studio_id, session, backup


def test_stop_streaming_session_takes_backup(client, stopped, backed_up):
    studio_id, session, backup = stopped
    assert set(backup) == FIELDS
    assert ID_PATTERN.match(backup["backupId"])
    assert backup["arn"] == (
        f"arn:aws:nimble:{REGION}:{ACCOUNT}:streaming-session-backup/"
        f"{backup['backupId']}"
    )
    assert backup["sessionId"] == session["sessionId"]
    assert backup["launchProfileId"] == backed_up[1]
    assert backup["ownedBy"] == "alice"
    assert backup["createdAt"] >= session["stoppedAt"]
    assert backup["tags"] == {"shot": "010"}
    # the streaming-session enums; a List settles it like a Get
    assert backup["state"] == "READY"
    assert backup["statusCode"] == "STREAMING_SESSION_READY"
    assert get_backup(client, studio_id, backup["backupId"]) == backup


def test_stop_streaming_session_without_automatic_backup(client, factory):
    studio_id, profile_id = profile(factory, STOPPABLE)
    session_id = factory.session(studio_id, profile_id)["sessionId"]
    stop(client, studio_id, session_id)
    assert get_session(client, studio_id, session_id)["backupMode"] == "DEACTIVATED"
    assert list_backups(client, studio_id) == []


def test_stop_streaming_session_refused_takes_no_backup(client, backed_up):
    studio_id, profile_id = backed_up
    session_id = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile_id
    )["session"]["sessionId"]
    with pytest.raises(ClientError) as excinfo:  # still CREATE_IN_PROGRESS
        client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    assert_error(excinfo, "ConflictException", 409)
    assert list_backups(client, studio_id) == []


def test_backup_tags_are_a_copy(client, stopped):
    studio_id, session, backup = stopped
    client.tag_resource(resourceArn=session["arn"], tags={"later": "yes"})
    assert get_backup(client, studio_id, backup["backupId"])["tags"] == {"shot": "010"}


def test_tag_resource_streaming_session_backup(client, stopped):
    studio_id, session, backup = stopped
    arn = backup["arn"]
    client.tag_resource(resourceArn=arn, tags={"keep": "forever"})
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {
        "shot": "010",
        "keep": "forever",
    }
    client.untag_resource(resourceArn=arn, tagKeys=["shot"])
    assert get_backup(client, studio_id, backup["backupId"])["tags"] == {
        "keep": "forever"
    }
    # the session's own tags are untouched
    assert client.list_tags_for_resource(resourceArn=session["arn"])["tags"] == {
        "shot": "010"
    }


def test_max_backups_to_retain(client, factory, backed_up):
    studio_id, profile_id = backed_up
    session_id = factory.session(studio_id, profile_id)["sessionId"]
    other_id = factory.session(studio_id, profile_id)["sessionId"]
    assert get_session(client, studio_id, session_id)["maxBackupsToRetain"] == 2
    other = cycle(client, studio_id, other_id)
    first, second = (cycle(client, studio_id, session_id) for _ in range(2))
    assert backup_ids(client, studio_id) == [other, first, second]

    third = cycle(client, studio_id, session_id)
    # the session's oldest goes; another session's backups do not count
    assert backup_ids(client, studio_id) == [other, second, third]
    gone = get_backup(client, studio_id, first)
    assert gone["state"] == "DELETED"
    assert gone["statusCode"] == "STREAMING_SESSION_DELETED"


def test_max_backups_to_retain_zero(client, factory):
    studio_id, profile_id = profile(
        factory,
        {**STOPPABLE, "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 0}},
    )
    session_id = factory.session(studio_id, profile_id)["sessionId"]
    stop(client, studio_id, session_id)
    assert list_backups(client, studio_id) == []


def test_get_streaming_session_backup(client, factory, backed_up):
    studio_id, profile_id = backed_up
    session = factory.session(studio_id, profile_id)
    stop(client, studio_id, session["sessionId"])
    backup_id = client.list_streaming_session_backups(studioId=studio_id)[
        "streamingSessionBackups"
    ][0]["backupId"]

    backup = get_backup(client, studio_id, backup_id)
    assert set(backup) == FIELDS
    assert backup["backupId"] == backup_id
    assert backup["sessionId"] == session["sessionId"]
    assert backup["ownedBy"] == session["ownedBy"]
    assert backup["tags"] == {}
    assert backup["state"] == "READY"


def test_get_streaming_session_backup_settles(nimble, backed_up):
    # Backups settle at the pace set for nimble::streaming_session.
    client = nimble.client
    studio_id, profile_id = backed_up
    stop_slowly(nimble, studio_id, profile_id)

    first, second = (list_backups(client, studio_id)[0] for _ in range(2))
    assert first["state"] == "CREATE_IN_PROGRESS"
    assert first["statusCode"] == "STREAMING_SESSION_CREATE_IN_PROGRESS"
    assert second["state"] == "READY"
    assert second["statusCode"] == "STREAMING_SESSION_READY"


def test_get_streaming_session_backup_unknown(client, stopped):
    studio_id, _, backup = stopped
    with pytest.raises(ClientError) as excinfo:
        get_backup(client, studio_id, MISSING_ID)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    assert backup_ids(client, studio_id) == [backup["backupId"]]


def test_get_streaming_session_backup_unknown_studio(client, stopped):
    studio_id, _, backup = stopped
    unknown = UNKNOWN_STUDIO
    with pytest.raises(ClientError) as excinfo:
        get_backup(client, unknown, backup["backupId"])
    response = assert_error(excinfo, "ResourceNotFoundException", 404, unknown)
    assert response["context"] == {"resourceId": unknown}
    assert backup_ids(client, studio_id) == [backup["backupId"]]


def test_get_streaming_session_backup_of_other_studio(client, factory, stopped):
    _, _, backup = stopped
    other = factory.studio(name="other")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        get_backup(client, other, backup["backupId"])
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": backup["backupId"]}
    assert list_backups(client, other) == []


def test_list_streaming_session_backups(client, factory, backed_up):
    studio_id, profile_id = backed_up
    first, second = (
        factory.session(studio_id, profile_id)["sessionId"] for _ in range(2)
    )
    expected = [
        cycle(client, studio_id, first),
        cycle(client, studio_id, second),
        cycle(client, studio_id, first),
    ]
    listed = client.list_streaming_session_backups(studioId=studio_id)
    assert "nextToken" not in listed
    assert [b["backupId"] for b in listed["streamingSessionBackups"]] == expected
    assert [b["sessionId"] for b in listed["streamingSessionBackups"]] == [
        first,
        second,
        first,
    ]


def test_list_streaming_session_backups_empty(client, backed_up):
    listed = client.list_streaming_session_backups(studioId=backed_up[0])
    assert listed["streamingSessionBackups"] == []
    assert "nextToken" not in listed


def test_list_streaming_session_backups_owned_by(client, factory, backed_up):
    studio_id, profile_id = backed_up
    alice = factory.session(studio_id, profile_id, ownedBy="alice")["sessionId"]
    bob = factory.session(studio_id, profile_id, ownedBy="bob")["sessionId"]
    alices = [cycle(client, studio_id, alice)]
    cycle(client, studio_id, bob)
    alices.append(cycle(client, studio_id, alice))

    assert backup_ids(client, studio_id, ownedBy="alice") == alices
    assert [b["ownedBy"] for b in list_backups(client, studio_id, ownedBy="bob")] == [
        "bob"
    ]
    assert backup_ids(client, studio_id, ownedBy="nobody") == []


@pytest.mark.parametrize("token", ["not-a-token", "bmltYmxlMTo5OTk="])
def test_list_streaming_session_backups_invalid_next_token(client, stopped, token):
    # "bmltYmxlMTo5OTk=" is a well-formed token for a position past the end
    studio_id, _, backup = stopped
    with pytest.raises(ClientError) as excinfo:
        client.list_streaming_session_backups(studioId=studio_id, nextToken=token)
    assert_error(excinfo, "ValidationException", 400, "nextToken")
    assert backup_ids(client, studio_id) == [backup["backupId"]]


def test_list_streaming_session_backups_paginator(nimble, factory):
    """103 backups (no maxBackupsToRetain: every one is kept) over pages of 100,
    in creation order, with the ownedBy filter applied across pages."""
    client = nimble.client
    nimble.set_transition("nimble::streaming_session", {"progression": "immediate"})
    studio_id, profile_id = profile(
        factory, {**STOPPABLE, "sessionBackup": {"mode": "AUTOMATIC"}}
    )

    def cycles(session_id: str, count: int) -> None:
        for _ in range(count):
            client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
            client.start_streaming_session(studioId=studio_id, sessionId=session_id)

    alice = factory.session(studio_id, profile_id, ownedBy="alice")["sessionId"]
    bob = factory.session(studio_id, profile_id, ownedBy="bob")["sessionId"]
    cycles(bob, 1)
    cycles(alice, 101)
    cycles(bob, 1)

    def pages(**kwargs: Any) -> list[list[dict[str, Any]]]:
        paginator = client.get_paginator("list_streaming_session_backups")
        return [
            page["streamingSessionBackups"]
            for page in paginator.paginate(studioId=studio_id, **kwargs)
        ]

    everything = pages()
    assert [len(page) for page in everything] == [100, 3]
    owners = [b["ownedBy"] for page in everything for b in page]
    assert owners == ["bob"] + ["alice"] * 101 + ["bob"]
    assert len({b["backupId"] for page in everything for b in page}) == 103
    stamps = [b["createdAt"] for page in everything for b in page]
    assert stamps == sorted(stamps)

    alices = pages(ownedBy="alice")
    assert [len(page) for page in alices] == [100, 1]
    assert [b["backupId"] for page in alices for b in page] == [
        b["backupId"] for page in everything for b in page if b["ownedBy"] == "alice"
    ]
    bobs = pages(ownedBy="bob")
    assert [[b["ownedBy"] for b in page] for page in bobs] == [["bob", "bob"]]


def test_start_streaming_session_from_backup(client, stopped):
    studio_id, session, backup = stopped
    session_id = session["sessionId"]

    starting = client.start_streaming_session(
        studioId=studio_id, sessionId=session_id, backupId=backup["backupId"]
    )["session"]
    assert starting["state"] == "START_IN_PROGRESS"
    assert starting["startedFromBackupId"] == backup["backupId"]
    started = get_session(client, studio_id, session_id)
    assert started["state"] == "READY"
    assert started["startedFromBackupId"] == backup["backupId"]
    # the backup stays, and can be used again
    assert get_backup(client, studio_id, backup["backupId"])["state"] == "READY"

    # a later start without a backup is not a restore
    stop(client, studio_id, session_id)
    assert "startedFromBackupId" not in restart(client, studio_id, session_id)


def test_start_streaming_session_backup_of_other_session(client, factory, stopped):
    studio_id, session, backup = stopped
    other_id = factory.session(studio_id, session["launchProfileId"])["sessionId"]
    stop(client, studio_id, other_id)
    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=studio_id, sessionId=other_id, backupId=backup["backupId"]
        )
    assert_error(
        excinfo, "ValidationException", 400, backup["backupId"], session["sessionId"]
    )
    after = get_session(client, studio_id, other_id)
    assert after["state"] == "STOPPED"
    assert "startedFromBackupId" not in after


def test_start_streaming_session_backup_of_same_owner(client, factory, stopped):
    """A backup restores any session of its owner: a user's work survives the
    session it was taken from."""
    studio_id, session, backup = stopped
    other_id = factory.session(
        studio_id, session["launchProfileId"], ownedBy=session["ownedBy"]
    )["sessionId"]
    stop(client, studio_id, other_id)

    restarted = restart(client, studio_id, other_id, backupId=backup["backupId"])

    assert restarted["startedFromBackupId"] == backup["backupId"]


def test_start_streaming_session_backup_not_ready(nimble, backed_up):
    client = nimble.client
    studio_id, profile_id = backed_up
    # two reads settle a session or a backup: the first List shows the backup
    # still CREATE_IN_PROGRESS
    session_id = stop_slowly(nimble, studio_id, profile_id)
    for _ in range(2):
        get_session(client, studio_id, session_id)
    (backup,) = list_backups(client, studio_id)
    assert backup["state"] == "CREATE_IN_PROGRESS"

    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=studio_id, sessionId=session_id, backupId=backup["backupId"]
        )
    assert_error(excinfo, "ValidationException", 400, "CREATE_IN_PROGRESS")
    after = get_session(client, studio_id, session_id)
    assert after["state"] == "STOPPED"
    assert "startedFromBackupId" not in after


def test_start_streaming_session_deleted_backup(client, factory, backed_up):
    studio_id, profile_id = backed_up
    session_id = factory.session(studio_id, profile_id)["sessionId"]
    first = cycle(client, studio_id, session_id)
    for _ in range(2):
        cycle(client, studio_id, session_id)
    assert get_backup(client, studio_id, first)["state"] == "DELETED"
    stop(client, studio_id, session_id)

    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=studio_id, sessionId=session_id, backupId=first
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": first}
    after = get_session(client, studio_id, session_id)
    assert after["state"] == "STOPPED"
    assert "startedFromBackupId" not in after


def test_start_streaming_session_backup_of_other_studio(client, factory, stopped):
    # a backup ID from another studio is unknown in this one, even for its own session
    studio_id, session, backup = stopped
    other_id = factory.studio(name="other")["studioId"]
    other_profile_id = factory.launch_profile(
        other_id,
        [factory.component(other_id)["studioComponentId"]],
        [factory.image(other_id)["streamingImageId"]],
        BACKED_UP,
    )["launchProfileId"]
    other_session = factory.session(other_id, other_profile_id)["sessionId"]
    stop(client, other_id, other_session)
    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=other_id, sessionId=other_session, backupId=backup["backupId"]
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": backup["backupId"]}
    assert get_session(client, other_id, other_session)["state"] == "STOPPED"
    assert get_session(client, studio_id, session["sessionId"])["state"] == "STOPPED"


def test_start_streaming_session_from_backup_not_stopped(client, stopped):
    studio_id, session, backup = stopped
    restart(client, studio_id, session["sessionId"])
    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=studio_id,
            sessionId=session["sessionId"],
            backupId=backup["backupId"],
        )
    assert_error(excinfo, "ConflictException", 409)
    assert "startedFromBackupId" not in get_session(
        client, studio_id, session["sessionId"]
    )


def test_backups_go_with_their_studio(nimble, client, factory):
    """A session's backups outlive it, not its studio: once the studio is
    deleted they are DELETED too, their tags out of reach like any deleted
    resource's."""
    studio, component, image, profile = factory.ready_profile(
        stream_configuration=BACKED_UP
    )
    studio_id = studio["studioId"]
    session = factory.session(studio_id, profile["launchProfileId"], tags={"a": "b"})
    stop(client, studio_id, session["sessionId"])
    (backup,) = list_backups(client, studio_id)
    for delete, get, key in (
        ("delete_streaming_session", "get_streaming_session", "sessionId"),
        ("delete_launch_profile", "get_launch_profile", "launchProfileId"),
        ("delete_studio_component", "get_studio_component", "studioComponentId"),
        ("delete_streaming_image", "get_streaming_image", "streamingImageId"),
    ):
        resource_id = {
            "sessionId": session,
            "launchProfileId": profile,
            "studioComponentId": component,
            "streamingImageId": image,
        }[key][key]
        getattr(client, delete)(studioId=studio_id, **{key: resource_id})
        getattr(client, get)(studioId=studio_id, **{key: resource_id})  # DELETED
    assert client.list_tags_for_resource(resourceArn=backup["arn"])["tags"] == {
        "a": "b"
    }

    client.delete_studio(studioId=studio_id)

    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "DELETED"
    with pytest.raises(ClientError) as excinfo:
        client.list_tags_for_resource(resourceArn=backup["arn"])
    assert_error(excinfo, "ResourceNotFoundException", 404)
    kwargs = {"endpoint_url": nimble.server_url} if nimble.server_url else {}
    tagging = boto3_session().client(
        "resourcegroupstaggingapi", region_name=REGION, **kwargs
    )
    listed = tagging.get_resources(ResourceTypeFilters=["nimble"])
    assert listed["ResourceTagMappingList"] == []
