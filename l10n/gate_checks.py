"""The seam between the gate and the quality checks (`l10n.checks`).

The gate only knows `QualityRunner`: records of one language in, issues per record out.
`quality_runner` builds one from `l10n.checks` and the config's `checks:` section.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.config import Config
from l10n.gate import QualityIssue, QualityRunner
from l10n.stats import EntryRecord


def quality_runner(config: Config) -> QualityRunner | None:
    """A runner over `l10n.checks`, or None while the checks are not part of the build."""
    del config
    return None


def no_issues(language: str, records: Sequence[EntryRecord]) -> list[list[QualityIssue]]:
    """A runner that finds nothing (for tests and for sites that disable checks)."""
    del language
    return [[] for _ in records]
