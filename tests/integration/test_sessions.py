"""moto_nimble.sessions: boto3 sessions that read botocore's data once, and
keep everything else their own; the plugin's fixtures are made of them."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.handlers
import pytest
from moto import mock_aws

from moto_nimble import mock_nimblestudio
from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.sessions import boto3_session, shared_default_sessions

pytest_plugins = ["pytester"]


def loader_of(session: Any) -> Any:
    return session._session.get_component("data_loader")


def test_sessions_share_the_loader_and_nothing_else():
    first = boto3_session(
        region_name="us-west-2", aws_access_key_id="one", aws_secret_access_key="x"
    )
    second = boto3_session(
        region_name="eu-west-1", aws_access_key_id="two", aws_secret_access_key="y"
    )
    assert loader_of(first) is loader_of(second)
    assert first.get_credentials().access_key == "one"
    assert second.get_credentials().access_key == "two"
    assert first.client("nimble").meta.region_name == "us-west-2"
    assert second.client("nimble").meta.region_name == "eu-west-1"

    heard: list[str] = []
    first.events.register("before-call.nimble", lambda **_: heard.append("first"))
    with mock_nimblestudio():
        second.client("nimble").list_studios()
        assert heard == []
        first.client("nimble").list_studios()
        assert heard == ["first"]


def test_the_loader_search_paths_do_not_grow():
    paths = list(loader_of(boto3_session()).search_paths)
    for _ in range(5):
        boto3_session()
    assert loader_of(boto3_session()).search_paths == paths
    assert len(set(paths)) == len(paths)


def test_another_data_path_gets_its_own_loader(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
):
    default = loader_of(boto3_session())
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path))
    other = loader_of(boto3_session())
    assert other is not default
    assert str(tmp_path) in other.search_paths
    assert loader_of(boto3_session()) is other


def test_default_sessions_share_the_loader_while_active():
    original = boto3.setup_default_session
    loaders = []
    with shared_default_sessions():
        for _ in range(2):
            with mock_aws():  # moto resets boto3's default session for each mock
                boto3.client("s3", region_name="us-east-1").list_buckets()
                loaders.append(loader_of(boto3.DEFAULT_SESSION))
    assert loaders[0] is loaders[1]
    assert boto3.setup_default_session is original


def test_the_factory_makes_one_create_and_one_get_per_resource():
    with mock_nimblestudio():
        client = boto3_session(region_name="us-west-2").client("nimble")
        calls: list[str] = []
        client.meta.events.register(
            "before-call.nimble", lambda model, **_: calls.append(model.name)
        )
        NimbleStudioFactory(client)().start_session()
    assert calls == [
        "CreateStudio",
        "GetStudio",
        "CreateStudioComponent",
        "GetStudioComponent",
        "CreateStreamingImage",
        "GetStreamingImage",
        "CreateLaunchProfile",
        "GetLaunchProfile",
        "CreateStreamingSession",
        "GetStreamingSession",
    ]


CONFTEST = """
import pytest


@pytest.fixture(autouse=True)
def _botocore_reads_once(nimble_shared_botocore):
    pass
"""

TESTS = """
import boto3
import botocore.handlers
from moto import mock_aws

LOADERS = []


def loader():
    return boto3.DEFAULT_SESSION._session.get_component("data_loader")


@mock_aws
def test_one():
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="one")
    LOADERS.append(loader())


@mock_aws
def test_two():
    assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []
    LOADERS.append(loader())
    assert LOADERS[0] is LOADERS[1]
"""


@pytest.mark.slow
def test_the_conftest_pattern_shares_botocore_data_between_tests(
    pytester: pytest.Pytester,
):
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_pattern=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_a_session_has_botocore_built_in_handlers_as_they_are_now(
    monkeypatch: pytest.MonkeyPatch,
):
    heard: list[str] = []

    def listen(**_: Any) -> None:
        heard.append("built-in")

    before = boto3_session(region_name="us-west-2")
    monkeypatch.setattr(
        botocore.handlers,
        "BUILTIN_HANDLERS",
        [*botocore.handlers.BUILTIN_HANDLERS, ("before-call.nimble", listen)],
    )
    after = boto3_session(region_name="us-west-2")
    with mock_nimblestudio():
        before.client("nimble").list_studios()
        assert heard == []
        after.client("nimble").list_studios()
        assert heard == ["built-in"]
    monkeypatch.undo()
    boto3_session(region_name="us-west-2").client("nimble")
    with mock_nimblestudio():
        boto3_session(region_name="us-west-2").client("nimble").list_studios()
    assert heard == ["built-in"]
