"""``/moto-api/reset`` (and a new mock) clears every piece of nimble state.

The same calls made after a reset, with moto's random source seeded the same
way, must answer exactly as they did the first time: any state kept outside
the backends (a counter, a cache of resources) shows as a different ID, token
or list.
"""

from __future__ import annotations

from typing import Any

import requests
from helpers import launch_profile_params, studio_params
from moto.moto_api._internal import mock_random

STORE = "d-1234567890"


def scenario(client: Any) -> list[Any]:
    """Every family of resources, pages and tokens included; timestamps left out."""
    seen: list[Any] = []

    def keep(answer: dict[str, Any]) -> dict[str, Any]:
        answer.pop("ResponseMetadata", None)
        seen.append(_without_times(answer))
        return answer

    studio_id = keep(client.create_studio(**studio_params("reset")))["studio"][
        "studioId"
    ]
    keep(client.get_studio(studioId=studio_id))
    component_id = keep(
        client.create_studio_component(studioId=studio_id, name="farm", type="CUSTOM")
    )["studioComponent"]["studioComponentId"]
    image_id = keep(
        client.create_streaming_image(
            studioId=studio_id, name="image", ec2ImageId="ami-0123456789abcdef0"
        )
    )["streamingImage"]["streamingImageId"]
    keep(client.get_streaming_image(studioId=studio_id, streamingImageId=image_id))
    profile_id = keep(
        client.create_launch_profile(
            studioId=studio_id,
            **launch_profile_params(component_id, image_id),
        )
    )["launchProfile"]["launchProfileId"]
    keep(client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id))
    members = [{"principalId": f"user-{n}", "persona": "USER"} for n in range(3)]
    keep(
        client.put_launch_profile_members(
            studioId=studio_id,
            launchProfileId=profile_id,
            identityStoreId=STORE,
            members=members,
        )
    )
    keep(
        client.put_studio_members(
            studioId=studio_id,
            identityStoreId=STORE,
            members=[{"principalId": "admin-1", "persona": "ADMINISTRATOR"}],
        )
    )
    page = keep(
        client.list_launch_profile_members(
            studioId=studio_id, launchProfileId=profile_id, maxResults=2
        )
    )
    keep(
        client.list_launch_profile_members(
            studioId=studio_id, launchProfileId=profile_id, nextToken=page["nextToken"]
        )
    )
    keep(client.list_studio_members(studioId=studio_id, maxResults=1))
    images = client.list_streaming_images(studioId=studio_id, owner="amazon")
    keep(images)
    keep(
        client.accept_eulas(
            studioId=studio_id, eulaIds=images["streamingImages"][0]["eulaIds"][:2]
        )
    )
    session_id = keep(
        client.create_streaming_session(studioId=studio_id, launchProfileId=profile_id)
    )["session"]["sessionId"]
    keep(client.get_streaming_session(studioId=studio_id, sessionId=session_id))
    keep(client.list_streaming_sessions(studioId=studio_id))
    keep(client.list_studios())
    return seen


def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_times(v)
            for k, v in value.items()
            if not k.endswith("At") and k != "url"
        }
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def reset(nimble: Any) -> None:
    if nimble.in_process:
        from moto.moto_api._internal.models import moto_api_backend

        moto_api_backend.reset()  # what POST /moto-api/reset does
    else:
        requests.post(
            f"{nimble.server_url}/moto-api/reset", timeout=10
        ).raise_for_status()


def test_the_same_calls_after_a_reset_answer_the_same(client, nimble):
    try:
        reset(nimble)
        nimble.seed(5)
        first = scenario(client)
        reset(nimble)
        nimble.seed(5)
        again = scenario(client)
    finally:
        mock_random.seed()
    assert again == first
