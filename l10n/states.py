"""The state of a catalog entry (whether its text is a copy: `l10n.checks.copy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10n.model import SAME_AS_SOURCE_FLAG, State

if TYPE_CHECKING:
    import polib  # types only: a warm `status` reads no catalog

__all__ = ["SAME_AS_SOURCE_FLAG", "entry_texts", "state_of"]


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
