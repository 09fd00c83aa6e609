"""The seam between the gate and the quality checks (`l10n.checks`).

The gate only knows `QualityRunner`: one language's records in, issues per record out.
`quality_runner` builds one from `l10n.checks` and the config's `checks:` section. The
copy-of-source check is left out: the policies report copies as the `copy` finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.checks import CheckSettings, CheckUnit, load_check_settings, run_checks
from l10n.config import Config
from l10n.gate import QualityIssue, QualityRunner
from l10n.stats import EntryRecord

LEFT_TO_POLICIES = frozenset({"copy-of-source"})


def quality_runner(config: Config) -> QualityRunner:
    """A runner over the site's enabled checks (bad `checks:` settings raise ConfigError)."""
    settings = load_check_settings(config)

    def run(language: str, records: Sequence[EntryRecord]) -> list[list[QualityIssue]]:
        return quality_issues(language, records, settings)

    return run


def quality_issues(
    language: str, records: Sequence[EntryRecord], settings: CheckSettings
) -> list[list[QualityIssue]]:
    """Issues of each record, in the records' order."""
    units = [_unit(language, record) for record in records]
    found = run_checks(units, settings)
    return [
        [
            QualityIssue(finding.check_id, finding.severity, finding.message)
            for finding in found.get(index, [])
            if finding.check_id not in LEFT_TO_POLICIES
        ]
        for index in range(len(records))
    ]


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
