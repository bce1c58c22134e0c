"""moto's control API (``/moto-api/...``) against a live server, for nimble as
for moto's own services: reset, the state manager's transitions, data.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError
from helpers import (
    REGION,
    Factory,
    assert_error,
    launch_profile_params,
    studio_params,
)
from moto.core.model_instances import model_data

from moto_nimble._registration import DEFAULT_TRANSITION
from moto_nimble.models import MODEL_NAMES
from moto_nimble.models.studios import Studio

IDENTITY_STORE = "d-1234567890"
PRINCIPAL = "1234abcd-12ab-34cd-56ef-1234567890ab"
#: the model classes data.json lists under "nimble"
NIMBLE_MODELS = {
    "LaunchProfile",
    "StreamingImage",
    "StreamingSession",
    "StreamingSessionBackup",
    "StreamingSessionStream",
    "Studio",
    "StudioComponent",
}


class MotoApi:
    """A moto server's control API, and a nimble client of the same server."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.changed: list[str] = []

    def client(self, region: str = REGION) -> Any:
        return boto3.client("nimble", region_name=region, endpoint_url=self.url)

    def reset(self) -> None:
        response = requests.post(f"{self.url}/moto-api/reset", timeout=10)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    def set_transition(self, model_name: str, transition: dict[str, Any]) -> None:
        self.changed.append(model_name)
        response = requests.post(
            f"{self.url}/moto-api/state-manager/set-transition",
            json={"model_name": model_name, "transition": transition},
            timeout=10,
        )
        assert response.status_code == 201

    def unset_transition(self, model_name: str) -> None:
        response = requests.post(
            f"{self.url}/moto-api/state-manager/unset-transition",
            json={"model_name": model_name},
            timeout=10,
        )
        assert response.status_code == 201

    def get_transition(self, model_name: str) -> Any:
        # moto reads the query string without percent-decoding it: send the
        # model name as is, as moto's documentation does (curl).
        response = requests.get(
            f"{self.url}/moto-api/state-manager/get-transition?model_name={model_name}",
            timeout=10,
        )
        assert response.status_code == 200
        return response.json()

    def data(self) -> Any:
        response = requests.get(f"{self.url}/moto-api/data.json", timeout=10)
        assert response.status_code == 200
        return json.loads(response.text)

    def nimble(self, model: str, key: str, value: str) -> list[dict[str, Any]]:
        """data.json's entries of a nimble model whose ``key`` is ``value``."""
        return [i for i in self.data()["nimble"][model] if i.get(key) == value]


@pytest.fixture
def api(server_url: str) -> Iterator[MotoApi]:
    """The shared server, reset: every server-mode test resets it first anyway."""
    api = MotoApi(server_url)
    api.reset()
    yield api
    for model_name in api.changed:
        api.unset_transition(model_name)


def everything(client: Any) -> dict[str, Any]:
    """A READY studio with a component, an image, a launch profile, a READY
    session with a stream, and a studio and launch profile member each."""
    factory = Factory(client)
    studio, component, image, profile = factory.ready_profile()
    studio_id = studio["studioId"]
    session = factory.session(studio_id, profile["launchProfileId"])
    stream = client.create_streaming_session_stream(
        studioId=studio_id, sessionId=session["sessionId"]
    )["stream"]
    member = {"principalId": PRINCIPAL}
    client.put_studio_members(
        studioId=studio_id,
        identityStoreId=IDENTITY_STORE,
        members=[{**member, "persona": "ADMINISTRATOR"}],
    )
    client.put_launch_profile_members(
        studioId=studio_id,
        launchProfileId=profile["launchProfileId"],
        identityStoreId=IDENTITY_STORE,
        members=[{**member, "persona": "USER"}],
    )
    return {
        "studio": studio,
        "component": component,
        "image": image,
        "profile": profile,
        "session": session,
        "stream": stream,
    }


# --- reset ------------------------------------------------------------------


