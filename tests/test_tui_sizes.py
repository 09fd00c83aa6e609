"""The screens at 80×24 (the smallest terminal a translator is expected to have) and 120×36.

Each snapshot was looked at by a person (rendered to PNG) before it was accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui_pilot import settle
from tests.tui_support import copy_bundled_site, make_stale
from tui.app import create_app
from tui.screens.queue import QueueScreen

SIZES = [(80, 24), (120, 36)]
SnapCompare = Callable[..., bool]


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    config_path = copy_bundled_site(tmp_path / "site")
    make_stale(
        config_path,
        "ro",
        "ui",
        "related_news",
        "Read the related news about CIVIS that took place in late November",
        "Citiți știrile despre CIVIS care au avut loc la sfârșitul lui noiembrie",
    )
    return config_path


def _queue_filtered(**filters: str) -> Callable[[Pilot[None]], object]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        queue = pilot.app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(**filters)
        await settle(pilot)

    return run


def _editor_of(**filters: str) -> Callable[[Pilot[None]], object]:
    async def run(pilot: Pilot[None]) -> None:
        await _queue_filtered(**filters)(pilot)
        await pilot.press("enter")
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_queue_after_a_search(
    snap_compare: SnapCompare, config_path: Path, size: tuple[int, int]
) -> None:
    app = create_app(config_path, "ro", open_editor=False)
    assert snap_compare(
        app, terminal_size=size, run_before=_queue_filtered(state="all", search="civis")
    )


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_editor_stale(snap_compare: SnapCompare, config_path: Path, size: tuple[int, int]) -> None:
    app = create_app(config_path, "ro", open_editor=False)
    assert snap_compare(app, terminal_size=size, run_before=_editor_of(state="stale"))


AIX = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_editor_stale_paragraph_reworded(
    snap_compare: SnapCompare, config_path: Path, size: tuple[int, int]
) -> None:
    """A paragraph of the bundled site whose first sentence was reworded and whose second
    was dropped: the changed phrases marked, the dropped sentence named."""
    make_stale(
        config_path,
        "de",
        f"articles/{AIX}",
        AIX,
        "After the success of the Global CIVIS Days held in late November 2021 at Université "
        "libre de Bruxelles, Aix-Marseille Université organised its Local CIVIS Days on "
        "3 February 2022 to continue the discussion on *The University in the City*. "
        "More than 50 partners took part.",
        "Nach dem Erfolg der Global CIVIS Days Ende November 2021 an der Université libre de "
        "Bruxelles veranstaltete die Aix-Marseille Université am 3. Februar 2022 ihre Local "
        "CIVIS Days. Mehr als 50 Partner nahmen teil.",
    )
    app = create_app(config_path, "de", open_editor=False)
    assert snap_compare(app, terminal_size=size, run_before=_editor_of(state="stale"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_editor_plural(snap_compare: SnapCompare, config_path: Path, size: tuple[int, int]) -> None:
    app = create_app(config_path, "ro", open_editor=False)
    run_before = _editor_of(state="all", search="{count} article")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_editor_with_a_draft(
    snap_compare: SnapCompare, config_path: Path, size: tuple[int, int]
) -> None:
    async def typed_left_and_back(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*"Descoperă", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.clear_notifications()  # 'kept as a draft' is said; the snapshot is the field

    app = create_app(config_path, "ro")
    assert snap_compare(app, terminal_size=size, run_before=typed_left_and_back)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_coverage(snap_compare: SnapCompare, config_path: Path, size: tuple[int, int]) -> None:
    async def open_coverage(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    app = create_app(config_path, "ro", open_editor=False)
    assert snap_compare(app, terminal_size=size, run_before=open_coverage)
