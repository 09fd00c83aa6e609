"""Adopting real gettext projects (Django's admin, Sphinx) without harm to their files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.errors import CatalogError
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.po.gnu import render_entry, render_header
from l10n.states import state_of
from tests.conftest import DATA, snapshot_files

REAL = DATA / "real"
DJANGO_LANGUAGES = ("de", "ko", "pt_BR", "es", "ar", "ro")


def django_site(root: Path, version: str, domains: tuple[str, ...] = ("django",)) -> Path:
    """Django's admin catalogs as a project keeps them: `locale/<lang>/LC_MESSAGES/*.po`.

    The templates are `locale/<domain>.pot` (Django's English catalogs); the config names
    only `domains`. Returns the config's path.
    """
    source = REAL / version / "admin"
    for language in DJANGO_LANGUAGES:
        folder = root / "locale" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        for catalog in sorted((source / language).glob("*.po")):
            shutil.copy(catalog, folder / catalog.name)
    for domain in ("django", "djangojs"):
        shutil.copy(
            REAL / "django-5.2/admin/en" / f"{domain}.po", root / "locale" / f"{domain}.pot"
        )
    templates = "".join(f"    - {{path: locale/{d}.pot, domain: {d}}}\n" for d in domains)
    codes = ", ".join(f'"{code}"' for code in DJANGO_LANGUAGES)
    config = root / "config.yaml"
    config.write_text(
        f'project: Django admin\nsource: "en"\nlanguages: [{codes}]\ncatalogs: locale\n'
        f"content:\n  templates:\n{templates}",
        encoding="utf-8",
    )
    return config


def sphinx_site(root: Path) -> Path:
    """Sphinx's layout: the template `locale/sphinx.pot` in the catalogs folder itself."""
    for language in ("es", "el"):
        folder = root / "locale" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(REAL / "sphinx-7.4" / language / "sphinx.po", folder / "sphinx.po")
    shutil.copy(REAL / "sphinx-9.0/sphinx.pot", root / "locale/sphinx.pot")
    (root / "locale/templates").mkdir()
    shutil.copy(REAL / "sphinx-9.0/sphinx.pot", root / "locale/templates/sphinx.pot")
    config = root / "config.yaml"
    config.write_text(
        'project: Sphinx\nsource: "en"\nlanguages: ["es", "el"]\ncatalogs: locale\n'
        "content:\n  templates:\n    - {path: locale/sphinx.pot, domain: sphinx}\n",
        encoding="utf-8",
    )
    return config


def test_adopted_templates_are_never_written_moved_or_deleted(tmp_path: Path) -> None:
    config = sphinx_site(tmp_path)
    template = (REAL / "sphinx-9.0/sphinx.pot").read_bytes()
    assert main(["-c", str(config), "sync"]) == 0
    assert (tmp_path / "locale/sphinx.pot").read_bytes() == template
    assert (tmp_path / "locale/templates/sphinx.pot").read_bytes() == template
    assert main(["-c", str(config), "sync", "--check"]) == 0  # the next sync finds its input


def test_a_domain_the_config_does_not_name_is_left_alone_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = django_site(tmp_path, "django-5.2")
    before = {name: data for name, data in snapshot_files(tmp_path).items() if "djangojs" in name}
    assert main(["-c", str(config), "sync"]) == 0
    after = {name: data for name, data in snapshot_files(tmp_path).items() if "djangojs" in name}
    assert after == before and len(before) == len(DJANGO_LANGUAGES) + 1
    err = capsys.readouterr().err
    assert (
        "left alone locale/de/LC_MESSAGES/djangojs.po: domain 'djangojs' is not in the config"
        in err
    )
    assert main(["-c", str(config), "sync"]) == 0  # said again when the cache answers
    assert "left alone locale/ko/LC_MESSAGES/djangojs.po" in capsys.readouterr().err


def test_an_adopted_template_where_sync_writes_its_own_is_refused(site_dir: Path) -> None:
    config = site_dir / "config.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  # templates:\n", "  templates:\n    - {path: catalogs/ui.pot, domain: legacy}\n"
    )
    config.write_text(text, encoding="utf-8")
    before = snapshot_files(site_dir)
    assert main(["-c", str(config), "sync"]) == 2
    assert snapshot_files(site_dir) == before


def _plural_template(root: Path) -> Path:
    """A site adopting one template with a plural entry, without catalogs yet."""
    (root / "locale").mkdir(parents=True)
    shutil.copy(REAL / "django-5.2/admin/en/django.po", root / "locale/django.pot")
    return root / "config.yaml"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")
