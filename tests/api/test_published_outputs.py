"""Outputs as the service wrote them, each test quoting the `aws nimble` CLI
reference example (captured from the live service) it follows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from helpers import create_studio

import moto_nimble.clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A clock the test moves by hand (the server runs in this process too)."""

    class Clock:
        now = datetime(2022, 1, 27, 20, 29, 35, tzinfo=timezone.utc)

        def tick(self, seconds: int) -> None:
            self.now += timedelta(seconds=seconds)

    clock = Clock()
    monkeypatch.setattr(moto_nimble.clock, "utcnow", lambda: clock.now)
    return clock


def test_studio_updated_at_is_stamped_when_it_settles(client, clock):
    """get-studio.html: "createdAt": "2022-01-27T20:29:35+00:00", "state": "READY",
    "updatedAt": "2022-01-27T20:29:37+00:00": nobody called UpdateStudio; settling
    to READY is the update."""
    created = create_studio(client, "published")
    clock.tick(2)

    ready = client.get_studio(studioId=created["studioId"])["studio"]
    clock.tick(5)
    again = client.get_studio(studioId=created["studioId"])["studio"]

    assert created["updatedAt"] == created["createdAt"]
    assert ready["state"] == "READY"
    assert (ready["createdAt"].isoformat(), ready["updatedAt"].isoformat()) == (
        "2022-01-27T20:29:35+00:00",
        "2022-01-27T20:29:37+00:00",
    )
    assert again["updatedAt"] == ready["updatedAt"]  # nothing settled since


def test_component_updated_at_is_stamped_when_it_settles(client, factory, clock):
    """list-studio-components.html: created 21:15:34, updated 21:15:35, READY."""
    studio_id = factory.studio()["studioId"]
    created = client.create_studio_component(
        studioId=studio_id, name="farm", type="COMPUTE_FARM"
    )["studioComponent"]
    clock.tick(1)

    ready = client.get_studio_component(
        studioId=studio_id, studioComponentId=created["studioComponentId"]
    )["studioComponent"]

    assert ready["state"] == "READY"
    assert ready["updatedAt"] - ready["createdAt"] == timedelta(seconds=1)


def test_eula_acceptances_are_listed_in_eula_id_order(client, factory, monkeypatch):
    """list-eula-acceptances.html lists the six acceptances by eulaId
    ("Rl-J0fM5Sl2hyIiwWIV6hw", "RvoNmVXiSrS4LhLTb6ybkw", "a-D9Wc0VQCKUfxAinCDxaw",
    "gJZLygd-Srq_5NNbSfiaLg", "ggK2eIw6RQyt8PIeeOlD3g", "wtp85BcSTa2NZeNRnMKdjw"),
    not in the order of the Amazon image's eulaIds that were accepted, and not
    by eulaAcceptanceId."""
    studio_id = factory.studio()["studioId"]
    image = client.list_streaming_images(studioId=studio_id, owner="amazon")[
        "streamingImages"
    ][0]
    assert image["eulaIds"][0] == "gJZLygd-Srq_5NNbSfiaLg"  # accepted first
    client.accept_eulas(studioId=studio_id, eulaIds=image["eulaIds"])

    listed = client.list_eula_acceptances(studioId=studio_id)["eulaAcceptances"]

    assert [a["eulaId"] for a in listed] == [
        "Rl-J0fM5Sl2hyIiwWIV6hw",
        "RvoNmVXiSrS4LhLTb6ybkw",
        "a-D9Wc0VQCKUfxAinCDxaw",
        "gJZLygd-Srq_5NNbSfiaLg",
        "ggK2eIw6RQyt8PIeeOlD3g",
        "wtp85BcSTa2NZeNRnMKdjw",
    ]
    # pages of two walk the same order
    monkeypatch.setenv("MOTO_NIMBLE_PAGE_SIZE", "2")
    with_pages = []
    token = None
    while True:
        kwargs = {"nextToken": token} if token else {}
        page = client.list_eula_acceptances(studioId=studio_id, **kwargs)
        assert len(page["eulaAcceptances"]) == 2
        with_pages += [a["eulaId"] for a in page["eulaAcceptances"]]
        token = page.get("nextToken")
        if not token:
            break
    assert with_pages == [a["eulaId"] for a in listed]
