"""Creation-ordered collections that build only the requested page.

The ``nextToken`` is an opaque encoding of where the next page starts (the
position in a creation-ordered collection, the first key in a key-ordered one)
and of the list it was made for, so a page costs O(page) plus whatever the
filter skips, never a rescan from the start, and a token from another list
(another studio, another operation) is refused.
"""

from __future__ import annotations

import base64
import binascii
import bisect
from collections.abc import Callable, Iterator
from typing import Any, Generic, Protocol, TypeVar

from .exceptions import ResourceNotFoundException, ValidationException
from .settings import page_size

T = TypeVar("T")
K = TypeVar("K")
K_in = TypeVar("K_in", contravariant=True)
T_out = TypeVar("T_out", covariant=True)


class Lookup(Protocol[K_in, T_out]):
    def get(self, key: K_in, /) -> T_out | None: ...


def require(
    found_in: Lookup[K, T], key: K, noun: str, *, live: bool = False, within: str = ""
) -> T:
    """The item under ``key``, or ResourceNotFoundException (404) naming it:
    "<noun> <key> not found<within>". With ``live``, a DELETED item (kept as a
    tombstone for Get) is not found either."""
    item = found_in.get(key)
    if item is None or (live and getattr(item, "deleted", False)):
        raise ResourceNotFoundException(f"{noun} {key} not found{within}", str(key))
    return item


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


#: what every empty Collection holds; never changed (``add`` replaces them)
_NO_IDS: dict[str, Any] = {}
_NO_ITEMS: list[Any] = []
_NO_KEYS: list[str] = []


class Chain(Generic[K, T]):
    """Several lookups read as one, in order."""

    def __init__(self, *lookups: Lookup[K, T]) -> None:
        self.lookups = lookups

    def get(self, key: K) -> T | None:
        for lookup in self.lookups:
            item = lookup.get(key)
            if item is not None:
                return item
        return None


class Collection(Generic[T]):
    """Items by ID, in creation order (or in the order of their keys, with
    ``ordered_by_key``). Nothing is ever removed: deleted resources stay as
    tombstones with state DELETED."""

    __slots__ = ("_by_id", "_keys", "_order", "_ordered_by_key", "scope")

    def __init__(self, scope: str, ordered_by_key: bool = False) -> None:
        # an empty collection holds the shared empties below until its first
        # item (a studio has six collections, most of them never filled)
        self._by_id: dict[str, T] = _NO_IDS
        self._order: list[T] = _NO_ITEMS
        self._keys: list[str] = _NO_KEYS
        self._ordered_by_key = ordered_by_key
        #: names the list in its ``nextToken``s, which no other list accepts
        self.scope = scope

    def add(self, key: str, item: T) -> None:
        if self._by_id is _NO_IDS:
            self._by_id, self._order, self._keys = {}, [], []
        self._by_id[key] = item
        if not self._ordered_by_key:
            self._order.append(item)
        else:
            at = bisect.bisect(self._keys, key)
            self._keys.insert(at, key)
            self._order.insert(at, item)

    def get(self, key: str) -> T | None:
        return self._by_id.get(key)

    def require(self, key: str, noun: str, *, live: bool = False) -> T:
        """The item, or ResourceNotFoundException: see :func:`require`."""
        return require(self, key, noun, live=live)

    def __contains__(self, key: object) -> bool:
        return key in self._by_id

    def __iter__(self) -> Iterator[T]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def page(
        self,
        next_token: str | None,
        limit: int,
        keep: Callable[[T], bool],
        prefix: list[T] | None = None,
    ) -> tuple[list[T], str | None]:
        """One page of the items that ``keep`` accepts, and the token for the next.

        ``prefix`` items (e.g. the Amazon-owned images) come before the
        collection's own and share its positions.
        """
        head = prefix or []
        total = len(head) + len(self._order)
        position = self._start(next_token, total, len(head))
        found: list[T] = []
        while position < total:
            item = (
                head[position]
                if position < len(head)
                else self._order[position - len(head)]
            )
            position += 1
            if keep(item):
                if len(found) == limit:
                    return found, self._token(position - 1 - len(head), position - 1)
                found.append(item)
        return found, None

    def _start(self, next_token: str | None, total: int, head: int) -> int:
        if not self._ordered_by_key or next_token is None:
            return decode_position(next_token, self.scope, total)
        # a key, not a position: items added to the list since keep their place
        key = decode_token(next_token, self.scope)
        return head + bisect.bisect_left(self._keys, key)

    def _token(self, own_index: int, position: int) -> str:
        if self._ordered_by_key:
            return encode_token(self.scope, self._keys[own_index])
        return encode_token(self.scope, position)


def page_limit(max_results: int | None = None, cap: int | None = None) -> int:
    """How many items a page holds: ``maxResults`` when sent, else the page
    size setting (``MOTO_NIMBLE_PAGE_SIZE``), never more than the output's cap."""
    if max_results is None:
        max_results = page_size()
    return min(max_results, cap) if cap is not None else max_results
