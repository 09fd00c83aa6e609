"""Catalogs msgfmt --check refuses are refused too: `file:line`, exit 2, nothing changed.

Each case damages one real catalog of the bundled site the way the broken-input matrix
did, and runs sync, status, check and export on it. GNU msgfmt is the reference: each
damaged catalog is shown to fail `msgfmt --check` as well (NUL aside: msgfmt cuts the
string there, which Python's gettext does not).
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.po.catalog import read_catalog
from tests.conftest import project_files, snapshot_files
from tests.test_format_safety import sphinx_site

MENU = "catalogs/ro/LC_MESSAGES/menu.po"
UI = "catalogs/ro/LC_MESSAGES/ui.po"
OUR_WORK = 'msgctxt "header:/discover-civis-alliance/our-work"\n'


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _index(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if line == text)


def _entry_start(lines: list[str], index: int) -> int:
    """The 1-based line an entry starts on (its first comment), given one of its lines."""
    return max(i for i in range(index) if lines[i] == "\n") + 2


def duplicate(path: Path) -> tuple[int, str]:
    """Append a second 'Our work' entry with another translation."""
    lines = _lines(path)
    first = _entry_start(lines, _index(lines, OUR_WORK))
    lines += ["\n", OUR_WORK, 'msgid "Our work"\n', 'msgstr "Munca noastră"\n']
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines) - 2, f"duplicate entry (first at line {first})"


def second_header(path: Path) -> tuple[int, str]:
    """The header entry twice (a doubled block, as a bad merge leaves it)."""
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n\n", 1)
    path.write_text(header + "\n\n" + header + "\n\n" + rest, encoding="utf-8")
    return header.count("\n") + 3, "duplicate entry: a second header"


def indexed_msgstr(path: Path) -> tuple[int, str]:
    """`msgstr[0]` on an entry without `msgid_plural`."""
    lines = _lines(path)
    index = _index(lines, OUR_WORK) + 2
    lines[index] = lines[index].replace("msgstr ", "msgstr[0] ", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return _entry_start(lines, index), "msgstr[n] on an entry without msgid_plural"


def missing_msgstr(path: Path) -> tuple[int, str]:
    """A msgid without its msgstr (polib reads it as an empty translation)."""
    lines = _lines(path)
    index = _index(lines, OUR_WORK) + 1
    del lines[index + 1]
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "missing 'msgstr' section"


def context_without_msgid(path: Path) -> tuple[int, str]:
    """A lone msgctxt before the comments of an entry: polib gives it to that entry."""
    lines = _lines(path)
    start = _entry_start(lines, _index(lines, OUR_WORK)) - 1
    lines[start:start] = ['msgctxt ""\n', "\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return start + 1, "missing 'msgid' section"


def bad_escape(path: Path) -> tuple[int, str]:
    lines = _lines(path)
    index = _index(lines, OUR_WORK) + 2
    lines[index] = 'msgstr "Activitatea \\q noastră"\n'
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "invalid escape '\\q'"


def nul(path: Path) -> tuple[int, str]:
    lines = _lines(path)
    index = _index(lines, OUR_WORK) + 2
    lines[index] = 'msgstr "Activitatea\x00 noastră"\n'
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "NUL"


def byte_order_mark(path: Path) -> tuple[int, str]:
    """A BOM before the first line (as some Windows editors save UTF-8): msgfmt refuses it."""
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return 1, "byte order mark"


def line_separator(path: Path) -> tuple[int, str]:
    """A blank line between entries made of U+2028: a line break to polib, not to msgfmt."""
    lines = _lines(path)
    index = _entry_start(lines, _index(lines, OUR_WORK)) - 2
    lines[index] = "\u2028\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "U+2028 outside a string"


def bad_plural_forms(path: Path) -> tuple[int, str]:
    lines = _lines(path)
    index = next(i for i, line in enumerate(lines) if line.startswith('"Plural-Forms:'))
    lines[index] = '"Plural-Forms: nplurals=3; plural=(n==0 ;\\n"\n'
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "invalid Plural-Forms"


def second_plural_forms(path: Path) -> tuple[int, str]:
    """A second Plural-Forms line in the header (polib keeps one; msgfmt checks both)."""
    lines = _lines(path)
    index = next(i for i, line in enumerate(lines) if line.startswith('"Content-Type:'))
    lines.insert(index, '"Plural-Forms: nplurals=1; plural=5;\\n"\n')
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "invalid Plural-Forms: the plural expression gives 5, but nplurals=1"


def plural_form_missing(path: Path) -> tuple[int, str]:
    """A translated plural entry without its last form (Romanian has three)."""
    lines = _lines(path)
    index = _index(lines, 'msgid_plural "{count} articles"\n')
    lines[index + 1 : index + 4] = [
        'msgstr[0] "{count} articol"\n',
        'msgstr[1] "{count} articole"\n',
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return _entry_start(lines, index), "2 plural forms; ro's Plural-Forms says 3"


def plural_form_gap(path: Path) -> tuple[int, str]:
    lines = _lines(path)
    index = _index(lines, 'msgid_plural "{count} articles"\n')
    lines[index + 1 : index + 4] = [
        'msgstr[0] "{count} articol"\n',
        'msgstr[2] "{count} de articole"\n',
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return _entry_start(lines, index), "plural forms out of sequence"


def entry_before_header(path: Path) -> tuple[int, str]:
    """An entry among the header's comments (found by the fuzzer in Sphinx's Greek catalog).

    msgfmt reads it; polib drops the comments after it and takes the header's lines for
    that entry's, so sync wrote a catalog msgfmt refused. Refused, to be put right by hand.
    """
    lines = _lines(path)
    lines[1:1] = ['#~ msgid "old"\n', '#~ msgstr "vechi"\n', "# Translators:\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return 2, "an entry before the header entry"


def context_on_header(path: Path) -> tuple[int, str]:
    """A msgctxt on the header entry: no header to msgfmt, the header to polib."""
    lines = _lines(path)
    index = _index(lines, 'msgid ""\n')
    lines.insert(index, 'msgctxt ""\n')
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "a msgctxt on the header entry"


def no_header(path: Path) -> tuple[int, str]:
    """The header entry gone (a bad cut), its comment left."""
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n\n", 1)
    comment = "".join(line + "\n" for line in header.split("\n") if line.startswith("#"))
    path.write_text(comment + rest, encoding="utf-8")
    return 1, "no header entry"


def plural_forms_in_another_field(path: Path) -> tuple[int, str]:
    """msgfmt takes the first `nplurals=` anywhere in the header (found by the fuzzer)."""
    lines = _lines(path)
    index = next(i for i, line in enumerate(lines) if line.startswith('"Language-Team:'))
    lines[index] = '"Language-Team: Romanian nplurals=3; plural=(n==0 ;\\n"\n'
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, "invalid Plural-Forms"


def comment_after_previous(path: Path) -> tuple[int, str]:
    """A comment between the previous text (#|) and the msgid: msgfmt's syntax error."""
    lines = _lines(path)
    index = _index(lines, OUR_WORK)
    lines[index:index] = ['#| msgid "Our works"\n', "#, fuzzy\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return index + 2, "a line after the previous text (#| lines)"


Damage = Callable[[Path], tuple[int, str]]
CASES: list[tuple[str, str, Damage]] = [
    ("duplicate", MENU, duplicate),
    ("second-header", UI, second_header),
    ("indexed-msgstr", MENU, indexed_msgstr),
    ("missing-msgstr", MENU, missing_msgstr),
    ("context-without-msgid", MENU, context_without_msgid),
    ("bad-escape", MENU, bad_escape),
    ("nul", MENU, nul),
    ("byte-order-mark", UI, byte_order_mark),
    ("line-separator", MENU, line_separator),
    ("bad-plural-forms", UI, bad_plural_forms),
    ("second-plural-forms", UI, second_plural_forms),
    ("plural-form-gap", UI, plural_form_gap),
    ("entry-before-header", MENU, entry_before_header),
    ("context-on-header", MENU, context_on_header),
    ("no-header", MENU, no_header),
    ("comment-after-previous", MENU, comment_after_previous),
    ("plural-forms-in-another-field", UI, plural_forms_in_another_field),
]
COMMANDS = [["sync"], ["sync", "--check"], ["status"], ["check"], ["report"], ["export"]]


@pytest.mark.parametrize(("name", "target", "damage"), CASES, ids=[case[0] for case in CASES])
@pytest.mark.parametrize("command", COMMANDS, ids=["-".join(command) for command in COMMANDS])
def test_a_catalog_msgfmt_refuses_is_refused(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    target: str,
    damage: Damage,
    command: list[str],
) -> None:
    line, words = damage(site_dir / target)
    if command == ["export"]:
        command = ["export", "-o", str(site_dir / "out")]
    before = project_files(site_dir)
    assert main(["-c", str(site_dir / "config.yaml"), *command]) == 2
    error = capsys.readouterr().err
    assert f"{target}:{line}: " in error, error
    assert words in error, error
    assert project_files(site_dir) == before


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize(
    ("name", "target", "damage"),
    [case for case in CASES if case[0] not in ("nul", "entry-before-header")]
    + [("plural-form-missing", UI, plural_form_missing)],
)
def test_msgfmt_refuses_them_too(tmp_path: Path, name: str, target: str, damage: Damage) -> None:
    """The reference agrees (NUL excepted: msgfmt cuts the string there; and an entry
    before the header, which msgfmt reads but polib cannot keep)."""
    copy = tmp_path / "x.po"
    shutil.copy(Path(__file__).resolve().parent.parent / target, copy)
    damage(copy)
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(copy)], capture_output=True, check=False
    )
    assert done.returncode != 0


def test_a_plural_entry_short_of_a_form_is_reported_and_left_out_of_the_mo(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read as it is (real catalogs have it, Django's pt_BR), reported, never exported wrong."""
    plural_form_missing(site_dir / UI)
    config = ["-c", str(site_dir / "config.yaml")]
    main([*config, "check", "--lang", "ro"])
    assert (
        'plurals: search_results.count "{count} article": 2 plural forms; ro\'s Plural-Forms says 3'
        in (capsys.readouterr().out)
    )
    assert main([*config, "export", "--fallbacks", "-o", str(site_dir / "out")]) == 0
    listed = '2 plural forms; ro\'s Plural-Forms says 3: search_results.count "{count} article"'
    assert listed in capsys.readouterr().out  # reported with the fallbacks to English
    mo = gettext.translation("ui", site_dir / "out/locale", ["ro"])
    assert mo.npgettext("search_results.count", "{count} article", "{count} articles", 5) == (
        "{count} articles"  # English: the entry was left out, no form is picked wrongly
    )


def test_a_catalog_cut_after_a_comment_is_synced_once_for_all(site_dir: Path) -> None:
    """Found by the fuzzer: the dangling comments went back and forth between two syncs."""
    path = site_dir / "catalogs/de/LC_MESSAGES/ui.po"
    lines = _lines(path)
    end = next(i for i, line in enumerate(lines) if line.startswith("#. ") and i > 40)
    path.write_text("".join(lines[: end + 1]), encoding="utf-8")  # ends in a comment
    config = ["-c", str(site_dir / "config.yaml")]
    assert main([*config, "sync"]) == 0
    first = snapshot_files(site_dir / "catalogs")
    assert main([*config, "sync", "--check"]) == 0
    assert main([*config, "sync"]) == 0
    assert snapshot_files(site_dir / "catalogs") == first


# Line breaks to str.splitlines that msgfmt reads as text inside a string (\v and \f as
# white space outside one): a translation pasted with them is read, kept and exported.
NOT_LINE_ENDS = ["\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("character", NOT_LINE_ENDS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_character_splitlines_breaks_at_is_text_inside_a_string(
    site_dir: Path, character: str
) -> None:
    """It was refused as an unclosed quote; msgfmt --check takes it, and so does the tool."""
    config = ["-c", str(site_dir / "config.yaml")]
    assert main([*config, "sync"]) == 0
    path = site_dir / MENU
    lines = _lines(path)
    index = _index(lines, OUR_WORK) + 2
    lines[index] = f'msgstr "Activitatea{character}noastră"\n'
    path.write_text("".join(lines), encoding="utf-8")
    before = project_files(site_dir)
    assert main([*config, "sync"]) == 0
    assert main([*config, "status"]) == 0
    assert project_files(site_dir) == before
    assert main([*config, "export", "-o", str(site_dir.parent / "out")]) == 0
    mo = gettext.translation("menu", site_dir.parent / "out/locale", ["ro"])
    context = OUR_WORK.split('"')[1]
    assert mo.pgettext(context, "Our work") == f"Activitatea{character}noastră"
    if shutil.which("msgfmt"):
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr


def _cut_to_comments(text: str) -> tuple[str, int, str]:
    return text.split('msgid ""', 1)[0], 1, "no header entry"


def _bad_plural_forms(text: str) -> tuple[str, int, str]:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith('"Content-Type:'))
    lines.insert(index, '"Plural-Forms: nplurals=2; plural=(n==0 ;\\n"')
    return "\n".join(lines), index + 1, "invalid Plural-Forms"


@pytest.mark.parametrize("damage", [_cut_to_comments, _bad_plural_forms])
def test_a_damaged_adopted_template_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[str], tuple[str, int, str]],
) -> None:
    """Found by the fuzzer: Sphinx's template cut to its comments was taken as empty, and a
    broken Plural-Forms in a template was let through (a template's rule was never read)."""
    site = tmp_path / "site"
    site.mkdir()
    config = ["-c", str(sphinx_site(site))]
    template = site / "templates/sphinx.pot"
    text, line, words = damage(template.read_text(encoding="utf-8"))
    template.write_text(text, encoding="utf-8")
    before = project_files(site)
    for command in (["sync"], ["status"], ["check"]):
        assert main([*config, *command]) == 2
        assert f"templates/sphinx.pot:{line}: {words}" in capsys.readouterr().err
    assert project_files(site) == before
    if shutil.which("msgfmt"):
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(template)],
            capture_output=True,
            check=False,
        )
        assert done.returncode != 0


def test_an_empty_file_is_an_empty_catalog(tmp_path: Path) -> None:
    """Not a catalog without its header: git gives the merge driver an empty ancestor when
    both branches added the catalog, and the merge stays entry by entry."""
    empty = tmp_path / "base.po"
    empty.write_bytes(b"")
    assert len(read_catalog(empty)) == 0
