"""SVG snapshots of the translator's UI at a fixed size, built by the CLI's factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui_pilot import settle
from tests.tui_support import copy_bundled_site, make_stale
from tui.app import create_app
from tui.screens.queue import QueueScreen

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    config_path = copy_bundled_site(tmp_path / "site")
    make_stale(
        config_path,
        "de",
        "ui",
        "related_news",
        "Read related news about [CIVIS]",
        "Lesen Sie ähnliche Nachrichten über [CIVIS]",
    )
    return config_path


def test_queue(snap_compare: SnapCompare, config_path: Path) -> None:
    app = create_app(config_path, "de", open_editor=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_editor_with_stale_diff(snap_compare: SnapCompare, config_path: Path) -> None:
    async def open_stale(pilot: Pilot[None]) -> None:
        await settle(pilot)
        queue = pilot.app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(state="stale")
        await pilot.press("enter")
        await settle(pilot)

    app = create_app(config_path, "de", open_editor=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_stale)


def test_editor_at_80_by_24(snap_compare: SnapCompare, config_path: Path) -> None:
    app = create_app(config_path, "ro")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_coverage(snap_compare: SnapCompare, config_path: Path) -> None:
    async def open_coverage(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    app = create_app(config_path, "de", open_editor=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_coverage)


def test_language_picker(snap_compare: SnapCompare, config_path: Path) -> None:
    app = create_app(config_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)
