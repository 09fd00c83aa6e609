"""Quality checks while the translator types, when the core's checks are available."""

from __future__ import annotations

from dataclasses import dataclass

from l10n.config import Config
from l10n.errors import L10nError
from l10n.queue.work import QueueItem


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
        self.error: L10nError | None = None
        try:
            from l10n import checks
        except ImportError:  # the checks are optional: the editor works without them
            self._checks = None
            return
        self._checks = checks
        try:
            self._settings = checks.load_check_settings(config)
        except L10nError as error:  # shown to the translator; the editor goes on without
            self.error = error
            self._checks = None

    @property
    def available(self) -> bool:
        """Whether checks can run at all (the core's checks exist and are configured)."""
        return self._checks is not None

    def problems(self, item: QueueItem, targets: tuple[str, ...], nplurals: int) -> list[Problem]:
        if self._checks is None:
            return []
        unit = self._checks.CheckUnit(
            item.context,
            item.source,
            item.plural,
            targets,
            self.language,
            item.kind,
            frozenset(item.flags),
            nplurals,
        )
        return [
            Problem(
                found.check_id,
                found.severity,
                found.message,
                _form(targets, found.plural_index),
                found.start,
                found.end,
            )
            for found in self._checks.check_unit(unit, self._settings)
        ]


def _form(targets: tuple[str, ...], index: int) -> str:
    """The translation (plural form) a finding's span points into."""
    return targets[index] if 0 <= index < len(targets) else ""
