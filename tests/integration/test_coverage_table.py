import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_implementation_coverage_table_is_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "coverage.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_failures_table_is_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "failures.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
