"""Two translators at once, in real terminals: `l10n tui` in tmux beside another TUI and
beside `l10n sync`; the open TUI follows the files (counts, the open entry's English)."""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.po.catalog import read_catalog
from tests.test_tui_teamwork import add_units
from tests.test_tui_tmux import L10N, TMUX, _screen, _start, _tmux, _wait_for
from tests.tui_support import catalog_path, copy_bundled_site

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
DONE = re.compile(r" de \S+ +\d+% (\d+)/(\d+)")


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


@pytest.fixture
def sessions() -> Iterator[list[str]]:
    started: list[str] = []
    yield started
    for session in started:
        subprocess.run(
            [TMUX or "tmux", "kill-session", "-t", session], capture_output=True, timeout=10
        )


def start(sessions: list[str], config_path: Path) -> str:
    """`l10n tui --lang de` in a new tmux session, with settings of the test's own (never
    the user's theme: tmux does not pass the test's XDG_CONFIG_HOME on)."""
    session = f"l10n-team-{uuid.uuid4().hex[:8]}"
    _start(session, config_path, "de", (110, 30))
    sessions.append(session)
    _wait_for(session, lambda screen: "(1/" in screen and "Discover" in screen)
    return session


def done_count(screen: str) -> int:
    found = DONE.search(screen)
    assert found is not None, screen
    return int(found.group(1))


def test_a_save_in_one_tui_shows_in_the_other(config_path: Path, sessions: list[str]) -> None:
    first, second = start(sessions, config_path), start(sessions, config_path)
    _tmux("send-keys", "-t", second, "C-n")  # not the item the first one translates
    before = done_count(_wait_for(second, lambda screen: "(2/" in screen))
    _tmux("send-keys", "-t", first, "-l", "Entdecken Sie")
    _wait_for(first, lambda screen: "Entdecken Sie" in screen)
    _tmux("send-keys", "-t", first, "C-s")
    _wait_for(first, lambda screen: "(2/" in screen)
    _wait_for(second, lambda screen: bool(DONE.search(screen)) and done_count(screen) > before)


def open_by_search(session: str, search: str, identity: str) -> str:
    """From the editor: the queue, search, open the one item found."""
    _tmux("send-keys", "-t", session, "Escape")
    _wait_for(session, lambda screen: "Showing" in screen)
    _tmux("send-keys", "-t", session, "/")
    _wait_for(session, lambda screen: "Search English" in screen)
    _tmux("send-keys", "-t", session, "-l", search)
    _wait_for(session, lambda screen: f"search: {search}" in screen)  # the search ran
    # Tab moves to the list as the key is handled (Enter in the field would post a message
    # that a second Enter, sent at once, can overtake: that Enter was lost under load).
    _tmux("send-keys", "-t", session, "Tab")
    _tmux("send-keys", "-t", session, "Enter")
    return _wait_for(session, lambda screen: identity in screen and "(1/1)" in screen)


def test_a_save_in_one_tui_is_translation_memory_in_the_other(
    config_path: Path, sessions: list[str]
) -> None:
    first, second = start(sessions, config_path), start(sessions, config_path)
    before = done_count(open_by_search(second, "Design by", "footer.design_by"))
    assert "Website von" not in _screen(second)
    open_by_search(first, "Website by", "footer.website_by")
    _tmux("send-keys", "-t", first, "-l", "Website von {agency}")
    _wait_for(first, lambda screen: "Website von {agency}" in screen)
    _tmux("send-keys", "-t", first, "C-s")
    _wait_for(first, lambda screen: "End of the queue" in screen or "(1/1)" not in screen)
    screen = _wait_for(second, lambda screen: "Website von {agency}" in screen)
    assert re.search(r"TM \d+ ?%", screen), screen
    assert done_count(screen) == before + 1


def test_the_english_changes_under_the_open_entry_and_the_typed_text_stays(
    config_path: Path, sessions: list[str]
) -> None:
    session = start(sessions, config_path)
    _tmux("send-keys", "-t", session, "-l", "Entdecken")
    _wait_for(session, lambda screen: "Entdecken" in screen)
    menus = config_path.parent / "content" / "menus.yaml"
    text = menus.read_text(encoding="utf-8")
    menus.write_text(text.replace("label: Discover\n", "label: Discover the alliance\n", 1))
    subprocess.run([str(L10N), "sync"], cwd=config_path.parent, check=True, capture_output=True)
    screen = _wait_for(session, lambda screen: "Discover the alliance" in screen)
    assert "Entdecken" in screen
    _tmux("send-keys", "-t", session, "C-s")
    _wait_for(session, lambda screen: "(2/" in screen)
    entries = [
        (e.msgid, e.msgstr, bool(e.obsolete))
        for e in read_catalog(catalog_path(config_path, "de", "menu"))
        if e.msgctxt == "header:/discover-civis-alliance"
    ]
    assert entries == [("Discover the alliance", "Entdecken", False)]


def test_a_catalog_with_conflict_markers_is_named_and_the_rest_is_usable(
    config_path: Path, sessions: list[str]
) -> None:
    ui = catalog_path(config_path, "de", "ui")
    text = ui.read_text(encoding="utf-8")
    entry = 'msgid "Search"\nmsgstr ""\n'
    marked = text.replace(entry, entry.replace("msgstr", "<<<<<<< HEAD\nmsgstr"))
    assert marked != text
    ui.write_text(marked, encoding="utf-8")
    line = marked.splitlines().index("<<<<<<< HEAD") + 1
    session = start(sessions, config_path)  # the editor opens on the first menu item
    notified = _wait_for(session, lambda screen: "A catalog cannot be read" in screen)
    assert f"catalogs/de/LC_MESSAGES/ui.po:{line}:" in notified
    _tmux("send-keys", "-t", session, "Escape")
    shown = f"Cannot read catalogs/de/LC_MESSAGES/ui.po:{line}: unresolved merge conflict"
    screen = _wait_for(session, lambda screen: shown in screen)
    assert "loading" not in screen
    _tmux("send-keys", "-t", session, "Enter")  # the other catalogs: translate on
    _wait_for(session, lambda screen: "(1/" in screen and "Discover" in screen)


def test_units_added_while_open_take_their_place_as_after_a_restart(
    config_path: Path, sessions: list[str]
) -> None:
    session = start(sessions, config_path)
    _tmux("send-keys", "-t", session, "C-n")
    _wait_for(session, lambda screen: "(2/" in screen)
    _tmux("send-keys", "-t", session, "C-n")
    screen = _wait_for(session, lambda screen: "(3/" in screen and "Our work" in screen)
    position = re.search(r"\(3/(\d+)\)", screen)
    assert position is not None, screen
    total = int(position.group(1))
    _tmux("send-keys", "-t", session, "-l", "Unsere")
    _wait_for(session, lambda screen: "Unsere" in screen)
    add_units(config_path.parent)  # a menu item before this one, an interface string after
    subprocess.run([str(L10N), "sync"], cwd=config_path.parent, check=True, capture_output=True)
    screen = _wait_for(session, lambda screen: f"(4/{total + 2})" in screen)
    assert "Our work" in screen and "Unsere" in screen  # still here, the text too
    _tmux("send-keys", "-t", session, "C-Up")
    _wait_for(session, lambda screen: "(3/" in screen and "What is CIVIS?" in screen)
    _tmux("send-keys", "-t", session, "C-Up")
    _wait_for(session, lambda screen: "(2/" in screen and "Start here" in screen)
