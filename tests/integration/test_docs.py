"""README.md and the pages of docs/ hold together: mkdocs.yml lists every page,
and every relative link finds its file and, where it names one, its heading.

``mkdocs build --strict`` checks the links between pages too, but it needs the
``docs`` extras and never reads README; this runs with the suite. Anchors are
made as GitHub makes them, which for these headings is what MkDocs makes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def prose(text: str) -> str:
    """The text without its fenced code blocks and inline code."""
    text = re.sub(r"^\s*```.*?^\s*```", "", text, flags=re.DOTALL | re.MULTILINE)
    return re.sub(r"`[^`\n]*`", "", text)


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    text = re.sub(
        r"^\s*```.*?^\s*```",
        "",
        path.read_text(encoding="utf-8"),
        flags=re.DOTALL | re.MULTILINE,
    )
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", text, flags=re.MULTILINE):
        words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
        slug = re.sub(r"[^\w\- ]", "", words.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def links(path: Path) -> list[str]:
    return [
        target
        for target in LINK.findall(prose(path.read_text(encoding="utf-8")))
        if not re.match(r"[a-z]+:", target)
    ]


def test_mkdocs_lists_every_page_once() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = [page for entry in config["nav"] for page in entry.values()]
    assert sorted(listed) == sorted(path.name for path in DOCS.glob("*.md"))
    assert config["strict"] is True
    assert config["validation"]["anchors"] == "warn"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_finds_its_file_and_heading(page: Path) -> None:
    broken = []
    for target in links(page):
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        if not path.exists() or (anchor and anchor not in anchors(path)):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: {broken}"


def test_readme_links_every_page() -> None:
    linked = {
        (ROOT / target.partition("#")[0]).resolve()
        for target in links(ROOT / "README.md")
    }
    assert {path.resolve() for path in DOCS.glob("*.md")} <= linked


def test_the_pages_link_no_file_outside_docs() -> None:
    """MkDocs serves only docs/: a link out of it would break on the site."""
    outside = [
        (page.name, target)
        for page in DOCS.glob("*.md")
        for target in links(page)
        if target.partition("#")[0]
        and DOCS not in (page.parent / target.partition("#")[0]).resolve().parents
    ]
    assert not outside
