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

import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10n.catalog import read_catalog
from l10n.config import Config
from l10n.model import State, Unit
from l10n.site import Site, po_path
from l10n.stats import (
    Counts,
    EnglishTexts,
    EntryRecord,
    catalog_records,
    count_records,
    domain_entries,
)
from l10n.sync import catalog_would_change, template_would_change

SourceKey = tuple[str, str | None]  # (English, English plural)
# The issues of one record on its own (run in worker processes, so it must pickle).
RecordIssues = Callable[[str, EntryRecord], list[Any]]
# Below this many units times languages, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 20_000
MAX_WORKERS = 4


@dataclass
class CatalogScan:
    """One catalog as the gate sees it.

    `counts` counts every record of the catalog; in a slim scan `records` leaves out
    those translated records that nothing else needs (no issue, not a copy, texts dropped).
    """

    language: str
    path: Path
    records: list[EntryRecord]
    issues: list[list[Any]]  # per record, in the records' order ([] when not checked)
    out_of_date: bool  # `l10n sync` would write it (or create it)
    counts: Counts


@dataclass
class DomainScan:
    """One domain: its template and its catalog in each language scanned."""

    domain: str
    template_out_of_date: bool
    catalogs: list[CatalogScan]


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


class _Scanner:
    """Scans domains; one lives in each worker process (or in this one for a small site)."""

    def __init__(
        self, config: Config, languages: tuple[str, ...], record_issues: RecordIssues | None
    ) -> None:
        self.config, self.languages, self.record_issues = config, languages, record_issues

    def scan(self, job: _Job) -> DomainScan:
        template = template_would_change(self.config, job.domain, job.units)
        english = EnglishTexts()  # each English text once, for every language
        return DomainScan(
            job.domain,
            template,
            [self._catalog(job, language, english) for language in self.languages],
        )

    def _catalog(self, job: _Job, language: str, english: EnglishTexts) -> CatalogScan:
        path = po_path(self.config, language, job.domain)
        threshold = self.config.copy_threshold
        if not path.exists():
            records = domain_entries(path, job.units, job.domain, job.kind, threshold)
            counts = count_records(records)
            return CatalogScan(language, path, records, [[] for _ in records], True, counts)
        catalog = read_catalog(path)
        records = catalog_records(catalog, path, job.domain, job.kind, threshold, english)
        issues = [
            self.record_issues(language, record) if job.checked and self.record_issues else []
            for record in records
        ]
        changed = catalog_would_change(self.config, job.domain, language, job.units, catalog)
        counts = count_records(records)
        if job.shared is not None and not changed:
            records, issues = _kept(records, issues, job.shared, job.slim)
        return CatalogScan(language, path, records, issues, changed, counts)


def _kept(
    records: list[EntryRecord],
    issues: list[list[Any]],
    shared: frozenset[SourceKey],
    slim: bool,
) -> tuple[list[EntryRecord], list[list[Any]]]:
    """An up-to-date catalog's records as the gate needs them, and their issues.

    Every record of an up-to-date catalog is a unit of the site, so one whose English no
    other unit of its kind has cannot be compared with another translation of it: it comes
    back without its texts. `slim` leaves such a record out when it is translated, not a
    copy and without issues: it gives no finding, and its counts are all the gate needs.
    """
    kept_records: list[EntryRecord] = []
    kept_issues: list[list[Any]] = []
    for record, found in zip(records, issues, strict=True):
        if record.texts and (record.source, record.source_plural) not in shared:
            if slim and not found and not record.copy and record.state is State.TRANSLATED:
                continue
            record = record.without_texts()
        kept_records.append(record)
        kept_issues.append(found)
    return kept_records, kept_issues


def scan_site(
    config: Config,
    site: Site,
    languages: tuple[str, ...],
    record_issues: RecordIssues | None = None,
    checked_kinds: tuple[str, ...] = (),
    shared: dict[str, set[SourceKey]] | None = None,
    slim: bool = False,
) -> Iterator[DomainScan]:
    """Every domain of the site, in the site's order, scanned in `languages`.

    `record_issues` runs on every record of the domains whose kind is in `checked_kinds`.
    With `shared` (`shared_sources(site)`), records of up-to-date catalogs whose English no
    other unit of the same kind has come back without their translations (`texts` empty):
    only what compares translations of one English needs them, and they are most of the
    memory. With `slim` too, such records that are translated, no copies and without issues
    are left out of up-to-date catalogs (`CatalogScan.counts` still counts them).
    A catalog that cannot be read raises CatalogError, as reading it anywhere else does.
    """
    jobs = [
        _Job(
            domain,
            site.kinds[domain],
            units,
            site.kinds[domain] in checked_kinds,
            None if shared is None else _shared_keys(units, shared[site.kinds[domain]]),
            slim,
        )
        for domain, units in site.templates.items()
    ]
    size = sum(len(job.units) for job in jobs) * max(len(languages), 1)
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if size < PARALLEL_MINIMUM or workers < 2:
        scanner = _Scanner(config, languages, record_issues)
        yield from (scanner.scan(job) for job in jobs)
        return
    yield from _scan_in_workers(jobs, workers, (config, languages, record_issues))


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


def _scan_in_workers(
    jobs: list[_Job], workers: int, state: tuple[Config, tuple[str, ...], RecordIssues | None]
) -> Iterator[DomainScan]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, context, _start_worker, state)
    try:
        yield from pool.map(_scan_job, jobs, chunksize=4)
    finally:  # on an error or an interrupt, queued domains are dropped, not scanned
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER: list[_Scanner] = []


def _start_worker(
    config: Config, languages: tuple[str, ...], record_issues: RecordIssues | None
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER.append(_Scanner(config, languages, record_issues))


def _scan_job(job: _Job) -> DomainScan:
    return _WORKER[0].scan(job)