def test_a_new_catalog_gets_cldrs_plural_rule_for_any_locale_babel_knows(tmp_path: Path) -> None:
    config = _plural_template(tmp_path)
    config.write_text(
        'source: "en"\nlanguages: ["ko", "ar", "sr@latin", "pt_BR", "zh_Hans", "es"]\n'
        "catalogs: locale\n"
        'plural_forms: {"es": "nplurals=2; plural=(n != 1);"}\n'
        "content:\n  templates:\n    - {path: locale/django.pot, domain: django}\n",
        encoding="utf-8",
    )
    assert main(["-c", str(config), "sync"]) == 0
    expected = {"ko": 1, "ar": 6, "sr@latin": 3, "pt_BR": 3, "zh_Hans": 1, "es": 2}
    for language, forms in expected.items():
        path = tmp_path / "locale" / language / "LC_MESSAGES/django.po"
        catalog = read_catalog(path)
        assert catalog.metadata["Language"] == language
        assert catalog.metadata["Plural-Forms"].startswith(f"nplurals={forms};")
        plurals = [entry for entry in catalog if entry.msgid_plural]
        assert plurals and all(len(entry.msgstr_plural) == forms for entry in plurals)
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)
        assert check.returncode == 0, language


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('languages: ["xx"]\n', "config.yaml:2: unknown language code 'xx'"),
        (
            'languages: ["de"]\nplural_forms: {"de": "nplurals=2; plural=(n !!= 1);"}\n',
            "config.yaml:3: plural_forms 'de': the plural expression",
        ),
    ],
)
def test_unknown_languages_and_bad_plural_rules_are_config_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, message: str
) -> None:
    config = _plural_template(tmp_path)
    config.write_text(f'source: "en"\n{extra}catalogs: locale\n', encoding="utf-8")
    assert main(["-c", str(config), "sync"]) == 2
    assert message in capsys.readouterr().err


def test_a_language_babel_does_not_know_works_with_its_rule_in_the_config(tmp_path: Path) -> None:
    config = _plural_template(tmp_path)
    config.write_text(
        'source: "en"\nlanguages: ["udm"]\ncatalogs: locale\n'
        'plural_forms: {"udm": "nplurals=2; plural=(n != 1);"}\n'
        "content:\n  templates:\n    - {path: locale/django.pot, domain: django}\n",
        encoding="utf-8",
    )
    assert main(["-c", str(config), "sync"]) == 0
    catalog = read_catalog(tmp_path / "locale/udm/LC_MESSAGES/django.po")
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_the_catalogs_own_header_decides_its_plural_rule_and_language_code(tmp_path: Path) -> None:
    """Transifex's three-form rule for es (CLDR's) and a catalog's `ro_RO` are kept."""
    config = django_site(tmp_path, "django-5.2")
    spanish = tmp_path / "locale/es/LC_MESSAGES/django.po"
    text = spanish.read_text(encoding="utf-8")
    three = "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    spanish.write_text(text.replace("nplurals=2; plural=(n != 1);", three), encoding="utf-8")
    romanian = tmp_path / "locale/ro/LC_MESSAGES/django.po"
    text = romanian.read_text(encoding="utf-8")
    romanian.write_text(text.replace('"Language: ro\\n"', '"Language: ro_RO\\n"'), encoding="utf-8")
    forms = {
        entry.msgid: dict(entry.msgstr_plural)
        for entry in read_catalog(spanish)
        if entry.msgid_plural
    }
    assert sum(len(texts) == 3 for texts in forms.values()) == 5
    assert main(["-c", str(config), "sync"]) == 0
    catalog = read_catalog(spanish)
    assert catalog.metadata["Plural-Forms"] == three
    after = {entry.msgid: dict(entry.msgstr_plural) for entry in catalog if entry.msgid_plural}
    assert all(after[msgid] == texts for msgid, texts in forms.items() if len(texts) == 3)
    assert read_catalog(romanian).metadata["Language"] == "ro_RO"


GNU = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext missing")


def _msgmerge(catalog: Path, template: Path, output: Path | None = None) -> None:
    """GNU msgmerge --previous, in place or into `output`."""
    target = ["-o", str(output)] if output else ["-U", "--backup=none"]
    command = ["msgmerge", "-q", "--previous", *target, str(catalog), str(template)]
    subprocess.run(command, check=True)


