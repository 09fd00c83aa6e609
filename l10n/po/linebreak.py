"""Line break opportunities as GNU gettext 0.21 finds them (libunistring 1.0, UAX #14).

A character's class comes from `linebreak_table` (Unicode 14.0.0). Between two characters,
UAX #14's pair rules decide (LB11-LB31, as a table built here from the rules), with
libunistring's own handling of spaces, combining marks, zero-width characters, regional
indicators and Hebrew hyphens around it. Like libunistring 1.0, it leaves out rule LB29: a
break stays possible after `.` or `:` before a letter (`sys.exit`, `HH:MM`). msgmerge and
msgcat wrap where these opportunities are, so `l10n.po.wrap` finds the same ones.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import cast

from l10n.po import linebreak_table

# The classes the pair table knows, then those handled around it.
_PAIR_NAMES = "WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL H2 H3 ID1"
_NAMES = [*_PAIR_NAMES.split(), "ID2", "JL", "JV", "JT", "HL", "RI", "ZWJ", "EB", "EM"]
_NAMES += ["BK", "CR", "LF", "CM", "ZW", "SP"]
_CODE = {name: code for code, name in enumerate(_NAMES)}
WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY = range(20)
AL, H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM = range(20, 33)
BK, CR, LF, CM, ZW, SP = range(33, 39)
_HL_HYPHEN = 100  # a Hebrew letter followed by a hyphen: no break after it (LB21a)

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2
_DIRECT, _INDIRECT, _NEVER = 0, 1, 2  # a break: allowed; only after spaces; never


def _never_with_spaces(before: int, after: int) -> bool:
    """Rules LB11, LB13-LB17: no break between the two even with spaces between them."""
    return (
        after == WJ
        or after in (CL, CP1, CP2, EX, IS, SY)
        or before in (OP1, OP2)
        or (before == QU and after in (OP1, OP2))
        or (before == CL and after in (NS, CP1, CP2))
        or (before == B2 and after == B2)
    )


def _never_adjacent(before: int, after: int) -> bool:
    """Rules LB8a-LB30b (LB29 left out, as libunistring does): no break right between them."""
    if before == ZWJ and after in (ID1, ID2, EB, EM):
        return True  # LB8a
    before = AL if before == ZWJ else before  # LB10: a lone joiner is a letter
    after = AL if after == ZWJ else after
    letters, hangul = (AL, HL), (JL, JV, JT, H2, H3)
    return (
        _never_with_spaces(before, after)
        or before in (WJ, GL, BB, QU)  # LB11, LB12, LB21, LB19
        or (after == GL and before not in (BA, HY))  # LB12a
        or after in (QU, BA, HY, NS, IN)  # LB19, LB21, LB22
        or (before == SY and after == HL)  # LB21b
        or (before in letters and after == NU)  # LB23
        or (before == NU and after in letters)
        or (before == PR and after in (ID1, ID2, EB, EM))  # LB23a
        or (before in (ID1, ID2, EB, EM) and after == PO)
        or (before in (PR, PO) and after in letters)  # LB24
        or (before in letters and after in (PR, PO))
        or (before in (CL, CP1, CP2, NU) and after in (PO, PR))  # LB25
        or (before in (PO, PR) and after in (OP1, OP2, NU))
        or (before in (HY, IS, NU, SY) and after == NU)
        or (before == JL and after in (JL, JV, H2, H3))  # LB26
        or (before in (JV, H2) and after in (JV, JT))
        or (before in (JT, H3) and after == JT)
        or (before in hangul and after == PO)  # LB27
        or (before == PR and after in hangul)
        or (before in letters and after in letters)  # LB28
        or (before in (AL, HL, NU) and after == OP1)  # LB30
        or (before == CP1 and after in (AL, HL, NU))
        or (before in (EB, ID2) and after == EM)  # LB30b
    )


def _pair(before: int, after: int) -> int:
    if _never_with_spaces(before, after):
        return _NEVER
    return _INDIRECT if _never_adjacent(before, after) else _DIRECT


_PAIRS = [[_pair(before, after) for after in range(EM + 1)] for before in range(EM + 1)]
_ADJACENT = [[POSSIBLE if pair == _DIRECT else PROHIBITED for pair in row] for row in _PAIRS]
_SPACED = [[PROHIBITED if pair == _NEVER else POSSIBLE for pair in row] for row in _PAIRS]
_AFTER_JOINERS = (ZWJ, _HL_HYPHEN)  # LB8a, LB21a
_USUAL = frozenset(range(BK)) - {ZWJ, RI}  # classes the pair table alone decides before
_STARTS = linebreak_table.STARTS
_CLASSES = [_CODE.get(name, -1) for name in linebreak_table.CLASSES.split()]
_HANGUL = linebreak_table.CLASSES.split().index("HANGUL")
_classes_seen: dict[str, int] = {}  # a memo of class_of: catalogs use few characters


def class_of(character: str) -> int:
    """The character's line breaking class."""
    found = _classes_seen.get(character)
    if found is None:
        index = bisect_right(_STARTS, ord(character)) - 1
        if index == _HANGUL:  # LV syllables every 28th, LVT between
            found = H2 if (ord(character) - _STARTS[index]) % 28 == 0 else H3
        else:
            found = _CLASSES[index]
        _classes_seen[character] = found
    return found


def opportunities(text: str) -> list[int]:
    """Before each character: PROHIBITED, POSSIBLE, or MANDATORY (it ends a line itself)."""
    result = [PROHIBITED] * len(text)
    last = BK  # the class of the last character that was not a space
    previous = BK  # the class of the character just before
    spaces = False  # spaces since `last`
    indicators = 0  # regional indicators just before
    known = list(map(_classes_seen.get, text))  # characters seen before, at C speed
    classes = [class_of(c) for c in text] if None in known else cast("list[int]", known)
    for index, current in enumerate(classes):
        if current in _USUAL and last < BK and previous not in _AFTER_JOINERS:
            result[index] = (_SPACED if spaces else _ADJACENT)[last][current]  # the usual case
            last, spaces = current, False
        elif current in (BK, CR, LF):
            result[index] = MANDATORY
            last, previous, spaces = BK, current, False
            indicators = 0
            continue
        elif current == SP:
            spaces = True
        elif current == ZW:
            last, spaces = ZW, False
        elif current in (CM, ZWJ):  # a mark belongs to what it follows (LB9)
            if last == BK:
                last, spaces = AL, False
            elif last == ZW or spaces:
                result[index] = POSSIBLE  # LB8, LB18; then a letter (LB10)
                last, spaces = AL, False
        else:
            result[index] = _decide(last, previous, current, spaces, indicators)
            last, spaces = current, False
        previous = _HL_HYPHEN if previous == HL and current in (HY, BA) else current
        indicators = indicators + 1 if current == RI else 0
    return result


def _decide(last: int, previous: int, current: int, spaces: bool, indicators: int) -> int:
    """Whether a line may break before `current` (neither a space nor a mark)."""
    if last == BK or previous in (ZWJ, _HL_HYPHEN):  # line start, LB8a, LB21a
        return PROHIBITED
    if last == ZW:  # LB8
        return POSSIBLE
    if last == RI and current == RI:  # LB30a: flags go in pairs
        return POSSIBLE if spaces or indicators % 2 == 0 else PROHIBITED
    pair = _PAIRS[last][current]
    if pair == _DIRECT or (pair == _INDIRECT and spaces):
        return POSSIBLE
    return PROHIBITED
