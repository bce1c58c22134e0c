"""The router: (HTTP method, raw path) to exactly one operation.

Nothing else chooses the operation: not ``Action`` in the query string, a
header or a form body, and not ``X-Amz-Target``. A path matches a template
segment by segment; a label matches one non-empty segment, percent-decoded
after the split, so ``%2F`` inside a label never creates a segment. A
trailing slash, an empty label or an unknown segment matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from .errors import SerializationException, UnknownOperationException
from .spec import OperationSpec


@dataclass(frozen=True, slots=True)
class Match:
    spec: OperationSpec
    #: label member -> decoded value
    labels: dict[str, str]


class Router:
    def __init__(self, specs: Iterable[OperationSpec]) -> None:
        #: (HTTP method, number of segments) -> the specs that may match
        self._exact: dict[tuple[str, int], list[OperationSpec]] = {}
        #: HTTP method -> specs whose last label may span segments
        self._greedy: dict[str, list[OperationSpec]] = {}
        for spec in specs:
            key = (spec.http_method, len(spec.segments))
            for other in self._exact.get(key, []):
                if _overlap(spec, other):
                    raise ValueError(
                        f"{spec.name} and {other.name} share the route "
                        f"{spec.http_method} {_show(spec.segments)}"
                    )
            self._exact.setdefault(key, []).append(spec)
            if spec.greedy_tail:
                self._greedy.setdefault(spec.http_method, []).append(spec)

    def match(self, method: str, raw_path: str) -> Match:
        """The one operation for this request; UnknownOperationException if none."""
        parts = raw_path.split("/")
        if parts[0] != "":
            raise UnknownOperationException(method, raw_path)
        parts = parts[1:]
        for spec in self._exact.get((method, len(parts)), ()):
            values = _bind(spec, parts)
            if values is not None:
                return Match(spec, _labels(spec, values))
        for spec in self._greedy.get(method, ()):
            head = len(spec.segments) - 1
            if len(parts) > head + 1 and all(parts[head:]):
                values = _bind(spec, [*parts[:head], "/".join(parts[head:])])
                if values is not None:
                    return Match(spec, _labels(spec, values))
        raise UnknownOperationException(method, raw_path)


def _bind(spec: OperationSpec, parts: list[str]) -> list[str] | None:
    """The raw label values if the path's segments fit the spec's template."""
    values = []
    for literal, part in zip(spec.segments, parts, strict=True):
        if literal is None:
            if not part:
                return None
            values.append(part)
        elif literal != part:
            return None
    return values


def _labels(spec: OperationSpec, raw: list[str]) -> dict[str, str]:
    try:
        return {
            member: unquote(value, errors="strict")
            for member, value in zip(spec.labels, raw, strict=True)
        }
    except UnicodeDecodeError:
        raise SerializationException(
            "A path label is not percent-encoded UTF-8"
        ) from None


def _overlap(a: OperationSpec, b: OperationSpec) -> bool:
    """Whether one path could match both templates (same length): a label
    matches any literal."""
    return all(
        x is None or y is None or x == y
        for x, y in zip(a.segments, b.segments, strict=True)
    )


def _show(segments: tuple[str | None, ...]) -> str:
    return "/" + "/".join("{}" if s is None else s for s in segments)
