"""Pagination: ``nextToken`` and page sizes.

A ``nextToken`` is an opaque encoding of where the next page starts (a
position in a creation-ordered list, the first key in a key-ordered one) and
of the list it was made for, so a token from another list (another studio,
another operation) is refused.
"""

from __future__ import annotations

import base64
import binascii

from .exceptions import ValidationException
from .settings import page_size

_PREFIX = "nimble1:"
_SCOPE_END = "|"


def encode_token(scope: str, mark: int | str) -> str:
    """A ``nextToken``: where the next page starts (a position, or the key of
    its first item) in the list named ``scope``."""
    raw = f"{_PREFIX}{scope}{_SCOPE_END}{mark}"
    return base64.urlsafe_b64encode(raw.encode()).decode("ascii")


def decode_token(token: str, scope: str) -> str:
    """The mark a token carries; ValidationException for a token that is not
    one of ours or was made for another list (another studio, operation)."""
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError, binascii.Error):
        raw = ""
    made_for, found, mark = raw[len(_PREFIX) :].rpartition(_SCOPE_END)
    if not raw.startswith(_PREFIX) or not found or made_for != scope:
        raise ValidationException(f"Invalid nextToken: {token!r}")
    return mark


def decode_position(token: str | None, scope: str, size: int) -> int:
    """The position a token carries, at most ``size`` (0 without a token)."""
    if token is None:
        return 0
    mark = decode_token(token, scope)
    if not mark.isdigit() or not 0 < int(mark) <= size:
        raise ValidationException(f"Invalid nextToken: {token!r}")
    return int(mark)


def page_limit(max_results: int | None = None, cap: int | None = None) -> int:
    """How many items a page holds: ``maxResults`` when sent, else the page
    size setting (``MOTO_NIMBLE_PAGE_SIZE``), never more than the output's cap."""
    if max_results is None:
        max_results = page_size()
    return min(max_results, cap) if cap is not None else max_results
