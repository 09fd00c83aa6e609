"""Poedit's and Lokalize's habits, by keys that terminals deliver (Pilot; tmux in test_tui_tmux)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from l10n.po.comment import save_comment
from l10n.po.headers import plural_forms_in
from tests.tui_pilot import settle, until
from tests.tui_support import catalog_path, copy_bundled_site, entry_of, set_entry
from tui.app import create_app
from tui.keys import APP_KEYS, EDITOR_KEYS, QUEUE_KEYS
from tui.screens.comment import CommentScreen
from tui.screens.conflict import ConflictScreen
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen, field_table, key_table
from tui.screens.queue import QueueScreen

SIZE = (100, 30)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


async def _editor(pilot: Pilot[None], **filters: str) -> EditorScreen:
    await settle(pilot)
    if filters:
        if isinstance(pilot.app.screen, EditorScreen):
            await pilot.press("escape")
        queue = pilot.app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(**filters)
        await pilot.press("enter")
        await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


def _field(screen: EditorScreen) -> TextArea:
    return screen.query(TextArea).first()


def run(test: object) -> None:
    asyncio.run(test)  # type: ignore[arg-type]


def test_enter_saves_a_label_and_breaks_a_line_in_a_paragraph(config_path: Path) -> None:
    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot)
            label = screen.item
            assert label.kind == "menu" and screen.one_line_unit
            await pilot.press(*"Entdecken", "ctrl+j", *"Sie", "enter")  # ctrl+j: a line break
            await settle(pilot)
            assert screen.position == 1
            screen = await _editor(pilot, kind="article", state="to do")
            paragraph, start = screen.item, screen.position
            assert not screen.one_line_unit
            await pilot.press(*"Erste", "enter", *"Zeile")
            assert _field(screen).text == "Erste\nZeile"
            assert screen.position == start
            await pilot.press("ctrl+j")  # ctrl+j saves a paragraph
            await settle(pilot)
            assert screen.position == start + 1
        assert entry_of(config_path, "de", "menu", label.context)["msgstr"] == "Entdecken\nSie"
        saved = entry_of(config_path, "de", paragraph.domain, paragraph.context, paragraph.source)
        assert saved["msgstr"] == "Erste\nZeile"

    run(go())


def test_copy_english_and_toggle_needs_review(config_path: Path) -> None:
    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot)
            first = screen.item
            await pilot.press("ctrl+@")  # what ctrl+space sends
            assert _field(screen).text == first.source
            await pilot.press("ctrl+a", *"X ")  # the field's own ctrl+a: start of the line
            await pilot.press("ctrl+u")
            await settle(pilot)
            assert screen.position == 0  # stays
            flags = entry_of(config_path, "de", "menu", first.context)["flags"]
            assert flags == ["fuzzy", "max-length:20"]  # marked, its other flags kept
            assert screen.item.badge == "needs-review"
            await pilot.press("ctrl+u")
            await settle(pilot)
            assert entry_of(config_path, "de", "menu", first.context)["flags"] == flags[1:]
            assert screen.item.badge == "translated"
            await pilot.press("ctrl+n", "f9")  # f9: the other key of copy-English
            assert _field(screen).text == screen.item.source
        assert entry_of(config_path, "de", "menu", first.context)["msgstr"] == "X Discover"

    run(go())


def test_suggestions_by_f8_again_and_by_click(config_path: Path) -> None:
    context = "header:/discover-civis-alliance/what-is-civis"
    set_entry(config_path, "fr", "menu", context, "Qu'est-ce que CIVIS ?")

    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot)
            await pilot.press("ctrl+n")  # "What is CIVIS?": ro and others offer theirs
            await settle(pilot)
            offers = screen.offers
            assert len(offers) >= 2
            await pilot.press("f8")
            assert _field(screen).text == offers[0].text
            await pilot.press("f8")
            assert _field(screen).text == offers[1].text
            _field(screen).load_text("")
            await pilot.click("#suggestions", offset=(5, 2))  # the line of suggestion 2
            assert _field(screen).text == offers[1].text
            await pilot.click("#suggestions", offset=(5, 0))  # the title: nothing
            assert _field(screen).text == offers[1].text

    run(go())


def test_next_and_previous_item_to_do(config_path: Path) -> None:
    async def go() -> None:
        app = create_app(config_path, "ro")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot, state="all")
            queue = screen.session.queue
            todo = [n for n, i in enumerate(screen.order) if queue.badge_of(i) != "translated"]
            assert todo[0] > 0, "the bundled ro menu starts with translated items"
            await pilot.press("ctrl+pagedown")
            assert screen.position == todo[0]
            await pilot.press("ctrl+pagedown")
            assert screen.position == todo[1]
            await pilot.press("ctrl+pageup")
            assert screen.position == todo[0]
            await pilot.press("ctrl+up")
            assert screen.position == todo[0] - 1
            await pilot.press("ctrl+down")
            assert screen.position == todo[0]

    run(go())


def test_the_translator_comment_is_edited_and_saved_through_the_lock(config_path: Path) -> None:
    """ctrl+o: the comment as on disk; esc saves it; someone else's comment meanwhile is shown
    above the field, which keeps what was typed, and the next save puts it in place."""

    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot)
            item = screen.item
            await pilot.press(*"Ent")  # typed in the translation: stays there
            dialog = await _comment_dialog(pilot)
            await pilot.press(*"Short: 20 letters", "enter", *"Header menu")
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen)
            await until(pilot, lambda: not screen.saving and "Header menu" in _context(screen))
            saved = entry_of(config_path, "de", "menu", item.context)
            assert saved["tcomment"] == "Short: 20 letters\nHeader menu"
            assert saved["msgstr"] == "" and _field(screen).text == "Ent"
            dialog = await _comment_dialog(pilot)
            assert dialog.query_one("#comment-text", TextArea).text == saved["tcomment"]
            path = catalog_path(config_path, "de", "menu")
            save_comment(path, item.key, str(saved["tcomment"]), "Theirs")  # someone else
            await pilot.press("ctrl+a", *"Mine: ", "ctrl+s")
            await until(pilot, lambda: dialog.query_one("#comment-theirs").display)
            assert app.screen is dialog
            assert entry_of(config_path, "de", "menu", item.context)["tcomment"] == "Theirs"
            await pilot.press("ctrl+s")  # theirs seen: mine replaces it
            await until(pilot, lambda: app.screen is screen and not screen.saving)
        mine = "Short: 20 letters\nMine: Header menu"  # ctrl+a: start of the last line
        assert entry_of(config_path, "de", "menu", item.context)["tcomment"] == mine

    run(go())


def test_a_comment_typed_then_ctrl_q_is_saved_before_the_app_quits(config_path: Path) -> None:
    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot)
            item = screen.item
            await _comment_dialog(pilot)
            await pilot.press(*"Keep it short", "ctrl+q")
            await until(pilot, lambda: app.return_code is not None)  # it waited for the save
        assert entry_of(config_path, "de", "menu", item.context)["tcomment"] == "Keep it short"

    run(go())


async def _comment_dialog(pilot: Pilot[None]) -> CommentScreen:
    await pilot.press("ctrl+o")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommentScreen))
    dialog = pilot.app.screen
    assert isinstance(dialog, CommentScreen)
    await until(pilot, lambda: dialog.before is not None)
    return dialog


def _context(screen: EditorScreen) -> str:
    return str(screen.query_one("#context", Static).render())


def test_help_lists_every_key_and_no_prefix_key_alone() -> None:
    console = Console(width=120, record=True)
    console.print(key_table("Editor", EDITOR_KEYS), field_table(), key_table("All", APP_KEYS))
    shown = console.export_text()
    for keys in ("ctrl+z", "f7", "tab", "f8", "ctrl+space", "ctrl+u", "ctrl+pagedown", "ctrl+j"):
        assert keys in shown
    assert not re.search(r"alt\+\d", shown) and "ctrl+@" not in shown  # alt+digit types ¡
    for key in (*EDITOR_KEYS, *APP_KEYS):  # tmux's and screen's prefix keys are never the only way
        names = key.keys.split(",")
        assert [name for name in names if name not in ("ctrl+b", "ctrl+a")], key


def test_f1_lists_every_key_of_every_screen_and_of_the_field(config_path: Path) -> None:
    """Every binding the app has (screens, dialogs, Textual's text field) is in the help,
    at 80×24 too (it scrolls); only keys a terminal never sends are left out."""

    async def go() -> str:
        app = create_app(config_path, "de")
        async with app.run_test(size=(80, 24)) as pilot:
            await _editor(pilot)
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            console = Console(width=76, record=True)
            for static in app.screen.query(Static):
                console.print(static.content)
            return console.export_text()

    shown = asyncio.run(go())
    taken = {name for key in (*EDITOR_KEYS, *APP_KEYS) for name in key.keys.split(",")}
    screens = (CommentScreen, ConflictScreen, HelpScreen, TextArea)
    keys = {name for key in (*EDITOR_KEYS, *QUEUE_KEYS, *APP_KEYS) for name in key.keys.split(",")}
    for screen in screens:
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            names = set(binding.key.split(","))
            keys |= names - taken if screen is TextArea else names
    missing = [
        name
        for name in keys
        if name not in shown and name != "ctrl+@" and not name.startswith("super+")
    ]
    assert not missing
    for name in ("ctrl+z", "f7", "tab", "ctrl+o", "shift+pagedown", "ctrl+w", "ctrl+k"):
        assert name in shown


def test_the_source_pane_scrolls_from_the_field_at_80_by_24(config_path: Path) -> None:
    """A paragraph's neighbours below the fold are reached without leaving the field."""

    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _editor(pilot, kind="article", state="to do")
            pane = screen.query_one("#source-pane", VerticalScroll)
            while pane.max_scroll_y == 0 and screen.position < len(screen.order) - 1:
                await pilot.press("ctrl+n")  # the first paragraph whose context overflows
                await settle(pilot)
            assert pane.max_scroll_y > 0
            field = app.focused
            await pilot.press("shift+pagedown")
            assert pane.scroll_y > 0 and app.focused is field
            await pilot.press("alt+up")
            assert pane.scroll_y == 0 and app.focused is field

    run(go())


def test_plural_fields_are_named_by_category_with_the_catalogs_numbers(config_path: Path) -> None:
    async def go() -> None:
        app = create_app(config_path, "ro")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot, state="all", search="{count} article")
            titles = [str(area.border_title) for area in screen.query(TextArea)]
            assert titles == ["one: 1…", "few: 0, 2, 3, 4…", "other: 20, 21, 22, 23…"]

    run(go())


