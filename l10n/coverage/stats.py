"""Coverage numbers, computed once for status, check and report to render."""

from __future__ import annotations

import bisect
import dataclasses
import operator
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol

from l10n.cache.codec import Codec
from l10n.cache.store import Cache, FileMemo
from l10n.checks.copy import CopyRule
from l10n.checks.settings import copy_rule
from l10n.collector import collector_paused, end_without_teardown
from l10n.config import KINDS, Config
from l10n.model import NamedByKey, State, Unit, count_words
from l10n.po.conflict import CONFLICT_FLAG
from l10n.po.formats import entry_problem
from l10n.sources.site import Site, load_site, po_path
from l10n.states import entry_texts, texts_state

if TYPE_CHECKING:
    from collections.abc import Iterator
    from concurrent.futures import ProcessPoolExecutor

    import polib  # types only: a warm `status` reads no catalog

    from l10n.po.catalog import PartKeys

COUNT_KEYS = (
    "total",
    "translated",
    "needs_review",
    "stale",
    "missing",
    "copies",
    "conflicts",
    "words_todo",
)
COUNTED = (*COUNT_KEYS, "words_total")


@dataclass
class Counts:
    """How many units are in each state, and the English words still to translate."""

    total: int = 0
    translated: int = 0
    needs_review: int = 0
    stale: int = 0
    missing: int = 0
    copies: int = 0
    conflicts: int = 0
    words_todo: int = 0
    words_total: int = 0

    def add(self, other: Counts) -> None:
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def count(self, record: Counted, sign: int = 1) -> None:
        """Count one unit in its one state (or with sign -1, take it away again).

        `copies` are translated units whose text is a copy of the English: counted among
        `translated` too, never in another state, so `done` is never below 0. `conflicts`
        are units a merge translated two ways (`l10n.po.conflict`), counted in their state
        too (needs-review, or stale: not done until a person chooses), as the gate fails
        on each with a `conflict` finding and the queue puts each first.
        """
        state, words = record.state, sign * record.words
        self.total += sign
        self.words_total += words
        if CONFLICT_FLAG in record.flags:
            self.conflicts += sign
        if state is State.TRANSLATED:
            self.translated += sign
            if not record.copy:
                return
            self.copies += sign
        elif state is State.MISSING:
            self.missing += sign
        elif state is State.STALE:
            self.stale += sign
        else:
            self.needs_review += sign
        self.words_todo += words

    @property
    def done(self) -> int:
        """Units translated, accepted by a person and not a copy of the English."""
        return self.translated - self.copies

    @property
    def todo(self) -> int:
        """Units that still need a translator: every one not done."""
        return self.total - self.done

    @property
    def coverage(self) -> float:
        """The share of units done (0.0-1.0); 1.0 when there is nothing to translate."""
        return self.done / self.total if self.total else 1.0

    def as_json(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNT_KEYS}


class Counted(Protocol):
    """What the counter reads of a unit: a record, or a queue item."""

    @property
    def state(self) -> State: ...

    @property
    def copy(self) -> bool: ...

    @property
    def words(self) -> int: ...

    @property
    def flags(self) -> tuple[str, ...]: ...


@dataclass
class LanguageStats:
    """One language's numbers: in all, per kind and per domain (one article a domain)."""

    code: str
    counts: Counts = field(default_factory=Counts)
    kinds: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    domains: dict[str, Counts] = field(default_factory=dict)


@dataclass
class SiteStats:
    """Every language's numbers."""

    source: str
    languages: dict[str, LanguageStats]

    @property
    def conflicts(self) -> int:
        """Units a merge translated two ways, in every language: the outputs that count
        by state show a `conflicts` column when there are any."""
        return sum(language.counts.conflicts for language in self.languages.values())

    def as_json(self) -> dict[str, object]:
        """The stable JSON contract of `l10n status --format json`."""
        return {
            "source": self.source,
            "languages": {
                code: {
                    **stats.counts.as_json(),
                    "kinds": {kind: counts.as_json() for kind, counts in stats.kinds.items()},
                }
                for code, stats in self.languages.items()
            },
        }


