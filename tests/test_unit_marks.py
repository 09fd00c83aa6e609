"""A worker judges a part of a big catalog by the units' marks as the units would judge it.

Workers of `l10n check` hold no units of a domain scanned in parts, only their marks
(`l10n.sync.parts.unit_marks`: a digest of each unit's English, notes and references, and
its flags). `merge.run_kept` on the marks must answer as `_kept_as_is` on the units: on
random entries made to differ from their unit in one field at a time, and on every entry
of the real catalogs under tests/data against their templates.
"""

from __future__ import annotations

import random
from pathlib import Path

import polib

from l10n.model import Unit
from l10n.po.catalog import read_catalog
from l10n.po.headers import nplurals_of
from l10n.sources.site import _template_units
from l10n.sync.merge import _carried, _kept_as_is, entry_mark, run_kept, unit_mark
from l10n.sync.parts import UnitMarks, unit_marks

DATA = Path(__file__).parent / "data"


def _kept_by_marks(marks: UnitMarks, entry: polib.POEntry, nplurals: int) -> bool:
    """What a part of this one entry says, as `part_kept` asks it."""
    start = marks.places.get(entry_mark(entry), -1)
    return run_kept(marks.places, marks.flags, start, [entry], nplurals)


def _unit(rng: random.Random) -> Unit:
    return Unit(
        "ui",
        rng.choice([None, "", "nav.home", "nav"]),
        rng.choice(["Home", "Home ", "Ho\x00me", "Acasă"]),
        "ui",
        references=rng.choice([[], ["a.yaml:3"], ["a.yaml:3", "b.md"], ["a:b.md"], ["a.yaml"]]),
        notes=rng.choice([[], ["Shown in the menu."], ["Shown", "in the menu."]]),
        plural=rng.choice([None, None, "", "Homes"]),
        flags=rng.sample(["python-format", "no-wrap", "max-length:20"], rng.randint(0, 2)),
    )


def _changed(unit: Unit, rng: random.Random) -> polib.POEntry:
    """The entry a merge makes of `unit`, translated, with one field changed at times."""
    entry = _carried(unit, polib.POEntry(msgid=unit.source, msgstr="Acasă"), False, 2)
    field = rng.choice(["none", "msgctxt", "msgid", "plural", "comment", "occurrences", "flags"])
    if field == "msgctxt":
        entry.msgctxt = rng.choice([None, "", "nav.home", "nav"])
    elif field == "msgid":
        entry.msgid = rng.choice(["Home", "Home ", "Ho\x00me", "Acasă"])
    elif field == "plural":
        entry.msgid_plural = rng.choice(["", "Homes"])
    elif field == "comment":
        entry.comment = rng.choice(["", "Shown in the menu.", "Shown\nin the menu."])
    elif field == "occurrences":
        entry.occurrences = rng.choice([[], [("a.yaml", "3")], [("a", "b.md")], [("a:b.md", "")]])
    elif field == "flags":
        entry.flags = rng.sample(["fuzzy", "python-format", "no-wrap"], rng.randint(0, 2))
    return entry


def test_marks_answer_as_the_units_on_entries_changed_one_field_at_a_time() -> None:
    rng = random.Random(15)
    answers = {True: 0, False: 0}
    for _ in range(4000):
        unit = _unit(rng)
        entry = _changed(unit, rng)
        marks = unit_marks([unit])
        assert marks is not None
        kept = _kept_as_is(unit, entry, 2)
        assert _kept_by_marks(marks, entry, 2) == kept, (unit, entry)
        answers[kept] += 1
    assert min(answers.values()) > 500


def test_marks_tell_none_from_an_empty_context_and_references_apart() -> None:
    plain = Unit("ui", None, "Home", "ui", references=["a:1", "b"])
    assert unit_mark(plain) != unit_mark(Unit("ui", "", "Home", "ui", references=["a:1", "b"]))
    assert unit_mark(plain) != unit_mark(Unit("ui", None, "Home", "ui", references=["a:1b"]))
    assert unit_mark(plain) != unit_mark(Unit("ui", None, "Home", "ui", notes=["a:1", "b"]))


def test_units_sharing_a_key_have_no_marks() -> None:
    units = [Unit("ui", None, "Home", "ui"), Unit("ui", None, "Home", "ui", notes=["twice"])]
    assert unit_marks(units) is None


def _pairs() -> list[tuple[Path, Path]]:
    """Every real catalog under tests/data (none is defective) with its template, or itself."""
    pairs: list[tuple[Path, Path]] = []
    catalogs = [
        path for folder in ("real", "adopt", "catalogs") for path in DATA.glob(f"{folder}/**/*.po")
    ]
    for catalog in sorted(catalogs):
        template = catalog
        if "django" in str(catalog) and (catalog.parent.parent / "en").is_dir():
            template = catalog.parent.parent / "en" / catalog.name
        elif "sphinx" in str(catalog) and (DATA / "adopt/sphinx/locale/sphinx.pot").exists():
            template = DATA / "adopt/sphinx/locale/sphinx.pot"
        pairs.append((template, catalog))
    return pairs


def test_marks_answer_as_the_units_on_every_real_catalog() -> None:
    answers = {True: 0, False: 0}
    pairs = _pairs()
    assert len(pairs) > 30
    for template, path in pairs:
        units = _template_units(template, "messages", "ui")
        marks = unit_marks(units)
        assert marks is not None
        by_key = {unit.key: unit for unit in units}
        catalog = read_catalog(path, to_write=False)
        nplurals = nplurals_of(catalog)
        for entry in catalog:
            if entry.obsolete:
                continue
            unit = by_key.get((entry.msgctxt, entry.msgid))
            kept = unit is not None and _kept_as_is(unit, entry, nplurals)
            assert _kept_by_marks(marks, entry, nplurals) == kept, (path, entry.msgid)
            answers[kept] += 1
    assert min(answers.values()) > 100, answers
