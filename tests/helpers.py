"""What tests share besides fixtures: the environment every test runs in,
the suite's constants and clients, its factory, the one way each to make a
studio, and the checks tests repeat (``snapshot`` comes from ``nimble_state``,
which scripts/fuzz.py shares).

Tests import it as a module (``from helpers import Factory, assert_error``);
``conftest.py`` imports it first, so the environment below is set before any
test module, botocore client or subprocess starts; the fixtures live there.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: The suite never reads the home of whoever runs it: botocore, the AWS CLI and
#: every subprocess see an empty home, so a model in ``~/.aws/models`` or a
#: profile in ``~/.aws/config`` cannot stand in for what the package installs.
HOME = tempfile.mkdtemp(prefix="moto-nimble-home-")
atexit.register(shutil.rmtree, HOME, ignore_errors=True)
os.environ["HOME"] = os.environ["USERPROFILE"] = HOME
for _variable in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_DATA_PATH"):
    os.environ.pop(_variable, None)
#: The suite's subprocesses (pytest runs of the docs' examples and the plugin's
#: tests, the AWS CLI, python -m ...) may cache bytecode even where the shell
#: says not to: pytest rewrites every module of a pytest11 plugin's
#: distribution, this package's included, and compiles them all again in each
#: run that may not cache them.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import boto3  # noqa: E402
import botocore.loaders  # noqa: E402
import botocore.session  # noqa: E402

# botocore fixed ~/.aws/models when it was first imported (this package's
# pytest plugin imports it before any conftest runs)
botocore.loaders.Loader.CUSTOMER_DATA_PATH = os.path.join(HOME, ".aws", "models")

# fake credentials, whatever the shell holds: no test may ever reach AWS
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ["AWS_DEFAULT_REGION"] = "us-west-2"
for _variable in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
    os.environ.pop(_variable, None)


from botocore import xform_name  # noqa: E402
from nimble_state import snapshot  # noqa: E402, F401  (scripts/fuzz.py uses it too)

from moto_nimble.factory import NimbleStudioFactory  # noqa: E402

REGION = "us-west-2"
ACCOUNT = "123456789012"
PROTOCOL_VERSION = "2021-03-31"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NimbleStudio"

#: A well-formed resource ID (22 characters) that names nothing.
MISSING_ID = "AAAAAAAAAAAAAAAAAAAAAA"
#: Another, for the IDs a request names beside the one a test is about.
OTHER_ID = "BBBBBBBBBBBBBBBBBBBBBB"
#: A well-formed studio ID that names no studio.
UNKNOWN_STUDIO = f"{REGION}:stid-0000000000000000"

#: what a resource ID looks like
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")
AMI = "ami-0123456789abcdef0"
#: a launch profile's stream configuration whose sessions can be stopped
STOPPABLE = {
    "sessionPersistenceMode": "ACTIVATED",
    "automaticTerminationMode": "ACTIVATED",
    "maxStoppedSessionLengthInMinutes": 60,
    "volumeConfiguration": {"size": 500, "throughput": 125, "iops": 3000},
}
#: the streaming images every studio starts with, and the EULAs they need
AMAZON_WINDOWS_IMAGE = "Cw_jXnp1QcSSXhE2hkNRoQ"
AMAZON_LINUX_IMAGE = "YGXAqgoWTnCNSV8VP20sHQ"
AMAZON_IMAGE_EULAS = [
    "gJZLygd-Srq_5NNbSfiaLg",
    "ggK2eIw6RQyt8PIeeOlD3g",
    "a-D9Wc0VQCKUfxAinCDxaw",
    "RvoNmVXiSrS4LhLTb6ybkw",
    "wtp85BcSTa2NZeNRnMKdjw",
    "Rl-J0fM5Sl2hyIiwWIV6hw",
]

#: an identity store and two of its users, for studio and launch profile members
STORE = "d-EXAMPLE111"
OTHER_STORE = "d-EXAMPLE222"
ALICE = "92677b4b19-e9fd012a-94ad-4f16-9866-c69a63ab6486"
BOB = "EXAMPLE111-e9fd012a-94ad-4f16-9866-c69a63ab6486"

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
    """A nimble client from the suite's session (its answers are checked)."""
    return _SESSION.client("nimble", region_name=region, **kwargs)


# -- studios ------------------------------------------------------------------


def studio_params(name: str = "studio", **kwargs: Any) -> dict[str, Any]:
    """CreateStudio's parameters with the suite's roles; ``kwargs`` override."""
    return {
        "adminRoleArn": ROLE + "Admin",
        "userRoleArn": ROLE + "User",
        "displayName": name,
        "studioName": name,
        **kwargs,
    }


