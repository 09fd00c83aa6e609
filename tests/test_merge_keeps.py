"""Knowing a catalog is up to date without merging it gives the merge's own answer.

`merge.merge_keeps` says a merge would give back every entry as it is, and
`catalog.renders_as_read` that rendering gives back the file: `sync.catalog_would_change`
answers from them without building a merged catalog. Both are checked against the merge
itself: on random entries, and on a synced site's catalogs damaged in the ways that make
a sync rewrite a file.
"""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest

from l10n.config import load_config
from l10n.model import Unit
from l10n.po.catalog import _fields, laid_out, read_catalog, render_catalog, source_text
from l10n.sources.site import load_site, po_path
from l10n.sync import run as sync
from l10n.sync.merge import _carried, merge_keeps

FLAGS = ("fuzzy", "python-format", "max-length:20", "no-wrap", "reviewed")
UNIT_FLAGS = FLAGS[1:]  # the content never marks a unit fuzzy


def _unit(rng: random.Random) -> Unit:
    return Unit(
        "ui",
        rng.choice([None, "nav.home"]),
        "Home",
        "ui",
        references=rng.choice([[], ["a.yaml:3"], ["a.yaml:3", "b.md"]]),
        notes=rng.choice([[], ["Shown in the menu."]]),
        plural=rng.choice([None, None, "Homes"]),
        flags=rng.sample(UNIT_FLAGS, rng.randint(0, 2)),
    )


def _entry_like(unit: Unit, rng: random.Random) -> polib.POEntry:
    """An entry for the unit, as a merge made it, with some of it changed at random."""
    entry = _carried(unit, polib.POEntry(msgid=unit.source), False, 3)
    if rng.random() < 0.5:
        texts = rng.choice([("Acasă", "Acase", ""), ("", "", ""), ("Acasă", "Acase", "Case")])
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(texts[: rng.choice([2, 3])]))
        else:
            entry.msgstr = texts[0]
    if rng.random() < 0.3:
        entry.flags = rng.sample(FLAGS, rng.randint(0, 3))
    if rng.random() < 0.2:
        entry.previous_msgid = "Start"
    if rng.random() < 0.2:
        entry.comment = "Another note."
    if rng.random() < 0.2:
        entry.occurrences = [("a.yaml", "4")]
    if rng.random() < 0.1:
        entry.msgid_plural = "" if entry.msgid_plural else "Homes"
    return entry


def test_an_entry_the_merge_keeps_is_exactly_what_the_merge_makes() -> None:
    rng = random.Random(7)
    kept = 0
    for _ in range(5000):
        unit = _unit(rng)
        entry = _entry_like(unit, rng)
        entry.msgctxt = unit.context
        catalog = polib.POFile()
        catalog.append(entry)
        merged = _fields(_carried(unit, entry, False, 3))
        if merge_keeps([unit], catalog, 3):
            kept += 1
            assert merged == _fields(entry)
        else:
            assert merged != _fields(entry)
    assert 500 < kept < 4500


DAMAGE = {
    "nothing": lambda text: text,
    "no final line break": lambda text: text.rstrip("\n"),
    "two blank lines": lambda text: text.replace("\n\n", "\n\n\n", 1),
    "no blank line": lambda text: text.replace('"\n\n#', '"\n#', 1),
    "a reference changed": lambda text: text.replace("#: ", "#: moved/", 1),
    "a note changed": lambda text: text.replace("#. ", "#. (edited) ", 1),
    "an obsolete entry without text": lambda text: text + '\n#~ msgid "Gone"\n#~ msgstr ""\n',
    "an obsolete entry in the middle": lambda text: text.replace(
        "\n\n#", '\n\n#~ msgid "Gone"\n#~ msgstr "Dus"\n\n#', 1
    ),
    "a fuzzy header": lambda text: text.replace('msgid ""\n', '#, fuzzy\nmsgid ""\n', 1),
    "a header field gone": lambda text: text.replace('"Language: ro\\n"\n', "", 1),
    "an obsolete entry after a #~| line": lambda text: (
        text + '\n#~| msgid "Older"\n#~ msgid "Gone"\n#~ msgstr "Dus"\n'
    ),
    "wrapped by msgcat": lambda text: text.replace('msgid "', 'msgid ""\n"', 1),  # kept as is
    "an unknown flag": lambda text: text.replace("\n#: ", "\n#, reviewed\n#: ", 1),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_the_shortcut_answers_as_the_merge_does(site_dir: Path, damage: str) -> None:
    config = load_config(site_dir / "config.yaml")
    sync.sync(config)
    site = load_site(config)
    domain = "ui"
    path = po_path(config, "ro", domain)
    path.write_text(DAMAGE[damage](path.read_text(encoding="utf-8")), encoding="utf-8")
    units = site.templates[domain]
    merged = sync._merge_one(config, domain, "ro", units, read_catalog(path), {})
    expected = render_catalog(merged) != source_text(read_catalog(path))
    answer = sync.catalog_would_change(config, domain, "ro", units, read_catalog(path))
    assert answer == expected
    looked_at = read_catalog(path, to_write=False)  # as the gate reads it
    assert sync.catalog_would_change(config, domain, "ro", units, looked_at) == expected
    assert answer == (
        damage
        not in (
            "nothing",
            "an unknown flag",
            "wrapped by msgcat",
            "no final line break",
            "a fuzzy header",
        )
    )


def test_every_synced_catalog_is_known_up_to_date_without_a_merge(site_dir: Path) -> None:
    config = load_config(site_dir / "config.yaml")
    sync.sync(config)
    site = load_site(config)
    for language in config.languages:
        for domain, units in site.templates.items():
            path = po_path(config, language, domain)
            for catalog in (read_catalog(path), read_catalog(path, to_write=False)):
                assert sync._merge_keeps(config, domain, language, units, catalog)
                assert not sync.catalog_would_change(config, domain, language, units, catalog)


def test_a_catalog_changed_after_reading_is_not_taken_as_read(site_dir: Path) -> None:
    config = load_config(site_dir / "config.yaml")
    sync.sync(config)
    site = load_site(config)
    catalog = read_catalog(po_path(config, "ro", "ui"))
    assert not sync.catalog_would_change(config, "ui", "ro", site.templates["ui"], catalog)
    catalog[3].tcomment = "Checked by a person."
    assert sync.catalog_would_change(config, "ui", "ro", site.templates["ui"], catalog)


def test_a_catalog_read_to_be_looked_at_is_laid_out_to_keep_its_lines(site_dir: Path) -> None:
    """Merged and rendered after `laid_out`, a catalog read only to be looked at keeps its
    file's own lines, as one read to be written does (sync keeps a msgcat's wrapping)."""
    config = load_config(site_dir / "config.yaml")
    sync.sync(config)
    path = po_path(config, "ro", "ui")
    path.write_text(DAMAGE["wrapped by msgcat"](path.read_text(encoding="utf-8")), "utf-8")
    text = path.read_text(encoding="utf-8")
    looked_at = read_catalog(path, to_write=False)
    assert render_catalog(looked_at) != text  # rendered afresh, the wrapping is polib's
    assert laid_out(looked_at) is not None and render_catalog(looked_at) == text
    assert laid_out(read_catalog(path)) is not None  # read to be written: laid out already
