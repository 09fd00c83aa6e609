"""Hostile YAML: alias bombs and impossible dates in every YAML the tool reads.

Each case edits one real file of the bundled site and expects `file:line`, exit 2 and no
file changed. The alias bomb also runs in a subprocess under a memory and CPU limit: the
old code spent 40-60 s and 1.6 GB turning the bomb into text.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.cli.main import main
from tests.conftest import snapshot_files

ARTICLE = (
    "content/articles/"
    "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days.md"
)


def bomb(levels: int = 9, width: int = 9) -> str:
    """A flow-style 'billion laughs': each level holds one copy of the last and aliases to it."""
    value = "&a0 [" + ", ".join(['"lol"'] * width) + "]"
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * (width - 1))
        value = f"&a{level} [{value}, {aliases}]"
    return value


def insert_after(path: Path, marker: str, line: str) -> int:
    """Insert `line` after the first line containing `marker`; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if marker in text) + 1
    lines.insert(index, line + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def replace_line(path: Path, marker: str, line: str) -> int:
    """Replace the first line containing `marker` with `line`; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if marker in text)
    lines[index] = line + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


# (name, file, how to damage it: a function of the file giving the line it must name)
Damage = Callable[[Path], int]
BOMBS: list[tuple[str, str, Damage]] = [
    (
        "menu-note",
        "content/menus.yaml",
        lambda p: insert_after(p, "- label: Our work", f"        note: {bomb()}"),
    ),
    (
        "menu-path",
        "content/menus.yaml",
        lambda p: replace_line(
            p, "path: /discover-civis-alliance/our-work", f"        path: {bomb()}"
        ),
    ),
    (
        "ui-note",
        "content/ui.yaml",
        lambda p: insert_after(p, "text: Related news", f"  note: {bomb()}"),
    ),
    ("front-matter", ARTICLE, lambda p: insert_after(p, "category:", f"tags: {bomb()}")),
    ("languages", "config.yaml", lambda p: insert_after(p, "project:", f"x_anchor: {bomb()}")),
    (
        "same-words",
        "config.yaml",
        lambda p: replace_line(p, "same_words:", f"  same_words: {bomb()}"),
    ),
    (
        "mt-do-not-translate",
        "config.yaml",
        lambda p: replace_line(p, "do_not_translate:", f"  do_not_translate: {bomb()}"),
    ),
]

DATES: list[tuple[str, str, Damage]] = [
    ("front-matter", ARTICLE, lambda p: replace_line(p, "date: 2022-02-21", "date: 2022-02-31")),
    (
        "ui",
        "content/ui.yaml",
        lambda p: insert_after(p, "text: Related news", "  note: 2022-02-31"),
    ),
    ("config", "config.yaml", lambda p: insert_after(p, "project:", "translator: 2022-02-31")),
]

COMMANDS = [["sync"], ["status"], ["check"], ["report"], ["export", "-o", "out"]]


def run(site: Path, command: list[str]) -> int:
    if command[0] == "export":
        command = [*command[:-1], str(site / command[-1])]
    return main(["-c", str(site / "config.yaml"), *command])


@pytest.mark.parametrize(("name", "target", "damage"), BOMBS, ids=[case[0] for case in BOMBS])
def test_alias_bomb_is_refused_at_its_line(
    site_dir: Path, capsys: pytest.CaptureFixture[str], name: str, target: str, damage: Damage
) -> None:
    line = damage(site_dir / target)
    before = snapshot_files(site_dir)
    for command in (["sync"], ["status"], ["check"]):
        assert run(site_dir, command) == 2
        error = capsys.readouterr().err
        assert f"{target}:{line}: " in error, error
        assert "alias" in error
    assert snapshot_files(site_dir) == before


def _limited() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (30, 30))


def test_alias_bomb_is_refused_within_bounded_memory_and_cpu(site_dir: Path) -> None:
    """Under 1 GiB of address space and 30 s of CPU (the old code needed 1.6 GB and ~50 s)."""
    line = BOMBS[0][2](site_dir / BOMBS[0][1])
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(site_dir / "config.yaml"), "status"],
        capture_output=True,
        text=True,
        preexec_fn=_limited,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"content/menus.yaml:{line}: " in done.stderr


def test_a_shared_section_through_an_alias_still_loads(site_dir: Path) -> None:
    config = site_dir / "config.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "  menu:\n    fail: [missing, stale]\n    report: [needs-review, copy, checks]\n",
        "  menu: &strict\n    fail: [missing, stale]\n    report: [needs-review, copy, checks]\n",
    )
    text = text.replace(
        "  ui:\n    fail: [missing, stale]\n    report: [needs-review, copy, checks]\n",
        "  ui: *strict\n",
    )
    assert "*strict" in text
    config.write_text(text, encoding="utf-8")
    assert run(site_dir, ["status"]) == 0


def test_a_recursive_alias_is_refused(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = insert_after(site_dir / "content/ui.yaml", "text: Related news", "  note: &loop [*loop]")
    assert run(site_dir, ["status"]) == 2
    assert f"content/ui.yaml:{line}: " in capsys.readouterr().err


@pytest.mark.parametrize(("name", "target", "damage"), DATES, ids=[case[0] for case in DATES])
@pytest.mark.parametrize("command", COMMANDS, ids=[command[0] for command in COMMANDS])
def test_an_impossible_date_is_not_a_date(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    target: str,
    damage: Damage,
    command: list[str],
) -> None:
    line = damage(site_dir / target)
    before = snapshot_files(site_dir)
    assert run(site_dir, command) == 2
    error = capsys.readouterr().err
    assert f"{target}:{line}: not a date" in error, error
    assert snapshot_files(site_dir) == before
