"""`render_plain` writes an entry of an unwrapped catalog exactly as polib's own writer."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.po.catalog import read_catalog
from l10n.po.plain import render_plain
from tests.conftest import DATA, pristine_site

# Every character polib escapes or cuts a line at, and some it leaves alone.
_TEXT = st.text(alphabet='ab \\\t\r\n\v\b\f"\x1c\x85\u2028\u2029é€#:,', max_size=14)
_MAYBE = st.none() | _TEXT
_OCCURRENCE = st.tuples(
    st.text(alphabet="ab/.-_", min_size=1, max_size=6), st.sampled_from(["", "7", "12"])
)


@st.composite
def entries(draw: st.DrawFn) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=draw(_TEXT),
        msgstr=draw(_TEXT),
        msgctxt=draw(_MAYBE),
        comment=draw(_TEXT),
        tcomment=draw(_TEXT),
        occurrences=draw(st.lists(_OCCURRENCE, max_size=3)),
        flags=draw(st.lists(st.sampled_from(["fuzzy", "python-format", "no-wrap"]), max_size=2)),
        previous_msgctxt=draw(_MAYBE),
        previous_msgid=draw(_MAYBE),
        previous_msgid_plural=draw(_MAYBE),
    )
    if draw(st.booleans()):
        entry.msgid_plural = draw(_TEXT)
        forms = draw(st.lists(_TEXT, max_size=4))
        entry.msgstr_plural = dict(reversed(list(enumerate(forms))))  # polib sorts them
    entry.obsolete = draw(st.booleans())
    return entry


@settings(max_examples=3000, deadline=None)
@given(entries())
def test_random_entries_are_written_as_polib_writes_them(entry: polib.POEntry) -> None:
    assert render_plain(entry) == entry.__unicode__(0)


def _catalogs() -> list[Path]:
    site = sorted((pristine_site() / "catalogs").rglob("*.po"))[:10]
    return [DATA / "catalogs/roundtrip.po", *site, *sorted((DATA / "real").rglob("*.po*"))]


@pytest.mark.parametrize("path", _catalogs(), ids=lambda path: path.name)
def test_real_entries_are_written_as_polib_writes_them(path: Path) -> None:
    catalog = read_catalog(path, to_write=False)
    assert len(catalog) > 0
    for entry in catalog:
        assert render_plain(entry) == entry.__unicode__(0)
