"""Service quotas: the defaults AWS published for Nimble Studio (the "Amazon
Nimble Studio endpoints and quotas" page of the AWS General Reference,
https://docs.aws.amazon.com/general/latest/gr/nimblestudio.html), each a
setting (see :mod:`moto_nimble.settings`).

A create that would go over a quota answers ServiceQuotaExceededException
(402) and changes nothing. Resources in state DELETED do not count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .exceptions import ServiceQuotaExceededException
from .settings import quota, quota_setting


def check_quota(name: str, count_in_use: Callable[[], int]) -> None:
    """Refuse one more when what is in use already reaches the quota (counted
    only when a quota is set)."""
    limit = quota(name)
    if limit is not None and count_in_use() >= limit:
        readable = name.replace("_", " ")
        raise ServiceQuotaExceededException(
            f"Quota exceeded: {readable} is {limit} ({quota_setting(name).variable})"
        )


def in_use(
    resources: Iterable[Any], counts: Callable[[Any], bool] = lambda _: True
) -> int:
    """How many of ``resources`` count toward a quota: those not DELETED."""
    return sum(1 for r in resources if r.state != "DELETED" and counts(r))