def test_reset_clears_nimble_state(api):
    client = api.client()
    made = everything(client)
    studio_id = made["studio"]["studioId"]
    other_region = api.client("eu-west-1")
    other_id = other_region.create_studio(**studio_params())["studio"]["studioId"]

    api.reset()

    assert all(api.data()["nimble"][model] == [] for model in NIMBLE_MODELS)
    assert client.list_studios()["studios"] == []
    assert other_region.list_studios()["studios"] == []
    with pytest.raises(ClientError) as excinfo:
        client.get_studio(studioId=studio_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404, studio_id)
    assert response["context"] == {"resourceId": studio_id}
    with pytest.raises(ClientError) as excinfo:
        other_region.get_studio(studioId=other_id)
    assert_error(excinfo, "ResourceNotFoundException", 404, other_id)
    # A backend made anew holds nothing; the two Amazon-owned images of its
    # region are made when first read
    assert all(api.data()["nimble"][model] == [] for model in NIMBLE_MODELS)
    listed = client.list_streaming_images(
        studioId=client.create_studio(**studio_params())["studio"]["studioId"]
    )
    assert {i["owner"] for i in listed["streamingImages"]} == {"amazon"}
    data = api.data()["nimble"]
    assert {i["owner"] for i in data["StreamingImage"]} == {"amazon"}


def test_reset_frees_studio_names(api):
    client = api.client()
    client.create_studio(**studio_params("reused"))

    api.reset()
    created = client.create_studio(**studio_params("reused"))["studio"]

    assert created["studioName"] == "reused"
    assert [s["studioId"] for s in client.list_studios()["studios"]] == [
        created["studioId"]
    ]


# --- state manager ----------------------------------------------------------


@pytest.mark.parametrize("model_name", MODEL_NAMES)
def test_get_transition_default(api, model_name):
    assert api.get_transition(model_name) == DEFAULT_TRANSITION


def test_set_transition(api):
    api.set_transition("nimble::studio", {"progression": "manual", "times": 3})

    assert api.get_transition("nimble::studio") == {
        "progression": "manual",
        "times": 3,
    }
    assert api.get_transition("nimble::studio_component") == DEFAULT_TRANSITION


def test_set_transition_studio_manual_times(api):
    client = api.client()
    api.set_transition("nimble::studio", {"progression": "manual", "times": 3})
    studio_id = client.create_studio(**studio_params())["studio"]["studioId"]

    states = [client.get_studio(studioId=studio_id)["studio"]["state"] for _ in "123"]

    assert states == ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "READY"]


def test_set_transition_immediate(api):
    client = api.client()
    api.set_transition("nimble::studio", {"progression": "immediate"})

    studio = client.create_studio(**studio_params())["studio"]

    assert studio["state"] == "READY"
    assert studio["statusCode"] == "STUDIO_CREATED"


def test_set_transition_each_model(api):
    """Every nimble model name steers its own resources: with two Gets per
    step, each resource is still settling after its first Get."""
    client = api.client()
    for model_name in MODEL_NAMES:
        api.set_transition(model_name, {"progression": "manual", "times": 2})
    states: dict[str, list[str]] = {}

    def create(
        operation: str, output: str, id_key: str, parents: dict[str, str], **params: Any
    ) -> str:
        """Create, then Get twice; ``parents`` are the path IDs of both calls."""
        made = getattr(client, f"create_{operation}")(**parents, **params)[output]
        ids = {**parents, id_key: made[id_key]}
        get = getattr(client, f"get_{operation}")
        states[operation] = [get(**ids)[output]["state"] for _ in "12"]
        return str(made[id_key])

    studio = {"studioId": create("studio", "studio", "studioId", {}, **studio_params())}
    component_id = create(
        "studio_component",
        "studioComponent",
        "studioComponentId",
        studio,
        name="farm",
        type="COMPUTE_FARM",
    )
    image_id = create(
        "streaming_image",
        "streamingImage",
        "streamingImageId",
        studio,
        name="image",
        ec2ImageId="ami-0123456789abcdef0",
    )
    profile_id = create(
        "launch_profile",
        "launchProfile",
        "launchProfileId",
        studio,
        **launch_profile_params(component_id, image_id),
    )
    session_id = create(
        "streaming_session",
        "session",
        "sessionId",
        studio,
        launchProfileId=profile_id,
    )
    session = {**studio, "sessionId": session_id}
    create("streaming_session_stream", "stream", "streamId", session)

    settling = ["CREATE_IN_PROGRESS", "READY"]
    assert states == {
        "studio": settling,
        "studio_component": settling,
        "streaming_image": settling,
        "launch_profile": settling,
        "streaming_session": settling,
        "streaming_session_stream": settling,
    }


