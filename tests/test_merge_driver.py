"""The merge driver for catalogs (`l10n merge-driver`, set up by `l10n git-setup`).

Merges run in real git repositories holding a copy of the bundled site; results are checked
with GNU `msgfmt --check` and with the gate. Generated branch pairs over every bundled catalog
and over the benchmark's generated projects are compared with a reference merge computed
entry by entry.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from bench import generate_catalog
from bench.generate import generate
from bench.merge_pairs import Texts, reference_merge, texts_of, write_pair
from l10n.cli.main import main
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.conflict import CONFLICT_FLAG, theirs_of
from l10n.states import entry_texts
from tests.conftest import slow
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


# Generated branch pairs, held to a reference merge computed entry by entry (bench/merge_pairs):
# the bundled catalogs, and the generated projects of the benchmark (bench/generate.py: the
# site's shape, a catalog per article; bench/generate_catalog.py: one large catalog per
# language), small here and at 10k with L10N_SLOW_TESTS=1 (CI). Most pairs go through the
# driver's command; a sample through `git merge` in a repository set up by `l10n git-setup`.


@dataclass
class Tally:
    """What a set of pairs came to."""

    pairs: int = 0
    translated: int = 0  # entries a branch translated anew
    conflicts: int = 0  # of them, entries translated two ways
    lost: int = 0  # entries whose merge differs from the reference (a translation lost)


def held_to_reference(base: Path, ours: Texts, theirs: Path, merged: Path, tally: Tally) -> bool:
    """The merged catalog against the reference: msgfmt accepts it, every entry has the text
    the reference gives, each entry translated two ways is marked and keeps theirs. Whether
    the merge had conflicts."""
    msgfmt_ok(merged)
    old, other = texts_of(read_catalog(base)), texts_of(read_catalog(theirs))
    expected, conflicts = reference_merge(old, ours, other)
    result = {(e.msgctxt, e.msgid): e for e in read_catalog(merged) if e.msgid}
    assert set(result) == set(expected)
    lost = [
        key
        for key, texts in expected.items()
        if tuple(entry_texts(result[key])) != texts
        or (key in conflicts and theirs_of(result[key].tcomment) != other[key])
    ]
    marked = {key for key, entry in result.items() if CONFLICT_FLAG in entry.flags}
    tally.pairs += 1
    tally.translated += sum(ours[k] != old[k] for k in old) + sum(other[k] != old[k] for k in old)
    tally.conflicts += len(conflicts)
    tally.lost += len(lost)
    assert not lost, (merged, lost[:3])
    assert marked == conflicts
    return bool(conflicts)


def driver_pairs(paths: list[Path], folder: Path, pairs: int, most: int, seed: int) -> Tally:
    """`pairs` branch pairs of catalogs drawn from `paths`, each merged by the driver's
    command (as git runs it: the result written over ours)."""
    rng, tally = random.Random(seed), Tally()
    for trial in range(pairs):
        base, ours, theirs = (folder / f"{trial}-{side}.po" for side in ("base", "A", "B"))
        shutil.copy(rng.choice(paths), base)
        write_pair(base, ours, theirs, rng, most)
        mine = texts_of(read_catalog(ours))
        status = main(["merge-driver", str(base), str(ours), str(theirs)])
        assert status == int(held_to_reference(base, mine, theirs, ours, tally))
        for side in (base, ours, theirs):
            side.unlink()
    return tally


def git_pairs(site: Path, catalogs: list[Path], pairs: int, most: int, seed: int) -> Tally:
    """`pairs` branch pairs merged by `git merge` in `site` (set up by `l10n git-setup`):
    branch b commits theirs, branch a ours, and a merges b."""
    rng, tally = random.Random(seed), Tally()
    work = site.parent / f"{site.name}-pairs"
    work.mkdir(exist_ok=True)
    base, ours, theirs = work / "base.po", work / "A.po", work / "B.po"
    for trial in range(pairs):
        catalog = rng.choice(catalogs)
        shutil.copy(site / catalog, base)
        write_pair(base, ours, theirs, rng, most)
        for branch, side in ((f"b{trial}", theirs), (f"a{trial}", ours)):
            git(site, "checkout", "-q", "-b", branch, "main")
            shutil.copy(side, site / catalog)
            git(site, "commit", "-q", "-am", f"{branch}: {catalog}")
        done = git(site, "merge", "--no-edit", f"b{trial}", check=False)
        conflicts = held_to_reference(
            base, texts_of(read_catalog(ours)), theirs, site / catalog, tally
        )
        assert done.returncode == int(conflicts), done.stdout + done.stderr
        assert ("translated two ways" in done.stderr) == conflicts
        if conflicts:
            git(site, "merge", "--abort")
        git(site, "checkout", "-q", "main")
    return tally


def git_site(folder: Path) -> Path:
    """A generated project's first version in a git repository, set up by `l10n git-setup`."""
    site = folder.parent / f"{folder.parent.name}-git"
    shutil.copytree(folder, site)
    git(site, "init", "-q", "-b", "main")
    git(site, "config", "user.name", "Test")
    git(site, "config", "user.email", "test@example.org")
    assert main(["-c", str(site / "config.yaml"), "git-setup"]) == 0
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "generated project")
    return site


