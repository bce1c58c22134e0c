"""A comparable picture of every nimble backend, to show that a rejected
request changed nothing."""

from __future__ import annotations

import datetime
from typing import Any

from moto_nimble import nimble_backends
from moto_nimble.models.base import Lifecycle

#: what a backend derives on first read rather than holds (the Amazon-owned images)
DERIVED = {"amazon_streaming_images", "amazon_images_by_id"}
#: what a resource holds of what the backend already shows: its studio, and
#: the backend's ARN index (a studio keeps it for what its sessions make)
ALIASES = {"studio", "arn_index"}


def snapshot() -> dict[str, Any]:
    """Every backend that holds anything, as plain data.

    A backend that holds nothing (no studio, no remembered clientToken) is
    left out: moto makes one on first use of an account and region, whatever
    the answer, and an empty one is no state."""
    pictures = {}
    for account, regions in list(nimble_backends.items()):
        for region, backend in list(regions.items()):
            if len(backend.studios) == 0 and not backend.idempotency:
                continue
            held = {k: v for k, v in vars(backend).items() if k not in DERIVED}
            pictures[f"{account}/{region}"] = _plain(held, set())
    return pictures


def _plain(value: Any, seen: set[int]) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return repr(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {repr(k): _plain(v, seen) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, seen) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(v) for v in value)
    if callable(value) or "lock" in type(value).__name__.lower():
        return f"<{type(value).__name__}>"
    if id(value) in seen:
        return f"<seen {type(value).__name__}>"
    seen.add(id(value))
    if isinstance(value, Lifecycle):
        # a due transition applies when the state is next read: read it, so
        # that the picture shows the state every client would see
        _ = value.state
    if hasattr(value, "__dict__"):
        held = {k: v for k, v in vars(value).items() if k not in ALIASES}
        return {"__class__": type(value).__name__, **_plain(held, seen)}
    return repr(value)