def create_studio(client: Any, name: str = "studio", **kwargs: Any) -> dict[str, Any]:
    """The studio as CreateStudio returns it: CREATE_IN_PROGRESS, as no Get has
    settled it yet. (``Factory.studio`` makes a READY one.)"""
    studio: dict[str, Any] = client.create_studio(**studio_params(name, **kwargs))[
        "studio"
    ]
    return studio


class Factory(NimbleStudioFactory):
    """The plugin's factory with the suite's defaults (a studio called
    ``studio``, this module's roles), answering after one Get rather than a
    waiter: the default transitions settle there, and a test that slowed them
    sees the state it asked for."""

    def __init__(self, client: Any) -> None:
        super().__init__(client, wait=False)

    def studio(self, name: str = "studio", **kwargs: Any) -> dict[str, Any]:
        return super().studio(**studio_params(name, **kwargs))

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


def get_session(client: Any, studio_id: str, session_id: str) -> dict[str, Any]:
    """The streaming session as GetStreamingSession returns it."""
    session: dict[str, Any] = client.get_streaming_session(
        studioId=studio_id, sessionId=session_id
    )["session"]
    return session


# -- checks -------------------------------------------------------------------


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


def raw_responses(client: Any, operation: str) -> list[tuple[int, bytes]]:
    """The status and raw body of every response to ``operation`` from now on."""
    seen: list[tuple[int, bytes]] = []

    def record(http_response: Any, **_: Any) -> None:
        seen.append((http_response.status_code, http_response.content))

    client.meta.events.register(f"after-call.nimble.{operation}", record)
    return seen


# -- the console script in its own process --------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_console_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """``moto-nimble-server`` in its own process on a free port; its URL."""
    executable = shutil.which(
        "moto-nimble-server", path=os.path.dirname(sys.executable)
    )
    assert executable, "the moto-nimble-server console script is not installed"
    port = free_port()
    process = subprocess.Popen(
        [executable, "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


# -- requests built from the service model --------------------------------------

#: the model botocore loads, as every client of the service sees it
MODEL = botocore.session.get_session().get_service_model("nimble")
#: values for members whose pattern a placeholder would not fit
_VALID = {
    "ec2ImageId": "ami-0123456789abcdef0",
    "launchProfileProtocolVersions": PROTOCOL_VERSION,
}


def _minimal(shape: Any, name: str) -> Any:
    """The least valid value of ``shape``: required members only, lists at
    their minimum length, the first enum value, OTHER_ID for an ID."""
    kind = shape.type_name
    if kind == "structure":
        return {m: _minimal(shape.members[m], m) for m in shape.required_members}
    if kind == "list":
        return [_minimal(shape.member, name)] * max(shape.metadata.get("min", 1), 1)
    if kind == "map":
        return {}
    if kind == "string":
        if name in _VALID:
            return _VALID[name]
        if shape.enum:
            return shape.enum[0]
        if name.endswith("Id"):
            return OTHER_ID
        return "x" * max(shape.metadata.get("min", 1), 1)
    if kind in ("integer", "long"):
        return shape.metadata.get("min", 1)
    if kind == "boolean":
        return True
    raise AssertionError(f"no minimal value for {kind} {name}")


def minimal_params(operation: str, **given: Any) -> dict[str, Any]:
    """The parameters of ``operation`` (a model name) with only its required
    members, each the least valid value, then ``given``."""
    shape = MODEL.operation_model(operation).input_shape
    params: dict[str, Any] = _minimal(shape, "") if shape is not None else {}
    return {**params, **given}


def call(client: Any, operation: str, **params: Any) -> Any:
    """Call ``operation`` (a model name) with ``params``."""
    return getattr(client, xform_name(operation))(**params)


def operations_with(member: str) -> list[str]:
    """The model's operations whose input has ``member``."""
    return sorted(
        name
        for name in MODEL.operation_names
        if (shape := MODEL.operation_model(name).input_shape) is not None
        and member in shape.members
    )


def launch_profile_params(
    component_id: str, image_id: str, name: str = "profile", **overrides: Any
) -> dict[str, Any]:
    """CreateLaunchProfile's parameters but ``studioId``: one component, one
    image, one subnet, one instance type; ``overrides`` replace members."""
    return {
        "name": name,
        "ec2SubnetIds": ["subnet-0123456789abcdef0"],
        "launchProfileProtocolVersions": [PROTOCOL_VERSION],
        "studioComponentIds": [component_id],
        "streamConfiguration": {
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [image_id],
        },
        **overrides,
    }
