"""Translation memory: the language's translated units, searched with rapidfuzz."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from l10n.diff import DiffPart, word_diff


@dataclass(frozen=True)
class MemoryEntry:
    """One translated unit: its English and its translation."""

    source: str
    target: str


@dataclass(frozen=True)
class Suggestion:
    """A translation of similar English, with how similar it is and what differs."""

    source: str
    target: str
    score: float
    diff: list[DiffPart]

    @property
    def percent(self) -> int:
        return round(self.score)


class TranslationMemory:
    """Every distinct (English, translation) pair of one language."""

    def __init__(self, entries: Iterable[MemoryEntry]) -> None:
        unique = dict.fromkeys(entry for entry in entries if entry.source and entry.target)
        self.entries: list[MemoryEntry] = list(unique)
        self._sources = [utils.default_process(entry.source) for entry in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(
        self, source: str, limit: int = 5, cutoff: float = 70.0, exclude: MemoryEntry | None = None
    ) -> list[Suggestion]:
        """The closest translated units to `source`, best first (at least `cutoff` percent)."""
        query = utils.default_process(source)
        matches = process.extract(
            query,
            self._sources,
            scorer=fuzz.ratio,
            processor=None,
            limit=limit + 1,
            score_cutoff=cutoff,
        )
        found = [self.entries[index] for _, _, index in matches]
        scores = [score for _, score, _ in matches]
        suggestions = [
            Suggestion(entry.source, entry.target, float(score), word_diff(entry.source, source))
            for entry, score in zip(found, scores, strict=True)
            if entry != exclude
        ]
        return suggestions[:limit]
