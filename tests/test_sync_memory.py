"""The translation memory sync finds in a language's catalogs' bytes (l10n/sync/memory.py)
is the one their parsed entries give: the same pairs, in the same order, the first wins."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.sources.site import load_site, po_path
from l10n.states import state_of
from l10n.sync.memory import (
    LanguageCatalogs,
    Misread,
    remembered,
    search_remembered,
    translation_memory,
)
from tests.test_sync import by_context, po, run_sync

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted((ROOT / "tests" / "data").rglob("*.po"))
BUNDLED = sorted((ROOT / "catalogs").rglob("*.po"))
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _readable(path: Path) -> bool:
    try:
        read_catalog(path)
    except Exception:
        return False
    return True


@pytest.mark.parametrize(
    "path", [path for path in REAL + BUNDLED if _readable(path)], ids=lambda path: path.name
)
def test_the_search_finds_what_the_parsed_catalog_gives(path: Path) -> None:
    assert search_remembered(path.read_bytes()) == remembered(read_catalog(path))


SHAPES = {
    "flags": '#, python-format, fuzzy\nmsgid "a %s"\nmsgstr "x %s"\n\n'
    '#, python-format\nmsgid "b %s"\nmsgstr "y %s"\n\n'
    '#, fuzzier\nmsgid "c"\nmsgstr "z"\n',
    "previous": '#, fuzzy\n#| msgid "old"\nmsgid "new"\nmsgstr "neu"\n\n'
    '#| msgid "was"\nmsgid "is"\nmsgstr "ist"\n',
    "wrapped": 'msgid ""\n"first line "\n"second"\nmsgstr ""\n"erste "\n"zweite"\n',
    "escapes": 'msgid "say \\"hi\\"\\n\\ttab"\nmsgstr "sag \\"hallo\\"\\n\\ttab"\n',
    "context": 'msgctxt "menu"\nmsgid "Open"\nmsgstr "Öffnen"\n\nmsgid "Open"\nmsgstr "Auf"\n',
    "untranslated": 'msgid "empty"\nmsgstr ""\n\nmsgid "wrapped empty"\nmsgstr ""\n""\n',
    "plural": 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "eins"\nmsgstr[1] "viele"\n',
    "obsolete": '#, fuzzy\n#~ msgid "gone"\n#~ msgstr "weg"\n\n#~ msgid "old"\n#~ msgstr "alt"\n'
    '\nmsgid "kept"\nmsgstr "behalten"\n',
    "comments": '# translator\n#. extracted\n#: a.py:1 b.py:2\nmsgid "c"\nmsgstr "k"\n',
    "header only": "",
}


@pytest.mark.parametrize("body", SHAPES.values(), ids=SHAPES.keys())
def test_each_shape_of_entry_is_found_as_parsed(tmp_path: Path, body: str) -> None:
    path = tmp_path / "shape.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert search_remembered(path.read_bytes()) == remembered(read_catalog(path))


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (HEADER.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr "b"\r\n', "utf-8"),
        (HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "é"\nmsgstr "è"\n', "latin-1"),
    ],
    ids=["crlf", "latin-1"],
)
def test_bytes_the_search_cannot_read_are_parsed(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "other.po"
    path.write_bytes(text.encode(encoding))
    assert search_remembered(path.read_bytes()) is None
    other = tmp_path / "other-too.po"
    other.write_text(HEADER, encoding="utf-8")
    catalogs = LanguageCatalogs([path, other], _sha256)
    assert catalogs.memory == translation_memory([read_catalog(path)]) != {}
    catalog, digest = catalogs.take(path)
    assert remembered(catalog) == remembered(read_catalog(path))
    assert digest == _sha256(path.read_bytes())


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _language_paths(root: Path, language: str) -> list[Path]:
    config = load_config(root / "config.yaml")
    site = load_site(config)
    return [po_path(config, language, domain) for domain in site.templates]


@pytest.mark.parametrize("language", ["ro", "de", "el"])
def test_a_languages_memory_is_the_parsed_catalogs_in_their_order(
    site_dir: Path, language: str
) -> None:
    paths = _language_paths(site_dir, language)
    (paths[1].parent / "spare.po").write_bytes(paths[0].read_bytes())  # the same English twice
    paths.append(paths[1].parent / "spare.po")
    parsed = translation_memory(read_catalog(path) for path in paths)
    assert list(LanguageCatalogs(paths, _sha256).memory.items()) == list(parsed.items())
    exact = LanguageCatalogs(paths, _sha256, exact=True)
    assert list(exact.memory.items()) == list(parsed.items())


def test_a_language_of_one_catalog_has_it_parsed_at_once(site_dir: Path) -> None:
    """Its parse is held for its merge anyway: the memory is made of its own strings."""
    menu, absent = po(site_dir, "ro", "menu"), po(site_dir, "ro", "gone")
    catalogs = LanguageCatalogs([absent, menu], _sha256)
    catalog, digest = catalogs.take(menu)
    assert catalogs.memory == translation_memory([read_catalog(menu)]) != {}
    own = translation_memory([catalog])
    assert all(catalogs.memory[source] is text for source, text in own.items())
    assert digest == _sha256(menu.read_bytes())
    assert catalogs.take(absent) == (None, None)


def _misread_menu(site: Path) -> Path:
    """The Romanian menu with a fuzzy entry right above "Teach" (no blank line between
    them): the search takes "Teach" for fuzzy too, the parsed catalog does not."""
    path = po(site, "ro", "menu")
    text = path.read_text(encoding="utf-8")
    fuzzy = '#, fuzzy\nmsgctxt "spare"\nmsgid "Spare"\nmsgstr "Rezervă"\n'
    assert text.count("#. Link: /teach\n") == 1
    path.write_text(text.replace("#. Link: /teach\n", fuzzy + "#. Link: /teach\n"), "utf-8")
    return path


def test_a_misread_catalog_is_found_when_it_is_parsed(site_dir: Path) -> None:
    menu = _misread_menu(site_dir)
    assert ("Teach", "Predare") in remembered(read_catalog(menu))
    assert ("Teach", "Predare") not in (search_remembered(menu.read_bytes()) or [])
    catalogs = LanguageCatalogs([menu, po(site_dir, "ro", "ui")], _sha256)
    with pytest.raises(Misread):
        catalogs.take(menu)


def test_sync_plans_a_misread_language_again_from_the_parsed_catalogs(site_dir: Path) -> None:
    _misread_menu(site_dir)
    ui = site_dir / "content/ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + "\nsidebar_teach: Teach\n", encoding="utf-8")
    run_sync(site_dir)
    entry = by_context(site_dir, "ro", "ui", "sidebar_teach")
    assert (entry.msgstr, state_of(entry)) == ("Predare", State.NEEDS_REVIEW)
    assert not list(site_dir.rglob("*.tmp"))  # what the first plan staged was discarded
