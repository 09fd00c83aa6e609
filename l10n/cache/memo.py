"""One bounded memo for reuse inside a process: the least recently used value goes first.

Thread-safe (the TUI reads catalogs in worker threads). `dropped` is called, outside the
lock, with each value the memo lets go of (evicted, replaced by another, or cleared), so a
caller can free what it holds (`l10n.po.editing.release` empties a parsed catalog at once).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")


class Memo(Generic[K, V]):
    """At most `size` values by key, the least recently used dropped first."""

    def __init__(self, size: int, dropped: Callable[[V], None] | None = None) -> None:
        self.size = size
        self._dropped = dropped
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._values

    def get(self, key: K, default: D) -> V | D:
        """The value of `key` (now the most recently used), or `default`."""
        with self._lock:
            if key not in self._values:
                return default
            self._values.move_to_end(key)
            return self._values[key]

    def put(self, key: K, value: V) -> None:
        """Keep `value` under `key`, letting the least recently used go past `size`."""
        with self._lock:
            replaced = self._values.get(key)
            self._values[key] = value
            self._values.move_to_end(key)
            gone = [replaced] if replaced is not None and replaced is not value else []
            while len(self._values) > self.size:
                gone.append(self._values.popitem(last=False)[1])
        self._let_go(gone)

    def pop(self, key: K) -> V | None:
        """Take the value of `key` out (the caller owns it now), or None."""
        with self._lock:
            return self._values.pop(key, None)

    def clear(self) -> None:
        """Let every value go."""
        with self._lock:
            gone = list(self._values.values())
            self._values.clear()
        self._let_go(gone)

    def _let_go(self, values: list[V]) -> None:
        if self._dropped is not None:
            for value in values:
                self._dropped(value)
