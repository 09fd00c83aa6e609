"""The real thing in a real terminal: `l10n tui --lang de` in tmux, type, ctrl+s, quit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.tui_support import copy_bundled_site, entry_of

TMUX = shutil.which("tmux")
L10N = Path(sys.executable).with_name("l10n")
REPO = Path(__file__).resolve().parent.parent  # the checkout whose code the app runs
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def _tmux(*args: str) -> str:
    assert TMUX is not None
    done = subprocess.run([TMUX, *args], capture_output=True, text=True, check=True, timeout=10)
    return done.stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def _wait_for(session: str, found: Callable[[str], bool], timeout: float = 20.0) -> str:
    """Poll the pane until `found(screen)` holds (no blind sleeps)."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if found(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"timed out; the screen was:\n{screen}")


def _press_until(session: str, key: str, found: Callable[[str], bool], tries: int = 5) -> None:
    """Send `key` until `found(screen)` holds: a key that arrives while the queue redraws
    after its background checks can be lost, so a press with no effect within 5 s is
    sent again."""
    for _ in range(tries):
        if found(_screen(session)):
            return
        _tmux("send-keys", "-t", session, key)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if found(_screen(session)):
                return
            time.sleep(0.1)


@pytest.fixture
def language() -> str:
    return "de"


@pytest.fixture
def tmux_session(tmp_path: Path, language: str) -> Iterator[tuple[str, Path]]:
    config_path = copy_bundled_site(tmp_path / "site")
    session = f"l10n-test-{uuid.uuid4().hex[:8]}"
    _start(session, config_path, language)
    try:
        yield session, config_path
    finally:
        subprocess.run(
            [TMUX or "tmux", "kill-session", "-t", session],
            capture_output=True,
            check=False,
            timeout=10,
        )


def test_translate_the_first_item_in_tmux(tmux_session: tuple[str, Path]) -> None:
    session, config_path = tmux_session
    _wait_for(session, lambda screen: "(1/" in screen and "Discover" in screen)
    _tmux("send-keys", "-t", session, "-l", "Entdecken Sie")
    _wait_for(session, lambda screen: "Entdecken Sie" in screen)
    _tmux("send-keys", "-t", session, "C-s")
    _wait_for(session, lambda screen: "(2/" in screen)
    _tmux("send-keys", "-t", session, "C-q")
    _wait_for(session, lambda screen: "Save+next" not in screen)
    entry = entry_of(config_path, "de", "menu", "header:/discover-civis-alliance")
    assert entry["msgstr"] == "Entdecken Sie"


@pytest.mark.parametrize("language", ["ro"])
def test_failing_checks_show_one_english_translated_two_ways_in_tmux(
    tmux_session: tuple[str, Path],
) -> None:
    """Real keys: the queue's state filter to 'failing checks' shows both Romanian labels of
    the press-corner link; `l` opens the language picker, whose choice opens that queue."""
    session, _ = tmux_session
    _wait_for(session, lambda screen: "(1/" in screen and "Save+next" in screen)
    _wait_for(session, lambda screen: _leave_editor(session, screen), timeout=60)
    _wait_for(session, lambda screen: "Showing to do" in screen and "loading" not in screen)
    # s cycles to do, missing, stale, needs-review, translated, copy, failing checks; a key
    # that arrives while the queue redraws after its background check can be lost, so a press
    # whose label does not change within 3 s is sent again (the cycle comes round if not)
    for _ in range(30):
        screen = _screen(session)
        if "Showing failing checks " in screen:
            break
        before = _showing(screen)
        _tmux("send-keys", "-t", session, "s")
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and _showing(_screen(session)) == before:
            time.sleep(0.1)
    screen = _wait_for(session, lambda screen: "Showing failing checks " in screen)
    # the rows show the English cut to its column, and each translation beside it
    screen = _wait_for(session, lambda screen: screen.count("Press corner & bra") == 2)
    assert "Zona de presă" in screen and "Secțiune pentru" in screen
    assert screen.count("randing-toolkit") == 2  # the header's and the footer's
    _tmux("send-keys", "-t", session, "l")
    _wait_for(session, lambda screen: "Which language" in screen and "counting" not in screen)
    _tmux("send-keys", "-t", session, "Down", "Enter")  # ro is first, de second
    _wait_for(session, lambda screen: "(1/" in screen and " de " in screen)
    _tmux("send-keys", "-t", session, "C-q")
    _wait_for(session, lambda screen: "Save+next" not in screen)


def _showing(screen: str) -> str:
    return next((line for line in screen.splitlines() if "Showing " in line), "")


