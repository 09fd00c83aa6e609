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
_ASCII = bytes(range(128))
# A text's UTF-8 bytes as word characters (a), the joiners ' and - (-) and the rest ( ):
# every byte of a character beyond ASCII is a letter, when they all are (`_fast_words`).
_WORD_BYTES = bytes(
    ord("a") if byte >= 0x80 or chr(byte).isalnum() else ord("-") if chr(byte) in "'-" else 32
    for byte in range(256)
)


def count_words(text: str) -> int:
    """Count the words a translator has to translate (Markdown link targets excluded)."""
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    words = _fast_words(text)
    return len(_WORD.findall(text)) if words is None else words


def _fast_words(text: str) -> int | None:
    """`_WORD`'s matches in `text`, counted in its bytes (a third of the pattern's time on
    1 KB texts), or None when a character beyond ASCII is neither a letter nor a digit
    nor `’`.

    A match is a run of letters and digits, and each run joined to it by one `'`, `’` or
    `-`: so a word starts at each letter or digit after a blank (` a`), or after a joiner
    that does not follow a letter or digit (` -a`, `--a`; two blanks before the text).
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no letter
        return None
    if not text.isascii():
        beyond = data.translate(None, _ASCII).decode("utf-8")  # its characters beyond ASCII
        if "’" in beyond:
            beyond, data = beyond.replace("’", ""), data.replace("’".encode(), b"'")
        if beyond and not beyond.isalnum():
            return None
    marks = b"  " + data.translate(_WORD_BYTES)
    return marks.count(b" a") + marks.count(b" -a") + marks.count(b"--a")
