"""The one-search check of a catalog's string lines agrees with the line-by-line check.

`read_catalog` refuses lines polib would misread (an unclosed quote, `#=`). It first searches
the whole text once for a suspect line and goes line by line only when one is found, so the
search must never miss a line the line-by-line check refuses. Random texts built from the
pieces those lines are made of (keywords, quotes, escapes, prefixes, odd blanks and line
breaks) are put to both.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from l10n.errors import CatalogError
from l10n.po import catalog

PIECES = (
    "msgid",
    "msgstr",
    "msgstr[1]",
    "msgctxt",
    "msgid_plural",
    "msgidx",
    '"',
    '""',
    '"text"',
    '"a\\"b"',
    "\\",
    "\\\\",
    "#~",
    "#|",
    "#=",
    "#,",
    "#",
    " ",
    "\t",
    "\u00a0",
    "\u2028",
    "\r",
    "\n",
    "\n",
    "\n",
    "x",
    "fuzzy",
)


def _line_by_line_refuses(text: str) -> bool:
    for line in re.split(r"\r\n|\r|\n", text):  # msgfmt's lines: U+2028 ends none
        stripped = line.strip()
        if stripped.startswith("#="):
            return True
        if catalog._STARTS_STRING.match(stripped) and not catalog._STRING_LINE.match(stripped):
            return True
    return False


def _refused(text: str) -> bool:
    try:
        catalog._check_string_lines(text, Path("random.po"))
    except CatalogError:
        return True
    return False


def test_the_one_search_never_misses_a_line_the_line_by_line_check_refuses() -> None:
    generator = random.Random(7)
    refused = accepted = 0
    for _ in range(20000):
        text = "".join(generator.choice(PIECES) for _ in range(generator.randint(1, 14)))
        expected = _line_by_line_refuses(text)
        assert _refused(text) == expected, repr(text)
        refused += expected
        accepted += not expected
    assert refused > 1000 and accepted > 1000  # both outcomes were put to the test


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b\n', 2),
        ('msgid ""\n"one"\n"two\nmsgstr ""\n', 3),
        ('\u00a0msgid "unclosed\nmsgstr ""\n', 1),
        ('msgid "a"\nmsgstr ""\n#= flag\n', 3),
        ('#~ msgid "a"\n#~ msgstr "b\\"\n', 2),
        ('msgid "a\u2028b"\nmsgstr "c\x85\n', 2),
    ],
)
def test_a_refused_line_is_named(text: str, line: int) -> None:
    with pytest.raises(CatalogError) as raised:
        catalog._check_string_lines(text, Path("named.po"))
    assert raised.value.line == line


def test_the_wrapping_of_a_catalog_is_found_as_the_line_regex_finds_it() -> None:
    """`_wrap_width` searches from the literals; the reference is the multi-line regexes: a
    `msgid ""` followed by a string line, a string line not ending in `\n` followed by
    another, or a `keyword ""` followed by a line not ending in `\n` (GNU's wrapping of a
    translation alone: Django's Transifex catalogs)."""
    references = (
        re.compile(r'^(?:#~ )?msgid\s+""\n(?:#~ )?"', re.MULTILINE),
        re.compile(r'(?<![ \t]")(?<!\\n)"\n(?:#~ )?"'),
        re.compile(r'[ \t]""\n(?:#~ )?"[^\n]*(?<!\\n")(?:\n|\Z)'),
    )
    pieces = ("msgid", "#~ ", "#~", "#", " ", '""', '"', "\n", "x", 'msgid ""\n"', "\t", "\\n")
    generator = random.Random(3)
    wrapped = 0
    for _ in range(50000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 10)))
        expected = 78 if any(reference.search(text) for reference in references) else 0
        assert catalog._wrap_width(text) == expected, repr(text)
        wrapped += expected == 78
    assert wrapped > 1000
