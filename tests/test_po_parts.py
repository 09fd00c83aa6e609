"""A big catalog read in parts gives exactly the records of one whole reading, or refuses.

`read_catalog_part` lets several processes read one catalog, each a share of its entries
(`l10n coverage.stats` reads big catalogs so). Whenever every part is read and
`parts_agree`, the parts' records, one after the other, must be the whole reading's, field
for field (lines included); whatever the parts cannot answer for (another form, a defect,
an entry in two parts) must be refused, so that the whole reading decides, as before.
Real catalogs, generated ones, damaged ones and odd ones are put to both.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.checks.copy import CopyRule
from l10n.config import load_config
from l10n.coverage import stats
from l10n.coverage.stats import EntryRecord, catalog_records
from l10n.errors import CatalogError
from l10n.po.catalog import (
    LineCounts,
    _part_bytes,
    noted_msgid_lines,
    part_laid_out,
    part_starts,
    parts_agree,
    read_catalog,
    read_catalog_part,
    source_span,
    source_text,
)
from tests.test_po_fast import RICH, _damaged

ROOT = Path(__file__).resolve().parent.parent
RULE = CopyRule()
GOOD = RICH.replace(r" \a", "")  # RICH as `read_catalog` takes it (msgfmt refuses `\a`)


def _whole(path: Path) -> list[EntryRecord] | None:
    try:
        return catalog_records(read_catalog(path, to_write=False), path, "d", "ui", RULE)
    except CatalogError:
        return None


def _in_parts(path: Path, parts: int) -> list[EntryRecord] | None:
    """The records of the parts one after the other, or None when the parts refuse."""
    read = [read_catalog_part(path, part, parts) for part in range(parts)]
    if not parts_agree([None if part is None else part.keys for part in read]):
        return None
    return [
        record
        for part in read
        if part is not None
        for record in catalog_records(part.catalog, path, "d", "ui", RULE)
    ]


def _assert_parts_read_as_whole(path: Path, counts: tuple[int, ...] = (1, 2, 3, 7)) -> None:
    """Every count of parts gives the whole reading's records (a catalog the whole reading
    refuses, with a defect on purpose, is refused by the parts)."""
    whole = _whole(path)
    for parts in counts:
        assert _in_parts(path, parts) == whole, (path, parts)


REAL = sorted(
    path
    for path in (ROOT / "tests" / "data").rglob("*.po")
    if "bad" not in path.parts and "sphinx-7.4" not in path.parts
)


@pytest.mark.parametrize("path", REAL, ids=lambda path: str(path.relative_to(ROOT)))
def test_real_catalogs_read_in_parts_as_whole(path: Path) -> None:
    _assert_parts_read_as_whole(path, (1, 2, 3, 5, 40))
    assert _whole(path) is not None or path.name == "civis.ro.po"  # its defects are tests'


def test_the_bundled_sites_catalogs_read_in_parts_as_whole() -> None:
    paths = sorted((ROOT / "catalogs").rglob("*.po"))
    assert len(paths) > 20
    for path in paths:
        _assert_parts_read_as_whole(path)


def test_every_shape_of_entry_read_in_parts(tmp_path: Path) -> None:
    path = tmp_path / "ro.po"
    path.write_text(GOOD, encoding="utf-8")
    assert _whole(path) is not None
    _assert_parts_read_as_whole(path, (1, 2, 3, 4, 5, 6, 20))


def test_obsolete_entries_at_a_part_border(tmp_path: Path) -> None:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for index in range(30):
        entry = polib.POEntry(msgctxt=f"c{index}", msgid=f"Text {index}", msgstr=f"T {index}")
        entry.obsolete = index >= 10
        catalog.append(entry)
    path = tmp_path / "de.po"
    path.write_text(catalog.__unicode__(), encoding="utf-8")
    data = path.read_bytes()
    starts = part_starts(data, 4)
    assert any(data.startswith(b"#~ ", start) for start in starts[2:-1])  # a part starts there
    _assert_parts_read_as_whole(path, (2, 3, 4, 5, 31))


def test_a_header_only_catalog(tmp_path: Path) -> None:
    path = tmp_path / "sv.po"
    path.write_text(GOOD[: GOOD.index("#. Shown")], encoding="utf-8")
    assert _whole(path) == []
    assert _in_parts(path, 3) == []
    path.write_text(GOOD[: GOOD.index("#. Shown")].rstrip("\n") + "\n", encoding="utf-8")
    _assert_parts_read_as_whole(path, (1, 2, 5))


@pytest.mark.parametrize(
    "odd",
    [
        lambda text: text.replace("\n", "\r\n"),  # CRLF: read whole
        lambda text: text.rstrip("\n"),  # no final line end: read whole
        lambda text: text.replace("charset=UTF-8", "charset=ISO-8859-2").replace("ș", "s"),
    ],
    ids=["crlf", "no-final-newline", "latin2"],
)
def test_odd_files_are_read_whole(tmp_path: Path, odd: object) -> None:
    path = tmp_path / "fr.po"
    text = odd(GOOD)  # type: ignore[operator]
    path.write_bytes(text.encode("iso-8859-2" if "8859" in text else "utf-8"))
    assert _whole(path) is not None
    for parts in (2, 3):
        assert _in_parts(path, parts) is None  # refused: the caller reads it whole
    assert _in_parts(path, 1) is None


def test_an_entry_in_two_parts_is_refused(tmp_path: Path) -> None:
    entries = "".join(f'\nmsgctxt "c{i}"\nmsgid "Text {i}"\nmsgstr "T"\n' for i in range(40))
    twice = '\nmsgctxt "c3"\nmsgid "Text 3"\nmsgstr "again"\n'
    path = tmp_path / "it.po"
    path.write_text(GOOD[: GOOD.index("#. Shown")] + entries + twice, encoding="utf-8")
    assert _whole(path) is None  # the whole reading names the duplicate
    read = [read_catalog_part(path, part, 4) for part in range(4)]
    assert all(part is not None for part in read)  # each part alone is fine
    assert not parts_agree([part.keys for part in read if part is not None])


def _generated_text(draw: st.DrawFn) -> str:
    words = st.text(alphabet=st.sampled_from('ab é"\\\n\tΩ{}%#:,~|'), max_size=12)
    catalog = polib.POFile(wrapwidth=draw(st.sampled_from((0, 78))))
    catalog.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for index in range(draw(st.integers(0, 25))):
        entry = polib.POEntry(msgctxt=draw(st.none() | words), msgid=f"{index} " + draw(words))
        if draw(st.booleans()):
            entry.msgid_plural = draw(words) or "x"
            entry.msgstr_plural = {0: draw(words), 1: draw(words)}
        else:
            entry.msgstr = draw(words)
        if draw(st.booleans()):
            entry.flags = ["fuzzy", *draw(st.lists(st.sampled_from(("python-format", "x"))))]
            entry.previous_msgid = draw(st.none() | words)
        entry.comment, entry.tcomment = draw(words).replace("\n", " "), draw(words)
        entry.occurrences = draw(
            st.lists(st.tuples(st.sampled_from(("a.py", "b c")), st.just("3")))
        )
        entry.obsolete = draw(st.integers(0, 4)) == 0
        catalog.append(entry)
    return catalog.__unicode__()


@st.composite
def generated(draw: st.DrawFn) -> str:
    return _generated_text(draw)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=generated(), parts=st.integers(2, 9))
def test_generated_catalogs_read_in_parts_as_whole(tmp_path: Path, text: str, parts: int) -> None:
    path = tmp_path / "gen.po"
    path.write_text(text, encoding="utf-8")
    whole = _whole(path)
    found = _in_parts(path, parts)
    if found is not None:
        assert found == whole
    if whole is not None and read_catalog_part(path, 0, 1) is not None:
        assert found == whole  # a catalog in the common form is never refused


def test_damaged_catalogs_read_in_parts_as_whole_or_refused(tmp_path: Path) -> None:
    rng = random.Random(15)
    base = GOOD + "".join(f'\nmsgctxt "k{i}"\nmsgid "Line {i}"\nmsgstr "L {i}"\n' for i in range(8))
    path = tmp_path / "el.po"
    agreed = refused = 0
    for _ in range(1500):
        path.write_text(_damaged(base, rng), encoding="utf-8")
        whole = _whole(path)
        found = _in_parts(path, rng.randint(2, 6))
        if found is None:
            refused += 1
            continue
        agreed += 1
        assert whole is not None and found == whole, path.read_text(encoding="utf-8")
    assert agreed > 200 and refused > 200


def test_status_counts_big_catalogs_in_parts(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    config = load_config(site_dir / "config.yaml")
    alone = stats.compute_stats(config).as_json()
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM", 10**9)
    monkeypatch.setattr(stats, "PART_MINIMUM_BYTES", 1)  # the bundled site's catalogs in parts
    jobs = [(Path(f"{code}.po"), "d") for code in ("ro", "de", "el")]
    assert max(stats._part_counts(jobs, [len(GOOD)] * 3, 2)) > 1
    assert stats.compute_stats(config).as_json() == alone


def test_a_defect_in_one_part_is_named_as_the_whole_reading_names_it(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    config = load_config(site_dir / "config.yaml")
    path = max(site_dir.joinpath("catalogs").rglob("*.po"), key=lambda p: p.stat().st_size)
    lines = path.read_text(encoding="utf-8").split("\n")
    where = max(i for i, line in enumerate(lines) if line.startswith("msgstr "))
    lines[where] = lines[where] + "\\q"  # an unknown escape near the end: the last part's
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CatalogError) as alone:
        stats.compute_stats(config)
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM", 10**9)
    monkeypatch.setattr(stats, "PART_MINIMUM_BYTES", 1)
    with pytest.raises(CatalogError) as in_parts:
        stats.compute_stats(config)
    assert str(in_parts.value) == str(alone.value) and alone.value.line == where + 1


@pytest.mark.parametrize(
    ("damage", "refused_whole"),
    [
        (lambda text: 'msgctxt "a"\nmsgid "Before"\nmsgstr "Vor"\n\n' + text, True),
        (lambda text: text.replace('#| msgid ""\n', '#| msgid ""\n# note\n'), True),
        (lambda text: text.replace("\n\n#: a.md:1", '\n\n#| msgid "x"\n\n#: a.md:1'), True),
        # read whole by polib (a blank line inside an entry), never in parts
        (
            lambda text: text.replace('#| msgctxt "old.context"\n', '#| msgctxt "old.context"\n\n'),
            False,
        ),
    ],
    ids=["entry-before-header", "comment-after-previous", "previous-alone", "blank-in-entry"],
)
def test_what_the_whole_check_refuses_the_parts_refuse(
    tmp_path: Path, damage: object, refused_whole: bool
) -> None:
    path = tmp_path / "ro.po"
    path.write_text(damage(GOOD), encoding="utf-8")  # type: ignore[operator]
    assert (_whole(path) is None) == refused_whole
    for parts in (1, 2, 3, 6):
        assert _in_parts(path, parts) is None


@pytest.mark.parametrize("window", [16, 100, 1 << 16])
def test_each_part_reads_only_its_own_bytes_with_the_whole_files_borders(window: int) -> None:
    """A part finds its borders by reading around them (a window grown until the entry
    that starts it is read whole): the same borders `part_starts` finds in the whole file,
    the same bytes, and the line it starts on."""
    paths = [path for path in REAL if "civis" not in path.name][:12]
    paths += sorted((ROOT / "catalogs").rglob("*.po"))[:6]
    for path in paths:
        data = path.read_bytes()
        for parts in (1, 2, 3, 7, 40):
            starts = part_starts(data, parts)
            with path.open("rb") as stream:
                for part in range(parts):
                    read = _part_bytes(stream, len(data), part, parts, True, window)
                    assert read is not None, path
                    head, body, line, end = read
                    assert head == data[: starts[0]]
                    assert body == data[starts[part + 1] : starts[part + 2]], (path, parts, part)
                    assert line == data.count(b"\n", 0, starts[part + 1]) + 1
                    assert end == starts[part + 2]
                    alone = _part_bytes(stream, len(data), part, parts, False, window)
                    assert alone == (head, body, head.count(b"\n") + 1, end)


def test_parts_of_a_file_replaced_between_them_do_not_agree(tmp_path: Path) -> None:
    path = tmp_path / "ro.po"
    path.write_text(GOOD, encoding="utf-8")
    first = read_catalog_part(path, 0, 2)
    same = tmp_path / "same.po"
    same.write_text(GOOD, encoding="utf-8")  # the same bytes, another file
    os.replace(same, path)
    second = read_catalog_part(path, 1, 2)
    assert first is not None and second is not None
    assert not parts_agree([first.keys, second.keys])
    again = read_catalog_part(path, 0, 2)
    assert again is not None and parts_agree([again.keys, second.keys])


def test_one_big_domain_is_cut_in_enough_slices_for_every_worker() -> None:
    """One catalog per language in one domain: cut so that each of 2 workers counts
    several slices (each part k of every language), not one slice each."""
    mib = 1024 * 1024
    jobs = [(Path(f"{code}.po"), "messages") for code in ("ro", "de", "fr", "el", "it", "es")]
    counts = stats._part_counts(jobs, [100 * mib] * 6, 2)
    assert counts == [2 * stats.PARTS_PER_WORKER] * 6
    slices = stats._slices(jobs, counts)
    assert len(slices) == 2 * stats.PARTS_PER_WORKER
    assert stats._chunk_size(counts, len(slices), 2) == 1  # one slice at a time
    # never in parts below 1 MiB
    assert stats._part_counts(jobs, [10 * mib] * 6, 2) == [10] * 6
    # two domains: each cut by its share of the bytes; small catalogs never below 1 MiB
    jobs += [(Path("ro-small.po"), "small"), (Path("de-small.po"), "small")]
    counts = stats._part_counts(jobs, [100 * mib] * 6 + [mib // 2] * 2, 2)
    assert counts[-2:] == [1, 1] and len(stats._slices(jobs, counts)) == counts[0] + 1


def test_many_small_catalogs_are_sent_several_slices_at_a_time() -> None:
    """Slices of small catalogs read whole go 16 at a time at most (fewer round trips);
    slices of a catalog read in parts one at a time, so that the workers end together."""
    assert stats._chunk_size([1] * 4000, 4000, 2) == 16
    assert stats._chunk_size([1] * 40, 40, 2) == 5
    assert stats._chunk_size([1] * 4, 4, 2) == 1
    assert stats._chunk_size([1] * 4000 + [3], 4002, 2) == 1


def test_parts_read_in_any_order_with_their_line_counts_kept_number_lines_as_alone() -> None:
    """A worker that keeps the line ends it counted (`counted`) counts from the nearest
    border it knows: its parts, read in any order, are numbered as each read alone."""
    rng = random.Random(4)
    paths = [path for path in REAL if "civis" not in path.name][:8]
    for path in paths:
        for parts in (2, 3, 7, 40):
            counted: LineCounts = {}
            for part in rng.sample(range(parts), parts):
                alone = read_catalog_part(path, part, parts)
                kept = read_catalog_part(path, part, parts, counted=counted)
                assert alone is not None and kept is not None
                numbers = [(entry.linenum, entry.msgid) for entry in kept.catalog]
                assert numbers == [(entry.linenum, entry.msgid) for entry in alone.catalog]
                assert source_span(kept.catalog) == source_span(alone.catalog)
            assert len(counted) == 1 and len(counted[next(iter(counted))]) > 1
            # each border remembered (a part's end: from the reader's own line count)
            # has the line ends the file has before it
            data = path.read_bytes()
            for offset, ends in counted[next(iter(counted))].items():
                assert ends == data.count(b"\n", 0, offset), (path, parts, offset)


def _laid_out_as_defined(text: str, entries: int) -> tuple[bool, bool]:
    """`part_laid_out` as its docstring defines it, with str methods on the text itself."""

    def regular(text: str) -> bool:
        return (
            text.endswith("\n")
            and not text.endswith("\n\n")
            and "\n\n\n" not in text
            and "\n\n#~|" not in text
            and text.count("\n\n") == entries
        )

    return text.endswith("\n\n") and regular(text[:-1]), regular(text)


def test_parts_say_they_are_laid_out_as_defined(tmp_path: Path) -> None:
    """Each part's `part_laid_out`, from one search of its text, is what the definition
    says of the text: on the catalogs under tests/data and on ones with a blank line too
    many, a `#~|` line after a blank one, or a last line end missing, at cuts and between."""
    texts = [path.read_text(encoding="utf-8") for path in REAL]
    blanks = [found for found in range(len(GOOD)) if GOOD.startswith("\n\n", found)]
    texts += [GOOD, GOOD + "\n", GOOD.rstrip("\n"), GOOD + '#~| msgid "old"\n#~ msgid "x"\n']
    texts += [GOOD[:at] + "\n" + GOOD[at:] for at in blanks]
    texts += [GOOD[: at + 2] + '#~| msgid "was"\n' + GOOD[at + 2 :] for at in blanks]
    said = []
    for number, text in enumerate(texts):
        path = tmp_path / f"{number}.po"
        path.write_text(text, encoding="utf-8")
        for parts in (1, 2, 3, 5):
            for part in range(parts):
                read = read_catalog_part(path, part, parts)
                if read is None or source_text(read.catalog) is None:
                    continue
                text_read = source_text(read.catalog)
                assert text_read is not None
                laid_out = part_laid_out(read.catalog)
                assert laid_out == _laid_out_as_defined(text_read, len(read.catalog))
                said.append(laid_out)
    assert {(True, False), (False, True), (False, False)} <= set(said)  # every answer met


def test_msgid_lines_are_the_lines_starting_with_msgid() -> None:
    """`msgid_lines`, from any start of a line on, numbers the lines that start with
    `msgid ` as counting the text's lines does: every catalog under tests/data."""
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        starts = [0, *(at + 1 for at in range(len(text)) if text[at] == "\n")][:-1]
        for number in sorted({1, 2, len(lines) // 3, len(lines) // 2, len(lines) - 1}):
            if not 1 <= number <= len(starts):
                continue
            expected = [
                found
                for found, line in enumerate(lines, 1)
                if found >= number and line.startswith("msgid ")
            ]
            assert stats.msgid_lines(text, starts[number - 1], number) == expected, path
            assert expected or number > 1


def test_the_msgid_lines_the_reader_notes_are_those_found_in_the_text(tmp_path: Path) -> None:
    """The line of each msgid, as the fast reader notes it while reading, is the line the
    text's own `msgid ` lines give (`msgid_lines`, `msgid_line`): every catalog under
    tests/data and RICH, read whole (to look at and to write) and in parts."""
    path = tmp_path / "ro.po"
    path.write_text(GOOD, encoding="utf-8")
    noted_in = 0
    for source in [*REAL, path]:
        read: list[polib.POFile] = []
        try:
            read += [read_catalog(source, to_write=False), read_catalog(source)]
        except CatalogError:
            continue
        for parts in (1, 2, 3, 7):
            found = [read_catalog_part(source, part, parts) for part in range(parts)]
            read += [part.catalog for part in found if part is not None]
        for catalog in read:
            noted = noted_msgid_lines(catalog)
            if noted is None:
                continue
            noted_in += 1
            lines = stats.msgid_lines(source_text(catalog) or "", *source_span(catalog))
            entries = stats.active_entries(catalog)
            assert noted == [stats.msgid_line(lines, entry.linenum) for entry in entries]
            assert stats.entry_msgid_lines(catalog, entries) is noted
    assert noted_in >= 100
