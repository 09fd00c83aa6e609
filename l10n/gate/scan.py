"""One reading of every catalog for `l10n check`: records, per-record issues, out-of-date.

The gate needs three things from each catalog: the records `status` counts, the findings
of the quality checks that look at one record at a time, and whether `l10n sync` would
rewrite it. All three come from one parse. The work is cut by domain (a domain's template
and its catalog in every language), so the English of a unit is read once for all the
languages, and domains are scanned in worker processes when the site is large; results
come back in the site's order, one domain at a time, and only what the gate keeps of
them stays in memory.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import itertools
import multiprocessing
import operator
import os
import queue
import signal
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import polib

from l10n.cache.codec import Codec, CorruptCache
from l10n.cache.keys import config_key
from l10n.cache.store import Cache
from l10n.checks.copy import CopyRule
from l10n.collector import collector_paused, end_without_teardown
from l10n.config import Config
from l10n.coverage.stats import (
    Counts,
    EnglishTexts,
    EntryRecord,
    active_entries,
    catalog_records,
    count_records,
    domain_entries,
    records_from_values,
    records_values,
)
from l10n.model import State, Unit
from l10n.po.catalog import LineCounts, PartKeys, parts_agree, read_catalog, read_catalog_part
from l10n.sources.site import Site, po_path, pot_path
from l10n.sync.parts import PartKept, UnitMarks, part_kept, parts_keep, unit_marks
from l10n.sync.run import catalog_would_change, template_would_change

SourceKey = tuple[str, str | None]  # (English, English plural)


@dataclass(slots=True, unsafe_hash=True)
class QualityIssue:
    """One quality-check finding, as the gate needs it.

    Immutable to mypy (every field `Final`), not at run time, as `EntryRecord` and
    `Finding`: a check's workers make one for each finding (60,000 at the 10k catalog
    shape), 0.7 us each frozen. It does not cross processes: a scan holds and sends its
    fields (`IssueFields`).
    """

    check_id: Final[str]
    severity: Final[str]  # error or warning
    message: Final[str]


# An issue as a scan holds it, and as it crosses from a worker: (check id, severity,
# message), a plain tuple (a QualityIssue crossed as an object of its own, 0.4 us a finding
# to pickle and as much to unpickle, by the hundred thousand: most are Markdown's).
IssueFields = tuple[str, str, str]
issue_fields: Callable[[QualityIssue], IssueFields] = operator.attrgetter(
    "check_id", "severity", "message"
)
# The issues of one record on its own (run in worker processes, so it must pickle).
RecordIssues = Callable[[str, EntryRecord], list[QualityIssue]]
# Below this many units times languages, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 20_000
MAX_WORKERS = 4
# A big domain's catalog is scanned in parts (`read_catalog_part`) by the workers side by
# side: in as many as make it no bigger than a worker's share of the bytes cut in this
# many, never in parts smaller than PART_MINIMUM_BYTES nor bigger than PART_MAXIMUM_BYTES
# (a part's entries, records and issues are what a worker holds at once: about 4 times its
# bytes at its peak, and more of it kept by the allocator once freed; at 32 MB a part, the
# workers were two thirds of the memory of a cold check of 7 catalogs of 30 MB).
PARTS_PER_WORKER = 4
PART_MINIMUM_BYTES = 1024 * 1024
PART_MAXIMUM_BYTES = 8 * 1024 * 1024
CHUNKED_MINIMUM = 16  # jobs per worker from which they are sent four at a time
NAMESPACE = "scan"


@dataclass(frozen=True)
class ScanCache:
    """What lets a domain's scan be kept: who checks it, as part of its key (the site's
    checks name the digest of the files their settings were read from)."""

    identity: str


@dataclass
class CatalogScan:
    """One catalog as the gate sees it.

    `counts` counts every record of the catalog; in a slim scan `records` leaves out
    those translated records that nothing else needs (no issue, not a copy, texts dropped).
    """

    language: str
    path: Path
    records: list[EntryRecord]
    issues: list[list[IssueFields]]  # per record, in the records' order ([] when not checked)
    out_of_date: bool  # `l10n sync` would write it (or create it)
    counts: Counts

    def __reduce__(self) -> tuple[Callable[..., CatalogScan], tuple[object, ...]]:
        """Pickled with its records as plain tuples (`records_values`): a check's workers
        send every record of every catalog to the main process."""
        values = records_values(self.records)
        fields = (self.language, self.path, values, self.issues, self.out_of_date, self.counts)
        return (_catalog_scan, fields)


def _catalog_scan(
    language: str,
    path: Path,
    values: list[Any],
    issues: list[list[IssueFields]],
    out_of_date: bool,
    counts: Counts,
) -> CatalogScan:
    return CatalogScan(language, path, records_from_values(values), issues, out_of_date, counts)


@dataclass
class DomainScan:
    """One domain: its template and its catalog in each language scanned."""

    domain: str
    template_out_of_date: bool
    catalogs: list[CatalogScan]


SCAN_CODEC = Codec(DomainScan, CatalogScan, EntryRecord, Counts, State)


@dataclass(frozen=True)
class _Kept:
    """A domain's scan as the cache keeps it: encoded (`SCAN_CODEC`), with its files' digest."""

    data: bytes
    digest: str
    fresh: bool  # scanned now, from files that did not change meanwhile: to be kept


@dataclass(frozen=True)
class _Job:
    domain: str
    kind: str
    units: list[Unit]
    checked: bool
    # With `shared`, the keys of the domain's units whose English another unit of the
    # same kind has too: only their records keep their translations.
    shared: frozenset[SourceKey] | None
    slim: bool
    key: str = ""  # with a ScanCache: what the scan depends on besides files
    # A part of a big domain: these of the scanner's languages (all when empty), and
    # whether this part says if the template is out of date (the first part does).
    languages: tuple[str, ...] = ()
    with_template: bool = True
    # A part of one language's catalog (`part` of `parts`, when `parts` > 1); sent without
    # its units: each worker holds only their marks (`_Scanner.marks`).
    part: int = 0
    parts: int = 1


@dataclass
class _PartScan:
    """One part of a catalog scanned: its records, issues and counts (`catalog`, None when
    the part could not be read on its own), what `parts_agree` and `parts_keep` need, and
    whether its records were slimmed (`_kept`) on the part's own word that it is kept."""

    catalog: CatalogScan | None
    keys: PartKeys | None = None
    kept: PartKept | None = None
    slimmed: bool = False


