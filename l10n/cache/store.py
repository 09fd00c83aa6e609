"""A disk cache that can be deleted at any time and can never give a wrong answer.

Every value is stored with a digest (BLAKE2b) of the bytes of every file it was computed
from, of those files' names, and of the l10n code that computed it. A lookup reads and
hashes the files again and returns the value only when all of that is identical, so an
edited, replaced, added, removed or restored file can only miss, never hit with an old
answer; size and modification time are not trusted on their own. A value is stored only
when the files hashed the same before and after it was computed (a file edited during
the computation is not cached). Unreadable, truncated or foreign cache files are misses.
Values are written only when the operation that computed them succeeded (`flush()`):
bad input changes no file, the cache's included.

Values computed from single files (the records of one catalog) are kept together, one cache
file per group (a language), each with its own digest: few files to write, and a change
to one catalog recomputes that catalog only.

The cache lives in `<cache_dir>/core/` (config `cache:`, default `.l10n-cache`); deleting
it loses nothing but time. `L10N_NO_CACHE=1` turns it off. Values are pickled: the cache
folder is the user's own, like `__pycache__`, and is not meant to be shared.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from l10n.config import Config

FORMAT = 1
ENV_DISABLE = "L10N_NO_CACHE"
T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent.parent


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
    """Every template and catalog under the catalogs folder."""
    folder = config.catalogs_dir
    if not folder.is_dir():
        return []
    return sorted([*folder.rglob("*.po"), *folder.rglob("*.pot")], key=os.fspath)


_PENDING: dict[Path, bytes] = {}


class _Miss:
    """The answer of a lookup that found nothing usable."""


MISS = _Miss()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the l10n package's source: a new version never reads an old value."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def digest_files(paths: Iterable[Path]) -> str:
    """A digest of the names and bytes of files, in the order given (missing files too)."""
    digest = hashlib.blake2b(digest_size=20)
    for path in paths:
        digest.update(os.fsencode(path) + b"\0")
        try:
            data = path.read_bytes()
        except OSError:
            digest.update(b"\1missing\0")
            continue
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Values keyed by a namespace and a key, valid only for one digest of their inputs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of(cls, config: Config) -> Cache | None:
        """The site's cache, or None when turned off (L10N_NO_CACHE=1)."""
        if os.environ.get(ENV_DISABLE, "") not in ("", "0"):
            return None
        return cls(config.cache_dir / "core")

    def _file(self, namespace: str, key: str) -> Path:
        name = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        return self.folder / namespace / name[:2] / f"{name}.pickle"

    def load(self, namespace: str, key: str, digest: str) -> Any:
        """The value stored for exactly this key and digest, or MISS."""
        try:
            data = self._file(namespace, key).read_bytes()
            stored = pickle.loads(data)
        except Exception:  # any unreadable cache file is a miss
            return MISS
        if (
            not isinstance(stored, tuple)
            or len(stored) != 5
            or stored[:4] != (FORMAT, code_digest(), key, digest)
        ):
            return MISS
        return stored[4]

    def store(self, namespace: str, key: str, digest: str, value: Any) -> None:
        """Keep a value: written by the next `flush()`, when the whole operation succeeded."""
        data = pickle.dumps((FORMAT, code_digest(), key, digest, value), pickle.HIGHEST_PROTOCOL)
        _PENDING[self._file(namespace, key)] = data

    def computed(
        self, namespace: str, key: str, inputs: Callable[[], list[Path]], compute: Callable[[], T]
    ) -> T:
        """The cached value for the current bytes of `inputs()`, or `compute()` (then kept)."""
        before = digest_files(inputs())
        value = self.load(namespace, key, before)
        if value is not MISS:
            return value  # type: ignore[no-any-return]
        computed = compute()
        if digest_files(inputs()) == before:
            self.store(namespace, key, before, computed)
        return computed


def flush() -> None:
    """Write the values stored since the last flush (bad input writes no file, not even here).

    A cache that cannot be written is silently not written.
    """
    while _PENDING:
        path, data = _PENDING.popitem()
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def discard() -> None:
    """Forget the values stored since the last flush."""
    _PENDING.clear()


class FileMemo:
    """Values computed from single files, kept in one cache file, each with its own digest."""

    def __init__(self, cache: Cache | None, namespace: str, key: str) -> None:
        self.cache, self.namespace, self.key = cache, namespace, key
        loaded = cache.load(namespace, key, "") if cache is not None else MISS
        self.entries: dict[str, tuple[str, Any]] = loaded if isinstance(loaded, dict) else {}
        self.kept: dict[str, tuple[str, Any]] = {}

    def get(self, path: Path, extra: str, compute: Callable[[], T]) -> T:
        """The value for the current bytes of `path` (and `extra`), or `compute()`."""
        if self.cache is None:
            return compute()
        name = f"{path}\0{extra}"
        before = digest_files([path])
        found = self.entries.get(name)
        if found is not None and found[0] == before:
            self.kept[name] = found
            return found[1]  # type: ignore[no-any-return]
        value = compute()
        if digest_files([path]) == before:
            self.kept[name] = (before, value)
        return value

    def lookup(self, path: Path, extra: str) -> tuple[str, Any]:
        """The digest of `path` now, and its value (or MISS): for work done elsewhere."""
        name = f"{path}\0{extra}"
        digest = digest_files([path])
        found = self.entries.get(name)
        if self.cache is not None and found is not None and found[0] == digest:
            self.kept[name] = found
            return digest, found[1]
        return digest, MISS

    def keep(self, path: Path, extra: str, digest: str, value: Any) -> None:
        """Keep a value computed from `path` if the file still has the digest it had."""
        if self.cache is not None and digest_files([path]) == digest:
            self.kept[f"{path}\0{extra}"] = (digest, value)

    def save(self) -> None:
        """Write the group back if anything in it changed (values not asked for are dropped)."""
        if self.cache is not None and self.kept != self.entries:
            self.cache.store(self.namespace, self.key, "", self.kept)
