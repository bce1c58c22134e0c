"""moto_nimble/settings.py and the table of docs/configuration.md say the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from moto_nimble import settings

CONFIGURATION = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def documented_table() -> dict[str, str]:
    """Environment variable -> default, from the table of docs/configuration.md."""
    text = CONFIGURATION.read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        found = re.fullmatch(r"`([A-Z0-9_]+)(?:=[a-z]+)?`", cells[0]) if cells else None
        if found:
            rows[found[1]] = cells[-1]
    return rows


def test_the_docs_list_every_setting_with_its_default() -> None:
    assert documented_table() == {s.variable: s.default for s in settings.SETTINGS}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 100), ("2", 2), ("0", 1), ("ten", 100), ("  ", 100)],
)
def test_page_size(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: int
) -> None:
    if value is None:
        monkeypatch.delenv("MOTO_NIMBLE_PAGE_SIZE", raising=False)
    else:
        monkeypatch.setenv("MOTO_NIMBLE_PAGE_SIZE", value)
    assert settings.page_size() == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 50),
        ("7", 7),
        ("unlimited", None),
        ("UNLIMITED", None),
        ("-3", 0),
        ("x", 50),
    ],
)
def test_quota(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: int | None
) -> None:
    variable = "MOTO_NIMBLE_QUOTA_LAUNCH_PROFILES_PER_STUDIO"
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)
    assert settings.quota("launch_profiles_per_studio") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("true", True), (" True ", True), ("1", False)],
)
def test_strict_membership(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: bool
) -> None:
    if value is None:
        monkeypatch.delenv("MOTO_NIMBLE_STRICT_MEMBERSHIP", raising=False)
    else:
        monkeypatch.setenv("MOTO_NIMBLE_STRICT_MEMBERSHIP", value)
    assert settings.strict_membership() is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("true", True), ("TRUE ", True), ("yes", False)],
)
def test_check_references(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: bool
) -> None:
    if value is None:
        monkeypatch.delenv("MOTO_NIMBLE_CHECK_REFERENCES", raising=False)
    else:
        monkeypatch.setenv("MOTO_NIMBLE_CHECK_REFERENCES", value)
    assert settings.check_references() is expected


@pytest.mark.parametrize(
    ("value", "expected"), [(None, 30.0), ("2.5", 2.5), ("soon", 30.0)]
)
def test_client_timeout(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: float
) -> None:
    if value is None:
        monkeypatch.delenv("MOTO_NIMBLE_CLIENT_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("MOTO_NIMBLE_CLIENT_TIMEOUT", value)
    assert settings.client_timeout() == expected


def test_a_bad_quota_value_is_not_a_server_error(client, factory, monkeypatch) -> None:
    """It counts as unset: the create succeeds under the default quota."""
    monkeypatch.setenv("MOTO_NIMBLE_QUOTA_STREAMING_IMAGES_PER_STUDIO", "lots")
    studio_id = factory.studio()["studioId"]
    image = client.create_streaming_image(
        studioId=studio_id, name="image", ec2ImageId="ami-0abc"
    )["streamingImage"]
    assert image["state"] == "CREATE_IN_PROGRESS"
