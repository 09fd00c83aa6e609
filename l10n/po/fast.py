"""A fast reader for catalogs in the common form, giving the same objects as polib's parser.

polib's parser goes line by line through a state machine in Python; on a large site it is
a third of `l10n check`. Nearly every catalog is in one common form: a header entry first,
then entries whose comment lines come first, then `msgctxt`, `msgid`, `msgid_plural` and
`msgstr` lines (each `#~ `-prefixed in an obsolete entry), with no stray whitespace. Such a
text is matched here one entry at a time by a regular expression, and built into the
`polib.POFile` and `polib.POEntry` objects polib's parser would build from it, field for
field (tests/test_po_fast.py compares them on real and on randomly damaged catalogs).

Anything else (odd whitespace, a BOM, a line break other than \\n, comments in an
unusual place, a second header, a defect) makes `read_common` return None, and the
caller reads the text with polib as before: what this reader accepts is only ever a
subset of what polib reads the same way, and it never reports errors itself.
"""

from __future__ import annotations

import codecs
import re

import polib

# The characters other than \n that str.splitlines() breaks a line at: polib splits the text
# with them, so a text with any of them anywhere is left to polib.
ODD_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAKS = "\n" + ODD_LINE_BREAKS  # literal characters, inside the classes below
_REST = rf"[^{_BREAKS}]*"  # the rest of a line
_STRING = rf'"[^"\\{_BREAKS}]*(?:\\[^{_BREAKS}][^"\\{_BREAKS}]*)*"'


def _entry_pattern(prefix: str) -> re.Pattern[str]:
    """One entry: comment lines, then its keyword lines, each starting with `prefix`."""

    def value(keyword: str) -> str:
        return rf"{prefix}{keyword} ({_STRING}(?:\n{prefix}{_STRING})*)\n"

    return re.compile(
        rf"((?:#(?!~){_REST}\n|#~\| {_REST}\n)*)"  # 1: comment lines (checked one by one)
        rf"(?:{value('msgctxt')})?"  # 2
        + value("msgid")  # 3
        + rf"(?:{value('msgid_plural')})?"  # 4
        + rf"(?:{value('msgstr')}"  # 5
        + rf"|((?:{prefix}msgstr\[[0-9]\] {_STRING}\n(?:{prefix}{_STRING}\n)*)+))"  # 6
        + r"\n*"
    )


_ACTIVE = _entry_pattern("")
_OBSOLETE = _entry_pattern("#~ ")
_HEADER = re.compile(
    rf"((?:#(?: {_REST})?\n)*)"  # 1: the header comment
    rf"((?:#, {_REST}\n)*)"  # 2: the header's flags
    rf'msgid ""\nmsgstr ({_STRING}(?:\n{_STRING})*)\n\n*'  # 3: the metadata
)
_PART = re.compile(_STRING)
_PLURAL_FORM = re.compile(rf"(?:#~ )?msgstr\[([0-9])\] ({_STRING}(?:\n(?:#~ )?{_STRING})*)")
_PREVIOUS_KEYWORDS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid"}
_PREVIOUS_KEYWORDS["msgid_plural"] = "previous_msgid_plural"
_POEntry = polib.POEntry
_DEFAULT_ENCODING = polib.default_encoding
_new = object.__new__
_CHARSET = re.compile(r'"?Content-Type:.+? charset=([\w_\-:\.]+)')


class _NotCommon(Exception):
    """The text is not in the common form: read it with polib."""


def read_common(
    text: str, wrapwidth: int, msgid_lines: list[int] | None = None
) -> polib.POFile | None:
    """The catalog polib would read from `text`, or None when it is not in the common form.

    `msgid_lines` is given the line of each entry in use's `msgid`, in order (the records'
    `msgid_line`: found again in the text, a search and a bisection an entry, it was a
    tenth of building the records of a big catalog).
    """
    if text.startswith("\ufeff"):  # polib drops a BOM
        return None
    header = _HEADER.match(text)
    if header is None:
        return None
    try:
        catalog = _catalog(text, header, wrapwidth)
        catalog.encoding = _encoding(text, header.end())
        line = text.count("\n", 0, header.end()) + 1
        _read_entries(text, header.end(), line, catalog, msgid_lines)
    except _NotCommon:
        return None
    return catalog