def _accepted(catalog: Path) -> bool:
    command = ["msgfmt", "--check", "-o", os.devnull, str(catalog)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _translated(catalog: Path) -> int:
    return sum(
        1
        for entry in read_catalog(catalog)
        if entry.msgid and not entry.obsolete and state_of(entry) is State.TRANSLATED
    )


@GNU
def test_django_52_catalogs_msgmerge_leaves_alone_sync_leaves_alone(tmp_path: Path) -> None:
    config = django_site(tmp_path, "django-5.2")
    template = tmp_path / "locale/django.pot"
    for language in DJANGO_LANGUAGES:
        _msgmerge(tmp_path / "locale" / language / "LC_MESSAGES/django.po", template)
    before = snapshot_files(tmp_path)
    assert main(["-c", str(config), "sync"]) == 0
    after = snapshot_files(tmp_path)
    assert {name for name in after if name in before and after[name] != before[name]} == set()
    assert {"ko", "pt_BR"} <= set(DJANGO_LANGUAGES)


@GNU
def test_django_42_catalogs_under_the_52_template_as_msgmerge_has_them(tmp_path: Path) -> None:
    """As many translations as msgmerge keeps, msgfmt --check as happy, and msgmerge after
    sync changes no line: entries are merged and wrapped as GNU gettext does."""
    config = django_site(tmp_path, "django-4.2")
    template = tmp_path / "locale/django.pot"
    reference = tmp_path / "msgmerge"
    reference.mkdir()
    catalogs = {
        code: tmp_path / "locale" / code / "LC_MESSAGES/django.po" for code in DJANGO_LANGUAGES
    }
    for code, catalog in catalogs.items():
        _msgmerge(catalog, template, reference / f"{code}.po")
    assert main(["-c", str(config), "sync"]) == 0
    for code, catalog in catalogs.items():
        merged = reference / f"{code}.po"
        assert _translated(catalog) >= _translated(merged) > 100, code
        assert _accepted(catalog) or not _accepted(merged), code
        again = tmp_path / f"again-{code}.po"
        _msgmerge(catalog, template, again)
        assert again.read_bytes() == catalog.read_bytes(), code


@GNU
def test_catalogs_that_wrap_only_translations_or_header_fields_merge_as_msgmerge_has_them(
    tmp_path: Path,
) -> None:
    """Django 4.2's contenttypes catalogs under 5.2's template: no msgid is wrapped, only a
    Greek translation or a long Language-Team, and Language comes last in the header. Sync
    adds the references, so it writes them: as msgmerge would (it wrapped the Greek line and
    moved Language before the run of fixes), and msgmerge afterwards changes no byte."""
    template = tmp_path / "locale/django.pot"
    (tmp_path / "locale").mkdir()
    shutil.copy(REAL / "django-5.2/contenttypes/en/django.po", template)
    languages = ("de", "el", "es", "it")
    for code in languages:
        folder = tmp_path / "locale" / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(REAL / "django-4.2/contenttypes" / code / "django.po", folder / "django.po")
    config = tmp_path / "config.yaml"
    config.write_text(
        f'source: "en"\nlanguages: {list(languages)}\ncatalogs: locale\n'
        "content:\n  templates:\n    - {path: locale/django.pot, domain: django}\n",
        encoding="utf-8",
    )
    assert main(["-c", str(config), "sync"]) == 0
    for code in languages:
        catalog = tmp_path / "locale" / code / "LC_MESSAGES/django.po"
        again = tmp_path / f"again-{code}.po"
        _msgmerge(catalog, template, again)
        assert again.read_bytes() == catalog.read_bytes(), code


@GNU
def test_entries_are_wrapped_exactly_as_gnu_gettext_wraps_them(tmp_path: Path) -> None:
    """Every entry and header of the real catalogs, written by msgmerge, rendered the same."""
    rendered = 0
    for code in DJANGO_LANGUAGES:
        for domain in ("django", "djangojs"):
            output = tmp_path / f"{code}-{domain}.po"
            source = REAL / "django-5.2/admin"
            _msgmerge(source / code / f"{domain}.po", source / "en" / f"{domain}.po", output)
            catalog = read_catalog(output)
            for entry in catalog:
                entry.msgstr += ""  # nothing changed: rendered anew all the same
            text = output.read_text(encoding="utf-8")
            header = render_header(catalog.header, catalog.metadata, False, 79)
            assert text.startswith(header)
            blocks = [render_entry(entry, 79) for entry in catalog]
            assert text == header + "".join("\n" + block for block in blocks)
            rendered += len(blocks)
    assert rendered > 1000


def test_a_cp1252_catalog_is_read_as_its_utf8_twin_and_written_back_in_cp1252(
    tmp_path: Path,
) -> None:
    config = django_site(tmp_path, "django-5.2")
    german = tmp_path / "locale/de/LC_MESSAGES/django.po"
    text = german.read_text(encoding="utf-8").replace("\u2318", "Cmd")  # not in CP1252
    german.write_text(text, encoding="utf-8")
    twin = read_catalog(german)
    text = text.replace("charset=UTF-8", "charset=CP1252")
    german.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    catalog = read_catalog(german)
    assert [(e.msgid, e.msgstr, state_of(e)) for e in catalog] == [
        (e.msgid, e.msgstr, state_of(e)) for e in twin
    ]
    assert any("ä" in entry.msgstr for entry in catalog)
    assert main(["-c", str(config), "sync"]) == 0
    data = german.read_bytes()
    assert data.decode("cp1252").count("\r\n") == data.count(b"\n")  # its own line ends
    entry = next(e for e in read_catalog(german) if e.msgstr and "ä" in e.msgstr)
    entry_bytes = entry.msgstr.encode("cp1252")
    assert entry_bytes in data and entry.msgstr.encode("utf-8") not in data


def test_a_catalog_not_in_its_declared_charset_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-2\\n"\n\n'
        b'msgid "a"\nmsgstr "\xb1"\n'
    )
    assert read_catalog(path)[0].msgstr == "ą"  # ISO-8859-2 read as such
    path.write_bytes(path.read_bytes().replace(b"ISO-8859-2", b"KOI9-X"))
    with pytest.raises(CatalogError, match="unknown charset 'KOI9-X'") as error:
        read_catalog(path)
    assert error.value.line == 3
