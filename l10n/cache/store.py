"""The disk cache: can be deleted at any time, can never give a wrong answer, runs no code.

Every value is stored with the digest (`l10n.cache.keys`) of the bytes of every file it
was computed from and of the l10n code. A lookup hashes the files again and returns the
value only when all of that is identical, so an edited, replaced, added, removed or
restored file can only miss, never hit with an old answer. A value is stored only when its
files hashed the same before and after it was computed. Values are encoded by a `Codec`
(tagged JSON, no pickle): a cache file that is damaged, foreign or planted (a pickle, random
bytes, a truncated copy) is a miss, and the answer comes from the sources.

A `Cache` is made by the command (`Cache.of(config)`) and handed down to what reads the
site; what they keep is written by `flush()` once the command succeeded (`committed`), so
bad input changes no file, the cache's included. The folder (config `cache:`, default
`.l10n-cache`) holds a `.gitignore` of `*`: `git add -A` never commits it.
`L10N_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from l10n.cache.codec import Codec, CorruptCache, Unencodable
from l10n.cache.keys import FileDigests, code_digest, digest_files, file_stamp
from l10n.config import Config

FORMAT = 2
ENV_DISABLE = "L10N_NO_CACHE"
VALUES = "core"  # the folder of the values, inside the cache folder
SUFFIX = ".value"
T = TypeVar("T")


class _Miss:
    """The answer of a lookup that found nothing usable."""


MISS: Any = _Miss()


def make_cache_folder(folder: Path) -> None:
    """Create a cache folder (and its parents) that git ignores: a `.gitignore` of `*` in it."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        _write(ignore, b"# written by l10n: this cache is never committed\n*\n")


