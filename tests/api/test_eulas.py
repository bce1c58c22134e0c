"""GetEula, ListEulas, AcceptEulas, ListEulaAcceptances, and the EULA rule of
CreateStreamingSession."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError
from helpers import (
    AMAZON_IMAGE_EULAS,
    AMAZON_LINUX_IMAGE,
    MISSING_ID,
    assert_error,
    create_studio,
)

CATALOGUE = [
    ("gJZLygd-Srq_5NNbSfiaLg", "Mozilla-FireFox"),
    ("RvoNmVXiSrS4LhLTb6ybkw", "Thinkbox-Deadline"),
    ("Rl-J0fM5Sl2hyIiwWIV6hw", "Videolan-VLC"),
    ("ggK2eIw6RQyt8PIeeOlD3g", "Microsoft-VSCode"),
    ("wtp85BcSTa2NZeNRnMKdjw", "DJV-DJV"),
    ("uu2VDLo-QJeIGWWLBae_UA", "SideFX-Houdini"),
    ("L0HS4P3CRYKVXc2J2LO7Vw", "ChaosGroup-Vray"),
    ("SAuhfHmmSAeUuq3wsMiMlw", "Foundry-Nuke"),
    ("a-D9Wc0VQCKUfxAinCDxaw", "BlenderFoundation-Blender"),
]
NUKE = "SAuhfHmmSAeUuq3wsMiMlw"
BLENDER = "a-D9Wc0VQCKUfxAinCDxaw"


def accepted_ids(client, studio_id, **kwargs):
    listed = client.list_eula_acceptances(studioId=studio_id, **kwargs)
    return [a["eulaId"] for a in listed["eulaAcceptances"]]


def test_get_eula(client):
    eula = client.get_eula(eulaId=NUKE)["eula"]
    published = datetime(2021, 4, 20, 16, 45, 23, tzinfo=timezone.utc)
    assert eula == {
        "eulaId": NUKE,
        "name": "Foundry-Nuke",
        "content": "https://www.foundry.com/eula",
        "createdAt": published,
        "updatedAt": published,
    }


def test_list_eulas(client):
    listed = client.list_eulas()
    assert [(e["eulaId"], e["name"]) for e in listed["eulas"]] == CATALOGUE
    assert "nextToken" not in listed


def test_list_eulas_timestamps_as_published(client):
    """The `aws nimble list-eulas` reference example: three of the nine EULAs
    were created a second after the others,
    "createdAt": "2021-04-20T16:45:24+00:00" (Thinkbox-Deadline, Videolan-VLC,
    SideFX-Houdini), the rest "2021-04-20T16:45:23+00:00"."""
    stamps = {
        e["name"]: (e["createdAt"], e["updatedAt"])
        for e in client.list_eulas()["eulas"]
    }

    later = datetime(2021, 4, 20, 16, 45, 24, tzinfo=timezone.utc)
    earlier = datetime(2021, 4, 20, 16, 45, 23, tzinfo=timezone.utc)
    assert {name for name, stamp in stamps.items() if stamp == (later, later)} == {
        "Thinkbox-Deadline",
        "Videolan-VLC",
        "SideFX-Houdini",
    }
    assert sum(stamp == (earlier, earlier) for stamp in stamps.values()) == 6


def test_list_eulas_same_in_every_region(nimble):
    eu = nimble.make_client("eu-west-1").list_eulas()["eulas"]
    assert [e["eulaId"] for e in eu] == [eula_id for eula_id, _ in CATALOGUE]


def test_list_eulas_eula_ids_filter(client):
    listed = client.list_eulas(eulaIds=[BLENDER, NUKE])["eulas"]
    assert [e["eulaId"] for e in listed] == [NUKE, BLENDER]  # catalogue order


def test_list_eulas_paginator(client):
    pages = list(client.get_paginator("list_eulas").paginate())
    assert len(pages) == 1
    assert [e["eulaId"] for e in pages[0]["eulas"]] == [i for i, _ in CATALOGUE]


def test_list_eulas_invalid_next_token(client):
    with pytest.raises(ClientError) as excinfo:
        client.list_eulas(nextToken="not-a-token")
    assert_error(excinfo, "ValidationException", 400, "nextToken")


def test_accept_eulas(client, factory):
    studio_id = factory.studio()["studioId"]
    accepted = client.accept_eulas(studioId=studio_id, eulaIds=[NUKE, BLENDER])[
        "eulaAcceptances"
    ]
    assert [a["eulaId"] for a in accepted] == [NUKE, BLENDER]
    for acceptance in accepted:
        assert acceptance["accepteeId"] == studio_id
        assert len(acceptance["eulaAcceptanceId"]) == 22
        assert acceptance["acceptedBy"]
        assert isinstance(acceptance["acceptedAt"], datetime)
    assert accepted_ids(client, studio_id) == [NUKE, BLENDER]


def test_accept_eulas_again_returns_the_first_acceptance(client, factory):
    studio_id = factory.studio()["studioId"]
    first = client.accept_eulas(studioId=studio_id, eulaIds=[NUKE])["eulaAcceptances"][
        0
    ]
    again = client.accept_eulas(studioId=studio_id, eulaIds=[NUKE, NUKE])[
        "eulaAcceptances"
    ]
    assert [a["eulaAcceptanceId"] for a in again] == [first["eulaAcceptanceId"]]
    assert accepted_ids(client, studio_id) == [NUKE]


def test_accept_eulas_per_studio(client, factory):
    first = factory.studio(name="first")["studioId"]
    second = factory.studio(name="second")["studioId"]
    client.accept_eulas(studioId=first, eulaIds=[NUKE])
    assert accepted_ids(client, second) == []


def test_accept_eulas_unknown_eula(client, factory):
    studio_id = factory.studio()["studioId"]
    with pytest.raises(ClientError) as excinfo:
        client.accept_eulas(studioId=studio_id, eulaIds=[NUKE, MISSING_ID])
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    assert accepted_ids(client, studio_id) == []  # all or nothing


def test_accept_eulas_studio_not_ready(client):
    studio_id = create_studio(client, "new")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        client.accept_eulas(studioId=studio_id, eulaIds=[NUKE])
    assert_error(excinfo, "ConflictException", 409, "CREATE_IN_PROGRESS")
    assert accepted_ids(client, studio_id) == []


def test_list_eula_acceptances_eula_ids_filter(client, factory):
    studio_id = factory.studio()["studioId"]
    client.accept_eulas(studioId=studio_id, eulaIds=[NUKE, BLENDER])
    assert accepted_ids(client, studio_id, eulaIds=[BLENDER]) == [BLENDER]


def test_create_streaming_session_needs_the_image_eulas(client, factory):
    studio = factory.studio()
    studio_id = studio["studioId"]
    component = factory.component(studio_id)
    profile = factory.launch_profile(
        studio_id, [component["studioComponentId"]], [AMAZON_LINUX_IMAGE]
    )
    client.accept_eulas(studioId=studio_id, eulaIds=AMAZON_IMAGE_EULAS[:5])
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(
            studioId=studio_id, launchProfileId=profile["launchProfileId"]
        )
    assert_error(
        excinfo, "ValidationException", 400, AMAZON_IMAGE_EULAS[5], "AcceptEulas"
    )
    assert client.list_streaming_sessions(studioId=studio_id)["sessions"] == []

    client.accept_eulas(studioId=studio_id, eulaIds=AMAZON_IMAGE_EULAS)
    session = factory.session(studio_id, profile["launchProfileId"])
    assert session["streamingImageId"] == AMAZON_LINUX_IMAGE
    assert session["state"] == "READY"
