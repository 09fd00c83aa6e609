"""Shared fixtures: a private copy of the bundled site for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


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
