"""Quality checks while the translator types, when the core's checks are available."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from l10n.config import Config
from l10n.errors import L10nError
from l10n.gate.policy import CHECKS, FORMAT, check_severity, policies_or_defaults
from l10n.po.formats import entry_problem, rejection_message
from l10n.queue.work import QueueItem

if TYPE_CHECKING:
    from l10n.checks import CheckUnit, Finding


@dataclass(frozen=True)
class Problem:
    """A finding to show: which check, how bad, what is wrong, and where in which text."""

    check_id: str
    severity: str
    message: str
    text: str = ""
    start: int | None = None
    end: int | None = None


class LiveChecks:
    """Runs the unit-level checks of `l10n.checks` on one translation (nothing if absent)."""

    def __init__(self, config: Config, language: str) -> None:
        self.language = language
        # unreadable policies: the gate's defaults apply, and the translator is told why
        self.policies, self.error = policies_or_defaults(config)
        try:
            from l10n import checks
        except ImportError:  # the checks are optional: the editor works without them
            self._checks = None
            return
        self._checks = checks
        self._adopted = checks.adopted_domains(config)
        try:
            self._settings = checks.load_check_settings(config)
        except L10nError as error:  # shown to the translator; the editor goes on without
            self.error = error
            self._checks = None

    @property
    def available(self) -> bool:
        """Whether checks can run at all (the core's checks exist and are configured)."""
        return self._checks is not None

    def problems(
        self,
        item: QueueItem,
        targets: tuple[str, ...],
        nplurals: int,
        plural_forms: str | None = None,
    ) -> list[Problem]:
        """What the gate finds in one translation: `format` if msgfmt --check rejects it, then
        the unit-level checks (`nplurals`, `plural_forms`: what its catalog's Plural-Forms
        declares, as the gate takes it), each at the severity the gate's policy gives it."""
        rejected = self.rejection(item, targets, plural_forms)
        if self._checks is None:
            return rejected
        unit = self._unit(item, targets, nplurals)
        found = self._checks.check_unit(unit, self._settings)
        return rejected + self._judged(item, found, targets)

    def catalog_problems(
        self, item: QueueItem, targets: tuple[str, ...], others: Sequence[QueueItem]
    ) -> list[Problem]:
        """What the catalog checks (`inconsistent`) find in one translation, compared with
        the other units of the same English (`WorkQueue.same_english`), as `l10n check` does."""
        if self._checks is None or not others:
            return []
        units = [self._unit(item, targets), *(self._unit(other, other.targets) for other in others)]
        found = self._checks.run_catalog_checks(units, self._settings).get(0, [])
        return self._judged(item, found, targets)

    def catalog_failing(self, items: Sequence[QueueItem]) -> set[int]:
        """Indices of the items the catalog checks find fault with (per kind, as the gate)."""
        if self._checks is None:
            return set()
        by_kind: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            if any(item.targets) and self.checks_severity(item) is not None:
                by_kind.setdefault(item.kind, []).append(index)
        failing: set[int] = set()
        for indices in by_kind.values():
            units = [self._unit(items[index], items[index].targets) for index in indices]
            found = self._checks.run_catalog_checks(units, self._settings)
            failing.update(indices[position] for position in found)
        return failing

    def checks_severity(self, item: QueueItem) -> str | None:
        """What the gate's `checks` policy makes of the item's quality check findings:
        'error' (each at its own severity), 'warning' (each a warning), None (ignored, or
        the unit exempt)."""
        return self.policies.unit_severity(
            CHECKS, self.language, item.kind, item.domain, item.identity
        )

    def _judged(
        self, item: QueueItem, found: Iterable[Finding], targets: tuple[str, ...]
    ) -> list[Problem]:
        """Quality check findings at the severity the gate gives them (`check_severity`)."""
        level = self.checks_severity(item)
        if level is None:
            return []
        return [
            _problem(finding, targets, check_severity(level, finding.severity)) for finding in found
        ]

    def rejection(
        self, item: QueueItem, targets: tuple[str, ...], plural_forms: str | None
    ) -> list[Problem]:
        """The gate's `format` finding on these texts of the item, if any: what msgfmt --check
        rejects (`entry_problem`, which status and check ask of every translated entry), at
        the severity the policy of the item's kind and language gives it (none: ignored)."""
        severity = self.policies.unit_severity(
            FORMAT, self.language, item.kind, item.domain, item.identity
        )
        if severity is None:
            return []
        reason = entry_problem(item.source, item.plural, targets, item.flags, plural_forms)
        if reason is None:
            return []
        return [Problem(FORMAT, severity, rejection_message(reason))]

    def _unit(self, item: QueueItem, targets: tuple[str, ...], nplurals: int = 2) -> CheckUnit:
        """The unit the gate would check (`l10n.checks.entry_unit`, the one conversion)."""
        assert self._checks is not None
        unit: CheckUnit = self._checks.entry_unit(
            item.context,
            item.source,
            item.plural,
            targets,
            self.language,
            item.kind,
            item.flags,
            nplurals,
            item.domain in self._adopted,
        )
        return unit


def _problem(found: Finding, targets: tuple[str, ...], severity: str) -> Problem:
    return Problem(
        found.check_id,
        severity,
        found.message,
        _form(targets, found.plural_index),
        found.start,
        found.end,
    )


def _form(targets: tuple[str, ...], index: int) -> str:
    """The translation (plural form) a finding's span points into."""
    return targets[index] if 0 <= index < len(targets) else ""
