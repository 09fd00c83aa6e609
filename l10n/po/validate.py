"""What `msgfmt --check` refuses, refused when a catalog is read, with the file and line.

polib reads these without a word and writes them back changed, or exports a .mo that
Python's gettext cannot load: the same (msgctxt, msgid) twice (the second would win and
the first go obsolete), `msgstr[n]` on an entry without `msgid_plural`, plural forms out
of sequence, a `Plural-Forms` expression that does not parse, an escape polib does not
know (`\\q` would be written back as `\\\\q`), a NUL character (C readers of the .mo
end the string there), and a byte order mark at the start (polib drops it).

A plural entry with more or fewer forms than the header's nplurals is read (msgfmt refuses
it, but real catalogs have it: Django 5.2's pt_BR admin catalog, and a translator's form is
never dropped): the `plurals` check reports it and `l10n export` leaves it out of the .mo.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import polib

from l10n.errors import CatalogError
from l10n.languages import plural_forms_problem

# polib unescapes exactly these; msgfmt also knows \a, octal and hex, which polib keeps as
# a backslash and would write back doubled.
_KNOWN_ESCAPES = 'ntrvbf\\"'
_ESCAPE_CANDIDATE = re.compile(rf"\\[^{re.escape(_KNOWN_ESCAPES)}]")
_STRING_LINE_START = re.compile(r"\s*(?:#~\s*)?(?:#\|\s*)?(?:msgctxt|msgid|msgstr|\")")
# Line breaks to Python's str.splitlines (and so to polib) but not to msgfmt; \v and \f
# are white space to both, \r a line end.
_STRAY_BREAKS = "\x1c\x1d\x1e\x85\u2028\u2029"
_STRAY_BREAK = re.compile(f"[{_STRAY_BREAKS}]")
_PHYSICAL_LINE = re.compile(r"\r\n|\r|\n")
_PHYSICAL_LINE_KEPT = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_COMMENT = re.compile(r"\s*#(?![~|])")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
# The first entry's first keyword line, and a header entry's (an empty msgid, then msgstr).
_ENTRY_KEYWORD = re.compile(r"^[^\S\n]*(?:#~[^\S\n]*)?(msgctxt|msgid)\b", re.MULTILINE)
_HEADER_ENTRY = re.compile(
    r'^[^\S\n]*msgid[^\S\n]+""[^\S\n]*\n(?:[^\S\n]*""[^\S\n]*\n)*[^\S\n]*msgstr\b', re.MULTILINE
)
# A `#|` (`#~|`) line followed by anything but another one or the entry's msgctxt or msgid.
_MISPLACED_AFTER_PREVIOUS = re.compile(
    r"^[^\S\n]*#\|[^\n]*\n(?:[^\S\n]*\n)*[^\S\n]*(?:(?=\S)(?!#\||msgctxt\b|msgid\b)|\Z)"
    r"|^[^\S\n]*#~\|[^\n]*\n(?:[^\S\n]*\n)*[^\S\n]*"
    r"(?:(?=\S)(?!#~[^\S\n]*(?:\||msgctxt\b|msgid\b))|\Z)",
    re.MULTILINE,
)
# A whole Plural-Forms field on one line of the header (a wrapped one is polib's to join).
_HEADER_PLURAL_FORMS = re.compile(r'^"Plural-Forms:\s*(.*?)\\n"\s*$', re.MULTILINE)


def physical_lines(text: str, keepends: bool = False) -> list[str]:
    """A catalog's lines as msgfmt sees them, unlike `str.splitlines`.

    `str.splitlines` also breaks at U+2028, U+2029, U+0085, \\v, \\f and \\x1c-\\x1e, which
    inside a string are text to msgfmt (and outside one white space or an error); a line
    ends at \\n, \\r\\n or \\r (a catalog that mixes line ends is read as polib reads it).
    """
    if keepends:
        return _PHYSICAL_LINE_KEPT.findall(text)
    lines = _PHYSICAL_LINE.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def check_catalog(catalog: polib.POFile, text: str, path: Path) -> None:
    """Raise CatalogError at the first defect msgfmt would refuse (or polib would change)."""
    _check_text(text, path)
    _check_header(catalog, text, path)
    if "#|" in text or "#~|" in text:
        _check_previous_lines(text, path)
    _check_plural_forms(catalog, text, path)
    _check_entries(catalog, path)


def check_catalog_part(
    catalog: polib.POFile, text: str, start: int, end: int, path: Path
) -> list[bytes]:
    """`check_catalog` for the part of `text` from `start` to `end` (the first part from 0)
    and its entries (`catalog`); the digests of the entries' keys, for the caller to find
    an entry in two parts (a duplicate only the whole catalog's check can name).

    Every line is in one part, so a catalog whose every part passes passes whole, but for
    duplicates across parts; which defect is named first differs: on an error, read the
    catalog whole for `check_catalog`'s own.
    The part was read by `l10n.po.fast`, which reads no text with a line break other than
    `\n` anywhere (`ODD_LINE_BREAKS`): such a character is not looked for again.
    """
    part = text[start:end]
    _check_text(part, path, odd_breaks=False)
    _check_header(catalog, text, path)  # the header is the start of every part's text
    if "#|" in part or "#~|" in part:
        _check_previous_lines(part, path)  # a `#|` line and the next are in one entry
    _check_plural_forms(catalog, text, path)
    digests: list[bytes] = []
    _check_entries(catalog, path, digests)
    return digests


def _key_digest(obsolete: int, context: str | None, source: str) -> bytes:
    """A digest of an entry's key as `_check_entries` compares them: its context whole, its
    English by length, start and end (equal keys, equal digests; two keys with one digest
    only send the caller to the whole check, and hashing every English whole cost a tenth
    of a part's reading)."""
    marked = "\x01" if context is None else "\x02" + context
    key = f"{obsolete:d}{len(source)}:{source[:32]}\x00{source[-32:]}\x00{marked}"
    return _blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()


_blake2b = hashlib.blake2b


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _check_stray_breaks(text: str, path: Path) -> None:
    """Refuse a character Python splits lines at but msgfmt does not, outside a string.

    Between entries (a blank line made of U+2028, say) polib and Python's `splitlines`
    see a line break, msgfmt a syntax error; inside a string it is text, and comments
    are not read.
    """
    for number, line in enumerate(_PHYSICAL_LINE.split(text), start=1):
        if _STRAY_BREAK.search(line) is None or _COMMENT.match(line):
            continue
        outside = _QUOTED.sub("", line)
        found = _STRAY_BREAK.search(outside)
        if found is not None:
            raise CatalogError(
                f"U+{ord(found.group()):04X} outside a string, which msgfmt refuses "
                "(it is no line break to gettext)",
                path,
                number,
            )


def _check_text(text: str, path: Path, odd_breaks: bool = True) -> None:
    """The defects a text may have anywhere: a BOM, a NUL, an escape polib does not know and,
    unless `odd_breaks` is False (a text the fast reader read has none), a stray line break."""
    if text.startswith("\ufeff"):
        raise CatalogError(
            "the file starts with a byte order mark (U+FEFF), which msgfmt refuses: "
            "save it as UTF-8 without one",
            path,
            1,
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise CatalogError("a NUL character in the catalog", path, _line_at(text, nul))
    # Six `in` tests: a character-class search over a 10 MB catalog takes ten times longer.
    if odd_breaks and any(char in text for char in _STRAY_BREAKS):
        _check_stray_breaks(text, path)
    if "\\" not in text:
        return
    for found in _ESCAPE_CANDIDATE.finditer(text):
        start = found.start()
        line_start = text.rfind("\n", 0, start) + 1
        if not _STRING_LINE_START.match(text, line_start):
            continue  # a comment: msgfmt does not read it
        backslashes = len(text[line_start:start]) - len(text[line_start:start].rstrip("\\"))
        if backslashes % 2:
            continue  # the backslash is itself escaped: `\\q`
        char = found.group()[1]
        shown = "\\" + (char if char.isprintable() else f"x{ord(char):02x}")
        raise CatalogError(
            f"invalid escape '{shown}' in a string (known: \\n \\t \\r \\v \\b \\f \\\" \\\\)",
            path,
            _line_at(text, start),
        )


def _check_header(catalog: polib.POFile, text: str, path: Path) -> None:
    """A header entry with fields, first in the file, as msgfmt --check demands.

    polib takes the first entry with an empty msgid as the header, wherever it is and
    whatever its msgctxt: the comments between an entry before it and the header are
    dropped, and the header's lines would be written back as part of that entry.
    """
    if not catalog.metadata and text.strip():  # an empty file: git's ancestor of an add/add
        raise CatalogError(
            'no header entry (msgid "" with its Content-Type), which msgfmt --check requires',
            path,
            1,
        )
    first = _ENTRY_KEYWORD.search(text)
    if first is None or _HEADER_ENTRY.match(text, first.start()):
        return
    line = _line_at(text, first.start())
    header = _HEADER_ENTRY.search(text)
    if first.group(1) == "msgctxt" and header and _line_at(text, header.start()) == line + 1:
        raise CatalogError(
            'a msgctxt on the header entry (msgid ""), which msgfmt refuses', path, line
        )
    raise CatalogError(
        'an entry before the header entry (msgid ""), which polib cannot keep as it is: '
        "put the header first, as msgmerge does",
        path,
        line,
    )


def _check_previous_lines(text: str, path: Path) -> None:
    """The previous text (`#|` lines) comes right before the entry's msgctxt or msgid.

    The pattern is tried only at the lines a `#|` or `#~|` is on, in order (found by a
    literal search): the first line it matches at is the one its search over the whole
    text finds, which tried every line (a tenth of reading a catalog in parts).
    """
    tried = -1
    for mark in _previous_marks(text):
        line_start = text.rfind("\n", 0, mark) + 1
        if line_start == tried:
            continue
        tried = line_start
        found = _MISPLACED_AFTER_PREVIOUS.match(text, line_start)
        if found is not None:
            raise CatalogError(
                "a line after the previous text (#| lines) other than the entry's msgctxt or "
                "msgid, which msgfmt refuses",
                path,
                _line_at(text, found.end()),
            )


def _previous_marks(text: str) -> Iterator[int]:
    """Where `#|` or `#~|` starts in `text`, in order: found from each `|` by str.find (the
    search for the pattern `#~?\\|` took nine tenths of the check on a part of the Greek
    catalog, held as UCS-2)."""
    find = text.find
    bar = find("|")
    while bar >= 0:
        if bar >= 1 and text[bar - 1] == "#":
            yield bar - 1
        elif bar >= 2 and text[bar - 2] == "#" and text[bar - 1] == "~":
            yield bar - 2
        bar = find("|", bar + 1)


def _check_plural_forms(catalog: polib.POFile, text: str, path: Path) -> None:
    """The header's Plural-Forms, and any second one in its text (polib keeps one of them).

    msgfmt looks for `nplurals=` anywhere in the header (inside another field, say): so
    does this. A template's placeholder (`nplurals=INTEGER`, as xgettext writes it) is left.
    """
    found = next((value for value in catalog.metadata.values() if "nplurals=" in value), None)
    forms = catalog.metadata.get("Plural-Forms")
    if found is not None and found != forms:  # msgfmt reads this one
        forms = found[found.find("nplurals=") :].split("\n", 1)[0]
    if forms is None or (path.suffix == ".pot" and ("INTEGER" in forms or "EXPRESSION" in forms)):
        return
    header_end = text.find("\n\n")
    written = _HEADER_PLURAL_FORMS.finditer(text, 0, header_end if header_end >= 0 else len(text))
    for value, where in [(forms, text.find(forms))] + [
        (found.group(1), found.start()) for found in written
    ]:
        problem = plural_forms_problem(value)
        if problem is not None:
            line = _line_at(text, where) if where >= 0 else 1
            raise CatalogError(f"invalid Plural-Forms: {problem}", path, line)


def _check_entries(catalog: polib.POFile, path: Path, digests: list[bytes] | None = None) -> None:
    """Each entry's key once and its plural forms in order; with `digests`, each entry's
    `_key_digest` appended to it, in the same pass (a part's entries were gone through twice)."""
    first: dict[tuple[bool, str | None, str], int] = {}
    digested = digests.append if digests is not None else None
    for entry in catalog:
        obsolete, context, source = entry.obsolete, entry.msgctxt, entry.msgid
        key = (bool(obsolete), context, source)
        line = entry.linenum
        if key in first:
            raise CatalogError(f"duplicate entry (first at line {first[key]})", path, line)
        if not obsolete and not source and context is None:
            raise CatalogError('duplicate entry: a second header (msgid "")', path, line)
        first[key] = line
        if not obsolete and (entry.msgid_plural or entry.msgstr_plural):
            _check_forms(entry, path)  # (an entry with neither has nothing to check)
        if digested is not None:
            digested(_key_digest(obsolete, context, source))


def _check_forms(entry: polib.POEntry, path: Path) -> None:
    forms = entry.msgstr_plural
    if not entry.msgid_plural:
        if forms:
            raise CatalogError("msgstr[n] on an entry without msgid_plural", path, entry.linenum)
        return
    if entry.msgstr and not forms:
        raise CatalogError("msgstr without [n] on an entry with msgid_plural", path, entry.linenum)
    if sorted(forms) != list(range(len(forms))):  # none at all: polib writes templates so
        raise CatalogError(
            "plural forms out of sequence (msgstr[0], msgstr[1], … expected)", path, entry.linenum
        )


def check_sections(text: str, path: Path) -> None:
    """Every `msgctxt` has its `msgid`, every `msgid` its `msgstr`, as msgfmt demands.

    polib reads both without a word (a msgid without msgstr becomes an empty translation).

    Only for catalogs read by polib: the fast reader takes no entry without its msgstr.
    """
    pending: int | None = None  # the line of a msgctxt or msgid still waiting
    wanted = ""  # what it waits for: "msgid" after msgctxt, "msgstr" after msgid
    for number, raw in enumerate(physical_lines(text), start=1):
        line = raw.strip()
        if line.startswith("#~") and not line.startswith("#~|"):
            line = line[2:].strip()  # an obsolete entry has the same sections
        keyword = line.split(" ", 1)[0].split("[", 1)[0]
        if pending is not None and keyword == wanted:
            pending, wanted = (number, "msgstr") if keyword == "msgid" else (None, "")
        elif pending is not None and not (
            line.startswith('"') or (wanted == "msgstr" and keyword == "msgid_plural")
        ):
            break
        elif keyword in ("msgctxt", "msgid"):
            pending, wanted = number, "msgid" if keyword == "msgctxt" else "msgstr"
    if pending is not None:
        raise CatalogError(f"missing '{wanted}' section", path, pending)
