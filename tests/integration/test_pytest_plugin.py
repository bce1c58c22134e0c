"""The pytest plugin's fixtures: nimble_region, nimble_client, nimble_studio_factory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import AMAZON_LINUX_IMAGE, assert_error
from moto.moto_api import state_manager

from moto_nimble.pytest_plugin import NimbleStudio, NimbleStudioFactory

pytest_plugins = ["pytester"]


THREE_LINE_TEST = """
def test_session(nimble_studio_factory):
    session = nimble_studio_factory().start_session()
    assert session["state"] == "READY"
"""


@pytest.mark.slow
def test_three_line_test_file_creates_a_session(pytester: pytest.Pytester):
    """The issue's "done when": a fresh pytest run, the plugin loaded by its
    entry point, no conftest, and three lines make a READY session."""
    assert len(THREE_LINE_TEST.strip().splitlines()) == 3
    pytester.makepyfile(test_three_lines=THREE_LINE_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_nimble_client_default_region(nimble_client: Any):
    assert nimble_client.meta.region_name == "us-west-2"
    assert nimble_client.list_studios()["studios"] == []


class TestOverriddenRegion:
    @pytest.fixture
    def nimble_region(self) -> str:
        return "eu-west-2"

    def test_nimble_region_can_be_overridden(
        self, nimble_client: Any, nimble_studio_factory: NimbleStudioFactory
    ):
        built = nimble_studio_factory()

        assert nimble_client.meta.region_name == "eu-west-2"
        assert built.studio_id.startswith("eu-west-2:stid-")
        assert built.studio["studioUrl"].endswith(".eu-west-2.amazonaws.com")
        assert built.start_session()["state"] == "READY"


class TestRealCredentialsAreNeverUsed:
    @pytest.fixture
    def nimble_region(self, monkeypatch: pytest.MonkeyPatch) -> str:
        """Runs before nimble_client: the environment looks like a real account."""
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALREALREALREAL")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-secret")
        monkeypatch.setenv("AWS_SESSION_TOKEN", "real-token")
        monkeypatch.setenv("AWS_PROFILE", "production")
        monkeypatch.setenv("AWS_ENDPOINT_URL", "https://nimble.example.com")
        return "us-east-1"

    def test_nimble_client_uses_fake_credentials(self, nimble_client: Any):
        credentials = nimble_client._request_signer._credentials
        assert credentials.access_key != "AKIAREALREALREALREAL"
        assert credentials.token is None
        for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"):
            assert name not in os.environ
        assert (
            nimble_client.meta.endpoint_url == "https://nimble.us-east-1.amazonaws.com"
        )
        assert nimble_client.meta.region_name == "us-east-1"
        component = NimbleStudioFactory(nimble_client)().component
        assert component["createdBy"] != "AKIAREALREALREALREAL"


def test_factory_builds_ready_resources(
    nimble_client: Any, nimble_studio_factory: NimbleStudioFactory
):
    built = nimble_studio_factory()

    assert isinstance(built, NimbleStudio)
    assert built.client is nimble_client
    assert built.studio["state"] == "READY"
    assert built.component["state"] == "READY"
    assert built.component["type"] == "COMPUTE_FARM"
    assert built.image["state"] == "READY"
    assert built.image["owner"] != "amazon"
    assert built.image.get("eulaIds", []) == []
    assert built.launch_profile["state"] == "READY"
    assert built.launch_profile["studioComponentIds"] == [built.component_id]
    config = built.launch_profile["streamConfiguration"]
    assert config["streamingImageIds"] == [built.image_id]
    assert config["ec2InstanceTypes"] == ["g4dn.xlarge", "g4dn.2xlarge"]
    assert built.eula_acceptances == []
    # what the factory returns is what the service now holds
    assert nimble_client.get_studio(studioId=built.studio_id)["studio"] == built.studio
    profile = nimble_client.get_launch_profile(
        studioId=built.studio_id, launchProfileId=built.launch_profile_id
    )["launchProfile"]
    assert profile == built.launch_profile


def test_factory_start_session(nimble_studio_factory: NimbleStudioFactory):
    built = nimble_studio_factory()

    session = built.start_session(ec2InstanceType="g4dn.2xlarge", tags={"k": "v"})

    assert session["state"] == "READY"
    assert session["statusCode"] == "STREAMING_SESSION_READY"
    assert session["launchProfileId"] == built.launch_profile_id
    assert session["streamingImageId"] == built.image_id
    assert session["ec2InstanceType"] == "g4dn.2xlarge"
    assert session["tags"] == {"k": "v"}
    sessions = built.client.list_streaming_sessions(studioId=built.studio_id)
    assert [s["sessionId"] for s in sessions["sessions"]] == [session["sessionId"]]


def test_factory_overrides(nimble_studio_factory: NimbleStudioFactory):
    built = nimble_studio_factory(
        studio={"displayName": "Shows"},
        component={"name": "licenses", "type": "LICENSE_SERVICE"},
        image={"name": "houdini", "description": "Houdini 20"},
        launch_profile={"name": "artists", "description": "for artists"},
        stream_configuration={
            "ec2InstanceTypes": ["g5.xlarge"],
            "clipboardMode": "DISABLED",
        },
    )

    assert built.studio["displayName"] == "Shows"
    assert (built.component["name"], built.component["type"]) == (
        "licenses",
        "LICENSE_SERVICE",
    )
    assert (built.image["name"], built.image["description"]) == (
        "houdini",
        "Houdini 20",
    )
    assert built.launch_profile["name"] == "artists"
    assert built.launch_profile["description"] == "for artists"
    config = built.launch_profile["streamConfiguration"]
    assert config["ec2InstanceTypes"] == ["g5.xlarge"]
    assert config["clipboardMode"] == "DISABLED"
    assert config["streamingImageIds"] == [built.image_id]
    assert built.start_session()["ec2InstanceType"] == "g5.xlarge"


def test_factory_accepts_eulas_of_amazon_images(
    nimble_studio_factory: NimbleStudioFactory,
):
    built = nimble_studio_factory(
        stream_configuration={"streamingImageIds": [AMAZON_LINUX_IMAGE]}
    )

    amazon_image = built.client.get_streaming_image(
        studioId=built.studio_id, streamingImageId=AMAZON_LINUX_IMAGE
    )["streamingImage"]
    assert len(amazon_image["eulaIds"]) == 6
    assert sorted(a["eulaId"] for a in built.eula_acceptances) == sorted(
        amazon_image["eulaIds"]
    )
    assert {a["accepteeId"] for a in built.eula_acceptances} == {built.studio_id}
    listed = built.client.list_eula_acceptances(studioId=built.studio_id)[
        "eulaAcceptances"
    ]
    assert len(listed) == 6
    session = built.start_session()
    assert (session["state"], session["streamingImageId"]) == (
        "READY",
        AMAZON_LINUX_IMAGE,
    )


def test_factory_accept_eulas_false(nimble_studio_factory: NimbleStudioFactory):
    built = nimble_studio_factory(
        stream_configuration={"streamingImageIds": [AMAZON_LINUX_IMAGE]},
        accept_eulas=False,
    )

    assert built.eula_acceptances == []
    with pytest.raises(ClientError) as excinfo:
        built.start_session()
    assert_error(excinfo, "ValidationException", 400)
    assert (
        built.client.list_eula_acceptances(studioId=built.studio_id)["eulaAcceptances"]
        == []
    )
    assert (
        built.client.list_streaming_sessions(studioId=built.studio_id)["sessions"] == []
    )


def test_factory_called_twice_builds_two_studios(
    nimble_studio_factory: NimbleStudioFactory,
):
    first, second = nimble_studio_factory(), nimble_studio_factory()

    assert first.studio_id != second.studio_id
    assert first.studio["studioName"] != second.studio["studioName"]
    studios = first.client.list_studios()["studios"]
    assert sorted(s["studioId"] for s in studios) == sorted(
        [first.studio_id, second.studio_id]
    )


@pytest.fixture
def slow_sessions() -> Iterator[None]:
    """Sessions settle on the second Get instead of the first."""
    state_manager.set_transition(
        "nimble::streaming_session", {"progression": "manual", "times": 2}
    )
    yield
    state_manager.unset_transition("nimble::streaming_session")


@pytest.mark.usefixtures("slow_sessions")
def test_start_session_waits_until_ready(nimble_studio_factory: NimbleStudioFactory):
    session = nimble_studio_factory().start_session()

    assert session["state"] == "READY"


def test_factory_errors_propagate(nimble_studio_factory: NimbleStudioFactory):
    """A bad override fails the way the API call fails, not silently."""
    with pytest.raises(ClientError) as excinfo:
        nimble_studio_factory(stream_configuration={"ec2InstanceTypes": ["t2.micro"]})

    assert_error(excinfo, "ValidationException", 400, "t2.micro")


@pytest.mark.slow
def test_factory_needs_no_pytest():
    """``moto_nimble.factory`` imports where pytest is not installed."""
    code = (
        "import sys; sys.modules['pytest'] = None\n"
        "from moto_nimble.factory import NimbleStudioFactory\n"
        "print(NimbleStudioFactory.__module__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "moto_nimble.factory"


def test_plugin_still_hands_out_the_factory():
    from moto_nimble import factory, pytest_plugin

    assert pytest_plugin.NimbleStudioFactory is factory.NimbleStudioFactory
    assert pytest_plugin.NimbleStudio is factory.NimbleStudio


@pytest.mark.slow
def test_factory_names_do_not_collide_across_processes():
    """Each process's factory draws its own default studio names, so test
    workers (or reruns) sharing one server do not take each other's."""
    from moto_nimble.server import ThreadedNimbleServer

    code = (
        "import boto3, sys\n"
        "from moto_nimble.factory import NimbleStudioFactory\n"
        "client = boto3.client('nimble', region_name='us-west-2', endpoint_url=sys.argv[1],\n"
        "    aws_access_key_id='testing', aws_secret_access_key='testing')\n"
        "print(NimbleStudioFactory(client).studio()['studioName'])\n"
    )
    with ThreadedNimbleServer() as server:
        names = [
            subprocess.run(
                [sys.executable, "-c", code, server.url],
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
            ).stdout.strip()
            for _ in range(2)
        ]

    assert len(set(names)) == 2, names


