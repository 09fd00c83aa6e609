"""What a cached value is keyed by: digests of the files it was computed from and of the code.

A digest covers the names and the bytes of the files, never their size or modification
time alone, so an edit that keeps both is still seen; the code's digest covers every source
file of the l10n package, so a new version never reads an old value. A file's bytes are
hashed with SHA-256, which processors compute in hardware (x86's SHA extensions, ARMv8's):
a cold command hashes every catalog, 278 MB at the 30k catalog shape, 0.18 s of CPU here
against 0.30 s with BLAKE2b.

Hashing every catalog was most of a warm run on big catalogs (71 MiB at 10k entries x 7
languages), so `FileDigests` remembers each file's digest with its stat, as git's index
does, and trusts the stat only where it cannot hide an edit: the stat includes the inode
and the change time (`st_ctime`, which every write sets and nothing but the clock can set
back: `touch -d` and `os.utime` set it to now), and a file changed less than `SETTLED_NS`
before this process read the file system's clock is hashed every time (the racy-git rule:
an edit in the same timestamp tick as the reading would leave the stat as it was).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from l10n.config import Config

_PACKAGE = Path(__file__).resolve().parent.parent


def code_digest(known: FileDigests | None = None) -> str:
    """A digest of the l10n package's source: a new version never reads an old value.

    `known`: the digests of files whose stat says they did not change (`digest_files`).
    """
    return digest_files(sorted(_PACKAGE.rglob("*.py")), known)


def digest_files(paths: Iterable[Path], known: FileDigests | None = None) -> str:
    """A digest of the names and bytes of files, in the order given (missing files too).

    `known`: the digests of files whose stat says they did not change (the same answer).
    """
    digest = hashlib.blake2b(digest_size=20)
    for path in paths:
        digest.update(os.fsencode(path) + b"\0")
        content = known.digest(path) if known is not None else file_digest(path)
        digest.update(content.encode("ascii") + b"\0")
    return digest.hexdigest()


MISSING = "missing"


def file_digest(path: Path) -> str:
    """A digest of the bytes of one file (read in pieces; SHA-256's first 160 bits), or
    MISSING."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, hashlib.sha256).hexdigest()[:40]
    except OSError:
        return MISSING


# A file whose content or inode changed less than this before this process read the file
# system's clock is hashed on every use: 3 s is above the coarsest timestamps (FAT's 2 s)
# and the kernel's clock tick.
SETTLED_NS = 3_000_000_000
_Stamp = tuple[int, int, int, int, int]  # device, inode, size, mtime_ns, ctime_ns


class FileDigests:
    """Each file's content digest, with the stat it had: the index of a cache folder.

    A file whose stat is exactly as remembered has the digest remembered. A digest is
    remembered only for a file that had settled before this process read the clock (its
    change and modification times older than `SETTLED_NS` before it) and whose stat was
    the same before and after it was read: any later write gives it a change time at or
    after that clock, so a different stat. The clock is the file system's own where it can
    be read (the modification time of a file just made in the cache folder), so a network
    file system with a clock behind this machine's is compared with itself.
    """

    NAME = "files.json"
    FORMAT = 2  # 1: BLAKE2b digests

    def __init__(self, folder: Path, settled_ns: int = SETTLED_NS) -> None:
        self.folder = folder
        self.settled_ns = settled_ns
        self._known = self._load()
        self._changed = False
        self._clock: int | None = None
        self._lock = threading.Lock()  # the TUI hashes in worker threads

    def digest(self, path: Path) -> str:
        """The digest of `path`'s bytes (`file_digest`), from its stat when it has settled."""
        name = os.fspath(path)
        stamp = file_stamp(path)
        if stamp is None:
            return MISSING
        settled = self._settled(stamp)  # the clock is read before the file
        known = self._known.get(name)
        if settled and known is not None and known[0] == stamp:
            return known[1]
        digest = file_digest(path)
        if settled and file_stamp(path) == stamp and digest != MISSING:
            with self._lock:
                self._known[name] = (stamp, digest)
                self._changed = True
        return digest

    def _settled(self, stamp: _Stamp) -> bool:
        if self._clock is None:
            self._clock = _file_system_clock(self.folder)
        limit = self._clock - self.settled_ns
        return stamp[3] < limit and stamp[4] < limit

    def _load(self) -> dict[str, tuple[_Stamp, str]]:
        """The index as kept; anything but exactly its own format is no index."""
        try:
            loaded = json.loads((self.folder / self.NAME).read_bytes())
            if loaded["format"] != self.FORMAT:
                return {}
            return {
                name: (_checked_stamp(entry[:5]), _checked_digest(entry[5]))
                for name, entry in loaded["files"].items()
                if type(name) is str
            }
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return {}

    def dumps(self) -> bytes | None:
        """The index to keep, if it learnt anything."""
        with self._lock:
            if not self._changed:
                return None
            files = {name: [*stamp, digest] for name, (stamp, digest) in self._known.items()}
        return json.dumps({"format": self.FORMAT, "files": files}).encode("utf-8")


def file_stamp(path: Path) -> _Stamp | None:
    """A file's device, inode, size, modification and change times (None: no file)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _checked_stamp(values: object) -> _Stamp:
    if type(values) is not list or len(values) != 5 or any(type(v) is not int for v in values):
        raise ValueError("not a stat")
    return (values[0], values[1], values[2], values[3], values[4])


def _checked_digest(value: object) -> str:
    if type(value) is not str or len(value) != 40:
        raise ValueError("not a digest")
    return value


def _file_system_clock(folder: Path) -> int:
    """Now (ns), by the file system's clock where a file can be made (and removed) in
    `folder`, never later than this machine's clock (the earlier is the safer)."""
    now = time.time_ns()
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(prefix=".clock-", dir=folder)
        try:
            return min(now, os.fstat(handle).st_mtime_ns)
        finally:
            os.close(handle)
            os.unlink(name)
    return now


def config_key(config: Config) -> str:
    """What of a configuration decides how sources and catalogs are read."""
    return repr(
        (
            str(config.path),
            config.source,
            config.languages,
            str(config.menus_path),
            str(config.ui_path),
            str(config.articles_dir),
            config.templates,
            str(config.catalogs_dir),
            config.project,
            config.fuzzy_threshold,
            config.copy_threshold,
        )
    )


def source_files(config: Config) -> list[Path]:
    """Every file a site is read from: the configuration and the content it names."""
    files = [config.path]
    files += [path for path in (config.menus_path, config.ui_path) if path is not None]
    if config.articles_dir is not None:
        files += sorted(config.articles_dir.glob("*.md"))
    files += [template.path for template in config.templates]
    return files


def catalog_files(config: Config) -> list[Path]:
    """Every template and catalog under the catalogs folders."""
    found: set[Path] = set()
    for folder in config.catalog_folders:
        if folder.is_dir():
            found.update([*folder.rglob("*.po"), *folder.rglob("*.pot")])
    return sorted(found, key=os.fspath)
