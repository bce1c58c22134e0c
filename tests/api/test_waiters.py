"""botocore's nimble waiters, and moto's state_manager settings.

Each waiter runs twice: under the default progression (an *_IN_PROGRESS state
settles on the next Get, so the waiter's first poll succeeds) and under a
slowed one (it settles on the third Get, so the waiter must poll three times).
After it returns, a Get shows the state the waiter promised: a waiter that
returned early would leave it *_IN_PROGRESS (``test_a_waiter_that_returns_early_is_caught``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import botocore.waiter
import pytest
from helpers import AMI, STOPPABLE, call, create_studio, launch_profile_params

#: the slowed progression: a state settles on the third Get
SLOWED = {"progression": "manual", "times": 3}


@dataclass
class Progression:
    """How fast states settle for the test: ``default`` (the waiter's first
    poll succeeds: a sleep fails the test) or ``slowed`` (:data:`SLOWED`, set
    by :meth:`slow_down` just before the change the waiter waits for)."""

    name: str
    nimble: Any
    sleeps: list[float] = field(default_factory=list)

    def slow_down(self, model: str) -> None:
        if self.name == "slowed":
            self.nimble.set_transition(f"nimble::{model}", SLOWED)

    def wait(self, client: Any, waiter_name: str, **ids: str) -> None:
        """Wait; under ``slowed`` the waiter polled three times (two sleeps of its delay)."""
        waiter = client.get_waiter(waiter_name)
        waiter.wait(**ids)
        polls = 1 if self.name == "default" else SLOWED["times"]
        assert self.sleeps == [waiter.config.delay] * (polls - 1)


@pytest.fixture(params=["default", "slowed"])
def progression(
    request: pytest.FixtureRequest, nimble: Any, monkeypatch: pytest.MonkeyPatch
) -> Progression:
    progression = Progression(request.param, nimble)
    if request.param == "default":
        request.getfixturevalue("no_sleep")
    else:
        monkeypatch.setattr(botocore.waiter.time, "sleep", progression.sleeps.append)
    return progression


def test_studio_ready(client, progression):
    progression.slow_down("studio")
    studio_id = create_studio(client)["studioId"]
    progression.wait(client, "studio_ready", studioId=studio_id)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "READY"


def test_studio_deleted(client, factory, progression):
    studio_id = factory.studio()["studioId"]
    progression.slow_down("studio")
    client.delete_studio(studioId=studio_id)
    progression.wait(client, "studio_deleted", studioId=studio_id)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "DELETED"


#: model -> (the ID member that names one, the key its Get answers under)
IN_A_STUDIO = {
    "studio_component": ("studioComponentId", "studioComponent"),
    "streaming_image": ("streamingImageId", "streamingImage"),
    "launch_profile": ("launchProfileId", "launchProfile"),
    "streaming_session": ("sessionId", "session"),
}


def operation(verb: str, model: str) -> str:
    """``("Get", "studio_component")`` -> ``"GetStudioComponent"``."""
    return verb + model.title().replace("_", "")


def state_of(client: Any, model: str, studio_id: str, resource_id: str) -> str:
    id_member, key = IN_A_STUDIO[model]
    answer = call(
        client, operation("Get", model), studioId=studio_id, **{id_member: resource_id}
    )
    return str(answer[key]["state"])


def create(client: Any, factory: Any, model: str, studio_id: str) -> str:
    """CreateX in the studio, not read back: the new resource's ID."""
    if model == "studio_component":
        made = client.create_studio_component(
            studioId=studio_id, name="farm", type="COMPUTE_FARM"
        )
    elif model == "streaming_image":
        made = client.create_streaming_image(
            studioId=studio_id, name="image", ec2ImageId=AMI
        )
    else:
        component_id = factory.component(studio_id)["studioComponentId"]
        image_id = factory.image(studio_id)["streamingImageId"]
        params = launch_profile_params(component_id, image_id, ec2SubnetIds=[])
        if model == "launch_profile":
            made = client.create_launch_profile(studioId=studio_id, **params)
        else:
            profile = factory.launch_profile(
                studio_id, [component_id], [image_id], None
            )
            made = client.create_streaming_session(
                studioId=studio_id, launchProfileId=profile["launchProfileId"]
            )
    id_member, key = IN_A_STUDIO[model]
    return str(made[key][id_member])


