"""Rendering entries and headers as GNU gettext writes them (`write-po.c`'s message_print).

Comments first (translator's `# `, extracted `#. `, references `#: ` filled to 79 columns,
flags `#, `, previous `#| `), then the keywords, each string wrapped by `l10n.po.wrap`.
An obsolete entry's keywords start with `#~ ` (its previous ones with `#~| `).
"""

from __future__ import annotations

import polib

from l10n.po.lines import comment_lines
from l10n.po.wrap import PAGE_WIDTH, string_lines


def render_entry(entry: polib.POEntry, width: int) -> str:
    """One entry as GNU gettext writes it (no blank line around it)."""
    lines = _comments(entry.tcomment, "#")
    lines += _comments(entry.comment, "#.")
    lines += _references(entry.occurrences)
    if entry.flags:
        lines.append("#, " + ", ".join(gnu_flag_order(entry.flags)))
    obsolete = bool(entry.obsolete)
    previous = "#~| " if obsolete else "#| "
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += string_lines(keyword, value, previous, width, entry.flags)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += string_lines("msgctxt", entry.msgctxt, prefix, width, entry.flags)
    lines += string_lines("msgid", entry.msgid, prefix, width, entry.flags)
    if entry.msgid_plural:
        lines += string_lines("msgid_plural", entry.msgid_plural, prefix, width, entry.flags)
        for index, text in sorted(entry.msgstr_plural.items()):
            lines += string_lines(f"msgstr[{index}]", text, prefix, width, entry.flags)
    else:
        lines += string_lines("msgstr", entry.msgstr, prefix, width, entry.flags)
    return "".join(line + "\n" for line in lines)


# The format flags in the order GNU gettext 0.21 writes them (format_language[] in format.c).
_FORMATS = [
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
]
_FLAG_RANK = {
    **{f"{name}-format": rank for rank, name in enumerate(_FORMATS, start=1)},
    **{f"no-{name}-format": rank for rank, name in enumerate(_FORMATS, start=1)},
    "fuzzy": 0,
}


def gnu_flag_order(flags: list[str]) -> list[str]:
    """Flags as GNU gettext orders them: fuzzy, the format flags, then the rest as they were."""
    last = len(_FORMATS) + 1
    return sorted(flags, key=lambda flag: _FLAG_RANK.get(flag, last))


def render_header(comment: str, metadata: dict[str, str], fuzzy: bool, width: int) -> str:
    """The header comment and entry as GNU gettext writes them (`msgid ""`, fields cut at \\n)."""
    lines = _comments(comment, "#") if comment else []
    if fuzzy:
        lines.append("#, fuzzy")
    lines.append('msgid ""')
    fields = "".join(f"{name}: {value}\n" for name, value in metadata.items())
    lines += string_lines("msgstr", fields, "", width)
    return "".join(line + "\n" for line in lines)


def _comments(text: str, marker: str) -> list[str]:
    """`# text` lines (a bare `#` for an empty line), or `#. text` lines."""
    return [f"{marker} {line}" if line else marker for line in comment_lines(text)]


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    """`#:` lines filled up to the page width, as GNU gettext fills them."""
    if not occurrences:
        return []
    lines: list[str] = []
    line = "#:"
    for name, number in occurrences:
        reference = f"{name}:{number}" if number else name
        if len(line) > 2 and len(line) + len(reference) + 1 > PAGE_WIDTH:
            lines.append(line)
            line = "#:"
        line += " " + reference
    return [*lines, line]
