"""The TUI and every command's output make the same characters visible, from one home.

`l10n.render.controls` escapes C0 (but tab and line feed), DEL, C1, U+2028/U+2029 and the
bidirectional controls; the TUI (`tui.text`) shows C0 and DEL as control pictures instead,
and everything else the same way. Checked on every character of the Basic Multilingual
Plane (all those ranges lie in it) and the first of the planes above it.
"""

from __future__ import annotations

import pytest

from l10n.render.controls import escape_controls
from tui.text import from_editable, to_editable, visible

_CHARACTERS = [chr(code) for code in range(0x11000) if not 0xD800 <= code <= 0xDFFF]
_PICTURED = {chr(code) for code in [*range(0x09), *range(0x0B, 0x20), 0x7F]}


def test_the_tui_escapes_what_every_output_escapes_but_c0_and_del() -> None:
    """Beyond C0 and DEL, the TUI shows a character exactly as every output does."""
    differing = [
        f"U+{ord(char):04X}"
        for char in _CHARACTERS
        if char not in _PICTURED and visible(char) != escape_controls(char)
    ]
    assert differing == []


def test_c0_and_del_are_pictures_in_the_tui_and_escapes_elsewhere() -> None:
    """The part that differs on purpose: a picture in the TUI, an escape in the outputs."""
    for char in _PICTURED:
        assert escape_controls(char) == f"\\u{ord(char):04x}"
        assert len(visible(char)) == 1 and 0x2400 <= ord(visible(char)) <= 0x2421


def test_the_escaped_set_is_the_one_documented() -> None:
    """The characters escaped are exactly C0 but tab and line feed, DEL, C1, U+2028/U+2029,
    the embeddings and overrides U+202A..U+202E and the isolates U+2066..U+2069."""
    documented = {
        *_PICTURED,
        *map(chr, range(0x80, 0xA0)),
        "\u2028",
        "\u2029",
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
    }
    assert {char for char in _CHARACTERS if escape_controls(char) != char} == documented


@pytest.mark.parametrize("char", ["\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u202e", "\u2069"])
def test_an_edited_text_gets_its_control_characters_back(char: str) -> None:
    """What the text area shows comes back as the original characters, and an escape the
    translator typed that the TUI never writes stays as typed."""
    original = f"a{char}b \\u0041"
    assert from_editable(to_editable(original), original) == original
