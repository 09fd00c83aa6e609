"""The data model: units (what to translate) and the state of a translation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# The gettext flag saying "same as English is correct": such a text is never a copy.
SAME_AS_SOURCE_FLAG = "ignore-copy-of-source"


class State(StrEnum):
    """The state of one translation of one unit in one language."""

    MISSING = "missing"
    STALE = "stale"
    NEEDS_REVIEW = "needs-review"
    TRANSLATED = "translated"


class NamedByKey:
    """A gettext entry's names, derived from its `context` (msgctxt) and `source` (msgid)."""

    __slots__ = ()  # subclasses may be slotted dataclasses (EntryRecord: many in memory)
    context: str | None
    source: str

    @property
    def key(self) -> tuple[str | None, str]:
        """The gettext key: (msgctxt, msgid)."""
        return (self.context, self.source)

    @property
    def identity(self) -> str:
        """What names it to a person: its context (for article bodies, the slug)."""
        return self.context if self.context is not None else self.source


@dataclass
class Unit(NamedByKey):
    """One translatable string of the site, in English, with where it comes from."""

    domain: str
    context: str | None
    source: str
    kind: str
    references: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plural: str | None = None
    flags: list[str] = field(default_factory=list)
    identity_is_context: bool = True


_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def count_words(text: str) -> int:
    """Count the words a translator has to translate (Markdown link targets excluded)."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", text)))
