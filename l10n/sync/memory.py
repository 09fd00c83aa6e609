"""A language's translation memory, found in its catalogs' bytes before any of them is merged.

Sync fills a new unit from the language's translation memory: English -> a person's
translation, from every translated entry (neither fuzzy nor obsolete) of the language's
catalogs, the first catalog's where two have one. The memory must be whole before the
first merge; parsing every catalog of the language for it and holding them all until each
was merged made a site of thousands of small catalogs hold a whole language's parsed
catalogs at once (half of its sync's peak memory).

`LanguageCatalogs` reads each catalog's bytes once and holds them (a fifth of what the
parsed catalog holds); the memory's entries are found by one search over those bytes,
without parsing. Each catalog is parsed from its bytes only when it is merged, then let
go, and what the search found in it is checked against what was parsed: a catalog the
search misread (a form it does not know) raises `Misread`, and the caller plans the
language again with the memory taken from the parsed catalogs (`exact`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import polib

from l10n.po.catalog import catalog_bytes, read_catalog
from l10n.po.fast import string_value

Pairs = list[tuple[str, str]]

_LINES = rb'"[^\n]*"(?:\n"[^\n]*")*'  # a string's lines
_NOT_EMPTY = rb'(?:"[^\n]+"|""(?=\n"))(?:\n"[^\n]*")*'  # the same, but not `""` alone
# An entry after a blank line, not flagged fuzzy, with a msgstr: its msgid and msgstr (the
# search skips fast from one blank line to the next).
_TRANSLATED = re.compile(
    rb"\n\n(?:#(?!, [^\n]*fuzzy)[^\n]*\n)*(?:msgctxt " + _LINES + rb"\n)?"
    rb"msgid (" + _LINES + rb")\nmsgstr (" + _NOT_EMPTY + rb")(?=\n|\Z)"
)


class Misread(Exception):
    """The memory found in a catalog's bytes is not what the parsed catalog gives."""


def remembered(catalog: polib.POFile | None) -> Pairs:
    """What a catalog gives the translation memory: the English and translation of each
    translated entry, neither fuzzy nor obsolete, in the catalog's order."""
    return [
        (entry.msgid, entry.msgstr)
        for entry in catalog or ()
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    ]


def remember(memory: dict[str, str], pairs: Pairs) -> None:
    """Add a catalog's `remembered` pairs to `memory`, where it has none for their English."""
    for source, translation in pairs:
        memory.setdefault(source, translation)


def translation_memory(catalogs: Iterable[polib.POFile | None]) -> dict[str, str]:
    """English -> a person's translation, from the language's translated entries (the
    first catalog's, then the next one's where it has none)."""
    memory: dict[str, str] = {}
    for catalog in catalogs:
        remember(memory, remembered(catalog))
    return memory


def search_remembered(data: bytes) -> Pairs | None:
    """`remembered` of the catalog `data` holds, found by one search of its bytes (a sixth
    of the time a parse takes): right for a catalog in the common form (l10n/po/fast.py),
    each entry after a blank line; to be checked against the parsed catalog. None for
    bytes it cannot search (not UTF-8, with `\\r` line ends)."""
    if b"\r" in data:
        return None
    try:
        return [
            (string_value(source.decode()), text)
            for source, translation in _TRANSLATED.findall(data)
            if (text := string_value(translation.decode()))
        ]
    except UnicodeDecodeError:
        return None


class LanguageCatalogs:
    """A language's catalogs' bytes, each read once and held until it is parsed to be merged
    (`take`), and the translation memory of them all (`memory`).

    `exact`: the memory is taken from each catalog parsed (one at a time), not searched.
    """

    def __init__(self, paths: list[Path], exact: bool = False) -> None:
        self.memory: dict[str, str] = {}
        self._bytes: dict[Path, bytes | None] = {}  # None for a file absent
        self._found: dict[Path, Pairs] = {}  # what the search found, to be checked
        for path in paths:
            data = self._bytes[path] = catalog_bytes(path) if path.exists() else None
            if data is None:
                continue
            found = None if exact else search_remembered(data)
            if found is None:
                found = remembered(read_catalog(path, to_write=False, data=data))
            else:
                self._found[path] = found
            remember(self.memory, found)

    def take(self, path: Path) -> tuple[polib.POFile | None, bytes | None]:
        """The catalog at `path` parsed from its bytes as read, and those bytes (None, None
        for a file absent); they are let go here. Misread when the memory found in its
        bytes is not the catalog's."""
        data = self._bytes.pop(path)
        if data is None:
            return None, None
        catalog = read_catalog(path, data=data)
        found = self._found.pop(path, None)
        if found is not None and found != remembered(catalog):
            raise Misread(path)
        return catalog, data
