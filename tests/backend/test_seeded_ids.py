"""IDs come from moto's seeded random source: the same seed makes the same IDs,
run after run, in-process and on a server, and a recorder replay makes the IDs
of the recording. A re-seeded live backend never hands out an ID it holds."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from moto.moto_api._internal import mock_random

from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.server import ThreadedNimbleServer


def reset(nimble: Any) -> None:
    if nimble.in_process:
        from moto.moto_api._internal.models import moto_api_backend

        moto_api_backend.reset()  # what /moto-api/reset does
    else:
        requests.post(
            f"{nimble.server_url}/moto-api/reset", timeout=10
        ).raise_for_status()


def every_id(client: Any) -> list[str]:
    """Build one of each resource; all the IDs and generated values they got."""
    built = NimbleStudioFactory(client)(
        stream_configuration={
            "sessionPersistenceMode": "ACTIVATED",
            "automaticTerminationMode": "ACTIVATED",
            "maxStoppedSessionLengthInMinutes": 60,
            "sessionBackup": {"mode": "AUTOMATIC"},
        }
    )
    studio_id = built.studio_id
    session = built.start_session()
    stream = client.create_streaming_session_stream(
        studioId=studio_id, sessionId=session["sessionId"]
    )["stream"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session["sessionId"])
    backups = client.list_streaming_session_backups(studioId=studio_id)[
        "streamingSessionBackups"
    ]
    accepted = client.accept_eulas(
        studioId=studio_id,
        eulaIds=[e["eulaId"] for e in client.list_eulas()["eulas"]][:1],
    )["eulaAcceptances"]
    return [
        studio_id,
        built.studio["ssoClientId"],
        built.component_id,
        built.image_id,
        built.launch_profile_id,
        session["sessionId"],
        stream["streamId"],
        *(b["backupId"] for b in backups),
        accepted[0]["eulaAcceptanceId"],
    ]


def test_the_same_seed_makes_the_same_ids(nimble):
    client = nimble.client
    nimble.seed(42)
    first = every_id(client)
    reset(nimble)
    nimble.seed(42)

    again = every_id(client)

    assert again == first
    assert len(set(first)) == len(first)


def test_another_seed_makes_other_ids(nimble):
    nimble.seed(42)
    first = every_id(nimble.client)
    reset(nimble)
    nimble.seed(43)

    other = every_id(nimble.client)

    assert not set(other) & set(first)


def test_reseeding_a_live_backend_draws_again(nimble, factory):
    client = nimble.client
    nimble.seed(7)
    studio = factory.studio("first")
    component = factory.component(studio["studioId"])
    nimble.seed(7)

    second = factory.studio("second")
    again = factory.component(studio["studioId"], name="again")

    assert second["studioId"] != studio["studioId"]
    assert again["studioComponentId"] != component["studioComponentId"]
    listed = client.list_studio_components(studioId=studio["studioId"])[
        "studioComponents"
    ]
    assert sorted(c["name"] for c in listed) == ["again", "farm"]


def test_recorder_replay_makes_the_recorded_ids(tmp_path, monkeypatch):
    from moto.moto_api import recorder

    # the recording goes to a temporary file, not into the working folder
    monkeypatch.setattr(recorder, "_location", str(tmp_path / "moto_recording"))
    with ThreadedNimbleServer() as server:
        api = f"{server.url}/moto-api"
        import boto3

        client = boto3.client(
            "nimble", region_name="us-west-2", endpoint_url=server.url
        )
        requests.post(f"{api}/reset", timeout=10).raise_for_status()
        requests.post(f"{api}/recorder/reset-recording", timeout=10).raise_for_status()
        requests.post(f"{api}/recorder/start-recording", timeout=10).raise_for_status()
        try:
            requests.post(f"{api}/seed?a=11", timeout=10).raise_for_status()
            recorded = every_id(client)
        finally:
            requests.post(
                f"{api}/recorder/stop-recording", timeout=10
            ).raise_for_status()
        requests.post(f"{api}/reset", timeout=10).raise_for_status()

        requests.post(f"{api}/recorder/replay-recording", timeout=60).raise_for_status()

        studios = client.list_studios()["studios"]
        assert [s["studioId"] for s in studios] == [recorded[0]]
        profiles = client.list_launch_profiles(studioId=recorded[0])["launchProfiles"]
        assert [p["launchProfileId"] for p in profiles] == [recorded[4]]
        sessions = client.list_streaming_sessions(studioId=recorded[0])["sessions"]
        assert [s["sessionId"] for s in sessions] == [recorded[5]]
        requests.post(f"{api}/recorder/reset-recording", timeout=10).raise_for_status()


@pytest.fixture(autouse=True)
def _fresh_random() -> Any:
    """Leave moto's random source unseeded for the tests after these."""
    yield
    mock_random.seed()
