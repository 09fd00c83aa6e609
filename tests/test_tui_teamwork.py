"""The TUI beside other writers: the English changing under an open entry, a merge's
conflicts first in the queue with keep mine / take theirs / edit (Pilot)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable

from l10n.config import load_config
from l10n.coverage.stats import COUNT_KEYS, compute_stats
from l10n.gate.policy import FORMAT, load_policies
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.conflict import CONFLICT_FLAG, with_conflict_note
from l10n.po.editing import find_entry, save_entry, snapshot, translated
from l10n.queue.work import QueueFilter, load_queue
from l10n.sources.site import load_site
from l10n.sync.run import sync
from tests.tui_pilot import settle, until
from tests.tui_support import catalog_path, copy_bundled_site
from tui.app import create_app
from tui.screens.conflict import ConflictScreen
from tui.screens.coverage import CoverageScreen, cell
from tui.screens.editor import EditorScreen
from tui.screens.queue import QueueScreen
from tui.widgets.queue_list import QueueList

SIZE = (100, 30)
DISCOVER = "header:/discover-civis-alliance"


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def change_english(config_path: Path, old: str, new: str) -> None:
    """Edit the content and run sync, as another person would while the TUI is open."""
    menus = config_path.parent / "content" / "menus.yaml"
    text = menus.read_text(encoding="utf-8")
    assert f"label: {old}\n" in text
    menus.write_text(text.replace(f"label: {old}\n", f"label: {new}\n", 1), encoding="utf-8")
    sync(load_config(config_path))


Entry = tuple[str, str, list[str], str | None, bool]


def menu_entries(config_path: Path, context: str) -> list[Entry]:
    return [
        (e.msgid, e.msgstr, list(e.flags), e.previous_msgid, bool(e.obsolete))
        for e in read_catalog(catalog_path(config_path, "de", "menu"))
        if e.msgctxt == context
    ]


def test_english_changed_while_open_keeps_the_typed_text_as_stale(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The save comes before the TUI would look at the files again (the tmux test lets it).
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 3600.0)

    async def run() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, EditorScreen) and screen.item.context == DISCOVER
            await pilot.press(*"Entdecken")
            change_english(config_path, "Discover", "Discover the alliance")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, ConflictScreen)  # nothing to decide
            assert screen.position == 1

    asyncio.run(run())
    assert menu_entries(config_path, DISCOVER) == [
        ("Discover the alliance", "Entdecken", ["fuzzy", "max-length:20"], "Discover", False)
    ]


def test_a_vanished_entry_keeps_the_typed_text_as_obsolete(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 3600.0)

    async def run() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*"Entdecken")
            menus = config_path.parent / "content" / "menus.yaml"
            text = menus.read_text(encoding="utf-8")
            gone = text.replace("path: /discover-civis-alliance\n", "path: /discover\n", 1)
            menus.write_text(gone, encoding="utf-8")
            sync(load_config(config_path))
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, ConflictScreen)

    asyncio.run(run())
    expected = ("Discover", "Entdecken", ["max-length:20"], None, True)
    assert menu_entries(config_path, DISCOVER) == [expected]


def _conflict(config_path: Path, context: str, mine: str, theirs: str) -> None:
    path = catalog_path(config_path, "de", "ui")
    catalog = read_catalog(path)
    for entry in catalog:
        if entry.msgctxt == context:
            entry.msgstr = mine
            entry.flags = ["fuzzy", CONFLICT_FLAG, *entry.flags]
            entry.tcomment = with_conflict_note(entry.tcomment, (theirs,))
    write_catalog(catalog, path)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(("t",), "Suchen"), (("m",), "Suche"), (("escape", "end", *" oben", "ctrl+s"), "Suche oben")],
    ids=["take-theirs", "keep-mine", "edit"],
)
def test_a_merge_conflict_comes_first_and_ends_in_one_step(
    config_path: Path, keys: tuple[str, ...], expected: str
) -> None:
    _conflict(config_path, "search", "Suche", "Suchen")

    async def run() -> None:
        app = create_app(config_path, "de", open_editor=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            queue = app.screen
            assert isinstance(queue, QueueScreen) and queue.session is not None
            first = queue.session.queue.items[queue.order[0]]
            assert (first.context, first.badge) == ("search", "conflict")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConflictScreen)
            editor = app.screen_stack[-2]
            assert isinstance(editor, EditorScreen) and editor.item.context == "search"
            await pilot.press(*keys)
            await settle(pilot)
            assert not isinstance(app.screen, ConflictScreen)

    asyncio.run(run())
    catalog = read_catalog(catalog_path(config_path, "de", "ui"))
    entry = next(e for e in catalog if e.msgctxt == "search")
    assert entry.msgstr == expected
    assert CONFLICT_FLAG not in entry.flags and "fuzzy" not in entry.flags
    assert "Merge conflict" not in (entry.tcomment or "")


def test_the_open_tui_follows_another_translators_save(config_path: Path) -> None:
    path = catalog_path(config_path, "de", "ui")
    key = ("search", "Search")

    async def run() -> None:
        app = create_app(config_path, "de", open_editor=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            queue = app.screen
            assert isinstance(queue, QueueScreen) and queue.session is not None
            session = queue.session
            before = session.queue.counts().done
            entry = find_entry(read_catalog(path), key)
            assert entry is not None
            base = snapshot(entry)
            save_entry(path, key, base, translated(base, ("Suchen",)), "Bea")  # someone else
            await until(pilot, lambda: session.queue.counts().done == before + 1)
            await until(
                pilot,
                lambda: any(found.target == "Suchen" for found in session.memory.suggest("Search")),
            )
            assert (
                "Suchen"
                in session.queue.items[
                    session.queue.filtered(QueueFilter(frozenset(), frozenset(), "Suchen"))[0]
                ].targets
            )

    asyncio.run(run())


# Another process writing the catalogs: a translator's save (as the TUI saves), and sync.
SAVER = """
import sys
from pathlib import Path
from l10n.po.catalog import read_catalog
from l10n.po.editing import find_entry, save_entry, snapshot, translated
path, context, source, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
entry = find_entry(read_catalog(path), (context, source))
base = snapshot(entry)
save_entry(path, (context, source), base, translated(base, (text,)), "Bea")
"""
REPO = Path(__file__).resolve().parent.parent


def save_elsewhere(path: Path, context: str, source: str, text: str) -> None:
    """Another translator's save, made by a process of its own."""
    command = [sys.executable, "-c", SAVER, str(path), context, source, text]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, timeout=60)


