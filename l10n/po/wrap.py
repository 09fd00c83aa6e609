"""Writing strings of a catalog as GNU gettext writes them (msgmerge, msgcat, xgettext).

GNU gettext (`wrap()` in gettext-tools/src/write-po.c) escapes a string, cuts it after
each `\\n`, and wraps each piece at 79 columns where Unicode line breaking (UAX #14,
libunistring) allows a break: after a space, and also after `/`, `-`, `?` and the like,
never inside an escape sequence nor right before a final `\\n`. A string that will not fit
on its keyword's line, or holds a `\\n` before its end, starts with `msgid ""`. Writing
changed entries the same way means that msgmerge run after `l10n sync` changes nothing.
Break opportunities follow UAX #14's pair rules as libunistring applies them (its classes
for the characters catalogs hold); columns count East Asian wide characters as two.
"""

from __future__ import annotations

import re
import unicodedata

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
    inside = _inside_directives(value, flags)
    offset = 0
    lines: list[str] = []
    first_line = True
    pieces = _pieces(value)
    for number, piece in enumerate(pieces):
        text, breakable = _escaped(piece, inside[offset : offset + len(piece)])
        offset += len(piece)
        after_break = len(prefix) + 1  # a continuation line starts with the prefix and '"'
        room = (width if width > 0 else 1 << 30) - 1 - after_break  # and ends with '"'
        start = len(prefix) + len(keyword) + 2 - after_break if first_line else 0
        cuts = _cuts(text, breakable, room, start)
        if first_line and text and (number < len(pieces) - 1 or start > room or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            cuts = _cuts(text, breakable, room, 0)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        bounds = [0, *cuts, len(text)]
        for index in range(len(bounds) - 1):
            segment = text[bounds[index] : bounds[index + 1]]
            lines.append(f'{head if index == 0 else prefix}"{segment}"')
    return lines


def _pieces(value: str) -> list[str]:
    """The value cut after each newline; an empty value is one empty piece."""
    pieces = value.splitlines(keepends=True) if value else [""]
    # str.splitlines cuts at more than \n: join back what is not a piece of its own.
    joined: list[str] = []
    for piece in pieces:
        if joined and not joined[-1].endswith("\n"):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _inside_directives(value: str, flags: tuple[str, ...] | list[str]) -> list[bool]:
    """For each character of `value`, whether it is inside a format directive (not its start)."""
    inside = [False] * len(value)
    pattern = next((pattern for flag, pattern in _DIRECTIVES.items() if flag in flags), None)
    if pattern is not None:
        for found in pattern.finditer(value):
            inside[found.start() + 1 : found.end()] = [True] * (found.end() - found.start() - 1)
    return inside


def _escaped(piece: str, inside: list[bool]) -> tuple[str, list[bool]]:
    """The piece escaped, and before each of its characters whether a break may go there."""
    characters: list[str] = []
    breakable: list[bool] = []
    allowed = _break_opportunities(piece)
    for index, character in enumerate(piece):
        escape = _ESCAPES.get(character)
        allow = allowed[index] and not inside[index]
        if escape is None:
            characters.append(character)
            breakable.append(allow)
        else:
            characters.extend(escape)
            breakable.extend((allow, False))
    if piece.endswith("\n"):
        breakable[-2] = False  # never right before the final \n
    return "".join(characters), breakable


def _break_opportunities(piece: str) -> list[bool]:
    """Before each character of the unescaped piece, whether a line may break there."""
    classes = [_class(character) for character in piece]
    allowed = [False] * (len(piece) + 1)
    for index in range(1, len(piece)):
        allowed[index] = _may_break(classes, index)
    return allowed


def _may_break(classes: list[str], index: int) -> bool:
    """UAX #14's pair rules, as libunistring applies them, for a break before `index`."""
    current, previous = classes[index], classes[index - 1]
    if current in _NEVER_BEFORE:
        return False
    if previous == "SP":  # after spaces: decided by what stands before them
        start = index - 1
        while start > 0 and classes[start - 1] == "SP":
            start -= 1
        before = classes[start - 1] if start > 0 else "SP"
        return (
            before != "OP"
            and current not in _NOT_AFTER_SPACES
            and (before, current)
            not in (
                ("CL", "NS"),
                ("B2", "B2"),
            )
        )
    if previous in _NEVER_AFTER or current in _NOT_BEFORE:
        return False
    if previous == "ZW" or "ID" in (previous, current) or "B2" in (previous, current):
        return True
    if previous in ("BA", "HY", "SY"):
        return current != "NU"
    if previous == "IS":  # libunistring, unlike UAX #14, breaks `sys.exit` after `.`
        return current == "AL"
    if previous == "EX":  # `?2` but not `!=`
        return current == "NU"
    return False


def _class(character: str) -> str:
    """A character's line breaking class, the few that matter for catalogs (else AL)."""
    special = _SPECIAL.get(character)
    if special is not None:
        return special
    category = unicodedata.category(character)
    if category in ("Mn", "Me", "Mc"):
        return "CM"
    if category == "Nd":
        return "NU"
    if category in ("Pi", "Pf"):
        return "QU"
    if category == "Ps":
        return "OP"
    if category == "Pe":
        return "CL"
    if category == "Zs":
        return "SP"
    if unicodedata.east_asian_width(character) in ("W", "F") and category[0] in "LSN":
        return "ID"
    return "AL"


_SPECIAL = {
    **dict.fromkeys(" ", "SP"),
    **dict.fromkeys("\u00a0\u202f\u2007\u2060\ufeff", "GL"),
    "\u200b": "ZW",
    "\u200d": "CM",
    **dict.fromkeys("\"'", "QU"),
    **dict.fromkeys("¿¡", "OP"),
    **dict.fromkeys("!?！？‼⁇⁈⁉", "EX"),
    **dict.fromkeys(",.:;\u037e\u0589\u060c\u060d\u2044", "IS"),
    "/": "SY",
    "-": "HY",
    **dict.fromkeys("\t|\u2010\u2012\u2013\u00ad\u2027\u1680", "BA"),
    "\u2014": "B2",
    **dict.fromkeys("\u2024\u2025\u2026\u22ef", "IN"),
    **dict.fromkeys("、。，．｡､〕〉》」』】〙〗〟｠｝）", "CL"),
    **dict.fromkeys(
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
        "ーゝゞヽヾ々〻〜・：；゛゜",
        "NS",
    ),
}
_NEVER_BEFORE = frozenset(("SP", "CM", "GL"))  # also after spaces
_NOT_AFTER_SPACES = frozenset(("CL", "EX", "IS", "SY"))
_NOT_BEFORE = frozenset(("CL", "EX", "IS", "SY", "NS", "IN", "QU", "HY"))
_NEVER_AFTER = frozenset(("OP", "QU", "GL"))


def _cuts(text: str, breakable: list[bool], room: int, start: int) -> list[int]:
    """Where to cut `text` (indexes), filling each line up to `room` columns, greedily."""
    cuts: list[int] = []
    last: int | None = None  # the last opportunity taken into account
    column = start
    piece = 0  # the width since that opportunity
    for index, character in enumerate(text):
        if breakable[index]:
            if last is not None and column + piece > room:
                cuts.append(last)
                column = 0
            last = index
            column += piece
            piece = 0
        piece += _width(character)
    if last is not None and column + piece > room:
        cuts.append(last)
    return cuts


def _width(character: str) -> int:
    """Columns a character takes: two for East Asian wide ones, none for combining ones."""
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.category(character) == "Cc":
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
