"""Whether `l10n sync` would rewrite a big catalog, answered from parts read on their own.

`catalog_would_change` needs the whole catalog; a big one is read in parts by several
processes (`l10n.po.catalog.read_catalog_part`). The answer it gives without merging, that
the catalog is up to date, holds when the merge keeps the header and every entry
(`merge_keeps`) and the file is laid out as rendering lays it: both are decided entry by
entry, so each part says what it holds (`part_kept`) and `parts_keep` puts the answers
together. Anything else (an entry not at its unit's place, a unit without an entry, a part
laid out otherwise) is "maybe": read the catalog whole to know, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import polib

from l10n.config import Config
from l10n.model import Unit
from l10n.po.catalog import part_laid_out
from l10n.po.headers import nplurals_of
from l10n.sync.merge import entry_mark, obsolete_last_with_text, run_kept, unit_mark
from l10n.sync.run import header_kept


@dataclass(frozen=True, slots=True)
class UnitMarks:
    """What a part needs of a domain's units to say whether it is kept: each unit's mark
    (`merge.unit_mark`, 16 bytes for the English, notes and references) -> its place, and
    each unit's flags. A worker holds this instead of the units (the whole template's, in
    each worker, were most of its memory on one big catalog per language)."""

    places: dict[bytes, int]
    flags: list[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class PartKept:
    """What one part of a catalog says of the whole's being up to date.

    `kept`: the header is kept, obsolete entries come last with a translation, and the
    entries in use are the units from `first` on, each as the merge keeps it; `as_middle`
    and `as_last`: laid out as rendering lays it, with more entries after it, or at the end.
    """

    kept: bool
    first: int  # the place of its first entry in use among the units (-1: none in use)
    active: int  # entries in use
    entries: int  # entries, obsolete ones included
    obsolete: bool
    as_middle: bool
    as_last: bool


def unit_marks(units: list[Unit]) -> UnitMarks | None:
    """The units' marks and flags; None when two units share a key (no merge keeps that)."""
    if len({unit.key for unit in units}) != len(units):
        return None
    flags: dict[tuple[str, ...], tuple[str, ...]] = {}  # each set of flags once
    return UnitMarks(
        {unit_mark(unit): place for place, unit in enumerate(units)},
        [flags.setdefault(tuple(unit.flags), tuple(unit.flags)) for unit in units],
    )


def part_kept(
    config: Config, domain: str, language: str, marks: UnitMarks | None, part: polib.POFile
) -> PartKept:
    """What a part read by `read_catalog_part` says (see `PartKept`)."""
    active = [entry for entry in part if not entry.obsolete]
    first = marks.places.get(entry_mark(active[0]), -1) if active and marks else -1
    kept = (
        marks is not None
        and header_kept(config, domain, language, part)
        and obsolete_last_with_text(part)
        and (not active or run_kept(marks.places, marks.flags, first, active, nplurals_of(part)))
    )
    as_middle, as_last = part_laid_out(part)
    obsolete = len(active) < len(part)
    return PartKept(kept, first, len(active), len(part), obsolete, as_middle, as_last)


def parts_keep(units: list[Unit], parts: list[PartKept]) -> bool:
    """Whether the catalog whose parts, in order, said `parts` is up to date (False: it may
    not be; `catalog_would_change` on the whole reading decides)."""
    filled = [part for part in parts if part.entries]
    if not filled or not all(part.kept for part in parts):
        return False
    if not all(part.as_middle for part in filled[:-1]) or not filled[-1].as_last:
        return False
    expected, obsolete_seen = 0, False
    for part in filled:
        if part.active and (obsolete_seen or part.first != expected):
            return False
        expected += part.active
        obsolete_seen = obsolete_seen or part.obsolete
    return expected == len(units)
