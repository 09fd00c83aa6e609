"""Bad input: a message naming the file and the line, exit status 2, no file changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.po.atomic import write_atomic
from l10n.po.catalog import read_catalog
from tests.conftest import DATA, snapshot_files

BAD = DATA / "bad"
ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"

# (bad file, where it goes in the site, the line the message must name, words it must say)
CASES = [
    ("menus-invalid.yaml", "content/menus.yaml", 4, "invalid YAML"),
    ("menus-duplicate.yaml", "content/menus.yaml", 7, "duplicate identity 'header:/discover'"),
    ("ui-duplicate.yaml", "content/ui.yaml", 3, "duplicate key 'menu'"),
    ("article-bad-front-matter.md", f"content/articles/{ARTICLE}.md", 5, "invalid YAML"),
    ("article-unclosed-front-matter.md", f"content/articles/{ARTICLE}.md", 1, "not closed"),
    ("unclosed-quote.po", "catalogs/ro/LC_MESSAGES/ui.po", 7, "unclosed quote"),
    ("syntax-error.po", "catalogs/de/LC_MESSAGES/menu.po", 8, "syntax error"),
    ("config-unknown-language.yaml", "config.yaml", 2, "unknown language code 'xx'"),
    ("config-boolean-language.yaml", "config.yaml", 4, "must be a quoted string"),
    ("config-unknown-key.yaml", "config.yaml", 3, "did you mean 'catalogs'"),
    ("config-invalid.yaml", "config.yaml", 3, "invalid YAML"),
]


@pytest.mark.parametrize(
    ("bad_file", "destination", "line", "words"), CASES, ids=[case[0] for case in CASES]
)
@pytest.mark.parametrize("command", [["sync"], ["status"], ["sync", "--check"]])
def test_bad_input_names_file_and_line_and_changes_nothing(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    bad_file: str,
    destination: str,
    line: int,
    words: str,
    command: list[str],
) -> None:
    shutil.copy(BAD / bad_file, site_dir / destination)
    before = snapshot_files(site_dir)
    status = main(["-c", str(site_dir / "config.yaml"), *command])
    error = capsys.readouterr().err
    assert status == 2
    assert f"{destination}:{line}: " in error, error
    assert words in error
    assert snapshot_files(site_dir) == before


def test_missing_config_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 2
    assert "config.yaml: configuration file not found" in capsys.readouterr().err


def test_config_found_in_working_directory(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(site_dir)
    assert main(["status", "--lang", "ro"]) == 0
    assert capsys.readouterr().out.startswith("language")


def test_unknown_language_on_command_line(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-c", str(site_dir / "config.yaml"), "status", "--lang", "pt"]) == 2
    assert "unknown language 'pt'" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["sync", "--no-such-option"])
    assert stop.value.code == 2


def test_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ro.po"
    target.write_bytes(b"old contents\n")

    def broken_fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"new contents that never fully arrive\n")
    assert target.read_bytes() == b"old contents\n"
    assert [path.name for path in tmp_path.iterdir()] == ["ro.po"]


def test_catalog_that_polib_would_silently_truncate_is_refused() -> None:
    from l10n.errors import CatalogError

    with pytest.raises(CatalogError) as error:
        read_catalog(BAD / "unclosed-quote.po")
    assert error.value.line == 7