class _Scanner:
    """Scans domains; one lives in each worker process (or in this one for a small site)."""

    def __init__(
        self,
        config: Config,
        languages: tuple[str, ...],
        record_issues: RecordIssues | None,
        rule: CopyRule,
        cache: Cache | None = None,
        marks: dict[str, UnitMarks | None] | None = None,
    ) -> None:
        self.config, self.languages, self.record_issues = config, languages, record_issues
        self.rule = rule
        self.cache = cache  # scans are kept in it (None: not kept)
        self.marks = marks or {}  # of the units of the domains scanned in parts
        self.words: dict[str, array[int]] = {}  # of those units, by place: -1 not counted yet
        self.counted: LineCounts = {}  # line ends before the borders of parts read here

    def scan_kept(self, job: _Job) -> _Kept:
        """The domain's scan, encoded, as kept: from the cache when no file changed.

        What the cache holds is decoded (and so checked) where it is used, in the main
        process: a file that is not a scan is scanned again there.
        """
        assert self.cache is not None
        inputs = self.inputs(job)
        digest = self.cache.digest(inputs)
        found = self.cache.load_bytes(NAMESPACE, job.key, digest)
        if found is not None:
            return _Kept(found, digest, False)
        data = SCAN_CODEC.dumps(self.scan(job))
        unchanged = self.cache.digest(inputs) == digest  # a file edited meanwhile: not kept
        return _Kept(data, digest, unchanged)

    def inputs(self, job: _Job) -> list[Path]:
        """Every file a domain's scan reads."""
        languages = job.languages or self.languages
        catalogs = [po_path(self.config, language, job.domain) for language in languages]
        return [pot_path(self.config, job.domain), *catalogs]

    def scan(self, job: _Job) -> DomainScan:
        """A domain: its template and its catalogs (the collector paused: `collector_paused`)."""
        with collector_paused():
            changed = job.with_template and template_would_change(
                self.config, job.domain, job.units
            )
            english = EnglishTexts()  # each English text once, for every language
            languages = job.languages or self.languages
            catalogs = [self._catalog(job, language, english) for language in languages]
        return DomainScan(job.domain, changed, catalogs)

    def scan_part(self, job: _Job) -> _PartScan:
        """One part of one language's catalog of a big domain (see `scan_site`), the
        collector paused: everything a part's scan makes lives until it is done."""
        with collector_paused():
            return self._scan_part(job)

    def _scan_part(self, job: _Job) -> _PartScan:
        language = job.languages[0]
        path = po_path(self.config, language, job.domain)
        read = read_catalog_part(path, job.part, job.parts, counted=self.counted)
        if read is None:
            return _PartScan(None)
        marks = self.marks[job.domain]
        kept = part_kept(self.config, job.domain, language, marks, read.catalog)
        placed = active_entries(read.catalog) if kept.kept and marks is not None else []
        words = self.words.setdefault(job.domain, _unknown_words(marks))
        english = _english_known(placed, kept.first, words)
        records = catalog_records(read.catalog, path, job.domain, job.kind, self.rule, english)
        _remember_words(placed, kept.first, words, english)
        issues = self._issues(job, language, records)
        counts = count_records(records)
        slimmed = job.shared is not None and kept.kept and (kept.as_middle or kept.as_last)
        if slimmed:
            assert job.shared is not None
            records, issues = _kept(records, issues, job.shared, job.slim)
        scanned = CatalogScan(language, path, records, issues, False, counts)
        return _PartScan(scanned, read.keys, kept, slimmed)

    def _issues(
        self, job: _Job, language: str, records: list[EntryRecord]
    ) -> list[list[IssueFields]]:
        record_issues = self.record_issues
        if not job.checked or record_issues is None:
            return [[] for _ in records]
        return [list(map(issue_fields, record_issues(language, record))) for record in records]

    def _catalog(self, job: _Job, language: str, english: EnglishTexts) -> CatalogScan:
        path = po_path(self.config, language, job.domain)
        if not path.exists():
            records = domain_entries(path, job.units, job.domain, job.kind, self.rule)
            counts = count_records(records)
            return CatalogScan(language, path, records, [[] for _ in records], True, counts)
        catalog = read_catalog(path, to_write=False)  # laid out only if sync would merge it
        records = catalog_records(catalog, path, job.domain, job.kind, self.rule, english)
        issues = self._issues(job, language, records)
        changed = catalog_would_change(self.config, job.domain, language, job.units, catalog)
        counts = count_records(records)
        if job.shared is not None and not changed:
            records, issues = _kept(records, issues, job.shared, job.slim)
        return CatalogScan(language, path, records, issues, changed, counts)


