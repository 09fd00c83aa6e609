"""Runs the enabled checks over units, applying settings and `ignore-<id>` flags once."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from l10n.checks.base import CatalogCheck, Check, CheckContext, CheckUnit, Finding, remember
from l10n.checks.registry import CHECKS
from l10n.checks.settings import CheckSettings
from l10n.checks.signs import text_signs

C = TypeVar("C", bound=Check)


def run_checks(
    units: Sequence[CheckUnit],
    settings: CheckSettings | None = None,
    checks: Sequence[Check] = CHECKS,
) -> dict[int, list[Finding]]:
    """Findings by index in `units` (only units with findings); catalog checks per language."""
    settings = settings or CheckSettings()
    findings: defaultdict[int, list[Finding]] = defaultdict(list)
    checker = UnitChecker(settings, checks)
    for index, unit in enumerate(units):
        findings[index] += checker(unit)
    for index, catalog_findings in run_catalog_checks(units, settings, checks).items():
        findings[index] += catalog_findings
    return {index: _ordered(found) for index, found in sorted(findings.items()) if found}


def run_catalog_checks(
    units: Sequence[CheckUnit],
    settings: CheckSettings | None = None,
    checks: Sequence[Check] = CHECKS,
) -> dict[int, list[Finding]]:
    """Findings of the catalog checks alone (per language), by index in `units`."""
    settings = settings or CheckSettings()
    findings: defaultdict[int, list[Finding]] = defaultdict(list)
    by_language: defaultdict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        by_language[unit.language].append(index)
    for indices in by_language.values():
        for check in _enabled(checks, settings, CatalogCheck):
            checked = [i for i in indices if check.ignore_flag() not in units[i].flags]
            found = check.check_catalog([units[i] for i in checked], settings.context)
            for position, unit_findings in found.items():
                severity = settings.severity_of(check.id, check.severity)
                findings[checked[position]] += _at_severity(unit_findings, severity)
    return dict(findings)


def check_unit(
    unit: CheckUnit, settings: CheckSettings | None = None, checks: Sequence[Check] = CHECKS
) -> list[Finding]:
    """Findings of the unit-level checks for one unit (e.g. live, while a translator types)."""
    return UnitChecker(settings or CheckSettings(), checks)(unit)


class UnitChecker:
    """The unit-level checks of `checks` that `settings` enable, planned once for many units.

    A unit's signs (`l10n.checks.signs`) are found once; a check none of whose signs the
    unit holds is not asked.
    """

    def __init__(self, settings: CheckSettings, checks: Sequence[Check] = CHECKS) -> None:
        self.context = settings.context
        self.plan = [
            (check, check.ignore_flag(), settings.severity_of(check.id, check.severity), signs)
            for check in _enabled(checks, settings, Check)
            if not isinstance(check, CatalogCheck)
            for signs in (check.signs(),)
        ]
        self._english: dict[str, frozenset[str]] = {}  # the signs of English texts seen
        # The plan for a unit with these signs: the checks one of whose signs it holds, each
        # as its ignore flag, severity and what to call (`_asking`).
        self._asked: dict[frozenset[str], list[tuple[str, str, _Ask, _Check | None]]] = {}
        self._signs_met: dict[frozenset[str], frozenset[str]] = {}  # each set met, once

    def forget(self) -> None:
        """Let the checks drop what they remember of the English seen so far (units of
        another domain are coming: their English is new)."""
        for check, _, _, _ in self.plan:
            check.forget()
        self._english.clear()

    def __call__(self, unit: CheckUnit) -> list[Finding]:
        if not unit.has_target:
            return []
        signs = self.signs(unit)
        asked = self._asked.get(signs)
        if asked is None:
            asked = self._asked[signs] = [
                (ignore_flag, severity, *_asking(check))
                for check, ignore_flag, severity, needed in self.plan
                if needed is None or not needed.isdisjoint(signs)
            ]
        findings: list[Finding] = []
        flags, context = unit.flags, self.context
        for ignore_flag, severity, check_signed, check in asked:
            if ignore_flag not in flags:
                found = check(unit, context) if check else check_signed(unit, context, signs)
                if found:
                    findings += _at_severity(found, severity)
        return _ordered(findings) if len(findings) > 1 else findings

    def signs(self, unit: CheckUnit) -> frozenset[str]:
        """The signs of the unit's texts: its English's remembered (every language has it)."""
        signs = self._english_signs(unit.source)
        if unit.source_plural is not None:
            signs |= self._english_signs(unit.source_plural)
        for text in unit.targets:
            if text:
                signs |= text_signs(text)
        return signs

    def _english_signs(self, text: str) -> frozenset[str]:
        found = self._english.get(text)
        if found is None:
            signs = text_signs(text)  # one set kept for all texts with these signs
            found = remember(self._english, text, self._signs_met.setdefault(signs, signs))
        return found


_Ask = Callable[[CheckUnit, CheckContext, frozenset[str]], list[Finding]]
_Check = Callable[[CheckUnit, CheckContext], list[Finding]]


def _asking(check: Check) -> tuple[_Ask, _Check | None]:
    """How the runner asks `check`: its `check_signed`, and its `check` where that is all
    `check_signed` calls (then called at once: a call less for each unit)."""
    if type(check).check_signed is Check.check_signed:
        return check.check_signed, check.check
    return check.check_signed, None


def _enabled(checks: Sequence[Check], settings: CheckSettings, kind: type[C]) -> list[C]:
    return [c for c in checks if isinstance(c, kind) and settings.enabled(c.id)]


def _at_severity(found: list[Finding], severity: str) -> list[Finding]:
    return [
        f if f.severity == severity else dataclasses.replace(f, severity=severity) for f in found
    ]


def _ordered(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (f.plural_index, f.start if f.start is not None else -1))
