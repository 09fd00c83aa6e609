"""Reference texts of other languages: found in a catalog's text as a whole parse finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.po.catalog import read_catalog
from l10n.queue.references import References, block_text, entry_block
from l10n.sources.site import po_path
from l10n.states import entry_texts
from tests.tui_support import copy_bundled_site, set_entry

TRICKY = r"""# French.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: content/ui.yaml:1
msgctxt "search"
msgid "Search"
msgstr "Recherche"

msgid "Search"
msgstr "Chercher"

msgctxt "other"
msgid "Alone"
msgstr "Seul"

msgid "Alone"
msgstr "Seul sans contexte"

#, fuzzy
#| msgid "Old"
msgctxt "fuzzy"
msgid "New"
msgstr "Ancien"

msgctxt "wrapped"
msgid ""
"A long text that "
"goes on"
msgstr ""
"Un long texte "
"qui continue"

msgctxt "prefix"
msgid "Goes"
"on"
msgstr "Suite"

msgctxt "plural"
msgid "One file"
msgid_plural "%d files"
msgstr[0] "Un fichier"
msgstr[1] "%d fichiers"

msgctxt "escapes"
msgid "Say \"hi\"\tnow\n"
msgstr "Dis \"salut\"\tmaintenant\n"

msgctxt "empty"
msgid "Nothing"
msgstr ""

#~ msgctxt "gone"
#~ msgid "Gone"
#~ msgstr "Parti"

msgctxt "glued"
msgid "Glued"
msgstr "Collé"
msgctxt "after glued"
msgid "After"
msgstr "Après"

msgctxt "twice"
msgid "Twice"
msgstr "Deux fois"

msgctxt "twice"
msgid "Twice"
msgstr "Encore"
"""

# A catalog with the same msgctxt and msgid twice is refused as a whole (as msgfmt does):
# the whole parse is compared on the rest.
TRICKY_READABLE = TRICKY.replace('\n\nmsgctxt "twice"\nmsgid "Twice"\nmsgstr "Encore"\n', "\n")


def whole_parse(path: Path) -> dict[tuple[str | None, str], str]:
    """What the editor showed before: every active, not fuzzy entry's first text."""
    texts = {}
    for entry in read_catalog(path):
        forms = entry_texts(entry)
        if not entry.obsolete and forms and forms[0] and "fuzzy" not in entry.flags:
            texts[(entry.msgctxt, entry.msgid)] = forms[0]
    return texts


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def test_every_entry_of_a_tricky_catalog_is_found_as_a_whole_parse_finds_it(
    config_path: Path,
) -> None:
    config = load_config(config_path)
    path = po_path(config, "fr", "ui")
    path.write_text(TRICKY_READABLE, encoding="utf-8")
    keys = [(entry.msgctxt, entry.msgid) for entry in read_catalog(path)]
    keys += [("gone", "Gone"), ("prefix", "Goes"), (None, "Goes"), ("absent", "Absent")]
    expected = whole_parse(path)
    for key in keys:
        assert References(config, "de").text(path, key) == expected.get(key), key
    shared = References(config, "de")  # one reader for all: the whole parse is kept
    assert {key: shared.text(path, key) for key in keys} == {key: expected.get(key) for key in keys}


def test_plain_entries_are_found_in_the_text_and_doubtful_ones_are_not() -> None:
    content = "\n" + TRICKY
    for key, text in [
        (("search", "Search"), "Recherche"),
        ((None, "Search"), "Chercher"),  # after the same msgid with a context
        ((None, "Alone"), "Seul sans contexte"),
        (("plural", "One file"), "Un fichier"),
        (("escapes", 'Say "hi"\tnow\n'), 'Dis "salut"\tmaintenant\n'),
        (("fuzzy", "New"), None),
        (("empty", "Nothing"), None),
    ]:
        block = entry_block(content, key)
        assert block is not None, key
        assert block_text(block, key) == (True, text), key
    for doubtful in [
        ("wrapped", "A long text that goes on"),  # written over several lines
        ("prefix", "Goes"),  # the msgid goes on: "Goeson"
        ("twice", "Twice"),  # there twice
        ("gone", "Gone"),  # obsolete only
    ]:
        block = entry_block(content, doubtful)
        assert block is None or not block_text(block, doubtful)[0], doubtful
    glued = entry_block(content, ("glued", "Glued"))  # no blank line before the next entry
    assert glued is None or not block_text(glued, ("glued", "Glued"))[0]


def test_bundled_catalogs_are_read_without_parsing_them_whole(config_path: Path) -> None:
    set_entry(config_path, "fr", "menu", "header:/discover-civis-alliance", "Découvrir")
    config = load_config(config_path)
    for code in config.languages:
        for domain in ("menu", "ui"):
            path = po_path(config, code, domain)
            content = "\n" + path.read_text(encoding="utf-8")
            expected = whole_parse(path)
            for entry in read_catalog(path):
                key = (entry.msgctxt, entry.msgid)
                block = entry_block(content, key)
                assert block is not None and block_text(block, key) == (True, expected.get(key))
    key = ("header:/discover-civis-alliance", "Discover")
    found = References(config, "de").of("menu", key)
    assert ("ro", "Descoperiți") in found and ("fr", "Découvrir") in found
    assert all(code != "de" for code, _ in found)