def compute_stats(
    config: Config,
    languages: tuple[str, ...] | None = None,
    site: Site | None = None,
    cache: Cache | None = None,
) -> SiteStats:
    """Count every unit of every domain in each language's catalogs.

    With a `cache`, the counts of each catalog are kept (l10n/cache/store.py); catalogs not in
    the cache are read in parallel when there are many, and only their counts are kept in
    memory. The catalogs of adopted templates are known from the config: when the site is
    not given, their workers start before it is read (reading a big template and counting
    its words was a fifth of a cold status, before any worker started).
    """
    rule = copy_rule(config)
    memos = {
        code: FileMemo(cache, "counts", code, COUNTS_CODEC, _is_counts)
        for code in languages or config.languages
    }
    found: dict[tuple[str, str], Counts] = {}
    countings: list[_Counting] = []
    try:
        if site is None:
            adopted = {template.domain: template.kind for template in config.templates}
            countings.append(_Counting(config, memos, rule, adopted, found))
            site = load_site(config, cache)
        early = {domain for counting in countings for domain in counting.kinds}
        rest = {domain: kind for domain, kind in site.kinds.items() if domain not in early}
        countings.append(_Counting(config, memos, rule, rest, found))
        for counting in countings:
            counting.finish(memos, found)
    finally:
        for counting in countings:
            counting.stop()
    for code in memos:
        for domain, units in site.templates.items():
            if (code, domain) not in found:  # no catalog yet: every unit missing
                path = po_path(config, code, domain)
                found[code, domain] = count_records(
                    domain_entries(path, units, domain, site.kinds[domain], rule)
                )
    for memo in memos.values():
        memo.save()
    return SiteStats(
        config.source,
        {
            code: language_counts(
                site, code, {domain: found[code, domain] for domain in site.templates}
            )
            for code in memos
        },
    )


