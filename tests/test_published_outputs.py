"""Outputs as the service wrote them, each test quoting the `aws nimble` CLI
reference example (captured from the live service) it follows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from moto_nimble.models import base


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A clock the test moves by hand (the server runs in this process too)."""

    class Clock:
        now = datetime(2022, 1, 27, 20, 29, 35, tzinfo=timezone.utc)

        def tick(self, seconds: int) -> None:
            self.now += timedelta(seconds=seconds)

    clock = Clock()
    monkeypatch.setattr(base, "utcnow", lambda: clock.now)
    return clock


def test_studio_updated_at_is_stamped_when_it_settles(client, clock):
    """get-studio.html: "createdAt": "2022-01-27T20:29:35+00:00", "state": "READY",
    "updatedAt": "2022-01-27T20:29:37+00:00": nobody called UpdateStudio; settling
    to READY is the update."""
    created = client.create_studio(
        studioName="published",
        displayName="Published",
        adminRoleArn="arn:aws:iam::123456789012:role/A",
        userRoleArn="arn:aws:iam::123456789012:role/U",
    )["studio"]
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