def test_another_process_saving_reaches_counts_queue_memory_and_references(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 0.2)

    async def run() -> None:
        app = create_app(config_path, "de", open_editor=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            queue = app.screen
            assert isinstance(queue, QueueScreen) and queue.session is not None
            session = queue.session
            before = session.queue.counts().done
            queue.set_filters(search="Design by {agency}")
            await pilot.press("enter")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EditorScreen) and editor.item.context == "footer.design_by"
            assert not any(offer.text == "Website von {agency}" for offer in editor.offers)
            assert not any(offer.origin == "fr" for offer in editor.offers)
            await pilot.press(*"Design von")
            # The German credit line next to it, saved by another translator of German:
            de_ui = catalog_path(config_path, "de", "ui")
            save_elsewhere(
                de_ui, "footer.website_by", "Website by {agency}", "Website von {agency}"
            )
            await until(pilot, lambda: session.queue.counts().done == before + 1)
            website = next(i for i in session.queue.items if i.context == "footer.website_by")
            assert website.targets == ("Website von {agency}",)
            await until(pilot, lambda: any(o.text == "Website von {agency}" for o in editor.offers))
            assert "TM " in next(o.origin for o in editor.offers if o.text.startswith("Website"))
            # The same unit in French, saved by the French translator: a reference at once.
            fr_ui = catalog_path(config_path, "fr", "ui")
            save_elsewhere(fr_ui, "footer.design_by", "Design by {agency}", "Design par {agency}")
            await until(
                pilot,
                lambda: (
                    ("fr", "Design par {agency}") in [(o.origin, o.text) for o in editor.offers]
                ),
            )
            assert editor.texts() == ("Design von",)  # what is being typed stays

    asyncio.run(run())


