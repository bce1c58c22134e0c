"""Two requests at once must never break a rule that one at a time keeps:
unique studio names stay unique, one clientToken makes one resource and every
caller with it gets the same answer, IDs never repeat.

The in-process tests widen the window between a check and its change (each
resource's constructor sleeps), so that without the backend's lock they fail
on every run, not now and then. The server tests send the same requests from
8 threads, 8 rounds, with no help.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError
from helpers import create_studio, new_client

from moto_nimble import mock_nimblestudio
from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.models.streaming_sessions import StreamingSession
from moto_nimble.models.studios import Studio
from moto_nimble.server import ThreadedNimbleServer

THREADS = 8
ROUNDS = 8


def together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads that start at the same moment; their results
    (or the exceptions they raised), in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def slow(monkeypatch: pytest.MonkeyPatch, cls: type, seconds: float = 0.05) -> None:
    """Make ``cls``'s constructor sleep first: the gap between a backend's check
    and its change becomes wide enough for every thread to fall into it."""
    original = cls.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        time.sleep(seconds)
        original(self, *args, **kwargs)

    monkeypatch.setattr(cls, "__init__", init)


def error_code(result: Any) -> str | None:
    return result.response["Error"]["Code"] if isinstance(result, ClientError) else None


def ready_profile(client: Any) -> tuple[str, str]:
    """A READY studio and launch profile that sessions can start from."""
    built = NimbleStudioFactory(client)()
    return built.studio_id, built.launch_profile_id


def session_ids(client: Any, studio_id: str) -> list[str]:
    pages = client.get_paginator("list_streaming_sessions").paginate(studioId=studio_id)
    return [s["sessionId"] for page in pages for s in page["sessions"]]


def one_studio_made(clients: list[Any]) -> dict[str, Any]:
    """Each client creates a studio named ``samename`` at once: exactly one
    is made, every other caller gets ConflictException. The one made."""
    results = together([lambda c=c: create_studio(c, "samename") for c in clients])
    created = [r for r in results if isinstance(r, dict)]
    assert len(created) == 1, results
    assert [error_code(r) for r in results if r not in created] == [
        "ConflictException"
    ] * (len(clients) - 1)
    return dict(created[0])


# --- in-process, with the window widened --------------------------------------------


def test_same_studio_name_at_once_makes_one_studio(monkeypatch):
    slow(monkeypatch, Studio)
    with mock_nimblestudio():
        clients = [new_client() for _ in range(THREADS)]

        created = one_studio_made(clients)

        assert [s["studioId"] for s in clients[0].list_studios()["studios"]] == [
            created["studioId"]
        ]


def test_same_studio_name_from_every_account_at_once_makes_one_studio(monkeypatch):
    """A studio name is one per region whatever the account, though each
    account's backend has a lock of its own."""
    slow(monkeypatch, Studio)
    with mock_nimblestudio():
        sts = boto3.client("sts", region_name="us-west-2")
        clients = []
        for index in range(THREADS):
            account = f"{100000000000 + index}"
            found = sts.assume_role(
                RoleArn=f"arn:aws:iam::{account}:role/racer", RoleSessionName="race"
            )["Credentials"]
            clients.append(
                new_client(
                    aws_access_key_id=found["AccessKeyId"],
                    aws_secret_access_key=found["SecretAccessKey"],
                    aws_session_token=found["SessionToken"],
                )
            )

        created = one_studio_made(clients)

        mine = [c for c in clients if c.list_studios()["studios"]]
        assert [c.list_studios()["studios"][0]["arn"] for c in mine] == [created["arn"]]


def test_same_client_token_at_once_makes_one_session(monkeypatch):
    with mock_nimblestudio():
        studio_id, profile_id = ready_profile(new_client())
        slow(monkeypatch, StreamingSession)
        clients = [new_client() for _ in range(THREADS)]

        results = together(
            [
                lambda c=c: c.create_streaming_session(
                    studioId=studio_id, launchProfileId=profile_id, clientToken="same"
                )["session"]
                for c in clients
            ]
        )

        assert all(isinstance(r, dict) for r in results), results
        assert len({r["sessionId"] for r in results}) == 1
        assert all(r == results[0] for r in results)
        assert session_ids(clients[0], studio_id) == [results[0]["sessionId"]]


def test_different_tokens_at_once_make_one_session_each(monkeypatch):
    with mock_nimblestudio():
        studio_id, profile_id = ready_profile(new_client())
        slow(monkeypatch, StreamingSession, seconds=0.01)
        clients = [new_client() for _ in range(THREADS)]

        results = together(
            [
                lambda c=c, i=i: c.create_streaming_session(
                    studioId=studio_id, launchProfileId=profile_id, clientToken=f"t{i}"
                )["session"]["sessionId"]
                for i, c in enumerate(clients)
            ]
        )

        assert len(set(results)) == THREADS, results
        assert sorted(session_ids(clients[0], studio_id)) == sorted(results)


# --- through the servers, 8 threads x 8 rounds ----------------------------------------


@pytest.fixture(params=["nimble-server", "moto-server"])
def race_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "nimble-server":
        with ThreadedNimbleServer() as server:
            yield server.url
        return
    url = request.getfixturevalue("server_url")
    requests.post(f"{url}/moto-api/reset", timeout=10).raise_for_status()
    yield url


def test_rounds_through_the_server(race_url):
    clients = [new_client(endpoint_url=race_url) for _ in range(THREADS)]
    studio_id, profile_id = ready_profile(clients[0])
    made: list[str] = []

    for round_ in range(ROUNDS):
        studios = together(
            [lambda c=c, r=round_: create_studio(c, f"round{r}") for c in clients]
        )
        created = [r for r in studios if isinstance(r, dict)]
        assert len(created) == 1, studios
        assert {error_code(r) for r in studios if r not in created} == {
            "ConflictException"
        }

        sessions = together(
            [
                lambda c=c, r=round_: c.create_streaming_session(
                    studioId=studio_id,
                    launchProfileId=profile_id,
                    clientToken=f"r{r}",
                )["session"]["sessionId"]
                for c in clients
            ]
        )
        assert len(set(sessions)) == 1, sessions
        made.append(sessions[0])

    assert len(set(made)) == ROUNDS
    assert sorted(session_ids(clients[0], studio_id)) == sorted(made)
    names = [s["studioName"] for s in clients[0].list_studios()["studios"]]
    assert sorted(n for n in names if n.startswith("round")) == [
        f"round{r}" for r in range(ROUNDS)
    ]
    assert len(names) == ROUNDS + 1
