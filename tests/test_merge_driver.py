"""The merge driver for catalogs (`l10n merge-driver`, set up by `l10n git-setup`).

Merges run in real git repositories holding a copy of the bundled site; results are checked
with GNU `msgfmt --check` and with the gate. A generated set of branch pairs over every
bundled catalog is compared with a reference merge computed entry by entry.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.po.catalog import read_catalog, render_catalog, write_catalog
from l10n.po.conflict import CONFLICT_FLAG, theirs_of
from l10n.po.merge import merge_catalogs
from l10n.states import entry_texts
from tests.tui_support import copy_bundled_site

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")
UI = Path("catalogs/ro/LC_MESSAGES/ui.po")
REPO = Path(__file__).resolve().parent.parent


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)


def msgfmt_ok(path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def repo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    site = tmp_path / "site"
    config = copy_bundled_site(site)
    git(site, "init", "-q", "-b", "main")
    git(site, "config", "user.name", "Test")
    git(site, "config", "user.email", "test@example.org")
    assert main(["-c", str(config), "git-setup"]) == 0
    said = capsys.readouterr().out
    assert "merge.l10n.driver" in said and ".gitattributes" in said
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site")
    return site


def translate(site: Path, context: str, text: str, date: str, who: str, path: Path = UI) -> None:
    """One translator's commit: an entry translated, the header stamped as a save does."""
    catalog = read_catalog(site / path)
    for entry in catalog:
        if entry.msgctxt == context and not entry.obsolete:
            entry.msgstr = text
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalog.metadata["PO-Revision-Date"] = date
    catalog.metadata["Last-Translator"] = who
    write_catalog(catalog, site / path)
    git(site, "commit", "-q", "-am", f"{who}: {context}")


def branches(site: Path, ours: list[tuple[str, str]], theirs: list[tuple[str, str]]) -> None:
    """Branch `a` and `b` from main, each translating its entries; `a` checked out."""
    for name, edits, date, who in (
        ("b", theirs, "2026-12-02 09:00+0000", "Bo <bo@example.org>"),
        ("a", ours, "2026-12-01 10:00+0000", "Ana <ana@example.org>"),
    ):
        git(site, "checkout", "-q", "-b", name, "main")
        for context, text in edits:
            translate(site, context, text, date, who)


def entry(site: Path, context: str) -> polib.POEntry:
    found = [e for e in read_catalog(site / UI) if e.msgctxt == context and not e.obsolete]
    assert len(found) == 1
    return found[0]


