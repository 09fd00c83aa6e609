"""Sync of an adopted template whose entries each have their own msgctxt (one big catalog).

An edited label keeps its translation as stale, however short; a rewritten unit keeps its
own text and never receives another's; a sentence one word away from a translated one gets
that translation as needs-review, naming the English it was written for; a label does not.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.po.review import is_review_note, without_review_note
from l10n.states import state_of
from tests.conftest import snapshot_files

SENTENCE = "Applications for the spring exchange close on the first of March."
# (msgctxt, English, Romanian): the catalog as a translator left it.
OLD = [
    ("nav.alumni", "Alumni", "Absolvenți"),
    ("nav.back", "Back to top", "Înapoi sus"),
    ("apply.guest", "Apply for guest", "Aplică pentru oaspeți"),
    ("apply.music", "Apply for music", "Aplică pentru muzică"),
    ("exchange.deadline", SENTENCE, "Înscrierile pentru schimbul de primăvară se închid."),
    ("nav.news", "Latest news", "Ultimele știri"),
]
NEW = [
    ("nav.alumni", "Open"),  # edited label: nothing in common with its old English
    ("nav.back", "Back to hybrid"),
    ("apply.guest", "Apply for music"),  # rewritten: now the English of a removed unit
    ("exchange.deadline", SENTENCE),
    ("nav.news", "Latest newsletter"),
    ("exchange.reminder", SENTENCE.replace("spring", "autumn")),  # a near-copy
    ("nav.latest", "Latest new"),  # a label one letter away from a translated one
]


def pot(entries: list[tuple[str, str]]) -> str:
    body = "".join(
        f'\n#: app/views.py:{10 * number}\nmsgctxt "{context}"\nmsgid "{english}"\nmsgstr ""\n'
        for number, (context, english) in enumerate(entries, 1)
    )
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An application adopted through content.templates, translated in Romanian."""
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale/app.pot").write_text(
        pot([(context, english) for context, english, _ in OLD]), encoding="utf-8"
    )
    adopted_config(tmp_path, '["ro"]')
    sync(tmp_path)
    path = tmp_path / "catalogs/ro/LC_MESSAGES/app.po"
    catalog = read_catalog(path)
    texts = {context: romanian for context, _, romanian in OLD}
    for entry in catalog:
        entry.msgstr = texts[entry.msgctxt]
    catalog.save(str(path))
    (tmp_path / "locale/app.pot").write_text(pot(NEW), encoding="utf-8")
    sync(tmp_path)
    return tmp_path


def sync(site: Path) -> None:
    assert main(["-c", str(site / "config.yaml"), "sync"]) == 0


def adopted_config(root: Path, languages: str) -> None:
    """A config adopting `locale/app.pot` as the domain `app` in `languages` (YAML list)."""
    (root / "config.yaml").write_text(
        f'project: App\nsource: "en"\nlanguages: {languages}\ncontent:\n'
        "  templates:\n    - {path: locale/app.pot, domain: app, kind: ui}\n"
        "catalogs: catalogs\n",
        encoding="utf-8",
    )