def test_unset_transition(api):
    client = api.client()
    api.set_transition("nimble::studio", {"progression": "manual", "times": 3})

    api.unset_transition("nimble::studio")
    studio_id = client.create_studio(**studio_params())["studio"]["studioId"]

    assert api.get_transition("nimble::studio") == DEFAULT_TRANSITION
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "READY"


# --- data.json --------------------------------------------------------------


def test_data_json_lists_nimble_resources(api):
    made = everything(api.client())
    studio, profile = made["studio"], made["profile"]

    data = api.data()

    assert "models" not in data
    assert set(data["nimble"]) == NIMBLE_MODELS
    [entry] = api.nimble("Studio", "studio_id", studio["studioId"])
    assert entry["arn"] == studio["arn"]
    assert entry["studio_name"] == "studio"
    assert entry["state"] == "READY"
    assert entry["status_code"] == "STUDIO_CREATED"
    assert entry["tags"] == {}
    [entry] = api.nimble(
        "StudioComponent",
        "studio_component_id",
        made["component"]["studioComponentId"],
    )
    assert (entry["name"], entry["type"], entry["state"]) == (
        "farm",
        "COMPUTE_FARM",
        "READY",
    )
    [entry] = api.nimble(
        "StreamingImage", "streaming_image_id", made["image"]["streamingImageId"]
    )
    assert (entry["owner"], entry["state"]) == (studio["studioId"], "READY")
    [entry] = api.nimble(
        "LaunchProfile", "launch_profile_id", profile["launchProfileId"]
    )
    assert entry["studio_component_ids"] == profile["studioComponentIds"]
    assert entry["stream_configuration"] == profile["streamConfiguration"]
    [entry] = api.nimble("StreamingSession", "session_id", made["session"]["sessionId"])
    assert (entry["launch_profile_id"], entry["state"]) == (
        profile["launchProfileId"],
        "READY",
    )
    [entry] = api.nimble(
        "StreamingSessionStream", "stream_id", made["stream"]["streamId"]
    )
    assert entry["state"] == "CREATE_IN_PROGRESS"


def test_data_json_leaves_out_internals(api):
    """No private state, no child collections, no member maps of objects."""
    everything(api.client())

    entries = [e for model in api.data()["nimble"].values() for e in model]

    assert entries
    for entry in entries:
        assert not [key for key in entry if key.startswith("_")]
    [studio] = api.data()["nimble"]["Studio"]
    for internal in (
        "studio_components",
        "launch_profiles",
        "streaming_images",
        "streaming_sessions",
        "eula_acceptances",
        "members",
    ):
        assert internal not in studio
    [profile] = api.data()["nimble"]["LaunchProfile"]
    assert "members" not in profile


def test_data_json_does_not_settle_resources(api):
    """Reading data.json is not a Get: a resource in transition stays there."""
    client = api.client()
    studio_id = client.create_studio(**studio_params())["studio"]["studioId"]

    states = [api.nimble("Studio", "studio_id", studio_id)[0]["state"] for _ in "12"]

    assert states == ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS"]
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "READY"


def test_data_json_shows_deleted_resources(api):
    client = api.client()
    studio_id = Factory(client).studio()["studioId"]
    client.delete_studio(studioId=studio_id)
    client.get_studio(studioId=studio_id)

    [entry] = api.nimble("Studio", "studio_id", studio_id)

    assert (entry["state"], entry["deleted"]) == ("DELETED", True)


# --- in-process -------------------------------------------------------------


def test_models_filed_under_nimble():
    assert model_data["nimble"]["Studio"] is Studio
    assert set(model_data["nimble"]) == NIMBLE_MODELS
    assert "models" not in model_data
    assert "Lifecycle" not in model_data["nimble"]
