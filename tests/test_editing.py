"""Saving one entry: lock, re-read, apply only this entry, detect conflicts, stamp header."""

from __future__ import annotations

import multiprocessing
import subprocess
from pathlib import Path

import pytest

from l10n.errors import CatalogError
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.editing import (
    WRITTEN,
    EntryConflict,
    EntryText,
    accepted,
    find_entry,
    prepare,
    same_as_source,
    save_entry,
    snapshot,
    translated,
    translator_name,
)
from l10n.po.review import machine_note
from l10n.states import SAME_AS_SOURCE_FLAG
from tests.tui_support import catalog_path, copy_bundled_site, entry_of, make_stale, set_entry


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def _base(path: Path, key: tuple[str | None, str]) -> EntryText:
    entry = find_entry(read_catalog(path), key)
    assert entry is not None
    return snapshot(entry)


def test_translation_is_saved_and_header_stamped(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    key = ("search", "Search")
    base = _base(path, key)
    result = save_entry(path, key, base, translated(base, ("Suche",)), "Ana <ana@example.org>")
    assert result.written
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Suche"
    catalog = read_catalog(path)
    assert catalog.metadata["Last-Translator"] == "Ana <ana@example.org>"
    assert catalog.metadata["PO-Revision-Date"].startswith("20")


def test_only_this_entry_changes(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    before = path.read_text(encoding="utf-8").splitlines()
    base = _base(path, ("search", "Search"))
    save_entry(path, ("search", "Search"), base, translated(base, ("Suche",)), None)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 2  # the msgstr and the PO-Revision-Date
    assert any("Suche" in b for _, b in changed)


def test_accepting_a_stale_entry_clears_fuzzy_and_the_old_english(config_path: Path) -> None:
    make_stale(config_path, "de", "ui", "search", "Find", "Suche")
    path = catalog_path(config_path, "de", "ui")
    base = _base(path, ("search", "Search"))
    assert base.fuzzy and base.previous_source == "Find"
    save_entry(path, ("search", "Search"), base, accepted(base), None)
    entry = entry_of(config_path, "de", "ui", "search")
    assert entry["msgstr"] == "Suche"
    assert "fuzzy" not in entry["flags"]  # type: ignore[operator]
    assert entry["previous_msgid"] is None
    assert "#| msgid" not in path.read_text(encoding="utf-8")


def _machine_translated(path: Path, key: tuple[str | None, str], text: str) -> None:
    """The entry as `l10n pretranslate` leaves it: fuzzy, with a translator's line and a note."""
    catalog = read_catalog(path)
    entry = find_entry(catalog, key)
    assert entry is not None
    entry.msgstr, entry.flags = text, ["fuzzy"]
    entry.tcomment = f"Checked with Ana\n{machine_note('libre')}"
    write_catalog(catalog, path)


def test_an_undo_puts_back_the_review_note_an_accept_took_away(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    key = ("search", "Search")
    _machine_translated(path, key, "Suche")
    base = _base(path, key)
    saved = save_entry(path, key, base, accepted(base), None)
    assert saved.removed_note == machine_note("libre")
    assert find_entry(read_catalog(path), key).tcomment == "Checked with Ana"  # type: ignore[union-attr]
    undone = save_entry(path, key, saved.text, base, None, restore_note=saved.removed_note)
    entry = find_entry(read_catalog(path), key)
    assert entry is not None and entry.flags == ["fuzzy"]
    assert entry.tcomment == f"Checked with Ana\n{machine_note('libre')}"
    assert undone.removed_note is None


def test_same_as_english_sets_the_english_and_the_flag(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    key = ("social_networks", "Social networks")
    base = _base(path, key)
    save_entry(path, key, base, same_as_source(base, "Social networks"), None)
    entry = entry_of(config_path, "de", "ui", "social_networks")
    assert entry["msgstr"] == "Social networks"
    assert SAME_AS_SOURCE_FLAG in entry["flags"]  # type: ignore[operator]


def test_conflict_on_the_same_entry_is_reported_with_both_texts(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    key = ("search", "Search")
    base = _base(path, key)
    save_entry(path, key, base, translated(base, ("Suchen",)), "Other")
    with pytest.raises(EntryConflict) as raised:
        save_entry(path, key, base, translated(base, ("Suche",)), "Me")
    assert raised.value.mine.targets == ("Suche",)
    assert raised.value.theirs is not None and raised.value.theirs.targets == ("Suchen",)
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Suchen"
    save_entry(path, key, base, translated(base, ("Suche",)), "Me", force=True)
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Suche"


def test_the_same_text_saved_twice_is_no_conflict(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    key = ("search", "Search")
    base = _base(path, key)
    save_entry(path, key, base, translated(base, ("Suche",)), None)
    result = save_entry(path, key, base, translated(base, ("Suche",)), None)
    assert not result.written


def test_other_entries_changed_meanwhile_are_kept(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    mine, theirs = ("search", "Search"), ("menu", "Menu")
    my_base, their_base = _base(path, mine), _base(path, theirs)
    save_entry(path, theirs, their_base, translated(their_base, ("Menü",)), None)
    save_entry(path, mine, my_base, translated(my_base, ("Suche",)), None)
    assert entry_of(config_path, "de", "ui", "menu")["msgstr"] == "Menü"
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Suche"


def test_an_entry_whose_english_changed_meanwhile_is_saved_stale_not_refused(
    config_path: Path,
) -> None:
    # Issue 14: what the translator typed is never discarded (it was a conflict before).
    path = catalog_path(config_path, "de", "ui")
    base = _base(path, ("search", "Search"))
    save_entry(path, ("search", "Gone"), base, translated(base, ("x",)), None)
    saved = entry_of(config_path, "de", "ui", "search")
    assert (saved["msgstr"], saved["previous_msgid"]) == ("x", "Gone")
    assert "fuzzy" in saved["flags"]  # type: ignore[operator]


def test_missing_catalog_is_a_clear_error(tmp_path: Path) -> None:
    base = EntryText(("",))
    with pytest.raises(CatalogError, match="run `l10n sync`"):
        save_entry(tmp_path / "none.po", (None, "x"), base, translated(base, ("y",)), None)


def _save_in_process(path: str, context: str, source: str, text: str, start: object) -> None:
    key = (context, source)
    base = _base(Path(path), key)
    start.wait()  # type: ignore[attr-defined]
    save_entry(Path(path), key, base, translated(base, (text,)), f"process {context}")


def test_two_processes_saving_different_entries_both_survive(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    context = multiprocessing.get_context("spawn")
    entries = [
        ("search", "Search", "Suche"),
        ("menu", "Menu", "Menü"),
        ("related_news", "Related news", "Ähnliche Nachrichten"),
        ("back_to_top", "Back to top", "Nach oben"),
    ]
    start = context.Barrier(len(entries))
    workers = [
        context.Process(target=_save_in_process, args=(str(path), *entry, start))
        for entry in entries
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    for ctx, _, text in entries:
        assert entry_of(config_path, "de", "ui", ctx)["msgstr"] == text


def test_translator_from_config_else_git(tmp_path: Path) -> None:
    assert translator_name("Ana <ana@example.org>", tmp_path) == "Ana <ana@example.org>"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "Bea"], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "config", "user.email", "bea@example.org"], check=True
    )
    assert translator_name(None, tmp_path) == "Bea <bea@example.org>"


def _replace_on_disk(path: Path, old: str, new: str) -> None:
    """Another program (an editor, git) changes the file, without l10n's lock."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_catalog_changed_on_disk_after_a_save_is_read_again(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    search, menu = ("search", "Search"), ("menu", "Menu")
    search_base, menu_base = _base(path, search), _base(path, menu)
    save_entry(path, search, search_base, translated(search_base, ("Suche",)), None)
    _replace_on_disk(path, 'msgstr "Suche"', 'msgstr "Suchen"')  # the same entry, by hand
    with pytest.raises(EntryConflict) as raised:
        save_entry(
            path, search, _base_after(search_base, "Suche"), translated(search_base, ("Finden",))
        )
    assert raised.value.theirs is not None and raised.value.theirs.targets == ("Suchen",)
    save_entry(path, menu, menu_base, translated(menu_base, ("Menü",)), None)  # another entry
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Suchen"  # kept
    assert entry_of(config_path, "de", "ui", "menu")["msgstr"] == "Menü"


def _base_after(base: EntryText, text: str) -> EntryText:
    """The entry as a translator knows it after saving `text` in it."""
    return translated(base, (text,))


def test_a_save_that_fails_half_way_leaves_nothing_for_the_next_save(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    search, menu = ("search", "Search"), ("menu", "Menu")
    search_base, menu_base = _base(path, search), _base(path, menu)
    save_entry(path, search, search_base, translated(search_base, ("Suche",)), None)
    before = path.read_bytes()
    with pytest.raises(CatalogError, match="cannot be written in the catalog's charset"):
        save_entry(path, menu, menu_base, translated(menu_base, ("Men\udcfc",)), None)
    assert path.read_bytes() == before
    save_entry(path, search, _base_after(search_base, "Suche"), translated(search_base, ("Su",)))
    assert entry_of(config_path, "de", "ui", "menu")["msgstr"] == ""  # not the failed text
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Su"


def test_saves_write_what_reading_the_catalog_each_time_would_write(tmp_path: Path) -> None:
    """Saving on from the catalog as written last gives the bytes a fresh read would give."""
    kept_path = catalog_path(copy_bundled_site(tmp_path / "kept"), "de", "ui")
    fresh_path = catalog_path(copy_bundled_site(tmp_path / "fresh"), "de", "ui")
    original = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in read_catalog(kept_path)}
    keys = list(original)[:12]
    edits = [(key, f"Text {n}") for n, key in enumerate(keys)] + [(keys[0], "Wieder")]
    edits += [(keys[1], original[keys[1]])]  # back to the text the file had
    for key, text in edits:
        for path in (kept_path, fresh_path):
            if path == fresh_path:
                WRITTEN.clear()  # no catalog kept: parsed from the file, as before
            base = _base(path, key)
            save_entry(path, key, base, translated(base, (text,)), "Ana <ana@example.org>")
        assert _without_date(kept_path) == _without_date(fresh_path), key


def _without_date(path: Path) -> str:
    """The file without its PO-Revision-Date line (the minute may turn between two saves)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if "PO-Revision-Date" not in line)


def test_a_catalog_prepared_ahead_is_saved_as_if_read_at_the_save(tmp_path: Path) -> None:
    prepared = catalog_path(copy_bundled_site(tmp_path / "prepared"), "de", "ui")
    plain = catalog_path(copy_bundled_site(tmp_path / "plain"), "de", "ui")
    prepare(prepared)
    key = ("search", "Search")
    for path in (prepared, plain):
        base = _base(path, key)
        save_entry(path, key, base, translated(base, ("Suche",)), "Ana <ana@example.org>")
    assert _without_date(prepared) == _without_date(plain)


def test_a_catalog_changed_after_it_was_prepared_is_read_again(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    search, menu = ("search", "Search"), ("menu", "Menu")
    search_base = _base(path, search)
    prepare(path)
    set_entry(config_path, "de", "ui", "menu", "Menü")  # another tool, after it was prepared
    save_entry(path, search, search_base, translated(search_base, ("Suche",)), None)
    assert entry_of(config_path, "de", "ui", "menu")["msgstr"] == "Menü"
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "Suche"
    prepare(path)
    _replace_on_disk(path, 'msgstr "Suche"', 'msgstr "Suchen"')
    with pytest.raises(EntryConflict):
        save_entry(path, search, _base_after(search_base, "Suche"), translated(search_base, ("S",)))
    assert find_entry(read_catalog(path), menu) is not None