def made(factory: Any, model: str, studio_id: str) -> str:
    """A READY resource of ``model`` in the studio: its ID."""
    id_member, _ = IN_A_STUDIO[model]
    if model == "studio_component":
        return str(factory.component(studio_id)[id_member])
    if model == "streaming_image":
        return str(factory.image(studio_id)[id_member])
    component_id = factory.component(studio_id)["studioComponentId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    profile = factory.launch_profile(studio_id, [component_id], [image_id], None)
    if model == "launch_profile":
        return str(profile[id_member])
    return str(factory.session(studio_id, profile["launchProfileId"])[id_member])


@pytest.mark.parametrize("model", IN_A_STUDIO)
def test_ready_after_create(client, factory, studio_id, progression, model):
    progression.slow_down(model)
    resource_id = create(client, factory, model, studio_id)
    id_member, _ = IN_A_STUDIO[model]
    ids = {"studioId": studio_id, id_member: resource_id}
    progression.wait(client, f"{model}_ready", **ids)
    assert state_of(client, model, studio_id, resource_id) == "READY"


@pytest.mark.parametrize("model", IN_A_STUDIO)
def test_deleted_after_delete(client, factory, studio_id, progression, model):
    resource_id = made(factory, model, studio_id)
    id_member, _ = IN_A_STUDIO[model]
    ids = {"studioId": studio_id, id_member: resource_id}
    progression.slow_down(model)
    call(client, operation("Delete", model), **ids)
    progression.wait(client, f"{model}_deleted", **ids)
    assert state_of(client, model, studio_id, resource_id) == "DELETED"


@pytest.fixture
def stopped(client: Any, factory: Any) -> tuple[str, str]:
    """A STOPPED session: (studioId, sessionId)."""
    studio, *_, profile = factory.ready_profile(stream_configuration=STOPPABLE)
    studio_id = studio["studioId"]
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    assert state_of(client, "streaming_session", studio_id, session_id) == "STOPPED"
    return studio_id, session_id


def test_streaming_session_ready_after_start(client, stopped, progression):
    studio_id, session_id = stopped
    progression.slow_down("streaming_session")
    client.start_streaming_session(studioId=studio_id, sessionId=session_id)
    progression.wait(
        client, "streaming_session_ready", studioId=studio_id, sessionId=session_id
    )
    assert state_of(client, "streaming_session", studio_id, session_id) == "READY"


def test_streaming_session_stopped(client, factory, progression):
    studio, *_, profile = factory.ready_profile(stream_configuration=STOPPABLE)
    studio_id = studio["studioId"]
    session_id = factory.session(studio_id, profile["launchProfileId"])["sessionId"]
    progression.slow_down("streaming_session")
    client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
    progression.wait(
        client, "streaming_session_stopped", studioId=studio_id, sessionId=session_id
    )
    assert state_of(client, "streaming_session", studio_id, session_id) == "STOPPED"


def test_a_waiter_that_returns_early_is_caught(nimble, client, monkeypatch):
    """The checks above can fail: a waiter that returns before its first poll
    (as a broken one might) leaves the state the next Get reads in progress,
    and makes no sleep."""
    nimble.set_transition("nimble::studio", SLOWED)
    monkeypatch.setattr(botocore.waiter.Waiter, "wait", lambda *_, **__: None)
    progression = Progression("slowed", nimble)
    studio_id = create_studio(client)["studioId"]
    with pytest.raises(AssertionError):
        progression.wait(client, "studio_ready", studioId=studio_id)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == (
        "CREATE_IN_PROGRESS"
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
    studio_id = create_studio(client)["studioId"]

    states = [
        client.get_studio(studioId=studio_id)["studio"]["state"] for _ in range(4)
    ]
    assert states == ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "READY", "READY"]


def test_studio_ready_manual_progression_waiter(nimble, client, monkeypatch):
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = create_studio(client)["studioId"]
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
    studio = create_studio(client, "instant")
    assert studio["state"] == "READY"
    assert studio["statusCode"] == "STUDIO_CREATED"
    client.get_waiter("studio_ready").wait(studioId=studio["studioId"])


def test_studio_ready_transition_applies_only_to_its_model(nimble, client):
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = create_studio(client)["studioId"]
    for _ in range(3):
        client.get_studio(studioId=studio_id)
    image_id = client.create_streaming_image(
        studioId=studio_id, name="image", ec2ImageId="ami-0123456789abcdef0"
    )["streamingImage"]["streamingImageId"]
    image = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)
    assert image["streamingImage"]["state"] == "READY"
