"""The fast reader gives exactly what polib's parser gives, or leaves the text to polib.

`l10n.po.fast.read_common` builds polib's own objects from catalogs in the common form.
Whatever it accepts must come out field for field as polib reads it (every attribute of
the catalog and of each entry, line numbers included); whatever it is unsure of it must
refuse. Real catalogs (the bundled site's, every shape `l10n sync` and msgmerge write) and
thousands of randomly damaged ones are put to both.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import polib
import pytest

from l10n.errors import CatalogError
from l10n.po.catalog import read_catalog
from l10n.po.fast import ODD_LINE_BREAKS, read_common

ROOT = Path(__file__).resolve().parent.parent

RICH = r"""# Romanian translation of the interface.
# Copyright (C) 2026 CIVIS
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: civis\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 :"
" 2);\n"
"X-Note: first line\n"
"continued\n"

#. Shown on the home page.
#. Second note line.
#: templates/home.html:12 templates/base.html menu.yaml:3:4
#, python-format, fuzzy
#| msgctxt "old.context"
#| msgid ""
#| "Old wrapped "
#| "English"
msgctxt "home.title"
msgid ""
"Welcome to "
"%(name)s"
msgstr "Bun venit la\t%(name)s \"acasă\" \\ \a\n"

# A translator's note
#  indented note # with a hash
msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} fișier"
msgstr[1] "{n} fișiere"
msgstr[2] "{n} de fișiere"
msgid "No blank line before me"
msgstr ""


#: a.md:1
msgid "Several blank lines before me"
msgstr "Mai multe"

#, fuzzy
#~| msgid "Older"
#~ msgctxt "gone"
#~ msgid "Gone "
#~ "away"
#~ msgstr "Dus"

#~| msgid "x"
#~ msgid "{n} day"
#~ msgid_plural "{n} days"
#~ msgstr[0] "{n} zi"
#~ msgstr[1] "{n} zile"
#~ "!"
"""


def _snapshot(catalog: polib.POFile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return dict(vars(catalog)), [dict(vars(entry)) for entry in catalog]


def _polib(text: str) -> polib.POFile | None:
    try:
        return polib.pofile(text, wrapwidth=0)
    except Exception:  # any failure of polib's parser is "polib refuses"
        return None


def _assert_same(text: str) -> None:
    fast = read_common(text, 0)
    assert fast is not None, "the common form must be read without polib"
    slow = _polib(text)
    assert slow is not None
    assert _snapshot(fast) == _snapshot(slow)
    # built without POEntry.__init__: still polib's own class, every method working
    assert all(type(entry) is polib.POEntry for entry in fast)
    assert [str(entry) for entry in fast] == [str(entry) for entry in slow]
    assert fast.__unicode__() == slow.__unicode__()


def test_every_shape_of_entry_reads_as_polib_reads_it() -> None:
    _assert_same(RICH)
    fast = read_common(RICH, 0)
    assert fast is not None and len(fast) == 6
    assert [entry.linenum for entry in fast] == [14, 28, 35, 39, 43, 51]  # after a `#~|` line
    assert fast[0].previous_msgid == "Old wrapped English"
    assert fast[0].msgstr == 'Bun venit la\t%(name)s "acasă" \\ \\a\n'
    assert fast[0].occurrences == [
        ("templates/home.html", "12"),
        ("templates/base.html", ""),
        ("menu.yaml:3", "4"),
    ]
    assert fast.metadata["X-Note"] == "first line\ncontinued"
    assert fast[5].msgstr_plural == {0: "{n} zi", 1: "{n} zile!"}
    assert fast.metadata_is_fuzzy == ["fuzzy"]


@pytest.mark.parametrize(
    "references",
    ["a.md:1", "a.md:1 b.md c:d:7", "a.md", "a.md:x", "a.md:1\tb.md:2", " a.md:1", "x:1 " * 40],
)
def test_one_line_of_references_reads_as_polib_reads_it(references: str) -> None:
    """An entry whose only comment is one `#: ` line (read without `_comments`), its
    attributes in the order polib's own entries have them (instances share their keys)."""
    text = f'msgid ""\nmsgstr "X-A: b\\n"\n\n#: {references.rstrip()}\nmsgid "a"\nmsgstr "b"\n'
    _assert_same(text)
    fast, slow = read_common(text, 0), _polib(text)
    assert fast is not None and slow is not None
    assert [list(vars(entry)) for entry in fast] == [list(vars(entry)) for entry in slow]
    assert read_common(text.replace("\nmsgid", " \nmsgid", 1), 0) is None  # a trailing blank


