"""The gate's findings, in their order, without holding them all.

A large site has hundreds of thousands of findings (about 790,000 at 100k units in seven
languages, half a gigabyte as objects). They come a catalog at a time, so each catalog's
are sorted as they arrive (a run), written to a temporary file in chunks, and read back
merged (`heapq.merge`) when the report is written: what the report shows is the order of
sorting them all at once, byte for byte, while only a chunk of each run is ever in memory.
Runs are kept per path, the first field of the order, so the merge only ever compares
the runs of one path (a catalog's own findings, those across its language, its
out-of-date finding).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import marshal
import operator
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO, NamedTuple

from l10n.gate.policy import ERROR

# Findings written (and read back) at once: a run holds one chunk of them in memory.
CHUNK = 2048


class GateFinding(NamedTuple):
    """One line of the gate's output; the field order is the sort order."""

    path: str  # relative to the config's folder, with forward slashes
    line: int  # 0 when there is no line (a catalog not written yet, a coverage finding)
    finding: str  # missing, stale, needs-review, copy, coverage, format, out-of-date, a check id
    identity: str
    language: str
    kind: str
    severity: str
    source: str
    message: str
    domain: str = ""

    @property
    def location(self) -> str:
        """`path:line`, or `path` when there is no line."""
        return f"{self.path}:{self.line}" if self.line else self.path


# A finding's fields in GateFinding's order, as a plain tuple: what the gate makes (no call
# in Python per finding) and marshal writes; read back, each is a GateFinding.
FindingFields = tuple[str, int, str, str, str, str, str, str, str, str]
# A finding from its fields as marshal gives them back (`GateFinding._make`, without the
# call in Python: a report reads each finding once).
_finding = functools.partial(tuple.__new__, GateFinding)
_LANGUAGE = 4
_LEVEL = operator.itemgetter(_LANGUAGE, 6)  # language, severity
_Chunk = tuple[int, int]  # where a chunk starts in the file, and its length


class Findings:
    """Findings added a run at a time in any order, read back sorted (as often as asked)."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._end = 0
        self._runs: dict[str, list[list[_Chunk]]] = {}  # path -> its runs
        self._count = 0
        self._totals: dict[str, dict[str, int]] = {}  # language -> errors and warnings
        self._first: dict[str, FindingFields] = {}  # language -> its first finding

    @classmethod
    def of(cls, findings: Iterable[FindingFields]) -> Findings:
        """These findings, as one run."""
        kept = cls()
        kept.add(findings)
        return kept

    def add(self, findings: Iterable[FindingFields]) -> None:
        """One run of findings (GateFindings or their fields), in any order."""
        ordered = sorted(findings)
        self._count += len(ordered)
        for (code, severity), count in Counter(map(_LEVEL, ordered)).items():
            totals = self._totals.setdefault(code, {"errors": 0, "warnings": 0})
            totals["errors" if severity == ERROR else "warnings"] += count
            first = next(finding for finding in ordered if finding[_LANGUAGE] == code)
            if code not in self._first or first < self._first[code]:
                self._first[code] = first
        for path, found in itertools.groupby(ordered, key=operator.itemgetter(0)):
            self._runs.setdefault(path, []).append([self._write(chunk) for chunk in _chunks(found)])

    def _write(self, chunk: tuple[FindingFields, ...]) -> _Chunk:
        if self._file is None:
            # closed when the findings are collected (the file is unlinked at once)
            self._file = tempfile.TemporaryFile(prefix="l10n-findings-")  # noqa: SIM115
            weakref.finalize(self, self._file.close)
        data = marshal.dumps(list(map(tuple, chunk)))  # marshal takes plain tuples only
        self._file.seek(self._end)
        self._file.write(data)
        start, self._end = self._end, self._end + len(data)
        return start, len(data)

    def __iter__(self) -> Iterator[GateFinding]:
        for path in sorted(self._runs):
            runs = [self._read(run) for run in self._runs[path]]
            yield from runs[0] if len(runs) == 1 else heapq.merge(*runs)

    def _read(self, run: list[_Chunk]) -> Iterator[GateFinding]:
        for start, length in run:
            assert self._file is not None
            self._file.seek(start)
            yield from map(_finding, marshal.loads(self._file.read(length)))

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def totals(self) -> dict[str, dict[str, int]]:
        """Errors and warnings per language ('' for findings of no language), the languages
        in the order of their first finding."""
        languages = sorted(self._first, key=self._first.__getitem__)
        return {code: dict(self._totals[code]) for code in languages}


def _chunks(findings: Iterable[FindingFields]) -> Iterator[tuple[FindingFields, ...]]:
    remaining = iter(findings)
    while chunk := tuple(itertools.islice(remaining, CHUNK)):
        yield chunk
