"""The status and report tables keep their columns when a language's code is longer than the
column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.cli.main import main
from tests.conftest import DATA

SPHINX = DATA / "adopt" / "sphinx" / "locale"


def test_long_language_codes_keep_the_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sphinx 9 ships `ca@valencia` and `zh_TW.Big5`: wider than the language column, they
    pushed their rows' numbers one place right of the headings."""
    locale = tmp_path / "locale"
    shutil.copy(SPHINX / "sphinx.pot", tmp_path / "sphinx.pot")
    codes = ("de", "ca@valencia", "zh_TW.Big5")
    for code in codes:
        (locale / code / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(SPHINX / "de/LC_MESSAGES/sphinx.po", locale / code / "LC_MESSAGES")
    (tmp_path / "config.yaml").write_text(
        f'project: s\nsource: "en"\nlanguages: {list(codes)}\ncatalogs: locale\n'
        "content:\n  templates:\n    - {path: sphinx.pot, domain: sphinx}\n",
        encoding="utf-8",
    )
    assert main(["-c", str(tmp_path / "config.yaml"), "status"]) == 0
    head, _, *rows = capsys.readouterr().out.splitlines()
    kind = head.index("kind")
    ends = [head.index(name) + len(name) for name in ("units", "done", "missing", "words to do")]
    assert [row.split()[0] for row in rows[::2]] == list(codes)
    for row in rows:
        assert row[kind:].startswith(("all ", "ui ")), row
        assert all(row[end - 1].isdigit() and row[end] == " " for end in ends), row
    assert len({len(row) for row in rows}) == 1
    assert main(["-c", str(tmp_path / "config.yaml"), "report"]) == 0
    table = capsys.readouterr().out.split("\n\n")[1].splitlines()
    head, *rows = table[1:]
    ends = [head.index(name) + len(name) for name in ("strings", "words", "words left")]
    assert [row.split()[0] for row in rows[::2]] == list(codes)
    for row in rows:
        assert all(row[end - 1].isdigit() and row[end : end + 1] in (" ", "") for end in ends), row
