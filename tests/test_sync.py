"""`l10n sync`: carry-over, stale marking, fuzzy matching, obsolete entries, idempotence."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.config import load_config
from l10n.model import State
from l10n.po.catalog import read_catalog, write_catalog
from l10n.states import state_of
from l10n.sync.run import sync
from tests.conftest import snapshot_files

ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"
PARAGRAPH_START = "On 3 February 2022, Aix-Marseille Université org"
STAFF = "header:/learn/keep-on-learning-with-staff-weeks-andamp-job-shadowing"
LEARN = "header:/learn"


def po(site: Path, language: str, domain: str) -> Path:
    return site / "catalogs" / language / "LC_MESSAGES" / f"{domain}.po"


def entries(site: Path, language: str, domain: str) -> dict[tuple[str | None, str], polib.POEntry]:
    return {
        (entry.msgctxt, entry.msgid): entry
        for entry in read_catalog(po(site, language, domain))
        if not entry.obsolete
    }


def by_context(site: Path, language: str, domain: str, context: str) -> polib.POEntry:
    found = [
        entry
        for entry in read_catalog(po(site, language, domain))
        if entry.msgctxt == context and not entry.obsolete
    ]
    assert len(found) == 1
    return found[0]


def paragraph(site: Path, language: str) -> polib.POEntry:
    found = [
        entry
        for entry in read_catalog(po(site, language, f"articles/{ARTICLE}"))
        if entry.msgid.startswith(PARAGRAPH_START) and not entry.obsolete
    ]
    assert len(found) == 1
    return found[0]


def translate(site: Path, language: str, domain: str, match: str, text: str) -> None:
    """Write a translation straight into a catalog, as a translator's tool would."""
    path = po(site, language, domain)
    catalog = read_catalog(path)
    target = [entry for entry in catalog if entry.msgctxt == match or entry.msgid.startswith(match)]
    assert len(target) == 1
    target[0].msgstr = text
    write_catalog(catalog, path)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_sync(site: Path) -> None:
    assert main(["-c", str(site / "config.yaml"), "sync"]) == 0


def msgfmt_check(root: Path) -> None:
    for path in sorted(root.rglob("*.po*")):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and not result.stderr, (path, result.stderr)


needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


@pytest.fixture
def translated_site(site_dir: Path) -> Path:
    """The bundled site with the article paragraph translated in Romanian and German."""
    translate(site_dir, "ro", f"articles/{ARTICLE}", PARAGRAPH_START, "Pe 3 februarie 2022 …")
    translate(site_dir, "de", f"articles/{ARTICLE}", PARAGRAPH_START, "Am 3. Februar 2022 …")
    translate(site_dir, "de", "menu", LEARN, "Lernen")
    return site_dir


def test_bundled_catalogs_are_in_sync() -> None:
    config = load_config(Path(__file__).resolve().parent.parent / "config.yaml")
    assert sync(config, check_only=True).clean


def test_edit_menu_label_and_paragraph_makes_exactly_those_stale(translated_site: Path) -> None:
    site = translated_site
    replace_in(site / "content/menus.yaml", "label: Learn\n", "label: Learning\n")
    replace_in(
        site / "content/articles" / f"{ARTICLE}.md",
        "organized a webinar",
        "organised an online webinar",
    )
    before = {
        lang: {key: (e.msgstr, e.flags) for key, e in entries(site, lang, "menu").items()}
        for lang in ("ro", "de", "fr")
    }
    run_sync(site)
    for language, text in (("ro", "Învățare"), ("de", "Lernen")):
        learn = by_context(site, language, "menu", LEARN)
        assert (learn.msgid, learn.msgstr, learn.previous_msgid) == ("Learning", text, "Learn")
        assert state_of(learn) is State.STALE
        edited = paragraph(site, language)
        assert "organised an online webinar" in edited.msgid
        assert state_of(edited) is State.STALE
        assert edited.previous_msgid is not None and "organized a webinar" in edited.previous_msgid
    french = by_context(site, "fr", "menu", LEARN)
    assert state_of(french) is State.MISSING and french.previous_msgid is None
    for language in ("ro", "de", "fr"):
        after = {key: (e.msgstr, e.flags) for key, e in entries(site, language, "menu").items()}
        unchanged = {key: value for key, value in before[language].items() if key[0] != LEARN}
        assert {key: after[key] for key in unchanged} == unchanged
        stale = [e for e in read_catalog(po(site, language, "menu")) if state_of(e) is State.STALE]
        assert [e.msgctxt for e in stale] == ([LEARN] if language != "fr" else [])


