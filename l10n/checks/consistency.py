"""Checks against the source, the glossary and the rest of the catalog."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cached_property

from l10n.checks.base import (
    CatalogCheck,
    Check,
    CheckContext,
    CheckUnit,
    Finding,
    remember,
)
from l10n.glossary import Glossary, Term
from l10n.languages import forms_count_problem

REMEMBERED_GLOSSARIES = 4  # the editor may check with a new glossary after each edit of it


class CopyOfSourceCheck(Check):
    id = "copy-of-source"
    name = "Same as English"
    description = (
        "The translation is (nearly) the English text; names, site-listed words, "
        "do-not-translate terms, numbers and URLs are allowed."
    )
    severity = "warning"

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        findings = []
        for index, source, target in unit.forms():
            score = context.copy_rule.copy_score(source, target)
            if score is not None:
                message = f"Same as the English ({score:.0f}% similar)"
                findings.append(self.finding(message, 0, len(target), index))
        return findings


class GlossaryCheck(Check):
    id = "glossary"
    name = "Glossary"
    description = (
        "Glossary terms use the approved translation; do-not-translate terms appear unchanged."
    )
    severity = "warning"

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        if not context.glossary.terms:
            return []
        findings: list[Finding] = []
        for index, source, target in unit.forms():
            for term in self.terms_in(source, context.glossary):
                wanted = term.forms if term.dnt else term.translations_for(unit.language)
                if wanted and not term.appears_in(target, wanted):
                    findings.append(
                        self.finding(glossary_message(term, wanted), plural_index=index)
                    )
        return findings

    def terms_in(self, source: str, glossary: Glossary) -> tuple[Term, ...]:
        """The glossary's terms in an English text, each once, remembered: every language
        checks the same English (a search per form of every term: 0.7 ms for 1 KB)."""
        kept = self._remembered.get(id(glossary))
        if kept is None:  # kept with the glossary itself, so that its id stays its own
            if len(self._remembered) >= REMEMBERED_GLOSSARIES:
                self._remembered.clear()
            kept = self._remembered[id(glossary)] = (glossary, {})
        found = kept[1].get(source)
        if found is None:
            matches = glossary.find(source)
            found = remember(
                kept[1], source, tuple({m.term.term: m.term for m in matches}.values())
            )
        return found

    def forget(self) -> None:
        """Drop the English texts remembered so far."""
        self._remembered.clear()

    @cached_property
    def _remembered(self) -> dict[int, tuple[Glossary, dict[str, tuple[Term, ...]]]]:
        return {}


def glossary_message(term: Term, wanted: tuple[str, ...]) -> str:
    """'Keep X unchanged' or 'Translate X as Y', naming how many other forms are accepted."""
    if term.dnt:
        return f"Keep {term.term!r} unchanged (do not translate)"
    others = f" (or one of {len(wanted) - 1} other accepted forms)" if len(wanted) > 1 else ""
    return f"Translate {term.term!r} as {wanted[0]!r}{others}"


class InconsistentCheck(CatalogCheck):
    id = "inconsistent"
    name = "Inconsistent"
    description = (
        "One English text is translated the same way everywhere in a language (in adopted "
        'catalogs, within one msgctxt: Saturday\'s "S" and Sunday\'s "S" may differ).'
    )
    severity = "warning"

    def check_catalog(
        self, units: Sequence[CheckUnit], context: CheckContext
    ) -> dict[int, list[Finding]]:
        groups: defaultdict[tuple[str | None, str, str | None], list[int]] = defaultdict(list)
        for position, unit in enumerate(units):
            if unit.has_target and "fuzzy" not in unit.flags:
                groups[(unit.meaning, unit.source, unit.source_plural)].append(position)
        findings: dict[int, list[Finding]] = {}
        for positions in groups.values():
            variants = Counter(units[p].targets for p in positions)
            usual = variants.most_common(1)[0][0]
            for position in positions if len(variants) > 1 else ():
                findings[position] = [self.disagreement(units, positions, position, usual)]
        return findings

    def disagreement(
        self,
        units: Sequence[CheckUnit],
        positions: list[int],
        position: int,
        usual: tuple[str, ...],
    ) -> Finding:
        """A finding naming another translation of the same English and where it is."""
        other = next(p for p in positions if units[p].targets != units[position].targets)
        where = f" ({units[other].context})" if units[other].context else ""
        message = f"Also translated as {units[other].targets[0]!r}{where}"
        suggestion = usual[0] if usual != units[position].targets else None
        return self.finding(message, suggestion=suggestion)


class PluralsCheck(Check):
    id = "plurals"
    name = "Plural forms"
    description = "A plural entry has every plural form of the language, none empty."

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        if not unit.is_plural:
            return []
        findings = [
            self.finding(f"Plural form {i} is empty", plural_index=i)
            for i, target in enumerate(unit.targets)
            if not target
        ]
        if len(unit.targets) != unit.nplurals:
            count = forms_count_problem(len(unit.targets), unit.language, unit.nplurals)
            findings.insert(0, self.finding(count))
        return findings
