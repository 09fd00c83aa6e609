"""A Python that looks like Windows to the project, as far as Linux allows.

    python -m tests.posixless MODULE [ARG ...]     run MODULE (as `python -m`) inside it

`activate()` makes the POSIX-only modules unavailable (importing `fcntl`, `termios`, `pwd`,
`grp`, `resource`, `tty` or `pty` raises ImportError, as on Windows), gives the process a
`msvcrt` module whose `locking` behaves as Windows documents it, and makes `sys.platform`
read "win32", so that code branching on it takes its Windows path. The standard library's
modules that choose their implementation by platform when imported are imported first, as
Linux ones: only the project's own code sees the change.

The `msvcrt` here is not Windows: it locks with Linux's open-file-description locks, which
like Windows' belong to one open file (not to the process) and cover a byte range from the
file's current position. Unlike Windows, they do not keep other readers out, and Linux
lets a file that another process holds open be removed or replaced.
"""

from __future__ import annotations

import errno
import importlib.abc
import importlib.machinery
import os
import runpy
import struct
import sys
import sysconfig
import time
import types
from collections.abc import Sequence

POSIX_ONLY = ("fcntl", "termios", "pwd", "grp", "resource", "tty", "pty")

# Imported as Linux modules before sys.platform changes: they choose by platform on import.
PLATFORM_CHOSEN = (
    "asyncio",
    "concurrent.futures.process",
    "ctypes",
    "getpass",
    "mimetypes",
    "multiprocessing",
    "multiprocessing.popen_spawn_posix",
    "multiprocessing.resource_tracker",
    "multiprocessing.synchronize",
    "selectors",
    "shutil",
    "subprocess",
    "tempfile",
    "uuid",
    "webbrowser",
    "zoneinfo",
)

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = range(5)


class _Unavailable(importlib.abc.MetaPathFinder):
    """Finds the POSIX-only modules first, and says they do not exist."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname in POSIX_ONLY:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _msvcrt(fcntl: types.ModuleType) -> types.ModuleType:
    """A `msvcrt` with `locking` as Windows has it, on Linux's per-open-file locks."""
    module = types.ModuleType("msvcrt", "msvcrt.locking on Linux (tests.posixless)")

    def locking(descriptor: int, mode: int, nbytes: int) -> None:
        start = os.lseek(descriptor, 0, os.SEEK_CUR)
        kind = {LK_UNLCK: fcntl.F_UNLCK, LK_RLCK: fcntl.F_RDLCK, LK_NBRLCK: fcntl.F_RDLCK}
        lock_type = kind.get(mode, fcntl.F_WRLCK)
        # struct flock: l_type, l_whence, l_start, l_len, l_pid (0 for these locks)
        request = struct.pack("hhqqi4x", lock_type, os.SEEK_SET, start, nbytes, 0)
        tries = 10 if mode in (LK_LOCK, LK_RLCK) else 1  # Windows: 10 tries, 1 s apart
        for attempt in range(tries):
            try:
                fcntl.fcntl(descriptor, fcntl.F_OFD_SETLK, request)
                return
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES) or attempt == tries - 1:
                    raise PermissionError(errno.EACCES, "Permission denied") from None
                time.sleep(1)

    module.locking = locking  # type: ignore[attr-defined]
    for name, value in zip(
        ("LK_UNLCK", "LK_LOCK", "LK_NBLCK", "LK_RLCK", "LK_NBRLCK"), range(5), strict=True
    ):
        setattr(module, name, value)
    return module


def activate() -> None:
    """Make this process look like Windows to the modules imported from now on."""
    import fcntl

    for name in PLATFORM_CHOSEN:
        __import__(name)
    sysconfig.get_config_vars()  # read from the Linux build's module named by the platform
    for name in POSIX_ONLY:
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, _Unavailable())
    sys.modules["msvcrt"] = _msvcrt(fcntl)
    sys.platform = "win32"


def main(argv: list[str]) -> None:
    """Run a module as `python -m` would, inside a process that looks like Windows."""
    activate()
    sys.argv = [argv[0], *argv[1:]]
    runpy.run_module(argv[0], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