def msgmerged(catalog: Path, template: Path) -> str:
    """What GNU msgmerge --previous makes of `catalog` and `template`: the reference."""
    return subprocess.run(
        ["msgmerge", "-q", "--previous", "-o", "-", str(catalog), str(template)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def entry(site: Path, context: str) -> polib.POEntry:
    found = [
        entry
        for entry in read_catalog(site / "catalogs/ro/LC_MESSAGES/app.po")
        if entry.msgctxt == context and not entry.obsolete
    ]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("context", "previous", "romanian"),
    [
        ("nav.alumni", "Alumni", "Absolvenți"),
        ("nav.back", "Back to top", "Înapoi sus"),
        ("nav.news", "Latest news", "Ultimele știri"),
    ],
)
def test_edited_label_with_unique_msgctxt_stays_stale_with_its_translation(
    site: Path, context: str, previous: str, romanian: str
) -> None:
    edited = entry(site, context)
    assert state_of(edited) is State.STALE
    assert (edited.msgstr, edited.previous_msgid) == (romanian, previous)


def test_rewritten_unit_keeps_its_own_text_not_another_units(site: Path) -> None:
    rewritten = entry(site, "apply.guest")
    assert rewritten.msgid == "Apply for music"
    assert (rewritten.msgstr, rewritten.previous_msgid) == (
        "Aplică pentru oaspeți",
        "Apply for guest",
    )
    assert state_of(rewritten) is State.STALE
    obsolete = [e for e in read_catalog(site / "catalogs/ro/LC_MESSAGES/app.po") if e.obsolete]
    assert [(e.msgctxt, e.msgstr) for e in obsolete] == [("apply.music", "Aplică pentru muzică")]


def test_near_copy_of_a_translated_sentence_is_proposed_naming_its_source(site: Path) -> None:
    proposed = entry(site, "exchange.reminder")
    assert state_of(proposed) is State.NEEDS_REVIEW
    assert proposed.msgstr == "Înscrierile pentru schimbul de primăvară se închid."
    assert proposed.previous_msgid is None
    [note] = proposed.tcomment.splitlines()
    assert is_review_note(note) and SENTENCE in note
    assert without_review_note(proposed.tcomment) == ""


def test_a_label_close_to_a_translated_one_is_not_proposed(site: Path) -> None:
    label = entry(site, "nav.latest")
    assert (label.msgstr, state_of(label)) == ("", State.MISSING)


def test_second_sync_changes_no_byte_and_msgfmt_accepts_it(site: Path) -> None:
    before = snapshot_files(site / "catalogs")
    sync(site)
    assert snapshot_files(site / "catalogs") == before
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext missing")
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(site / "catalogs/ro/LC_MESSAGES/app.po")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_a_catalog_sync_creates_has_the_templates_dates_and_a_second_sync_keeps_it(
    tmp_path: Path,
) -> None:
    """A language without a catalog gets one with the adopted template's
    Report-Msgid-Bugs-To and POT-Creation-Date (as msginit), so the next sync, which merges
    them as msgmerge does, has nothing to change (it used to add both)."""
    (tmp_path / "locale").mkdir()
    header = (
        '"Report-Msgid-Bugs-To: EMAIL@ADDRESS\\n"\n"POT-Creation-Date: 2025-12-04 06:45+0000\\n"\n'
    )
    template = pot(NEW).replace('msgstr ""\n', 'msgstr ""\n' + header, 1)
    (tmp_path / "locale/app.pot").write_text(template, encoding="utf-8")
    adopted_config(tmp_path, '["ro", "zh_Hans", "sr@latin"]')
    sync(tmp_path)
    made = snapshot_files(tmp_path / "catalogs")
    assert len(made) == 3
    for language in ("ro", "zh_Hans", "sr@latin"):
        fields = read_catalog(tmp_path / f"catalogs/{language}/LC_MESSAGES/app.po").metadata
        assert fields["POT-Creation-Date"] == "2025-12-04 06:45+0000"
        assert fields["Report-Msgid-Bugs-To"] == "EMAIL@ADDRESS"
        assert fields["Language"] == language
    assert main(["-c", str(tmp_path / "config.yaml"), "sync", "--check"]) == 0
    sync(tmp_path)
    assert snapshot_files(tmp_path / "catalogs") == made


def test_a_fuzzy_header_is_kept_as_msgmerge_keeps_it(site: Path) -> None:
    """django-allauth 65's et, lt, lv and mn catalogs have `#, fuzzy` on their header;
    msgmerge keeps it, so sync does (it dropped it: the gate failed such catalogs as out of
    date, and sync rewrote them)."""
    path = site / "catalogs/ro/LC_MESSAGES/app.po"
    text = path.read_text(encoding="utf-8").replace('msgid ""\n', '#, fuzzy\nmsgid ""\n', 1)
    path.write_text(text, encoding="utf-8")
    if shutil.which("msgmerge") is not None:
        merged = msgmerged(path, site / "locale/app.pot")
        assert '#, fuzzy\nmsgid ""\n' in merged  # the reference
    config = ["-c", str(site / "config.yaml")]
    assert main([*config, "sync", "--check"]) == 0
    sync(site)
    assert path.read_text(encoding="utf-8") == text


WRAPPED = (
    'msgid ""\n"A sentence long enough that GNU gettext wraps it over two lines of the "\n'
    '"catalog file."\n'
)
COMMENTED_POT = f"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. Translators: a label.
#.
#: a.py:1
msgid "Label:"
msgstr ""

#.
#. after a bare line  \n#.   indented
#. \n#: a.py:2
msgid "Two"
msgstr ""

#: a.py:4
{WRAPPED}msgstr ""
"""
COMMENTED_PO = f"""msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#
# a translator's note  \n#
##double
#: a.py:3
{WRAPPED}msgstr "Ein Satz."
"""


def test_bare_and_blank_ended_comment_lines_are_written_as_msgmerge_writes_them(
    tmp_path: Path,
) -> None:
    """Wagtail 8.0.1's admin template has `#. Translators: …` then a bare `#.`; polib drops
    a bare `#.` (and a first bare `#`) and strips a comment's last blanks, so sync wrote
    such entries without them and msgmerge after sync put them back. GNU gettext keeps
    every comment line as it is after one space; so does sync now."""
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale/app.pot").write_text(COMMENTED_POT, encoding="utf-8")
    path = tmp_path / "catalogs/de/LC_MESSAGES/app.po"
    path.parent.mkdir(parents=True)
    path.write_text(COMMENTED_PO, encoding="utf-8")
    adopted_config(tmp_path, '["de"]')
    if shutil.which("msgmerge") is None:
        pytest.skip("needs GNU gettext's msgmerge, the reference")
    merged = msgmerged(path, tmp_path / "locale/app.pot")
    assert "#.\n#. after a bare line  \n#.   indented\n#.\n" in merged  # the reference
    sync(tmp_path)
    assert path.read_text(encoding="utf-8") == merged
    sync(tmp_path)
    assert path.read_text(encoding="utf-8") == merged


def test_a_new_catalog_of_an_adopted_template_is_written_as_msgmerge_writes_it(
    tmp_path: Path,
) -> None:
    """A language without a catalog gets one laid out as msginit and msgmerge lay it out
    (wrapped, references filled to 79 columns): it was written unwrapped, and msgmerge
    after sync rewrapped it (149 of Wagtail 8.0.1's catalogs, 45 of Django 5.2.19's)."""
    (tmp_path / "locale").mkdir()
    references = " ".join(f"app/templates/a_rather_long_template_name_{n}.html:1" for n in (1, 2))
    pot = COMMENTED_POT.replace("#: a.py:4\n", f"#: a.py:4 {references}\n")
    (tmp_path / "locale/app.pot").write_text(pot, encoding="utf-8")
    adopted_config(tmp_path, '["fr"]')
    sync(tmp_path)
    path = tmp_path / "catalogs/fr/LC_MESSAGES/app.po"
    text = path.read_text(encoding="utf-8")
    assert WRAPPED in text
    if shutil.which("msgmerge") is None:
        pytest.skip("needs GNU gettext's msgmerge, the reference")
    merged = msgmerged(path, tmp_path / "locale/app.pot")
    assert text == merged
