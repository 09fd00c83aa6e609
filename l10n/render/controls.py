"""Control characters from data, made visible in every output the commands write.

Catalog text is data: an ESC pasted into a translation must not clear a terminal or set
its title when `l10n check` prints it, nor make JUnit XML ill-formed (XML 1.0 forbids most
C0 characters), nor reorder a line with a bidirectional override. Each such character
becomes a `\\uXXXX` escape, which reads the same in text, Markdown, HTML and XML, and is a
valid escape inside the strings of JSON (whose encoder already escapes C0 that way).
Line feeds and tabs are kept: outputs are made of lines.
"""

from __future__ import annotations

import re

C0_CONTROLS = "\x00-\x08\x0b-\x1f\x7f"
"""C0 controls but tab and line feed, and DEL (a regex class's body): the TUI shows these
as control pictures instead."""
LAYOUT_CONTROLS = (
    "\x80-\x9f"  # C1 (U+009B is a CSI to terminals that read C1, U+0085 a line break)
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
)
"""The other characters that act on a terminal or on a line's layout (a regex class's
body): escaped in every output, the TUI's included."""
_CONTROL = re.compile(f"[{C0_CONTROLS}{LAYOUT_CONTROLS}]")


def as_escape(found: re.Match[str]) -> str:
    """The `\\uXXXX` escape of the character `found` matched (a `re.sub` replacement)."""
    return f"\\u{ord(found.group()):04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character but tab and line feed as a `\\uXXXX` escape."""
    if _CONTROL.search(text) is None:  # the common case, decided by one scan in C
        return text
    return _CONTROL.sub(as_escape, text)