def l10n(site: Path, *args: str) -> str:
    """Run a command of the tool in a process of its own; its output."""
    command = [sys.executable, "-m", "l10n.cli.main", *args]
    return subprocess.run(command, cwd=site, capture_output=True, text=True, check=True).stdout


def edit_interface_strings(site: Path) -> None:
    """A unit taken away (back_to_top) and one added (print_page) in the English."""
    ui = site / "content" / "ui.yaml"
    lines = ui.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("back_to_top:\n")
    assert lines[at + 1 : at + 3][0] == "  text: Back to top\n"
    kept = lines[:at] + lines[at + 3 :] + ["print_page:\n", "  text: Print this page\n"]
    ui.write_text("".join(kept), encoding="utf-8")


def test_sync_in_another_process_the_tui_counts_as_status_does(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 0.2)
    site = config_path.parent
    save_elsewhere(catalog_path(config_path, "de", "ui"), "search", "Search", "Suche")

    def status() -> dict[str, int]:
        counted = json.loads(l10n(site, "status", "--lang", "de", "--format", "json"))
        return {key: counted["languages"]["de"][key] for key in COUNT_KEYS}

    async def run() -> None:
        app = create_app(config_path, "de", open_editor=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            queue = app.screen
            assert isinstance(queue, QueueScreen) and queue.session is not None
            work = queue.session.queue
            assert work.counts().as_json() == status()
            edit_interface_strings(site)
            l10n(site, "sync")
            expected = status()
            assert expected["translated"] == 1
            await until(pilot, lambda: any(i.context == "print_page" for i in work.items))
            await until(pilot, lambda: work.counts().as_json() == expected)
            shown = [work.items[index].context for index in queue.order]
            assert "print_page" in shown and "back_to_top" not in shown

    asyncio.run(run())


def add_units(site: Path) -> None:
    """A menu item before the third one (Our work) and an interface string after `menu`,
    in the English; sync then adds them in the middle of their catalogs."""
    menus = site / "content" / "menus.yaml"
    text = menus.read_text(encoding="utf-8")
    before = "      - label: What is CIVIS?\n"
    added = "      - label: Start here\n        path: /discover-civis-alliance/start-here\n"
    menus.write_text(text.replace(before, added + before, 1), encoding="utf-8")
    ui = site / "content" / "ui.yaml"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(
        text.replace("toggle_submenu:\n", "close_menu:\n  text: Close the menu\ntoggle_submenu:\n"),
        encoding="utf-8",
    )


def queue_order(config_path: Path) -> list[tuple[str, str | None]]:
    """The to-do queue as a fresh start of the TUI orders it."""
    config = load_config(config_path)
    queue = load_queue(
        config, load_site(config), "de", format_severity=load_policies(config).judge(FORMAT, "de")
    )
    return [(queue.items[i].domain, queue.items[i].context) for i in queue.filtered(QueueFilter())]


def test_units_added_while_open_take_their_place_as_after_a_restart(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 0.2)
    site = config_path.parent
    at_start = queue_order(config_path)

    async def run() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", "ctrl+n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EditorScreen) and editor.position == 2
            open_index = editor.index
            assert (editor.item.domain, editor.item.context) == at_start[2]
            await pilot.press(*"Unsere")
            queue = app.screen_stack[-2]
            assert isinstance(queue, QueueScreen) and queue.session is not None
            work = queue.session.queue
            add_units(site)
            l10n(site, "sync")
            restarted = queue_order(config_path)
            assert ("menu", "header:/discover-civis-alliance/start-here") in restarted
            assert ("ui", "close_menu") in restarted and len(restarted) == len(at_start) + 2
            await until(pilot, lambda: len(queue.order) == len(restarted))
            shown = [(work.items[i].domain, work.items[i].context) for i in queue.order]
            assert shown == restarted
            assert [(work.items[i].domain, work.items[i].context) for i in editor.order] == shown
            assert editor.index == open_index and editor.texts() == ("Unsere",)  # not moved
            assert editor.position == restarted.index(at_start[2]) == 3
            await pilot.press("ctrl+up", "ctrl+up")  # the new menu item, after Discover
            await settle(pilot)
            assert editor.item.context == "header:/discover-civis-alliance/start-here"

    asyncio.run(run())


