"""A big catalog is rendered, compared with its file and staged piece by piece: the bytes are
those of rendering it whole, and a file that would not change is never written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import CatalogError
from l10n.po.atomic import differs, stage_changed
from l10n.po.catalog import (
    SOURCE_TEXT,
    FileForm,
    _header_alone,
    read_catalog,
    read_header_fields,
    render_catalog,
)
from tests.conftest import DATA, pristine_site

OLD = b"".join(b"line %d of the file\n" % number for number in range(40_000))


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


@pytest.mark.parametrize(
    "new",
    [
        b"X" + OLD[1:],  # differs at once
        OLD[:500_000] + b"changed" + OLD[500_007:],  # in the middle: the start is copied
        OLD + b"one more line\n",  # longer
        OLD[:-5],  # shorter: the file goes on after the chunks end
        b"",
    ],
    ids=["start", "middle", "longer", "shorter", "empty"],
)
def test_stage_changed_stages_exactly_the_new_bytes(tmp_path: Path, new: bytes) -> None:
    path = tmp_path / "messages.po"
    path.write_bytes(OLD)
    assert differs(path, _pieces(new, 1000))
    staged = stage_changed(path, _pieces(new, 1000))
    assert staged is not None and staged.parent == tmp_path
    assert staged.read_bytes() == new
    assert path.read_bytes() == OLD  # the file itself is not touched
    assert _temps(tmp_path) == [staged]


def test_equal_bytes_stage_nothing(tmp_path: Path) -> None:
    path = tmp_path / "messages.po"
    path.write_bytes(OLD)
    assert not differs(path, _pieces(OLD, 777))
    assert stage_changed(path, _pieces(OLD, 777)) is None
    assert _temps(tmp_path) == []


def test_an_absent_file_is_staged_whole(tmp_path: Path) -> None:
    path = tmp_path / "de" / "messages.po"
    assert differs(path, [b"a", b"b"])
    staged = stage_changed(path, [b"a", b"b"])
    assert staged is not None and staged.read_bytes() == b"ab"
    assert not path.exists()


texts = st.lists(st.text(alphabet="ab\nΩ€", max_size=12), max_size=8)


@settings(max_examples=400, deadline=None)
@given(
    pieces=texts,
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    final=st.booleans(),
    charset=st.sampled_from(["utf-8", "iso-8859-7", "ascii"]),
)
def test_encoding_in_pieces_is_encoding_the_whole(
    pieces: list[str], newline: str, final: bool, charset: str
) -> None:
    """The same bytes, or the same error at the same line, however the text is cut."""
    form = FileForm(charset, newline, final)
    whole = "".join(pieces)
    try:
        expected: bytes | str = b"".join(_whole_encoded(form, whole))
    except CatalogError as exc:
        expected = str(exc)
    try:
        found: bytes | str = b"".join(form.encode_pieces(pieces))
    except CatalogError as exc:
        found = str(exc)
    assert found == expected


def _whole_encoded(form: FileForm, text: str) -> list[bytes]:
    """The file's bytes for `text`, as they were made before pieces (one encode)."""
    if not form.final_newline:
        text = text.rstrip("\n")
    text = text.replace("\n", form.newline)
    try:
        return [text.encode(form.charset)]
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count(form.newline) + 1
        raise CatalogError(
            f"{text[exc.start]!r} cannot be written in the catalog's charset {form.charset}",
            None,
            line,
        ) from None


def _catalogs() -> list[Path]:
    site = sorted((pristine_site() / "catalogs").rglob("*.po"))
    return [DATA / "catalogs/roundtrip.po", *site[:6], *sorted((DATA / "real").rglob("*.po"))[:6]]


@pytest.mark.parametrize("path", _catalogs(), ids=lambda path: path.name)
def test_a_regular_text_is_cut_as_any_other(path: Path) -> None:
    """Entries cut from a text laid out as rendering lays it (without cutting it into lines)
    are those cut line by line, for an unchanged catalog and for one with entries edited."""
    for edit in (False, True):
        catalog, line_by_line = read_catalog(path), read_catalog(path)
        for number, (entry, same) in enumerate(zip(catalog, line_by_line, strict=True)):
            if edit and number % 3 == 0 and not entry.msgid_plural:
                entry.msgstr = same.msgstr = f"edited {number}"
        getattr(line_by_line, SOURCE_TEXT).regular = False  # the way any text can take
        assert render_catalog(catalog) == render_catalog(line_by_line)


def test_the_sites_catalogs_are_regular() -> None:
    """What sync writes is laid out regularly: the test above compares both ways on them."""
    site = sorted((pristine_site() / "catalogs").rglob("*.po"))[:6]
    assert site and all(getattr(read_catalog(path), SOURCE_TEXT).regular for path in site)


def test_header_fields_are_those_of_the_whole_reading(tmp_path: Path) -> None:
    """A template's fields, read from its header alone, are those a whole reading gives
    (real catalogs: wrapped headers, CRLF, other charsets, polib's way)."""
    paths = [
        *_catalogs(),
        *sorted((DATA / "real").rglob("*.po*")),
        *(DATA / "adopt").rglob("*.po*"),
    ]
    text = paths[0].read_text(encoding="utf-8")
    latin1 = text.replace("charset=UTF-8", "charset=ISO-8859-1")
    for name, data in (
        ("crlf.po", text.replace("\n", "\r\n").encode("utf-8")),
        ("latin1.po", latin1.encode("latin-1", "replace")),
        ("no-blank-line.po", text.replace("\n\n", "\n#\n").encode("utf-8")),
    ):
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    assert len(paths) > 20
    for path in paths:
        assert read_header_fields(path) == read_catalog(path).metadata, path
    # Both ways were put to the test: the header's bytes alone, and the whole text.
    alone = [_header_alone(path) is not None for path in paths]
    assert sum(alone) > 10 and not all(alone)
