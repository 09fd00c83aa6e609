"""Reading, rendering and writing gettext catalogs with polib, strictly and stably.

polib forgives too much: an unclosed quote drops an entry without a word and a missing path
is parsed as PO text. Every catalog is therefore read as text here. One in the common form
(`l10n.po.fast`, strict) is read without polib's parser; any other has its string lines
checked first, and polib's syntax errors become CatalogError with the file and line.

polib also wraps long strings differently from GNU gettext, so saving a catalog that
msgmerge, Poedit or Weblate wrote would rewrap lines nobody edited. A catalog read from a
file therefore remembers its text, and rendering keeps the original lines of every entry
(and of the header) whose content did not change: one edit, one entry in the diff.
"""

from __future__ import annotations

import codecs
import os
import re
from array import array
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import polib

from l10n.errors import CatalogError
from l10n.po.atomic import write_atomic
from l10n.po.fast import ODD_LINE_BREAKS, read_common, read_common_part
from l10n.po.gnu import render_entry, render_header
from l10n.po.plain import render_plain
from l10n.po.validate import check_catalog, check_catalog_part, check_sections, physical_lines
from l10n.po.wrap import PAGE_WIDTH

_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_STRING = r'"(?:[^"\\]|\\.)*"'
_STRING_LINE = re.compile(rf"^(?:#~\s*)?(?:#\|\s*)?(?:{_KEYWORD}\s+)?{_STRING}\s*$")
_STARTS_STRING = re.compile(rf'^(?:#~\s*)?(?:#\|\s*)?(?:{_KEYWORD}\b|")')
# The two line patterns above, for one search over a whole file: blanks never cross a line.
_BLANK = r"[^\S\n]"
_LINE_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_PREFIX = rf"(?:#~{_BLANK}*)?(?:#\|{_BLANK}*)?"
_SUSPECT_LINE = re.compile(  # searched in "\n" + text: a literal first is searched fast
    rf"\n{_BLANK}*(?:#=|(?={_PREFIX}(?:{_KEYWORD}\b|\"))"
    rf"(?!{_PREFIX}(?:{_KEYWORD}{_BLANK}+)?{_LINE_STRING}{_BLANK}*$))",
    re.MULTILINE,
)
# Line breaks other than \n that str.splitlines() honours: such files take the slow path.
_ODD_LINE_BREAK = re.compile(f"[{ODD_LINE_BREAKS}]")
_WRAPPED_MSGID = re.compile(r'msgid\s+""\n(?:#~ )?"')
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_BLANK_LINE = re.compile("\n\n")
_BLANK_LINES = re.compile("\n\n(\n|#~\\|)?")  # a blank line, and a line end or `#~|` after it
# The charset a catalog declares: its bytes up to the first blank line are ASCII enough.
_DECLARED_CHARSET = re.compile(rb"Content-Type:[^\n\"]*?charset=([\w.:-]+)", re.IGNORECASE)
_PLACEHOLDER_CHARSETS = ("charset", "")  # a template's `charset=CHARSET`: read as UTF-8
SOURCE_TEXT = "l10n_source_text"
# The wrap width of a catalog laid out as GNU gettext lays it (rendered by `l10n.po.gnu`).
GNU_WRAP_WIDTH = 78
EntryKey = tuple[bool, str | None, str]


def read_catalog(path: Path, to_write: bool = True, data: bytes | None = None) -> polib.POFile:
    """Read a .po or .pot file; any defect raises CatalogError naming file and line.

    A catalog in the common form is read by `l10n.po.fast` (the same objects, faster);
    any other is checked line by line and read by polib. `to_write=False` reads a catalog
    only to look at it (counts, records): it does not remember each entry as read (a
    tenth of reading a big catalog), so writing it would not keep the file's own lines.
    `data`: the file's bytes, when the caller read them (`catalog_bytes`, to digest them):
    what is parsed is then what was digested.
    """
    text, form = _read_text(path) if data is None else _decoded(data, path)
    del data  # let go while the text is parsed (if the caller let it go too)
    width = _wrap_width(text)
    lines: list[int] = []
    catalog = read_common(text, width, lines)
    common = catalog is not None
    if catalog is None:
        catalog = _read_with_polib(text, path, width)
    check_catalog(catalog, text, path)
    catalog.fpath = str(path)
    layout = _Layout(text, catalog, common, form) if to_write else _Text(text, common, form)
    layout.msgid_lines = lines if common else None
    setattr(catalog, SOURCE_TEXT, layout)
    return catalog


def read_header_fields(path: Path) -> dict[str, str]:
    """`read_catalog(path).metadata`, read from the header alone when it is in the common
    form (every language's merge asks for a big adopted template's fields, and each worker
    of `check` for a part's: reading the whole template was 3 % of a cold check's workers).

    Only the header's bytes are read and decoded when they end at a blank line, in UTF-8
    (or ASCII) and with `\n` line ends; what follows the header is not looked at: the
    template is read whole, and its defects named, where its units are read.
    """
    header_text = _header_alone(path)
    if header_text is None:
        text, _ = _read_text(path)
        blank = text.find("\n\n")
        header_text = text[: blank + 1] if blank >= 0 else None
    header = read_common(header_text, 0) if header_text is not None else None
    fields: dict[str, str] = (header if header is not None else read_catalog(path)).metadata
    return fields


