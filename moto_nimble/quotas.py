"""Service quotas, each one a setting (facts §9.1).

Every quota can be changed with an environment variable, read on each call:
``MOTO_NIMBLE_QUOTA_<NAME>`` set to a number, or to ``unlimited``. A create that
would go over a quota answers ServiceQuotaExceededException (402) and changes
nothing. Resources in state DELETED do not count.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from .exceptions import ServiceQuotaExceededException

#: quota name -> default (None: unlimited). The published defaults, except G5
#: sessions: the service's default of 0 would make every g5.* session fail, so
#: they are unlimited unless a test sets MOTO_NIMBLE_QUOTA_G5_SESSIONS_PER_STUDIO.
DEFAULTS: dict[str, int | None] = {
    "launch_profiles_per_studio": 50,
    "streaming_images_per_studio": 10,
    "shared_file_system_components_per_studio": 10,
    "g5_sessions_per_studio": None,
}
PREFIX = "MOTO_NIMBLE_QUOTA_"


def quota(name: str) -> int | None:
    """The quota in force: the environment's value, else the default."""
    raw = os.environ.get(PREFIX + name.upper())
    if raw is None or not raw.strip():
        return DEFAULTS[name]
    if raw.strip().lower() == "unlimited":
        return None
    return max(0, int(raw))


def check_quota(name: str, count_in_use: Callable[[], int]) -> None:
    """Refuse one more when what is in use already reaches the quota (counted
    only when a quota is set)."""
    limit = quota(name)
    if limit is not None and count_in_use() >= limit:
        readable = name.replace("_", " ")
        raise ServiceQuotaExceededException(
            f"Quota exceeded: {readable} is {limit} ({PREFIX}{name.upper()})"
        )


def in_use(
    resources: Iterable[Any], counts: Callable[[Any], bool] = lambda _: True
) -> int:
    """How many of ``resources`` count toward a quota: those not DELETED."""
    return sum(1 for r in resources if r.state != "DELETED" and counts(r))
