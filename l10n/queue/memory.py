"""Translation memory: the language's translated units, searched with rapidfuzz."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from rapidfuzz import fuzz, process, utils

from l10n.diff import DiffPart, word_diff

# rapidfuzz compares a query with a list in C without letting other threads run (it keeps
# the GIL), so one search over a whole language would freeze the UI's event loop for as
# long as it takes (up to 0.1 s at 100k units). The memory is searched in slices instead,
# each about this much work: characters compared times 64-character blocks of the query,
# roughly 1 to 2 ms; other threads run between slices.
SLICE_WORK = 1_000_000
SLICE_TEXTS = 4000  # and at most this many texts (each has a small cost of its own)


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


def length_band(length: int, cutoff: float) -> tuple[int, float]:
    """The lengths a text can have to score at least `cutoff` against a text of `length`.

    `fuzz.ratio` is 100 * (1 - indel distance / (a + b)) and the distance is at least
    |a - b|, so no text shorter than c·L/(2 - c) or longer than L·(2 - c)/c (c = cutoff/100)
    can reach the cutoff. The band is widened a little so rounding never leaves one out.
    """
    share = cutoff / 100
    if share <= 0:
        return 0, float("inf")
    if share > 1:
        return length + 1, -1.0  # nothing scores above 100
    shortest = int(share * length / (2 - share) - 1e-6)
    return max(0, shortest), length * (2 - share) / share + 1e-6


class TranslationMemory:
    """Every distinct (English, translation) pair of one language.

    Texts are kept sorted by length: a search compares the query only with texts whose
    length lets them reach the cutoff (a menu label is never compared with paragraphs),
    slice by slice, so other threads (the UI) run between slices.
    """

    def __init__(self, entries: Iterable[MemoryEntry]) -> None:
        unique = dict.fromkeys(entry for entry in entries if entry.source and entry.target)
        self.entries: list[MemoryEntry] = list(unique)
        self._sources = [utils.default_process(entry.source) for entry in self.entries]
        self._by_length = sorted(range(len(self._sources)), key=lambda i: len(self._sources[i]))
        self._lengths = [len(self._sources[index]) for index in self._by_length]
        self._sorted = [self._sources[index] for index in self._by_length]
        self._characters = [0, *accumulate(self._lengths)]  # before each sorted text

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(
        self, source: str, limit: int = 5, cutoff: float = 70.0, exclude: MemoryEntry | None = None
    ) -> list[Suggestion]:
        """The closest translated units to `source`, best first (at least `cutoff` percent).

        Equal scores come in memory order, as one `process.extract` over the whole memory
        would give them.
        """
        query = utils.default_process(source)
        shortest, longest = length_band(len(query), cutoff)
        first = bisect_left(self._lengths, shortest)
        end = bisect_right(self._lengths, longest)
        scored: list[tuple[float, int]] = []
        budget = SLICE_WORK // (len(query) // 64 + 1)
        start = first
        while start < end:
            limit_at = self._characters[start] + budget  # the last text that fits ends here
            fits = bisect_right(self._characters, limit_at, start + 1, end + 1) - 1
            stop = max(start + 1, min(fits, start + SLICE_TEXTS))
            matches = process.extract(
                query,
                self._sorted[start:stop],
                scorer=fuzz.ratio,
                processor=None,
                limit=None,
                score_cutoff=cutoff,
            )
            scored += [(score, self._by_length[start + at]) for _, score, at in matches]
            start = stop
        scored.sort(key=lambda found: (-found[0], found[1]))
        suggestions = [
            Suggestion(entry.source, entry.target, float(score), word_diff(entry.source, source))
            for score, entry in (
                (score, self.entries[index]) for score, index in scored[: limit + 1]
            )
            if entry != exclude
        ]
        return suggestions[:limit]
