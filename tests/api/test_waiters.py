"""botocore's nimble waiters against the default progression (an *_IN_PROGRESS
state settles on the next Get), and moto's state_manager settings."""

from __future__ import annotations

from typing import Any

import botocore.waiter
import pytest
from helpers import ACCOUNT

STOPPABLE = {
    "sessionPersistenceMode": "ACTIVATED",
    "automaticTerminationMode": "ACTIVATED",
    "maxStoppedSessionLengthInMinutes": 60,
    "volumeConfiguration": {"size": 500, "throughput": 125, "iops": 3000},
}


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """A waiter that has to poll twice fails the test instead of sleeping."""

    def sleep(seconds: float) -> None:
        raise AssertionError(
            f"the waiter slept {seconds}s: its first poll did not succeed"
        )

    monkeypatch.setattr(botocore.waiter.time, "sleep", sleep)


def create_studio(client: Any, name: str = "studio") -> str:
    return client.create_studio(
        adminRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Admin",
        userRoleArn=f"arn:aws:iam::{ACCOUNT}:role/User",
        displayName=name,
        studioName=name,
    )["studio"]["studioId"]


@pytest.mark.usefixtures("no_sleep")
def test_studio_ready(client):
    studio_id = create_studio(client)
    client.get_waiter("studio_ready").wait(studioId=studio_id)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "READY"


@pytest.mark.usefixtures("no_sleep")
def test_studio_deleted(client, factory):
    studio_id = factory.studio()["studioId"]
    client.delete_studio(studioId=studio_id)
    client.get_waiter("studio_deleted").wait(studioId=studio_id)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "DELETED"


@pytest.mark.usefixtures("no_sleep")
def test_studio_component_ready(client, factory):
    studio_id = factory.studio()["studioId"]
    component_id = client.create_studio_component(
        studioId=studio_id, name="farm", type="COMPUTE_FARM"
    )["studioComponent"]["studioComponentId"]
    client.get_waiter("studio_component_ready").wait(
        studioId=studio_id, studioComponentId=component_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_studio_component_deleted(client, factory):
    studio_id = factory.studio()["studioId"]
    component_id = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=component_id)
    client.get_waiter("studio_component_deleted").wait(
        studioId=studio_id, studioComponentId=component_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_launch_profile_ready(client, factory):
    studio_id = factory.studio()["studioId"]
    component_id = factory.component(studio_id)["studioComponentId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    profile_id = client.create_launch_profile(
        studioId=studio_id,
        name="profile",
        ec2SubnetIds=[],
        launchProfileProtocolVersions=["2021-03-31"],
        studioComponentIds=[component_id],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [image_id],
        },
    )["launchProfile"]["launchProfileId"]
    client.get_waiter("launch_profile_ready").wait(
        studioId=studio_id, launchProfileId=profile_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_launch_profile_deleted(client, factory):
    studio, *_, profile = factory.ready_profile()
    client.delete_launch_profile(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )
    client.get_waiter("launch_profile_deleted").wait(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )


@pytest.mark.usefixtures("no_sleep")
def test_streaming_image_ready(client, factory):
    studio_id = factory.studio()["studioId"]
    image_id = client.create_streaming_image(
        studioId=studio_id, name="image", ec2ImageId="ami-0123456789abcdef0"
    )["streamingImage"]["streamingImageId"]
    client.get_waiter("streaming_image_ready").wait(
        studioId=studio_id, streamingImageId=image_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_streaming_image_deleted(client, factory):
    studio_id = factory.studio()["studioId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    client.delete_streaming_image(studioId=studio_id, streamingImageId=image_id)
    client.get_waiter("streaming_image_deleted").wait(
        studioId=studio_id, streamingImageId=image_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_streaming_session_ready(client, factory):
    studio, *_, profile = factory.ready_profile()
    session_id = client.create_streaming_session(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["session"]["sessionId"]
    client.get_waiter("streaming_session_ready").wait(
        studioId=studio["studioId"], sessionId=session_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_streaming_session_ready_after_start(client, factory):
    studio, *_, profile = factory.ready_profile(stream_configuration=STOPPABLE)
    studio_id = studio["studioId"]
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    client.get_streaming_session(studioId=studio_id, sessionId=session_id)  # STOPPED
    client.start_streaming_session(studioId=studio_id, sessionId=session_id)
    client.get_waiter("streaming_session_ready").wait(
        studioId=studio_id, sessionId=session_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_streaming_session_stopped(client, factory):
    studio, *_, profile = factory.ready_profile(stream_configuration=STOPPABLE)
    studio_id = studio["studioId"]
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    client.get_waiter("streaming_session_stopped").wait(
        studioId=studio_id, sessionId=session_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_streaming_session_deleted(client, factory):
    studio, *_, profile = factory.ready_profile()
    studio_id = studio["studioId"]
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    client.delete_streaming_session(studioId=studio_id, sessionId=session_id)
    client.get_waiter("streaming_session_deleted").wait(
        studioId=studio_id, sessionId=session_id
    )


@pytest.mark.usefixtures("no_sleep")
def test_launch_profile_deleted_fails_with_sessions(client, factory):
    # DELETE_FAILED is the waiter's failure acceptor: it gives up on the first poll.
    studio, *_, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    factory.session(studio_id, profile_id)
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    with pytest.raises(botocore.waiter.WaiterError, match="DELETE_FAILED"):
        client.get_waiter("launch_profile_deleted").wait(
            studioId=studio_id, launchProfileId=profile_id
        )


def test_studio_ready_manual_progression(nimble, client):
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = create_studio(client)

    states = [
        client.get_studio(studioId=studio_id)["studio"]["state"] for _ in range(4)
    ]
    assert states == ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "READY", "READY"]


def test_studio_ready_manual_progression_waiter(nimble, client, monkeypatch):
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = create_studio(client)
    sleeps: list[float] = []
    monkeypatch.setattr(botocore.waiter.time, "sleep", sleeps.append)

    client.get_waiter("studio_ready").wait(studioId=studio_id)
    # three GetStudio calls, with the waiter's 2 s delay between them
    assert sleeps == [2, 2]


@pytest.mark.usefixtures("no_sleep")
def test_studio_ready_immediate_progression(nimble, client):
    # "immediate" settles a transition whenever the state is read, and moto
    # reads it while serializing the CreateStudio response: the create
    # response itself already says READY, with the settled status code.
    nimble.set_transition("nimble::studio", {"progression": "immediate"})
    studio = client.create_studio(
        adminRoleArn=f"arn:aws:iam::{ACCOUNT}:role/Admin",
        userRoleArn=f"arn:aws:iam::{ACCOUNT}:role/User",
        displayName="instant",
        studioName="instant",
    )["studio"]
    assert studio["state"] == "READY"
    assert studio["statusCode"] == "STUDIO_CREATED"
    client.get_waiter("studio_ready").wait(studioId=studio["studioId"])


def test_studio_ready_transition_applies_only_to_its_model(nimble, client):
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = create_studio(client)
    for _ in range(3):
        client.get_studio(studioId=studio_id)
    image_id = client.create_streaming_image(
        studioId=studio_id, name="image", ec2ImageId="ami-0123456789abcdef0"
    )["streamingImage"]["streamingImageId"]
    image = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)
    assert image["streamingImage"]["state"] == "READY"
