"""Time as the service kept it: sessions stop and are terminated on their
timers, streams expire, under a clock a test moves (freezegun or time-machine
in-process; ``POST /nimble_<region>/moto-api/clock`` on a server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests
from helpers import REGION, Factory

from moto_nimble import clock

NO_PERSISTENCE = {"maxSessionLengthInMinutes": 30}
STOPS_THEN_ENDS = {
    "maxSessionLengthInMinutes": 60,
    "sessionPersistenceMode": "ACTIVATED",
    "automaticTerminationMode": "ACTIVATED",
    "maxStoppedSessionLengthInMinutes": 60,
}
STOPS_FOR_EVER = {
    "maxSessionLengthInMinutes": 60,
    "sessionPersistenceMode": "ACTIVATED",
    "automaticTerminationMode": "DEACTIVATED",
}
BACKED_UP = {
    **STOPS_THEN_ENDS,
    "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 1},
}


class Clock:
    """Moves the time the test's mode reads: freezegun in-process, the
    server's clock hook otherwise."""

    def __init__(self, nimble: Any, frozen: Any) -> None:
        self.nimble = nimble
        self.frozen = frozen

    def advance(self, seconds: float) -> None:
        if self.frozen is not None:
            self.frozen.tick(timedelta(seconds=seconds))
            return
        answer = requests.post(
            f"{self.nimble.server_url}/nimble_{REGION}/moto-api/clock",
            json={"advanceSeconds": seconds},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["now"].endswith("Z")


@pytest.fixture
def moved(nimble: Any) -> Iterator[Clock]:
    if nimble.in_process:
        from freezegun import freeze_time

        with freeze_time(datetime.now(timezone.utc)) as frozen:
            yield Clock(nimble, frozen)
    else:
        yield Clock(nimble, None)
        clock.reset()


def session_of(
    client: Any, stream_configuration: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    factory = Factory(client)
    studio, *_, profile = factory.ready_profile(stream_configuration)
    session = factory.session(studio["studioId"], profile["launchProfileId"])
    return studio["studioId"], session


def get(client: Any, studio_id: str, session: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = client.get_streaming_session(
        studioId=studio_id, sessionId=session["sessionId"]
    )["session"]
    return found


def test_a_session_without_persistence_is_terminated_at_its_limit(client, moved):
    studio_id, session = session_of(client, NO_PERSISTENCE)
    assert "stopAt" not in session
    assert session["terminateAt"] == session["startedAt"] + timedelta(minutes=30)

    moved.advance(29 * 60)
    assert get(client, studio_id, session)["state"] == "READY"
    moved.advance(2 * 60)
    ended = get(client, studio_id, session)

    assert (ended["state"], ended["statusCode"]) == (
        "DELETED",
        "STREAMING_SESSION_DELETED",
    )
    assert (
        ended["updatedAt"] == session["terminateAt"]
    )  # when it happened, not when read


def test_a_session_that_can_stop_stops_then_is_terminated(client, moved):
    studio_id, session = session_of(client, STOPS_THEN_ENDS)
    stop_at = session["startedAt"] + timedelta(minutes=60)
    assert session["stopAt"] == stop_at
    assert "terminateAt" not in session

    moved.advance(61 * 60)
    stopped = get(client, studio_id, session)

    assert (stopped["state"], stopped["statusCode"]) == (
        "STOPPED",
        "STREAMING_SESSION_STOPPED",
    )
    assert stopped["stoppedAt"] == stop_at
    assert stopped["terminateAt"] == stop_at + timedelta(minutes=60)
    assert "stopAt" not in stopped
    assert "stoppedBy" not in stopped  # nobody stopped it

    moved.advance(60 * 60)
    assert get(client, studio_id, session)["state"] == "DELETED"


def test_one_read_applies_every_timer_that_passed(client, moved):
    studio_id, session = session_of(client, STOPS_THEN_ENDS)
    moved.advance(3 * 60 * 60)
    ended = get(client, studio_id, session)
    assert ended["state"] == "DELETED"
    assert ended["stoppedAt"] == session["startedAt"] + timedelta(minutes=60)


def test_without_automatic_termination_a_stopped_session_stays(client, moved):
    studio_id, session = session_of(client, STOPS_FOR_EVER)
    moved.advance(61 * 60)
    stopped = get(client, studio_id, session)
    assert stopped["state"] == "STOPPED"
    assert "terminateAt" not in stopped
    moved.advance(365 * 24 * 60 * 60)
    assert get(client, studio_id, session)["state"] == "STOPPED"


def test_an_automatic_stop_takes_the_backup_the_profile_asks_for(client, moved):
    studio_id, session = session_of(client, BACKED_UP)
    moved.advance(61 * 60)
    get(client, studio_id, session)
    (backup,) = client.list_streaming_session_backups(studioId=studio_id)[
        "streamingSessionBackups"
    ]
    assert backup["sessionId"] == session["sessionId"]
    assert backup["createdAt"] == session["stopAt"]


def test_a_list_walks_across_an_automatic_stop(client, moved):
    studio_id, session = session_of(client, STOPS_THEN_ENDS)
    moved.advance(61 * 60)
    listed = client.list_streaming_sessions(studioId=studio_id)["sessions"]
    assert [(s["sessionId"], s["state"]) for s in listed] == [
        (session["sessionId"], "STOPPED")
    ]


def test_a_timer_transition_is_paced_as_moto_says(client, nimble, moved):
    """With ``times: 2`` the read that finds the timer is the first of two."""
    studio_id, session = session_of(client, STOPS_THEN_ENDS)
    nimble.set_transition(
        "nimble::streaming_session", {"progression": "manual", "times": 2}
    )
    moved.advance(61 * 60)
    states = [get(client, studio_id, session)["state"] for _ in range(2)]
    assert states == ["STOP_IN_PROGRESS", "STOPPED"]


def test_waiters_finish_once_the_clock_moves(client, moved):
    studio_id, session = session_of(client, STOPS_THEN_ENDS)
    ids = {"studioId": studio_id, "sessionId": session["sessionId"]}
    moved.advance(61 * 60)
    client.get_waiter("streaming_session_stopped").wait(
        **ids, WaiterConfig={"Delay": 1, "MaxAttempts": 2}
    )
    assert get(client, studio_id, session)["state"] == "STOPPED"
    moved.advance(61 * 60)
    client.get_waiter("streaming_session_deleted").wait(
        **ids, WaiterConfig={"Delay": 1, "MaxAttempts": 2}
    )
    assert get(client, studio_id, session)["state"] == "DELETED"


def test_a_stream_expires(client, moved):
    studio_id, session = session_of(client, NO_PERSISTENCE)
    ids = {"studioId": studio_id, "sessionId": session["sessionId"]}
    stream = client.create_streaming_session_stream(**ids)["stream"]
    ready = client.get_streaming_session_stream(**ids, streamId=stream["streamId"])[
        "stream"
    ]
    assert ready["state"] == "READY"
    assert ready["url"]

    moved.advance(121)
    ended = client.get_streaming_session_stream(**ids, streamId=stream["streamId"])[
        "stream"
    ]

    assert (ended["state"], ended["statusCode"]) == ("DELETED", "STREAM_DELETED")
    assert "url" not in ended
    assert get(client, studio_id, session)["state"] == "READY"


def test_time_machine_moves_the_clock_too(nimble_client, nimble_studio_factory):
    time_machine = pytest.importorskip("time_machine")
    with time_machine.travel(datetime.now(timezone.utc), tick=False) as traveller:
        built = nimble_studio_factory(stream_configuration=NO_PERSISTENCE)
        session = built.start_session()
        traveller.shift(timedelta(minutes=31))
        found = nimble_client.get_streaming_session(
            studioId=built.studio_id, sessionId=session["sessionId"]
        )["session"]
    assert found["state"] == "DELETED"


def test_the_clock_hook_answers_the_time_and_reset_sets_it_back(server_url):
    hook = f"{server_url}/nimble_{REGION}/moto-api/clock"
    before = datetime.now(timezone.utc)
    moved = requests.post(hook, json={"advanceSeconds": 3600}, timeout=10).json()["now"]
    shown = datetime.strptime(moved, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=timezone.utc
    )
    assert shown - before >= timedelta(seconds=3600)

    requests.post(f"{server_url}/moto-api/reset", timeout=10).raise_for_status()
    again = requests.post(hook, json={"advanceSeconds": 0}, timeout=10).json()["now"]
    shown = datetime.strptime(again, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=timezone.utc
    )
    assert shown - datetime.now(timezone.utc) < timedelta(minutes=5)


@pytest.mark.parametrize(
    "body",
    [{"advanceSeconds": -1}, {"advanceSeconds": "ten"}, {"advanceSeconds": True}, {}],
)
def test_the_clock_hook_refuses_a_bad_body(server_url, body):
    answer = requests.post(
        f"{server_url}/nimble_{REGION}/moto-api/clock", json=body, timeout=10
    )
    assert answer.status_code == 400
    assert answer.json()["__type"] == "ValidationException"


def test_every_call_that_looks_at_a_session_sees_its_timers(client, moved):
    """A session terminated by its timer no longer holds its launch profile:
    DeleteLaunchProfile (which looks at the profile's sessions) goes ahead."""
    factory = Factory(client)
    studio, *_, profile = factory.ready_profile(NO_PERSISTENCE)
    ids = {
        "studioId": studio["studioId"],
        "launchProfileId": profile["launchProfileId"],
    }
    factory.session(studio["studioId"], profile["launchProfileId"])

    moved.advance(31 * 60)
    client.delete_launch_profile(**ids)
    deleted = client.get_launch_profile(**ids)["launchProfile"]

    assert deleted["state"] == "DELETED"
