"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (`try-repo`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.cli.main import main
from tests.conftest import REPO, copy_site, slow

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
RO_MENU = "catalogs/ro/LC_MESSAGES/menu.po"


def test_files_limits_the_gate_to_the_catalogs_given(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(site_dir / "config.yaml")
    assert main(["-c", config, "check", "--format", "json"]) == 1
    everything = json.loads(capsys.readouterr().out)["findings"]
    menu = str(site_dir / RO_MENU)
    assert main(["-c", config, "check", "--format", "json", "--files", menu]) == 1
    only = json.loads(capsys.readouterr().out)["findings"]
    assert only == [finding for finding in everything if finding["path"] == RO_MENU]
    sv_article = next((site_dir / "catalogs/sv/LC_MESSAGES/articles").glob("*.po"))
    assert main(["-c", config, "check", "--format", "json", "--files", str(sv_article)]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True
    content = str(site_dir / "content/menus.yaml")  # the content changed: everything counts
    assert main(["-c", config, "check", "--format", "json", "--files", content]) == 1
    assert json.loads(capsys.readouterr().out)["findings"] == everything


def git(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=site,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the session: the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@slow
@needs_git
def test_the_hooks_run_in_pre_commit(tmp_path: Path, pre_commit_home: Path) -> None:
    if not (REPO / ".git").exists() or git(REPO, "ls-files", ".pre-commit-hooks.yaml").stdout == "":
        pytest.skip("the hooks file is not committed in this checkout")
    site = tmp_path / "site"
    copy_site(site)
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "site")
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), *args],
            cwd=site,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
            check=False,
        )

    synced = try_repo("l10n-sync-check", "--all-files")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "l10n sync --check" in synced.stdout and "Passed" in synced.stdout
    gate = try_repo("l10n-check", "--files", RO_MENU)
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert f"{RO_MENU}:" in gate.stdout and "missing" in gate.stdout
    assert "catalogs/de/" not in gate.stdout  # only the catalog the commit touches
    sv_menu = "catalogs/sv/LC_MESSAGES/menu.po"
    path = site / sv_menu
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = try_repo("l10n-sync-check", "--files", sv_menu)
    assert stale.returncode == 1 and "Failed" in stale.stdout


def test_a_changed_adopted_template_in_po_checks_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Django keeps its template as the English catalog (`locale/en/.../django.po`): a commit
    that changes it changes every language's findings, as a `.pot` would."""
    from tests.test_adopt_flow import django_project

    root = django_project(tmp_path / "project")
    assert main(["init", str(root)]) == 0
    config = str(root / "config.yaml")
    capsys.readouterr()
    assert main(["-c", config, "check", "--format", "json"]) == 1
    everything = json.loads(capsys.readouterr().out)["findings"]
    template = root / "django/contrib/auth/locale/en/LC_MESSAGES/django.po"
    assert main(["-c", config, "check", "--format", "json", "--files", str(template)]) == 1
    assert json.loads(capsys.readouterr().out)["findings"] == everything