_HEADER_READ_BYTES = 64 * 1024


def _header_alone(path: Path) -> str | None:
    """A catalog's text up to the end of the first line of its first blank line (its
    header), read alone: None when that cannot be read so (no blank line in the first
    bytes, a `\r`, a charset other than UTF-8, bytes that do not decode)."""
    try:
        with path.open("rb") as file:
            data = file.read(_HEADER_READ_BYTES)
    except OSError:
        return None
    blank = data.find(b"\n\n")
    if blank < 0 or b"\r" in data[:blank]:
        return None
    charset = _charset_of(data[:blank]) or "utf-8"
    try:
        if codecs.lookup(charset).name not in ("utf-8", "ascii"):
            return None
        return data[: blank + 1].decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class PartKeys:
    """What `parts_agree` needs of a part: the file it was read from (its stat, the same
    before and after the part was read), and digests of its entries' keys (small, to be
    sent back from a worker process)."""

    stamp: tuple[int, ...]
    keys: list[bytes]


@dataclass(frozen=True)
class CatalogPart:
    """One part of a big catalog, read on its own (`read_catalog_part`): `catalog` has the
    header and the entries that start in the part, as `read_catalog(path, to_write=False)`
    reads them (line numbers included)."""

    catalog: polib.POFile
    keys: PartKeys


# Line ends counted in files read in parts: a file's stamp -> offset -> line ends before it.
LineCounts = dict[tuple[int, ...], dict[int, int]]


def read_catalog_part(
    path: Path, part: int, parts: int, lines: bool = True, counted: LineCounts | None = None
) -> CatalogPart | None:
    """Part `part` (from 0) of `parts` of a catalog in the common form, so that a big
    catalog is read by several processes; None when it cannot be read in parts (another
    form, a charset other than UTF-8, line ends other than `\n`, a defect): `read_catalog`
    then reads it, or names its defect, as ever.

    The file is cut into parts of about equal bytes where an entry starts after a blank
    line (`part_starts`); each part reads, decodes and looks at only the header and its
    own bytes (`l10n.po.fast.read_common_part`, `check_catalog_part`), and counts the
    line ends before it (reading every byte in each of 8 parts was a tenth of a status).
    `lines=False`, for counts only, spares that count (4 % of a status): the entries are
    then numbered as in a catalog of the header and the part alone. With `counted`, a
    process that reads many parts of a file counts from the nearest border it counted to
    before (and remembers the part's two borders), not from the file's start each time.
    """
    try:
        with open(path, "rb") as stream:
            before = _stamp(stream)
            known = dict(counted.get(before, {})) if counted is not None else None
            read = _part_bytes(stream, before[2], part, parts, lines, known=known)
            if read is None or _stamp(stream) != before:
                return None
    except OSError:
        return None
    if counted is not None and known is not None:
        counted[before] = known  # the file did not change while it was read
    head_bytes, data, line, end = read
    msgid_lines: list[int] | None = [] if lines else None
    try:
        head = head_bytes.decode("utf-8")
        text = head + data.decode("utf-8")
        _check_merge_markers(text if part == 0 else text[len(head) :], path)
        entries = read_common_part(text, len(head), line, msgid_lines)
        if entries is None:
            return None
        catalog, after = entries
        keys = check_catalog_part(catalog, text, 0 if part == 0 else len(head), len(text), path)
    except (UnicodeDecodeError, CatalogError):
        return None
    if lines and known is not None:
        # the line ends before the part's end: those before it and the part's own, which
        # the reader counted entry by entry (counting them in its bytes again cost as much
        # as a tenth of reading the part)
        known[end] = after - 1
    catalog.fpath = str(path)
    setattr(catalog, SOURCE_TEXT, _Part(text, len(head), line, msgid_lines))
    return CatalogPart(catalog, PartKeys(before, keys))


def _stamp(stream: BinaryIO) -> tuple[int, ...]:
    """What changes when a file is written or replaced: device, inode, size, times."""
    stat = os.fstat(stream.fileno())
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


_WINDOW = 1 << 16  # bytes read around a part's border to find the entry that starts it


def _part_bytes(
    stream: BinaryIO,
    size: int,
    part: int,
    parts: int,
    lines: bool,
    window: int = _WINDOW,
    known: dict[int, int] | None = None,
) -> tuple[bytes, bytes, int, int] | None:
    """The header's bytes, the part's (from `part_starts` of the whole, found by reading
    only around its borders), the line it starts on and the offset where it ends; None
    when the file is not one whose parts read as the whole (`_parts_readable`). `known`:
    line ends before offsets of the file, counted from, and the part's start added to (the
    caller adds its end, once its entries are read)."""
    header_end = _entry_start_in(stream, size, 0, window)
    head = _read_range(stream, 0, header_end)
    if not _parts_readable(head, header_end):
        return None
    start = header_end
    if part > 0:
        start = _entry_start_in(stream, size, _share(header_end, size, part, parts), window)
    end = size
    if part + 1 < parts:
        end = _entry_start_in(stream, size, _share(header_end, size, part + 1, parts), window)
    data = _read_range(stream, start, end)
    if b"\r" in data or (end == size and _read_range(stream, max(size - 1, 0), size) != b"\n"):
        return None
    if not lines:
        return head, data, head.count(b"\n") + 1, end
    before = _lines_before(stream, start, known or {})
    if known is not None:
        known[start] = before
    return head, data, before + 1, end


