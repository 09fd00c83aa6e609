"""Writing strings of a catalog as GNU gettext writes them (msgmerge, msgcat, xgettext).

GNU gettext 0.21 (`wrap()` in gettext-tools/src/write-po.c) escapes a string, cuts it after
each `\\n`, and wraps each piece at 79 columns where libunistring's line breaking
(`l10n.po.linebreak`: UAX #14 as libunistring 1.0 applies it) allows a break in the
*escaped* text: `\\"` is a backslash (a numeric prefix) then a quote, so `/\\"` may break
after the `/`. A break never goes inside an escape sequence, inside a format directive, nor
right before a final `\\n`; columns count East Asian wide characters as two and marks as
none. A string that will not fit on its keyword's line, or holds a `\\n` before its end,
starts with `msgid ""`. Writing changed entries the same way means that msgmerge run after
`l10n sync` changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast

from l10n.po.linebreak import MANDATORY, POSSIBLE, PROHIBITED, opportunities

PAGE_WIDTH = 79
NO_WRAP = 0  # a file's own style: no wrapping but at `\n`
# Format directives a break never goes inside (GNU parses them per `*-format` flag).
_PRINTF = r"%(?:\([^)]*\))?(?:\d+\$)?[-#0 +']*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?[hlLqjzt]*[a-zA-Z%]"
_DIRECTIVES = {
    "c-format": re.compile(_PRINTF),
    "python-format": re.compile(_PRINTF),
    "python-brace-format": re.compile(r"\{\{|\}\}|\{[^{}]*\}"),
}
_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def string_lines(
    keyword: str,
    value: str,
    prefix: str = "",
    width: int = PAGE_WIDTH,
    flags: tuple[str, ...] | list[str] = (),
) -> list[str]:
    """The lines GNU gettext writes for `keyword "value"` (each with `prefix`, no newline).

    `width`: the page width (79), or NO_WRAP to cut only after each `\\n`. `flags`: the
    entry's, whose first format flag says which directives are never broken inside.
    """
    directives = _directives(value, flags)
    offset = 0
    lines: list[str] = []
    first_line = True
    pieces = _pieces(value)
    after_break = len(prefix) + 1  # a continuation line starts with the prefix and '"'
    room = (width if width > 0 else 1 << 30) - 1 - after_break  # and ends with '"'
    for number, piece in enumerate(pieces):
        text = piece.translate(_ESCAPE_TABLE)
        inside = [index - offset for index in directives if offset <= index < offset + len(piece)]
        offset += len(piece)
        start = len(keyword) + 1 if first_line else 0  # columns after the continuation's '"'
        widths = _widths(text)
        total = sum(widths)
        allowed = _allowed(piece, text, inside) if start + total > room else None
        cuts = _cuts(allowed, widths, room, start) if allowed is not None else []
        if first_line and text and (number < len(pieces) - 1 or start > room or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            if total > room:  # it fits on a line of its own, or is cut again from column 0
                allowed = _allowed(piece, text, inside) if allowed is None else allowed
                cuts = _cuts(allowed, widths, room, 0)
            else:
                cuts = []
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        bounds = [0, *cuts, len(text)]
        for index in range(len(bounds) - 1):
            segment = text[bounds[index] : bounds[index + 1]]
            lines.append(f'{head if index == 0 else prefix}"{segment}"')
    return lines


def _pieces(value: str) -> list[str]:
    """The value cut after each newline; an empty value is one empty piece."""
    pieces = [line + "\n" for line in value.split("\n")]
    last = pieces.pop()[:-1]
    return [*pieces, last] if last or not pieces else pieces


def _directives(value: str, flags: tuple[str, ...] | list[str]) -> list[int]:
    """Where in `value` a character is inside a format directive (not its first one).

    The first format flag decides, in GNU's order (c, python, python-brace).
    """
    flag = next((flag for flag in _DIRECTIVES if flag in flags), None)
    if flag is None:
        return []
    if flag == "python-brace-format":
        return _brace_protected(value)
    return [
        index
        for found in _DIRECTIVES[flag].finditer(value)
        for index in range(found.start() + 1, found.end())
    ]


def _brace_protected(value: str) -> list[int]:
    """What GNU gettext 0.21 keeps unbroken in a python-brace-format string.

    Its parser (format-python-brace.c) records each directive's bounds relative to the
    directive's own `{`, not to the string: so every directive marks the string's first
    characters, and what stays unbroken is characters 1 to n-1 of the string, n the length
    of its shortest directive (none when the first one is invalid, or when a directive
    before the first `}` mark is invalid). Newer gettext marks the directives themselves.
    """
    lengths: list[int] = []
    index = value.find("{")
    while index >= 0:
        end, error = _brace_end(value, index, toplevel=True)
        if error is not None:
            if not lengths or error - index <= min(lengths) - 1:
                return []
            break
        if end is not None:
            lengths.append(end - index + 1)
            index = value.find("{", end + 1)
        else:  # `{{`
            index = value.find("{", index + 2)
    return list(range(1, min(lengths))) if lengths else []


def _brace_end(value: str, start: int, toplevel: bool) -> tuple[int | None, int | None]:
    """The index of the `}` closing the directive at `start` (None for `{{`), or an error's."""
    if value[start + 1 : start + 2] == "{":
        return None, None
    name_end = _field(value, start + 1, numeric=True)
    if name_end is None:
        return None, start + 1
    at = name_end
    while value[at : at + 1] in (".", "["):
        opener, at = value[at], at + 1
        after = _field(value, at, numeric=opener == "[")
        if after is None:
            return None, at
        at = after
        if opener == "[":
            if value[at : at + 1] != "]":
                return None, at + 1
            at += 1
    if value[at : at + 1] == ":":
        if not toplevel:
            return None, at
        at += 1
        if value[at : at + 1] == "{":
            inner, error = _brace_end(value, at, toplevel=False)
            if error is not None:
                return None, error
            at = at + 2 if inner is None else inner + 1
        else:
            at = _standard_spec(value, at)
        if value[at : at + 1] != "}":
            return None, at
    if value[at : at + 1] != "}":
        return None, at
    return at, None


