"""An entry of an unwrapped catalog, written character for character as polib writes it.

A catalog that does not wrap its strings (the tool's own) keeps polib's layout. polib's
`POEntry.__unicode__(0)` escapes each string twice and counts eight characters in it for a
wrapping that width 0 never does; this writes the same text in half the time, which is a
tenth of a sync whose template moved every reference (tests/test_po_plain.py compares both
on random and real entries).
"""

from __future__ import annotations

import polib

_escape = polib.escape


def render_plain(entry: polib.POEntry) -> str:
    """`entry.__unicode__(0)`: its comments, flags, previous text, then its strings."""
    obsolete = entry.obsolete
    lines: list[str] = []
    if entry.tcomment:
        lines += ["# " + line for line in entry.tcomment.split("\n")]
    if not obsolete:
        if entry.comment:
            lines += ["#. " + line for line in entry.comment.split("\n")]
        if entry.occurrences:
            names = (f"{name}:{line}" if line else name for name, line in entry.occurrences)
            lines.append("#: " + " ".join(names))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    previous = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += _string("msgctxt", entry.previous_msgctxt, previous)
    if entry.previous_msgid is not None:
        lines += _string("msgid", entry.previous_msgid, previous)
    if entry.previous_msgid_plural is not None:
        lines += _string("msgid_plural", entry.previous_msgid_plural, previous)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += _string("msgctxt", entry.msgctxt, prefix)
    lines += _string("msgid", entry.msgid, prefix)
    if entry.msgid_plural:
        lines += _string("msgid_plural", entry.msgid_plural, prefix)
    if entry.msgstr_plural:
        forms = entry.msgstr_plural
        for index in sorted(forms):
            lines += _string(f"msgstr[{index}]", forms[index], prefix)
    else:
        lines += _string("msgstr", entry.msgstr, prefix)
    lines.append("")
    return "\n".join(lines)


def _string(keyword: str, value: str, prefix: str) -> list[str]:
    """A keyword's string: on its line, or (a text of several lines) one line each after
    an empty one, cut where `str.splitlines` cuts, as polib does."""
    parts = value.splitlines(True)
    if len(parts) <= 1:
        return [f'{prefix}{keyword} "{_escape(value)}"']
    return [f'{prefix}{keyword} ""'] + [f'{prefix}"{_escape(part)}"' for part in parts]
