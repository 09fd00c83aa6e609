"""`l10n check` answered at once when nothing it reads has changed since it last ran.

The whole answer (the rendered report and whether it passed) is kept under one digest of
every file the check reads: config.yaml (policies, `checks:`), the content, the glossary,
every template and catalog (l10n/cache/store.py: bytes and names, never sizes or times). The key
holds what was asked: languages, kinds, output format, and the day, since grace periods
are counted in days. A check against a git revision (`--changed-since`) is never kept:
its answer depends on the repository's history too. Deleting the cache loses nothing but
time; a changed file can only miss. When the whole answer misses, the scans of the domains
whose files did not change may still be kept (`l10n.gate.scan`, `ScanCache`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from l10n.cache.codec import Codec
from l10n.cache.keys import catalog_files, config_key, source_files
from l10n.cache.store import Cache
from l10n.config import Config
from l10n.gate.checks import settings_files

NAMESPACE = "check"
COMPRESSING = 8  # pieces of a report (of ~64 KiB) that may wait to be compressed


@dataclass(frozen=True)
class CheckAnswer:
    """What `l10n check` prints and how it exits.

    The report is kept compressed (UTF-8, zlib): on a large site it is hundreds of
    megabytes of text, written and kept without ever being one string.
    """

    compressed: bytes
    passed: bool
    errors: int
    warnings: int

    @classmethod
    def of(cls, parts: Iterable[str], passed: bool, errors: int, warnings: int) -> CheckAnswer:
        """The answer for a report given piece by piece (a line each, say: they are
        compressed some 64 KiB at a time, as one call per line cost more than the text).

        zlib compresses on a thread of its own, without the interpreter's lock, while this
        one goes on making the report (a cold check's last half second, on one core, was
        a third compressing): at most `COMPRESSING` pieces wait for it.
        """
        compressor = zlib.compressobj(1)
        waiting: deque[Future[bytes]] = deque()
        chunks: list[bytes] = []
        with ThreadPoolExecutor(1, thread_name_prefix="l10n-compress") as thread:
            for data in _encoded(parts):
                if len(waiting) >= COMPRESSING:
                    chunks.append(waiting.popleft().result())
                waiting.append(thread.submit(compressor.compress, data))
            chunks += [compressed.result() for compressed in waiting]
        chunks.append(compressor.flush())
        return cls(b"".join(chunks), passed, errors, warnings)

    def report_parts(self, size: int = 1 << 18) -> Iterator[str]:
        """The report, piece by piece, each of at most `size` bytes of UTF-8 (a megabyte
        compressed was 7 MB of text, held three times over while it was escaped and written)."""
        decompressor = zlib.decompressobj()
        decoder = codecs.getincrementaldecoder("utf-8")()
        for start in range(0, len(self.compressed), size):
            data = self.compressed[start : start + size]
            while data:
                yield decoder.decode(decompressor.decompress(data, size))
                data = decompressor.unconsumed_tail
        yield decoder.decode(decompressor.flush(), final=True)

    @property
    def report(self) -> str:
        return "".join(self.report_parts())


def check_inputs(config: Config) -> list[Path]:
    """Every file `l10n check` reads."""
    return source_files(config) + settings_files(config)[1:] + catalog_files(config)


ANSWER_CODEC = Codec(CheckAnswer)


def _encoded(parts: Iterable[str]) -> Iterator[bytes]:
    """`parts` in UTF-8, joined into pieces of about 64 KiB."""
    pending: list[str] = []
    size = 0
    for part in parts:
        pending.append(part)
        size += len(part)
        if size >= 1 << 16:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    yield "".join(pending).encode("utf-8")


def answered(
    config: Config,
    cache: Cache | None,
    asked: tuple[object, ...],
    compute: Callable[[], CheckAnswer],
) -> CheckAnswer:
    """The kept answer for exactly these files and this question, or `compute()` (kept)."""
    if cache is None:
        return compute()
    key = repr((config_key(config), asked, dt.date.today().isoformat()))
    return cache.computed(
        NAMESPACE, key, lambda: check_inputs(config), compute, ANSWER_CODEC, _is_answer
    )


def _is_answer(value: object) -> bool:
    return type(value) is CheckAnswer
