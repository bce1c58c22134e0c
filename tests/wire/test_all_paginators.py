"""All ten paginators of the model walk more than one page with their filters
applied. MOTO_NIMBLE_PAGE_SIZE=2 makes the pages small for the operations that
have no maxResults; the others take PageSize."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import STORE

NUKE, BLENDER, VLC, VSCODE = (
    "SAuhfHmmSAeUuq3wsMiMlw",
    "a-D9Wc0VQCKUfxAinCDxaw",
    "Rl-J0fM5Sl2hyIiwWIV6hw",
    "ggK2eIw6RQyt8PIeeOlD3g",
)
BACKUPS = {
    "sessionPersistenceMode": "ACTIVATED",
    "automaticTerminationMode": "ACTIVATED",
    "maxStoppedSessionLengthInMinutes": 60,
    "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 10},
}


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_NIMBLE_PAGE_SIZE", "2")


def walk(client: Any, operation: str, key: str, **kwargs: Any) -> list[list[Any]]:
    pages = client.get_paginator(operation).paginate(**kwargs)
    return [page[key] for page in pages]


def test_list_studios(client, factory):
    created = [factory.studio(name=f"studio{i}")["studioId"] for i in range(3)]
    pages = walk(client, "list_studios", "studios")
    assert [len(p) for p in pages] == [2, 1]
    assert [s["studioId"] for p in pages for s in p] == created


def test_list_eulas(client):
    pages = walk(client, "list_eulas", "eulas", eulaIds=[VLC, NUKE, BLENDER])
    assert [[e["eulaId"] for e in p] for p in pages] == [[VLC, NUKE], [BLENDER]]


def test_list_eula_acceptances(client, factory):
    studio_id = factory.studio()["studioId"]
    client.accept_eulas(studioId=studio_id, eulaIds=[NUKE, BLENDER, VLC, VSCODE])
    pages = walk(
        client,
        "list_eula_acceptances",
        "eulaAcceptances",
        studioId=studio_id,
        eulaIds=[NUKE, VLC, VSCODE],
    )
    # listed in eulaId order, whatever the order of acceptance
    in_order = sorted([NUKE, VLC, VSCODE])
    assert [[a["eulaId"] for a in p] for p in pages] == [in_order[:2], in_order[2:]]


def test_list_studio_components(client, factory):
    studio_id = factory.studio()["studioId"]
    farms = [
        factory.component(studio_id, name=f"farm{i}")["studioComponentId"]
        for i in range(3)
    ]
    factory.component(studio_id, name="custom", type="CUSTOM")
    pages = walk(
        client,
        "list_studio_components",
        "studioComponents",
        studioId=studio_id,
        types=["COMPUTE_FARM"],
        PaginationConfig={"PageSize": 2},
    )
    assert [len(p) for p in pages] == [2, 1]
    assert [c["studioComponentId"] for p in pages for c in p] == farms


def test_list_launch_profiles(client, factory):
    studio, component, image, first = factory.ready_profile()
    studio_id = studio["studioId"]
    others = [
        factory.launch_profile(
            studio_id, [component["studioComponentId"]], [image["streamingImageId"]]
        )["launchProfileId"]
        for _ in range(3)
    ]
    client.delete_launch_profile(
        studioId=studio_id, launchProfileId=first["launchProfileId"]
    )
    pages = walk(
        client,
        "list_launch_profiles",
        "launchProfiles",
        studioId=studio_id,
        states=["READY"],
        PaginationConfig={"PageSize": 2},
    )
    assert [len(p) for p in pages] == [2, 1]
    assert [lp["launchProfileId"] for p in pages for lp in p] == others


def test_list_streaming_images(client, factory):
    studio_id = factory.studio()["studioId"]
    own = [
        factory.image(studio_id, name=f"img{i}")["streamingImageId"] for i in range(3)
    ]
    pages = walk(
        client,
        "list_streaming_images",
        "streamingImages",
        studioId=studio_id,
        owner=studio_id,
    )
    assert len(pages) > 1
    assert [i["streamingImageId"] for p in pages for i in p] == own


def test_list_streaming_sessions(client, factory):
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    mine = [
        factory.session(studio_id, profile_id, ownedBy="artist")["sessionId"]
        for _ in range(3)
    ]
    factory.session(studio_id, profile_id, ownedBy="someone-else")
    pages = walk(
        client,
        "list_streaming_sessions",
        "sessions",
        studioId=studio_id,
        ownedBy="artist",
    )
    assert len(pages) > 1
    assert [s["sessionId"] for p in pages for s in p] == mine


def test_list_streaming_session_backups(client, factory):
    studio, _, _, profile = factory.ready_profile(stream_configuration=BACKUPS)
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    session_id = factory.session(studio_id, profile_id, ownedBy="artist")["sessionId"]
    other_id = factory.session(studio_id, profile_id, ownedBy="someone-else")[
        "sessionId"
    ]
    for _ in range(3):
        client.stop_streaming_session(studioId=studio_id, sessionId=session_id)
        client.get_streaming_session(studioId=studio_id, sessionId=session_id)
        client.start_streaming_session(studioId=studio_id, sessionId=session_id)
        client.get_streaming_session(studioId=studio_id, sessionId=session_id)
    client.stop_streaming_session(studioId=studio_id, sessionId=other_id)
    pages = walk(
        client,
        "list_streaming_session_backups",
        "streamingSessionBackups",
        studioId=studio_id,
        ownedBy="artist",
    )
    assert len(pages) > 1
    backups = [b for p in pages for b in p]
    assert len(backups) == 3
    assert {b["sessionId"] for b in backups} == {session_id}


def test_list_studio_members(client, factory):
    studio_id = factory.studio()["studioId"]
    principals = [
        f"EXAMPLE11{i}-e9fd012a-94ad-4f16-9866-c69a63ab6486" for i in range(3)
    ]
    client.put_studio_members(
        studioId=studio_id,
        identityStoreId=STORE,
        members=[{"principalId": p, "persona": "ADMINISTRATOR"} for p in principals],
    )
    pages = walk(
        client,
        "list_studio_members",
        "members",
        studioId=studio_id,
        PaginationConfig={"PageSize": 2},
    )
    assert [[m["principalId"] for m in p] for p in pages] == [
        principals[:2],
        principals[2:],
    ]


def test_list_launch_profile_members(client, factory):
    studio, _, _, profile = factory.ready_profile()
    principals = [
        f"EXAMPLE22{i}-e9fd012a-94ad-4f16-9866-c69a63ab6486" for i in range(3)
    ]
    client.put_launch_profile_members(
        studioId=studio["studioId"],
        launchProfileId=profile["launchProfileId"],
        identityStoreId=STORE,
        members=[{"principalId": p, "persona": "USER"} for p in principals],
    )
    pages = walk(
        client,
        "list_launch_profile_members",
        "members",
        studioId=studio["studioId"],
        launchProfileId=profile["launchProfileId"],
        PaginationConfig={"PageSize": 2},
    )
    assert [[m["principalId"] for m in p] for p in pages] == [
        principals[:2],
        principals[2:],
    ]
