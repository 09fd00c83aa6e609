"""A minimal, fast reader of well-formed PO files, for scoring benchmark output only.

It reads what `l10n sync` and `msgmerge --no-wrap` write (one entry per blank-line block,
strings possibly continued on following lines). It is not a validator: the tool itself
reads catalogs strictly, with polib (l10n/po/catalog.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgctxt: str | None
    msgid: str
    msgstr: str
    plural: bool
    fuzzy: bool
    obsolete: bool


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            out.append(_ESCAPES.get(body[index + 1], body[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def read_entries(path: Path) -> list[Entry]:
    """The entries of a catalog, header excluded."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = ""
        fuzzy = obsolete = False
        for raw in block.split("\n"):
            line = raw
            if line.startswith("#~ "):
                obsolete = True
                line = line[3:]
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
                continue
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] = fields.get(current, "") + _unquote(line)
                continue
            keyword, _, rest = line.partition(" ")
            current = keyword
            fields[current] = _unquote(rest)
        if "msgid" not in fields or (fields["msgid"] == "" and "msgctxt" not in fields):
            continue
        plural = "msgid_plural" in fields
        msgstr = fields.get("msgstr[0]", "") if plural else fields.get("msgstr", "")
        entries.append(
            Entry(fields.get("msgctxt"), fields["msgid"], msgstr, plural, fuzzy, obsolete)
        )
    return entries
