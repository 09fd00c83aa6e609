"""A catalog left with git's conflict markers (a merge made without the driver) is bad
input everywhere: `file:line: unresolved merge conflict`, exit 2, in every format, and a
message naming the file in the TUI instead of a spinner."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import OptionList, ProgressBar, Static

from tests.tui_pilot import until
from tests.tui_support import copy_bundled_site
from tui.app import create_app
from tui.screens.languages import LanguageScreen
from tui.screens.queue import QueueScreen
from tui.widgets.progress import LanguageProgress

UI = "catalogs/de/LC_MESSAGES/ui.po"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    config = copy_bundled_site(tmp_path / "site")
    path = config.parent / UI
    text = path.read_text(encoding="utf-8")
    marked = text.replace(
        'msgid "Search"\nmsgstr ""\n',
        'msgid "Search"\n<<<<<<< HEAD\nmsgstr "Suche"\n=======\nmsgstr "Suchen"\n>>>>>>> b\n',
    )
    assert marked != text
    path.write_text(marked, encoding="utf-8")
    return config.parent


def marker_line(site: Path) -> int:
    return (site / UI).read_text(encoding="utf-8").splitlines().index("<<<<<<< HEAD") + 1


def l10n(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", *args], cwd=site, capture_output=True, text=True
    )


def test_check_and_status_name_file_and_line_with_exit_2(site: Path) -> None:
    line = marker_line(site)
    for args in (["check"], ["status"], ["check", "--lang", "de", "--format", "junit"]):
        done = l10n(site, *args)
        assert done.returncode == 2, args
        assert f"{UI}:{line}: unresolved merge conflict (<<<<<<< line)" in done.stderr


def test_json_and_github_say_the_error_on_stdout(site: Path) -> None:
    line = marker_line(site)
    done = l10n(site, "check", "--format", "json")
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert (error["path"], error["line"]) == (UI, line)
    assert error["message"].startswith("unresolved merge conflict")
    done = l10n(site, "check", "--format", "github")
    assert done.returncode == 2
    assert done.stdout.startswith(f"::error file={UI},line={line},title=l10n error::unresolved")
    done = l10n(site, "check", "--format", "junit")
    assert '<error type="bad-input"' in done.stdout and UI in done.stdout
    done = l10n(site, "check", "--format", "sarif")
    assert done.returncode == 2
    notice = json.loads(done.stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert notice["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    done = l10n(site, "check", "--format", "markdown")
    assert done.returncode == 2 and f"`{UI}:{line}`" in done.stdout


def queue_of(app: App[None]) -> QueueScreen | None:
    found = [screen for screen in app.screen_stack if isinstance(screen, QueueScreen)]
    return found[0] if found else None


def test_the_tui_names_the_file_and_line_and_the_other_catalogs_stay_usable(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.queue.FOLLOW_SECONDS", 0.1)
    line = marker_line(site)

    async def run() -> None:
        app = create_app(site / "config.yaml", "de", open_editor=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: (screen := queue_of(app)) is not None and not screen.loading)
            screen = queue_of(app)
            assert screen is not None and screen.session is not None
            assert not screen.query_one("#loading", ProgressBar).display  # no spinner
            named = screen.query_one("#unreadable", Static)
            shown = str(named.render())
            assert named.display and f"Cannot read {UI}:{line}: unresolved merge conflict" in shown
            progress = str(screen.query_one("#progress", LanguageProgress).render())
            assert progress.startswith(" de ") and "words to do" in progress  # the counts
            queue = screen.session.queue
            kinds = {queue.items[index].kind for index in screen.order}
            assert "menu" in kinds and "article" in kinds  # the other catalogs: to translate
            assert all(item.domain != "ui" for item in queue.items)
            # Resolved on disk (as after `git checkout --theirs`): its units join, the note goes.
            text = (site / UI).read_text(encoding="utf-8")
            resolved = text.replace(
                '<<<<<<< HEAD\nmsgstr "Suche"\n=======\nmsgstr "Suchen"\n>>>>>>> b\n',
                'msgstr "Suchen"\n',
            )
            assert resolved != text
            (site / UI).write_text(resolved, encoding="utf-8")
            await until(pilot, lambda: not named.display)
            search = next(item for item in queue.items if item.context == "search")
            assert (search.domain, search.targets) == ("ui", ("Suchen",))
            screen.set_filters(state="all")  # the catalog's units are in the queue now
            assert any(queue.items[index].domain == "ui" for index in screen.order)

    asyncio.run(run())


def test_the_language_picker_says_which_language_cannot_be_counted(site: Path) -> None:
    line = marker_line(site)

    async def run() -> None:
        app = create_app(site / "config.yaml")
        async with app.run_test(size=(100, 30)) as pilot:
            picker = app.screen
            assert isinstance(picker, LanguageScreen)
            await until(pilot, lambda: picker.counted)
            options = picker.query_one("#languages", OptionList)
            rows = {code: str(options.get_option(code).prompt) for code in ("de", "ro", "sv")}
            assert f"cannot count: {site / UI}:{line}: unresolved merge conflict" in rows["de"]
            assert "%" in rows["ro"] and "%" in rows["sv"] and "counting" not in rows["sv"]

    asyncio.run(run())
