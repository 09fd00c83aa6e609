"""The checked config kept in the cache (l10n/settings.py) is never trusted once anything it
was checked against changed: config.yaml's text (even with its size and times put back),
the glossary that gives the copy rule, an environment variable the `mt:` section read, a
path it names that now leads out of the project. It is written only by a command that
succeeded, in the folder config.yaml names. Each case runs the command once before the
change, so the record is there and would answer if it were trusted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from l10n.cache.store import ENV_DISABLE
from l10n.cli.main import main
from l10n.settings import NAMESPACE
from tests.conftest import snapshot_files

STATUS = ["status", "--format", "json"]


def l10n(site: Path, *arguments: str) -> int:
    return main(["-c", str(site / "config.yaml"), *arguments])


def records(cache: Path) -> list[Path]:
    return sorted((cache / "core" / NAMESPACE).rglob("*.value"))


def kept(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run status until the config is kept (the second run reads it from the cache)."""
    for _ in range(2):
        assert l10n(site, *STATUS) == 0
    capsys.readouterr()
    assert records(site / ".l10n-cache")


@pytest.fixture(autouse=True)
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DISABLE, raising=False)


def test_config_yaml_edited_with_its_size_and_times_kept_is_read_again(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept(site_dir, capsys)
    config = site_dir / "config.yaml"
    before = config.stat()
    text = config.read_text(encoding="utf-8")
    edited = text.replace("  fuzzy_threshold: 75", "  fuzzy_thresh0ld: 75")
    assert len(edited) == len(text) and edited != text
    config.write_text(edited, encoding="utf-8")
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))
    line = edited[: edited.index("fuzzy_thresh0ld")].count("\n") + 1
    assert l10n(site_dir, *STATUS) == 2
    assert f"config.yaml:{line}: unknown key 'sync.fuzzy_thresh0ld'" in capsys.readouterr().err


def test_a_glossary_edited_after_is_read_again(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept(site_dir, capsys)
    glossary = site_dir / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "  - term: [unclosed\n")
    assert l10n(site_dir, *STATUS) == 2
    assert "glossary.yaml:116: invalid YAML" in capsys.readouterr().err


def test_a_changed_glossary_gives_the_copy_rule_it_makes(
    site_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Romanian keeps "CIVIS Association" in English, a copy until the glossary says the
    term is not translated: the kept copy rule must not be the old one."""
    kept(site_dir, capsys)
    assert l10n(site_dir, *STATUS) == 0
    before = json.loads(capsys.readouterr().out)["languages"]["ro"]["copies"]
    glossary = site_dir / "glossary.yaml"
    term = "  - term: CIVIS Association\n    dnt: true\n"
    glossary.write_text(glossary.read_text(encoding="utf-8") + term, encoding="utf-8")
    assert l10n(site_dir, *STATUS) == 0
    cached = capsys.readouterr().out
    monkeypatch.setenv(ENV_DISABLE, "1")
    assert l10n(site_dir, *STATUS) == 0
    assert cached == capsys.readouterr().out
    assert json.loads(cached)["languages"]["ro"]["copies"] == before - 1


def test_an_environment_variable_the_config_read_is_read_again(
    site_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept(site_dir, capsys)
    monkeypatch.setenv("L10N_LIBRE_URL", "ftp://127.0.0.1/")
    assert l10n(site_dir, *STATUS) == 2
    error = capsys.readouterr().err
    assert "environment variable L10N_LIBRE_URL: expected an http:// or https:// URL" in error


def test_a_content_file_linked_out_after_is_refused(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept(site_dir, capsys)
    (site_dir.parent / "menus.yaml").write_text("header:\n  - {label: Outside, path: /x}\n")
    (site_dir / "content/menus.yaml").unlink()
    (site_dir / "content/menus.yaml").symlink_to(site_dir.parent / "menus.yaml")
    assert l10n(site_dir, *STATUS) == 2
    assert "leads outside the project" in capsys.readouterr().err


def test_a_command_that_fails_keeps_no_config(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input changes no file, the cache's included: the record waits for success."""
    (site_dir / "content/ui.yaml").write_text("related_news: [unclosed\n")
    before = snapshot_files(site_dir)
    assert l10n(site_dir, *STATUS) == 2
    assert "ui.yaml:" in capsys.readouterr().err
    assert snapshot_files(site_dir) == before


def test_the_config_is_kept_in_the_folder_it_names(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'cache: "build/l10n cache"\n')
    kept_in = site_dir / "build" / "l10n cache"
    for _ in range(2):
        assert l10n(site_dir, *STATUS) == 0
    assert records(kept_in)
    assert not (site_dir / ".l10n-cache").exists()
