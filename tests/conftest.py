"""Shared fixtures: a private copy of the bundled site for each test."""

from __future__ import annotations

import atexit
import functools
import io
import os
import shutil
import socket
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import pytest
import urllib3.util.connection

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any HTTP connection that is not to this machine fails the test (no public service)."""
    real = urllib3.util.connection.create_connection

    def local_only(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] in ("127.0.0.1", "localhost"), f"test tried to reach {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", local_only)


@pytest.fixture(autouse=True)
def user_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The TUI's user settings (the theme) in a folder of the test's own, never the real
    user's: a theme chosen on this machine would change every snapshot."""
    folder = tmp_path_factory.mktemp("user-config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


SITE_FILES = ("config.yaml", "content", "catalogs", "glossary.yaml")
# Tests that build Python environments from the package index (pre-commit's hook
# environment, a wheel) or generate the benchmark's 10k projects take minutes on a busy
# machine: they run in CI (`.ci/run`, where CI is set) and with L10N_SLOW_TESTS=1, and are
# skipped in a quick local run.
slow = pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("L10N_SLOW_TESTS")),
    reason="a slow test (package index, 10k benchmark): set L10N_SLOW_TESTS=1 (CI does)",
)


@functools.cache
def pristine_site() -> Path:
    """The bundled site as committed (git HEAD), extracted once per test session.

    A newcomer who translates a string in the working tree (the README's first command opens
    the TUI) must not fail the tests: they take the site from git, not from the folder. Out
    of a git checkout (an unpacked source archive) the folder itself is the site.
    """
    if shutil.which("git") is None or not (REPO / ".git").exists():
        return REPO
    target = Path(tempfile.mkdtemp(prefix="l10n-bundled-site-"))
    atexit.register(shutil.rmtree, target, True)
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-tree", "--name-only", "HEAD", *SITE_FILES],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", *listed],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def copy_site(target: Path) -> Path:
    """Copy the bundled site as committed (config, content, catalogs); return the config."""
    source = pristine_site()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "config.yaml", target / "config.yaml")
    for folder in ("content", "catalogs"):
        shutil.copytree(source / folder, target / folder)
    glossary = source / "glossary.yaml"
    if glossary.exists():
        shutil.copy(glossary, target / "glossary.yaml")
    return target / "config.yaml"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled site; the test may change anything in it."""
    copy_site(tmp_path / "site")
    return tmp_path / "site"


def snapshot_files(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes, to prove nothing changed."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def project_files(root: Path) -> dict[str, bytes]:
    """Every file of the project under `root`, but not the cache (derived, ignored by git).

    A command that fails on bad input may leave what its cache learnt before the failure;
    the project's own files must be unchanged.
    """
    return {
        name: data
        for name, data in snapshot_files(root).items()
        if not name.startswith(".l10n-cache/")
    }
