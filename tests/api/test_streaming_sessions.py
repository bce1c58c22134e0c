"""CreateStreamingSession (seed operation), GetStreamingSession,
ListStreamingSessions, DeleteStreamingSession, StopStreamingSession,
StartStreamingSession."""

from __future__ import annotations

from datetime import timedelta
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


def session_ids(client: Any, studio_id: str, **kwargs: Any) -> list[str]:
    sessions = client.list_streaming_sessions(studioId=studio_id, **kwargs)["sessions"]
    return [s["sessionId"] for s in sessions]


@pytest.fixture
def ready(factory: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(studioId, image, launch profile) with the default stream configuration."""
    studio, _, image, profile = factory.ready_profile()
    return studio["studioId"], image, profile


@pytest.fixture
def stoppable(factory: Any) -> tuple[str, str]:
    """(studioId, launchProfileId) of a profile whose sessions can be stopped."""
    studio, *_, profile = factory.ready_profile(stream_configuration=STOPPABLE)
    return studio["studioId"], profile["launchProfileId"]


@pytest.fixture
def stopped(
    client: Any, factory: Any, stoppable: tuple[str, str]
) -> tuple[str, dict[str, Any]]:
    """(studioId, session) for a session that is STOPPED."""
    studio_id, profile_id = stoppable
    session_id = factory.session(studio_id, profile_id)["sessionId"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    return studio_id, get_session(client, studio_id, session_id)


def test_create_streaming_session(client, ready):
    studio_id, image, profile = ready
    session = client.create_streaming_session(
        studioId=studio_id,
        launchProfileId=profile["launchProfileId"],
        tags={"shot": "010"},
    )["session"]

    session_id = session["sessionId"]
    assert ID_PATTERN.match(session_id)
    assert set(session) == {
        "arn",
        "backupMode",
        "createdAt",
        "createdBy",
        "ec2InstanceType",
        "launchProfileId",
        "ownedBy",
        "sessionId",
        "sessionPersistenceMode",
        "startedAt",
        "startedBy",
        "state",
        "statusCode",
        "statusMessage",
        "streamingImageId",
        "tags",
        "terminateAt",
        "updatedAt",
        "updatedBy",
    }
    assert (
        session["arn"]
        == f"arn:aws:nimble:{REGION}:{ACCOUNT}:streaming-session/{session_id}"
    )
    assert session["state"] == "CREATE_IN_PROGRESS"
    assert session["statusCode"] == "STREAMING_SESSION_CREATE_IN_PROGRESS"
    assert session["statusMessage"]
    assert session["launchProfileId"] == profile["launchProfileId"]
    # defaults: the first instance type and image of the profile, the caller as owner
    assert session["ec2InstanceType"] == "g4dn.xlarge"
    assert session["streamingImageId"] == image["streamingImageId"]
    assert session["createdBy"]
    assert session["ownedBy"] == session["createdBy"]
    assert session["startedBy"] == session["createdBy"]
    assert session["updatedBy"] == session["createdBy"]
    assert session["updatedAt"] == session["createdAt"]
    assert session["startedAt"] == session["createdAt"]
    # maxStoppedSessionLengthInMinutes 0: the session ends (is terminated) at
    # startedAt + maxSessionLengthInMinutes, and has no stopAt
    assert session["terminateAt"] == session["startedAt"] + timedelta(minutes=690)
    # copied from the profile's stream configuration
    assert session["sessionPersistenceMode"] == "DEACTIVATED"
    assert session["backupMode"] == "DEACTIVATED"
    assert session["tags"] == {"shot": "010"}


def test_create_streaming_session_explicit_choices(client, factory, ready):
    studio_id, image, profile = ready
    second_image = factory.image(studio_id, name="second")["streamingImageId"]
    client.update_launch_profile(
        studioId=studio_id,
        launchProfileId=profile["launchProfileId"],
        streamConfiguration={
            **{
                k: profile["streamConfiguration"][k]
                for k in ("clipboardMode", "ec2InstanceTypes")
            },
            "streamingImageIds": [image["streamingImageId"], second_image],
        },
    )
    client.get_launch_profile(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )

    session = client.create_streaming_session(
        studioId=studio_id,
        launchProfileId=profile["launchProfileId"],
        ec2InstanceType="g4dn.2xlarge",
        streamingImageId=second_image,
        ownedBy="alice",
    )["session"]
    assert session["ec2InstanceType"] == "g4dn.2xlarge"
    assert session["streamingImageId"] == second_image
    assert session["ownedBy"] == "alice"
    assert session["createdBy"] != "alice"


def test_create_streaming_session_copies_persistence_settings(client, factory):
    studio, *_, profile = factory.ready_profile(
        stream_configuration={
            **STOPPABLE,
            "maxSessionLengthInMinutes": 120,
            "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 3},
        }
    )
    session = client.create_streaming_session(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["session"]

    assert session["sessionPersistenceMode"] == "ACTIVATED"
    assert session["automaticTerminationMode"] == "ACTIVATED"
    assert session["backupMode"] == "AUTOMATIC"
    assert session["maxBackupsToRetain"] == 3
    assert session["volumeConfiguration"] == {
        "size": 500,
        "throughput": 125,
        "iops": 3000,
    }
    # maxStoppedSessionLengthInMinutes > 0: the session is stopped, not
    # terminated, at startedAt + maxSessionLengthInMinutes
    assert session["stopAt"] == session["startedAt"] + timedelta(minutes=120)
    assert "terminateAt" not in session


def test_create_streaming_session_without_launch_profile_id(raw_client, ready):
    # Required in the final model (the seed page still says "Required: No").
    studio_id = ready[0]
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(studioId=studio_id)
    assert_error(excinfo, "ValidationException", 400, "launchProfileId")
    assert session_ids(client, studio_id) == []


def test_create_streaming_session_unknown_studio(client, ready):
    studio_id, _, profile = ready
    unknown = UNKNOWN_STUDIO
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(
            studioId=unknown, launchProfileId=profile["launchProfileId"]
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404, unknown)
    assert response["context"] == {"resourceId": unknown}
    assert session_ids(client, studio_id) == []


def test_create_streaming_session_unknown_launch_profile(client, ready):
    studio_id = ready[0]
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(studioId=studio_id, launchProfileId=MISSING_ID)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    assert session_ids(client, studio_id) == []


def test_create_streaming_session_launch_profile_of_other_studio(
    client, factory, ready
):
    profile_id = ready[2]["launchProfileId"]
    other = factory.studio(name="other")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(studioId=other, launchProfileId=profile_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": profile_id}
    assert session_ids(client, other) == []


def test_create_streaming_session_deleted_launch_profile(client, ready):
    studio_id, _, profile = ready
    profile_id = profile["launchProfileId"]
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)  # DELETED
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(studioId=studio_id, launchProfileId=profile_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": profile_id}
    assert session_ids(client, studio_id) == []


def test_create_streaming_session_launch_profile_not_ready(client, ready):
    studio_id, image, profile = ready
    profile_id = client.create_launch_profile(
        studioId=studio_id,
        name="fresh",
        ec2SubnetIds=[],
        launchProfileProtocolVersions=profile["launchProfileProtocolVersions"],
        studioComponentIds=profile["studioComponentIds"],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [image["streamingImageId"]],
        },
    )["launchProfile"]["launchProfileId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(studioId=studio_id, launchProfileId=profile_id)
    assert_error(excinfo, "ConflictException", 409)
    assert session_ids(client, studio_id) == []


def test_create_streaming_session_instance_type_not_in_profile(client, ready):
    studio_id, _, profile = ready
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(
            studioId=studio_id,
            launchProfileId=profile["launchProfileId"],
            ec2InstanceType="g5.xlarge",
        )
    assert_error(excinfo, "ValidationException", 400, "g5.xlarge")
    assert session_ids(client, studio_id) == []


def test_create_streaming_session_image_not_in_profile(client, factory, ready):
    studio_id, _, profile = ready
    other_image = factory.image(studio_id, name="other")["streamingImageId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(
            studioId=studio_id,
            launchProfileId=profile["launchProfileId"],
            streamingImageId=other_image,
        )
    assert_error(excinfo, "ValidationException", 400, other_image)
    assert session_ids(client, studio_id) == []


def test_get_streaming_session(client, ready):
    studio_id, _, profile = ready
    session_id = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )["session"]["sessionId"]

    session = get_session(client, studio_id, session_id)
    assert session["sessionId"] == session_id
    assert session["state"] == "READY"
    assert session["statusCode"] == "STREAMING_SESSION_READY"


def test_list_streaming_sessions(client, factory, ready):
    studio_id, _, profile = ready
    created = [factory.session(studio_id, profile["launchProfileId"]) for _ in range(3)]

    listed = client.list_streaming_sessions(studioId=studio_id)
    assert "nextToken" not in listed
    assert [s["sessionId"] for s in listed["sessions"]] == [
        s["sessionId"] for s in created
    ]
    assert all(s["state"] == "READY" for s in listed["sessions"])


def test_list_streaming_sessions_owned_by(client, factory, ready):
    studio_id, _, profile = ready
    profile_id = profile["launchProfileId"]
    alice = [
        factory.session(studio_id, profile_id, ownedBy="alice")["sessionId"]
        for _ in range(2)
    ]
    factory.session(studio_id, profile_id, ownedBy="bob")
    assert session_ids(client, studio_id, ownedBy="alice") == alice
    assert session_ids(client, studio_id, ownedBy="nobody") == []


def test_list_streaming_sessions_created_by(client, factory, ready):
    studio_id, _, profile = ready
    session = factory.session(studio_id, profile["launchProfileId"], ownedBy="alice")
    assert session_ids(client, studio_id, createdBy=session["createdBy"]) == [
        session["sessionId"]
    ]
    assert session_ids(client, studio_id, createdBy="alice") == []


def test_list_streaming_sessions_session_ids(client, factory, ready):
    studio_id, _, profile = ready
    first, second, third = (
        factory.session(studio_id, profile["launchProfileId"])["sessionId"]
        for _ in range(3)
    )
    assert session_ids(client, studio_id, sessionIds=f"{third},{first}") == [
        first,
        third,
    ]
    assert session_ids(client, studio_id, sessionIds=f" {second} , {MISSING_ID}") == [
        second
    ]


def test_list_streaming_sessions_omits_deleted(client, factory, ready):
    studio_id, _, profile = ready
    keep, gone = (
        factory.session(studio_id, profile["launchProfileId"])["sessionId"]
        for _ in range(2)
    )
    client.delete_streaming_session(studioId=studio_id, sessionId=gone)
    get_session(client, studio_id, gone)  # DELETED
    assert session_ids(client, studio_id) == [keep]


def test_delete_streaming_session(client, factory, ready):
    studio_id, _, profile = ready
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]

    deleted = client.delete_streaming_session(studioId=studio_id, sessionId=session_id)[
        "session"
    ]
    assert deleted["state"] == "DELETE_IN_PROGRESS"
    assert deleted["statusCode"] == "STREAMING_SESSION_DELETE_IN_PROGRESS"

    settled = get_session(client, studio_id, session_id)
    assert settled["state"] == "DELETED"
    assert settled["statusCode"] == "STREAMING_SESSION_DELETED"


def test_delete_streaming_session_again(client, factory, ready):
    studio_id, _, profile = ready
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    client.delete_streaming_session(studioId=studio_id, sessionId=session_id)
    get_session(client, studio_id, session_id)

    again = client.delete_streaming_session(studioId=studio_id, sessionId=session_id)
    assert again["session"]["state"] == "DELETED"


def test_delete_streaming_session_stopped(client, stopped):
    studio_id, session = stopped
    client.delete_streaming_session(studioId=studio_id, sessionId=session["sessionId"])
    assert get_session(client, studio_id, session["sessionId"])["state"] == "DELETED"


def test_stop_streaming_session(client, factory, stoppable):
    studio_id, profile_id = stoppable
    before = factory.session(studio_id, profile_id)
    session_id = before["sessionId"]

    stopping = client.stop_streaming_session(
        studioId=studio_id, sessionId=session_id, volumeRetentionMode="RETAIN"
    )["session"]
    assert stopping["state"] == "STOP_IN_PROGRESS"
    assert stopping["statusCode"] == "STREAMING_SESSION_STOP_IN_PROGRESS"
    assert stopping["stoppedAt"] >= before["startedAt"]
    assert stopping["stoppedBy"] == before["createdBy"]

    session = get_session(client, studio_id, session_id)
    assert session["state"] == "STOPPED"
    assert session["statusCode"] == "STREAMING_SESSION_STOPPED"
    assert session["stoppedAt"] == stopping["stoppedAt"]
    assert session["stoppedBy"] == before["createdBy"]
    assert session["volumeRetentionMode"] == "RETAIN"
    assert "stopAt" not in session
    # automaticTerminationMode ACTIVATED: terminated maxStopped minutes after the stop
    assert session["terminateAt"] == session["stoppedAt"] + timedelta(minutes=60)


def test_stop_streaming_session_not_ready(client, stopped):
    studio_id, session = stopped
    with pytest.raises(ClientError) as excinfo:
        client.stop_streaming_session(
            studioId=studio_id, sessionId=session["sessionId"]
        )
    assert_error(excinfo, "ConflictException", 409)
    after = get_session(client, studio_id, session["sessionId"])
    assert after["state"] == "STOPPED"
    assert after["stoppedAt"] == session["stoppedAt"]


def test_stop_streaming_session_creating(client, stoppable):
    studio_id, profile_id = stoppable
    session_id = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile_id
    )["session"]["sessionId"]
    with pytest.raises(ClientError) as excinfo:
        client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    assert_error(excinfo, "ConflictException", 409)
    after = get_session(client, studio_id, session_id)
    assert after["state"] == "READY"
    assert "stoppedAt" not in after


def test_stop_streaming_session_not_stoppable(client, factory, ready):
    studio_id, _, profile = ready
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    with pytest.raises(ClientError) as excinfo:
        client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    assert_error(excinfo, "ValidationException", 400)
    after = get_session(client, studio_id, session_id)
    assert after["state"] == "READY"
    assert "stoppedAt" not in after


@pytest.mark.parametrize(
    ("configuration", "can_stop"),
    [
        ({**STOPPABLE, "maxStoppedSessionLengthInMinutes": 0}, False),
        ({"sessionPersistenceMode": "ACTIVATED"}, True),
        (
            {
                "sessionPersistenceMode": "ACTIVATED",
                "automaticTerminationMode": "DEACTIVATED",
            },
            True,
        ),
    ],
    ids=["terminating-after-0-minutes", "persistent", "persistent-never-terminated"],
)
def test_which_sessions_can_stop(client, factory, configuration, can_stop):
    """The model's maxStoppedSessionLengthInMinutes: with automatic termination
    on, 0 means sessions "can't be STOPPED"; with it off, a persistent session
    may stay STOPPED for ever."""
    studio, *_, profile = factory.ready_profile(stream_configuration=configuration)
    ids = {
        "studioId": studio["studioId"],
        "sessionId": factory.session(studio["studioId"], profile["launchProfileId"])[
            "sessionId"
        ],
    }

    if can_stop:
        client.stop_streaming_session(**ids)
        assert (
            get_session(client, ids["studioId"], ids["sessionId"])["state"] == "STOPPED"
        )
    else:
        with pytest.raises(ClientError) as excinfo:
            client.stop_streaming_session(**ids)
        assert_error(excinfo, "ValidationException", 400, "cannot be stopped")
        assert (
            get_session(client, ids["studioId"], ids["sessionId"])["state"] == "READY"
        )


def test_start_streaming_session(client, stopped):
    studio_id, session = stopped
    session_id = session["sessionId"]

    starting = client.start_streaming_session(studioId=studio_id, sessionId=session_id)[
        "session"
    ]
    assert starting["state"] == "START_IN_PROGRESS"
    assert starting["statusCode"] == "STREAMING_SESSION_START_IN_PROGRESS"

    started = get_session(client, studio_id, session_id)
    assert started["state"] == "READY"
    assert started["statusCode"] == "STREAMING_SESSION_STARTED"
    assert started["startedAt"] >= session["stoppedAt"]
    assert started["startedBy"] == session["createdBy"]
    assert started["stopAt"] == started["startedAt"] + timedelta(minutes=690)
    assert "startedFromBackupId" not in started


def test_start_streaming_session_not_stopped(client, factory, stoppable):
    studio_id, profile_id = stoppable
    session = factory.session(studio_id, profile_id)
    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=studio_id, sessionId=session["sessionId"]
        )
    assert_error(excinfo, "ConflictException", 409)
    after = get_session(client, studio_id, session["sessionId"])
    assert after["state"] == "READY"
    assert after["startedAt"] == session["startedAt"]


def test_start_streaming_session_unknown_backup(client, stopped):
    studio_id, session = stopped
    with pytest.raises(ClientError) as excinfo:
        client.start_streaming_session(
            studioId=studio_id, sessionId=session["sessionId"], backupId=MISSING_ID
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    assert get_session(client, studio_id, session["sessionId"])["state"] == "STOPPED"


def test_create_streaming_session_strict_membership(client, factory, monkeypatch):
    monkeypatch.setenv("MOTO_NIMBLE_STRICT_MEMBERSHIP", "true")
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    artist = "92677b4b19-e9fd012a-94ad-4f16-9866-c69a63ab6486"
    admin = "EXAMPLE111-e9fd012a-94ad-4f16-9866-c69a63ab6486"

    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(
            studioId=studio_id, launchProfileId=profile_id, ownedBy=artist
        )
    assert_error(excinfo, "AccessDeniedException", 403, artist)
    assert session_ids(client, studio_id) == []

    member = {"principalId": artist, "persona": "USER"}
    client.put_launch_profile_members(
        studioId=studio_id,
        launchProfileId=profile_id,
        identityStoreId="d-EXAMPLE111",
        members=[member],
    )
    client.put_studio_members(
        studioId=studio_id,
        identityStoreId="d-EXAMPLE111",
        members=[{"principalId": admin, "persona": "ADMINISTRATOR"}],
    )
    for owner in (artist, admin):
        session = client.create_streaming_session(
            studioId=studio_id, launchProfileId=profile_id, ownedBy=owner
        )["session"]
        assert session["ownedBy"] == owner


def test_create_streaming_session_membership_not_enforced_by_default(
    client, ready, monkeypatch
):
    monkeypatch.delenv("MOTO_NIMBLE_STRICT_MEMBERSHIP", raising=False)
    studio_id, _, profile = ready
    session = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile["launchProfileId"], ownedBy="nobody"
    )["session"]
    assert session["ownedBy"] == "nobody"