def _unknown_words(marks: UnitMarks | None) -> array[int]:
    return array("l", [-1]) * (len(marks.flags) if marks is not None else 0)


def _english_known(placed: list[polib.POEntry], first: int, words: array[int]) -> EnglishTexts:
    """A part's English texts, with the words of those a part before counted in this worker.

    `placed`: the entries in use of a part whose entries are the units from place `first`
    on (empty for any other part). A worker keeps the words between parts, not the English
    texts: those of every unit, held for all its parts, grew with the catalog.
    """
    english = EnglishTexts()
    known = english.known
    for entry, count in zip(placed, words[first : first + len(placed)], strict=True):
        if count >= 0:
            source = entry.msgid
            known[source] = (source, count)
    return english


def _remember_words(
    placed: list[polib.POEntry], first: int, words: array[int], english: EnglishTexts
) -> None:
    known = english.known
    words[first : first + len(placed)] = array("l", [known[entry.msgid][1] for entry in placed])


def _kept(
    records: list[EntryRecord],
    issues: list[list[IssueFields]],
    shared: frozenset[SourceKey],
    slim: bool,
) -> tuple[list[EntryRecord], list[list[IssueFields]]]:
    """An up-to-date catalog's records as the gate needs them, and their issues.

    Every record of an up-to-date catalog is a unit of the site, so one whose English no
    other unit of its kind has cannot be compared with another translation of it: it comes
    back without its texts. `slim` leaves such a record out when it is translated, not a
    copy and without issues: it gives no finding, and its counts are all the gate needs.
    """
    kept_records: list[EntryRecord] = []
    kept_issues: list[list[IssueFields]] = []
    for record, found in zip(records, issues, strict=True):
        if record.texts and (record.source, record.source_plural) not in shared:
            if (
                slim
                and not found
                and not record.copy
                and record.state is State.TRANSLATED
                and record.rejected is None
            ):
                continue
            record = record.without_texts()
        kept_records.append(record)
        kept_issues.append(found)
    return kept_records, kept_issues