def test_previous_english_is_kept_across_repeated_changes(translated_site: Path) -> None:
    site = translated_site
    menus = site / "content/menus.yaml"
    replace_in(menus, "label: Learn\n", "label: Learning\n")
    run_sync(site)
    replace_in(menus, "label: Learning\n", "label: Study with us\n")
    run_sync(site)
    learn = by_context(site, "de", "menu", LEARN)
    assert (learn.msgid, learn.previous_msgid, learn.msgstr) == ("Study with us", "Learn", "Lernen")
    replace_in(menus, "label: Study with us\n", "label: Learn\n")
    run_sync(site)
    assert state_of(by_context(site, "de", "menu", LEARN)) is State.TRANSLATED


def test_second_sync_changes_no_byte(translated_site: Path) -> None:
    site = translated_site
    replace_in(site / "content/menus.yaml", "label: Learn\n", "label: Learning\n")
    run_sync(site)
    first = snapshot_files(site / "catalogs")
    run_sync(site)
    assert snapshot_files(site / "catalogs") == first
    assert sync(load_config(site / "config.yaml"), check_only=True).clean


@needs_msgfmt
def test_msgfmt_accepts_every_catalog_after_sync(translated_site: Path) -> None:
    replace_in(translated_site / "content/menus.yaml", "label: Learn\n", "label: Learning\n")
    run_sync(translated_site)
    msgfmt_check(translated_site / "catalogs")


@needs_msgfmt
def test_msgfmt_accepts_the_bundled_catalogs() -> None:
    msgfmt_check(Path(__file__).resolve().parent.parent / "catalogs")


def test_vanished_unit_becomes_obsolete_and_comes_back(translated_site: Path) -> None:
    site = translated_site
    menus = site / "content/menus.yaml"
    original = menus.read_text(encoding="utf-8")
    replace_in(
        menus,
        "      - label: Staff weeks & Job Shadowing\n"
        "        path: /learn/keep-on-learning-with-staff-weeks-andamp-job-shadowing\n",
        "",
    )
    run_sync(site)
    obsolete = [e for e in read_catalog(po(site, "ro", "menu")) if e.obsolete]
    assert [(e.msgctxt, e.msgstr) for e in obsolete] == [(STAFF, "Staff weeks & Job Shadowing")]
    menus.write_text(original, encoding="utf-8")
    run_sync(site)
    back = by_context(site, "ro", "menu", STAFF)
    assert back.msgstr == "Staff weeks & Job Shadowing" and not back.obsolete
    assert not [e for e in read_catalog(po(site, "ro", "menu")) if e.obsolete]


def test_new_unit_with_known_english_gets_memory_as_needs_review(site_dir: Path) -> None:
    ui = site_dir / "content/ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + "\nsidebar_teach: Teach\n", encoding="utf-8")
    run_sync(site_dir)
    entry = by_context(site_dir, "ro", "ui", "sidebar_teach")
    assert (entry.msgstr, state_of(entry)) == ("Predare", State.NEEDS_REVIEW)
    assert state_of(by_context(site_dir, "de", "ui", "sidebar_teach")) is State.MISSING


