"""The per-catalog lock every writer takes: saves, sync, pretranslate, the merge driver.

One home, so that the platform's locking (today POSIX `flock`) is changed in one place.
A writer holds the lock while it reads the catalog, applies its change to what is on disk
and writes the result atomically; the atomic write replaces the file, so the lock is
taken on the file found at the path and taken again if the path was replaced meanwhile.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from l10n.errors import CatalogError


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the catalog file (re-taken if it was replaced meanwhile)."""
    while True:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise CatalogError("catalog not found (run `l10n sync`)", path) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _same_file(descriptor, path):
                yield
                return
        finally:
            os.close(descriptor)  # closing releases the lock


@contextlib.contextmanager
def locked_if_present(path: Path) -> Iterator[None]:
    """`locked` for a file that exists; nothing to lock for one that does not exist yet."""
    if not path.exists():
        yield
        return
    try:
        with locked(path):
            yield
    except CatalogError:
        if path.exists():
            raise
        yield  # removed between the test and the lock: nothing left to lock


def _same_file(descriptor: int, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (an atomic write replaces it)."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    locked_file = os.fstat(descriptor)
    return (locked_file.st_dev, locked_file.st_ino) == (current.st_dev, current.st_ino)
