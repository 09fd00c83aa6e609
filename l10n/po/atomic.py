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
from pathlib import Path

from l10n.errors import WriteError

_TEMP = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp")
_OLD_TEMP_AGE = 3600.0  # seconds after which a temporary file without a pid is stale
# Windows cannot replace a file another process holds open (a reader, a virus scanner):
# the replace is tried again for this long before the error is let through.
REPLACE_PATIENCE = 5.0


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
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        if temporary is not None:
            discard(Path(temporary))
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {exc.strerror or exc}", path) from None
        raise
    return Path(temporary)


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
