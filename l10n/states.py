"""The state of a catalog entry (whether its text is a copy: `l10n.checks.copy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10n.model import SAME_AS_SOURCE_FLAG, State

if TYPE_CHECKING:
    from collections.abc import Sequence

    import polib  # types only: a warm `status` reads no catalog

__all__ = ["SAME_AS_SOURCE_FLAG", "entry_texts", "state_of", "texts_state"]


def entry_texts(entry: polib.POEntry) -> list[str]:
    """The translation's text, one item per plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def state_of(entry: polib.POEntry) -> State:
    """missing, stale (fuzzy with the old English), needs-review (fuzzy) or translated."""
    return texts_state(entry_texts(entry), entry.flags, entry.previous_msgid)


def texts_state(texts: Sequence[str], flags: Sequence[str], previous_msgid: str | None) -> State:
    """`state_of` an entry with these translations, flags and previous English (for a
    caller that has its texts already)."""
    if not texts or not all(texts):
        return State.MISSING
    if "fuzzy" in flags:
        return State.STALE if previous_msgid is not None else State.NEEDS_REVIEW
    return State.TRANSLATED
