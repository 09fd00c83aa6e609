"""The merge driver's reading of the three sides (`l10n.po.merge_sides.read_sides`): base and
theirs share ours' equal strings, and the merge gives the bytes it gives on three catalogs
read each on its own (`read_catalog`), over branch pairs of the real catalogs in tests/data.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.merge_pairs import write_pair
from l10n.errors import CatalogError
from l10n.po.catalog import read_catalog
from l10n.po.merge import merge_catalogs, merged_pieces
from l10n.po.merge_sides import read_sides

DATA = Path(__file__).resolve().parent / "data"
CATALOGS = sorted([*DATA.glob("catalogs/**/*.po"), *DATA.glob("real/**/*.po")])


@pytest.mark.parametrize("source", CATALOGS, ids=lambda path: path.relative_to(DATA).as_posix())
def test_read_sides_merges_as_three_catalogs_read_alone(source: Path, tmp_path: Path) -> None:
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    base.write_bytes(source.read_bytes())
    write_pair(base, ours, theirs, random.Random(source.name), 6)
    alone = merge_catalogs(*(read_catalog(path) for path in (base, ours, theirs)))
    shared = merge_catalogs(*read_sides(base, ours, theirs))
    assert b"".join(merged_pieces(shared)) == b"".join(merged_pieces(alone))
    assert shared.conflicts == alone.conflicts


def test_base_and_theirs_hold_ours_equal_strings(tmp_path: Path) -> None:
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    base.write_bytes(CATALOGS[0].read_bytes())
    write_pair(base, ours, theirs, random.Random(1), 6)
    old, mine, other = read_sides(base, ours, theirs)
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in mine}
    for side in (old, other):
        equal = [
            (entry, by_key[(entry.msgctxt, entry.msgid)])
            for entry in side
            if entry.msgstr and entry.msgstr == by_key[(entry.msgctxt, entry.msgid)].msgstr
        ]
        assert equal
        assert all(entry.msgstr is kept.msgstr for entry, kept in equal)
        assert all(entry.msgid is kept.msgid for entry, kept in equal)


def test_base_is_read_without_the_entries_ours_and_theirs_hold_alike(tmp_path: Path) -> None:
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    base.write_bytes(CATALOGS[0].read_bytes())
    write_pair(base, ours, theirs, random.Random(1), 6)
    old = read_sides(base, ours, theirs)[0]
    whole = read_catalog(base, to_write=False)
    assert 0 < len(old) < len(whole)
    assert old.metadata == whole.metadata and old.header == whole.header


def test_a_duplicate_in_base_among_the_entries_held_alike_is_named_as_before(
    tmp_path: Path,
) -> None:
    """Base holds an entry twice, once as ours and theirs hold it: base is read whole and
    its defect named (the merge driver then falls back to git's line merge)."""
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    text = CATALOGS[0].read_text(encoding="utf-8")
    base.write_text(text + '\nmsgid "short"\nmsgstr "Other"\n', encoding="utf-8")
    ours.write_text(text, encoding="utf-8")
    theirs.write_text(text, encoding="utf-8")
    assert 'msgid "short"\n' in text
    with pytest.raises(CatalogError) as raised:
        read_catalog(base)
    with pytest.raises(CatalogError) as named:
        read_sides(base, ours, theirs)
    assert str(named.value) == str(raised.value)
    assert "duplicate entry" in str(named.value)


def test_a_defect_in_base_and_ours_is_named_in_base_first(tmp_path: Path) -> None:
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    text = CATALOGS[0].read_text(encoding="utf-8")
    broken = text + '\nmsgid "Unclosed\nmsgstr ""\n'
    base.write_text(broken, encoding="utf-8")
    ours.write_text(broken, encoding="utf-8")
    theirs.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as named:
        read_sides(base, ours, theirs)
    assert str(base) in str(named.value)


def test_theirs_entries_held_as_ours_are_copies_of_ours(tmp_path: Path) -> None:
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    base.write_bytes(CATALOGS[0].read_bytes())
    write_pair(base, ours, theirs, random.Random(1), 6)
    _, mine, other = read_sides(base, ours, theirs)
    whole = read_catalog(theirs)
    assert [entry.msgid for entry in other] == [entry.msgid for entry in whole]
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in mine}
    for entry, alone in zip(other, whole, strict=True):
        assert (entry.msgstr, entry.msgstr_plural, entry.flags) == (
            alone.msgstr,
            alone.msgstr_plural,
            alone.flags,
        )
        assert (entry.tcomment, entry.comment, entry.occurrences) == (
            alone.tcomment,
            alone.comment,
            alone.occurrences,
        )
        kept = by_key[(entry.msgctxt, entry.msgid)]
        assert entry is not kept and entry.flags is not kept.flags


def test_a_duplicate_in_theirs_among_the_entries_held_as_ours_is_named_as_before(
    tmp_path: Path,
) -> None:
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    text = CATALOGS[0].read_text(encoding="utf-8")
    base.write_text(text, encoding="utf-8")
    ours.write_text(text, encoding="utf-8")
    theirs.write_text(text + '\nmsgid "short"\nmsgstr "Other"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        read_catalog(theirs)
    with pytest.raises(CatalogError) as named:
        read_sides(base, ours, theirs)
    assert str(named.value) == str(raised.value)