def _share(header_end: int, size: int, part: int, parts: int) -> int:
    return header_end + (size - header_end) * part // parts


def _read_range(stream: BinaryIO, start: int, end: int) -> bytes:
    stream.seek(start)
    return stream.read(max(end - start, 0))


def _entry_start_in(stream: BinaryIO, size: int, at: int, window: int) -> int:
    """`_entry_start` of the whole file, from the bytes after `at` (as many as it takes)."""
    begin = max(at - 2, 0)
    while True:
        data = _read_range(stream, begin, begin + window)
        found = _entry_start(data, at - begin)
        if begin + len(data) >= size:
            return begin + found
        if found < len(data) - 8:  # its blank line and its first word read whole
            return begin + found
        window *= 4


def _lines_before(stream: BinaryIO, end: int, known: dict[int, int]) -> int:
    """The line ends in a file's first `end` bytes (read a piece at a time, from the
    nearest offset before `end` whose count is `known`)."""
    begin, count = max(((at, lines) for at, lines in known.items() if at <= end), default=(0, 0))
    stream.seek(begin)
    end -= begin
    while end > 0:
        piece = stream.read(min(end, 1 << 22))
        if not piece:
            break
        count += piece.count(b"\n")
        end -= len(piece)
    return count


def _parts_readable(data: bytes, header_end: int) -> bool:
    """Whether a file is one whose parts read as the whole: UTF-8 (the charset it declares,
    or none), `\n` line ends, a final one (the whole reading changes nothing then).
    `data` is the header at least; each part looks at its own bytes for the rest."""
    charset = _charset_of(data[:header_end].split(b"\n\n", 1)[0]) or "utf-8"
    try:
        utf8 = codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False
    return utf8 and b"\r" not in data[:header_end]


def part_starts(data: bytes, parts: int) -> list[int]:
    """Where a catalog's header ends, where each of `parts` parts of its entries starts, and
    its end: each part starts with the first entry after a blank line at or after an equal
    share of the bytes (in the common form, every entry after the header does).
    Each border depends on its share alone: a part finds its own (`_part_bytes`)."""
    header_end = _entry_start(data, 0)
    starts = [header_end, header_end]
    for index in range(1, parts):
        starts.append(_entry_start(data, _share(header_end, len(data), index, parts)))
    return [*starts, len(data)]


def _entry_start(data: bytes, at: int) -> int:
    """The first position at or after `at` that follows a blank line and starts a comment,
    `msgctxt` or `msgid` line (the end when there is none)."""
    found = data.find(b"\n\n", max(at - 2, 0))
    while found >= 0:
        position = found + 2
        while data.startswith(b"\n", position):
            position += 1
        if data.startswith((b"#", b"msgctxt", b"msgid"), position):
            return position
        found = data.find(b"\n\n", position)
    return len(data)


def parts_agree(parts: list[PartKeys | None]) -> bool:
    """Whether the parts of one catalog are, together, what one reading would give: each was
    read, all from the same file unchanged (its stat, as `l10n.cache.keys` trusts it), and
    no entry's key is in two of them."""
    read = [part for part in parts if part is not None]
    if len(read) < len(parts):
        return False
    keys = [key for part in read for key in part.keys]
    return len({part.stamp for part in read}) <= 1 and len(set(keys)) == len(keys)


class _Part:
    """What a part of a catalog remembers: its header and part's text, where the part
    starts in it, the line of the whole catalog it starts on, and the lines of its
    entries' msgids when the reader noted them (`noted_msgid_lines`)."""

    def __init__(
        self, text: str, start: int, line: int, msgid_lines: list[int] | None = None
    ) -> None:
        self.text, self.start, self.line = text, start, line
        self.msgid_lines = msgid_lines


class _Text:
    """What a catalog read only to be looked at remembers: its text, whether it was in the
    common form and its file's form (to lay it out later, `laid_out`), and the lines of its
    entries' msgids when the reader noted them (`noted_msgid_lines`)."""

    def __init__(self, text: str, common: bool = False, form: FileForm | None = None) -> None:
        self.text, self.common, self.form = text, common, form
        self.msgid_lines: list[int] | None = None