def read_again(
    config: Config, rule: CopyRule, language: str, domain: str, kind: str
) -> list[EntryRecord]:
    """An up-to-date catalog's records with their translations, read as a scan reads them.

    For the gate's one second look: a scan drops the translations of records whose English
    no other unit of the site has, but an out-of-date catalog may still have that English.
    """
    path = po_path(config, language, domain)
    return catalog_records(read_catalog(path), path, domain, kind, rule)


def scan_site(
    config: Config,
    site: Site,
    languages: tuple[str, ...],
    rule: CopyRule,
    record_issues: RecordIssues | None = None,
    checked_kinds: tuple[str, ...] = (),
    shared: dict[str, set[SourceKey]] | None = None,
    slim: bool = False,
    kept_as: ScanCache | None = None,
    cache: Cache | None = None,
    started: Workers | None = None,
) -> Iterator[DomainScan]:
    """Every domain of the site, in the site's order, scanned in `languages`.

    A domain whose catalogs are scanned in parts comes in several scans, one per catalog of
    it in `languages`' order (the first says whether its template is out of date).

    `record_issues` runs on every record of the domains whose kind is in `checked_kinds`.
    With `shared` (`shared_sources(site)`), records of up-to-date catalogs whose English no
    other unit of the same kind has come back without their translations (`texts` empty):
    only what compares translations of one English needs them, and they are most of the
    memory. With `slim` too, such records that are translated, no copies and without issues
    are left out of up-to-date catalogs (`CatalogScan.counts` still counts them).
    With `kept_as` and a `cache`, each domain's scan is kept under the digest of
    its template and its catalogs, and of everything else it depends on (the domain's
    units, the configuration, what is asked, `kept_as.identity`, the code): a domain none of
    whose files changed is not scanned again. Keeping scans costs about a tenth of a cold
    check, so the first check of a site (no `scan` folder in its cache: a fresh checkout,
    a build) keeps none and only marks the site as checked here; the checks after it keep
    them. New scans are written by `cache.flush()`.
    `started`: workers started before the site was read (`Workers.early`), used or shut
    down here.
    A catalog that cannot be read raises CatalogError, as reading it anywhere else does.
    """
    store = cache if kept_as is not None else None
    keeping = store is not None and store.holds(NAMESPACE)
    kept_by = kept_as if keeping else None
    jobs = [
        _job(config, languages, site, domain, checked_kinds, shared, slim, kept_by, rule)
        for domain in site.templates
    ]
    size = sum(len(job.units) for job in jobs) * max(len(languages), 1)
    workers = started.count if started is not None else min(os.cpu_count() or 1, MAX_WORKERS)
    state: tuple[Any, ...] = (config, languages, record_issues, rule, store if keeping else None)
    if size < PARALLEL_MINIMUM or workers < 2:
        if started is not None:
            started.close()
        if cache is not None:
            cache.release()  # what it held back is encoded while this process scans
        scanner = _Scanner(*state)
        results: Iterator[DomainScan | _Kept | _PartScan] = map(_scan_with(scanner), jobs)
    else:
        if keeping:  # kept scans are a domain's languages: cut by language only
            jobs = [part for job in jobs for part in _parts(job, languages, workers)]
        else:
            jobs = _catalog_parts(config, languages, jobs, workers)
        big = {job.domain: job.units for job in jobs if job.parts > 1}
        state = (*state, {domain: unit_marks(units) for domain, units in big.items()})
        results = _scan_in_workers(jobs, started or Workers(workers), state, cache)
    done: list[tuple[_Job, DomainScan | _PartScan]] = []
    # The results (records, issues) and what the gate makes of them (findings) are freed
    # as each catalog is done; the collector went through them and the site's units six
    # times at the 10k catalog shape, a fifth of this process's time, and found nothing.
    with collector_paused():
        for index, (job, result) in enumerate(zip(jobs, results, strict=True)):
            done.append((job, _scanned(job, result, state, store)))
            following = jobs[index + 1] if index + 1 < len(jobs) else None
            if following is None or following.domain != job.domain or _catalog_done(job, following):
                yield _joined(done, state)
                done = []
    if store is not None and not keeping:  # the first check here: keep scans from now on
        store.store(NAMESPACE, "checked here", "", SCAN_CODEC, True)


