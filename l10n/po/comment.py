"""The translator comment (`# ` lines) of an entry, as a person edits it (Poedit, Lokalize).

The same comment lines also hold the notes the tool keeps for itself (a review note, a
merge's conflict line): a person edits only their own lines, and the tool's notes stay
after them, untouched. A save goes through the catalog's lock like every other save, and
stops with `CommentConflict` if someone else changed the comment since it was read.
"""

from __future__ import annotations

import copy
from pathlib import Path

import polib

from l10n.errors import ConflictError
from l10n.po.catalog import read_catalog
from l10n.po.conflict import is_conflict_note
from l10n.po.editing import edited, find_entry, release, stamp_header
from l10n.po.lines import comment_lines
from l10n.po.review import is_review_note

Key = tuple[str | None, str]


class CommentConflict(ConflictError):
    """The comment changed on disk since it was read (or the entry is gone: `theirs` None)."""

    def __init__(self, path: Path, key: Key, mine: str, theirs: str | None) -> None:
        what = "is no longer in the catalog" if theirs is None else "has a new comment"
        super().__init__(f"entry {key[0] or key[1]!r} {what}", path)
        self.mine = mine
        self.theirs = theirs


def _tools(line: str) -> bool:
    return is_review_note(line) or is_conflict_note(line)


def persons_comment(tcomment: str | None) -> str:
    """The lines of a translator comment a person wrote (the tool's own notes left out)."""
    return "\n".join(line for line in comment_lines(tcomment) if not _tools(line))


def with_persons_comment(tcomment: str | None, comment: str) -> str:
    """The translator comment with a person's lines replaced; the tool's notes kept after
    them, in order. Blank lines at either end are dropped (gettext keeps `#` lines only)."""
    notes = [line for line in comment_lines(tcomment) if _tools(line)]
    lines = [line.rstrip() for line in comment_lines(comment.strip("\n"))]
    return "\n".join([*lines, *notes])


def comment_of(path: Path, key: Key) -> str | None:
    """A person's comment on the entry `key` as the catalog has it now (None: no entry)."""
    catalog = read_catalog(path)
    try:
        entry = find_entry(catalog, key)
        return None if entry is None else persons_comment(entry.tcomment)
    finally:
        release(catalog)


def save_comment(
    path: Path, key: Key, before: str, after: str, translator: str | None = None
) -> polib.POEntry:
    """Make `after` the person's comment on entry `key`, if it is still `before` on disk;
    returns the entry as written (a copy)."""
    after = persons_comment(with_persons_comment(None, after))
    with edited(path) as edit:
        entry = find_entry(edit.catalog, key)
        if entry is None:
            raise CommentConflict(path, key, after, None)
        on_disk = persons_comment(entry.tcomment)
        if on_disk not in (before, after):
            raise CommentConflict(path, key, after, on_disk)
        if on_disk != after:
            entry.tcomment = with_persons_comment(entry.tcomment, after)
            stamp_header(edit.catalog, translator)
        edit.write()
        return copy.deepcopy(entry)
