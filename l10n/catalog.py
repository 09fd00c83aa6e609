"""Reading, rendering and writing gettext catalogs with polib, strictly and stably.

polib forgives too much: an unclosed quote drops an entry without a word and a missing path
is parsed as PO text. Every catalog is therefore read as text here, its string lines are
checked first, and polib's syntax errors become CatalogError with the file and line.
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
    return catalog


def render_catalog(catalog: polib.POFile) -> str:
    """Serialise a catalog the same way every time (source order, no date churn)."""
    text: str = catalog.__unicode__()
    if not catalog.header and text.startswith("#\n"):
        text = text[2:]  # polib adds an empty header comment that the file did not have
    return text


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