@pytest.mark.parametrize(
    "escaped",
    ["a\\n", "\\n", "a\\\\n", "a\\\\\\n", "a\\tb\\n", 'a\\"\\n', "a\\n\\n", "a\\nb", "\\\\"],
)
def test_strings_ending_with_an_escaped_line_break_read_as_polib_reads_them(escaped: str) -> None:
    """Every header line ends with `\\n`, alone or after other escapes (a shortcut for it)."""
    text = f'msgid ""\nmsgstr "X-A: {escaped}"\n\nmsgid "{escaped}"\nmsgstr "{escaped}"\n'
    _assert_same(text)


@pytest.mark.parametrize(
    "header",
    ["#\n# Title\n#\n", "", "#\n", "# Title\n#\n#\n# More\n", "#, fuzzy\n", "# Title\n#, a, b\n"],
)
def test_header_comments_read_as_polib_reads_them(header: str) -> None:
    body = RICH[RICH.index('msgid ""') :]
    _assert_same(header + body)


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("UTF-8", "UTF-8"), ("ISO-8859-2", "ISO-8859-2"), ("CHARSET", polib.default_encoding)],
)
def test_the_declared_charset_is_polibs(declared: str, expected: str) -> None:
    text = RICH.replace("charset=UTF-8", f"charset={declared}")
    _assert_same(text)
    fast = read_common(text, 0)
    assert fast is not None and fast.encoding == expected


def test_the_bundled_sites_catalogs_are_all_in_the_common_form() -> None:
    paths = sorted((ROOT / "catalogs").rglob("*.po")) + sorted((ROOT / "catalogs").rglob("*.pot"))
    assert len(paths) > 20
    for path in paths:
        _assert_same(path.read_text(encoding="utf-8"))


def test_real_third_party_catalogs_read_as_polib_reads_them() -> None:
    """Every real catalog kept under tests/data (Django, Sphinx, GNU-wrapped): those in the
    common form are read field for field as polib reads them, the others left to polib."""
    paths = sorted((ROOT / "tests" / "data").rglob("*.po*"))
    common = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fast = read_common(text, 0)
        if fast is None:
            continue
        common += 1
        _assert_same(text)
    assert len(paths) >= 40 and common >= 30


def test_a_catalog_polib_writes_wrapped_reads_the_same() -> None:
    catalog = read_common(RICH, 0)
    assert catalog is not None
    catalog[1].msgstr_plural[0] = "a long line " * 20
    text = catalog.__unicode__()  # polib's own writer, wrapping at 78 columns
    _assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff" + RICH,  # a BOM
        RICH.replace('msgid "No blank', 'msgid  "No blank'),  # two blanks
        RICH.replace("# A translator's note\n", "# A translator's note \n"),  # trailing blank
        RICH.replace("#. Shown", " #. Shown"),  # leading blank
        RICH.replace("Several blank", "Several\rblank"),  # a line break polib splits at
        RICH.replace("Several blank", "Several\u2028blank"),
        RICH + "# a comment after the last entry\n",  # polib drops the last entry then
        RICH.replace('msgid "{n} file"', 'msgid ""'),  # a second header
        RICH.replace("#| msgctxt", "#|msgctxt"),
        RICH.replace("#, python-format", "#,python-format"),
        RICH.replace('msgstr "Mai multe"', 'msgstr "Mai "multe"'),  # unescaped quote
        RICH.replace('msgstr "Mai multe"', 'msgstr "Mai multe'),  # unclosed
        RICH.rstrip("\n"),  # no final line break
    ],
)
def test_anything_uncommon_is_left_to_polib(text: str) -> None:
    assert read_common(text, 0) is None


