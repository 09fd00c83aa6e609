"""Nothing typed is lost: unsaved text is a draft on disk, outside the catalogs."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Static

from l10n.queue.drafts import FOLDER, Draft, Drafts
from tests.tui_pilot import settle, until
from tests.tui_support import copy_bundled_site, entry_of
from tui.app import create_app
from tui.screens.editor import EditorScreen
from tui.screens.queue import QueueScreen
from tui.widgets.queue_list import QueueList

SIZE = (100, 30)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def test_drafts_are_kept_per_language_and_ignored_by_git(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    drafts = Drafts(tmp_path, "ro")
    draft = Draft("menu", "header:/news", "News", ("Știri",), ("",))
    drafts.keep(draft)
    assert drafts.get(draft.key) == draft
    assert Drafts(tmp_path, "de").get(draft.key) is None
    assert drafts.keys() == {draft.key}
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""  # the folder ignores itself
    drafts.drop(draft.key)
    assert drafts.get(draft.key) is None
    assert drafts.keys() == set()


def test_a_draft_file_that_cannot_be_read_is_left_alone(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path, "ro")
    draft = Draft("menu", None, "News", ("Știri",))
    drafts.keep(draft)
    path = next((tmp_path / FOLDER / "ro").glob("*.json"))
    path.write_text("{not json", encoding="utf-8")
    assert drafts.get(draft.key) is None
    assert drafts.keys() == set()
    assert path.exists()


async def _leave_and_come_back(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        context = screen.item.context
        await pilot.press(*"Entdeck")
        await pilot.press("escape")  # leaving says so and keeps the text
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert any("kept as a draft" in str(n.message) for n in app._notifications)
        assert entry_of(config_path, "de", "menu", context)["msgstr"] == ""
        rows = queue.query_one("#queue", QueueList)
        assert rows.render_line(0).text.startswith(" ✎")  # marked in the queue
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.texts() == ("Entdeck",)
        assert "draft" in str(screen.query_one("#translation-label").render())
        await pilot.press(*"en", "ctrl+s")
        await settle(pilot)
        assert screen.session.drafted == set()  # saved: the draft is gone
    assert entry_of(config_path, "de", "menu", context)["msgstr"] == "Entdecken"
    assert list((config_path.parent / FOLDER / "de").glob("*.json")) == []


def test_text_left_unsaved_comes_back_and_goes_once_saved(config_path: Path) -> None:
    asyncio.run(_leave_and_come_back(config_path))


async def _typed_then_paused(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Entd")
        folder = config_path.parent / FOLDER / "de"
        # the pause after typing writes the draft (no quit, no leaving needed)
        await until(pilot, lambda: any(folder.glob("*.json")))
        files = list(folder.glob("*.json"))
        assert [json.loads(path.read_text())["targets"] for path in files] == [["Entd"]]


def test_typing_writes_the_draft_after_a_pause(config_path: Path) -> None:
    asyncio.run(_typed_then_paused(config_path))


async def _saved_where_nothing_follows(config_path: Path) -> None:
    app = create_app(config_path, "de")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.open_item(len(queue.order) - 1)  # the last of the queue: saving stays on it
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        item = screen.item
        assert item.plural is None
        await pilot.press(*"Entdecken")
        await until(pilot, lambda: "draft" in text_of(screen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.saving)
        await settle(pilot)
        saved = entry_of(config_path, "de", item.domain, item.context, item.source)
        assert saved["msgstr"] == "Entdecken"
        assert screen.item.source == item.source  # still on it
        assert screen.session.drafted == set()
        assert "draft" not in text_of(screen)  # it said 'not saved yet' of a saved text


def text_of(screen: EditorScreen) -> str:
    return str(screen.query_one("#translation-label", Static).render())


def test_a_saved_text_is_no_longer_called_a_draft(config_path: Path) -> None:
    asyncio.run(_saved_where_nothing_follows(config_path))
