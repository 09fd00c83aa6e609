"""The few old strings worth scoring against a new one, found without comparing all with all.

Fuzzy carry-over and near-copy proposals score pairs of strings with rapidfuzz. Scoring
every new string against every old one is quadratic: in one catalog of 10k entries it was
55 % of a sync. These indexes name a handful of candidates per string, in time linear in
the number of strings:

- `OldStrings`: a catalog's unmatched old entries by their rare words (a word found in at
  most RARE of them) and by the source files of their `#:` references; a new string's
  candidates are those sharing the most rare words with it, and those used in its files.
- `NearCopies`: a language's translated English by a few windows of words (the first three,
  the last three, the first two with the last two): a variant with one word replaced,
  inserted or removed keeps at least one of them.
- `Scores`: the pairs scored, so that the next language's merge does not score them again.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

# A word or a file shared by more old strings than this names no candidates.
RARE = 24
# How many of the old strings sharing the most rare words are scored.
BEST_BY_WORDS = 8
# A near-copy: at least this many words (a sentence, not a label), and this similar.
NEAR_COPY_WORDS = 5
NEAR_COPY_SCORE = 85.0
_WORD = re.compile(r"\w+")


def words_of(text: str) -> set[str]:
    """The distinct words of a text, lower-cased."""
    return set(_WORD.findall(text.lower()))


def file_of(reference: str) -> str:
    """The source file of a `#:` reference (`path:line` or `path`)."""
    name, _, line = reference.rpartition(":")
    return name if name and line.isdigit() else reference


class OldStrings:
    """Old entries' English, indexed by their rare words and the files they are used in."""

    def __init__(self, texts: Sequence[str], files: Sequence[Iterable[str]]) -> None:
        self._by_word = _rare(
            (word, number) for number, text in enumerate(texts) for word in words_of(text)
        )
        self._by_file = _rare(
            (name, number) for number, names in enumerate(files) for name in set(names)
        )

    def candidates(self, text: str, references: Iterable[str]) -> list[int]:
        """The numbers of the old strings worth scoring against `text`, each once."""
        shared: Counter[int] = Counter()
        for word in words_of(text):
            shared.update(self._by_word.get(word, ()))
        # Ties go to the first in the catalog: the order words come out of a set changes
        # with the interpreter's string hashing, and the candidates must not.
        best = heapq.nsmallest(BEST_BY_WORDS, shared.items(), key=lambda item: (-item[1], item[0]))
        chosen = dict.fromkeys(number for number, _ in best)
        for reference in references:
            chosen.update(dict.fromkeys(self._by_file.get(file_of(reference), ())))
        return list(chosen)


def _rare(pairs: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = {}
    for key, number in pairs:
        postings.setdefault(key, []).append(number)
    return {key: numbers for key, numbers in postings.items() if len(numbers) <= RARE}


class NearCopies:
    """A language's translations, looked up by an English close to theirs (built on first use)."""

    def __init__(self, memory: Mapping[str, str]) -> None:
        self._memory = memory
        self._windows: dict[str, list[str]] | None = None

    def find(self, english: str) -> str | None:
        """The translated English most similar to `english` (a sentence), if close enough."""
        windows = windows_of(english)
        if windows is None or english in self._memory:
            return None
        if self._windows is None:
            self._windows = self._index()
        best: tuple[float, str] | None = None
        seen: set[str] = set()
        for window in windows:
            sources = self._windows.get(window, ())
            for source in sources if len(sources) <= RARE else ():
                if source in seen:
                    continue
                seen.add(source)
                score = fuzz.ratio(english, source, score_cutoff=NEAR_COPY_SCORE)
                if score and (best is None or (score, source) > best):
                    best = (score, source)
        return best[1] if best else None

    def _index(self) -> dict[str, list[str]]:
        windows: dict[str, list[str]] = {}
        for english, translation in self._memory.items():
            found = windows_of(english) if translation != english else None
            for window in found or ():
                windows.setdefault(window, []).append(english)
        return windows


def windows_of(text: str) -> tuple[str, str, str] | None:
    """Three windows of a text's words (None for one of fewer than NEAR_COPY_WORDS words):
    the first three, the last three, the first two with the last two. One edit of a text
    of 5 words or more leaves one intact. Only the first and last words are split off:
    a paragraph is not cut into all its words."""
    first = text.split(None, NEAR_COPY_WORDS)
    if len(first) < NEAR_COPY_WORDS:
        return None
    last = text.rsplit(None, 3)[-3:]
    return (
        "<" + " ".join(first[:3]),
        ">" + " ".join(last),
        "=" + " ".join(first[:2] + last[-2:]),
    )


class Scores:
    """rapidfuzz's ratio of pairs of strings, each pair scored once however often asked.

    Every language's merge scores the same new English against the same old English (the
    catalogs were merged from one template): one sync hands one of these to them all.
    """

    def __init__(self) -> None:
        self._known: dict[tuple[str, str, float], float] = {}

    def ratio(self, new: str, old: str, cutoff: float) -> float:
        """`fuzz.ratio(new, old, score_cutoff=cutoff)`: 0 below the cutoff."""
        key = (new, old, cutoff)
        score = self._known.get(key)
        if score is None:
            score = self._known[key] = fuzz.ratio(new, old, score_cutoff=cutoff)
        return score
