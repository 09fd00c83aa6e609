"""Hostile configuration: misspelt keys at every level, and paths that lead out of the project.

Each case edits the bundled site's real config.yaml (or links an article out of the project)
and expects `config.yaml:line` (or the file), exit 2 and no file changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.cli.main import main
from tests.conftest import snapshot_files


def edit_config(site: Path, old: str, new: str) -> int:
    """Replace the first line of config.yaml containing `old` by `new`; return its number."""
    config = site / "config.yaml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if old in line)
    lines[index] = new + "\n"
    config.write_text("".join(lines), encoding="utf-8")
    return index + 1


DRY_RUN = ["pretranslate", "--lang", "sv", "--dry-run"]
# (case, line to replace, its replacement, words the message must say, command)
TYPOS = [
    ("sync", "fuzzy_threshold: 75", "  fuzy_threshold: 75",
     "unknown key 'sync.fuzy_threshold' (did you mean 'fuzzy_threshold'?)", ["sync"]),
    ("status", "copy_threshold: 95", "  copy_treshold: 95",
     "unknown key 'status.copy_treshold' (did you mean 'copy_threshold'?)", ["status"]),
    ("queue", "order: [menu, ui, article]", "  ordr: [menu, ui, article]",
     "unknown key 'queue.ordr' (did you mean 'order'?)", ["status"]),
    ("mt", "timeout: 10", "  timout: 10",
     "mt: unknown key 'timout'; did you mean 'timeout'?", DRY_RUN),
    ("mt-provider", 'url: "http://127.0.0.1:5000/"', '      urll: "http://127.0.0.1:5000/"',
     "mt.providers.libre: unknown key 'urll'; did you mean 'url'?", DRY_RUN),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "words", "command"), TYPOS, ids=[case[0] for case in TYPOS]
)
def test_a_misspelt_key_is_refused_at_its_line(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    words: str,
    command: list[str],
) -> None:
    line = edit_config(site_dir, old, new)
    assert_refused_at(site_dir, capsys, command, line, words)


def assert_refused_at(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    line: int,
    words: str,
) -> None:
    """`command` exits 2 naming config.yaml's `line` with `words`, and changes no file."""
    before = snapshot_files(site_dir)
    assert main(["-c", str(site_dir / "config.yaml"), *command]) == 2
    error = capsys.readouterr().err
    assert f"config.yaml:{line}: {words}" in error, error
    assert snapshot_files(site_dir) == before


OUTSIDE = [
    ("template-domain", "# templates:", "  templates: [{path: t.pot, domain: ../..}]",
     "domain '../..' must be a relative name"),
    ("template-path", "# templates:", "  templates: [{path: ../../etc/t.pot, domain: t}]",
     "'path: ../../etc/t.pot' leads outside the project"),
    ("content", "menus: content/menus.yaml", "  menus: ../menus.yaml",
     "'menus: ../menus.yaml' leads outside the project"),
    ("catalogs", "catalogs: catalogs", "catalogs: ../catalogs",
     "'catalogs: ../catalogs' leads outside the project"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "words"), OUTSIDE, ids=[c[0] for c in OUTSIDE])
@pytest.mark.parametrize("command", [["sync"], ["status"], ["check"]], ids=lambda c: c[0])
def test_a_path_out_of_the_project_is_refused(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    words: str,
    command: list[str],
) -> None:
    (site_dir / "t.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n')
    (site_dir.parent / "menus.yaml").write_text("header:\n  - {label: Outside, path: /x}\n")
    line = edit_config(site_dir, old, new)
    outside = snapshot_files(site_dir.parent)
    assert main(["-c", str(site_dir / "config.yaml"), *command]) == 2
    error = capsys.readouterr().err
    assert f"config.yaml:{line}: {words}" in error, error
    assert snapshot_files(site_dir.parent) == outside


def test_a_content_file_linked_out_of_the_project_is_refused(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site_dir.parent / "menus.yaml").write_text("header:\n  - {label: Outside, path: /x}\n")
    (site_dir / "content/menus.yaml").unlink()
    (site_dir / "content/menus.yaml").symlink_to(site_dir.parent / "menus.yaml")
    assert main(["-c", str(site_dir / "config.yaml"), "status"]) == 2
    assert "leads outside the project" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["sync"], ["status"], ["check"], ["export"]])
def test_an_article_linked_out_of_the_project_is_refused(
    site_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    secret = site_dir.parent / "secret.md"
    secret.write_text("---\ntitle: Private notes\n---\nNot for the site.\n")
    link = site_dir / "content/articles/linked.md"
    link.symlink_to(secret)
    if command == ["export"]:
        command = ["export", "-o", str(site_dir / "out")]
    before = snapshot_files(site_dir.parent)
    assert main(["-c", str(site_dir / "config.yaml"), *command]) == 2
    error = capsys.readouterr().err
    assert "content/articles/linked.md: a link to a file outside the project" in error, error
    assert snapshot_files(site_dir.parent) == before


# A misspelt key in each section, whichever command runs (each section used to be checked
# only by the commands that read it: `status` took a typo in `policies:` without a word).
EVERY_SECTION = [
    ("sync", "fuzzy_threshold: 75", "  fuzy_threshold: 75",
     "unknown key 'sync.fuzy_threshold' (did you mean 'fuzzy_threshold'?)"),
    ("checks", "same_words:", "  same_word: [OK]",
     "checks: unknown key 'same_word'; did you mean 'same_words'?"),
    ("mt", "timeout: 10", "  timout: 10", "mt: unknown key 'timout'; did you mean 'timeout'?"),
    ("mt-provider", 'url: "http://127.0.0.1:5000/"', '      urll: "http://127.0.0.1:5000/"',
     "mt.providers.libre: unknown key 'urll'; did you mean 'url'?"),
    ("policies", "min_coverage: 50", "    min_coverge: 50",
     "unknown key 'policies.article.min_coverge' (did you mean 'min_coverage'?)"),
    ("export", "format: yaml", "  formt: yaml",
     "unknown key 'export.formt' (did you mean 'format'?)"),
    ("pseudo", "# `l10n export`", "pseudo: {locle: en_XA}",
     "pseudo: unknown key 'locle' (valid: locale, expansion)"),
]  # fmt: skip
EVERY_COMMAND = [["status"], ["sync"], ["check"], ["report"], ["export", "-o", "out"]]


@pytest.mark.parametrize(
    ("name", "old", "new", "words"), EVERY_SECTION, ids=[case[0] for case in EVERY_SECTION]
)
@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda command: command[0])
def test_a_misspelt_key_in_any_section_is_refused_by_every_command(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    words: str,
    command: list[str],
) -> None:
    line = edit_config(site_dir, old, new)
    if command[0] == "export":
        command = ["export", "-o", str(site_dir / "out")]
    assert_refused_at(site_dir, capsys, command, line, words)
