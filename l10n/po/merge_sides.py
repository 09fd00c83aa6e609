"""The merge driver's three sides read (`read_sides`), what they hold alike parsed once.

A big catalog's three sides are held at once for `l10n.po.merge`: at 30k units a side
parsed whole held ~140 MB of a 39 MB file. Ours is parsed whole (the result is laid out
as ours); what base and theirs hold byte for byte as the others is not parsed again.
"""

from __future__ import annotations

import codecs
import copy
from collections.abc import Iterator
from pathlib import Path

import polib

from l10n.errors import CatalogError
from l10n.po.catalog import SOURCE_TEXT, file_bytes, read_catalog
from l10n.po.fast import entry_key
from l10n.po.merge import Key


def read_sides(base: Path, ours: Path, theirs: Path) -> tuple[polib.POFile, ...]:
    """The three sides read (`read_catalog`), base and theirs sharing ours' equal strings,
    and neither parsing the entries it holds byte for byte as ours does.

    At 30k units a side held ~140 MB of a 39 MB file. An entry all three sides hold alike
    merges as ours whatever base says: base's copy is never parsed. An entry theirs holds
    as ours does is a copy of ours' (read before the merge changes ours). The files are
    cut at blank lines; a side is read whole, as before, when its blocks could read
    otherwise (`_Blocks.entries`). A defect is named as reading base, ours and theirs in
    turn names it.
    """
    try:
        mine_data = _bytes_of(ours)
        mine_blocks = set(mine_data.split(_BLANK))
        keys: dict[bytes, Key | None] = {}  # each block's identity, found once for both sides
        their_blocks = _Blocks(_bytes_of(theirs).split(_BLANK), mine_blocks, keys)
        agreed = set(their_blocks.dropped_blocks())
        del mine_blocks
        base_blocks = _Blocks(_bytes_of(base).split(_BLANK), agreed, keys)
        del agreed
        their_blocks.settle()
        base_blocks.settle()
        del keys
        mine = read_catalog(ours, data=mine_data)
        del mine_data
        by_key = {(entry.msgctxt, entry.msgid): entry for entry in mine}
        old = base_blocks.read(base, to_write=False) or read_catalog(base, to_write=False)
        delattr(old, SOURCE_TEXT)  # only its entries and header are merged
        del base_blocks
        _share_strings(old, by_key)
        other = their_blocks.read(theirs, by_key) or read_catalog(theirs)
    except CatalogError:
        for path in (base, ours, theirs):
            read_catalog(path, to_write=False)  # raises the first one's defect
        raise
    _share_strings(other, by_key)
    return old, mine, other


class _Blocks:
    """A side's blocks (its bytes cut at blank lines), those found in `known` (not the
    header, the first) to be taken as read elsewhere, the others to be parsed."""

    def __init__(
        self, blocks: list[bytes], known: set[bytes], keys: dict[bytes, Key | None]
    ) -> None:
        self.blocks, self.keys = blocks, keys
        self.dropped = [index for index in range(1, len(blocks)) if blocks[index] in known]
        self.data = b""
        self.entries: list[tuple[Key, bool]] | None = None

    def dropped_blocks(self) -> Iterator[bytes]:
        return (self.blocks[index] for index in self.dropped)

    def settle(self) -> None:
        """Keep only the bytes to parse and each block's identity (`entries`): the blocks
        go."""
        dropped = set(self.dropped)
        self.data = _BLANK.join(
            block for index, block in enumerate(self.blocks) if index not in dropped
        )
        self.entries = self._entries(dropped)
        self.blocks, self.keys = [], {}

    def read(
        self,
        path: Path,
        by_key: dict[Key, polib.POEntry] | None = None,
        to_write: bool = True,
    ) -> polib.POFile | None:
        """The side read without its dropped blocks, each in its place as a copy of the
        entry of its identity in `by_key` (left out when None); None when that could read
        otherwise than the whole file: a block that is not one entry in the common form,
        an identity twice, a charset other than UTF-8, a defect."""
        keys, data = self.entries, self.data
        self.data = b""
        if keys is None:
            return None
        try:
            catalog = read_catalog(path, to_write, data)
        except CatalogError:
            return None
        del data
        parsed = [(entry.msgctxt, entry.msgid) for entry in catalog]
        if not _utf8(catalog) or parsed != [key for key, taken in keys if not taken]:
            return None
        if by_key is not None:
            if any(key not in by_key for key, taken in keys if taken):
                return None
            entries = iter(catalog[:])
            catalog[:] = [_copy(by_key[key]) if taken else next(entries) for key, taken in keys]
        return catalog

    def _entries(self, dropped: set[int]) -> list[tuple[Key, bool]] | None:
        """Each block's identity after the header, and whether it is dropped; None when a
        block is not one entry in the common form or an identity comes twice."""
        keys = [(self._key(block), index in dropped) for index, block in enumerate(self.blocks)]
        found = [(key, taken) for key, taken in keys[1:] if key is not None]
        if len(found) != len(keys) - 1 or len({key for key, _ in found}) != len(found):
            return None
        return found

    def _key(self, block: bytes) -> Key | None:
        if block not in self.keys:
            self.keys[block] = _block_key(block)
        return self.keys[block]


def _copy(entry: polib.POEntry) -> polib.POEntry:
    """A copy of `entry` whose lists and plural forms are its own."""
    copied: polib.POEntry = copy.copy(entry)
    copied.flags = list(entry.flags)
    copied.occurrences = list(entry.occurrences)
    copied.msgstr_plural = dict(entry.msgstr_plural)
    return copied


_BLANK = b"\n\n"


def _bytes_of(path: Path) -> bytes:
    """The file's bytes (none when unreadable: reading it as a catalog then says why)."""
    return file_bytes(path) or b""


def _block_key(block: bytes) -> Key | None:
    try:
        return entry_key(block.decode("utf-8") + "\n")
    except UnicodeDecodeError:
        return None


def _utf8(catalog: polib.POFile) -> bool:
    return codecs.lookup(catalog.encoding or "ascii").name in ("utf-8", "ascii")


def _share_strings(catalog: polib.POFile, by_key: dict[Key, polib.POEntry]) -> None:
    """Give `catalog`'s entries the equal strings of the entries of the same identity in
    `by_key` (strings never change in place: the same values, held once)."""
    for entry in catalog:
        mine = by_key.get((entry.msgctxt, entry.msgid))
        if mine is None:
            continue
        entry.msgid = mine.msgid
        for name in _SHARED_STRINGS:
            if getattr(entry, name) == getattr(mine, name):
                setattr(entry, name, getattr(mine, name))
        if entry.occurrences == mine.occurrences:
            entry.occurrences = list(mine.occurrences)
        if entry.msgstr_plural == mine.msgstr_plural:
            entry.msgstr_plural = dict(mine.msgstr_plural)


_SHARED_STRINGS = ("msgctxt", "msgstr", "msgid_plural", "comment", "tcomment")
