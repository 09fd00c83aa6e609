"""Reading, rendering and writing gettext catalogs with polib, strictly and stably.

polib forgives too much: an unclosed quote drops an entry without a word and a missing path
is parsed as PO text. Every catalog is therefore read as text here, its string lines are
checked first, and polib's syntax errors become CatalogError with the file and line.

polib also wraps long strings differently from GNU gettext, so saving a catalog that
msgmerge, Poedit or Weblate wrote would rewrap lines nobody edited. A catalog read from a
file therefore remembers its text, and rendering keeps the original lines of every entry
(and of the header) whose content did not change: one edit, one entry in the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from l10n.atomic import write_atomic
from l10n.errors import CatalogError

_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_STRING = r'"(?:[^"\\]|\\.)*"'
_STRING_LINE = re.compile(rf"^(?:#~\s*)?(?:#\|\s*)?(?:{_KEYWORD}\s+)?{_STRING}\s*$")
_STARTS_STRING = re.compile(rf'^(?:#~\s*)?(?:#\|\s*)?(?:{_KEYWORD}\b|")')
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
SOURCE_TEXT = "l10n_source_text"
EntryKey = tuple[bool, str | None, str]


def read_catalog(path: Path) -> polib.POFile:
    """Read a .po or .pot file; any defect raises CatalogError naming file and line."""
    text = _read_text(path)
    _check_string_lines(text, path)
    try:
        catalog = polib.pofile(text, wrapwidth=_wrap_width(text))
    except (OSError, ValueError, UnicodeError) as exc:
        found = _POLIB_LINE.search(str(exc))
        raise CatalogError(
            _polib_message(exc), path, int(found.group(1)) if found else None
        ) from None
    catalog.fpath = str(path)
    setattr(catalog, SOURCE_TEXT, text)
    return catalog


def carry_source_text(old: polib.POFile | None, new: polib.POFile) -> None:
    """Let `new` (rebuilt from `old`) keep the original lines of unchanged entries."""
    text = getattr(old, SOURCE_TEXT, None) if old is not None else None
    if text is not None:
        setattr(new, SOURCE_TEXT, text)


def render_catalog(catalog: polib.POFile) -> str:
    """Serialise a catalog the same way every time (source order, no date churn)."""
    source_text = getattr(catalog, SOURCE_TEXT, None)
    if source_text is None:
        return _header_text(catalog) + "".join("\n" + text for text in _entry_texts(catalog))
    return _render_preserving(catalog, source_text)


def _entry_texts(catalog: polib.POFile) -> list[str]:
    width = catalog.wrapwidth
    ordered = [entry for entry in catalog if not entry.obsolete] + catalog.obsolete_entries()
    return [entry.__unicode__(width) for entry in ordered]


def _header_text(catalog: polib.POFile) -> str:
    """The header comment and the metadata entry, as polib writes them."""
    header = polib.POFile(wrapwidth=catalog.wrapwidth)
    header.header, header.metadata = catalog.header, catalog.metadata
    header.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    text: str = header.__unicode__()
    if not catalog.header and text.startswith("#\n"):
        text = text[2:]  # polib adds an empty header comment that the file did not have
    return text


def _key(entry: polib.POEntry) -> EntryKey:
    return (bool(entry.obsolete), entry.msgctxt, entry.msgid)


def _render_preserving(catalog: polib.POFile, source_text: str) -> str:
    original = polib.pofile(source_text, wrapwidth=catalog.wrapwidth)
    header_lines, blocks = _raw_blocks(source_text, original)
    width = catalog.wrapwidth
    originals = {_key(entry): entry for entry in original}
    header = _header_text(catalog)
    parts = [header_lines if header == _header_text(original) else header]
    ordered = [entry for entry in catalog if not entry.obsolete] + catalog.obsolete_entries()
    for entry in ordered:
        text = entry.__unicode__(width)
        old = originals.get(_key(entry))
        unchanged = old is not None and old.__unicode__(width) == text
        parts.append(blocks[_key(entry)] if unchanged else text)
    return "\n".join(parts)


def _raw_blocks(text: str, original: polib.POFile) -> tuple[str, dict[EntryKey, str]]:
    """The file's own lines for its header and for each entry (blank lines trimmed)."""
    lines = text.splitlines(keepends=True)
    starts = sorted((entry.linenum - 1, _key(entry)) for entry in original)
    bounds = [start for start, _ in starts] + [len(lines)]
    blocks = {
        key: _trimmed(lines[start : bounds[index + 1]]) for index, (start, key) in enumerate(starts)
    }
    return _trimmed(lines[: bounds[0]]), blocks


def _trimmed(lines: list[str]) -> str:
    block = "".join(lines).rstrip("\n")
    return block + "\n"


def write_catalog(catalog: polib.POFile, path: Path) -> bool:
    """Write a catalog atomically if its text differs from the file; return whether it did."""
    data = render_catalog(catalog).encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    write_atomic(path, data)
    return True


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("catalog not found", path) from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("catalog is not valid UTF-8", path, line) from None


def _check_string_lines(text: str, path: Path) -> None:
    """Refuse lines polib would silently misread: unclosed quotes, `#=` flags."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#="):
            raise CatalogError(
                "'#=' lines are not supported (polib cannot read them)", path, number
            )
        if _STARTS_STRING.match(stripped) and not _STRING_LINE.match(stripped):
            raise CatalogError(f"malformed string (unclosed quote?): {stripped[:60]}", path, number)


def _wrap_width(text: str) -> int:
    """Keep a catalog's wrapping: no wrap unless the file wraps long strings itself."""
    return 78 if re.search(r'^(?:#~ )?msgid\s+""\n(?:#~ )?"', text, re.M) else 0


def _polib_message(exc: Exception) -> str:
    message = str(exc)
    if "Syntax error" in message:
        return "syntax error in catalog"
    return f"cannot parse catalog: {message}"