def _catalog_done(job: _Job, following: _Job) -> bool:
    """Whether `job` is the last part of a catalog scanned in parts and `following` (of the
    same domain) another catalog's: the catalog goes to the gate at once, so that the main
    process never holds every language's records of a big domain together."""
    return job.parts > 1 and following.languages != job.languages


def _scanned(
    job: _Job, result: DomainScan | _Kept | _PartScan, state: tuple[Any, ...], store: Cache | None
) -> DomainScan | _PartScan:
    """A job's scan, decoded (and kept) when it came encoded."""
    if not isinstance(result, _Kept):
        return result
    try:
        scanned = SCAN_CODEC.loads(result.data)
    except CorruptCache:
        scanned = None
    if type(scanned) is not DomainScan or scanned.domain != job.domain:
        return _Scanner(*state[:4]).scan(job)  # a damaged or planted file: read the source
    if result.fresh and store is not None:
        store.store_bytes(NAMESPACE, job.key, result.digest, result.data)
    return scanned


def _parts(job: _Job, languages: tuple[str, ...], workers: int) -> list[_Job]:
    """A domain big enough to be worth workers on its own (one catalog per language of a
    big project), cut into parts of its languages scanned side by side; others whole."""
    count = min(workers, len(languages))
    if len(job.units) * len(languages) < PARALLEL_MINIMUM or count < 2:
        return [job]
    cuts = [len(languages) * index // count for index in range(count + 1)]
    return [
        dataclasses.replace(
            job,
            languages=languages[start:end],
            with_template=start == 0,
            key=f"{job.key}:{languages[start:end]}" if job.key else "",
        )
        for start, end in itertools.pairwise(cuts)
    ]


def _catalog_parts(
    config: Config, languages: tuple[str, ...], jobs: list[_Job], workers: int
) -> list[_Job]:
    """Each big domain's jobs: one per language's catalog, or per part of it (see
    PARTS_PER_WORKER); other domains whole, as they are."""
    big = [job for job in jobs if len(job.units) * len(languages) >= PARALLEL_MINIMUM]
    sizes = {
        (job.domain, language): _size(po_path(config, language, job.domain))
        for job in big
        for language in languages
    }
    share = sum(sizes.values()) // (workers * PARTS_PER_WORKER)
    share = min(max(share, PART_MINIMUM_BYTES), PART_MAXIMUM_BYTES)
    cut: list[_Job] = []
    for job in jobs:
        if job not in big:
            cut.append(job)
            continue
        for number, language in enumerate(languages):
            parts = max(1, -(-sizes[job.domain, language] // share))
            cut += [
                dataclasses.replace(
                    job,
                    languages=(language,),
                    with_template=number == 0 and part == 0,
                    part=part,
                    parts=parts,
                )
                for part in range(parts)
            ]
    return cut


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # not written yet: scanned whole


def _joined(done: list[tuple[_Job, DomainScan | _PartScan]], state: tuple[Any, ...]) -> DomainScan:
    """One domain's scan from the scans of its jobs, in their order: the languages it was
    cut into, and the parts of a catalog, joined (`_joined_catalog`). Whether the template
    of a domain scanned in parts is out of date is answered here, with its units."""
    first_job, first = done[0]
    if len(done) == 1 and isinstance(first, DomainScan):
        return first
    if isinstance(first, DomainScan):
        template_changed = first.template_out_of_date
    else:
        config, units = state[0], first_job.units
        template_changed = first_job.with_template and template_would_change(
            config, first_job.domain, units
        )
    catalogs: list[CatalogScan] = []
    for _, group in itertools.groupby(done, key=lambda pair: (pair[0].languages, pair[0].parts)):
        jobs, scans = zip(*group, strict=True)
        if isinstance(scans[0], DomainScan):
            catalogs += [catalog for scan in scans for catalog in scan.catalogs]
        else:
            catalogs.append(_joined_catalog(jobs[0], list(scans), state))
    return DomainScan(first_job.domain, template_changed, catalogs)


def _joined_catalog(job: _Job, parts: list[_PartScan], state: tuple[Any, ...]) -> CatalogScan:
    """One catalog's scan from its parts' scans, when they are the whole reading's and say
    whether it is up to date; else scanned whole here, as a catalog is scanned whole (a
    part not in the common form, a defect, a catalog out of date or maybe so)."""
    language = job.languages[0]
    read = [part.catalog for part in parts]
    keys = [part.keys for part in parts]
    kept = [part.kept for part in parts if part.kept is not None]
    if any(scan is None for scan in read) or not parts_agree(keys) or len(kept) < len(parts):
        return _Scanner(*state[:4])._catalog(job, language, EnglishTexts())
    scans = [scan for scan in read if scan is not None]
    records = [record for scan in scans for record in scan.records]
    issues = [found for scan in scans for found in scan.issues]
    counts = Counts()
    for scan in scans:
        counts.add(scan.counts)
    if parts_keep(job.units, kept):
        return CatalogScan(language, scans[0].path, records, issues, False, counts)
    if any(part.slimmed for part in parts):  # records left out that the gate needs now
        return _Scanner(*state[:4])._catalog(job, language, EnglishTexts())
    config = state[0]
    whole = read_catalog(scans[0].path)
    changed = catalog_would_change(config, job.domain, language, job.units, whole)
    if job.shared is not None and not changed:
        records, issues = _kept(records, issues, job.shared, job.slim)
    return CatalogScan(language, scans[0].path, records, issues, changed, counts)


def _job(
    config: Config,
    languages: tuple[str, ...],
    site: Site,
    domain: str,
    checked_kinds: tuple[str, ...],
    shared: dict[str, set[SourceKey]] | None,
    slim: bool,
    cache: ScanCache | None,
    rule: CopyRule,
) -> _Job:
    kind, units = site.kinds[domain], site.templates[domain]
    keys = None if shared is None else _shared_keys(units, shared[kind])
    job = _Job(domain, kind, units, kind in checked_kinds, keys, slim)
    if cache is None:
        return job
    depends = repr((units, sorted(keys or ()))).encode("utf-8", "surrogateescape")
    content = hashlib.blake2b(depends, digest_size=20).hexdigest()
    key = repr(
        (config_key(config), rule.key, languages, domain, kind, job.checked, slim, keys is None)
    )
    return dataclasses.replace(job, key=f"{key}:{cache.identity}:{content}")


def shared_sources(site: Site) -> dict[str, set[SourceKey]]:
    """Per kind, the English texts (with their plural) that more than one unit has."""
    seen: dict[str, Counter[SourceKey]] = {}
    for domain, units in site.templates.items():
        counter = seen.setdefault(site.kinds[domain], Counter())
        counter.update((unit.source, unit.plural) for unit in units)
    return {
        kind: {key for key, count in counter.items() if count > 1} for kind, counter in seen.items()
    }


def _shared_keys(units: list[Unit], shared: set[SourceKey]) -> frozenset[SourceKey]:
    return frozenset(key for key in ((unit.source, unit.plural) for unit in units) if key in shared)


# From this many bytes of one language's catalogs times the languages, `l10n check` starts
# its workers before it reads the site (`Workers.early`): such a site has far more than
# PARALLEL_MINIMUM units (an entry is some hundreds of bytes at least).
EARLY_MINIMUM_BYTES = 32 * 1024 * 1024


class Workers:
    """The check's worker processes, started before the site is read: they start and
    import while this process reads the site (at the 30k catalog shape, ~0.2 s each that
    the main process waited for after reading it), and each waits for what it scans with
    (`send`) before it takes a job."""

    def __init__(self, count: int, modules: tuple[str, ...] = ()) -> None:
        context = multiprocessing.get_context("spawn")
        self.count = count
        self.states: Any = context.Queue()
        self.pool = ProcessPoolExecutor(count, context, _start_worker, (self.states, modules))
        self.sent = False
        for _ in range(count):  # a process is started for each job sent while none is idle
            self.pool.submit(int)

    @classmethod
    def early(
        cls, config: Config, languages: tuple[str, ...], modules: tuple[str, ...]
    ) -> Workers | None:
        """Workers started now, when the site's catalogs are big enough that its scan will
        surely want them (one language's catalogs on disk, times the languages)."""
        count = min(os.cpu_count() or 1, MAX_WORKERS)
        if count < 2 or not languages:
            return None
        try:
            with os.scandir(config.catalogs_dir / languages[0] / "LC_MESSAGES") as found:
                size = sum(entry.stat().st_size for entry in found if entry.name.endswith(".po"))
        except OSError:
            return None
        return cls(count, modules) if size * len(languages) >= EARLY_MINIMUM_BYTES else None

    def send(self, state: tuple[Any, ...]) -> ProcessPoolExecutor:
        """The pool, each of its workers given `state` (`_Scanner`'s arguments)."""
        for _ in range(self.count):
            self.states.put(state)
        self.sent = True
        return self.pool

    def close(self) -> None:
        """Shut the workers down (those still waiting for a state are told there is none)."""
        if not self.sent:
            for _ in range(self.count):
                self.states.put(None)
            self.sent = True
        self.pool.shutdown(wait=True, cancel_futures=True)


def _scan_in_workers(
    jobs: list[_Job],
    workers: Workers,
    state: tuple[Any, ...],
    cache: Cache | None = None,
) -> Iterator[DomainScan | _Kept | _PartScan]:
    """The jobs' scans, in order, from worker processes.

    Once the workers have their jobs, what this process holds (the site, the jobs) is
    frozen until the last scan is in: it lives on, and the collector's full runs over the
    results went through it again and again (a third of this process's collections at
    30k units); and what `cache` held back (`Cache.hold`: the site read, encoded on a
    thread while this process alone prepared the jobs) is encoded then.
    """
    pool = workers.send(state)
    chunk = _chunk_size(jobs, workers.count)
    sent = (dataclasses.replace(job, units=[]) if job.parts > 1 else job for job in jobs)
    frozen = False
    try:
        results = pool.map(_scan_job, sent, chunksize=chunk)
        gc.freeze()
        frozen = True
        if cache is not None:
            cache.release()
        yield from results
    finally:  # on an error or an interrupt, queued domains are dropped, not scanned
        if frozen:
            gc.unfreeze()
        workers.close()


def _chunk_size(jobs: list[_Job], workers: int) -> int:
    """How many jobs a worker is sent at a time: chunks of 4 domains save round trips on a
    site of many small ones; a few big jobs (one catalog per language) and the parts of a
    big catalog go one by one (in chunks of 4, the 91 parts of the 100k catalog shape's 7
    catalogs were 23 sends of 2 s each: one worker often ran on alone for the last)."""
    if len(jobs) < CHUNKED_MINIMUM * workers or any(job.parts > 1 for job in jobs):
        return 1
    return 4


def _scan_with(scanner: _Scanner) -> Callable[[_Job], DomainScan | _Kept | _PartScan]:
    """Scan a job, kept in its cached form when the scanner keeps scans."""

    def scan(job: _Job) -> DomainScan | _Kept | _PartScan:
        if job.parts > 1:
            return scanner.scan_part(job)
        return scanner.scan_kept(job) if scanner.cache is not None else scanner.scan(job)

    return scan


_WORKER: list[_Scanner] = []


def _start_worker(states: Any, modules: tuple[str, ...] = ()) -> None:
    """A worker's start: the modules it will need imported, then it waits for its state
    (`Workers.send`; None: the scan ended before it had any)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    end_without_teardown()
    for module in modules:
        importlib.import_module(module)
    state = _state(states)
    if state is not None:
        _WORKER.append(_Scanner(*state))


def _state(states: Any) -> tuple[Any, ...] | None:
    """The state `Workers.send` gives a worker; a worker whose main process ended before
    it sent one (killed) ends too, rather than wait for it forever."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            state: tuple[Any, ...] | None = states.get(timeout=1)
            return state
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                os._exit(0)


def _scan_job(job: _Job) -> DomainScan | _Kept | _PartScan:
    return _scan_with(_WORKER[0])(job)
