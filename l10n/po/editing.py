"""Saving one catalog entry safely while others may be saving the same catalog.

A save takes a lock on the catalog, re-reads it, applies only this entry and writes the
file atomically. If the same entry changed on disk since the translator read it, the save
stops with `EntryConflict` carrying both texts; it never overwrites silently.

Re-reading means parsing the whole catalog (0.1 s for 6,000 entries), the largest part of
a save. So the catalog as this process last wrote it is kept with the bytes it wrote: when
the file still holds exactly those bytes, parsing them again would give the same catalog,
and the kept one is used instead. Any other content (another translator's save, an editor,
`l10n sync`) is parsed as before. `prepare` parses a catalog ahead of its first save.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.cache.memo import Memo
from l10n.errors import ConflictError, L10nError
from l10n.po.catalog import file_bytes, read_catalog, write_rendered
from l10n.po.conflict import CONFLICT_FLAG, without_conflict_note
from l10n.po.lock import locked
from l10n.po.review import review_notes, with_review_note, without_review_note
from l10n.states import SAME_AS_SOURCE_FLAG, entry_texts

FUZZY = "fuzzy"


@dataclass(frozen=True)
class EntryText:
    """What a translator can change in an entry: its text(s), flags and the old English."""

    targets: tuple[str, ...]
    flags: tuple[str, ...] = ()
    previous_source: str | None = None

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags


class EntryConflict(ConflictError):
    """The entry changed on disk since it was read; carries both versions for the person."""

    def __init__(
        self, path: Path, key: tuple[str | None, str], mine: EntryText, theirs: EntryText | None
    ) -> None:
        what = "was removed from the catalog" if theirs is None else "was changed by someone else"
        super().__init__(f"entry {key[0] or key[1]!r} {what}", path)
        self.key = key
        self.mine = mine
        self.theirs = theirs


def snapshot(entry: polib.POEntry) -> EntryText:
    """The changeable part of an entry as it is now."""
    return EntryText(tuple(entry_texts(entry)), tuple(entry.flags), entry.previous_msgid)


def translated(base: EntryText, targets: tuple[str, ...]) -> EntryText:
    """A new translation typed by a person: not fuzzy, the old English dropped."""
    return EntryText(targets, _decided(base.flags), None)


def needs_review(base: EntryText, targets: tuple[str, ...]) -> EntryText:
    """The text marked for review by a person (fuzzy, as Poedit's and Lokalize's ctrl+U do)."""
    return EntryText(targets, (FUZZY, *_without(base.flags, FUZZY)), None)


def accepted(base: EntryText) -> EntryText:
    """The translation accepted as it is (stale, needs-review, copy or a merge's conflict)."""
    return EntryText(base.targets, _decided(base.flags), None)


def _decided(flags: tuple[str, ...]) -> tuple[str, ...]:
    """Flags once a person decided: neither fuzzy nor a merge's conflict."""
    return _without(_without(flags, FUZZY), CONFLICT_FLAG)


def same_as_source(base: EntryText, source: str, plural: str | None = None) -> EntryText:
    """'Same as English is correct': the English as the text, marked so checks accept it."""
    targets = base.targets if all(base.targets) and base.targets else _english(base, source, plural)
    flags = _without(base.flags, FUZZY)
    if SAME_AS_SOURCE_FLAG not in flags:
        flags = (*flags, SAME_AS_SOURCE_FLAG)
    return EntryText(targets, flags, None)


def _english(base: EntryText, source: str, plural: str | None) -> tuple[str, ...]:
    if plural is None:
        return (source,)
    count = max(len(base.targets), 2)
    return (source, *([plural] * (count - 1)))


def _without(flags: tuple[str, ...], flag: str) -> tuple[str, ...]:
    return tuple(name for name in flags if name != flag)


@dataclass(frozen=True)
class SaveResult:
    """The entry as written, whether the file changed at all, and the review note it lost."""

    entry: polib.POEntry
    text: EntryText
    written: bool
    removed_note: str | None = None  # the review note the save took away (for an undo)


def save_entry(
    path: Path,
    key: tuple[str | None, str],
    base: EntryText,
    new: EntryText,
    translator: str | None = None,
    force: bool = False,
    restore_note: str | None = None,
) -> SaveResult:
    """Apply `new` to the entry `key` of the catalog at `path`, if it is still `base` on disk.

    With `force`, the person saw the other version and chose theirs or mine: no check.
    `restore_note` (an undo) puts back a review note an earlier save took away, after the
    entry's other comment lines.
    """
    with edited(path) as edit:
        catalog = edit.catalog
        entry = find_entry(catalog, key)
        if entry is None:  # its English changed or vanished while it was open
            moved = moved_entry(catalog, key)
            entry = moved or kept_aside(catalog, key, new)
            if entry is None:
                raise EntryConflict(path, key, new, None)
            if moved is None or snapshot(moved).targets == base.targets:
                base = snapshot(entry)  # what sync made of the text the translator read
            new = against_new_english(new, entry, key[1])
        on_disk = snapshot(entry)
        if not force and on_disk != base and on_disk != new:
            raise EntryConflict(path, key, new, on_disk)
        notes_before = review_notes(entry.tcomment)
        apply_text(entry, new)
        if restore_note is not None and new.fuzzy:
            entry.tcomment = with_review_note(entry.tcomment, restore_note)
        if on_disk != new:
            stamp_header(catalog, translator)
        written = edit.write()
        removed = [note for note in notes_before if note not in review_notes(entry.tcomment)]
        return SaveResult(
            copy.deepcopy(entry), snapshot(entry), written, removed[-1] if removed else None
        )


class EditedCatalog:
    """A catalog taken for one change under its lock; `write()` puts the change on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = file_bytes(path)
        kept = WRITTEN.take(path, self.data)  # None unless the file is as this process wrote it
        if kept is None:
            kept = read_catalog(path)
            self.data = None  # what was parsed may be newer than what was compared
        self.catalog = kept
        self.rendered: bytes | None = None

    def write(self) -> bool:
        """Write the catalog atomically if its bytes changed; return whether they did."""
        self.rendered, written = write_rendered(self.catalog, self.path, self.data)
        return written


@contextmanager
def edited(path: Path) -> Iterator[EditedCatalog]:
    """The catalog at `path` under its lock, read once (or as this process last wrote it).

    Kept for the next save once written; a change that fails half-way, or one never
    written, is never kept.
    """
    with locked(path):
        edit = EditedCatalog(path)
        try:
            yield edit
        except BaseException:
            release(edit.catalog)  # perhaps changed and not written: never kept
            raise
        if edit.rendered is None:
            release(edit.catalog)
        else:
            WRITTEN.keep(path, edit.rendered, edit.catalog)


def prepare(path: Path) -> None:
    """Parse a catalog ahead of its first save in this process (while the translator types).

    Kept like a catalog written, with the bytes it was parsed from, if the file did not
    change while it was parsed. Any problem is left for the save itself to report.
    """
    try:
        with locked(path):
            data = file_bytes(path)
            if data is None or WRITTEN.holds(path, data):
                return
            before = os.stat(path)
            catalog = read_catalog(path)
            after = os.stat(path)
            if _stamp(before) == _stamp(after) and file_bytes(path) == data:
                WRITTEN.keep(path, data, catalog)
            else:
                release(catalog)
    except (L10nError, OSError):
        return


def _stamp(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class WrittenCatalogs:
    """The last few catalogs this process wrote, each with the exact bytes it wrote.

    `take` hands a catalog out only if the file holds those bytes still, and forgets it:
    the caller changes it, and keeps it again only once the change is on disk, so a save
    that fails half-way never leaves a catalog here that differs from its bytes.
    """

    def __init__(self, size: int = 4) -> None:
        self._kept: Memo[Path, _Written] = Memo(size, lambda kept: release(kept.catalog))

    def holds(self, path: Path, data: bytes) -> bool:
        """Whether the catalog of these very bytes is kept."""
        kept = self._kept.get(path, None)
        return kept is not None and kept.data == data

    def take(self, path: Path, data: bytes | None) -> polib.POFile | None:
        kept = self._kept.pop(path)
        if kept is None:
            return None
        if data is None or kept.data != data:
            release(kept.catalog)
            return None
        return kept.catalog

    def keep(self, path: Path, data: bytes, catalog: polib.POFile) -> None:
        kept = self._kept.get(path, None)
        if kept is not None and kept.catalog is catalog:
            self._kept.pop(path)  # the same catalog, newly written: not let go
        self._kept.put(path, _Written(data, catalog))

    def clear(self) -> None:
        self._kept.clear()


@dataclass(frozen=True)
class _Written:
    """A catalog as this process wrote it, and the bytes it wrote."""

    data: bytes
    catalog: polib.POFile


def release(catalog: polib.POFile) -> None:
    """Empty a catalog that is no longer needed, so its memory is freed at once.

    polib's parser stays in a reference cycle with every catalog it parsed, so a dropped
    catalog (thousands of entries) would wait for a full garbage collection, which then
    takes 0.1 s or more on whichever thread runs into it, the UI's included.
    """
    catalog.clear()
    vars(catalog).clear()


WRITTEN = WrittenCatalogs()


def find_entry(catalog: polib.POFile, key: tuple[str | None, str]) -> polib.POEntry | None:
    """The active entry with this (msgctxt, msgid), or None."""
    context, source = key
    for entry in catalog:
        if not entry.obsolete and entry.msgid == source and entry.msgctxt == context:
            return entry
    return None


def moved_entry(catalog: polib.POFile, key: tuple[str | None, str]) -> polib.POEntry | None:
    """Where an entry went when its English changed (sync made it stale) or vanished.

    The active entry that keeps this English as its old English (`#| msgid`), else the one
    active entry of this context (the unit's identity: sync changed the English of an
    untranslated entry in place), else the obsolete entry of this very English (the unit
    was removed; a unit that comes back gets its translation back from it), else None.
    """
    context, source = key
    active = [entry for entry in catalog if not entry.obsolete]
    for entry in active:
        if entry.previous_msgid == source and (entry.previous_msgctxt or entry.msgctxt) == context:
            return entry
    same_context = [entry for entry in active if context is not None and entry.msgctxt == context]
    if len(same_context) == 1:  # the unit's identity, with new English (nothing made stale)
        return same_context[0]
    for entry in catalog.obsolete_entries():
        if entry.msgid == source and entry.msgctxt == context:
            return entry
    return None


def kept_aside(
    catalog: polib.POFile, key: tuple[str | None, str], text: EntryText
) -> polib.POEntry | None:
    """An obsolete entry made to keep a text whose entry is gone (one form only; else None).

    Obsolete entries are where gettext keeps translations of removed strings: if the
    English comes back, sync gives the text back.
    """
    if len(text.targets) != 1:
        return None
    entry = polib.POEntry(msgctxt=key[0], msgid=key[1], obsolete=True)
    catalog.append(entry)
    return entry


def against_new_english(text: EntryText, entry: polib.POEntry, typed_for: str) -> EntryText:
    """A text typed for an English (`typed_for`) that changed meanwhile: kept, stale.

    The old English is kept as `#| msgid` (the entry's own, if sync kept one), so the
    translator sees what changed, with the new entry's flags; for an obsolete entry the
    text is kept as it was typed.
    """
    if entry.obsolete or entry.msgid == typed_for:
        return text
    flags = (FUZZY, *(flag for flag in entry.flags if flag not in (FUZZY, CONFLICT_FLAG)))
    return EntryText(text.targets, flags, entry.previous_msgid or typed_for)


def apply_text(entry: polib.POEntry, text: EntryText) -> None:
    """Set the entry's text(s), flags and old English (polib keeps previous_msgid itself)."""
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(text.targets))
    else:
        entry.msgstr = text.targets[0] if text.targets else ""
    entry.flags = list(text.flags)
    entry.previous_msgid = text.previous_source
    if text.previous_source is None:
        entry.previous_msgctxt = None
        entry.previous_msgid_plural = None
    if "fuzzy" not in entry.flags:  # a person accepted it: the review note is no longer true
        entry.tcomment = without_review_note(entry.tcomment)
    if CONFLICT_FLAG not in entry.flags:  # a person chose between the two texts of a merge
        entry.tcomment = without_conflict_note(entry.tcomment)


def stamp_header(catalog: polib.POFile, translator: str | None) -> None:
    """Last-Translator (when known) and PO-Revision-Date of the catalog's header."""
    catalog.metadata["PO-Revision-Date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    if translator:
        catalog.metadata["Last-Translator"] = translator


def translator_name(configured: str | None, cwd: Path) -> str | None:
    """The translator for Last-Translator: from the config, else git's user.name and email."""
    if configured:
        return configured
    name, email = _git_config("user.name", cwd), _git_config("user.email", cwd)
    if name and email:
        return f"{name} <{email}>"
    return name or (f"<{email}>" if email else None)


def _git_config(key: str, cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "config", "--get", key],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return value or None
