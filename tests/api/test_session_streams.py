"""CreateStreamingSessionStream and GetStreamingSessionStream: DCV streams to a
READY session, closed when the session stops or is deleted."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    ID_PATTERN,
    MISSING_ID,
    REGION,
    STOPPABLE,
    UNKNOWN_STUDIO,
    assert_error,
    get_session,
)

CREATED_FIELDS = {
    "createdAt",
    "createdBy",
    "expiresAt",
    "ownedBy",
    "state",
    "statusCode",
    "streamId",
}


def get_stream(
    client: Any, studio_id: str, session_id: str, stream_id: str
) -> dict[str, Any]:
    return client.get_streaming_session_stream(
        studioId=studio_id, sessionId=session_id, streamId=stream_id
    )["stream"]


def create_stream(
    client: Any, studio_id: str, session_id: str, **kwargs: Any
) -> dict[str, Any]:
    return client.create_streaming_session_stream(
        studioId=studio_id, sessionId=session_id, **kwargs
    )["stream"]


@pytest.fixture
def stoppable(factory: Any) -> tuple[str, str]:
    """(studioId, launchProfileId) of a profile whose sessions can be stopped."""
    studio, *_, profile = factory.ready_profile(stream_configuration=STOPPABLE)
    return studio["studioId"], profile["launchProfileId"]


@pytest.fixture
def session(factory: Any, stoppable: tuple[str, str]) -> tuple[str, dict[str, Any]]:
    """(studioId, session) of a READY session owned by alice."""
    studio_id, profile_id = stoppable
    return studio_id, factory.session(studio_id, profile_id, ownedBy="alice")


def test_create_streaming_session_stream(client, session):
    studio_id, ready = session
    stream = create_stream(client, studio_id, ready["sessionId"])

    # no url until READY; no arn and no tags: streams are not taggable
    assert set(stream) == CREATED_FIELDS
    assert ID_PATTERN.match(stream["streamId"])
    assert stream["state"] == "CREATE_IN_PROGRESS"
    assert stream["statusCode"] == "STREAM_CREATE_IN_PROGRESS"
    assert stream["ownedBy"] == "alice"
    assert stream["createdBy"] == ready["createdBy"]
    assert stream["createdBy"] != "alice"
    assert stream["createdAt"] >= ready["createdAt"]
    # no expirationInSeconds: 120 s
    assert stream["expiresAt"] == stream["createdAt"] + timedelta(seconds=120)


@pytest.mark.parametrize("seconds", [60, 3600])
def test_create_streaming_session_stream_expiration(client, session, seconds):
    studio_id, ready = session
    stream = create_stream(
        client, studio_id, ready["sessionId"], expirationInSeconds=seconds
    )
    assert stream["expiresAt"] == stream["createdAt"] + timedelta(seconds=seconds)
    again = get_stream(client, studio_id, ready["sessionId"], stream["streamId"])
    assert again["expiresAt"] == stream["expiresAt"]


def test_create_streaming_session_stream_expiration_too_long(client, session):
    # botocore does not check the maximum: the server does
    studio_id, ready = session
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, studio_id, ready["sessionId"], expirationInSeconds=3601)
    assert_error(excinfo, "ValidationException", 400, "expirationInSeconds")
    assert get_session(client, studio_id, ready["sessionId"])["state"] == "READY"


def test_create_streaming_session_stream_expiration_too_short(raw_client, session):
    studio_id, ready = session
    client = raw_client
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, studio_id, ready["sessionId"], expirationInSeconds=59)
    assert_error(excinfo, "ValidationException", 400, "expirationInSeconds")
    assert get_session(client, studio_id, ready["sessionId"])["state"] == "READY"


def test_create_streaming_session_stream_unknown_session(client, session):
    studio_id, ready = session
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, studio_id, MISSING_ID)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    assert get_session(client, studio_id, ready["sessionId"])["state"] == "READY"


def test_create_streaming_session_stream_unknown_studio(client, session):
    studio_id, ready = session
    unknown = UNKNOWN_STUDIO
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, unknown, ready["sessionId"])
    response = assert_error(excinfo, "ResourceNotFoundException", 404, unknown)
    assert response["context"] == {"resourceId": unknown}
    assert get_session(client, studio_id, ready["sessionId"])["state"] == "READY"


def test_create_streaming_session_stream_session_of_other_studio(
    client, factory, session
):
    _, ready = session
    other = factory.studio(name="other")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, other, ready["sessionId"])
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": ready["sessionId"]}


def test_create_streaming_session_stream_deleted_session(client, session):
    studio_id, ready = session
    session_id = ready["sessionId"]
    client.delete_streaming_session(studioId=studio_id, sessionId=session_id)
    assert get_session(client, studio_id, session_id)["state"] == "DELETED"
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, studio_id, session_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": session_id}
    assert get_session(client, studio_id, session_id)["state"] == "DELETED"


def test_create_streaming_session_stream_session_creating(client, stoppable):
    studio_id, profile_id = stoppable
    session_id = client.create_streaming_session(
        studioId=studio_id, launchProfileId=profile_id
    )["session"]["sessionId"]
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, studio_id, session_id)
    assert_error(excinfo, "ConflictException", 409, "CREATE_IN_PROGRESS")
    assert get_session(client, studio_id, session_id)["state"] == "READY"


def test_create_streaming_session_stream_session_stopped(client, session):
    studio_id, ready = session
    session_id = ready["sessionId"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    assert get_session(client, studio_id, session_id)["state"] == "STOPPED"
    with pytest.raises(ClientError) as excinfo:
        create_stream(client, studio_id, session_id)
    assert_error(excinfo, "ConflictException", 409, "STOPPED")
    assert get_session(client, studio_id, session_id)["state"] == "STOPPED"


def test_create_streaming_session_stream_same_client_token(client, session):
    studio_id, ready = session
    first = create_stream(client, studio_id, ready["sessionId"], clientToken="tok-1")
    again = create_stream(client, studio_id, ready["sessionId"], clientToken="tok-1")
    assert again["streamId"] == first["streamId"]
    other = create_stream(client, studio_id, ready["sessionId"], clientToken="tok-2")
    assert other["streamId"] != first["streamId"]


def test_get_streaming_session_stream(client, session):
    studio_id, ready = session
    session_id = ready["sessionId"]
    created = create_stream(client, studio_id, session_id)

    stream = get_stream(client, studio_id, session_id, created["streamId"])
    assert set(stream) == CREATED_FIELDS | {"url"}
    assert stream["state"] == "READY"
    assert stream["statusCode"] == "STREAM_READY"
    assert {
        k: stream[k] for k in ("createdAt", "createdBy", "expiresAt", "ownedBy")
    } == {k: created[k] for k in ("createdAt", "createdBy", "expiresAt", "ownedBy")}
    url = re.compile(
        rf"^https://[0-9a-f]+\.dcv\.nimble\.{REGION}\.amazonaws\.com/"
        rf"\?authToken=[A-Za-z0-9_-]+#{re.escape(session_id)}$"
    )
    assert url.match(stream["url"]), stream["url"]
    # the URL is the stream's: stable across reads, different for another stream
    assert get_stream(client, studio_id, session_id, created["streamId"]) == stream
    other = create_stream(client, studio_id, session_id)["streamId"]
    assert get_stream(client, studio_id, session_id, other)["url"] != stream["url"]


def test_get_streaming_session_stream_settles_at_its_own_pace(nimble, session):
    client = nimble.client
    studio_id, ready = session
    nimble.set_transition(
        "nimble::streaming_session_stream", {"progression": "manual", "times": 2}
    )
    stream_id = create_stream(client, studio_id, ready["sessionId"])["streamId"]

    first = get_stream(client, studio_id, ready["sessionId"], stream_id)
    assert first["state"] == "CREATE_IN_PROGRESS"
    assert "url" not in first
    second = get_stream(client, studio_id, ready["sessionId"], stream_id)
    assert second["state"] == "READY"
    assert second["url"]


def test_get_streaming_session_stream_unknown(client, session):
    studio_id, ready = session
    with pytest.raises(ClientError) as excinfo:
        get_stream(client, studio_id, ready["sessionId"], MISSING_ID)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}


def test_get_streaming_session_stream_of_other_session(client, factory, stoppable):
    studio_id, profile_id = stoppable
    first, second = (
        factory.session(studio_id, profile_id)["sessionId"] for _ in range(2)
    )
    stream_id = create_stream(client, studio_id, first)["streamId"]
    with pytest.raises(ClientError) as excinfo:
        get_stream(client, studio_id, second, stream_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": stream_id}
    assert get_stream(client, studio_id, first, stream_id)["state"] == "READY"


def test_stop_streaming_session_closes_streams(client, session):
    studio_id, ready = session
    session_id = ready["sessionId"]
    settled = create_stream(client, studio_id, session_id)["streamId"]
    get_stream(client, studio_id, session_id, settled)  # READY
    fresh = create_stream(client, studio_id, session_id)["streamId"]

    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    for stream_id in (settled, fresh):
        stream = get_stream(client, studio_id, session_id, stream_id)
        assert stream["state"] == "DELETED"
        assert stream["statusCode"] == "STREAM_DELETED"
        assert "url" not in stream


def test_start_streaming_session_leaves_old_streams_closed(client, session):
    studio_id, ready = session
    session_id = ready["sessionId"]
    old = create_stream(client, studio_id, session_id)["streamId"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    get_session(client, studio_id, session_id)  # STOPPED
    client.start_streaming_session(studioId=studio_id, sessionId=session_id)
    assert get_session(client, studio_id, session_id)["state"] == "READY"

    assert get_stream(client, studio_id, session_id, old)["state"] == "DELETED"
    new = create_stream(client, studio_id, session_id)["streamId"]
    assert get_stream(client, studio_id, session_id, new)["state"] == "READY"


def test_delete_streaming_session_closes_streams(client, session):
    studio_id, ready = session
    session_id = ready["sessionId"]
    stream_id = create_stream(client, studio_id, session_id)["streamId"]
    get_stream(client, studio_id, session_id, stream_id)  # READY

    client.delete_streaming_session(studioId=studio_id, sessionId=session_id)
    stream = get_stream(client, studio_id, session_id, stream_id)
    assert stream["state"] == "DELETED"
    assert stream["statusCode"] == "STREAM_DELETED"
    assert "url" not in stream
    # the session's tombstone still answers for its streams
    assert get_session(client, studio_id, session_id)["state"] == "DELETED"
    assert get_stream(client, studio_id, session_id, stream_id)["state"] == "DELETED"


@pytest.mark.usefixtures("no_sleep")
def test_streaming_session_stream_ready_waiter(client, session):
    studio_id, ready = session
    stream_id = create_stream(client, studio_id, ready["sessionId"])["streamId"]
    client.get_waiter("streaming_session_stream_ready").wait(
        studioId=studio_id, sessionId=ready["sessionId"], streamId=stream_id
    )
    stream = get_stream(client, studio_id, ready["sessionId"], stream_id)
    assert stream["state"] == "READY"