def test_git_setup_says_what_it_did_and_runs_twice_without_change(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert "catalogs/**/*.po merge=l10n" in attributes.splitlines()
    assert "catalogs/**/*.pot merge=l10n" in attributes.splitlines()
    driver = git(repo, "config", "--get", "merge.l10n.driver").stdout.strip()
    assert driver.endswith("merge-driver %O %A %B %P")
    assert main(["-c", str(repo / "config.yaml"), "git-setup"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attributes
    check = git(repo, "check-attr", "merge", "--", str(UI), "catalogs/ui.pot").stdout
    assert check.count("merge: l10n") == 2


def test_git_setup_keeps_what_gitattributes_had(tmp_path: Path) -> None:
    site = tmp_path / "site"
    config = copy_bundled_site(site)
    git(site, "init", "-q")
    (site / ".gitattributes").write_text("*.png binary", encoding="utf-8")
    assert main(["-c", str(config), "git-setup"]) == 0
    lines = (site / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "*.png binary" and len(lines) == 3


@needs_msgfmt
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [("menu", "toggle_submenu"), ("skip_to_content", "search_results.count")],
    ids=["adjacent", "far-apart"],
)
def test_different_entries_merge_cleanly_with_the_newest_header(
    repo: Path, ours: str, theirs: str
) -> None:
    branches(repo, [(ours, "Textul Anei")], [(theirs, "Textul lui Bo")])
    done = git(repo, "merge", "-q", "--no-edit", "b", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert entry(repo, ours).msgstr == "Textul Anei"
    merged = entry(repo, theirs)
    assert (merged.msgstr or merged.msgstr_plural[0]) == "Textul lui Bo" or merged.msgid_plural
    catalog = read_catalog(repo / UI)
    assert catalog.metadata["PO-Revision-Date"] == "2026-12-02 09:00+0000"
    assert catalog.metadata["Last-Translator"] == "Bo <bo@example.org>"
    assert "<<<<<<<" not in (repo / UI).read_text(encoding="utf-8")
    msgfmt_ok(repo / UI)
    # Nothing else changed: the merge differs from ours in their entry and the header only.
    diff = git(repo, "diff", "HEAD~1", "HEAD", "--", str(UI)).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert len(changed) <= 6, diff


@needs_msgfmt
def test_the_same_entry_two_ways_stops_with_a_valid_catalog_the_gate_fails_on(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    branches(repo, [("menu", "Meniu")], [("menu", "Meniul")])
    done = git(repo, "merge", "--no-edit", "b", check=False)
    assert done.returncode != 0
    assert "translated two ways" in done.stdout + done.stderr
    text = (repo / UI).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    msgfmt_ok(repo / UI)
    merged = entry(repo, "menu")
    assert merged.msgstr == "Meniu" and CONFLICT_FLAG in merged.flags and "fuzzy" in merged.flags
    assert theirs_of(merged.tcomment) == ("Meniul",)
    line = text.splitlines().index('msgid "Menu"') + 1
    config = str(repo / "config.yaml")
    assert main(["-c", config, "check", "--lang", "ro", "--kind", "ui"]) == 1
    out = capsys.readouterr().out
    assert f"{UI}:{line}: conflict:" in out
    assert main(["-c", config, "check", "--lang", "ro", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert {"path": str(UI), "line": line, "finding": "conflict"}.items() <= next(
        f for f in found if f["finding"] == "conflict"
    ).items()
    assert main(["-c", config, "check", "--lang", "ro", "--format", "github"]) == 1
    assert f"::error file={UI},line={line},title=l10n conflict (ro)::" in capsys.readouterr().out
    assert main(["-c", config, "status", "--lang", "ro", "--format", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)["languages"]["ro"]["kinds"]["ui"]
    assert main(["-c", config, "report", "--format", "json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["languages"]["ro"]["kinds"]["ui"] == counts
    assert main(["-c", config, "status", "--lang", "ro"]) == 0
    heading, _, ro_all, *_ = capsys.readouterr().out.splitlines()
    assert heading.split()[8] == "conflicts" and ro_all.split()[8] == "1"
    git(repo, "merge", "--abort")  # back to ours, where the entry was translated
    assert main(["-c", config, "status", "--lang", "ro", "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)["languages"]["ro"]["kinds"]["ui"]
    assert counts["needs_review"] == before["needs_review"] + 1
    assert counts["translated"] == before["translated"] - 1
    assert (counts["conflicts"], before["conflicts"]) == (1, 0)  # not done, and a conflict


def test_unreadable_input_falls_back_to_git_line_merge(tmp_path: Path) -> None:
    base = (REPO / UI).read_text(encoding="utf-8")
    ours = base.replace('msgid "Menu"\nmsgstr ""', 'msgid "Menu"\nmsgstr "Meniu"')
    theirs = base.replace('msgid "Search"\nmsgstr ""', 'msgid "Search"\nmsgstr "Caută')
    for name, text in (("O", base), ("A", ours), ("B", theirs)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "merge-driver", "O", "A", "B", "ro/ui.po"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "ro/ui.po: cannot merge entry by entry" in done.stderr
    assert "falling back to git's line merge" in done.stderr
    result = (tmp_path / "A").read_text(encoding="utf-8")
    assert 'msgstr "Meniu"' in result and 'msgstr "Caută' in result
    assert done.returncode == 0


# A generated set of branch pairs over every bundled catalog, against a reference merge.

WORDS = ("alfa", "beta", "gama", "delta", "[x]", "{count}", "ş", "ü", "é", "\\n")


def _random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))


def _edit(catalog: polib.POFile, rng: random.Random, shared: dict[int, str]) -> None:
    """A branch's work: some entries translated (a few the same way as the other branch)."""
    active = [e for e in catalog if not e.obsolete and e.msgid]
    for index in rng.sample(range(len(active)), k=min(len(active), rng.randint(0, 6))):
        entry = active[index]
        text = shared.get(index) if index in shared and rng.random() < 0.5 else _random_text(rng)
        assert text is not None
        if entry.msgid_plural:
            entry.msgstr_plural = {form: f"{text} {form}" for form in entry.msgstr_plural}
        else:
            entry.msgstr = text
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
    if rng.random() < 0.3 and active:  # a comment of the translator's
        entry = rng.choice(active)
        entry.tcomment = ((entry.tcomment or "") + "\nnote " + _random_text(rng)).strip()
    day, hour = rng.randint(1, 9), rng.randint(10, 19)
    catalog.metadata["PO-Revision-Date"] = f"2026-12-0{day} {hour}:00+0000"


def _texts(catalog: polib.POFile) -> dict[tuple[str | None, str], tuple[str, ...]]:
    return {(e.msgctxt, e.msgid): tuple(entry_texts(e)) for e in catalog if e.msgid}


def _reference(
    base: dict[tuple[str | None, str], tuple[str, ...]],
    ours: dict[tuple[str | None, str], tuple[str, ...]],
    theirs: dict[tuple[str | None, str], tuple[str, ...]],
) -> tuple[dict[tuple[str | None, str], tuple[str, ...]], set[tuple[str | None, str]]]:
    """The texts a merge must give, entry by entry, and the entries translated two ways."""
    expected, conflicts = {}, set()
    for key, old in base.items():
        mine, other = ours[key], theirs[key]
        if mine == other or other == old:
            expected[key] = mine
        elif mine == old:
            expected[key] = other
        else:
            expected[key], conflicts = mine, conflicts | {key}
    return expected, conflicts


@needs_msgfmt
def test_generated_branch_pairs_lose_no_translation(tmp_path: Path) -> None:
    paths = sorted((REPO / "catalogs").rglob("*.po"))
    rng = random.Random(14)
    pairs = 120
    for trial in range(pairs):
        path = rng.choice(paths)
        text = path.read_text(encoding="utf-8")
        sides = []
        shared = {i: _random_text(rng) for i in range(60)}
        for name in ("base", "ours", "theirs"):
            target = tmp_path / f"{trial}-{name}.po"
            target.write_text(text, encoding="utf-8")
            if name != "base":
                catalog = read_catalog(target)
                _edit(catalog, rng, shared)
                target.write_text(render_catalog(catalog), encoding="utf-8")
            sides.append(target)
        base, ours, theirs = (read_catalog(side) for side in sides)
        expected, conflicts = _reference(_texts(base), _texts(ours), _texts(theirs))
        result = merge_catalogs(base, read_catalog(sides[1]), theirs)
        out = tmp_path / f"{trial}-merged.po"
        out.write_bytes(result.data)
        msgfmt_ok(out)
        merged = {(e.msgctxt, e.msgid): e for e in read_catalog(out) if e.msgid}
        assert set(merged) == set(expected)
        assert set(result.conflicts) == conflicts
        for key, texts in expected.items():
            assert tuple(entry_texts(merged[key])) == texts, (trial, path.name, key)
            if key in conflicts:
                assert CONFLICT_FLAG in merged[key].flags
                assert theirs_of(merged[key].tcomment) == _texts(theirs)[key]
            else:
                assert CONFLICT_FLAG not in merged[key].flags
