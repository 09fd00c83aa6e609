"""The per-catalog lock every writer takes: saves, sync, pretranslate, the merge driver.

One home, so that the platform's locking is decided in one place. A writer holds the lock
while it reads the catalog, applies its change to what is on disk and writes the result
atomically. It waits for the lock at most `LOCK_TIMEOUT` seconds, then gives up with an
error naming the catalog.

- POSIX: `flock` on the catalog file itself (no file of its own). The atomic write
  replaces the catalog, so the lock is taken on the file found at the path and taken
  again if the path was replaced meanwhile.
- Windows: `msvcrt.locking` on a lock file beside the catalog (`.NAME.po.lock`), removed
  when the lock is let go. Not the catalog itself: a Windows lock is mandatory (readers
  of a locked catalog would fail) and a file held open cannot be replaced, which the
  atomic write does while the lock is held. A lock file left by a killed writer holds no
  lock; the next writer takes it, and one removed meanwhile is taken anew as above.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from l10n.errors import CatalogError

LOCK_TIMEOUT = 120.0  # seconds; longer than any one writer holds a catalog (a 100k sync)
_FIRST_PAUSE, _LONGEST_PAUSE = 0.001, 0.05  # between tries while another writer holds it

if sys.platform == "win32":
    import msvcrt

    def _lock_file(path: Path) -> Path:
        return path.with_name(f".{path.name}.lock")

    def _open(lock_file: Path) -> int:
        return os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # byte 0, beyond the end: allowed
        except OSError:
            return False
        return True

    def _release(descriptor: int, lock_file: Path, taken: bool, ours: bool) -> None:
        if taken:
            with contextlib.suppress(OSError):
                os.lseek(descriptor, 0, os.SEEK_SET)
                msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        os.close(descriptor)
        if ours:
            with contextlib.suppress(OSError):  # another writer has it open: it stays
                os.unlink(lock_file)

else:
    import fcntl

    def _lock_file(path: Path) -> Path:
        return path

    def _open(lock_file: Path) -> int:
        return os.open(lock_file, os.O_RDONLY)

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(descriptor: int, lock_file: Path, taken: bool, ours: bool) -> None:
        os.close(descriptor)  # closing releases the lock


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on the catalog, waiting at most `timeout` seconds for it."""
    lock_file = _lock_file(path)
    waiting = _Waiting(path, timeout)
    while True:
        if not path.exists():
            raise CatalogError("catalog not found (run `l10n sync`)", path)
        try:
            descriptor = _open(lock_file)
        except FileNotFoundError:
            continue  # the catalog vanished: said above
        except PermissionError:
            if lock_file == path:
                raise
            waiting.pause()  # Windows: a lock file being removed cannot be opened
            continue
        taken = ours = False
        try:
            while not (taken := _try_lock(descriptor)):
                waiting.pause()
            ours = _same_file(descriptor, lock_file)
            if ours:
                yield
                return
        finally:
            _release(descriptor, lock_file, taken, ours)


class _Waiting:
    """Pauses between tries for a lock held by another writer, until the deadline."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path, self.timeout = path, timeout
        self.deadline = time.monotonic() + timeout
        self.seconds = _FIRST_PAUSE

    def pause(self) -> None:
        """Wait a little longer each time; past the deadline, give up naming the catalog."""
        if time.monotonic() >= self.deadline:
            raise CatalogError(
                f"another writer (a save, sync or pretranslate) held this catalog for "
                f"{self.timeout:g} s: try again when it has finished",
                self.path,
            )
        time.sleep(self.seconds)
        self.seconds = min(self.seconds * 2, _LONGEST_PAUSE)


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
    """Whether the locked file is still the one at `path` (replaced or removed meanwhile)."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    locked_file = os.fstat(descriptor)
    return (locked_file.st_dev, locked_file.st_ino) == (current.st_dev, current.st_ino)