FAULTS_TESTS = """
import pytest
from botocore.exceptions import ClientError

from moto_nimble import faults


def test_a_throttle(nimble_client, nimble_faults):
    nimble_faults.inject("ListStudios", error="ThrottlingException", count=None)
    with pytest.raises(ClientError) as excinfo:
        nimble_client.list_studios()
    assert excinfo.value.response["Error"]["Code"] == "ThrottlingException"


def test_a_fault_outside_any_mock(nimble_faults):
    nimble_faults.inject("GetStudio", error="ThrottlingException", count=None)
    assert len(faults.injected()) == 1


def test_the_next_test_has_no_faults():
    assert faults.injected() == []
"""


@pytest.mark.slow
def test_the_nimble_faults_fixture_is_cleared_after_its_test(pytester: pytest.Pytester):
    """A fault the fixture registered (until cleared) does not outlive its test."""
    pytester.makepyfile(test_faults=FAULTS_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


SETTINGS_CONFTEST = """
import os

os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"
"""

SETTINGS_TEST = """
import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws


def test_moto_reads_the_conftests_setting():
    with mock_aws():
        s3 = boto3.client(
            "s3",
            region_name="us-east-1",
            aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
            aws_secret_access_key="not-a-key-moto-knows",
        )
        with pytest.raises(ClientError) as excinfo:
            s3.list_buckets()
    assert excinfo.value.response["Error"]["Code"] == "InvalidAccessKeyId"
"""


@pytest.mark.slow
def test_settings_a_conftest_gives_moto_are_honoured(pytester: pytest.Pytester):
    """moto reads INITIAL_NO_AUTH_ACTION_COUNT when it is imported: the plugin,
    loaded before any conftest.py, must not import moto first."""
    pytester.makeconftest(SETTINGS_CONFTEST)
    pytester.makepyfile(test_settings=SETTINGS_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


@pytest.mark.slow
def test_the_plugin_imports_nothing_heavy_at_pytest_start(pytester: pytest.Pytester):
    pytester.makepyfile(
        test_modules="""
import sys

def test_nothing_heavy_yet():
    heavy = [m for m in ("moto", "boto3", "botocore", "moto_nimble") if m in sys.modules]
    assert heavy == []
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