PIECES = (
    '"',
    "\\",
    '\\"',
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u00a0",
    "\r",
    "\u2028",
    "#",
    "#~ ",
    "#~| ",
    "#| ",
    "#. ",
    "#: ",
    "#, ",
    "# ",
    "msgid ",
    "msgstr ",
    "msgstr[1] ",
    "msgctxt ",
    "msgid_plural ",
    ":",
    ",",
    "x",
    '""',
    '"x"\n',
)


def _damaged(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        where = rng.randrange(len(text) + 1)
        operation = rng.randrange(5)
        if operation == 0:
            text = text[:where] + rng.choice(PIECES) + text[where:]
        elif operation == 1:
            text = text[:where] + text[where + rng.randint(1, 4) :]
        elif operation == 2:
            line = rng.randrange(len(lines))
            text = "\n".join([*lines[:line], lines[line], *lines[line:]])
        elif operation == 3:
            line = rng.randrange(len(lines))
            text = "\n".join(lines[:line] + lines[line + 1 :])
        else:
            line = rng.randrange(len(lines) - 1)
            lines[line], lines[line + 1] = lines[line + 1], lines[line]
            text = "\n".join(lines)
    return text


def test_damaged_catalogs_read_as_polib_reads_them_or_are_left_to_it() -> None:
    rng = random.Random(20261125)
    accepted = refused = 0
    for _ in range(4000):
        text = _damaged(RICH, rng)
        fast = read_common(text, 0)
        if fast is None:
            refused += 1
            continue
        accepted += 1
        slow = _polib(text)
        assert slow is not None, text
        assert _snapshot(fast) == _snapshot(slow), text
    assert accepted > 800 and refused > 800  # both ways are taken often


def test_a_defect_still_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ro.po"
    lines = RICH.split("\n")
    lines[37] = 'msgstr "Mai multe'  # the msgstr of "Several blank lines before me"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        read_catalog(path)
    assert raised.value.line == 38


@pytest.mark.parametrize("odd", list(ODD_LINE_BREAKS))
def test_no_text_with_an_odd_line_break_anywhere_is_read(odd: str) -> None:
    """A line break other than `\\n`, wherever it is (a comment, a string, the header, between
    entries), leaves the text to polib: `check_catalog_part` need not look for one."""
    assert read_common(RICH, 0) is not None
    for at in range(len(RICH) + 1):
        assert read_common(RICH[:at] + odd + RICH[at:], 0) is None, at


@pytest.mark.parametrize(
    ("lines", "comment", "tcomment"),
    [
        ("#. Translators: a label.\n#.\n", "Translators: a label.\n", ""),  # Wagtail 8.0.1
        ("#.\n#. b  \n#. \n", "\nb  \n", ""),
        ("#\n# a note  \n#\n", "", "\na note  \n"),
        ("##double\n# one\n##\n## \n", "", "#double\none\n#\n# "),
    ],
)
def test_comment_lines_polib_would_change_are_left_to_it_and_read_as_gnu_reads_them(
    tmp_path: Path, lines: str, comment: str, tcomment: str
) -> None:
    """Here read_catalog differs from polib on purpose: polib drops a bare `#.` (and a
    first bare `#`) and strips a comment's last blanks, GNU gettext keeps the line after
    one space as it is. The fast reader leaves such lines to polib (so it never differs
    from it), and read_catalog reads them through polib as GNU does."""
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'{lines}#: a.md:1\nmsgid "Several blank lines before me"\nmsgstr "Mai multe"\n'
    )
    assert read_common(text, 0) is None
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    entry = read_catalog(path).find("Several blank lines before me")
    assert entry is not None
    assert (entry.comment, entry.tcomment) == (comment, tcomment)
    polibs = _polib(text)
    assert polibs is not None
    assert (polibs.find(entry.msgid).comment, polibs.find(entry.msgid).tcomment) != (
        comment,
        tcomment,
    )