class _Counting:
    """The catalogs of some domains being counted: those in the cache looked up, the others
    sent to worker processes at once when they are many or big (`finish` waits for them)."""

    def __init__(
        self,
        config: Config,
        memos: dict[str, FileMemo],
        rule: CopyRule,
        kinds: dict[str, str],
        found: dict[tuple[str, str], Counts],
    ) -> None:
        self.kinds, self.rule = kinds, rule
        self.todo: list[tuple[str, str, str, Path]] = []  # language, domain, digest, path
        later: list[tuple[int, FileMemo, Path, _Stamp]] = []
        for code, memo in memos.items():
            for domain, kind in kinds.items():
                path = po_path(config, code, domain)
                if not path.exists():
                    continue  # counted from the template's units when the site is read
                if not memo.holds(path, f"{kind}\0{rule.key}"):
                    later.append((len(self.todo), memo, path, _stamp(path)))
                    self.todo.append((code, domain, "", path))
                    continue
                digest, value = memo.lookup(path, f"{kind}\0{rule.key}")
                if isinstance(value, Counts):
                    found[code, domain] = value
                else:
                    self.todo.append((code, domain, digest, path))
        self.jobs = [(path, domain) for _, domain, _, path in self.todo]
        self.pool, self.results = _started(self.jobs, rule)
        # A catalog nothing is kept for (a cold cache) is hashed while the workers count it
        # (hashing first was most of the 2 s before the workers started, at 100k): its
        # counts are kept only if its stat, the cache's own sign of unchanged bytes, is
        # the same when they are in as before they were asked for (`finish`).
        self.stamps: dict[int, _Stamp] = {}
        for index, memo, path, stamp in later:
            code, domain, _, _ = self.todo[index]
            self.todo[index] = (code, domain, memo.digest(path), path)
            self.stamps[index] = stamp

    def finish(self, memos: dict[str, FileMemo], found: dict[tuple[str, str], Counts]) -> None:
        """Wait for the counts, and keep them in `found` and in the cache."""
        counts = _count_all(self.jobs, self.rule, self.results)
        for index, ((code, domain, digest, path), one) in enumerate(
            zip(self.todo, counts, strict=True)
        ):
            if index not in self.stamps or _stamp(path) == self.stamps[index]:
                memos[code].keep(path, f"{self.kinds[domain]}\0{self.rule.key}", digest, one)
            found[code, domain] = one

    def stop(self) -> None:
        """End the worker processes (after an error: without the parts not started)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


# Below this many catalogs to read, and this many bytes of them, starting worker processes
# costs more than it saves (one catalog per language of 10k entries is 10 MB).
PARALLEL_MINIMUM = 200
PARALLEL_MINIMUM_BYTES = 16 * 1024 * 1024
# A domain is read in parts by several workers when its catalogs are bigger than a worker's
# share cut in this many (one domain of 7 catalogs on 2 workers: each in 64 parts, 32
# slices of 7 parts for each worker), and never in parts smaller than PART_MINIMUM_BYTES.
# Small slices, sent one at a time, let the workers end together: in 4 slices each, the
# last slice (an eighth of the work) was often left to one worker while the other had
# ended (a cold status at 100k units ran 1.2 s longer than its CPU time on 2 cores).
PARTS_PER_WORKER = 32
PART_MINIMUM_BYTES = 1024 * 1024


_Stamp = tuple[int, ...]  # a file's device, inode, size, modification and change times
_CountJob = tuple[Path, str]  # a catalog to count, and its domain
_Part = tuple[int, int, int]  # a job (its index), the part to read, and the catalog's parts
_PartPath = tuple[Path, int, int]  # a catalog, the part to read, and its parts
_PartCounts = tuple[Counts, "PartKeys | None"] | Counts


def _stamp(path: Path) -> _Stamp:
    stat = path.stat()
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _started(
    jobs: list[_CountJob], rule: CopyRule
) -> tuple[ProcessPoolExecutor | None, Iterator[list[_PartCounts]] | None]:
    """Worker processes counting `jobs` (each domain's slices in order), or (None, None)
    when there are too few catalogs and bytes for processes to pay."""
    workers = min(os.cpu_count() or 1, 4, len(jobs))
    sizes = [path.stat().st_size for path, _ in jobs] if len(jobs) < PARALLEL_MINIMUM else []
    if (len(jobs) < PARALLEL_MINIMUM and sum(sizes) < PARALLEL_MINIMUM_BYTES) or workers < 2:
        return None, None
    import multiprocessing  # here: a tenth of a warm `l10n status`'s start when imported above
    from concurrent.futures import ProcessPoolExecutor

    counts = _part_counts(jobs, sizes, os.cpu_count() or 1)
    slices = _slices(jobs, counts)
    workers = min(os.cpu_count() or 1, 4, len(slices))
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, context, end_without_teardown)
    chunk = _chunk_size(counts, len(slices), workers)
    work = [(rule, [(jobs[job][0], part, parts) for job, part, parts in one]) for one in slices]
    return pool, _in_order(slices, pool.map(_count_slice, work, chunksize=chunk), len(jobs))


def _chunk_size(counts: list[int], slices: int, workers: int) -> int:
    """How many slices a worker is sent at a time: many slices of small catalogs up to 16
    (fewer round trips), slices of catalogs read in parts (`counts`) one at a time (sent
    together, they left one worker a big share of the work at the end)."""
    if max(counts, default=1) > 1:
        return 1
    return max(1, min(16, slices // (workers * 4)))


def _in_order(
    slices: list[list[_Part]], results: Iterator[list[_PartCounts]], jobs: int
) -> Iterator[list[_PartCounts]]:
    """Each job's part counts in order, once every slice is counted."""
    read: list[list[_PartCounts]] = [[] for _ in range(jobs)]
    for one, counted in zip(slices, results, strict=True):
        for (job, _, _), result in zip(one, counted, strict=True):
            read[job].append(result)
    yield from read


def _count_all(
    jobs: list[_CountJob], rule: CopyRule, started: Iterator[list[_PartCounts]] | None
) -> list[Counts]:
    """The counts of each catalog: from the workers' parts when `started`, else read here."""
    english: dict[str, EnglishTexts] = {}  # each domain's English, counted once
    if started is None:
        return [
            _count_one(path, rule, english.setdefault(domain, EnglishTexts()))
            for path, domain in jobs
        ]
    return [
        _joined(path, rule, english.setdefault(domain, EnglishTexts()), results)
        for (path, domain), results in zip(jobs, started, strict=True)
    ]


def _part_counts(jobs: list[_CountJob], sizes: list[int], cores: int) -> list[int]:
    """In how many parts each catalog is read (1 for each of many small catalogs).

    A domain's catalogs are read part k together (`_slices`), so each is cut in as many
    parts as its domain's bytes hold shares: one domain of 7 big catalogs is 8 slices on 2
    workers, not 2 (then one worker finished early and the other ran on alone).
    """
    if not sizes:
        return [1] * len(jobs)
    share = max(sum(sizes) // (min(cores, 4) * PARTS_PER_WORKER), PART_MINIMUM_BYTES)
    domains: dict[str, int] = {}
    for (_, domain), size in zip(jobs, sizes, strict=True):
        domains[domain] = domains.get(domain, 0) + size
    return [
        max(1, min(-(-domains[domain] // share), size // PART_MINIMUM_BYTES))
        for (_, domain), size in zip(jobs, sizes, strict=True)
    ]


def _slices(jobs: list[_CountJob], counts: list[int]) -> list[list[_Part]]:
    """What each call of a worker counts: part k of every catalog of one domain (each in as
    many parts as the domain's largest), so that a domain's English is counted by one
    worker once for every language, and never sent to a worker (it was 5 MB a part)."""
    domains: dict[str, list[int]] = {}
    for index, (_, domain) in enumerate(jobs):
        domains.setdefault(domain, []).append(index)
    slices: list[list[_Part]] = []
    for indexes in domains.values():
        parts = max(counts[index] for index in indexes)
        slices += [[(index, part, parts) for index in indexes] for part in range(parts)]
    return slices


def _count_slice(work: tuple[CopyRule, list[_PartPath]]) -> list[_PartCounts]:
    """The counts of one part of each catalog of one domain, in a worker, with the
    domain's English words counted once for all of them; the collector paused (each part's
    entries all live until it is counted: 3 % of a worker's time went into the collector)."""
    rule, parts = work
    english = EnglishTexts()
    with collector_paused():
        return [_count_part(path, part, count, rule, english) for path, part, count in parts]


def _count_part(
    path: Path, part: int, parts: int, rule: CopyRule, english: EnglishTexts
) -> _PartCounts:
    """The counts of one part of a catalog, with what `parts_agree` needs of it; a catalog
    in one part is read whole."""
    if parts == 1:
        return _count_one(path, rule, english)
    from l10n.po.catalog import read_catalog_part

    read = read_catalog_part(path, part, parts, lines=False)  # counts: no line read
    if read is None:
        return Counts(), None
    return catalog_counts(read.catalog, rule, english), read.keys


def _joined(
    path: Path, rule: CopyRule, english: EnglishTexts, results: list[_PartCounts]
) -> Counts:
    """A catalog's counts from its parts' counts, or read whole when the parts do not agree
    (a part not in the common form, a defect, an entry twice: the whole reading decides)."""
    if len(results) == 1 and isinstance(results[0], Counts):
        return results[0]
    from l10n.po.catalog import parts_agree

    parts = [result[1] for result in results if isinstance(result, tuple)]
    if len(parts) != len(results) or not parts_agree(parts):
        return _count_one(path, rule, english)
    counts = Counts()
    for result in results:
        assert isinstance(result, tuple)
        counts.add(result[0])
    return counts


def _count_one(path: Path, rule: CopyRule, english: EnglishTexts) -> Counts:
    from l10n.po.catalog import read_catalog  # the reader: not for counts found in the cache

    return catalog_counts(read_catalog(path, to_write=False), rule, english)


@dataclass(slots=True, unsafe_hash=True)
class EntryRecord(NamedByKey):
    """One unit in one language as the numbers see it: state, copy, words and where it is.

    `line` is the line where the catalog entry starts (None when the catalog is not written
    yet); status, check and report all count these records, so their numbers agree.

    Immutable as a frozen dataclass is, but to mypy (every field `Final`), not at run time:
    a frozen dataclass's `__init__` sets each field through `object.__setattr__`, 2.2 us a
    record against 0.25 us, and records are built by the million (in a check's workers, and
    again as its main process unpickles them).
    """

    domain: Final[str]
    kind: Final[str]
    context: Final[str | None]  # type: ignore[misc]  # NamedByKey declares it, writable
    source: Final[str]  # type: ignore[misc]  # as `context`
    state: Final[State]
    copy: Final[bool]
    words: Final[int]
    path: Final[Path]
    line: Final[int | None]
    previous_source: Final[str | None] = None
    texts: Final[tuple[str, ...]] = ()
    flags: Final[tuple[str, ...]] = ()
    source_plural: Final[str | None] = None
    rejected: Final[str | None] = None  # why msgfmt --check would reject this translation
    msgid_line: Final[int | None] = None  # the line of the msgid, where a compiler would point
    nplurals: Final[int] = 2  # the plural forms its catalog declares (Plural-Forms), for `plurals`

    def __reduce__(self) -> tuple[type[EntryRecord], tuple[object, ...]]:
        """Pickled as its fields in order: records cross between processes by the million
        (taken here, not through `_values`: a Python call a record was 0.2-0.4 us of ~3)."""
        return (EntryRecord, _record_values(self))

    def _values(self) -> tuple[object, ...]:
        values: tuple[object, ...] = _record_values(self)  # in C: 5 x a getattr per field
        return values

    def without_texts(self) -> EntryRecord:
        """The same record without its translations (`dataclasses.replace`, faster)."""
        values = list(self._values())
        values[_TEXTS] = ()
        return EntryRecord(*values)  # type: ignore[arg-type]


_RECORD_FIELDS = tuple(field.name for field in dataclasses.fields(EntryRecord))
_record_values = operator.attrgetter(*_RECORD_FIELDS)
_TEXTS = _RECORD_FIELDS.index("texts")


def records_values(records: list[EntryRecord]) -> list[tuple[object, ...]]:
    """Records as their fields in order, to cross between processes as plain tuples: a
    list of them pickles and is built again (`records_from_values`) in 2.6 us a record
    against 3.6 us for the records pickled one by one (`EntryRecord.__reduce__`)."""
    return list(map(_record_values, records))


def records_from_values(values: list[Any]) -> list[EntryRecord]:
    """The records whose fields `records_values` gave, built in the list itself: each
    tuple is freed as its record is made, so that they are never all held beside them."""
    for index, fields in enumerate(values):
        values[index] = EntryRecord(*fields)
    return values


# language -> domain -> records in catalog order
SiteEntries = dict[str, dict[str, list[EntryRecord]]]


def collect_entries(
    config: Config,
    site: Site,
    languages: tuple[str, ...] | None = None,
    cache: Cache | None = None,
) -> SiteEntries:
    """Read every catalog of the chosen languages once, as records (kept in `cache`)."""
    codes = languages or config.languages
    rule = copy_rule(config)
    entries: SiteEntries = {}
    for code in codes:
        memo = FileMemo(cache, "records", code, RECORDS_CODEC, _are_records)
        entries[code] = {
            domain: domain_entries(
                po_path(config, code, domain),
                units,
                domain,
                site.kinds[domain],
                rule,
                memo,
            )
            for domain, units in site.templates.items()
        }
        memo.save()
    return entries


COUNTS_CODEC = Codec(Counts)
RECORDS_CODEC = Codec(EntryRecord, State)


def _is_counts(value: Any) -> bool:
    return type(value) is Counts


def _are_records(value: Any) -> bool:
    return type(value) is list and all(type(record) is EntryRecord for record in value)


def stats_from_entries(source: str, site: Site, entries: SiteEntries) -> SiteStats:
    """The numbers of `status`, from records already read."""
    return SiteStats(
        source,
        {
            code: language_counts(
                site, code, {domain: count_records(records) for domain, records in domains.items()}
            )
            for code, domains in entries.items()
        },
    )


def language_counts(site: Site, language: str, domains: dict[str, Counts]) -> LanguageStats:
    """One language's numbers from the counts of each of its domains."""
    stats = LanguageStats(language)
    for domain, counts in domains.items():
        stats.domains[domain] = counts
        stats.kinds[site.kinds[domain]].add(counts)
        stats.counts.add(counts)
    return stats


def count_records(records: list[EntryRecord]) -> Counts:
    """Counts of a list of records."""
    counts = Counts()
    for record in records:
        counts.count(record)
    return counts


def catalog_counts(
    catalog: polib.POFile, rule: CopyRule, english: EnglishTexts | None = None
) -> Counts:
    """The counts of a catalog's records (`count_records(catalog_records(...))`), counted
    from each entry's verdict without building the records (a fifth of a cold status)."""
    english = EnglishTexts() if english is None else english
    counts = Counts()
    for entry in active_entries(catalog):
        counts.count(entry_verdict(entry, rule, english))
    return counts


def domain_entries(
    path: Path,
    units: list[Unit],
    domain: str,
    kind: str,
    rule: CopyRule,
    memo: FileMemo | None = None,
) -> list[EntryRecord]:
    """Records of one catalog; a catalog not yet written has every unit missing.

    With a cache, the records of a catalog whose bytes did not change are not read again.
    """
    if not path.exists():
        return missing_records(path, units, domain, kind)

    def read() -> list[EntryRecord]:
        from l10n.po.catalog import read_catalog

        return catalog_records(read_catalog(path, to_write=False), path, domain, kind, rule)

    if memo is None:
        return read()
    return memo.get(path, f"{domain}\0{kind}\0{rule.key}", read)


def missing_records(path: Path, units: list[Unit], domain: str, kind: str) -> list[EntryRecord]:
    """The records of a catalog not written yet: every unit of its template missing."""
    return [
        EntryRecord(
            domain,
            kind,
            unit.context,
            unit.source,
            State.MISSING,
            False,
            count_words(unit.source),
            path,
            None,
            flags=tuple(unit.flags),
            source_plural=unit.plural,
        )
        for unit in units
    ]


def catalog_records(
    catalog: polib.POFile,
    path: Path,
    domain: str,
    kind: str,
    rule: CopyRule,
    english: EnglishTexts | None = None,
) -> list[EntryRecord]:
    """The records of a catalog read from `path`, each with the line of its msgid.

    `english` may be shared with the same domain's catalogs in other languages.
    """
    from l10n.po.headers import nplurals_of

    entries = active_entries(catalog)
    lines = entry_msgid_lines(catalog, entries)
    english = EnglishTexts() if english is None else english
    nplurals = nplurals_of(catalog)
    forms = catalog.metadata.get("Plural-Forms")
    return [
        entry_record(entry, domain, kind, path, rule, line, english, nplurals, forms)
        for entry, line in zip(entries, lines, strict=True)
    ]


def entry_msgid_lines(catalog: polib.POFile, entries: list[polib.POEntry]) -> list[int]:
    """The line of the msgid of each of a catalog's `entries` in use (`active_entries`):
    as the reader noted them, or found in the text the catalog was read from."""
    from l10n.po.catalog import noted_msgid_lines, source_span, source_text

    noted = noted_msgid_lines(catalog)
    if noted is not None and len(noted) == len(entries):
        return noted
    lines = msgid_lines(source_text(catalog) or "", *source_span(catalog))
    return [msgid_line(lines, entry.linenum) for entry in entries]


class EnglishTexts:
    """Each English text of a domain once, with its words: for every language's records.

    Records of the seven languages then hold one string for one English text: counted once,
    kept once in memory, and sent once when a domain's records cross processes.
    """

    def __init__(self) -> None:
        self.known: dict[str, tuple[str, int]] = {}

    def get(self, text: str) -> tuple[str, int]:
        """The text as first seen, and its words."""
        found = self.known.get(text)
        if found is None:
            found = self.known[text] = (text, count_words(text))
        return found


def msgid_line(msgid_lines: list[int], start: int) -> int:
    """The line of an entry's msgid: the first msgid line at or after where it starts."""
    index = bisect.bisect_left(msgid_lines, start)
    return msgid_lines[index] if index < len(msgid_lines) else start


def entry_record(
    entry: polib.POEntry,
    domain: str,
    kind: str,
    path: Path,
    rule: CopyRule,
    msgid_line: int | None = None,
    english: EnglishTexts | None = None,
    nplurals: int = 2,
    plural_forms: str | None = None,
) -> EntryRecord:
    """The record of one catalog entry (`line`: where the entry starts in its file;
    `nplurals`: the plural forms its catalog declares; `plural_forms`: its Plural-Forms).

    Every view takes its units from here (its state and copy from `entry_verdict`).
    """
    source, state, copy, words, texts, flags, plural = _verdict_values(
        entry, rule, english or EnglishTexts()
    )
    # `entry_rejection`, from the texts and flags the verdict took from the entry already
    rejected = (
        entry_problem(source, plural, texts, flags, plural_forms)
        if state is State.TRANSLATED
        else None
    )
    return EntryRecord(
        domain,
        kind,
        entry.msgctxt,
        source,
        state,
        copy,
        words,
        path,
        entry.linenum,
        entry.previous_msgid,
        texts,
        flags,
        plural,
        rejected,
        msgid_line,
        nplurals,
    )


class Verdict(NamedTuple):
    """What an entry counts as: the part of its record that the counter reads, and what
    that is decided from."""

    source: str
    state: State
    copy: bool
    words: int
    texts: tuple[str, ...]
    flags: tuple[str, ...]
    plural: str | None


def entry_verdict(entry: polib.POEntry, rule: CopyRule, english: EnglishTexts) -> Verdict:
    """An entry's state, and whether a translated text is a copy of the English (`rule`;
    only a translated unit is a copy: missing, stale and needs-review units are counted,
    and reported, in their own state)."""
    return _new_verdict(Verdict, _verdict_values(entry, rule, english))


_new_verdict = tuple.__new__  # a Verdict from its values, without NamedTuple's Python __new__


def _verdict_values(
    entry: polib.POEntry, rule: CopyRule, english: EnglishTexts
) -> tuple[str, State, bool, int, tuple[str, ...], tuple[str, ...], str | None]:
    """`entry_verdict`'s fields as a plain tuple (`entry_record` unpacks them: building the
    NamedTuple first was a twentieth of a record)."""
    source, words = english.get(entry.msgid)
    plural = entry.msgid_plural or None
    texts = (entry.msgstr,) if plural is None else tuple(entry_texts(entry))  # `entry_texts`
    flags = tuple(entry.flags)
    state = texts_state(texts, flags, entry.previous_msgid)
    copy = state is State.TRANSLATED and rule.any_copy(source, plural, texts, flags)
    return source, state, copy, words, texts, flags, plural


def msgid_lines(text: str, start: int = 0, line: int = 1) -> list[int]:
    """The numbers of the lines that start with `msgid `, in order (from `start`, the start
    of line `line`).

    Found by one regular-expression search (str.find for each, in a catalog held as UCS-2
    like the Greek one, took a third of the time more)."""
    numbers = [line] if text.startswith("msgid ", start) else []
    position, count = start, text.count
    for found in _MSGID_LINE.finditer(text, start):
        after = found.start() + 1
        line += count("\n", position, after)
        position = after
        numbers.append(line)
    return numbers


_MSGID_LINE = re.compile("\nmsgid ")


def active_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    """The entries that are units: not obsolete, not the header."""
    return [entry for entry in catalog if not entry.obsolete and entry.msgid]
