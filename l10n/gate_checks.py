"""The seam between the gate and the quality checks (`l10n.checks`).

The gate only knows `QualityRunner`: one language's records in, issues per record out.
`quality_runner` builds one from `l10n.checks` and the config's `checks:` section. The
copy-of-source check is left out: the policies report copies as the `copy` finding.

The unit checks' findings of each catalog are cached (l10n/cache.py) under the digest of
the catalog's bytes, keyed by the language, the kind and a digest of the files the check
settings come from (config.yaml and the glossary it names), so any change to either
recomputes them. The catalog-wide checks (`inconsistent`: one English, two translations)
compare units across catalogs and are always recomputed from the units, which is cheap.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from l10n.cache import MISS, Cache, FileMemo, digest_files
from l10n.checks import CHECKS, CatalogCheck, Check, CheckSettings, CheckUnit, load_check_settings
from l10n.checks.base import Finding
from l10n.checks.runner import check_unit, run_catalog_checks
from l10n.config import Config
from l10n.gate import QualityIssue, QualityRunner
from l10n.stats import EntryRecord

LEFT_TO_POLICIES = frozenset({"copy-of-source"})


def quality_runner(config: Config) -> QualityRunner:
    """A runner over the site's enabled checks (bad `checks:` settings raise ConfigError)."""
    settings = load_check_settings(config)
    cache = Cache.of(config)
    key = settings_digest(config) if cache is not None else ""

    def run(language: str, records: Sequence[EntryRecord]) -> list[list[QualityIssue]]:
        if cache is None:
            return quality_issues(language, records, settings)
        memo = FileMemo(cache, "quality", f"{language}\0{records[0].kind if records else ''}")
        issues = quality_issues(language, records, settings, memo, key)
        memo.save()
        return issues

    return run


def settings_digest(config: Config) -> str:
    """A digest of the bytes the check settings are read from: config.yaml and its glossary."""
    files = [config.path]
    glossary = config.section("checks").get("glossary")
    if isinstance(glossary, str):
        files.append(config.path.parent / glossary)
    return digest_files(files)


def quality_issues(
    language: str,
    records: Sequence[EntryRecord],
    settings: CheckSettings,
    memo: FileMemo | None = None,
    key: str = "",
) -> list[list[QualityIssue]]:
    """Issues of each record, in the records' order (unit findings cached in `memo`)."""
    units = [_unit(language, record) for record in records]
    found = _unit_findings(records, units, settings, memo, key)
    for index, catalog_findings in run_catalog_checks(units, settings).items():
        found[index] = _ordered(found[index] + catalog_findings)
    return [
        [
            QualityIssue(finding.check_id, finding.severity, finding.message)
            for finding in findings
            if finding.check_id not in LEFT_TO_POLICIES
        ]
        for findings in found
    ]


def _unit_findings(
    records: Sequence[EntryRecord],
    units: list[CheckUnit],
    settings: CheckSettings,
    memo: FileMemo | None,
    key: str,
) -> list[list[Finding]]:
    """The unit checks' findings of each unit, per catalog from the cache when it has them.

    Units not in the cache are checked in worker processes when there are many.
    """
    by_path: defaultdict[Path, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_path[record.path].append(index)
    cached: dict[Path, tuple[str, dict[int | None, list[Finding]], bool]] = {}
    missing: list[int] = []
    for path, indices in by_path.items():
        todo = [i for i in indices if units[i].has_target]
        if memo is None or any(records[i].line is None for i in indices):
            missing += todo
            continue
        digest, value = memo.lookup(path, key)
        results = dict(value) if isinstance(value, dict) else {}
        absent = [i for i in todo if records[i].line not in results]
        missing += absent
        cached[path] = (digest, results, bool(absent) or value is MISS)
    found: list[list[Finding]] = [[] for _ in units]
    checked = _check_all(settings, [units[i] for i in missing])
    for index, findings in zip(missing, checked, strict=True):
        found[index] = findings
    for path, (digest, results, changed) in cached.items():
        for i in by_path[path]:
            if not units[i].has_target:
                continue
            if records[i].line in results:
                found[i] = list(results[records[i].line])
            else:
                results[records[i].line] = found[i]
        if changed and memo is not None:
            memo.keep(path, key, digest, results)
    return found


UNIT_CHECKS: tuple[Check, ...] = tuple(c for c in CHECKS if not isinstance(c, CatalogCheck))
# Below this many units to check, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 4000
CHUNK = 1000
_POOL: list[tuple[CheckSettings, ProcessPoolExecutor]] = []


def _check_all(settings: CheckSettings, units: list[CheckUnit]) -> list[list[Finding]]:
    workers = min(os.cpu_count() or 1, 4)
    if len(units) < PARALLEL_MINIMUM or workers < 2:
        return [check_unit(unit, settings, UNIT_CHECKS) for unit in units]
    if not _POOL or _POOL[0][0] is not settings:
        _shutdown()
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(workers, context, _start_worker, (settings,))
        _POOL.append((settings, pool))
    chunks = [units[start : start + CHUNK] for start in range(0, len(units), CHUNK)]
    return [found for chunk in _POOL[0][1].map(_check_chunk, chunks) for found in chunk]


def _shutdown() -> None:
    while _POOL:
        _POOL.pop()[1].shutdown()


atexit.register(_shutdown)
_WORKER_SETTINGS: list[CheckSettings] = []


def _start_worker(settings: CheckSettings) -> None:
    _WORKER_SETTINGS.append(settings)


def _check_chunk(units: list[CheckUnit]) -> list[list[Finding]]:
    return [check_unit(unit, _WORKER_SETTINGS[0], UNIT_CHECKS) for unit in units]


def _ordered(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (f.plural_index, f.start if f.start is not None else -1))


def _unit(language: str, record: EntryRecord) -> CheckUnit:
    targets = record.texts if record.texts else ("",)
    nplurals = len(targets) if record.source_plural is not None else 1
    return CheckUnit(
        record.context,
        record.source,
        record.source_plural,
        targets,
        language,
        record.kind,
        frozenset(record.flags),
        max(nplurals, 1),
    )


def no_issues(language: str, records: Sequence[EntryRecord]) -> list[list[QualityIssue]]:
    """A runner that finds nothing (for sites or tests that leave the checks out)."""
    del language
    return [[] for _ in records]
