"""The one rule for "a copy of the English": plain strings in, a verdict out.

Status, the queue's badge, the gate's `copy` finding and the copy-of-source check (the
editor's live checks) all ask this rule. A text is a copy when it is at least `threshold`
similar to its English (rapidfuzz ratio, case and punctuation ignored), unless the English
has no letters left once the words that are the same in every language are taken out
(built-in names, `checks.same_words`, the glossary's do-not-translate terms, URLs, e-mail
addresses, tags, placeholders) or only placeholders and abbreviations (`%s PB`), and
unless the entry carries `ignore-copy-of-source` ("same as English is correct").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from l10n.glossary import term_pattern
from l10n.model import SAME_AS_SOURCE_FLAG

DEFAULT_COPY_THRESHOLD = 95.0
CUTOFF_MARGIN = 1e-6
# Beside placeholders, words this short are units and abbreviations (`%s PB`), not prose.
MAX_ABBREVIATION = 3
ABBREVIATION_OR_WORD = re.compile(r"[^\W\d_]+")
_WORD_RUN = re.compile(r"\w+")
# Texts that are the same in English and in every site language; the site adds its own.
BUILTIN_SAME_WORDS = (
    "OK",
    "PDF",
    "URL",
    "Erasmus+",
    "Instagram",
    "Facebook",
    "LinkedIn",
    "YouTube",
    "X",
    "TikTok",
    "Twitter",
    "Mastodon",
    "Bluesky",
    "WhatsApp",
    "Flickr",
    "Spotify",
)


@cache
def _rapidfuzz() -> tuple[Callable[..., float], Callable[[str], str]]:
    """rapidfuzz's ratio and processor, imported on first use (not for a warm `status`),
    once: an import statement in `score` was a tenth of its time."""
    from rapidfuzz import fuzz, utils

    return fuzz.ratio, utils.default_process


@dataclass(frozen=True)
class CopyRule:
    """Whether a translation is (nearly) its English, with the exemptions of the site."""

    threshold: float = DEFAULT_COPY_THRESHOLD
    # Besides the built-in ones: the site's same words and do-not-translate terms.
    same_words: tuple[str, ...] = ()
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = sorted({*BUILTIN_SAME_WORDS, *self.same_words}, key=lambda w: (-len(w), w))
        object.__setattr__(self, "words", tuple(words))

    @property
    def key(self) -> str:
        """What the verdicts depend on, for the keys of caches."""
        return repr((self.threshold, self.words))

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(term_pattern(word, False) for word in self.words)

    @cached_property
    def _runs(self) -> re.Pattern[str]:
        """Any run of word characters of a same word: the only runs that can be taken out.

        A same word's pattern (`term_pattern`) matches whole runs of word characters (no
        word character may touch either end), each equal, case ignored, to a run of the
        word; and taking a match out leaves the other runs as they were.
        """
        runs = {run for word in self.words for run in _WORD_RUN.findall(word)}
        alternatives = sorted(runs, key=lambda run: (-len(run), run))
        return re.compile("|".join(map(re.escape, alternatives)) or "(?!)", re.IGNORECASE)

    @staticmethod
    def score(source: str, text: str, cutoff: float = 0.0) -> float:
        """Similarity (0-100) of a translation to its English, ignoring case and punctuation
        (0 when below `cutoff`: rapidfuzz then skips most of the comparison)."""
        ratio, processor = _rapidfuzz()
        return float(ratio(source, text, processor=processor, score_cutoff=cutoff))

    def is_copy(self, source: str, text: str, flags: Iterable[str] = ()) -> bool:
        """The text is (nearly) the English, and nothing says that is correct."""
        return self.copy_score(source, text, flags) is not None

    def copy_score(self, source: str, text: str, flags: Iterable[str] = ()) -> float | None:
        """The similarity when the text is a copy, else None."""
        if not text or SAME_AS_SOURCE_FLAG in flags:
            return None
        score = self.score(source, text, self.threshold - CUTOFF_MARGIN)
        return score if self._copy_at(source, score) else None

    def any_copy(
        self, source: str, source_plural: str | None, texts: Iterable[str], flags: Iterable[str]
    ) -> bool:
        """Whether any form of a unit is a copy of its English (form 1 on: the plural): each
        as `is_copy` answers, rapidfuzz called here (status asks this of every translated
        entry, and the calls between were a third of it)."""
        if SAME_AS_SOURCE_FLAG in tuple(flags):
            return False
        ratio, processor = _rapidfuzz()
        # With a cutoff a hair under the threshold (the verdict is as before), most texts
        # are told apart without the whole comparison: a tenth of a cold status.
        cutoff = self.threshold - CUTOFF_MARGIN
        for index, text in enumerate(texts):
            english = source_plural if index and source_plural else source
            if text and self._copy_at(
                english, ratio(english, text, processor=processor, score_cutoff=cutoff)
            ):
                return True
        return False

    def _copy_at(self, source: str, score: float) -> bool:
        """Whether a text this similar to `source` is a copy of it."""
        return score >= self.threshold and not self.only_same_words(source)

    def only_same_words(self, text: str) -> bool:
        """True when `text` has no letters left once same-in-every-language words go, or
        only abbreviations beside placeholders (`%s PB`, `{n} px`: units, not prose)."""
        from l10n.checks import patterns  # compiled on first use: not for a warm `status`

        placeholders = patterns.placeholders(text, frozenset())
        spans = patterns.urls(text) + patterns.emails(text) + patterns.html_tags(text)
        for _, start, end in sorted(spans + placeholders, key=lambda s: -s[1]):
            text = text[:start] + " " + text[end:]
        if self._has_prose(text):
            return False  # a tenth of a cold status went into the patterns below
        for pattern in self._patterns:
            text = pattern.sub(" ", text)
        words = ABBREVIATION_OR_WORD.findall(text)
        if placeholders and all(len(word) <= MAX_ABBREVIATION for word in words):
            return True
        return not any(char.isalpha() for char in text)

    def _has_prose(self, text: str) -> bool:
        """Whether `text` has a word longer than an abbreviation that no same word can
        take out: then letters are left however many same words go, and not only
        abbreviations (`only_same_words` is False without trying each word's pattern)."""
        for found in _WORD_RUN.finditer(text):
            run = found.group()
            if self._runs.fullmatch(run) is None and any(
                len(word) > MAX_ABBREVIATION for word in ABBREVIATION_OR_WORD.findall(run)
            ):
                return True
        return False
