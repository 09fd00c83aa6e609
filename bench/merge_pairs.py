"""Branch pairs for the merge driver: two translators' work on one catalog, and the merge a
reference computes entry by entry.

tests/test_merge_driver.py holds `l10n merge-driver` to the reference over many pairs (the
bundled catalogs and the generated ones of bench/generate.py and bench/generate_catalog.py);
bench/run.py times the driver on one pair of the largest catalog, beside `git merge-file`.

A branch translates some entries (text or plural forms; the fuzzy flag and the old English
go), and now and then adds a translator's comment; it stamps the header's revision date as a
save does. Both branches of a pair work mostly in one stretch of the catalog, so they often
touch adjacent entries and sometimes the same entry, the same way or two ways.
"""

from __future__ import annotations

import random
from pathlib import Path

import polib

from l10n.po.catalog import read_catalog, render_catalog
from l10n.states import entry_texts

Key = tuple[str | None, str]
Texts = dict[Key, tuple[str, ...]]
WORDS = ("alfa", "beta", "gama", "delta", "[x]", "{count}", "ş", "ü", "é", "\\n")
STRETCH = 3  # the stretch both branches work in: this many times the entries a branch edits


def random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))


def branch_work(
    catalog: polib.POFile, rng: random.Random, shared: dict[int, str], stretch: range, most: int
) -> None:
    """One branch's work: up to `most` entries translated, most of them in `stretch` (there,
    half the time the way `shared` says, which the other branch may have done too)."""
    active = [entry for entry in catalog if not entry.obsolete and entry.msgid]
    stretch = range(stretch.start, min(stretch.stop, len(active)))
    count = min(len(active), rng.randint(0, most))
    near = min(len(stretch), count - count // 4)
    chosen = set(rng.sample(stretch, k=near)) if near else set()
    while len(chosen) < count:
        chosen.add(rng.randrange(len(active)))
    for index in sorted(chosen):
        entry = active[index]
        text = shared.get(index) if index in shared and rng.random() < 0.5 else None
        text = text or random_text(rng)
        if entry.msgid_plural:
            entry.msgstr_plural = {form: f"{text} {form}" for form in entry.msgstr_plural}
        else:
            entry.msgstr = text
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
    if rng.random() < 0.3 and active:  # a comment of the translator's
        entry = rng.choice(active)
        entry.tcomment = ((entry.tcomment or "") + "\nnote " + random_text(rng)).strip()
    day, hour = rng.randint(1, 9), rng.randint(10, 19)
    catalog.metadata["PO-Revision-Date"] = f"2026-12-0{day} {hour}:00+0000"


def write_pair(base: Path, ours: Path, theirs: Path, rng: random.Random, most: int = 6) -> None:
    """Two branches' versions of the catalog `base`, each up to `most` entries translated."""
    catalog = read_catalog(base)
    entries = sum(1 for entry in catalog if not entry.obsolete and entry.msgid)
    width = STRETCH * most
    start = rng.randrange(max(1, entries - width + 1))
    stretch = range(start, start + width)
    shared = {index: random_text(rng) for index in stretch}
    for side in (ours, theirs):
        catalog = read_catalog(base)
        branch_work(catalog, rng, shared, stretch, most)
        side.write_text(render_catalog(catalog), encoding=catalog.encoding or "utf-8")


def texts_of(catalog: polib.POFile) -> Texts:
    """Each entry's translation(s), by identity."""
    return {(e.msgctxt, e.msgid): tuple(entry_texts(e)) for e in catalog if e.msgid}


def reference_merge(base: Texts, ours: Texts, theirs: Texts) -> tuple[Texts, set[Key]]:
    """The texts a merge must give, entry by entry (ours where both changed an entry two
    ways), and the entries translated two ways."""
    expected: Texts = {}
    conflicts: set[Key] = set()
    for key, old in base.items():
        mine, other = ours[key], theirs[key]
        if mine == other or other == old:
            expected[key] = mine
        elif mine == old:
            expected[key] = other
        else:
            expected[key], conflicts = mine, conflicts | {key}
    return expected, conflicts
