"""Editing an entry's translator comment (`# ` lines) through the catalog's safe save."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest

from l10n.po.catalog import read_catalog
from l10n.po.comment import (
    CommentConflict,
    comment_of,
    persons_comment,
    save_comment,
    with_persons_comment,
)
from l10n.po.conflict import conflict_note
from l10n.po.editing import EntryText, find_entry, save_entry
from l10n.po.review import TM_NOTE
from l10n.queue.work import notes_of

REAL = Path(__file__).parent / "data" / "real" / "django-5.2" / "admin" / "ro" / "django.po"
MSGFMT = shutil.which("msgfmt")


@pytest.fixture
def real_catalog(tmp_path: Path) -> Path:
    """Django 5.2's Romanian admin catalog (BSD, tests/data/real/LICENSE.django), untouched."""
    path = tmp_path / "django.po"
    shutil.copyfile(REAL, path)
    return path


def test_a_comment_on_a_real_catalog_changes_its_lines_only(real_catalog: Path) -> None:
    """Below the header (stamped as every save stamps it), only the comment's lines change."""
    before = _entries_part(real_catalog)
    key = (None, "Are you sure?")
    assert comment_of(real_catalog, key) == ""
    entry = save_comment(real_catalog, key, "", "Formal: Sunteți sigur?\nAsked before a delete.")
    assert entry.tcomment == "Formal: Sunteți sigur?\nAsked before a delete."
    changed = [
        line
        for line in difflib.unified_diff(before, _entries_part(real_catalog), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["+# Formal: Sunteți sigur?", "+# Asked before a delete."]
    assert comment_of(real_catalog, key) == "Formal: Sunteți sigur?\nAsked before a delete."
    assert "PO-Revision-Date: 2023" not in real_catalog.read_text(encoding="utf-8")
    if MSGFMT:
        subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(real_catalog)], check=True)


def _entries_part(path: Path) -> list[str]:
    """The catalog's lines after its header entry."""
    text = path.read_text(encoding="utf-8")
    return text[text.index('msgid ""\nmsgstr ""') :].split("\n\n", 1)[1].split("\n")


def test_the_tools_notes_stay_after_a_persons_lines() -> None:
    tcomment = f"old line\n{TM_NOTE}\n{conflict_note(('Da',))}"
    assert persons_comment(tcomment) == "old line"
    edited = with_persons_comment(tcomment, "\nnew line  \nsecond\n\n")
    assert edited == f"new line\nsecond\n{TM_NOTE}\n{conflict_note(('Da',))}"
    assert with_persons_comment(tcomment, "") == f"{TM_NOTE}\n{conflict_note(('Da',))}"


def test_a_review_note_survives_a_comment_and_an_empty_comment_removes_it(
    real_catalog: Path,
) -> None:
    key = (None, "Yes")
    catalog = read_catalog(real_catalog)
    entry = find_entry(catalog, key)
    assert entry is not None
    entry.tcomment = TM_NOTE
    entry.flags = ["fuzzy"]
    catalog.save(str(real_catalog))
    save_comment(real_catalog, key, "", "Button label")
    assert _entry(real_catalog, key).tcomment == f"Button label\n{TM_NOTE}"
    save_comment(real_catalog, key, "Button label", "")
    saved = _entry(real_catalog, key)
    assert saved.tcomment == TM_NOTE and saved.flags == ["fuzzy"]


def test_someone_elses_comment_meanwhile_is_a_conflict_and_nothing_is_written(
    real_catalog: Path,
) -> None:
    key = (None, "No")
    save_comment(real_catalog, key, "", "theirs")
    data = real_catalog.read_bytes()
    with pytest.raises(CommentConflict) as raised:
        save_comment(real_catalog, key, "", "mine")
    assert raised.value.theirs == "theirs" and raised.value.mine == "mine"
    assert real_catalog.read_bytes() == data
    save_comment(real_catalog, key, "theirs", "mine")  # seen theirs: mine replaces it
    assert comment_of(real_catalog, key) == "mine"
    save_comment(real_catalog, key, "theirs", "mine")  # the same again: no conflict
    with pytest.raises(CommentConflict) as gone:
        save_comment(real_catalog, (None, "No such entry"), "", "x")
    assert gone.value.theirs is None
    assert str(real_catalog) in str(gone.value)


def test_a_translation_save_and_a_comment_save_keep_each_other(real_catalog: Path) -> None:
    """Both go through the lock and apply their own change to what is on disk."""
    key = (None, "Unknown")
    text = _entry(real_catalog, key)
    save_comment(real_catalog, key, "", "Feminine in ro")
    base = EntryText((text.msgstr,), tuple(text.flags))
    save_entry(real_catalog, key, base, EntryText(("Necunoscută",), ()))
    saved = _entry(real_catalog, key)
    assert saved.msgstr == "Necunoscută" and saved.tcomment == "Feminine in ro"


def _entry(path: Path, key: tuple[str | None, str]) -> polib.POEntry:
    entry = find_entry(read_catalog(path), key)
    assert entry is not None
    return entry


# Characters `str.splitlines` cuts at, which inside a comment line are text to GNU gettext.
_NOT_LINE_ENDS = "\u2028\u2029\x85\v\f\x1c\x1d\x1e"


def test_comment_lines_with_separators_and_a_bare_last_line_are_kept_by_every_save(
    real_catalog: Path,
) -> None:
    """A translator comment holding U+2028 and its kin, ending in a bare `#` line, and an
    extracted comment holding them too: msgcat leaves them as they are, and so do a
    translation save, a comment save on another entry and the queue's notes."""
    text = real_catalog.read_text(encoding="utf-8")
    comments = (
        f"# Formal{_NOT_LINE_ENDS[:4]}register\n#\n#. Shown{_NOT_LINE_ENDS[4:]}before a delete\n"
    )
    text = text.replace('msgid "Are you sure?"\n', comments + 'msgid "Are you sure?"\n', 1)
    real_catalog.write_text(text, encoding="utf-8")
    if shutil.which("msgcat"):  # the reference: GNU gettext writes the same bytes back
        out = subprocess.run(
            ["msgcat", str(real_catalog)], check=True, capture_output=True
        ).stdout.decode("utf-8")
        assert comments + 'msgid "Are you sure?"\n' in out
    before = _entries_part(real_catalog)
    key = (None, "Are you sure?")
    entry = _entry(real_catalog, key)
    assert entry.tcomment == f"Formal{_NOT_LINE_ENDS[:4]}register\n"
    assert notes_of(entry) == (
        f"Shown{_NOT_LINE_ENDS[4:]}before a delete",
        *entry.tcomment.split("\n"),
    )

    save_entry(real_catalog, key, EntryText(("Sigur?",), ()), EntryText(("Sunteți sigur?",), ()))
    save_comment(real_catalog, (None, "Administration"), "", "Title of the site")
    after = _entries_part(real_catalog)
    assert list((Counter(before) - Counter(after)).elements()) == ['msgstr "Sigur?"']
    assert sorted((Counter(after) - Counter(before)).elements()) == [
        "# Title of the site",
        'msgstr "Sunteți sigur?"',
    ]
    assert comments + 'msgid "Are you sure?"\n' in real_catalog.read_text(encoding="utf-8")