def catalogs_of(site: Path) -> list[Path]:
    return sorted(path.relative_to(site) for path in (site / "catalogs").rglob("*.po"))


@needs_msgfmt
def test_generated_branch_pairs_over_the_bundled_catalogs_lose_no_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally = driver_pairs(sorted((REPO / "catalogs").rglob("*.po")), tmp_path, 120, 6, 14)
    capsys.readouterr()
    assert (tally.pairs, tally.lost) == (120, 0)
    assert tally.conflicts > 10 and tally.translated > 120  # the pairs did meet


@pytest.fixture(scope="module")
def small_bench(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The benchmark's two shapes of project, small: the site at 400 units, 1,000 entries
    a catalog."""
    folder = tmp_path_factory.mktemp("bench")
    generate(400, folder / "site", 1)
    generate_catalog.generate(1000, folder / "catalog", 1)
    return {"site": folder / "site" / "v1", "catalog": folder / "catalog" / "v1"}


@needs_msgfmt
@pytest.mark.parametrize(
    ("shape", "pairs", "in_git", "most"),
    [("site", 60, 6, 6), ("catalog", 8, 2, 30)],
)
def test_generated_branch_pairs_over_the_bench_catalogs_lose_no_translation(
    small_bench: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    shape: str,
    pairs: int,
    in_git: int,
    most: int,
) -> None:
    site = git_site(small_bench[shape])
    catalogs = catalogs_of(site)
    direct = driver_pairs([site / path for path in catalogs], tmp_path, pairs, most, 14)
    merged = git_pairs(site, catalogs, in_git, most, 15)
    capsys.readouterr()
    assert (direct.pairs, merged.pairs, direct.lost, merged.lost) == (pairs, in_git, 0, 0)
    assert direct.conflicts > 0 and direct.translated > pairs


@slow
@needs_msgfmt
@pytest.mark.parametrize(
    ("shape", "pairs", "in_git", "most"),
    [("site", 100, 10, 6), ("catalog", 8, 2, 40)],
)
def test_generated_branch_pairs_over_the_10k_bench_lose_no_translation(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    shape: str,
    pairs: int,
    in_git: int,
    most: int,
) -> None:
    """The acceptance at the benchmark's size: 10,000 units (the catalog shape: a catalog of
    10,000 entries per language, each merge reads three)."""
    if shape == "site":
        generate(10_000, tmp_path / "bench", 1)
    else:
        generate_catalog.generate(10_000, tmp_path / "bench", 1)
    site = git_site(tmp_path / "bench" / "v1")
    catalogs = catalogs_of(site)
    direct = driver_pairs([site / path for path in catalogs], tmp_path, pairs, most, 14)
    merged = git_pairs(site, catalogs, in_git, most, 15)
    capsys.readouterr()
    assert (direct.pairs, merged.pairs, direct.lost, merged.lost) == (pairs, in_git, 0, 0)
    assert direct.conflicts > 0
