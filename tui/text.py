"""Catalog text is data, never markup: control characters become visible symbols."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def visible(text: str) -> str:
    """The text with control characters (ESC of ANSI codes, ...) as Unicode control pictures."""
    return _CONTROL.sub(
        lambda found: chr(
            0x2400 + ord(found.group()) % 0x80 if found.group() != "\x7f" else 0x2421
        ),
        text,
    )


def one_line(text: str) -> str:
    """A visible preview on one line: newlines and tabs shown as spaces."""
    return visible(text).replace("\n", " ⏎ ").replace("\t", " ")


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows `text` exactly, never parsed as markup."""
    return Text(visible(text), style=style)


_PICTURE = re.compile("[\u2400-\u241f\u2421]")


def to_editable(text: str) -> str:
    """Text for a text area: control characters shown as pictures (the terminal never sees them)."""
    return visible(text)


def from_editable(text: str, original: str) -> str:
    """The typed text back: pictures become control characters again if the original had any."""
    if not _CONTROL.search(original):
        return text
    return _PICTURE.sub(
        lambda found: chr(ord(found.group()) - 0x2400) if found.group() != "\u2421" else "\x7f",
        text,
    )
