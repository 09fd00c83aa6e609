"""Pilot tests of the translator's UI: act through keys, then read the catalog files."""

from __future__ import annotations

import asyncio
import functools
import io
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, ParamSpec

import pytest
from rich.console import Console, ConsoleRenderable
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from l10n.errors import ProviderError
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.review import machine_note
from tests.libretranslate_server import LibreTranslateServer, pseudo_translate
from tests.tui_pilot import settle, until
from tests.tui_support import catalog_path, copy_bundled_site, entry_of, make_stale, set_entry
from tui.app import TranslatorApp, create_app
from tui.checking import LiveChecks
from tui.screens.conflict import ConflictScreen
from tui.screens.coverage import CoverageScreen
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen
from tui.screens.languages import LanguageScreen
from tui.screens.queue import QueueScreen
from tui.widgets.queue_list import QueueList

SIZE = (100, 30)
P = ParamSpec("P")


def in_loop(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async test in its own event loop (no pytest async plugin needed)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


async def editor(pilot: Pilot[None]) -> EditorScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


def area(screen: EditorScreen) -> TextArea:
    return screen.query(TextArea).first()


def text_of(screen: EditorScreen, selector: str) -> str:
    """The text a panel shows (a table or group of them rendered as the terminal shows it)."""
    static = screen.query_one(selector, Static)
    if not isinstance(static.content, ConsoleRenderable):
        return str(static.render())
    console = Console(file=io.StringIO(), width=static.size.width or 80, color_system=None)
    console.print(static.content)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@in_loop
async def test_editor_opens_on_the_first_item_with_the_focus_in_the_text(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        assert screen.position == 0
        assert screen.item.kind == "menu"
        assert isinstance(app.focused, TextArea)
        assert "Discover" in text_of(screen, "#english")


@in_loop
async def test_translate_and_save_moves_on_and_writes_the_catalog(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        first = screen.item
        await pilot.press(*"Entdecken")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.position == 1
        assert screen.session.queue.items[screen.order[0]].badge == "translated"
    entry = entry_of(config_path, "de", "menu", first.context)
    assert entry["msgstr"] == "Entdecken"


@in_loop
async def test_empty_translation_is_not_saved(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        first = screen.item
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.position == 0
    assert entry_of(config_path, "de", "menu", first.context)["msgstr"] == ""


@in_loop
async def test_skip_leaves_the_catalog_alone(config_path: Path) -> None:
    before = (config_path.parent / "catalogs/de/LC_MESSAGES/menu.po").read_bytes()
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        assert screen.position == 2
        await pilot.press("ctrl+b")
        assert screen.position == 1
    assert (config_path.parent / "catalogs/de/LC_MESSAGES/menu.po").read_bytes() == before


@in_loop
async def test_accept_stale_clears_fuzzy_and_old_english(config_path: Path) -> None:
    make_stale(config_path, "de", "ui", "search", "Find", "Suche")
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        queue = app.screen_stack[-2]
        assert isinstance(queue, QueueScreen)
        await pilot.press("escape")
        queue.set_filters(state="stale")
        await pilot.press("enter")
        screen = await editor(pilot)
        assert screen.item.context == "search"
        assert "Find" in text_of(screen, "#changes")
        await pilot.press("ctrl+r")
        await settle(pilot)
    entry = entry_of(config_path, "de", "ui", "search")
    assert entry["msgstr"] == "Suche"
    assert "fuzzy" not in entry["flags"]  # type: ignore[operator]
    assert entry["previous_msgid"] is None


@in_loop
async def test_same_as_english_marks_the_entry(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        context = screen.item.context
        await pilot.press("f3")
        await settle(pilot)
        assert screen.position == 1
    entry = entry_of(config_path, "de", "menu", context)
    assert entry["msgstr"] == entry["msgid"]
    assert "ignore-copy-of-source" in entry["flags"]  # type: ignore[operator]


@in_loop
async def test_undo_puts_the_old_text_back(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        context = screen.item.context
        await pilot.press(*"Entdecken", "ctrl+s")
        await settle(pilot)
        assert entry_of(config_path, "de", "menu", context)["msgstr"] == "Entdecken"
        await pilot.press("f5")
        await settle(pilot)
        assert screen.position == 0
        assert area(screen).text == "Entdecken"  # what was typed stays, as a draft
    assert entry_of(config_path, "de", "menu", context)["msgstr"] == ""


@in_loop
async def test_undo_of_an_accepted_machine_translation_puts_its_note_back(
    config_path: Path,
) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        context = (await editor(pilot)).item.context
    path = catalog_path(config_path, "de", "menu")
    catalog = read_catalog(path)
    entry = next(e for e in catalog if e.msgctxt == context)
    entry.msgstr, entry.flags, entry.tcomment = "Entdecken", ["fuzzy"], machine_note("libre")
    write_catalog(catalog, path)
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        assert screen.item.context == context and area(screen).text == "Entdecken"
        await pilot.press("ctrl+s")  # accepted as it is: no longer waiting for review
        await settle(pilot)
        assert "fuzzy" not in entry_of(config_path, "de", "menu", context)["flags"]  # type: ignore[operator]
        assert machine_note("libre") not in path.read_text(encoding="utf-8")
        await pilot.press("f5")
        await settle(pilot)
    assert entry_of(config_path, "de", "menu", context)["flags"] == ["fuzzy"]
    restored = next(e for e in read_catalog(path) if e.msgctxt == context)
    assert restored.tcomment == machine_note("libre")


@in_loop
async def test_filters_and_search_in_the_queue(config_path: Path) -> None:
    set_entry(config_path, "de", "ui", "search", "Suche")
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        rows = queue.query_one(QueueList)
        todo = len(rows.items)
        assert all(item.needs_work for item in rows.items)
        await pilot.press("k")  # menus only
        assert rows.items and all(item.kind == "menu" for item in rows.items)
        await pilot.press("k", "k", "k")  # back to all kinds
        assert len(rows.items) == todo
        for _ in range(7):  # to do, missing, stale, needs-review, translated, copy, checks, all
            await pilot.press("s")
        await pilot.press("slash", *"suche", "enter")
        assert [item.context for item in rows.items] == ["search"]
        await pilot.press("enter")
        screen = await editor(pilot)
        assert area(screen).text == "Suche"


@in_loop
async def test_conflicting_save_is_shown_not_lost(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        context = screen.item.context
        set_entry(config_path, "de", "menu", context, "Entdeckt (von Bea)")
        await pilot.press(*"Entdecken", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert entry_of(config_path, "de", "menu", context)["msgstr"] == "Entdeckt (von Bea)"
        await pilot.press("m")
        await settle(pilot)
        assert screen.position == 1
    assert entry_of(config_path, "de", "menu", context)["msgstr"] == "Entdecken"


@in_loop
async def test_conflict_resolved_their_way_keeps_their_text(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        context = screen.item.context
        set_entry(config_path, "de", "menu", context, "Entdeckt")
        await pilot.press(*"Mine", "ctrl+s")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert area(screen).text == "Entdeckt"
    assert entry_of(config_path, "de", "menu", context)["msgstr"] == "Entdeckt"


@in_loop
async def test_markup_and_ansi_in_catalogs_show_literally(config_path: Path) -> None:
    set_entry(config_path, "de", "menu", "header:/discover-civis-alliance", "close [/] [b]x")
    set_entry(config_path, "de", "ui", "search", "\x1b[31mrot\x1b[0m [bold]")
    set_entry(config_path, "ro", "menu", "header:/discover-civis-alliance", "[/] ro")
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(state="all", search="[")
        await pilot.pause()
        await pilot.press("enter")
        screen = await editor(pilot)
        assert area(screen).text == "close [/] [b]x"
        assert "[/] ro" in text_of(screen, "#suggestions")
        await pilot.press("escape")
        queue.set_filters(search="rot")
        await pilot.press("enter")
        screen = await editor(pilot)
        assert area(screen).text == "␛[31mrot␛[0m [bold]"  # the terminal never gets ESC
        assert screen.texts() == ("\x1b[31mrot\x1b[0m [bold]",)
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot
        assert "␛[31mrot" in screenshot
        await pilot.press("end", *" ok", "ctrl+s")
        await settle(pilot)
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == "\x1b[31mrot\x1b[0m [bold] ok"
    assert entry_of(config_path, "de", "menu", "header:/discover-civis-alliance")["msgstr"] == (
        "close [/] [b]x"
    )


@in_loop
async def test_c1_controls_python_line_breaks_and_bidi_in_catalogs_are_kept_and_shown_escaped(
    config_path: Path,
) -> None:
    """U+009B is a CSI to terminals that read C1, U+2028 and U+0085 end a line in a text area
    (which split there and saved newlines in their place), U+202E reorders what follows:
    the screen shows each as the `\\uXXXX` of every command's output, and a save keeps them."""
    text = "Zqx\u2028ta\u0085re \x9b2J\u202eend"
    set_entry(config_path, "de", "ui", "search", text)
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(state="all", search="Zqx")
        await pilot.pause()
        listed = app.export_screenshot()
        assert "Zqx\\u2028ta" in listed
        assert not any(char in listed for char in "\x9b\x85\u2028\u202e")
        await pilot.press("enter")
        screen = await editor(pilot)
        assert area(screen).text == "Zqx\\u2028ta\\u0085re \\u009b2J\\u202eend"
        assert area(screen).document.line_count == 1
        assert screen.texts() == (text,)  # unchanged: no draft
        assert "draft" not in text_of(screen, "#translation-label")
        screenshot = app.export_screenshot()
        assert not any(char in screenshot for char in "\x9b\x85\u2028\u202e")
        await pilot.press("end", *" ok", "ctrl+s")
        await settle(pilot)
    assert entry_of(config_path, "de", "ui", "search")["msgstr"] == text + " ok"


@in_loop
async def test_memory_suggestion_is_inserted(config_path: Path) -> None:
    set_entry(config_path, "de", "ui", "related_news", "Ähnliche Nachrichten")
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(search="discover all our articles")
        await pilot.press("enter")
        screen = await editor(pilot)
        screen.session.memory.entries  # noqa: B018 - loaded
        offers = screen.offers
        if not offers:
            pytest.skip("no memory match in the bundled data")
        await pilot.press("f8")  # alt+digit is gone: terminals send it as ESC digit
        assert area(screen).text == offers[0].text


@in_loop
async def test_the_next_items_suggestions_are_ready_when_the_translator_gets_there(
    config_path: Path,
) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        following = screen.session.queue.items[screen.order[1]]
        assert following.context == "header:/discover-civis-alliance/what-is-civis"
        # looked up in the background while on the first item, once it is drawn
        await until(pilot, lambda: screen.session.ready_offers(following) is not None)
        ready = screen.session.ready_offers(following)
        assert ready is not None and ("ro", "Ce este CIVIS?") in ready[1]
        await pilot.press("ctrl+n")
        assert screen.position == 1
        assert "Ce este CIVIS?" in text_of(screen, "#suggestions")
        assert "looking" not in text_of(screen, "#suggestions")


class FakeMachine:
    """A machine translator that answers at once (or fails on request)."""

    name = "fake-mt"

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def translate(
        self, text: str, source: str, target: str, cancel: threading.Event | None = None
    ) -> str:
        if self.fail:
            raise ProviderError("the server refused")
        return f"[{target}] {text}"


@in_loop
async def test_machine_translation_is_asked_in_a_worker(config_path: Path) -> None:
    app = TranslatorApp(create_app(config_path).config, "de", FakeMachine())
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.offers[-1].origin == "fake-mt"
        number = len(screen.offers)
        await pilot.press(*["f8"] * number)  # f8 again: the next suggestion
        assert area(screen).text == "[de] Discover"


@in_loop
async def test_machine_translation_failure_is_a_notification(config_path: Path) -> None:
    app = TranslatorApp(create_app(config_path).config, "de", FakeMachine(fail=True))
    async with app.run_test(size=SIZE) as pilot:
        await editor(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert any("refused" in n.message for n in app._notifications)


@in_loop
async def test_language_picker_opens_the_queue(config_path: Path) -> None:
    app = create_app(config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LanguageScreen)
        await pilot.press("down", "enter")  # ro is first, de second
        screen = await editor(pilot)
        assert screen.session.language == "de"


@in_loop
async def test_language_picker_keeps_its_columns_for_long_codes_and_names(
    config_path: Path,
) -> None:
    """Sphinx 9 ships `ca@valencia`, `de_DE`, `en_HK` (English (Hong Kong SAR China)): the
    code ran into the name and the name into the bar."""
    text = config_path.read_text(encoding="utf-8")
    extra = '"ca@valencia", "de_DE", "en_HK", '
    config_path.write_text(text.replace('languages: ["', f'languages: [{extra}"', 1), "utf-8")
    app = create_app(config_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LanguageScreen)
        await until(pilot, lambda: screen.counted)
        options = screen.query_one("#languages", OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        named = ("Catalan", "German", "English", "Romanian")
        names = {row.index(name) for row, name in zip(rows[:4], named, strict=True)}
        assert len(names) == 1  # every name starts in one column
        assert len({min(row.index(c) for c in "░█" if c in row) for row in rows}) == 1
        assert "English (Ho…" in rows[2]
        room = options.scrollable_content_region.width  # one line a row at 80 columns, with
        longest = len(" 100%  9,999 to do · 99,999 words")  # the counts of Sphinx's 869 units
        assert all(
            max(row.rindex(c) for c in "░█" if c in row) + 1 + longest <= room for row in rows
        )


@in_loop
async def test_help_and_coverage_screens(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        await editor(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        assert app.screen.query_one("#kinds").row_count == 7  # type: ignore[attr-defined]


@in_loop
async def test_works_at_80_by_24(config_path: Path) -> None:
    make_stale(config_path, "de", "menu", "header:/discover-civis-alliance", "Explore", "Entd")
    app = create_app(config_path, "de")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await editor(pilot)
        assert area(screen).region.height >= 3
        assert area(screen).region.bottom <= 24


@in_loop
async def test_plural_forms_each_get_a_field(config_path: Path) -> None:
    app = create_app(config_path, "ro", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(state="all", search="{count} article")
        await pilot.press("enter")
        screen = await editor(pilot)
        areas = list(screen.query(TextArea))
        assert len(areas) == 3  # Romanian has three forms
        for number, area in enumerate(areas):
            area.load_text(f"{{count}} articol {number}")
        await pilot.press("ctrl+s")
        await settle(pilot)
    catalog = read_catalog(config_path.parent / "catalogs/ro/LC_MESSAGES/ui.po")
    entry = next(e for e in catalog if e.msgctxt == "search_results.count")
    assert entry.msgstr_plural == {n: f"{{count}} articol {n}" for n in range(3)}


@in_loop
async def test_a_plural_item_has_all_its_fields_as_soon_as_the_editor_has_the_focus(
    config_path: Path,
) -> None:
    """What is typed the moment the editor opens is what is saved (no field comes later and
    no text is loaded over it)."""
    app = create_app(config_path, "ro", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(state="all", search="{count} article")
        queue.open_item(0)
        await until(
            pilot,
            lambda: isinstance(app.screen, EditorScreen) and isinstance(app.focused, TextArea),
        )
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        areas = list(screen.query(TextArea))
        assert len(areas) == 3
        for number, field in enumerate(areas):
            field.load_text(f"{{count}} articol {number}")
        app.simulate_key("ctrl+s")
        await until(pilot, lambda: bool(screen.session.history) and not screen.saving)
        await settle(pilot)
    catalog = read_catalog(config_path.parent / "catalogs/ro/LC_MESSAGES/ui.po")
    entry = next(e for e in catalog if e.msgctxt == "search_results.count")
    assert entry.msgstr_plural == {n: f"{{count}} articol {n}" for n in range(3)}


@in_loop
async def test_a_failed_save_is_reported_and_nothing_else_breaks(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        (config_path.parent / "catalogs/de/LC_MESSAGES/menu.po").unlink()
        await pilot.press(*"Entdecken", "ctrl+s")
        await settle(pilot)
        assert screen.position == 1 and not screen.saving
        assert any("run `l10n sync`" in n.message for n in app._notifications)


@in_loop
async def test_checks_run_while_typing(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        await pilot.press(*"Discover")  # the English itself: a copy
        findings = screen.query_one("#findings", Static)
        if screen.checks.error is not None or not findings.display:
            pytest.skip("the quality checks are not available")
        assert "copy" in str(findings.render())


@in_loop
async def test_command_palette_offers_the_editor_actions(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        context = screen.item.context
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Same as English")
        commands = app.screen.query_one("CommandList", OptionList)
        await until(pilot, lambda: "Same as English" in str(commands.get_option_at_index(0).prompt))
        await pilot.press("enter")
        await settle_saves(pilot)
        assert screen.position == 1
    entry = entry_of(config_path, "de", "menu", context)
    assert "ignore-copy-of-source" in entry["flags"]  # type: ignore[operator]


async def settle_saves(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@in_loop
async def test_machine_translation_from_the_config(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LibreTranslateServer() as server:
        monkeypatch.setenv("L10N_LIBRE_URL", server.url)
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await editor(pilot)
            await pilot.press("ctrl+g")
            await settle_saves(pilot)
            assert screen.offers and screen.offers[-1].origin == "libre"
            assert screen.offers[-1].text == pseudo_translate("Discover", "de")


@in_loop
async def test_translations_failing_checks_join_the_queue(config_path: Path) -> None:
    context = "header:/discover-civis-alliance"  # max-length:20
    set_entry(
        config_path,
        "de",
        "menu",
        context,
        "Entdecken Sie die Allianz und alles andere",
        ("max-length:20",),
    )
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        if not LiveChecks(queue.config, "de").available:
            pytest.skip("the quality checks are not available")
        await until(pilot, lambda: queue.checked)
        rows = queue.query_one(QueueList)
        assert rows.items[0].context == context and rows.badges[0] == "check"
        queue.set_filters(state="failing checks")
        assert [item.context for item in rows.items] == [context]
        await pilot.press("enter")
        screen = await editor(pilot)
        assert screen.query_one("#findings", Static).display
        area(screen).load_text("Entdecken")
        await pilot.press("ctrl+s")
        await settle_saves(pilot)
        assert screen.position == 0  # the end of this one-item queue
        assert queue.session is not None and not queue.session.queue.failing


def hold_loading_after_first_domain(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The queue loads its first domain, then waits until the returned event is set."""
    from l10n.queue.work import iter_domains as real_iter_domains

    release = threading.Event()

    def slow_iter_domains(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for number, part in enumerate(real_iter_domains(*args, **kwargs)):
            if number == 1:
                assert release.wait(30), "the test never let the loading go on"
            yield part

    monkeypatch.setattr("tui.screens.queue.iter_domains", slow_iter_domains)
    return release


@in_loop
async def test_the_editor_opens_while_the_rest_of_the_queue_loads(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_loading_after_first_domain(monkeypatch)
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        queue = app.screen_stack[-2]
        assert isinstance(queue, QueueScreen) and queue.loading
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        loaded_so_far = len(screen.order)
        await pilot.press(*"Entdecken")  # typing works while the queue is loading
        assert area(screen).text == "Entdecken"
        release.set()
        await until(pilot, lambda: not queue.loading)
        assert len(screen.order) > loaded_so_far  # the editor's queue grew meanwhile


@in_loop
async def test_an_editor_opened_before_the_memory_was_complete_gets_its_suggestions(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_entry(config_path, "de", "menu", "header:/teach/resources-for-educators", "Lehrende")
    release = hold_loading_after_first_domain(monkeypatch)
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await until(pilot, lambda: queue.session is not None)
        queue.set_filters(search="Resources for researchers")
        queue.open_item(0)
        await until(pilot, lambda: isinstance(app.focused, TextArea))
        screen = app.screen
        assert isinstance(screen, EditorScreen) and queue.loading
        await until(pilot, lambda: not screen.looking_up)
        assert "Lehrende" not in text_of(screen, "#suggestions")  # the memory is not there yet
        release.set()
        await settle(pilot)
        assert "Lehrende" in text_of(screen, "#suggestions")


@in_loop
async def test_a_conflict_found_after_leaving_the_editor_is_still_resolved(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10n.po.editing import save_entry

    release = threading.Event()

    def slow_save_entry(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(30), "the test never let the save go on"
        return save_entry(*args, **kwargs)

    monkeypatch.setattr("tui.session.save_entry", slow_save_entry)
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await editor(pilot)
        context = screen.item.context
        set_entry(config_path, "de", "menu", context, "Entdeckt (von Bea)")
        await pilot.press(*"Entdecken", "ctrl+s", "escape")
        assert isinstance(app.screen, QueueScreen)  # left while the save is on its way
        release.set()
        await settle_saves(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("m")
        await settle_saves(pilot)
        assert isinstance(app.screen, QueueScreen)
    assert entry_of(config_path, "de", "menu", context)["msgstr"] == "Entdecken"


def test_finding_marks_the_offending_span() -> None:
    from tui.checking import Problem
    from tui.widgets.panels import problems_text

    target = "Căutare {coun} rezultate [/] în arhivă"
    start = target.index("{coun}")
    text = problems_text(
        [Problem("placeholders", "error", "Missing {count}", target, start, start + 6)]
    )
    marked = [
        text.plain[span.start : span.end] for span in text.spans if "reverse" in str(span.style)
    ]
    assert marked == ["{coun}"]
    assert "[/]" in text.plain  # catalog text stays data, never markup


def test_live_checks_report_where_the_problem_is(site_dir: Path) -> None:
    from l10n.config import load_config
    from l10n.model import State
    from l10n.queue.work import QueueItem
    from tui.checking import LiveChecks

    checks = LiveChecks(load_config(site_dir / "config.yaml"), "ro")
    english = "Read [the report](https://civis.eu/r) now"
    item = QueueItem("ui", "ui", "read_report", english, ("",), State.MISSING)
    problems = checks.problems(item, ("Citiți  [raportul](https://civis.eu/x) acum",), 3)
    spans = {p.check_id: p.text[p.start : p.end] for p in problems if p.start is not None}
    assert spans == {
        "whitespace": "  ",
        "markdown": "[raportul](https://civis.eu/x)",
        "urls": "https://civis.eu/x",
    }


@in_loop
async def test_moving_on_cancels_a_machine_translation_on_its_way(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.libretranslate_server import Behaviour

    # Every answer is a 429 asking to retry after 1 s: without a cancel, retries follow.
    behaviour = Behaviour(fail_first=50, fail_status=429, retry_after="1")
    with LibreTranslateServer(behaviour) as server:
        monkeypatch.setenv("L10N_LIBRE_URL", server.url)
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            screen = await editor(pilot)
            await pilot.press("ctrl+g")
            while server.requests == 0:
                await pilot.pause(0.02)
            await pilot.press("ctrl+n")
            asked_before_moving_on = server.requests
            await settle_saves(pilot)
            await pilot.pause(2.5)  # more than two retry delays
            assert server.requests <= asked_before_moving_on + 1  # at most one in flight
            assert all(offer.origin != "libre" for offer in screen.offers)


PRESS = "/connect/press-corner-branding-toolkit"


@in_loop
async def test_one_english_translated_two_ways_is_shown_as_the_gate_finds_it(
    config_path: Path,
) -> None:
    """`l10n check` finds the two Romanian labels of the press-corner link (`inconsistent`):
    the queue's failing-checks filter holds both, the editor names the other translation,
    and making them agree takes both out of the filter."""
    app = create_app(config_path, "ro", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await until(pilot, lambda: queue.checked)
        queue.set_filters(state="failing checks")
        rows = queue.query_one(QueueList)
        press = [(n, item) for n, item in enumerate(rows.items) if item.context.endswith(PRESS)]
        assert [item.context for _, item in press] == [f"header:{PRESS}", f"footer:{PRESS}"]
        assert [rows.badges[n] for n, _ in press] == ["check", "check"]
        queue.open_item(press[0][0])
        screen = await editor(pilot)
        assert screen.item.target == "Zona de presă și branding"
        findings = text_of(screen, "#findings")
        assert "inconsistent: Also translated as 'Secțiune pentru presă și branding'" in findings
        assert f"(footer:{PRESS})" in findings
        area(screen).load_text("Secțiune pentru presă și branding")
        await pilot.pause()
        assert "inconsistent" not in text_of(screen, "#findings")  # live, while typing
        await pilot.press("ctrl+s")
        await settle_saves(pilot)
        assert queue.session is not None
        failing = {queue.session.queue.items[n].context for n in queue.session.queue.failing}
        assert not {f"header:{PRESS}", f"footer:{PRESS}"} & failing
    assert entry_of(config_path, "ro", "menu", f"header:{PRESS}")["msgstr"] == (
        "Secțiune pentru presă și branding"
    )


@in_loop
async def test_the_language_picker_hands_its_choice_back_to_the_app(config_path: Path) -> None:
    app = create_app(config_path, "de", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LanguageScreen))
        await settle(pilot)
        await pilot.press("enter")  # ro is first
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen) and screen.language == "ro"
        assert not any(isinstance(s, LanguageScreen) for s in app.screen_stack)
