"""The package's types hold: ``mypy --strict`` (settings in pyproject.toml) on moto_nimble/ and the start-up hook."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_mypy_strict_is_clean():
    pytest.importorskip("mypy", reason="mypy comes with the test extras")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "moto_nimble",
            "_moto_nimble_autoload.py",
            "_moto_nimble_pytest.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_ships_py_typed():
    import moto_nimble

    assert (Path(moto_nimble.__file__).parent / "py.typed").is_file()