class Cache:
    """Values keyed by a namespace and a key, valid only for one digest of their inputs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # the cache folder: values live in its `core/`
        self._pending: dict[Path, bytes] = {}
        self._lock = threading.Lock()
        self._storing: list[threading.Thread] = []  # `store_soon`'s, until flush or discard
        self._held: list[threading.Thread] | None = None  # not started yet (`hold`)
        self._files: FileDigests | None = None
        self._code_digest: str | None = None

    # Among a config's settings: the cache it was read from (`l10n.settings`), which the
    # command then uses, so what it keeps of the config is written when the command succeeded.
    LOADED_WITH = "cache"

    @classmethod
    def of(cls, config: Config) -> Cache | None:
        """The site's cache, or None when turned off (L10N_NO_CACHE=1)."""
        if os.environ.get(ENV_DISABLE, "") not in ("", "0"):
            return None
        loaded_with = config.derived.get(cls.LOADED_WITH)
        if isinstance(loaded_with, Cache) and loaded_with.folder == config.cache_dir:
            return loaded_with
        return cls(config.cache_dir)

    def __getstate__(self) -> dict[str, Any]:
        return {"folder": self.folder}  # worker processes read; only this one writes

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["folder"])  # type: ignore[misc]

    def digest(self, paths: Iterable[Path]) -> str:
        """`digest_files(paths)`, files whose stat did not change known without reading them."""
        return digest_files(paths, self._index())

    def _digest_alongside(self, paths: list[Path]) -> Callable[[], str | None]:
        """Start `digest(paths)` on a thread of its own, for work that reads those files
        meanwhile; the call returned waits for it, and gives None when a file's stat
        (`file_stamp`) changed from now to then: a value computed meanwhile is not kept."""
        before = [file_stamp(path) for path in paths]
        found: list[str] = []
        thread = threading.Thread(target=lambda: found.append(self.digest(paths)), daemon=True)
        thread.start()

        def digest() -> str | None:
            thread.join()
            unchanged = [file_stamp(path) for path in paths] == before
            return found[0] if found and unchanged else None

        return digest

    def _kept(self, namespace: str, key: str) -> bool:
        """Whether a value is kept under this key, for any digest (when not, a lookup can
        only miss, and the digest can wait until the work is under way)."""
        return self._file(namespace, key).is_file()

    def _index(self) -> FileDigests:
        with self._lock:
            if self._files is None:
                self._files = FileDigests(self.folder / VALUES)
            return self._files

    def _code(self) -> str:
        """The code's digest (`code_digest`), its files' digests known from their stats
        (hashing the package's source was a tenth of a warm command)."""
        if self._code_digest is None:
            self._code_digest = code_digest(self._index())
        return self._code_digest

    def holds(self, namespace: str) -> bool:
        """Whether anything was ever kept in this namespace."""
        return (self.folder / VALUES / namespace).is_dir()

    def _file(self, namespace: str, key: str) -> Path:
        name = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        return self.folder / VALUES / namespace / name[:2] / f"{name}{SUFFIX}"

    def _header(self, namespace: str, key: str, digest: str) -> bytes:
        fields = [FORMAT, self._code(), namespace, key, digest]
        return json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogateescape") + b"\n"

    def load_bytes(self, namespace: str, key: str, digest: str) -> bytes | None:
        """The encoded value stored for exactly this key and digest, or None."""
        try:
            data = self._file(namespace, key).read_bytes()
        except OSError:
            return None
        header = self._header(namespace, key, digest)
        return data[len(header) :] if data.startswith(header) else None

    def load(
        self, namespace: str, key: str, digest: str, codec: Codec, expect: Callable[[Any], bool]
    ) -> Any:
        """The value stored for exactly this key and digest if `expect(value)`, or MISS."""
        data = self.load_bytes(namespace, key, digest)
        if data is None:
            return MISS
        try:
            value = codec.loads(data)
        except CorruptCache:
            return MISS
        return value if expect(value) else MISS

    def store(self, namespace: str, key: str, digest: str, codec: Codec, value: object) -> None:
        """Keep a value (one this codec cannot write is not kept); written by `flush()`."""
        try:
            data = codec.dumps(value)
        except Unencodable:
            return
        self.store_bytes(namespace, key, digest, data)

    def store_soon(
        self, namespace: str, key: str, digest: str, codec: Codec, value: object
    ) -> None:
        """`store` in a thread of its own while the command goes on, for a value nothing
        changes any more (`flush` and `discard` wait for it): a cold `l10n check` encoded
        the site it read (0.16 s at the 10k site shape) before its workers could start;
        now while they start."""
        thread = threading.Thread(
            target=self.store, args=(namespace, key, digest, codec, value), daemon=True
        )
        with self._lock:
            self._storing.append(thread)
            if self._held is not None:
                self._held.append(thread)
                return
        thread.start()

    def hold(self) -> None:
        """Values kept soon from now on are encoded once `release` is called (or `flush`):
        for a command whose main process works alone until its workers start, where the
        encoding would take its share of the interpreter (a cold `l10n check` encoded the
        100k units of its site while it prepared the workers' jobs)."""
        with self._lock:
            if self._held is None:
                self._held = []

    @property
    def holding(self) -> bool:
        """Whether values kept soon wait for `release`."""
        return self._held is not None

    def release(self) -> None:
        """Encode the values held since `hold` (in their threads), and no longer hold any."""
        with self._lock:
            held, self._held = self._held or [], None
        for thread in held:
            thread.start()

    def _stored(self) -> None:
        """Wait for the values `store_soon` is keeping."""
        self.release()
        with self._lock:
            storing, self._storing = self._storing, []
        for thread in storing:
            thread.join()

    def store_bytes(self, namespace: str, key: str, digest: str, data: bytes) -> None:
        """Keep a value a codec encoded (in a worker process, say); written by `flush()`."""
        header = self._header(namespace, key, digest)
        with self._lock:
            self._pending[self._file(namespace, key)] = header + data

    def computed(
        self,
        namespace: str,
        key: str,
        inputs: Callable[[], list[Path]],
        compute: Callable[[], T],
        codec: Codec,
        expect: Callable[[Any], bool],
        soon: bool = False,
    ) -> T:
        """The cached value for the current bytes of `inputs()`, or `compute()` (then kept;
        with `soon`, by `store_soon`: the caller changes nothing in it). When nothing is
        kept under the key, a lookup can only miss: the inputs are hashed while the value
        is computed (`_digest_alongside`), not before it."""
        keep = self.store_soon if soon else self.store
        if not self._kept(namespace, key):
            digest = self._digest_alongside(inputs())
            computed = compute()
            after = digest()
            if after is not None:
                keep(namespace, key, after, codec, computed)
            return computed
        before = self.digest(inputs())
        value = self.load(namespace, key, before, codec, expect)
        if value is not MISS:
            return value  # type: ignore[no-any-return]
        computed = compute()
        if self.digest(inputs()) == before:
            keep(namespace, key, before, codec, computed)
        return computed

    def flush(self) -> None:
        """Write the values kept since the last flush; a cache that cannot be written is not."""
        self._stored()
        with self._lock:
            pending, self._pending = self._pending, {}
            index = self._files.dumps() if self._files is not None else None
        if index is not None:
            pending[self.folder / VALUES / FileDigests.NAME] = index
        if not pending:
            return
        try:
            make_cache_folder(self.folder)
        except OSError:
            return
        for path, data in pending.items():
            with contextlib.suppress(OSError):
                _write(path, data)

    def discard(self) -> None:
        """Forget the values kept since the last flush."""
        with self._lock:
            held, self._held = self._held or [], None
            self._storing = [thread for thread in self._storing if thread not in held]
        self._stored()
        with self._lock:
            self._pending.clear()