def read_common_part(
    text: str, header_end: int, line: int, msgid_lines: list[int] | None = None
) -> tuple[polib.POFile, int] | None:
    """The header and the entries of a part of a catalog in the common form, as
    `read_common` reads them from the whole, and the line after the part's last (None when
    the part is not in that form; `msgid_lines` as there).

    `text` is the catalog's header (up to `header_end`, after its blank lines), then the
    part: entries cut where one starts after a blank line, the first of them on line
    `line` of the whole.
    In the common form no entry holds a blank line, so an entry of the whole read starts
    at each cut as well, and is read to the same end (tests/test_po_parts.py).
    """
    if text.startswith("\ufeff"):
        return None
    header = _HEADER.match(text)
    if header is None or header.end() != header_end:
        return None
    try:
        catalog = _catalog(text, header, 0)
        catalog.encoding = _encoding(text, header.end())
        after = _read_entries(text, header.end(), line, catalog, msgid_lines)
    except _NotCommon:
        return None
    return catalog, after


def _catalog(text: str, header: re.Match[str], wrapwidth: int) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=wrapwidth)
    comment_lines = header.group(1).split("\n")[:-1]
    flag_lines = header.group(2).split("\n")[:-1]
    if any(line[-1].isspace() for line in comment_lines + flag_lines):
        raise _NotCommon
    for line in comment_lines:  # as polib: empty lines before the first text are dropped
        catalog.header += ("\n" if catalog.header else "") + line[2:]
    flags: list[str] = []
    for line in flag_lines:
        flags += _flags(line)
    catalog.metadata_is_fuzzy = flags
    catalog.metadata = _metadata(_value(header.group(3)))
    return catalog


def _encoding(text: str, header_end: int) -> str:
    """The charset the text declares, if Python knows it (as polib decides it).

    The first declaration in the text is polib's; it cannot span lines, so when the header
    has one it is that.
    """
    default: str = polib.default_encoding
    found = _CHARSET.search(text, 0, header_end) or _CHARSET.search(text, header_end)
    if found is None:
        return default
    charset = found.group(1).strip()
    try:
        codecs.lookup(charset)
    except LookupError:
        return default
    return charset


def _metadata(text: str) -> dict[str, str]:
    """`Name: value` lines; a line without a colon continues the value before it."""
    metadata: dict[str, str] = {}
    name = None
    for line in text.splitlines():
        before, colon, after = line.partition(":")
        if colon:
            name = before
            metadata[name] = after.strip()
        elif name is not None:
            metadata[name] += "\n" + line.strip()
    return metadata


def _read_entries(
    text: str, position: int, line: int, catalog: polib.POFile, msgid_lines: list[int] | None
) -> int:
    """Read the entries from `position` (on line `line`) to the end; the line after them."""
    end = len(text)
    append, active, count = catalog.append, _ACTIVE.match, text.count
    noted = msgid_lines.append if msgid_lines is not None else None
    while position < end:
        obsolete = 0
        found = active(text, position)
        if found is None:
            obsolete = 1
            found = _OBSOLETE.match(text, position)
            if found is None:
                raise _NotCommon
        entry = _entry(found, line, obsolete)
        if not obsolete:
            if not entry.msgid:
                raise _NotCommon  # a second header: polib would choose between them
            if noted is not None:  # its `msgid` keyword starts a line: the 3rd group's
                noted(line + count("\n", position, found.start(3)))
        append(entry)
        after = found.end()
        line += count("\n", position, after)
        position = after
    return line


