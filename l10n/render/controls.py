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

_CONTROLS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and line feed, DEL, C1
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
)
_CONTROL = re.compile(f"[{_CONTROLS}]")


def escape_controls(text: str) -> str:
    """`text` with every control character but tab and line feed as a `\\uXXXX` escape."""
    if _CONTROL.search(text) is None:  # the common case, decided by one scan in C
        return text
    return _CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