@dataclass(frozen=True)
class FileForm:
    """How a catalog's text is laid in its file: charset, line ends, final line end.

    Read text always has `\n` line ends; writing gives the file its own form back.
    """

    charset: str = "utf-8"
    newline: str = "\n"
    final_newline: bool = True

    def encode(self, text: str, path: Path | None = None) -> bytes:
        """The file's bytes for `text` (rendered with `\n` line ends)."""
        return b"".join(self.encode_pieces((text,), path))

    def encode_pieces(self, pieces: Iterable[str], path: Path | None = None) -> Iterator[bytes]:
        """The file's bytes for the text `pieces` make together, piece by piece.

        The line ends at the very end are held back until a piece with more text comes
        (a file without a final line end has none of them).
        """
        lines, held = 0, ""
        for piece in pieces:
            text = held + piece
            body = text.rstrip("\n")
            held = text[len(body) :]
            if body:
                lines = yield from self._encoded(body, path, lines)
        if self.final_newline and held:
            yield from self._encoded(held, path, lines)

    def _encoded(self, text: str, path: Path | None, lines: int) -> Generator[bytes, None, int]:
        """`text` encoded (after `lines` lines of the file); returns the lines after it."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        try:
            yield text.encode(self.charset)
        except UnicodeEncodeError as exc:
            line = lines + text[: exc.start].count(self.newline) + 1
            raise CatalogError(
                f"{text[exc.start]!r} cannot be written in the catalog's charset {self.charset}",
                path,
                line,
            ) from None
        return lines + text.count(self.newline)


def _read_with_polib(text: str, path: Path, width: int) -> polib.POFile:
    _check_string_lines(text, path)
    marked = _marked_comment_lines(text)
    try:
        catalog = polib.pofile(_PhysicalLines(marked or text), wrapwidth=width)
    except (OSError, ValueError, UnicodeError) as exc:
        found = _POLIB_LINE.search(str(exc))
        raise CatalogError(
            _polib_message(exc), path, int(found.group(1)) if found else None
        ) from None
    check_sections(text, path)
    if marked is not None:
        _unmark_comments(catalog)
    return catalog


# An entry's `#` or `#.` comment line that polib would read otherwise than GNU gettext: a
# bare one (polib skips `#.`, and a first `#`), one ending in blanks (polib strips them) or
# a `##` one (polib drops every `#`). GNU reads the rest of the line after one space as it
# is (read-catalog-abstract.c).
_LOST_COMMENT_LINE = re.compile(
    r"^(?:(#\.?)(?:[^\S\n]?$|([^\S\n].*?[^\S\n])$)|#(#.*)$)", re.MULTILINE
)
_COMMENT_MARK = "\x00"  # added to such a line for polib, taken out of what it read


def _marked_comment_lines(text: str) -> str | None:
    """`text` with each of an entry's comment lines that polib would read otherwise than
    GNU gettext marked at its end, so that polib keeps the line as it is (None: none).

    Lines before the first `msgid` are left alone: polib reads them as the header's.
    """
    first = 0 if text.startswith("msgid") else text.find("\nmsgid")
    if first < 0 or _COMMENT_MARK in text or _LOST_COMMENT_LINE.search(text, first) is None:
        return None
    return text[:first] + _LOST_COMMENT_LINE.sub(_mark_line, text[first:])


def _mark_line(found: re.Match[str]) -> str:
    marker, blanks, hashed = found.groups()
    if hashed is not None:  # `# ` and the mark: polib drops only the `#` and the blank
        end = _COMMENT_MARK if hashed[-1].isspace() else ""
        return f"# {_COMMENT_MARK}{hashed}{end}"
    if blanks is not None:
        return f"{marker}{blanks}{_COMMENT_MARK}"
    return f"{marker} {_COMMENT_MARK}"  # a marker and one blank: polib reads an empty line


def _unmark_comments(catalog: polib.POFile) -> None:
    for entry in catalog:
        if _COMMENT_MARK in entry.comment:
            entry.comment = entry.comment.replace(_COMMENT_MARK, "")
        if _COMMENT_MARK in entry.tcomment:
            entry.tcomment = entry.tcomment.replace(_COMMENT_MARK, "")


class _PhysicalLines(str):
    """Catalog text that polib (which calls `splitlines` on it) splits where msgfmt does.

    Left to `str.splitlines`, a U+2028 or a \\v inside a string would cut it in two.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:
        return physical_lines(self, keepends)


class _Layout:
    """What a catalog looked like when read: its text, and each entry's fields and first line.

    Callers change entries in place (the editor, pretranslate), so what was read is kept
    as plain values: rendering compares an entry with them instead of parsing the text
    again, and keeps the file's own lines for every entry that did not change.
    """

    def __init__(
        self, text: str, catalog: polib.POFile, common: bool = False, form: FileForm = FileForm()
    ) -> None:
        self.text = text
        self.form = form
        self.header_inputs = _header_inputs(catalog)
        self.entries = {_key(entry): _fields(entry) for entry in catalog}
        self.starts = sorted((entry.linenum - 1, _key(entry)) for entry in catalog)
        # Rendering the catalog unchanged gives back `text` (known without rendering).
        self.regular = common and _regular(text, len(catalog))
        self.msgid_lines: list[int] | None = None  # as `_Text`'s

    @cached_property
    def header(self) -> str:
        """The header as polib writes it, as read."""
        header, metadata, fuzzy, width = self.header_inputs
        return _header_text_of(header, dict(metadata), fuzzy, width)