def test_the_coverage_screen_follows_the_files(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 0.2)
    config = load_config(config_path)

    async def run() -> None:
        app = create_app(config_path, "de", open_editor=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("c")
            coverage = app.screen
            assert isinstance(coverage, CoverageScreen)
            await until(pilot, lambda: coverage.counted)
            kinds = coverage.query_one("#kinds", DataTable)

            def shown(code: str) -> list[str]:
                return [kinds.get_cell(code, column).plain for column in ("ui", "all", "words")]

            def counted(code: str) -> list[str]:
                stats = compute_stats(config, (code,)).languages[code]
                return [
                    cell(stats.kinds["ui"]).plain,
                    cell(stats.counts).plain,
                    f"{stats.counts.words_todo:,}",
                ]

            before = {code: shown(code) for code in ("de", "fr")}
            assert before == {code: counted(code) for code in ("de", "fr")}
            # Another translator of German, then one of French (not the queue's language):
            save_elsewhere(catalog_path(config_path, "de", "ui"), "search", "Search", "Suche")
            await until(pilot, lambda: shown("de") != before["de"])
            assert shown("de") == counted("de") and shown("fr") == before["fr"]
            save_elsewhere(catalog_path(config_path, "fr", "ui"), "search", "Search", "Chercher")
            await until(pilot, lambda: shown("fr") != before["fr"])
            assert shown("fr") == counted("fr")
            assert kinds.row_count == len(config.languages)

    asyncio.run(run())


def test_units_added_while_the_queue_shows_keep_its_cursor_on_the_same_item(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 0.2)
    site = config_path.parent

    async def run() -> None:
        app = create_app(config_path, "de", open_editor=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            queue = app.screen
            assert isinstance(queue, QueueScreen) and queue.session is not None
            await pilot.press("down", "down")
            chosen = queue.current()
            assert (
                chosen is not None and chosen.context == "header:/discover-civis-alliance/our-work"
            )
            before = len(queue.order)
            add_units(site)
            l10n(site, "sync")
            await until(pilot, lambda: len(queue.order) == before + 2)
            current = queue.current()
            assert current is not None and current.context == chosen.context
            assert queue.query_one("#queue", QueueList).cursor == 3  # Start here came before

    asyncio.run(run())


def test_a_conflict_in_a_catalog_read_after_the_editor_opened_still_comes_first(
    config_path: Path,
) -> None:
    """The editor opens on the first catalog read (menus); the ui catalog's conflict
    arrives in a later batch: first in the queue, next in the editor (it went last), also
    once the checks found translations that fail (they join after it)."""
    _conflict(config_path, "search", "Suche", "Suchen")
    path = catalog_path(config_path, "de", "ui")
    catalog = read_catalog(path)
    failing = next(e for e in catalog if e.msgid and e.msgctxt != "search" and not e.flags)
    failing.msgstr = "Übersetzt "  # the whitespace check fails it: the checks add it
    write_catalog(catalog, path)

    async def run() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, EditorScreen)
            queue = next(s for s in app.screen_stack if isinstance(s, QueueScreen))
            await until(pilot, lambda: not queue.loading)
            items = screen.session.queue.items
            assert (items[queue.order[0]].context, items[queue.order[0]].badge) == (
                "search",
                "conflict",
            )
            assert screen.item.context == DISCOVER  # what the translator has open stays
            following = items[screen.order[screen.position + 1]]
            assert (following.context, following.badge) == ("search", "conflict")
            assert failing.msgctxt in [items[index].context for index in screen.order]
            assert any("translated two ways" in str(n.message) for n in app._notifications)
            await pilot.press("ctrl+n")  # the next item is the conflict: choose there
            await settle(pilot)
            assert isinstance(app.screen, ConflictScreen)

    asyncio.run(run())
