"""The time nimble reads: moto's clock (``moto.core.utils.utcnow``, which
freezegun and time-machine move, as moto's own tests do), plus how far a
server's clock hook moved it (``POST /nimble_<region>/moto-api/clock``; one
clock a process). moto's reset sets the hook's part back to nothing.

Everything in nimble that reads the time reads it here: timestamps, the
timers of sessions and streams, and moto's time-based pacing of transitions.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

from moto.core.utils import utcnow

from .moto_compat import on_reset

_lock = threading.Lock()
_advanced = timedelta(0)


def now() -> datetime:
    """The current time, UTC, without a time zone (as moto's)."""
    return utcnow() + _advanced


def seconds() -> float:
    """The current time in seconds since the epoch: :func:`now`, cheaper to
    read (freezegun and time-machine move ``time.time`` too)."""
    return time.time() + _advanced.total_seconds()


def seconds_of(moment: datetime) -> float:
    """A time as :func:`now` gives it, in seconds since the epoch."""
    return moment.replace(tzinfo=timezone.utc).timestamp()


#: the latest time the clock may show, far enough from datetime's end that
#: the timers a resource adds to it still fit
LATEST = datetime(9000, 1, 1)


def advance(seconds: float) -> datetime:
    """Move this process's nimble clock ``seconds`` forward; the new time.
    ValueError for a negative move, or one past :data:`LATEST`."""
    global _advanced
    if not seconds >= 0:
        raise ValueError(
            "advanceSeconds must be 0 or more: the clock only moves forward"
        )
    with _lock:
        try:
            moved = _advanced + timedelta(seconds=seconds)
            too_far = utcnow() + moved > LATEST
        except OverflowError:
            too_far = True
        if too_far:
            raise ValueError(f"advanceSeconds would move the clock past {LATEST:%Y}")
        _advanced = moved
    return now()


def reset() -> None:
    """Back to moto's clock alone."""
    global _advanced
    with _lock:
        _advanced = timedelta(0)


on_reset(reset)