def _regular(text: str, entries: int) -> bool:
    """Whether a text in the common form (`l10n.po.fast`) is laid out as rendering lays it.

    In the common form blank lines come only after an entry or the header. Rendering keeps
    each unchanged entry's lines and puts one blank line between entries and none at the
    end; a `#~|` line an entry starts with is left to the entry before (polib skips it),
    so the blank line would move.
    """
    return text.endswith("\n") and not text.endswith("\n\n") and _blank_lines(text) == entries


def _blank_lines(text: str) -> int | None:
    """How many blank lines a text has; None when one is followed by another or by a `#~|`
    line (one search: the three str searches it replaced took five times as long on a part
    of the Greek catalog, held as UCS-2)."""
    found = _BLANK_LINES.findall(text)  # each "" but where a line end or `#~|` follows
    return None if any(found) else len(found)


def _header_inputs(catalog: polib.POFile) -> tuple[str, tuple[tuple[str, str], ...], bool, int]:
    """What the header's text is made of."""
    metadata = tuple(catalog.metadata.items())
    return (catalog.header, metadata, bool(catalog.metadata_is_fuzzy), catalog.wrapwidth)


def renders_as_read(catalog: polib.POFile) -> bool:
    """Whether `render_catalog(catalog)` gives back the text the catalog was read from.

    A catalog in the common form that nobody changed is known to without rendering it.
    A catalog read only to be looked at is as it was read: in the common form, laid out
    as rendering lays it out, it renders as read without comparing its entries.
    """
    layout = getattr(catalog, SOURCE_TEXT, None)
    if isinstance(layout, _Text):
        if layout.common and _regular(layout.text, len(catalog)):
            return True
        layout = laid_out(catalog)
    if not isinstance(layout, _Layout):
        return False
    if layout.regular and _as_read(catalog, layout):
        return True
    return render_catalog(catalog) == layout.text


def laid_out(catalog: polib.POFile) -> _Layout | None:
    """The layout of a catalog read to be written; one read only to be looked at (whose
    entries are still as read) is laid out now, so that rendering keeps its file's lines."""
    layout = getattr(catalog, SOURCE_TEXT, None)
    if isinstance(layout, _Text):
        layout = _Layout(layout.text, catalog, layout.common, layout.form or FileForm())
        setattr(catalog, SOURCE_TEXT, layout)
    return layout if isinstance(layout, _Layout) else None


def part_laid_out(catalog: polib.POFile) -> tuple[bool, bool]:
    """For a part read by `read_catalog_part`: whether its text (the header, then the part)
    is laid out as rendering lays it, as a part more entries follow, and as the file's end.

    Each part starts where an entry starts after a blank line, so the whole text is laid
    out so (`_regular`) exactly when every part with entries is, the last one as the end:
    the blank lines between entries are counted part by part, and a `#~|` line or a second
    blank line at a cut is in the text of the part after it.
    """
    layout = getattr(catalog, SOURCE_TEXT, None)
    if not isinstance(layout, _Part):
        return False, False
    # `_regular(text[:-1], entries)` as a middle part, `_regular(text, entries)` as the end,
    # from one search of the text, not copied: with no line end or `#~|` after a blank line,
    # the text less its last line end has one blank line fewer than the text
    text = layout.text
    blanks = _blank_lines(text) if text.endswith("\n") else None
    if blanks is None:
        return False, False
    if text.endswith("\n\n"):
        return blanks - 1 == len(catalog), False
    return False, blanks == len(catalog)


def _as_read(catalog: polib.POFile, layout: _Layout) -> bool:
    """Whether the header and every entry, in file order, are as they were read."""
    if _header_inputs(catalog) != layout.header_inputs or len(catalog) != len(layout.starts):
        return False
    ordered = [entry for entry in catalog if not entry.obsolete] + catalog.obsolete_entries()
    for entry, (_, key) in zip(ordered, layout.starts, strict=True):
        if _key(entry) != key or _fields(entry) != layout.entries[key]:
            return False
    return True


