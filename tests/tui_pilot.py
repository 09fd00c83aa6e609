"""Pilot helpers of the TUI tests: wait for the app to get somewhere, never blindly."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

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


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the queue (or the language picker) has loaded and every worker is done."""
    await until(pilot, lambda: _loaded(pilot))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
