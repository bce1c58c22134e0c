"""Every Python example in README.md runs as written.

An example that uses names from README's shared set-up (the block after
``<!-- example-setup -->``) says so on its first line and runs after a fresh
run of that set-up; one that uses none stands alone. An example that defines
pytest tests also runs as a test module of its own, through pytest and this
package's plugin, as a user would paste it. The environment, moto's state
transitions, the mock and the set-up's server are put back after each
example, so examples cannot lean on each other.

The extractor is this file (about a hundred lines) rather than a tool such as
pytest-examples or phmdoctest: README states its set-up once and for all, in
plain sight, and what these examples need around them (stopping the mock and
the server, restoring the environment, pytest for fixture-taking tests) would
be glue on top of either tool anyway.
"""

from __future__ import annotations

import ast
import builtins
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from moto.moto_api import state_manager

README = Path(__file__).resolve().parents[2] / "README.md"
SETUP_MARKER = "<!-- example-setup -->"
#: the first line of an example that runs after the set-up
AFTER_SETUP = "# after the shared set-up"
NIMBLE_MODELS = [
    "nimble::studio",
    "nimble::studio_component",
    "nimble::launch_profile",
    "nimble::streaming_image",
    "nimble::streaming_session",
    "nimble::streaming_session_stream",
]


@dataclass(frozen=True)
class Example:
    line: int  # of the opening fence
    code: str
    marker: str | None  # the HTML comment right above the fence, if any

    @property
    def name(self) -> str:
        return f"README.md:{self.line}"


def examples(text: str) -> list[Example]:
    found = []
    for match in re.finditer(
        r"^(?:(?P<marker><!--[^\n]*-->)\n)?```python\n(?P<code>.*?)^```",
        text,
        flags=re.DOTALL | re.MULTILINE,
    ):
        line = text.count("\n", 0, match.start("code"))
        found.append(Example(line, match["code"], match["marker"]))
    return found


def names(code: str) -> tuple[set[str], set[str], set[str]]:
    """What the code reads and never binds (builtins aside), what it imports,
    and what else it binds."""
    read, imported, bound = set(), set(), set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            imported.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return read - imported - bound - set(dir(builtins)), imported, bound


def defines_tests(code: str) -> bool:
    return any(
        isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        for node in ast.parse(code).body
    )


ALL = examples(README.read_text(encoding="utf-8"))
SETUP = [e for e in ALL if e.marker == SETUP_MARKER]
EXAMPLES = [e for e in ALL if e.marker != SETUP_MARKER]


def run(code: str, name: str, namespace: dict[str, Any]) -> None:
    exec(compile(code, name, "exec"), namespace)


#: what a user's shell may well not have: an example needing them must say so
USER_SETTINGS = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_DEFAULT_REGION",
)


@pytest.fixture
def isolated() -> Iterator[None]:
    """A shell without AWS settings (the suite's HOME is empty too); the
    environment and moto's transitions put back afterwards."""
    environ = dict(os.environ)
    for variable in USER_SETTINGS:
        os.environ.pop(variable, None)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(environ)
        for model_name in NIMBLE_MODELS:
            state_manager.unset_transition(model_name)


@pytest.fixture
def setup_namespace(isolated: None) -> Iterator[dict[str, Any]]:  # noqa: ARG001
    (setup,) = SETUP
    namespace: dict[str, Any] = {"__name__": "readme"}
    try:
        run(setup.code, setup.name, namespace)
        yield namespace
    finally:
        for name in ("server", "mock"):  # what README's set-up says to stop
            if name in namespace:
                namespace[name].stop()


def test_readme_has_one_setup_and_examples() -> None:
    assert len(SETUP) == 1, f"one block after {SETUP_MARKER}"
    assert len(EXAMPLES) >= 15
    free, _, _ = names(SETUP[0].code)
    assert not free, f"the set-up uses names it does not make: {free}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_readme_example_runs(example: Example, request: pytest.FixtureRequest) -> None:
    _, setup_imports, setup_makes = names(SETUP[0].code)
    needs, _, _ = names(example.code)
    unknown = needs - setup_imports - setup_makes
    assert not unknown, f"{example.name} uses {sorted(unknown)}, made nowhere"
    # README tells the reader which examples need the set-up by their first line
    says_so = example.code.startswith(AFTER_SETUP)
    assert says_so == bool(needs), (
        f"{example.name} uses {sorted(needs)} from the set-up: begin it with {AFTER_SETUP!r}"
        if needs
        else f"{example.name} stands alone: drop {AFTER_SETUP!r}"
    )
    if needs:
        # an example leans on the set-up for what it makes (client, studio_id,
        # ...); one that would need only the set-up's imports must import them
        assert needs & setup_makes, f"{example.name} should import {sorted(needs)}"
        namespace = request.getfixturevalue("setup_namespace")
    else:
        request.getfixturevalue("isolated")
        namespace = {"__name__": "readme"}
    run(example.code, example.name, namespace)


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if defines_tests(e.code)], ids=lambda e: e.name
)
@pytest.mark.slow
def test_readme_tests_pass_under_pytest(example: Example, tmp_path: Path) -> None:
    """Pasted into a test module, the example's tests pass: fixtures from the
    plugin, decorated functions collected as tests."""
    module = tmp_path / "test_example.py"
    module.write_text(example.code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", module.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tests = sum(
        isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        for node in ast.parse(example.code).body
    )
    assert f"{tests} passed" in result.stdout, result.stdout
