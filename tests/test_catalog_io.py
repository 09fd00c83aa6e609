"""Catalogs load and save byte-identical; templates of other gettext sites are adopted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.model import State
from l10n.po.catalog import read_catalog, render_catalog
from l10n.states import state_of
from tests.conftest import DATA, pristine_site

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "path",
    [DATA / "catalogs/roundtrip.po", *sorted((pristine_site() / "catalogs").rglob("*.po"))[:8]],
    ids=lambda path: path.name,
)
def test_load_and_save_is_byte_identical(path: Path) -> None:
    assert render_catalog(read_catalog(path)).encode("utf-8") == path.read_bytes()


def test_roundtrip_fixture_keeps_every_feature() -> None:
    catalog = read_catalog(DATA / "catalogs/roundtrip.po")
    states = {entry.msgctxt: state_of(entry) for entry in catalog if not entry.obsolete}
    assert states["related_news"] is State.TRANSLATED
    assert states["header:/connect/press-corner-branding-toolkit"] is State.STALE
    assert states["skip_to_content"] is State.NEEDS_REVIEW
    plural = next(entry for entry in catalog if entry.msgid_plural)
    assert len(plural.msgstr_plural) == 3
    assert [entry.msgid for entry in catalog.obsolete_entries()] == ["Gone"]


def test_adopted_template_becomes_a_domain(site_dir: Path) -> None:
    legacy = site_dir / "legacy"
    legacy.mkdir()
    (legacy / "django.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: templates/base.html:12\n#, python-format\nmsgid "Welcome, %(name)s"\nmsgstr ""\n\n'
        'msgctxt "month name"\nmsgid "May"\nmsgstr ""\n',
        encoding="utf-8",
    )
    config = site_dir / "config.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  # templates:\n", "  templates:\n    - {path: legacy/django.pot, domain: django}\n"
    )
    config.write_text(text, encoding="utf-8")
    assert main(["-c", str(config), "sync"]) == 0
    german = read_catalog(site_dir / "catalogs/de/LC_MESSAGES/django.po")
    entries = [(entry.msgctxt, entry.msgid, entry.flags) for entry in german]
    assert entries == [(None, "Welcome, %(name)s", ["python-format"]), ("month name", "May", [])]
    assert german[0].occurrences == [("templates/base.html", "12")]
    assert german.metadata["Language"] == "de"


def test_core_never_imports_textual() -> None:
    modules = sorted(
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for path in (REPO / "l10n").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules\n"
        "                if m.split('.')[0] in ('textual', 'tui'))\n"
        "print(len(sys.modules), leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) > 15


def test_one_edit_in_a_gnu_wrapped_catalog_is_one_entry_in_the_diff(tmp_path: Path) -> None:
    from l10n.po.catalog import write_catalog

    original = (DATA / "catalogs/gnu-wrapped.po").read_text(encoding="utf-8")
    path = tmp_path / "ro.po"
    path.write_text(original, encoding="utf-8")
    catalog = read_catalog(path)
    next(entry for entry in catalog if entry.msgid == "short").msgstr = "scurt!"
    write_catalog(catalog, path)
    changed = set(path.read_text(encoding="utf-8").splitlines()) ^ set(original.splitlines())
    assert changed == {'msgstr "scurt"', 'msgstr "scurt!"'}


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext missing")
def test_sync_keeps_the_wrapping_of_catalogs_gettext_wrote(site_dir: Path) -> None:
    article = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"
    catalog = site_dir / "catalogs/ro/LC_MESSAGES/articles" / f"{article}.po"
    subprocess.run(["msgcat", "-o", str(catalog), str(catalog)], check=True)
    wrapped = catalog.read_bytes()
    assert wrapped.count(b'msgid ""\n"') > 3
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0
    assert catalog.read_bytes() == wrapped
