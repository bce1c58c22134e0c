"""What the scripts that write a generated file share: write it, or with
``--check`` exit 1 when the committed file is stale."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, text: str, script: str, argv: list[str]) -> int:
    if "--check" in argv:
        current = target.read_text() if target.exists() else ""
        if current != text:
            sys.stderr.write(f"{target.name} is stale: run python scripts/{script}\n")
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    return 0
