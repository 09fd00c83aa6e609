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
from collections.abc import Callable, Iterable
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

    A language of one catalog (a big one, as a rule) has it parsed at once instead: its
    parse is held for its merge anyway, and the memory is made of its own strings.
    `digest` digests the bytes each catalog is parsed from; `exact`: the memory is taken
    from each catalog parsed (one at a time), not searched.
    """

    def __init__(
        self, paths: list[Path], digest: Callable[[bytes], bytes], exact: bool = False
    ) -> None:
        self.memory: dict[str, str] = {}
        self._digest = digest
        self._bytes = {path: catalog_bytes(path) if path.exists() else None for path in paths}
        self._found: dict[Path, Pairs] = {}  # what the search found, to be checked
        self._parsed: dict[Path, tuple[polib.POFile, bytes]] = {}
        present = [path for path, data in self._bytes.items() if data is not None]
        if len(present) == 1:
            self._parsed[present[0]] = parsed = self._parse(present[0])
            remember(self.memory, remembered(parsed[0]))
            return
        for path in present:
            data = self._bytes[path]
            assert data is not None
            found = None if exact else search_remembered(data)
            if found is None:
                found = remembered(read_catalog(path, to_write=False, data=data))
            else:
                self._found[path] = found
            remember(self.memory, found)

    def take(self, path: Path) -> tuple[polib.POFile | None, bytes | None]:
        """The catalog at `path` parsed from its bytes as read, and their digest (None, None
        for a file absent); they are let go. Misread when the memory found in its bytes
        is not the catalog's."""
        if path in self._parsed:
            return self._parsed.pop(path)
        if self._bytes.get(path) is None:
            self._bytes.pop(path, None)
            return None, None
        catalog, digest = self._parse(path)
        found = self._found.pop(path, None)
        if found is not None and found != remembered(catalog):
            raise Misread(path)
        return catalog, digest

    def _parse(self, path: Path) -> tuple[polib.POFile, bytes]:
        """The catalog parsed from its bytes, let go while it is parsed, and their digest."""
        data = self._bytes[path]
        assert data is not None
        digest = self._digest(data)
        del data
        return read_catalog(path, data=self._bytes.pop(path)), digest
