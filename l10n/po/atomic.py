"""Atomic file writes: a temporary file in the same folder, fsync, then rename.

A temporary file is named `.<name>.<pid>-<random>.tmp`: a writer killed with SIGKILL
leaves it behind, and `remove_stale_temps` removes those whose writer is no longer alive
(older ones, named without a pid, and every one on Windows, where no process can be asked
whether it lives without ending it: after an hour). Nothing else is ever removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from l10n.errors import WriteError

_TEMP = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp")
_OLD_TEMP_AGE = 3600.0  # seconds after which a temporary file without a pid is stale
# Windows cannot replace a file another process holds open (a reader, a virus scanner):
# the replace is tried again for this long before the error is let through.
REPLACE_PATIENCE = 5.0
_BLOCK = 1 << 18  # bytes read or written at once when a file is compared or staged in chunks


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never a part.

    A failure (disk full, no permission) leaves the old file as it was and no temporary
    file, and raises WriteError naming the file.
    """
    commit(stage(path, data), path)


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, synced to disk, for `commit` or `discard`.

    A writer that plans many files keeps each one's bytes here instead of in memory. A
    failure leaves no temporary file and raises WriteError naming `path`.
    """
    return _stage_from(path, None, 0, iter((data,)))


def stage_changed(path: Path, chunks: Iterable[bytes]) -> Path | None:
    """`stage` the bytes `chunks` make, unless `path` holds exactly those bytes (None then).

    The chunks are compared with the file as they come, and a temporary file is begun only
    at the first difference, with the file's equal bytes before it copied in (read through
    the same open file, so they are the bytes compared): neither the whole new content
    nor the file's is ever in memory, and a file that does not change is not written.
    """
    pending = iter(chunks)
    current = _open_if_present(path)
    if current is None:
        return _stage_from(path, None, 0, pending)
    with current:
        same, rest = _equal_start(current, pending)
        return None if rest is None else _stage_from(path, current, same, rest)


def differs(path: Path, chunks: Iterable[bytes]) -> bool:
    """Whether the bytes `chunks` make differ from `path`'s (or it is absent), compared as
    they come (`stage_changed` without writing anything)."""
    current = _open_if_present(path)
    if current is None:
        return True
    with current:
        return _equal_start(current, iter(chunks))[1] is not None


def _open_if_present(path: Path) -> BinaryIO | None:
    """The file open for reading; None when it cannot be opened (it is written whole)."""
    try:
        return open(path, "rb", buffering=_BLOCK)
    except OSError:
        return None


def _equal_start(current: BinaryIO, chunks: Iterator[bytes]) -> tuple[int, Iterator[bytes] | None]:
    """How many bytes the chunks and the file have equal, and the chunks from the first
    that differs (None when all are equal and the file ends with them)."""
    same = 0
    for chunk in chunks:
        if current.read(len(chunk)) != chunk:
            return same, chain((chunk,), chunks)
        same += len(chunk)
    return same, (None if current.read(1) == b"" else iter(()))


def _stage_from(path: Path, current: BinaryIO | None, same: int, rest: Iterator[bytes]) -> Path:
    """A temporary file beside `path` holding `current`'s first `same` bytes, then `rest`."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(handle, "wb", buffering=_BLOCK) as stream:
            if current is not None and same:
                _copy_start(current, same, stream, path)
            for chunk in rest:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        if temporary is not None:
            discard(Path(temporary))
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {exc.strerror or exc}", path) from None
        raise
    return Path(temporary)


def _copy_start(current: BinaryIO, size: int, stream: BinaryIO, path: Path) -> None:
    """Copy the first `size` bytes of `current` into `stream`."""
    current.seek(0)
    while size:
        block = current.read(min(size, _BLOCK))
        if not block:
            raise WriteError("the file was cut short while it was being compared", path)
        stream.write(block)
        size -= len(block)


def commit(temporary: Path, path: Path) -> None:
    """Replace `path` with a file `stage` wrote (with `path`'s permissions, 0o644 for a new one).

    A failure leaves the old file as it was and no temporary file, and raises WriteError.
    """
    try:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        _replace(str(temporary), path)
    except BaseException as exc:
        discard(temporary)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {exc.strerror or exc}", path) from None
        raise


def discard(temporary: Path) -> None:
    """Remove a file `stage` wrote that will not be committed (gone already: nothing to do)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)


def _replace(temporary: str, path: Path) -> None:
    """`os.replace`, tried again on Windows while another process has `path` open."""
    deadline, pause = time.monotonic() + REPLACE_PATIENCE, 0.001
    while True:
        try:
            os.replace(temporary, path)
            return
        except PermissionError:
            if sys.platform != "win32" or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove the temporary files of writers that died under `folder`; return them."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for candidate in folder.rglob(".*.tmp"):
        found = _TEMP.fullmatch(candidate.name)
        if found is None or not candidate.is_file() or not _stale(candidate, found["pid"]):
            continue
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def _stale(path: Path, pid: str | None) -> bool:
    # Windows: os.kill(pid, 0) would end that process, so age alone tells there
    if pid is None or sys.platform == "win32":
        try:
            return time.time() - path.stat().st_mtime > _OLD_TEMP_AGE
        except OSError:
            return False
    return not _alive(int(pid))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid we can ask about: leave it
    return True
