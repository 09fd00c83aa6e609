"""Saving an entry whose English changed or vanished since it was read: never discarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.conflict import CONFLICT_FLAG, with_conflict_note
from l10n.po.editing import (
    EntryConflict,
    accepted,
    find_entry,
    save_entry,
    snapshot,
    translated,
)
from l10n.sync.run import sync
from tests.tui_support import catalog_path, copy_bundled_site

KEY = ("header:/discover-civis-alliance", "Discover")


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def _menus(config_path: Path, old: str, new: str) -> None:
    menus = config_path.parent / "content" / "menus.yaml"
    text = menus.read_text(encoding="utf-8")
    assert old in text
    menus.write_text(text.replace(old, new, 1), encoding="utf-8")
    sync(load_config(config_path))


def _entries(path: Path, context: str | None) -> list[tuple[str, str, list[str], str | None, bool]]:
    return [
        (e.msgid, e.msgstr, list(e.flags), e.previous_msgid, bool(e.obsolete))
        for e in read_catalog(path)
        if e.msgctxt == context
    ]


def test_english_changed_the_text_is_saved_stale_against_the_new_english(
    config_path: Path,
) -> None:
    path = catalog_path(config_path, "de", "menu")
    entry = find_entry(read_catalog(path), KEY)
    assert entry is not None
    base = snapshot(entry)
    _menus(config_path, "label: Discover\n", "label: Discover more\n")
    result = save_entry(path, KEY, base, translated(base, ("Entdecken",)))
    assert (result.entry.msgid, result.entry.msgstr) == ("Discover more", "Entdecken")
    expected = ("Discover more", "Entdecken", ["fuzzy", "max-length:20"], "Discover", False)
    assert _entries(path, KEY[0]) == [expected]
    assert '#| msgid "Discover"' in path.read_text(encoding="utf-8")


def test_a_vanished_entry_keeps_the_text_as_obsolete(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "menu")
    entry = find_entry(read_catalog(path), KEY)
    assert entry is not None
    base = snapshot(entry)
    _menus(config_path, "path: /discover-civis-alliance\n", "path: /discover\n")
    save_entry(path, KEY, base, translated(base, ("Entdecken",)))
    assert _entries(path, KEY[0]) == [("Discover", "Entdecken", ["max-length:20"], None, True)]


def test_moved_and_changed_by_someone_else_asks_once_then_keeps_mine(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "menu")
    entry = find_entry(read_catalog(path), KEY)
    assert entry is not None
    base = snapshot(entry)
    _menus(config_path, "label: Discover\n", "label: Discover more\n")
    catalog = read_catalog(path)
    moved = find_entry(catalog, (KEY[0], "Discover more"))
    assert moved is not None
    moved.msgstr = "Entdeckt (Bea)"
    write_catalog(catalog, path)
    mine = translated(base, ("Entdecken",))
    with pytest.raises(EntryConflict) as raised:
        save_entry(path, KEY, base, mine)
    assert raised.value.theirs is not None and raised.value.theirs.targets == ("Entdeckt (Bea)",)
    save_entry(path, KEY, base, mine, force=True)  # "Keep mine": one step
    assert _entries(path, KEY[0])[0][:2] == ("Discover more", "Entdecken")


def test_choosing_in_a_merge_conflict_drops_the_flag_and_their_text(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    catalog = read_catalog(path)
    entry = find_entry(catalog, ("search", "Search"))
    assert entry is not None
    entry.msgstr, entry.flags = "Suche", ["fuzzy", CONFLICT_FLAG, *entry.flags]
    entry.tcomment = with_conflict_note("a translator's note", ("Suchen",))
    write_catalog(catalog, path)
    base = snapshot(entry)
    save_entry(path, ("search", "Search"), base, accepted(base))
    saved = find_entry(read_catalog(path), ("search", "Search"))
    assert saved is not None
    assert saved.msgstr == "Suche" and CONFLICT_FLAG not in saved.flags
    assert "fuzzy" not in saved.flags and saved.tcomment == "a translator's note"
