"""``--install-cli-model`` and ``--uninstall-cli-model`` in a home of their own:
uninstalling takes away the copy and the folders above it that installing
made, when nothing else is in them, and never a folder or file of the user's.
(tests/integration/test_aws_cli.py runs both with the AWS CLI.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from moto_nimble.server import (
    CLI_MODEL_MARKER,
    cli_model_folder,
    install_cli_model,
    uninstall_cli_model,
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def tree(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, relative to it."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_in_an_empty_home_uninstall_leaves_it_empty(home: Path) -> None:
    assert install_cli_model() == home / ".aws" / "models" / "nimble" / "2020-08-01"
    assert (cli_model_folder() / "service-2.json").is_file()

    assert uninstall_cli_model() == cli_model_folder()

    assert tree(home) == []
    assert uninstall_cli_model() is None  # nothing to remove


def test_repeating_the_install_keeps_what_it_made(home: Path) -> None:
    install_cli_model()
    install_cli_model()
    uninstall_cli_model()
    assert tree(home) == []


def test_a_file_put_in_aws_after_the_install_keeps_the_folder(home: Path) -> None:
    install_cli_model()
    (home / ".aws" / "config").write_text("[default]\nregion = us-west-2\n")

    uninstall_cli_model()

    assert tree(home) == [".aws", ".aws/config"]


def test_the_users_own_folders_stay_even_when_empty(home: Path) -> None:
    (home / ".aws").mkdir()
    install_cli_model()
    uninstall_cli_model()
    assert tree(home) == [".aws"]

    (home / ".aws" / "models").mkdir()
    install_cli_model()
    uninstall_cli_model()
    assert tree(home) == [".aws", ".aws/models"]

    (home / ".aws" / "models" / "nimble").mkdir()
    install_cli_model()
    uninstall_cli_model()
    assert tree(home) == [".aws", ".aws/models", ".aws/models/nimble"]


def test_other_models_and_credentials_stay(home: Path) -> None:
    aws = home / ".aws"
    (aws / "models" / "other" / "2021-01-01").mkdir(parents=True)
    (aws / "models" / "other" / "2021-01-01" / "service-2.json").write_text("{}")
    (aws / "credentials").write_text("[default]\n")
    before = tree(home)

    install_cli_model()
    uninstall_cli_model()

    assert tree(home) == before
    assert (aws / "credentials").read_text() == "[default]\n"


def test_another_nimble_version_of_the_users_stays(home: Path) -> None:
    install_cli_model()
    other = home / ".aws" / "models" / "nimble" / "2019-01-01"
    other.mkdir()

    uninstall_cli_model()

    assert tree(home) == [
        ".aws",
        ".aws/models",
        ".aws/models/nimble",
        str(other.relative_to(home)),
    ]


def test_a_copy_installed_before_folders_were_recorded(home: Path) -> None:
    """Its marker names only the model it came from: uninstalling removes the
    ``models`` and ``nimble`` folders when empty, as it did then, and ~/.aws stays."""
    install_cli_model()
    marker = cli_model_folder() / CLI_MODEL_MARKER
    source = marker.read_text().splitlines()[0]
    marker.write_text(f"{source}\n")

    uninstall_cli_model()

    assert tree(home) == [".aws"]


def test_a_marker_naming_other_folders_removes_none_of_them(home: Path) -> None:
    """Only the three folders above the copy are ever removed."""
    install_cli_model()
    elsewhere = home / "work"
    elsewhere.mkdir()
    marker = cli_model_folder() / CLI_MODEL_MARKER
    marker.write_text(f"{marker.read_text()}made: {elsewhere}\nmade: {home}\n")

    uninstall_cli_model()

    assert tree(home) == ["work"]
