"""Who and when: per language, who translated and reviewed what over the catalogs' commits.

Each test makes a real git repository with several authors and commits (dates set), or runs
where the project is not a git repository, or where git is not installed at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest

from l10n.cli.main import main

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
T0 = 1767225600  # 2026-01-01T00:00:00Z
DAY = 86400
ANA = "Ana Pop <ana@example.org>"
BOGDAN = "Bogdan Ion <bogdan@example.org>"
COORDINATOR = "Coordinator <coord@example.org>"
BOT = "MT Bot <bot@example.org>"


def run(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["-c", str(site / "config.yaml"), *args]) == 0
    return capsys.readouterr().out


def commit(site: Path, author: str, when: int) -> str:
    """Commit everything as `author` (and committer) at `when`; return the commit id."""
    name, email = author.removesuffix(">").split(" <")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000",
    }  # fmt: skip
    subprocess.run(["git", "add", "-A"], cwd=site, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", f"work of {name}"], cwd=site, check=True, env=env)
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=site, check=True, env=env,
                          capture_output=True, text=True)  # fmt: skip
    return done.stdout.strip()


def edit(site: Path, language: str, domain: str, translator: str | None, **texts: str) -> None:
    """Set texts by English (`fuzzy:` before a text: needs review; `accept`: fuzzy removed)."""
    path = site / "catalogs" / language / "LC_MESSAGES" / f"{domain}.po"
    catalog = polib.pofile(str(path), wrapwidth=0)
    for english, text in texts.items():
        (entry,) = [e for e in catalog if e.msgid == english.replace("_", " ") and not e.obsolete]
        if text == "accept":
            entry.flags.remove("fuzzy")
        else:
            entry.msgstr = text.removeprefix("fuzzy:")
            if text.startswith("fuzzy:"):
                entry.flags.append("fuzzy")
    if translator is not None:
        catalog.metadata["Last-Translator"] = translator
    catalog.save(str(path))


@pytest.fixture
def history(site_dir: Path) -> dict[str, str]:
    """Four commits: the import, Ana translates, a bot suggests, Bogdan reviews (a
    coordinator commits his review and a German label of her own, unstamped)."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=site_dir, check=True)
    shas = {"import": commit(site_dir, COORDINATOR, T0)}
    edit(site_dir, "ro", "ui", ANA, Related_news="Știri similare",
         Social_networks="Rețele sociale")  # fmt: skip
    shas["ana"] = commit(site_dir, ANA, T0 + DAY)
    edit(site_dir, "ro", "ui", None, Back_to_top="fuzzy:Înapoi sus")
    shas["bot"] = commit(site_dir, BOT, T0 + 2 * DAY)
    edit(site_dir, "ro", "ui", BOGDAN, Back_to_top="accept")
    edit(site_dir, "de", "menu", None, Discover="Entdecken")
    shas["review"] = commit(site_dir, COORDINATOR, T0 + 3 * DAY)
    return shas


def people(activity: dict[str, Any], language: str) -> dict[str, dict[str, Any]]:
    return {work["person"]: work for work in activity["languages"][language]["people"]}


