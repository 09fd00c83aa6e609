"""The theme chosen in the command palette is the translator's: kept in the user's config
folder (never the project) and used again after a restart."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette

from tests.tui_pilot import settle, until
from tests.tui_support import copy_bundled_site
from tui.app import create_app
from tui.settings import load_settings, save_theme, settings_path

SIZE = (100, 30)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def test_the_settings_live_in_the_users_config_folder(user_settings: Path) -> None:
    assert settings_path() == user_settings / "l10n-workflow" / "tui.json"


def test_a_theme_chosen_in_the_palette_is_there_after_a_restart(
    config_path: Path, user_settings: Path
) -> None:
    async def choose() -> None:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.theme == "textual-dark"
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"theme")
            await until(pilot, lambda: _first_offer(app.screen).startswith("Theme"))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"nord")
            await until(pilot, lambda: _first_offer(app.screen) == "nord")
            await pilot.press("enter")
            await until(pilot, lambda: app.theme == "nord")

    async def restart() -> str:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            return app.theme

    asyncio.run(choose())
    saved = user_settings / "l10n-workflow" / "tui.json"
    assert json.loads(saved.read_text(encoding="utf-8")) == {"theme": "nord"}
    assert asyncio.run(restart()) == "nord"
    project = config_path.parent
    assert not [path for path in project.rglob("*.json") if "nord" in path.read_text()]


def _first_offer(screen: object) -> str:
    """The first command the palette offers for what was typed ('' while it searches)."""
    if not isinstance(screen, CommandPalette):
        return ""
    offers = screen.query_one(CommandList)
    if not offers.option_count:
        return ""
    return str(offers.get_option_at_index(0).prompt).strip()


def test_a_settings_file_that_cannot_be_read_is_said_and_never_overwritten(
    config_path: Path, user_settings: Path
) -> None:
    saved = user_settings / "l10n-workflow" / "tui.json"
    saved.parent.mkdir(parents=True)
    saved.write_text('{"theme": "nord",', encoding="utf-8")  # cut short by hand

    async def go() -> list[str]:
        app = create_app(config_path, "de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.theme == "textual-dark"
            app.theme = "gruvbox"  # as the palette sets it
            await pilot.pause()
            return [str(note.message) for note in app._notifications]

    said = asyncio.run(go())
    assert any(str(saved) in message and "not read" in message for message in said)
    assert saved.read_text(encoding="utf-8") == '{"theme": "nord",'
    assert load_settings(saved).problem is not None
    assert save_theme(saved, "nord") is not None


def test_other_keys_of_the_settings_file_are_kept(user_settings: Path) -> None:
    saved = user_settings / "tui.json"
    saved.write_text('{"theme": "nord", "later": [1, 2]}', encoding="utf-8")
    assert save_theme(saved, "gruvbox") is None
    assert json.loads(saved.read_text(encoding="utf-8")) == {"later": [1, 2], "theme": "gruvbox"}
    assert load_settings(saved).theme == "gruvbox"
    saved.write_text('{"theme": 3}', encoding="utf-8")
    assert load_settings(saved).theme is None and load_settings(saved).problem is not None
