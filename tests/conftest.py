"""Shared fixtures: a private copy of the bundled site for each test."""

from __future__ import annotations

import shutil
import socket
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


def copy_site(target: Path) -> Path:
    """Copy the bundled site (config, content, catalogs) into `target`; return the config."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config.yaml", target / "config.yaml")
    for folder in ("content", "catalogs"):
        shutil.copytree(REPO / folder, target / folder)
    glossary = REPO / "glossary.yaml"
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