def _leave_editor(session: str, screen: str) -> bool:
    """Esc until the queue shows (a key sent while the editor is still being built is lost)."""
    if "Showing" in screen:
        return True
    _tmux("send-keys", "-t", session, "Escape")
    return False


def _start(
    session: str, config_path: Path, language: str = "de", size: tuple[int, int] = (100, 30)
) -> None:
    """`l10n tui` of this checkout in a new tmux session; the pane stays after it quits."""
    settings = config_path.parent.parent / "user-config"  # never the real user's theme
    command = f"cd {config_path.parent} && TERM=xterm-256color PYTHONPATH={REPO}"
    command += f" XDG_CONFIG_HOME={settings} {L10N} tui"
    command += f" --lang {language}; sleep 30"
    width, height = size
    _tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command)


def test_text_typed_then_quit_is_back_after_a_restart(tmp_path: Path) -> None:
    config_path = copy_bundled_site(tmp_path / "site")
    first, second = (f"l10n-test-{uuid.uuid4().hex[:8]}" for _ in range(2))
    try:
        _start(first, config_path)
        _wait_for(first, lambda screen: "(1/" in screen and "Discover" in screen)
        _tmux("send-keys", "-t", first, "-l", "Entdecken Sie")
        _wait_for(first, lambda screen: "Entdecken Sie" in screen)
        _tmux("send-keys", "-t", first, "C-q")  # at once: no pause for the draft to be kept
        _wait_for(first, lambda screen: "kept as a draft" in screen)
        _start(second, config_path)
        screen = _wait_for(second, lambda screen: "(1/" in screen and "Discover" in screen)
        assert "Entdecken Sie" in screen
        assert "draft" in screen
    finally:
        for session in (first, second):
            subprocess.run([TMUX or "tmux", "kill-session", "-t", session], capture_output=True)
    entry = entry_of(config_path, "de", "menu", "header:/discover-civis-alliance")
    assert entry["msgstr"] == ""


def test_keys_as_a_terminal_sends_them(tmp_path: Path) -> None:
    """F8 inserts a suggestion and nothing else; ctrl+space copies the English; ctrl+u marks
    for review and stays; Enter saves a label and goes on."""
    config_path = copy_bundled_site(tmp_path / "site")
    session = f"l10n-test-{uuid.uuid4().hex[:8]}"
    try:
        _start(session, config_path)
        _wait_for(session, lambda screen: "(1/" in screen and "Descoperiți" in screen)
        _tmux("send-keys", "-t", session, "F8")  # the ro suggestion (alt+1 typed ¡ here)
        _tmux("send-keys", "-t", session, "C-s")
        _wait_for(session, lambda screen: "(2/" in screen and "What is CIVIS?" in screen)
        _tmux("send-keys", "-t", session, "C-Space")
        _wait_for(session, lambda screen: screen.count("What is CIVIS?") >= 2)
        _tmux("send-keys", "-t", session, "-l", " (ok)")
        _wait_for(session, lambda screen: "What is CIVIS? (ok)" in screen)
        _tmux("send-keys", "-t", session, "C-u")
        _wait_for(session, lambda screen: "needs-review" in screen and "(2/" in screen)
        _tmux("send-keys", "-t", session, "C-n")
        _wait_for(session, lambda screen: "(3/" in screen)
        _tmux("send-keys", "-t", session, "-l", "Unsere Arbeit")
        _wait_for(session, lambda screen: "Unsere Arbeit" in screen)
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, lambda screen: "(4/" in screen)
        _tmux("send-keys", "-t", session, "C-q")
        _wait_for(session, lambda screen: "Save+next" not in screen)
    finally:
        subprocess.run([TMUX or "tmux", "kill-session", "-t", session], capture_output=True)
    menu = "header:/discover-civis-alliance"
    assert entry_of(config_path, "de", "menu", menu)["msgstr"] == "Descoperiți"
    marked = entry_of(config_path, "de", "menu", f"{menu}/what-is-civis")
    assert marked["msgstr"] == "What is CIVIS? (ok)"
    assert "fuzzy" in marked["flags"]  # type: ignore[operator]
    assert entry_of(config_path, "de", "menu", f"{menu}/our-work")["msgstr"] == "Unsere Arbeit"


