"""Pilot helpers of the TUI tests: wait for the app to get somewhere, never blindly."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tui.screens.editor import EditorScreen
from tui.screens.languages import LanguageScreen
from tui.screens.queue import QueueScreen


async def until(pilot: Pilot[None], done: Callable[[], bool], steps: int = 2000) -> None:
    """Let the app run until `done()` holds (about 10 s at most)."""
    for _ in range(steps):
        if done():
            return
        await pilot.pause(0.005)
    raise AssertionError("the app did not get there")


def _loaded(pilot: Pilot[None]) -> bool:
    queues = [s for s in pilot.app.screen_stack if isinstance(s, QueueScreen)]
    if queues:
        return not queues[-1].loading
    pickers = [s for s in pilot.app.screen_stack if isinstance(s, LanguageScreen)]
    return bool(pickers) and pickers[-1].counted


def _looked_up(pilot: Pilot[None]) -> bool:
    editors = [s for s in pilot.app.screen_stack if isinstance(s, EditorScreen)]
    return not editors or not editors[-1].looking_up


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the queue (or the language picker) has loaded, the editor's suggestions
    were searched for, and every worker is done."""
    await until(pilot, lambda: _loaded(pilot))
    await until(pilot, lambda: _looked_up(pilot))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await relayout(pilot)


async def relayout(pilot: Pilot[None]) -> None:
    """Lay the screen out afresh (a resize and back) before a screenshot is taken.

    Headless, Textual 8.2.8 sometimes keeps a stale map of visible widgets after widgets
    appear while a worker is still posting updates, and exports an empty screen; a real
    terminal is not affected (the tmux test sees the queue). A resize rebuilds the map.
    """
    width, height = pilot.app.size
    await pilot.resize_terminal(width, height + 1)
    await pilot.resize_terminal(width, height)
    await pilot.pause()