def test_plural_examples_come_from_the_catalogs_own_rule(config_path: Path) -> None:
    """A header that gives Romanian two forms (as an old tool might) is followed, not CLDR."""
    path = config_path.parent / "catalogs/ro/LC_MESSAGES/ui.po"
    text = path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms: ')
    end = text.index("\\n", start)
    path.write_text(text[:start] + '"Plural-Forms: nplurals=2; plural=(n != 1);' + text[end:])
    assert plural_forms_in(path) == "nplurals=2; plural=(n != 1);"

    async def go() -> None:
        app = create_app(config_path, "ro")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot, state="all", search="{count} article")
            titles = [str(area.border_title) for area in screen.query(TextArea)]
            assert titles[:2] == ["one: 1…", "other: 0, 2, 3, 4…"]

    run(go())


def test_a_save_is_offered_as_memory_at_once(config_path: Path) -> None:
    async def go() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await _editor(pilot, search="by {agency}")
            assert screen.item.source == "Website by {agency}"
            await pilot.press(*"Website von {agency}", "ctrl+s")
            await settle(pilot)
            assert screen.item.source == "Design by {agency}"
            assert [o.text for o in screen.offers if o.origin.startswith("TM")] == [
                "Website von {agency}"
            ]

    run(go())


def test_an_item_found_by_the_checks_is_met_going_forward(config_path: Path) -> None:
    """The checks find "Who's Who" (ro) failing after the editor opened on the first item."""

    async def go() -> None:
        app = create_app(config_path, "ro")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, EditorScreen)
            queue = screen.session.queue
            assert any(queue.badge_of(index) == "check" for index in screen.order)
            met = set()
            for _ in range(len(screen.order)):
                met.add(queue.badge_of(screen.index))
                await pilot.press("ctrl+n")
            assert "check" in met

    run(go())
