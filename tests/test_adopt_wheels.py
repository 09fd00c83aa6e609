"""Issue 13's acceptance on whole real projects: every catalog of Django 5.2 and 4.2, Sphinx
9.0 and 7.4, as their wheels on the package index ship them.

Opt-in (network: the package index only; a few minutes): set `L10N_WHEELS` to a folder,
where `pip download --no-deps` puts the four wheels the first time. The tests that run
always use the samples under tests/data/real and tests/data/adopt.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.states import state_of
from tests.conftest import snapshot_files

WHEELS = os.environ.get("L10N_WHEELS")
pytestmark = [
    pytest.mark.skipif(not WHEELS, reason="opt-in: set L10N_WHEELS to a folder for the wheels"),
    pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext missing"),
]
LANGUAGES = ("ro", "de", "fr", "el", "it", "es", "sv")
DJANGO_LANGUAGES = (*LANGUAGES, "ko", "pt_BR")
BROKEN = "The config value `{name}' has type `{current.__name__}'; expected {permitted}."


def unpacked(requirement: str) -> Path:
    """The wheel's files, downloaded once into L10N_WHEELS and unpacked beside it."""
    folder = Path(str(WHEELS))
    name = requirement.replace("==", "-").replace(".*", "").lower()
    target = folder / name
    if not target.is_dir():
        wheels = folder / "wheels"
        wheels.mkdir(parents=True, exist_ok=True)
        download = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheels)]
        subprocess.run([*download, requirement], check=True)
        found = sorted(wheels.glob(f"{name}*.whl"))
        assert found, requirement
        with zipfile.ZipFile(found[-1]) as wheel:
            wheel.extractall(target)
    return target


def django_tree(version: str, root: Path, languages: tuple[str, ...]) -> list[Path]:
    """Every `locale/` folder of a Django wheel with an English catalog: en and `languages`."""
    source = unpacked(f"Django=={version}.*") / "django"
    catalogs = []
    for locale in sorted(source.rglob("locale")):
        if not (locale / "en").is_dir():
            continue
        for language in ("en", *languages):
            for catalog in sorted((locale / language / "LC_MESSAGES").glob("*.po")):
                target = root / "django" / catalog.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(catalog, target)
                if language != "en":
                    catalogs.append(target)
    return catalogs


def catalog_files(root: Path) -> dict[str, bytes]:
    """The project's own files with their bytes (the tool's cache folder left out)."""
    return {name: data for name, data in snapshot_files(root).items() if "l10n-cache" not in name}


def template_of(catalog: Path) -> Path:
    return catalog.parent.parent.parent / "en" / "LC_MESSAGES" / catalog.name


def msgmerge(catalog: Path, output: Path | None = None) -> None:
    target = ["-o", str(output)] if output else ["-U", "--backup=none"]
    command = ["msgmerge", "-q", "--previous", *target, str(catalog), str(template_of(catalog))]
    subprocess.run(command, check=True)


def accepted(catalog: Path) -> bool:
    command = ["msgfmt", "--check", "-o", os.devnull, str(catalog)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def translated(catalog: Path) -> int:
    return sum(
        1
        for entry in read_catalog(catalog)
        if entry.msgid and not entry.obsolete and state_of(entry) is State.TRANSLATED
    )


def test_django_52_after_msgmerge_sync_changes_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "django"
    catalogs = django_tree("5.2", root, DJANGO_LANGUAGES)
    for catalog in catalogs:
        msgmerge(catalog)
    assert main(["init", str(root), "--languages", *DJANGO_LANGUAGES]) == 0
    config = root / "config.yaml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "djangojs" not in line), "utf-8")
    before = catalog_files(root)
    capsys.readouterr()
    assert main(["-c", str(config), "sync"]) == 0
    assert catalog_files(root) == before
    unconfigured = [c for c in catalogs if c.name == "djangojs.po"]
    assert unconfigured and capsys.readouterr().err.count("left alone") == len(unconfigured)


def test_django_42_under_52_keeps_what_msgmerge_keeps_and_msgmerge_then_changes_nothing(
    tmp_path: Path,
) -> None:
    root = tmp_path / "django"
    django_tree("5.2", root, ())
    old = django_tree("4.2", tmp_path / "old", DJANGO_LANGUAGES)
    catalogs = []
    for catalog in old:
        target = root / catalog.relative_to(tmp_path / "old")
        if template_of(target).exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(catalog, target)
            catalogs.append(target)
    reference = {}
    for number, catalog in enumerate(catalogs):
        reference[catalog] = tmp_path / f"msgmerge-{number}.po"
        msgmerge(catalog, reference[catalog])
    assert main(["init", str(root), "--languages", *DJANGO_LANGUAGES]) == 0
    assert main(["-c", str(root / "config.yaml"), "sync"]) == 0
    for catalog, merged in reference.items():
        assert translated(catalog) >= translated(merged), catalog
        assert accepted(catalog) or not accepted(merged), catalog
        again = tmp_path / "again.po"
        msgmerge(catalog, again)
        assert again.read_bytes() == catalog.read_bytes(), catalog


def test_sphinx_74_under_90_set_up_by_init(tmp_path: Path) -> None:
    locale = tmp_path / "sphinx" / "sphinx" / "locale"
    locale.mkdir(parents=True)
    shutil.copy(unpacked("Sphinx==9.0.*") / "sphinx/locale/sphinx.pot", locale)
    for language in LANGUAGES:
        (locale / language / "LC_MESSAGES").mkdir(parents=True)
        catalog = unpacked("Sphinx==7.4.*") / "sphinx/locale" / language / "LC_MESSAGES/sphinx.po"
        shutil.copy(catalog, locale / language / "LC_MESSAGES/sphinx.po")
    template = (locale / "sphinx.pot").read_bytes()
    root = tmp_path / "sphinx"
    assert main(["init", str(root), "--languages", *LANGUAGES]) == 0
    assert main(["-c", str(root / "config.yaml"), "sync"]) == 0
    assert (locale / "sphinx.pot").read_bytes() == template
    for language in LANGUAGES:
        assert accepted(locale / language / "LC_MESSAGES/sphinx.po"), language
    greek = {e.msgid: e for e in read_catalog(locale / "el/LC_MESSAGES/sphinx.po")}
    assert "fuzzy" in greek[BROKEN].flags
    out = tmp_path / "out"
    assert main(["-c", str(root / "config.yaml"), "export", "-o", str(out)]) == 0
    compiled = gettext.translation("sphinx", str(out / "sphinx/locale"), ["el"])
    assert compiled.gettext(BROKEN) == BROKEN
