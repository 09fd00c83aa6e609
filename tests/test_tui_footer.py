"""The key bar: composed with its screen, rebuilt only when the keys it shows change."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.widgets._footer import FooterKey

from tests.tui_pilot import settle, until
from tests.tui_support import copy_bundled_site
from tui.app import create_app
from tui.screens.editor import EditorScreen
from tui.screens.queue import QueueScreen
from tui.widgets.key_footer import KeyFooter

SIZE = (100, 30)


def keys_of(screen: Screen[object]) -> list[FooterKey]:
    return list(screen.query_one(KeyFooter).query(FooterKey))


def test_the_editor_keys_are_built_once_and_stay_through_saves(tmp_path: Path) -> None:
    async def run() -> None:
        app = create_app(copy_bundled_site(tmp_path / "site"), "de")
        async with app.run_test(size=SIZE) as pilot:
            await until(
                pilot,
                lambda: isinstance(app.screen, EditorScreen) and isinstance(app.focused, TextArea),
            )
            editor = app.screen
            assert isinstance(editor, EditorScreen)
            first = keys_of(editor)  # there as soon as the editor is
            assert "Save+next" in [key.description for key in first]
            queue = next(s for s in app.screen_stack if isinstance(s, QueueScreen))
            queue_keys = keys_of(queue)
            await settle(pilot)
            await pilot.press(*"Entdecken", "ctrl+s")
            await settle(pilot)
            await pilot.press(*"Über", "ctrl+s")
            await settle(pilot)
            assert editor.position == 2
            assert keys_of(editor) == first  # the same widgets: never recomposed
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is queue)
            await pilot.pause()
            assert keys_of(queue) == queue_keys

    asyncio.run(run())


class Toggled(Screen[None]):
    """A screen whose 'Save' key is shown greyed out while `locked`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "other", "Other"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def compose(self) -> ComposeResult:
        yield Input()
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" and self.locked else True


class ToggleApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Toggled())


def test_keys_that_change_are_shown_again() -> None:
    async def run() -> None:
        app = ToggleApp()
        async with app.run_test(size=(80, 10)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, Toggled))
            screen = app.screen
            assert isinstance(screen, Toggled)
            await pilot.pause()
            save = next(key for key in keys_of(screen) if key.action == "save")
            assert not save.has_class("-disabled")
            screen.query_one(Input).focus()  # same keys: nothing rebuilt
            await pilot.pause()
            assert save in keys_of(screen)
            screen.locked = True
            screen.refresh_bindings()
            await until(pilot, lambda: save not in keys_of(screen))
            assert next(key for key in keys_of(screen) if key.action == "save").has_class(
                "-disabled"
            )

    asyncio.run(run())
