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

from tests.tui_pilot import until
from tests.tui_support import copy_bundled_site
from tui.app import create_app
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


def test_the_tui_names_the_file_instead_of_a_spinner(site: Path) -> None:
    async def run() -> None:
        app = create_app(site / "config.yaml", "de")
        async with app.run_test(size=(100, 30)) as pilot:

            def queue() -> QueueScreen | None:
                found = [s for s in app.screen_stack if isinstance(s, QueueScreen)]
                return found[0] if found else None

            await until(pilot, lambda: (screen := queue()) is not None and not screen.loading)
            screen = queue()
            assert screen is not None
            shown = str(screen.query_one("#progress", LanguageProgress).render())
            assert "could not load the catalogs" in shown and "ui.po" in shown
            assert "unresolved merge conflict" in shown

    asyncio.run(run())