def _field(value: str, at: int, numeric: bool) -> int | None:
    """The end of a field name (an identifier, or digits where `numeric`) at `at`, or None."""
    found = _IDENTIFIER.match(value, at) or (_DIGITS.match(value, at) if numeric else None)
    return found.end() if found else None


def _standard_spec(value: str, at: int) -> int:
    """The end of `[[fill]align][sign][#][0][width][.precision][type]` at `at`."""
    if value[at + 1 : at + 2] and value[at + 1] in "<>=^":
        at += 2
    elif value[at : at + 1] and value[at] in "<>=^":
        at += 1
    return _SPEC_TAIL.match(value, at).end()  # type: ignore[union-attr]


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DIGITS = re.compile(r"[0-9]+")
_SPEC_TAIL = re.compile(r"[-+ ]?#?0?[0-9]*(?:\.[0-9]*)?[bcdoxXneEfFgG%]?")


def _allowed(piece: str, text: str, inside: list[int]) -> list[int]:
    """Before each character of the escaped text: whether GNU may break there."""
    allowed = opportunities(text)
    for index in _blocked(piece, inside):
        allowed[index] = PROHIBITED
    return allowed


def _cuts(allowed: list[int], widths: list[int], room: int, start: int) -> list[int]:
    """Where to cut the escaped text (indexes), filling each line up to `room`, greedily.

    libunistring's `ulc_width_linebreaks`: at each break opportunity, the line so far is
    cut at the previous opportunity if it ran past `room`.
    """
    cuts: list[int] = []
    last: int | None = None  # the last opportunity taken into account
    column = start
    run = 0  # the width since that opportunity
    for index, columns in enumerate(widths):
        chance = allowed[index]
        if chance != PROHIBITED and last is not None and column + run > room:
            cuts.append(last)
            column = 0
        if chance == MANDATORY:  # U+2028 and the like: a new line in columns, not in the file
            last, column, run = None, 0, 0
            continue
        if chance == POSSIBLE:
            last = index
            column += run
            run = 0
        run += columns
    if last is not None and column + run > room:
        cuts.append(last)
    return cuts


def _blocked(piece: str, inside: list[int]) -> list[int]:
    """Indexes of the escaped piece where GNU forbids a break, whatever the characters."""
    if not inside and not _ESCAPE_TABLE.keys() & set(map(ord, piece)):
        return []
    blocked: list[int] = []
    inside_set = set(inside)
    position = 0
    for index, character in enumerate(piece):
        if index in inside_set:
            blocked.append(position)
        if character in _ESCAPES:
            blocked.append(position + 1)  # never inside an escape sequence
            position += 2
        else:
            position += 1
    if piece.endswith("\n"):
        blocked.append(position - 2)  # never right before the final \\n
    return blocked


def _widths(text: str) -> list[int]:
    """The columns of each character of the escaped text."""
    if text.isascii() and text.isprintable():
        return [1] * len(text)
    known = list(map(_widths_seen.get, text))  # characters seen before, at C speed
    return [_width(c) for c in text] if None in known else cast("list[int]", known)


def _width(character: str) -> int:
    """Columns a character takes, as libunistring's `uc_width` counts them for UTF-8.

    Two for East Asian wide and fullwidth characters (and unassigned ideographs), none for
    marks, format characters, conjoining Hangul vowels and finals, and control characters.
    """
    found = _widths_seen.get(character)
    if found is None:
        found = _uc_width(character)
        _widths_seen[character] = found
    return found


def _uc_width(character: str) -> int:
    code = ord(character)
    category = unicodedata.category(character)
    if category in ("Cc", "Cf") or unicodedata.bidirectional(character) == "NSM":
        return 0
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF or code == 0x200B:
        return 0
    if category == "Cn":
        return 2 if any(low <= code <= high for low, high in _IDEOGRAPH_BLOCKS) else 1
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


_ESCAPE_TABLE = {ord(character): escape for character, escape in _ESCAPES.items()}
_IDEOGRAPH_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFD))
_widths_seen: dict[str, int] = {}  # a memo of _uc_width: catalogs use few characters