def test_rewritten_paragraph_is_not_carried_over(translated_site: Path) -> None:
    site = translated_site
    article = site / "content/articles" / f"{ARTICLE}.md"
    text = article.read_text(encoding="utf-8")
    start = text.index(PARAGRAPH_START)
    end = text.index("\n", start)
    article.write_text(
        text[:start] + "Registration for next year's edition opens in May." + text[end:],
        encoding="utf-8",
    )
    run_sync(site)
    new = by_context_text(site, "de", "Registration for next year's edition opens in May.")
    assert state_of(new) is State.MISSING
    obsolete = [e for e in read_catalog(po(site, "de", f"articles/{ARTICLE}")) if e.obsolete]
    assert [e.msgstr for e in obsolete] == ["Am 3. Februar 2022 …"]


def by_context_text(site: Path, language: str, text: str) -> polib.POEntry:
    found = [e for e in read_catalog(po(site, language, f"articles/{ARTICLE}")) if e.msgid == text]
    assert len(found) == 1
    return found[0]


def test_sync_check_reports_without_writing(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(site_dir / "content/menus.yaml", "label: Learn\n", "label: Learning\n")
    before = snapshot_files(site_dir / "catalogs")
    assert main(["-c", str(site_dir / "config.yaml"), "sync", "--check"]) == 1
    assert snapshot_files(site_dir / "catalogs") == before
    captured = capsys.readouterr()
    assert "would update catalogs/menu.pot" in captured.out
    assert "run `l10n sync`" in captured.err


def test_deleted_article_keeps_its_translations_as_obsolete(site_dir: Path) -> None:
    slug = "european-universities-alliances-from-pilots-to-transformative-forces"
    (site_dir / "content/articles" / f"{slug}.md").unlink()
    run_sync(site_dir)
    assert not (site_dir / "catalogs/articles" / f"{slug}.pot").exists()
    kept = read_catalog(po(site_dir, "ro", f"articles/{slug}"))
    assert [e.obsolete for e in kept] == [True]
    assert kept[0].msgstr.startswith("Alianțele universitare europene")


def test_ignore_flag_survives_sync_and_english_changes(translated_site: Path) -> None:
    site = translated_site
    path = po(site, "de", "menu")
    catalog = read_catalog(path)
    learn = next(entry for entry in catalog if entry.msgctxt == LEARN)
    learn.flags.append("ignore-end-punctuation")
    write_catalog(catalog, path)
    run_sync(site)
    assert "ignore-end-punctuation" in by_context(site, "de", "menu", LEARN).flags
    replace_in(site / "content/menus.yaml", "label: Learn\n", "label: Learning\n")
    run_sync(site)
    stale = by_context(site, "de", "menu", LEARN)
    assert stale.flags[0] == "fuzzy" and "ignore-end-punctuation" in stale.flags


def test_bad_catalog_of_the_last_language_leaves_every_file_as_it_was(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sync plans language after language, keeping each new catalog in a temporary file
    beside it; a defect found in the last language removes them all and writes nothing."""
    replace_in(site_dir / "content/menus.yaml", "label: Learn\n", "label: Learning\n")
    shutil.copy(Path(__file__).parent / "data/bad/syntax-error.po", po(site_dir, "sv", "ui"))
    before = snapshot_files(site_dir)
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 2
    assert "catalogs/sv/LC_MESSAGES/ui.po:8: " in capsys.readouterr().err
    assert snapshot_files(site_dir) == before  # no catalog written, no temporary file left


def test_a_link_to_a_catalog_of_the_site_is_no_orphan(site_dir: Path) -> None:
    """A catalog named otherwise that is a known one (through a link) is left alone, while
    the catalog of a deleted article beside it is found as an orphan."""
    run_sync(site_dir)
    kept = po(site_dir, "ro", f"articles/{ARTICLE}")
    link = po(site_dir, "ro", "articles/an-old-name")
    link.symlink_to(kept.name)
    before = kept.read_bytes()
    slug = "european-universities-alliances-from-pilots-to-transformative-forces"
    (site_dir / "content/articles" / f"{slug}.md").unlink()
    run_sync(site_dir)
    assert kept.read_bytes() == before and link.is_symlink()
    assert all(entry.obsolete for entry in read_catalog(po(site_dir, "ro", f"articles/{slug}")))