def test_the_romanian_plural_item_shows_its_categories(tmp_path: Path) -> None:
    config_path = copy_bundled_site(tmp_path / "site")
    session = f"l10n-test-{uuid.uuid4().hex[:8]}"
    try:
        _start(session, config_path, "ro")
        _wait_for(session, lambda screen: "(1/" in screen)
        _tmux("send-keys", "-t", session, "Escape")
        _wait_for(session, lambda screen: "Showing" in screen)
        _tmux("send-keys", "-t", session, "/")
        _wait_for(session, lambda screen: "Search English" in screen)
        _tmux("send-keys", "-t", session, "-l", "{count} article")
        _wait_for(session, lambda screen: "search: {count} article" in screen)
        _tmux("send-keys", "-t", session, "Enter")  # the search is done: the queue has focus
        _press_until(session, "Enter", lambda screen: "(1/" in screen)
        screen = _wait_for(
            session, lambda screen: "search_results.count" in screen and "(1/" in screen
        )
        assert "one: 1…" in screen
        assert "few: 0, 2, 3, 4…" in screen
        assert "other: 20, 21, 22, 23…" in screen
    finally:
        subprocess.run([TMUX or "tmux", "kill-session", "-t", session], capture_output=True)


def test_the_translator_comment_by_keys_a_terminal_sends(tmp_path: Path) -> None:
    """ctrl+o opens the entry's comment, esc saves it into the catalog; the text typed in the
    translation stays in its field, unsaved."""
    config_path = copy_bundled_site(tmp_path / "site")
    session = f"l10n-test-{uuid.uuid4().hex[:8]}"
    try:
        _start(session, config_path)
        _wait_for(session, lambda screen: "(1/" in screen and "Discover" in screen)
        _tmux("send-keys", "-t", session, "-l", "Entdecken")
        _wait_for(session, lambda screen: "Entdecken" in screen)
        _tmux("send-keys", "-t", session, "C-o")
        _wait_for(session, lambda screen: "Comment for translators" in screen)
        _wait_for(session, lambda screen: "reading" not in screen)
        _tmux("send-keys", "-t", session, "-l", "Header menu, 20 letters")
        _wait_for(session, lambda screen: "Header menu, 20 letters" in screen)
        _tmux("send-keys", "-t", session, "Escape")
        screen = _wait_for(session, lambda screen: "Comment saved" in screen)
        assert "Note     Header menu, 20 letters" in screen
        assert "Entdecken" in screen
        _tmux("send-keys", "-t", session, "C-q")
        _wait_for(session, lambda screen: "Save+next" not in screen)
    finally:
        subprocess.run([TMUX or "tmux", "kill-session", "-t", session], capture_output=True)
    entry = entry_of(config_path, "de", "menu", "header:/discover-civis-alliance")
    assert entry["tcomment"] == "Header menu, 20 letters"
    assert entry["msgstr"] == ""  # the translation was not saved: it is a draft


def test_the_english_scrolls_at_80_by_24_by_keys_a_terminal_sends(tmp_path: Path) -> None:
    """A heading's neighbouring paragraphs are below the fold at 80x24: shift+pagedown
    brings them up, alt+up takes them back, and typing still goes into the field."""
    config_path = copy_bundled_site(tmp_path / "site")
    session = f"l10n-test-{uuid.uuid4().hex[:8]}"
    try:
        _start(session, config_path, size=(80, 24))
        _wait_for(session, lambda screen: "(1/" in screen)
        _wait_for(session, lambda screen: _leave_editor(session, screen), timeout=60)
        _tmux("send-keys", "-t", session, "/")
        _wait_for(session, lambda screen: "Search English" in screen)
        _tmux("send-keys", "-t", session, "-l", "The Local CIVIS Days webinar")
        _wait_for(session, lambda screen: "search: The Local CIVIS Days webinar" in screen)
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, lambda screen: " 1 item " in screen)
        _press_until(session, "Enter", lambda screen: "(1/1)" in screen)
        screen = _wait_for(session, lambda screen: "(1/1)" in screen and "English" in screen)
        assert "After    " not in screen  # the next paragraph is below the fold
        _tmux("send-keys", "-t", session, "S-NPage")
        screen = _wait_for(session, lambda screen: "After    " in screen)
        assert "English  The Local" not in screen
        _tmux("send-keys", "-t", session, "M-Up")
        _wait_for(session, lambda screen: "English  The Local" in screen)
        _tmux("send-keys", "-t", session, "-l", "Die lokalen CIVIS-Tage")
        _wait_for(session, lambda screen: "Die lokalen CIVIS-Tage" in screen)
        _tmux("send-keys", "-t", session, "C-q")
        _wait_for(session, lambda screen: "Save+next" not in screen)
    finally:
        subprocess.run([TMUX or "tmux", "kill-session", "-t", session], capture_output=True)