@contextlib.contextmanager
def committed(cache: Cache | None) -> Iterator[Cache | None]:
    """Hand `cache` to a block; what it kept is written only if the block ends without error."""
    try:
        yield cache
    except BaseException:
        if cache is not None:
            cache.discard()
        raise
    if cache is not None:
        cache.flush()


def _write(path: Path, data: bytes) -> None:
    """Write a file atomically (a reader sees the old bytes or the new, never a part)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class FileMemo:
    """Values computed from single files, kept in one cache file, each with its own digest.

    One cache file per group (a language, say): few files to write, and a change to one
    catalog recomputes that catalog only. `expect` checks each value as read.
    """

    def __init__(
        self,
        cache: Cache | None,
        namespace: str,
        key: str,
        codec: Codec,
        expect: Callable[[Any], bool],
    ) -> None:
        self.cache, self.namespace, self.key, self.codec = cache, namespace, key, codec
        self.expect = expect
        loaded = cache.load(namespace, key, "", codec, _is_group) if cache is not None else MISS
        self.entries: dict[str, tuple[str, Any]] = {} if loaded is MISS else loaded
        self.kept: dict[str, tuple[str, Any]] = {}

    def _found(self, name: str, digest: str) -> Any:
        found = self.entries.get(name)
        if found is None or found[0] != digest or not self.expect(found[1]):
            return MISS
        self.kept[name] = found
        return found[1]

    def get(self, path: Path, extra: str, compute: Callable[[], T]) -> T:
        """The value for the current bytes of `path` (and `extra`), or `compute()`."""
        if self.cache is None:
            return compute()
        name = f"{path}\0{extra}"
        before = self.cache.digest([path])
        value = self._found(name, before)
        if value is not MISS:
            return value  # type: ignore[no-any-return]
        computed = compute()
        if self.cache.digest([path]) == before:
            self.kept[name] = (before, computed)
        return computed

    def lookup(self, path: Path, extra: str) -> tuple[str, Any]:
        """The digest of `path` now, and its value (or MISS): for work done elsewhere."""
        digest = self.digest(path)
        return digest, MISS if self.cache is None else self._found(f"{path}\0{extra}", digest)

    def digest(self, path: Path) -> str:
        """The digest `keep` wants for `path` ("" without a cache: nothing is kept)."""
        return self.cache.digest([path]) if self.cache is not None else ""

    def holds(self, path: Path, extra: str) -> bool:
        """Whether a value is kept for `path` (and `extra`) from any bytes: when not, a
        lookup can only miss, and the digest can wait until the work is under way."""
        return f"{path}\0{extra}" in self.entries

    def keep(self, path: Path, extra: str, digest: str, value: Any) -> None:
        """Keep a value computed from `path` if the file still has the digest it had."""
        if self.cache is not None and self.cache.digest([path]) == digest:
            self.kept[f"{path}\0{extra}"] = (digest, value)

    def save(self) -> None:
        """Keep the group if anything in it changed (values not asked for are dropped)."""
        if self.cache is not None and self.kept != self.entries:
            self.cache.store(self.namespace, self.key, "", self.codec, self.kept)


def _is_group(value: Any) -> bool:
    """A FileMemo's group as read: names to (digest, value)."""
    return isinstance(value, dict) and all(
        type(name) is str and type(entry) is tuple and len(entry) == 2 and type(entry[0]) is str
        for name, entry in value.items()
    )
