"""The seam between the gate and the quality checks (`l10n.checks`).

The gate knows `QualityChecks`: issues of one record on its own, then issues across one
language's records. `site_checks` builds them from `l10n.checks` and the config's
`checks:` section: the unit checks run on each record where its catalog is read (in worker
processes on a large site), the catalog checks (`inconsistent`: one English, two
translations) across the language's translated records. The copy-of-source check is left
out: the policies report copies as the `copy` finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from l10n.cache.keys import digest_files
from l10n.checks import (
    CHECKS,
    CheckSettings,
    CheckUnit,
    UnitChecker,
    adopted_domains,
    entry_unit,
    load_check_settings,
)
from l10n.checks.base import Finding
from l10n.checks.runner import run_catalog_checks
from l10n.config import Config
from l10n.coverage.stats import EntryRecord
from l10n.gate.run import QualityChecks
from l10n.gate.scan import QualityIssue, ScanCache
from l10n.model import State

LEFT_TO_POLICIES = frozenset({"copy-of-source"})


def site_checks(config: Config) -> SiteChecks:
    """The site's enabled checks (bad `checks:` settings raise ConfigError).

    They remember the digest of the files their settings were read from, if those did not
    change while being read: scans they checked may then be kept under it.
    """
    files = settings_files(config)
    before = digest_files(files)
    settings = load_check_settings(config)
    adopted = adopted_domains(config)
    return SiteChecks(settings, before if digest_files(files) == before else None, adopted)


def settings_files(config: Config) -> list[Path]:
    """The files the check settings are read from: config.yaml and the glossary it names."""
    files = [config.path]
    glossary = config.section("checks").get("glossary")
    if isinstance(glossary, str):
        files.append(config.path.parent / glossary)
    return files


class SiteChecks(QualityChecks):
    """The registry's checks with the site's settings, as the gate runs them."""

    def __init__(
        self,
        settings: CheckSettings,
        settings_digest: str | None = None,
        adopted: frozenset[str] = frozenset(),
    ) -> None:
        self.settings = settings
        self.settings_digest = settings_digest  # of the files read (None: scans not kept)
        self.adopted = adopted  # domains of adopted templates: their msgctxt is a meaning
        self._checker: UnitChecker | None = None
        self._domain: str | None = None  # of the last record checked

    def __getstate__(self) -> dict[str, Any]:
        state = {"settings": self.settings, "settings_digest": self.settings_digest}
        # each process plans its own checker
        return {**state, "adopted": self.adopted, "_checker": None, "_domain": None}

    def kept_as(self) -> ScanCache | None:
        """Scans are kept under the digest of the files the settings were read from."""
        if self.settings_digest is None:
            return None
        return ScanCache(f"site checks {self.settings_digest}")

    @property
    def checker(self) -> UnitChecker:
        if self._checker is None:
            checks = [check for check in CHECKS if check.id not in LEFT_TO_POLICIES]
            self._checker = UnitChecker(self.settings, checks)
        return self._checker

    def record_issues(self, language: str, record: EntryRecord) -> list[QualityIssue]:
        """Issues of a translation; none for a stale one, which is reported as stale: its
        text answers the English it was written for, not today's."""
        if not any(record.texts) or record.state is State.STALE:
            return []
        if record.domain != self._domain:  # the checks may forget the last domain's English
            self._domain = record.domain
            self.checker.forget()
        return _issues(self.checker(self._unit(language, record)))

    def keeps(self, record: EntryRecord) -> bool:
        """Only translated records: the catalog checks compare translations."""
        return any(record.texts)

    same_source_only = True  # the one catalog check, `inconsistent`, compares one English

    def language_issues(
        self, language: str, records: Sequence[EntryRecord]
    ) -> dict[int, list[QualityIssue]]:
        sources = Counter((record.source, record.source_plural) for record in records)
        shared = [
            index
            for index, record in enumerate(records)
            if sources[record.source, record.source_plural] > 1
        ]
        units = [self._unit(language, records[index]) for index in shared]
        found = run_catalog_checks(units, self.settings)
        return {shared[index]: _issues(findings) for index, findings in found.items()}

    def _unit(self, language: str, record: EntryRecord) -> CheckUnit:
        return entry_unit(
            record.context,
            record.source,
            record.source_plural,
            record.texts,
            language,
            record.kind,
            record.flags,
            record.nplurals,
            record.domain in self.adopted,
        )


def _issues(findings: list[Finding]) -> list[QualityIssue]:
    return [
        QualityIssue(finding.check_id, finding.severity, finding.message)
        for finding in findings
        if finding.check_id not in LEFT_TO_POLICIES
    ]
