"""Every test that takes ``client`` runs twice: in-process under
``mock_nimblestudio`` and against a live moto server (``ThreadedMotoServer``)
through ``endpoint_url``, the way moto runs its own suite in server mode."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: The suite never reads the home of whoever runs it: botocore, the AWS CLI and
#: every subprocess see an empty home, so a model in ``~/.aws/models`` or a
#: profile in ``~/.aws/config`` cannot stand in for what the package installs.
HOME = tempfile.mkdtemp(prefix="moto-nimble-home-")
atexit.register(shutil.rmtree, HOME, ignore_errors=True)
os.environ["HOME"] = os.environ["USERPROFILE"] = HOME
for _variable in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_DATA_PATH"):
    os.environ.pop(_variable, None)

import boto3  # noqa: E402
import botocore.loaders  # noqa: E402
import pytest  # noqa: E402
import requests  # noqa: E402

# botocore fixed ~/.aws/models when it was first imported (this package's
# pytest plugin imports it before any conftest runs)
botocore.loaders.Loader.CUSTOMER_DATA_PATH = os.path.join(HOME, ".aws", "models")

# fake credentials, whatever the shell holds: no test may ever reach AWS
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ["AWS_DEFAULT_REGION"] = "us-west-2"
for _variable in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
    os.environ.pop(_variable, None)

from moto.moto_api import state_manager  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

import moto_nimble  # noqa: E402
from moto_nimble import mock_nimblestudio  # noqa: E402
from moto_nimble.factory import NimbleStudioFactory  # noqa: E402

REGION = "us-west-2"

#: One botocore session for the suite's clients: making a client from a fresh
#: session reloads botocore's endpoint data and the service model (about 0.13 s
#: a test); moto's mock hooks in all the same, as the stubber is registered
#: with every session made after moto is imported.
_SESSION = boto3.session.Session()


def check_response(parsed: dict[str, Any], model: Any, **_: Any) -> None:
    """Every answer a test's client gets fits the operation's output shape (as
    botocore's Stubber checks the answers it is given)."""
    from botocore.validate import ParamValidator

    if model.output_shape is None or "Error" in parsed:
        return
    answer = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
    report = ParamValidator().validate(answer, model.output_shape)
    assert not report.has_errors(), f"{model.name}: {report.generate_report()}"


_SESSION.events.register("after-call.nimble", check_response)


def new_client(region: str = REGION, **kwargs: Any) -> Any:
    return _SESSION.client("nimble", region_name=region, **kwargs)


ACCOUNT = "123456789012"
PROTOCOL_VERSION = "2021-03-31"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NimbleStudio"


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


class Factory(NimbleStudioFactory):
    """The plugin's factory with the suite's defaults (a studio called
    ``studio``, this file's roles), answering after one Get rather than a
    waiter: the default transitions settle there, and a test that slowed them
    sees the state it asked for."""

    def __init__(self, client: Any) -> None:
        super().__init__(client, wait=False)

    def studio(self, name: str = "studio", **kwargs: Any) -> dict[str, Any]:
        return super().studio(
            **{
                "adminRoleArn": ROLE + "Admin",
                "userRoleArn": ROLE + "User",
                "displayName": name,
                "studioName": name,
                **kwargs,
            }
        )

    def ready_profile(
        self, stream_configuration: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
        """A READY studio, component, image and launch profile that uses them."""
        studio = self.studio()
        component = self.component(studio["studioId"])
        image = self.image(studio["studioId"])
        profile = self.launch_profile(
            studio["studioId"],
            [component["studioComponentId"]],
            [image["streamingImageId"]],
            stream_configuration,
        )
        return studio, component, image, profile


@pytest.fixture
def factory(client: Any) -> Factory:
    return Factory(client)


def assert_error(
    excinfo: Any, code: str, status: int, *in_message: str
) -> dict[str, Any]:
    """Check a botocore ClientError's code, HTTP status and message; return the response."""
    response: dict[str, Any] = excinfo.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    for text in in_message:
        assert text in response["Error"]["Message"], response["Error"]["Message"]
    return response


__all__ = [
    "ACCOUNT",
    "PROTOCOL_VERSION",
    "REGION",
    "Factory",
    "assert_error",
    "moto_nimble",
]
