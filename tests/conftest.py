"""The suite's fixtures. Every test that takes ``client`` runs twice:
in-process under ``mock_nimblestudio`` and against a live moto server
(``ThreadedMotoServer``) through ``endpoint_url``, the way moto runs its own
suite in server mode. What tests share besides fixtures is in ``helpers.py``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import botocore.waiter
import pytest
import requests
from botocore.config import Config

# before moto: helpers empties the home and sets fake credentials
from helpers import REGION, Factory, new_client, running_console_server
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.server import ThreadedMotoServer

from moto_nimble import mock_nimblestudio


@pytest.fixture(autouse=True)
def _botocore_reads_once(nimble_shared_botocore: None) -> None:
    """boto3's default session, which moto resets for every mock, shares what
    botocore read from disk (the pattern docs/usage.md gives users): a test's
    ``boto3.client(...)`` costs a client, not a reading of the models."""


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A moto server with nimble registered, on a free loopback port."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Nimble:
    """What a test needs beside the client: the mode, and moto's controls for it."""

    mode: str
    client: Any
    server_url: str | None = None
    _changed: list[str] = field(default_factory=list)

    @property
    def in_process(self) -> bool:
        return self.mode == "in-process"

    def make_client(self, region: str = REGION, **kwargs: Any) -> Any:
        if self.server_url:
            kwargs.setdefault("endpoint_url", self.server_url)
        return new_client(region, **kwargs)

    def set_transition(self, model_name: str, transition: dict[str, Any]) -> None:
        self._changed.append(model_name)
        if self.in_process:
            state_manager.set_transition(model_name, transition)
        else:
            requests.post(
                f"{self.server_url}/moto-api/state-manager/set-transition",
                json={"model_name": model_name, "transition": transition},
                timeout=10,
            ).raise_for_status()

    def seed(self, value: int) -> None:
        """Seed moto's random source (the IDs it hands out) in this mode."""
        if self.in_process:
            mock_random.seed(value)
        else:
            requests.post(
                f"{self.server_url}/moto-api/seed?a={value}", timeout=10
            ).raise_for_status()

    def restore(self) -> None:
        for model_name in self._changed:
            if self.in_process:
                state_manager.unset_transition(model_name)
            else:
                requests.post(
                    f"{self.server_url}/moto-api/state-manager/unset-transition",
                    json={"model_name": model_name},
                    timeout=10,
                ).raise_for_status()


@pytest.fixture(params=["in-process", "server"])
def nimble(request: pytest.FixtureRequest) -> Iterator[Nimble]:
    if request.param == "in-process":
        with mock_nimblestudio():
            env = Nimble("in-process", new_client())
            yield env
            env.restore()
    else:
        url = request.getfixturevalue("server_url")
        requests.post(f"{url}/moto-api/reset", timeout=10).raise_for_status()
        env = Nimble("server", new_client(endpoint_url=url), url)
        yield env
        env.restore()


@pytest.fixture
def client(nimble: Nimble) -> Any:
    return nimble.client


@pytest.fixture
def raw_client(nimble: Nimble) -> Any:
    """A client in the same mode as ``client`` that sends whatever it is given
    (``parameter_validation=False``), as other SDKs would."""
    return nimble.make_client(config=Config(parameter_validation=False))


@pytest.fixture
def factory(client: Any) -> Factory:
    return Factory(client)


@pytest.fixture
def console_server() -> Iterator[str]:
    """``moto-nimble-server`` in its own process; its URL."""
    with running_console_server() as url:
        yield url


@pytest.fixture
def studio_id(factory: Factory) -> str:
    """A READY studio's ID."""
    return str(factory.studio()["studioId"])


@pytest.fixture
def parts(factory: Factory) -> tuple[str, str, str]:
    """A READY studio, component and image: (studioId, studioComponentId, streamingImageId)."""
    studio_id = factory.studio()["studioId"]
    component_id = factory.component(studio_id)["studioComponentId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    return studio_id, component_id, image_id


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """A waiter that has to poll twice fails the test instead of sleeping."""

    def sleep(seconds: float) -> None:
        raise AssertionError(
            f"the waiter slept {seconds}s: its first poll did not succeed"
        )

    monkeypatch.setattr(botocore.waiter.time, "sleep", sleep)
