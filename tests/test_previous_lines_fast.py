"""The previous-text check (`validate._check_previous_lines`) finds what its whole-text
search found: the pattern is tried only at lines with a `#|` or `#~|` mark, in order, and
must name the same first misplaced line (or none) as a search of every line did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import CatalogError
from l10n.po.validate import _MISPLACED_AFTER_PREVIOUS, _check_previous_lines

PATH = Path("x.po")
LINES = (
    '#| msgid "Old"',
    '#| msgctxt "menu"',
    '#| "continued"',
    '#~| msgid "Gone"',
    '#~ msgid "Gone"',
    '#~ msgstr "Plecat"',
    '  #| msgid "indented"',
    '\t#~| msgctxt "x"',
    "#, fuzzy",
    "#: a.md:1",
    "# a note with #| inside",
    'msgctxt "menu"',
    'msgid "New"',
    'msgid "a #| in a string"',
    'msgstr "Nou"',
    '"more"',
    "",
    "   ",
    "#|",
    "#~|#|",
)


def searched_line(text: str) -> int | None:
    """The line the whole-text search names, as the check did before."""
    found = _MISPLACED_AFTER_PREVIOUS.search(text)
    return None if found is None else text.count("\n", 0, found.end()) + 1


def checked_line(text: str) -> int | None:
    try:
        _check_previous_lines(text, PATH)
    except CatalogError as error:
        return error.line
    return None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14), st.booleans())
def test_the_same_line_as_the_whole_search(lines: list[str], final_newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if final_newline and lines else "")
    assert checked_line(text) == searched_line(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('#| msgid "Old"\n#, fuzzy\nmsgid "New"\nmsgstr ""\n', 2),
        ('msgid "a"\nmsgstr ""\n\n#| msgid "Old"\nmsgid "New"\nmsgstr ""\n', None),
        ('#~| msgid "Old"\n#~ msgid "Gone"\n\n#~| msgid "x"\n#~ msgstr "y"\n', 5),
        ('#| msgid "Old"\n', 2),
    ],
)
def test_named_lines(text: str, line: int | None) -> None:
    assert checked_line(text) == line == searched_line(text)
