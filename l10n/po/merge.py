"""Three-way merge of gettext catalogs, entry by entry: the merge driver's core.

Entries are matched by identity (msgctxt + msgid). Each entry is merged in parts that
change together: its translation (text or plural forms, flags, the old English), its
translator comments, and what comes from the source (extracted comments, references,
plural English, obsolete or not). A part changed on one side only, or the same way on
both, merges cleanly; an entry added on one side is put after the entry it follows
there; an entry one side removed and the other changed is kept (a translation is never
dropped). When sync on one side turned an entry stale under a new English while the
other side translated the old English, the new translation moves into the stale entry.

The header's stamps (`PO-Revision-Date` and its `Last-Translator`) never conflict: the
newest date wins with its translator. Other header fields merge like entries' parts.

The same entry translated two ways is a conflict: ours stays the translation, marked
`#, fuzzy, merge-conflict`, theirs is kept in a comment line (`l10n.po.conflict`); the
catalog stays valid and `merge_catalogs` reports how many such entries it made.
The result is laid out as ours: the lines of every entry as one side wrote them.

The three sides of a big catalog are read by `l10n.po.merge_sides` (what ours holds alike
parsed once); the result is written piece by piece (`merged_pieces`), never whole in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import polib

from l10n.po.catalog import encode_pieces
from l10n.po.conflict import CONFLICT_FLAG, with_conflict_note
from l10n.po.lines import comment_lines
from l10n.states import entry_texts

Key = tuple[str | None, str]
STAMPS = ("PO-Revision-Date", "Last-Translator")
FUZZY = "fuzzy"


class DuplicateEntries(ValueError):
    """A catalog holds two entries of one identity: no entry-by-entry merge is possible."""


@dataclass
class MergeResult:
    """The merged catalog (ours, changed in place; its bytes are `merged_pieces`) and the
    entries translated two ways."""

    merged: polib.POFile
    theirs: polib.POFile
    conflicts: list[Key] = field(default_factory=list)


def merged_pieces(result: MergeResult) -> Iterator[bytes]:
    """The merged catalog's bytes (in ours' charset and line ends), piece by piece."""
    return encode_pieces(result.merged, None, (result.theirs,))


def merge_catalogs(base: polib.POFile, ours: polib.POFile, theirs: polib.POFile) -> MergeResult:
    """Merge `theirs` into `ours` (both changed from `base`); `ours` is changed in place."""
    old, mine, other = _index(base), _index(ours), _index(theirs)
    conflicts: list[Key] = []
    kept: dict[Key, polib.POEntry] = {}
    for key, entry in mine.items():
        merged = _merge_entry(old.get(key), entry, other.get(key), conflicts)
        if merged is not None:
            kept[key] = merged
    added = [key for key in other if key not in mine and key not in old]
    for key in added:
        kept[key] = other[key]
    for key in other:  # removed on our side, changed on theirs: kept
        if key not in mine and key in old and _differs(old[key], other[key]):
            kept[key] = other[key]
    _carry_into_stale(old, mine, other, kept, conflicts)
    _carry_into_stale(old, other, mine, kept, conflicts)
    ours.header, ours.metadata_is_fuzzy = _merge_header_text(base, ours, theirs)
    ours.metadata = _merge_metadata(base.metadata, ours.metadata, theirs.metadata)
    ours[:] = _ordered(ours, theirs, kept)
    return MergeResult(ours, theirs, conflicts)


def _index(catalog: polib.POFile) -> dict[Key, polib.POEntry]:
    index: dict[Key, polib.POEntry] = {}
    for entry in catalog:
        key = (entry.msgctxt, entry.msgid)
        if key in index:
            raise DuplicateEntries(f"two entries for {key[0] or key[1]!r}")
        index[key] = entry
    return index


def _translation(entry: polib.POEntry) -> tuple[object, ...]:
    """The part a translator changes: text(s), flags and the old English."""
    return (
        tuple(entry_texts(entry)),
        tuple(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


# The parts of an entry that merge on their own: (read, write).
_SOURCE_PARTS: tuple[tuple[Callable[[polib.POEntry], object], str], ...] = (
    (lambda entry: bool(entry.obsolete), "obsolete"),
    (lambda entry: entry.msgid_plural, "msgid_plural"),
    (lambda entry: entry.comment, "comment"),
    (lambda entry: tuple(entry.occurrences), "occurrences"),
)


def _differs(one: polib.POEntry, other: polib.POEntry) -> bool:
    return (
        _translation(one) != _translation(other)
        or any(read(one) != read(other) for read, _ in _SOURCE_PARTS)
        or (one.tcomment or "") != (other.tcomment or "")
    )


def _merge_entry(
    old: polib.POEntry | None,
    mine: polib.POEntry,
    other: polib.POEntry | None,
    conflicts: list[Key],
) -> polib.POEntry | None:
    if other is None:
        if old is not None and not _differs(old, mine):
            return None  # removed on their side, unchanged on ours
        return mine
    for read, name in _SOURCE_PARTS:
        value = _three_way(read(old) if old is not None else None, read(mine), read(other))
        if value is not _CONFLICT and value != read(mine):
            setattr(mine, name, value)
    mine.tcomment = _merge_comment(old, mine, other)
    _merge_translation(old, mine, other, conflicts)
    return mine


_CONFLICT = object()


def _three_way(old: object, mine: object, other: object) -> object:
    if mine == other or other == old:
        return mine
    if mine == old:
        return other
    return _CONFLICT


def _merge_comment(old: polib.POEntry | None, mine: polib.POEntry, other: polib.POEntry) -> str:
    """Translator comments: three-way; changed both ways, ours then their new lines."""
    value = _three_way(old.tcomment if old is not None else "", mine.tcomment, other.tcomment)
    if value is not _CONFLICT:
        return str(value or "")
    lines = comment_lines(mine.tcomment)
    lines += [line for line in comment_lines(other.tcomment) if line not in lines]
    return "\n".join(lines)


def _merge_translation(
    old: polib.POEntry | None, mine: polib.POEntry, other: polib.POEntry, conflicts: list[Key]
) -> None:
    ours, theirs = _translation(mine), _translation(other)
    base = _translation(old) if old is not None else None
    if ours == theirs or theirs == base:
        return
    if ours == base or (base is None and not any(entry_texts(mine))):
        _take_translation(mine, other)
        return
    if base is None and not any(entry_texts(other)):
        return
    if entry_texts(mine) == entry_texts(other):
        if FUZZY in mine.flags and FUZZY not in other.flags:
            _take_translation(mine, other)  # a person accepted it there
        return
    _mark_conflict(mine, tuple(entry_texts(other)))
    conflicts.append((mine.msgctxt, mine.msgid))


def _take_translation(mine: polib.POEntry, other: polib.POEntry) -> None:
    mine.msgstr = other.msgstr
    mine.msgstr_plural = dict(other.msgstr_plural)
    mine.flags = list(other.flags)
    mine.previous_msgctxt = other.previous_msgctxt
    mine.previous_msgid = other.previous_msgid
    mine.previous_msgid_plural = other.previous_msgid_plural


def _mark_conflict(entry: polib.POEntry, theirs: tuple[str, ...]) -> None:
    flags = [flag for flag in entry.flags if flag not in (FUZZY, CONFLICT_FLAG)]
    entry.flags = [FUZZY, CONFLICT_FLAG, *flags]
    entry.tcomment = with_conflict_note(entry.tcomment, theirs)


def _carry_into_stale(
    old: dict[Key, polib.POEntry],
    moved: dict[Key, polib.POEntry],
    translated: dict[Key, polib.POEntry],
    kept: dict[Key, polib.POEntry],
    conflicts: list[Key],
) -> None:
    """One side's sync moved an entry to a new English (stale); the other translated it anew.

    The new translation goes into the stale entry (still stale: its English changed) and
    the entry of the old English, which the sync had removed, is not brought back.
    """
    stale = {
        (entry.previous_msgctxt or entry.msgctxt, entry.previous_msgid): key
        for key, entry in moved.items()
        if entry.previous_msgid is not None and key in kept and not entry.obsolete
    }
    for key, entry in translated.items():
        target = stale.get(key)
        if key in moved or key not in old or target is None or kept.get(key) is not entry:
            continue
        before = entry_texts(old[key])
        if entry_texts(entry) == before:
            continue
        into = kept[target]
        if entry_texts(into) == before or not any(entry_texts(into)):
            _set_texts(into, entry_texts(entry))
        elif entry_texts(into) != entry_texts(entry):
            _mark_conflict(into, tuple(entry_texts(entry)))
            conflicts.append(target)
        del kept[key]


def _set_texts(entry: polib.POEntry, texts: list[str]) -> None:
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(texts))
    else:
        entry.msgstr = texts[0] if texts else ""


def _ordered(
    ours: polib.POFile, theirs: polib.POFile, kept: dict[Key, polib.POEntry]
) -> list[polib.POEntry]:
    """Our order, each entry only theirs put after the entry it follows in theirs."""
    our_keys = [(entry.msgctxt, entry.msgid) for entry in ours]
    present = {key for key in our_keys if key in kept}
    after: dict[Key | None, list[Key]] = {}
    anchor: Key | None = None
    for entry in theirs:
        key = (entry.msgctxt, entry.msgid)
        if key in present:
            anchor = key
        elif key in kept:
            after.setdefault(anchor, []).append(key)
    order = list(after.get(None, []))
    for key in our_keys:
        if key in present:
            order.append(key)
            order.extend(after.get(key, []))
    return [kept[key] for key in order]


def _merge_header_text(
    base: polib.POFile, ours: polib.POFile, theirs: polib.POFile
) -> tuple[str, bool]:
    header = _three_way(base.header, ours.header, theirs.header)
    fuzzy = _three_way(base.metadata_is_fuzzy, ours.metadata_is_fuzzy, theirs.metadata_is_fuzzy)
    return (
        ours.header if header is _CONFLICT else str(header or ""),
        bool(ours.metadata_is_fuzzy if fuzzy is _CONFLICT else fuzzy),
    )


def _merge_metadata(
    base: dict[str, str], ours: dict[str, str], theirs: dict[str, str]
) -> dict[str, str]:
    """Field by field (ours on a conflict); the stamps of the newest revision date."""
    merged: dict[str, str] = {}
    for name in [*ours, *(name for name in theirs if name not in ours)]:
        value = _three_way(base.get(name), ours.get(name), theirs.get(name))
        if value is _CONFLICT:
            value = ours.get(name)
        if isinstance(value, str):
            merged[name] = value
    newest = theirs if _revision(theirs) > _revision(ours) else ours
    for name in STAMPS:
        if name in newest:
            merged[name] = newest[name]
    return merged


def _revision(metadata: dict[str, str]) -> dt.datetime:
    """PO-Revision-Date as a moment (the oldest possible when absent or unreadable)."""
    text = metadata.get("PO-Revision-Date", "").strip()
    for pattern in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z"):
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return dt.datetime.min.replace(tzinfo=dt.UTC)
