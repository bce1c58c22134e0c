"""Every Python example in README.md and in docs/*.md runs as written.

An example that uses names from the shared set-up (the one block after
``<!-- example-setup -->``, in docs/index.md) says so on its first line and
runs after a fresh run of that set-up; one that uses none stands alone. An
example that defines pytest tests also runs as a test module of its own,
through pytest and this package's plugin, as a user would paste it. The
environment, moto's state transitions, the mock and the set-up's server are
put back after each example, so examples cannot lean on each other. Each test
is named after its example's file and line (``docs/lifecycle.md:57``).

No example can drop out unnoticed: every page's count of Python examples is
written down below, and every fenced block must be one this file knows how to
treat, so a ``py`` or ``python3`` fence cannot hide one.

The extractor is this file (about a hundred lines) rather than a tool such as
pytest-examples or phmdoctest: the pages state their set-up once and for all,
in plain sight, and what these examples need around them (stopping the mock
and the server, restoring the environment, pytest for fixture-taking tests)
would be glue on top of either tool anyway.
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

ROOT = Path(__file__).resolve().parents[2]
#: README and every page of docs/, as paths from the repository's root
PAGES = ["README.md", *sorted(f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md"))]
#: how many Python examples each page holds (the set-up included): a page
#: whose examples vanish, or a new page, fails the count until it is updated
EXAMPLES_PER_PAGE = {
    "README.md": 4,
    "docs/configuration.md": 0,
    "docs/development.md": 0,
    "docs/failures.md": 0,
    "docs/faults.md": 1,
    "docs/implemented.md": 0,
    "docs/index.md": 1,
    "docs/install.md": 0,
    "docs/lifecycle.md": 2,
    "docs/moto.md": 3,
    "docs/performance.md": 0,
    "docs/references.md": 1,
    "docs/resources.md": 7,
    "docs/usage.md": 7,
}
#: the languages a fence may name; only ``python`` blocks are Python examples
FENCE_LANGUAGES = {"python", "bash", "js", "dockerfile"}
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
    page: str  # README.md, docs/lifecycle.md, ...
    line: int  # of the opening fence
    code: str
    marker: str | None  # the HTML comment right above the fence, if any

    @property
    def name(self) -> str:
        return f"{self.page}:{self.line}"


def examples(page: str, text: str) -> list[Example]:
    found = []
    for match in re.finditer(
        r"^(?:(?P<marker><!--[^\n]*-->)\n)?```python\n(?P<code>.*?)^```",
        text,
        flags=re.DOTALL | re.MULTILINE,
    ):
        line = text.count("\n", 0, match.start("code"))
        found.append(Example(page, line, match["code"], match["marker"]))
    return found


def fences(text: str) -> list[tuple[int, str]]:
    """The line and the language of every opening fence, at any indentation."""
    opened, found = False, []
    for number, line in enumerate(text.splitlines(), start=1):
        fence = re.match(r"\s*```(.*)$", line)
        if fence and not opened:
            found.append((number, fence[1].strip()))
        opened ^= bool(fence)
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


TEXTS = {page: (ROOT / page).read_text(encoding="utf-8") for page in PAGES}
ALL = [example for page, text in TEXTS.items() for example in examples(page, text)]
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
        for name in ("server", "mock"):  # what the set-up says to stop
            if name in namespace:
                namespace[name].stop()


def test_one_setup_that_stands_alone() -> None:
    assert [e.name for e in SETUP] == [
        e.name for e in ALL if e.page == "docs/index.md" and e.marker == SETUP_MARKER
    ], f"one block after {SETUP_MARKER}, in docs/index.md"
    (setup,) = SETUP
    free, _, _ = names(setup.code)
    assert not free, f"the set-up uses names it does not make: {free}"


def test_every_page_keeps_its_examples() -> None:
    found = {page: sum(e.page == page for e in ALL) for page in PAGES}
    assert found == EXAMPLES_PER_PAGE


@pytest.mark.parametrize("page", PAGES)
def test_every_fence_is_one_the_examples_know(page: str) -> None:
    """Every fence names a known language, and every ``python`` fence is an
    example that runs (one indented in a list would be missed)."""
    opened = fences(TEXTS[page])
    unknown = [(line, lang) for line, lang in opened if lang not in FENCE_LANGUAGES]
    assert not unknown, f"{page}: fences of unknown languages at {unknown}"
    python = sum(lang == "python" for _, lang in opened)
    assert python == sum(e.page == page for e in ALL), (
        f"{page}: a python fence is not run"
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_readme_example_runs(example: Example, request: pytest.FixtureRequest) -> None:
    _, setup_imports, setup_makes = names(SETUP[0].code)
    needs, _, _ = names(example.code)
    unknown = needs - setup_imports - setup_makes
    assert not unknown, f"{example.name} uses {sorted(unknown)}, made nowhere"
    # the page tells the reader which examples need the set-up by their first line
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
