"""Coverage numbers, computed once for status, check and report to render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from l10n.catalog import read_catalog
from l10n.config import KINDS, Config
from l10n.model import State, Unit, count_words
from l10n.site import Site, load_site, po_path
from l10n.states import is_copy, state_of

COUNT_KEYS = ("total", "translated", "needs_review", "stale", "missing", "copies", "words_todo")


@dataclass
class Counts:
    """How many units are in each state, and the English words still to translate."""

    total: int = 0
    translated: int = 0
    needs_review: int = 0
    stale: int = 0
    missing: int = 0
    copies: int = 0
    words_todo: int = 0
    words_total: int = 0

    def add(self, other: Counts) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def count(self, state: State, copy: bool, words: int) -> None:
        self.total += 1
        self.words_total += words
        attribute = state.value.replace("-", "_")
        setattr(self, attribute, getattr(self, attribute) + 1)
        self.copies += copy
        if state is not State.TRANSLATED or copy:
            self.words_todo += words

    @property
    def coverage(self) -> float:
        """Share of units translated by a person and not a copy (1.0 for nothing to do)."""
        done = self.translated - self.copies
        return done / self.total if self.total else 1.0

    def as_json(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNT_KEYS}


@dataclass
class LanguageStats:
    """One language's numbers: in all, per kind and per domain (one article a domain)."""

    code: str
    counts: Counts = field(default_factory=Counts)
    kinds: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    domains: dict[str, Counts] = field(default_factory=dict)


@dataclass
class SiteStats:
    """Every language's numbers."""

    source: str
    languages: dict[str, LanguageStats]

    def as_json(self) -> dict[str, object]:
        """The stable JSON contract of `l10n status --format json`."""
        return {"source": self.source, "languages": {
            code: {**stats.counts.as_json(),
                   "kinds": {kind: counts.as_json() for kind, counts in stats.kinds.items()}}
            for code, stats in self.languages.items()}}


def compute_stats(config: Config, languages: tuple[str, ...] | None = None,
                  site: Site | None = None) -> SiteStats:
    """Count every unit of every domain in each language's catalogs."""
    site = site or load_site(config)
    codes = languages or config.languages
    return SiteStats(config.source, {code: _language_stats(config, site, code) for code in codes})


def _language_stats(config: Config, site: Site, language: str) -> LanguageStats:
    stats = LanguageStats(language)
    for domain, units in site.templates.items():
        counts = domain_counts(po_path(config, language, domain), units, config.copy_threshold)
        stats.domains[domain] = counts
        stats.kinds[site.kinds[domain]].add(counts)
        stats.counts.add(counts)
    return stats


def domain_counts(path: Path, units: list[Unit], copy_threshold: float) -> Counts:
    """Counts of one catalog; a catalog not yet written counts every unit as missing."""
    counts = Counts()
    if not path.exists():
        for unit in units:
            counts.count(State.MISSING, False, count_words(unit.source))
        return counts
    for entry in _active(read_catalog(path)):
        counts.count(state_of(entry), is_copy(entry, copy_threshold), count_words(entry.msgid))
    return counts


def _active(catalog: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalog if not entry.obsolete and entry.msgid]
