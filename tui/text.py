"""Catalog text is data, never markup: control characters become visible symbols.

C0 controls (ESC of ANSI codes, BEL, `\\v` …) and DEL are shown as Unicode control pictures
(`␛`). The other characters that act on a terminal or on the text's layout are shown as the
`\\uXXXX` escape every command's output gives them (`l10n.render.controls`): C1 controls
(U+009B is a CSI to terminals that read C1), the line breaks only to Python (U+0085,
U+2028, U+2029: a text area would split the line there and save a newline instead) and
the bidirectional embeddings, overrides and isolates.
"""

from __future__ import annotations

import re

from rich.text import Text

from l10n.render.controls import C0_CONTROLS, LAYOUT_CONTROLS, as_escape

_CONTROL = re.compile(f"[{C0_CONTROLS}]")
_ESCAPED = re.compile(f"[{LAYOUT_CONTROLS}]")
_ESCAPE = re.compile(r"\\u([0-9a-f]{4})")


def visible(text: str) -> str:
    """The text with control characters (ESC of ANSI codes, ...) as Unicode control pictures,
    and C1 controls, Python-only line breaks and bidirectional controls as `\\uXXXX`."""
    text = _CONTROL.sub(
        lambda found: chr(
            0x2400 + ord(found.group()) % 0x80 if found.group() != "\x7f" else 0x2421
        ),
        text,
    )
    return _ESCAPED.sub(as_escape, text)


def one_line(text: str) -> str:
    """A visible preview on one line: newlines and tabs shown as spaces."""
    return visible(text).replace("\n", " ⏎ ").replace("\t", " ")


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows `text` exactly, never parsed as markup."""
    return Text(visible(text), style=style)


_PICTURE = re.compile("[\u2400-\u241f\u2421]")


def to_editable(text: str) -> str:
    """Text for a text area: control characters shown as pictures or escapes (the terminal
    never sees them, and the text area never splits a line at one)."""
    return visible(text)


def from_editable(text: str, original: str) -> str:
    """The typed text back: pictures and escapes become the characters again if the original
    had any."""
    if _CONTROL.search(original):
        text = _PICTURE.sub(
            lambda found: chr(ord(found.group()) - 0x2400) if found.group() != "\u2421" else "\x7f",
            text,
        )
    if _ESCAPED.search(original):
        text = _ESCAPE.sub(_unescape, text)
    return text


def _unescape(found: re.Match[str]) -> str:
    """The character of a `\\uXXXX` escape `visible` writes; any other escape as typed."""
    char = chr(int(found.group(1), 16))
    return char if _ESCAPED.fullmatch(char) else found.group()
