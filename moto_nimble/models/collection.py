"""Collections: a backend's resources by ID, in creation order, each page
built alone, and reads that count as the service's Get and List.

A page costs O(page) plus whatever the filter skips, never a rescan from the
start: its ``nextToken`` (:mod:`moto_nimble.pagination`) says where the next
one starts.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from typing import Any, Generic, Protocol, TypeVar

from ..exceptions import ResourceNotFoundException
from ..pagination import decode_position, decode_token, encode_token

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


class Readable(Protocol):
    def read(self) -> None: ...


R = TypeVar("R", bound=Readable)


class Resources(Collection[R]):
    """A collection of resources with a lifecycle. Reading through it is the
    service's Get (:meth:`read`, :meth:`look`) or List (:meth:`page`): each
    resource read settles what is due before anything of it is read, as
    moto's state manager paces it."""

    __slots__ = ()

    def read(self, key: str, noun: str, *, live: bool = False) -> R:
        """The resource, read; ResourceNotFoundException as :func:`require`."""
        item = self.require(key, noun, live=live)
        item.read()
        return item

    def look(self, key: str) -> R | None:
        """The resource, read, or None when there is none."""
        item = self.get(key)
        if item is not None:
            item.read()
        return item

    def page(
        self,
        next_token: str | None,
        limit: int,
        keep: Callable[[R], bool],
        prefix: list[R] | None = None,
    ) -> tuple[list[R], str | None]:
        """One page, each resource read before ``keep`` sees it."""

        def reading(item: R) -> bool:
            item.read()
            return keep(item)

        return super().page(next_token, limit, reading, prefix)