@needs_git
def test_who_translated_and_reviewed_what_in_the_last_commits(
    site_dir: Path, history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(run(site_dir, capsys, "report", "--format", "json", "--history", "3"))
    assert report["made_from"] == {"commit": history["review"], "time": T0 + 3 * DAY,
                                   "uncommitted_changes": False, "git": None}  # fmt: skip
    activity = report["activity"]
    assert activity["commits"] == 3
    ro = people(activity, "ro")
    assert list(ro) == [ANA, BOGDAN, BOT]  # most strings first
    assert ro[ANA] == {
        "person": ANA, "translated": 2, "words": 4, "reviewed": 0, "suggested": 0, "commits": 1,
        "last": T0 + DAY,
    }  # fmt: skip
    assert (ro[BOT]["suggested"], ro[BOT]["translated"], ro[BOT]["last"]) == (1, 0, T0 + 2 * DAY)
    assert (ro[BOGDAN]["reviewed"], ro[BOGDAN]["translated"]) == (1, 0)  # stamped: his
    assert people(activity, "de") == {
        COORDINATOR: {
            "person": COORDINATOR,
            "translated": 1,
            "words": 1,
            "reviewed": 0,
            "suggested": 0,
            "commits": 1,
            "last": T0 + 3 * DAY,
        },
    }  # not stamped: the commit's author's work
    languages = activity["languages"]
    assert (languages["ro"]["last_change"], languages["ro"]["last_commit"]) == (
        T0 + 3 * DAY, history["review"][:10],
    )  # fmt: skip
    # French was not changed in these three commits: its last change is the import
    assert languages["fr"] == {"last_change": T0, "last_commit": history["import"][:10],
                               "people": []}  # fmt: skip
    everything = json.loads(run(site_dir, capsys, "report", "--format", "json"))["activity"]
    assert everything["commits"] == 4
    assert people(everything, "ro")[COORDINATOR]["translated"] == 51  # the import's


@needs_git
def test_every_format_says_who_when_and_the_commit(
    site_dir: Path, history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = run(site_dir, capsys, "report", "--history", "3")
    assert f"Made from commit {history['review'][:10]} of 2026-01-04 00:00 UTC\n" in text
    assert "Who and when, in the catalogs' last 3 commits" in text
    assert (f"     {ANA}: 2 translated (4 words), 0 reviewed, 0 suggested; 1 commit, the last "
            "2026-01-02 00:00 UTC") in text  # fmt: skip
    assert "fr   last change 2026-01-01 00:00 UTC" in text and "; nobody in these commits" in text
    assert "coverage of strings at each commit, oldest left, ▁ 0% to █ 100%" in text
    markdown = run(site_dir, capsys, "report", "--format", "markdown", "--history", "3")
    row = "| **ro** | 2026-01-04 00:00 UTC | Ana Pop &lt;ana@example.org&gt; | 2 | 4 | 0 | 0 |"
    assert row in markdown
    page = run(site_dir, capsys, "report", "--format", "html", "--history", "3")
    assert f"Made from commit {history['review'][:10]} of 2026-01-04 00:00 UTC<" in page
    assert ">coverage (strings)</text>" in page and ">commit date (3 commits)</text>" in page
    assert '<td class="text">Ana Pop &lt;ana@example.org&gt;</td>' in page
    # a change not committed yet is said
    edit(site_dir, "sv", "ui", None, Related_news="Relaterade nyheter")
    assert " of 2026-01-04 00:00 UTC, with uncommitted changes\n" in run(site_dir, capsys, "report")


def test_outside_git_the_report_says_so(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads(run(site_dir, capsys, "report", "--format", "json"))
    assert report["made_from"]["git"] == "not a git repository"
    assert report["made_from"]["commit"] is None and report["activity"]["commits"] == 0
    assert all(not language["people"] for language in report["activity"]["languages"].values())
    text = run(site_dir, capsys, "report")
    assert "Made from files not in a commit (not a git repository)" in text
    assert "Who and when: not known (not a git repository)" in text


def test_without_git_installed_the_report_says_so(
    site_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("git") is None
    text = run(site_dir, capsys, "report")
    assert "Made from files not in a commit (git is not installed)" in text
    assert "Who and when: not known (git is not installed)" in text
    markdown = run(site_dir, capsys, "report", "--format", "markdown")
    assert "Who and when: not known (git is not installed)." in markdown
    page = run(site_dir, capsys, "report", "--format", "html")
    assert "Not known: git is not installed." in page


@needs_git
def test_a_translator_name_is_data_never_a_terminal_escape(
    site_dir: Path, history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    eve = "Eve \x1b[2J\x1b[31mRed <eve@example.org>"
    edit(site_dir, "sv", "ui", eve, Related_news="Relaterade nyheter")
    commit(site_dir, "Eve <eve@example.org>", T0 + 4 * DAY)
    text = run(site_dir, capsys, "report", "--history", "1")
    assert "\x1b" not in text
    assert "     Eve \\u001b[2J\\u001b[31mRed <eve@example.org>: 1 translated (2 words)" in text
    report = json.loads(run(site_dir, capsys, "report", "--format", "json", "--history", "1"))
    assert list(people(report["activity"], "sv")) == [eve]  # as the catalog says, in JSON
    page = run(site_dir, capsys, "report", "--format", "html", "--history", "1")
    assert "Eve \\u001b[2J\\u001b[31mRed &lt;eve@example.org&gt;" in page
