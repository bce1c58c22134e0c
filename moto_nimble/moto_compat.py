"""Every use of moto's private internals, in one place.

moto-nimble reads and changes moto's objects through their public names
everywhere else; what moto offers no public way to do is done here, against
the moto releases setup.cfg allows (the suite runs at the oldest and the
newest), so that a moto release that changes one of these breaks this module
and its tests, not the package at large.
"""

from __future__ import annotations

from typing import Any


def record_request(request: Any, body: bytes) -> None:
    """Hand a request served outside moto's dispatcher to moto's recorder
    (``/moto-api/recorder/``), as moto's own server does."""
    from moto.moto_api import recorder

    recorder._record_request(request, body=body)
