"""The state of a catalog entry, and whether its text is a copy of the English."""

from __future__ import annotations

import polib
from rapidfuzz import fuzz, utils

from l10n.model import State

SAME_AS_SOURCE_FLAG = "ignore-copy-of-source"


def entry_texts(entry: polib.POEntry) -> list[str]:
    """The translation's text, one item per plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def state_of(entry: polib.POEntry) -> State:
    """missing, stale (fuzzy with the old English), needs-review (fuzzy) or translated."""
    texts = entry_texts(entry)
    if not texts or not all(texts):
        return State.MISSING
    if "fuzzy" in entry.flags:
        return State.STALE if entry.previous_msgid is not None else State.NEEDS_REVIEW
    return State.TRANSLATED


def copy_score(source: str, text: str) -> float:
    """Similarity (0-100) of a translation to its English, ignoring case and punctuation."""
    return float(fuzz.ratio(source, text, processor=utils.default_process))


def is_copy(entry: polib.POEntry, threshold: float) -> bool:
    """The text is (nearly) the English and nobody marked that as correct."""
    if SAME_AS_SOURCE_FLAG in entry.flags or not entry.msgstr or entry.msgid_plural:
        return False
    return copy_score(entry.msgid, entry.msgstr) >= threshold