def _entry(found: re.Match[str], line: int, obsolete: int) -> polib.POEntry:
    comments, context, source, plural, translation, forms = found.groups()
    if comments.startswith("#~| "):
        line += _skipped_lines(comments)  # polib skips them: the entry starts after them
    # polib's own POEntry, its attributes set here in the order its __init__ sets them:
    # __init__ reads each from its keyword arguments, four times as slow (a tenth of reading)
    entry: polib.POEntry = _new(_POEntry)
    entry.msgid = _value(source)
    entry.msgstr = _value(translation) if translation is not None else ""
    entry.msgid_plural = _value(plural) if plural is not None else ""
    entry.msgstr_plural = (
        {} if forms is None else {int(at): _value(form) for at, form in _PLURAL_FORM.findall(forms)}
    )
    entry.msgctxt = _value(context) if context is not None else None
    entry.obsolete = obsolete
    entry.encoding = _DEFAULT_ENCODING
    entry.comment = entry.tcomment = ""
    if comments[:3] == "#: " and comments.find("\n") == len(comments) - 1:
        # the common comment, one line of references: as `_comments` reads it
        if comments[-2].isspace():
            raise _NotCommon  # polib strips it: a comment would lose its last blanks
        words = comments[3:].split()
        entry.occurrences = [_occurrence(words[0])] if len(words) == 1 else _occurrences(words)
        comments = ""
    else:
        entry.occurrences = []
    entry.flags = []
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.linenum = line
    if comments:
        _comments(entry, comments)
    return entry


def _skipped_lines(comments: str) -> int:
    """How many `#~| ` lines the comment lines start with."""
    lines = comments.split("\n")[:-1]
    starts = (count for count, text in enumerate(lines) if not text.startswith("#~| "))
    return next(starts, len(lines))


def _value(block: str) -> str:
    """The text of one or more string lines (each unescaped as polib does)."""
    if "\n" not in block:  # one string line (a memchr, where counting its quotes read it all)
        return block[1:-1] if "\\" not in block else _unescaped(block[1:-1])
    return "".join(_unescaped(part[1:-1]) for part in _PART.findall(block))


string_value = _value  # for readers of one string's lines elsewhere (l10n/sync/memory.py)


def _unescaped(text: str) -> str:
    if "\\" not in text:
        return text
    if text.endswith("\\n") and text.count("\\") == 1:  # each line of every header
        return text[:-2] + "\n"
    unescaped: str = polib.unescape(text)
    return unescaped


def _comments(entry: polib.POEntry, block: str) -> None:
    previous: str | None = None  # the previous field a `#| "…"` line continues
    for line in block.split("\n")[:-1]:
        if line[-1].isspace():
            raise _NotCommon  # polib strips it: a comment would lose its last blanks
        mark = line[:3]
        if mark == "#: ":
            entry.occurrences += _occurrences(line[3:].split())
        elif mark == "#. ":
            entry.comment += ("\n" if entry.comment else "") + line[3:]
        elif mark == "#, ":
            entry.flags += _flags(line)
        elif mark == "#| ":
            previous = _previous(entry, line[3:], previous)
            continue
        elif line[:2] == "# ":
            entry.tcomment += ("\n" if entry.tcomment else "") + line[2:]
        elif mark != "#~|":  # polib skips these (the previous text of an obsolete entry)
            raise _NotCommon
        previous = None


def _flags(line: str) -> list[str]:
    return [flag.strip() for flag in line[3:].split(",")]


def _occurrences(words: list[str]) -> list[tuple[str, str]]:
    return [_occurrence(word) for word in words]


def _occurrence(word: str) -> tuple[str, str]:
    name, colon, number = word.rpartition(":")
    return (name, number) if colon and number.isdigit() else (word, "")


def _previous(entry: polib.POEntry, rest: str, field: str | None) -> str:
    """Apply one `#| ` line; return the field a continuation line would extend."""
    if _PART.fullmatch(rest):
        if field is None:
            raise _NotCommon
        setattr(entry, field, getattr(entry, field) + _value(rest))
        return field
    keyword, _, value = rest.partition(" ")
    field = _PREVIOUS_KEYWORDS.get(keyword)
    if field is None or _PART.fullmatch(value) is None:
        raise _NotCommon
    setattr(entry, field, _value(value))
    return field


def entry_key(block: str) -> tuple[str | None, str] | None:
    """The identity (msgctxt, msgid) of the one entry `block` holds in the common form, as
    `read_common` reads it; None when `block` is not exactly one such entry."""
    found = _ACTIVE.fullmatch(block) or _OBSOLETE.fullmatch(block)
    if found is None:
        return None
    context = found.group(2)
    return (_value(context) if context is not None else None, _value(found.group(3)))