def _fields(entry: polib.POEntry) -> tuple[object, ...]:
    """Everything polib writes of an entry: equal fields, equal text."""
    return (
        entry.obsolete,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        entry.comment,
        entry.tcomment,
        tuple(entry.occurrences),
        tuple(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


def source_text(catalog: polib.POFile) -> str | None:
    """The text a catalog was read from (None for one built in memory)."""
    layout = getattr(catalog, SOURCE_TEXT, None)
    return layout.text if isinstance(layout, (_Layout, _Text, _Part)) else None


def noted_msgid_lines(catalog: polib.POFile) -> list[int] | None:
    """The line of each entry in use's msgid, in order, as the reader noted them when it
    read the catalog (`l10n.po.fast`); None when it did not (read by polib, or a part read
    for counts only)."""
    layout = getattr(catalog, SOURCE_TEXT, None)
    return layout.msgid_lines if isinstance(layout, (_Layout, _Text, _Part)) else None


def source_span(catalog: polib.POFile) -> tuple[int, int]:
    """Where in `source_text(catalog)` its entries start to be counted, and the line of the
    whole catalog that is (a part's text is its header, then the part)."""
    layout = getattr(catalog, SOURCE_TEXT, None)
    return (layout.start, layout.line) if isinstance(layout, _Part) else (0, 1)


def carry_source_text(old: polib.POFile | None, new: polib.POFile) -> None:
    """Let `new` (rebuilt from `old`) keep the original lines of unchanged entries."""
    layout = getattr(old, SOURCE_TEXT, None) if old is not None else None
    if layout is not None:
        setattr(new, SOURCE_TEXT, layout)


def render_catalog(catalog: polib.POFile, others: tuple[polib.POFile, ...] = ()) -> str:
    """Serialise a catalog the same way every time (source order, no date churn).

    `others` (a merge's other side): an entry unchanged from how one of them was read keeps
    the lines it had there.
    """
    return "".join(render_pieces(catalog, others))


def render_pieces(catalog: polib.POFile, others: tuple[polib.POFile, ...] = ()) -> Iterator[str]:
    """`render_catalog`'s text piece by piece: the header, then each entry after its blank
    line, so that a big catalog is written without its whole text in memory."""
    layout = getattr(catalog, SOURCE_TEXT, None)
    if not isinstance(layout, _Layout):
        yield _header_text(catalog)
        for entry in _ordered(catalog):
            yield "\n" + _entry_text(entry, catalog.wrapwidth)
        return
    yield from _render_preserving(catalog, layout, others)


def _ordered(catalog: polib.POFile) -> list[polib.POEntry]:
    """The entries in the order they are written: those in use, then the obsolete ones."""
    obsolete: list[polib.POEntry] = catalog.obsolete_entries()
    return [entry for entry in catalog if not entry.obsolete] + obsolete


def _entry_text(entry: polib.POEntry, width: int) -> str:
    """An entry as written: as GNU gettext wraps it in a wrapped catalog, else on one line.

    A catalog that wraps long strings (msgmerge's, Poedit's, Weblate's) gets GNU's own
    wrapping, so msgmerge after sync changes nothing; one that does not (the tool's own)
    keeps polib's unwrapped form.
    """
    return render_entry(entry, PAGE_WIDTH) if width > 0 else render_plain(entry)


def _header_text(catalog: polib.POFile) -> str:
    """The header comment and the metadata entry, as polib writes them."""
    return _header_text_of(
        catalog.header, catalog.metadata, bool(catalog.metadata_is_fuzzy), catalog.wrapwidth
    )


def _header_text_of(comment: str, metadata: dict[str, str], fuzzy: bool, width: int) -> str:
    if width > 0:
        return render_header(comment, metadata, fuzzy, PAGE_WIDTH)
    header = polib.POFile(wrapwidth=width)
    header.header, header.metadata, header.metadata_is_fuzzy = comment, metadata, fuzzy
    text: str = header.__unicode__()
    if not comment and text.startswith("#\n"):
        text = text[2:]  # polib adds an empty header comment that the file did not have
    return text


def _key(entry: polib.POEntry) -> EntryKey:
    return (bool(entry.obsolete), entry.msgctxt, entry.msgid)


def _render_preserving(
    catalog: polib.POFile, layout: _Layout, others: tuple[polib.POFile, ...] = ()
) -> Iterator[str]:
    header_lines, blocks = _raw_blocks(layout)
    width = catalog.wrapwidth
    yield _header_part(catalog, layout, header_lines)
    elsewhere = [
        (other.entries, _raw_blocks(other)[1])
        for other in (getattr(one, SOURCE_TEXT, None) for one in others)
        if isinstance(other, _Layout)
    ]
    for entry in _ordered(catalog):
        key = _key(entry)
        fields = _fields(entry)
        if layout.entries.get(key) == fields:
            yield "\n" + blocks[key]
            continue
        found = [lines[key] for read, lines in elsewhere if read.get(key) == fields]
        yield "\n" + (found[0] if found else _entry_text(entry, width))


def _header_part(catalog: polib.POFile, layout: _Layout, header_lines: str) -> str:
    """The file's own header lines, unless the header's text or its fields' order changed.

    polib writes the fields it knows in an order of its own: a merge that puts them in
    msgmerge's order (`headers.merged_header`) is written even where polib's text is equal.
    """
    inputs = _header_inputs(catalog)
    if inputs == layout.header_inputs:
        return header_lines
    header = _header_text(catalog)
    reordered = [name for name, _ in inputs[1]] != [name for name, _ in layout.header_inputs[1]]
    return header_lines if header == layout.header and not reordered else header


def _raw_blocks(layout: _Layout) -> tuple[str, Mapping[EntryKey, str]]:
    """The file's own lines for its header and for each entry (blank lines trimmed)."""
    if layout.regular:
        return _regular_blocks(layout)
    lines = physical_lines(layout.text, keepends=True)
    starts = layout.starts
    bounds = [start for start, _ in starts] + [len(lines)]
    blocks = {
        key: _trimmed(lines[start : bounds[index + 1]]) for index, (start, key) in enumerate(starts)
    }
    if starts:  # the last entry of the file: not the comments after it
        start, key = starts[-1]
        blocks[key] = _trimmed(_without_dangling_comments(lines[start:]))
    return _trimmed(lines[: bounds[0]]), blocks


def _regular_blocks(layout: _Layout) -> tuple[str, Mapping[EntryKey, str]]:
    """`_raw_blocks` of a text laid out as rendering lays it (`_regular`), without cutting
    it into lines: there exactly one blank line follows the header and each entry but the
    last, and no entry holds one, so the n-th blank line ends the n-th entry's lines."""
    text = layout.text
    blanks = array("q", (found.start() for found in _BLANK_LINE.finditer(text)))
    ends = array("q", blanks[1:])
    ends.append(len(text) - 1)  # the last entry ends the text, with one line end
    if not blanks:
        return text, _Slices(text, {}, blanks, ends)
    index = {key: number for number, (_, key) in enumerate(layout.starts)}
    return text[: blanks[0] + 1], _Slices(text, index, blanks, ends)


class _Slices(Mapping[EntryKey, str]):
    """Each entry's lines in a regular text, cut out when asked for (`_regular_blocks`)."""

    def __init__(
        self, text: str, index: dict[EntryKey, int], blanks: array[int], ends: array[int]
    ) -> None:
        self.text, self.index, self.blanks, self.ends = text, index, blanks, ends

    def __getitem__(self, key: EntryKey) -> str:
        number = self.index[key]
        return self.text[self.blanks[number] + 2 : self.ends[number] + 1]

    def __iter__(self) -> Iterator[EntryKey]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


def _without_dangling_comments(lines: list[str]) -> list[str]:
    """The last entry's lines without the comment lines after its last string.

    They belong to no entry: kept with the last entry, a later sync that appends an entry
    after it would see polib give them to that entry, and the file would never be stable.
    """
    last = len(lines)
    while last > 1 and lines[last - 1].lstrip()[:1] in "#" and not _is_entry_line(lines[last - 1]):
        last -= 1
    return lines[:last]


def _is_entry_line(line: str) -> bool:
    text = line.lstrip()
    if text.startswith("#~|"):
        return True  # the previous text of an obsolete entry: kept
    if text.startswith("#~"):
        text = text[2:].lstrip()
    return text.startswith(("msg", '"'))


def _trimmed(lines: list[str]) -> str:
    block = "".join(lines).rstrip("\n")
    return block + "\n"


def write_catalog(catalog: polib.POFile, path: Path) -> bool:
    """Write a catalog atomically if its text differs from the file; return whether it did."""
    return write_rendered(catalog, path)[1]


def write_rendered(
    catalog: polib.POFile, path: Path, on_disk: bytes | None = None
) -> tuple[bytes, bool]:
    """Render a catalog and write it atomically if the file's bytes differ.

    `on_disk`: the file's bytes when the caller holds them (else the file is read; one that
    cannot be read is written). Returns the rendered bytes and whether they were written.
    """
    data = encode_catalog(catalog, path)
    if on_disk is None:
        on_disk = file_bytes(path)
    written = data != on_disk
    if written:
        write_atomic(path, data)
    return data, written


def encode_catalog(
    catalog: polib.POFile, path: Path | None = None, others: tuple[polib.POFile, ...] = ()
) -> bytes:
    """The bytes of a rendered catalog in its file's own form (charset, line ends).

    The charset is the one its header declares now (UTF-8 for a catalog without one);
    `others` as for `render_catalog`.
    """
    return b"".join(encode_pieces(catalog, path, others))


def encode_pieces(
    catalog: polib.POFile, path: Path | None = None, others: tuple[polib.POFile, ...] = ()
) -> Iterator[bytes]:
    """`encode_catalog`'s bytes piece by piece (`render_pieces`), for writing a big
    catalog without its whole text or bytes in memory."""
    layout = getattr(catalog, SOURCE_TEXT, None)
    form = layout.form if isinstance(layout, _Layout) else FileForm()
    content_type = catalog.metadata.get("Content-Type", "")
    declared = _charset_of(f"Content-Type: {content_type}".encode("ascii", "replace"))
    charset = declared if declared is not None else "utf-8"
    pieces = render_pieces(catalog, others)
    return FileForm(charset, form.newline, form.final_newline).encode_pieces(pieces, path)


def _charset_of(data: bytes) -> str | None:
    """The Python codec of the charset `data` declares (None when it declares none)."""
    found = _DECLARED_CHARSET.search(data)
    if found is None or found.group(1).decode("ascii").lower() in _PLACEHOLDER_CHARSETS:
        return None
    return found.group(1).decode("ascii")


def file_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None if it cannot be read (parsing it then says why)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


_MARKER = re.compile(r"^(?:<{7}|>{7}|={7}|\|{7})(?: |$)", re.MULTILINE)


def _check_merge_markers(text: str, path: Path) -> None:
    """A merge made without `l10n merge-driver` leaves git's markers: say so, with the line.

    A text without a `<` (or `>`) is told so by one memchr, ten times as fast as a search
    for seven of them (a tenth of reading a big catalog in parts).
    """
    if ("<" not in text or "<<<<<<<" not in text) and (">" not in text or ">>>>>>>" not in text):
        return
    found = _MARKER.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    raise CatalogError(
        f"unresolved merge conflict ({found.group(0).strip()} line): resolve it and remove "
        "the markers; `l10n git-setup` lets git merge catalogs entry by entry",
        path,
        line,
    )


def _read_text(path: Path) -> tuple[str, FileForm]:
    """A catalog's text in the charset it declares (UTF-8 if none), with `\n` line ends."""
    return _decoded(catalog_bytes(path), path)


def catalog_bytes(path: Path) -> bytes:
    """A catalog file's bytes; CatalogError naming the file when they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("catalog not found", path) from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path) from None


def _decoded(data: bytes, path: Path) -> tuple[str, FileForm]:
    head = data[: _blank_line(data, b"\n\n")]
    head = head[: _blank_line(head, b"\r\n\r\n")]
    charset = _charset_of(head) or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r}", path, _line_of(data, head)) from None
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        _check_merge_markers(data.decode("utf-8", "replace"), path)
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(f"catalog is not valid {charset}", path, line) from None
    _check_merge_markers(text, path)
    return _newlines_read(text, charset)


def _blank_line(data: bytes, blank: bytes) -> int:
    """Where the first `blank` is (the end if there is none): the bytes before it are
    sliced, not split off the rest (which would copy all the rest)."""
    found = data.find(blank)
    return found if found >= 0 else len(data)


def _line_of(data: bytes, head: bytes) -> int:
    """The line of the charset declaration in the header."""
    found = _DECLARED_CHARSET.search(head)
    return data[: found.start() if found else 0].count(b"\n") + 1


def _newlines_read(text: str, charset: str) -> tuple[str, FileForm]:
    """The text with `\n` line ends, and the form to write it back in.

    A file with CRLF or CR line ends throughout is read as if it had `\n`; one that mixes
    them is read as it is (polib then decides).
    """
    final = text.endswith(("\n", "\r")) or not text
    if (
        "\r\n" in text
        and "\r" not in text.replace("\r\n", "")
        and "\n" not in text.replace("\r\n", "")
    ):
        return text.replace("\r\n", "\n") + ("" if final else "\n"), FileForm(
            charset, "\r\n", final
        )
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n") + ("" if final else "\n"), FileForm(charset, "\r", final)
    return text + ("" if final else "\n"), FileForm(charset, "\n", final)


def _check_string_lines(text: str, path: Path) -> None:
    """Refuse lines polib would silently misread: unclosed quotes, `#=` flags.

    One regular-expression search over the whole text finds whether any line is suspect;
    only then is the file gone through line by line for the exact line and message.
    """
    if _ODD_LINE_BREAK.search(text) is None and _SUSPECT_LINE.search("\n" + text) is None:
        return
    for number, line in enumerate(physical_lines(text), start=1):
        stripped = line.strip()
        if stripped.startswith("#="):
            raise CatalogError(
                "'#=' lines are not supported (polib cannot read them)", path, number
            )
        if _STARTS_STRING.match(stripped) and not _STRING_LINE.match(stripped):
            raise CatalogError(f"malformed string (unclosed quote?): {stripped[:60]}", path, number)


def _wrap_width(text: str) -> int:
    """Keep a catalog's wrapping: no wrap unless the file wraps long strings itself.

    A wrapped string is `msgid ""` at the start of a line (after `#~ ` when obsolete)
    followed by a string line, or any string line cut elsewhere than after a `\n` (a
    translation or a header field: Transifex's catalogs wrap no msgid of Django's
    contenttypes, only a msgstr and the Language-Team field); the search starts from the
    literals, which is fast.
    """
    for match in _WRAPPED_MSGID.finditer(text):
        start = match.start()
        if start >= 3 and text.startswith("#~ ", start - 3):
            start -= 3
        if start == 0 or text[start - 1] == "\n":
            return GNU_WRAP_WIDTH
    return GNU_WRAP_WIDTH if _cut_string_line(text) else 0


def _cut_string_line(text: str) -> bool:
    """Whether a string is wrapped by width: a string line that does not end in `\n` is
    followed by another, or a `msgstr ""` is followed by a line that does not end in `\n`
    (a string moved to its own line because it was too long)."""
    for joint in ('"\n"', '"\n#~ "'):
        found = text.find(joint)
        while found != -1:
            before = text[max(0, found - 2) : found]
            if before != "\\n":
                if before not in (' "', '\t"'):
                    return True  # a string line cut
                end = text.find("\n", found + 2)
                if not text[found + 2 : end if end != -1 else len(text)].endswith('\\n"'):
                    return True  # after `keyword ""`, a string line without \n
            found = text.find(joint, found + 1)
    return False


def _polib_message(exc: Exception) -> str:
    message = str(exc)
    if "Syntax error" in message:
        return "syntax error in catalog"
    return f"cannot parse catalog: {message}"
