"""pytest plugin (entry point ``pytest11``): Nimble Studio fixtures for any test suite.

Installing moto-nimble loads this module into every pytest run, before any
conftest.py. It imports nothing heavy: moto, boto3 and moto-nimble are imported
by the fixtures, when a test first asks for one, so pytest starts as fast as
without the plugin, and the settings a conftest.py gives moto (which moto reads
when it is imported) are honoured. ``moto_nimble.pytest_plugin`` re-exports
the fixtures.

``nimble_region``
    The region of ``nimble_client``: ``"us-west-2"``. Override it in a
    conftest.py or test module to test another region.
``nimble_client``
    A boto3 ``nimble`` client inside ``mock_nimblestudio()``, with fake
    credentials in the environment, so no real AWS account is ever reached.
``nimble_studio_factory``
    Builds a READY studio, studio component, streaming image and launch
    profile in one call (see :class:`moto_nimble.factory.NimbleStudioFactory`,
    which needs no pytest).
``nimble_faults``
    :mod:`moto_nimble.faults`, cleared after the test: ``nimble_faults.inject(
    "CreateStudio", error="ThrottlingException")``.
``nimble_shared_botocore``
    For the test, a new default boto3 session (the one ``boto3.client(...)``
    uses, which moto resets for every mock) shares what botocore read from
    disk with every other (:mod:`moto_nimble.sessions`). Make it autouse in
    a conftest.py to spare each test the 70 ms of reading it again.

``nimble_client`` and the factory's clients are made that way: a test's
client has its own session, credentials and event handlers, but the service
model and endpoint data are read once per run.

A whole test::

    def test_session(nimble_studio_factory):
        session = nimble_studio_factory().start_session()
        assert session["state"] == "READY"

PYTEST_DONT_REWRITE: the module has no asserts to rewrite.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from types import ModuleType

    from moto_nimble.factory import NimbleStudioFactory

#: Environment variables that could point boto3 at real credentials or a real endpoint.
_REAL_AWS_SETTINGS = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_NIMBLE",
)

__all__ = [
    "nimble_client",
    "nimble_faults",
    "nimble_region",
    "nimble_shared_botocore",
    "nimble_studio_factory",
]


@pytest.fixture
def nimble_region() -> str:
    """The region of ``nimble_client``. Override this fixture to use another."""
    return "us-west-2"


@pytest.fixture
def nimble_client(nimble_region: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A boto3 ``nimble`` client in ``nimble_region``, inside ``mock_nimblestudio()``.

    For the test's duration the environment holds fake credentials, no profile,
    session token or endpoint override, and empty AWS config files, so nothing
    can reach real AWS. The mock (and all it holds) ends with the test.
    """
    for name in _REAL_AWS_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", nimble_region)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    from moto_nimble.decorator import mock_nimblestudio
    from moto_nimble.sessions import boto3_session

    with mock_nimblestudio():
        # A new session, not boto3's default one, which may have cached real
        # credentials; botocore's data it shares with every test's session.
        yield boto3_session(region_name=nimble_region).client("nimble")


@pytest.fixture
def nimble_faults() -> Iterator[ModuleType]:
    """The fault registry (:mod:`moto_nimble.faults`), cleared after the test."""
    from moto_nimble import faults

    try:
        yield faults
    finally:
        faults.clear()


@pytest.fixture
def nimble_shared_botocore() -> Iterator[None]:
    """boto3's default session, when made anew during the test, shares what
    botocore read from disk (:func:`moto_nimble.sessions.shared_default_sessions`)."""
    from moto_nimble.sessions import shared_default_sessions

    with shared_default_sessions():
        yield


@pytest.fixture
def nimble_studio_factory(nimble_client: Any) -> NimbleStudioFactory:
    """``nimble_studio_factory(**overrides)`` builds a READY :class:`NimbleStudio`."""
    from moto_nimble.factory import NimbleStudioFactory

    return NimbleStudioFactory(nimble_client)
