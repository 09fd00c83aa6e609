"""What a text holds of what the checks look for, found once for all of them.

Most checks can find something only in a unit one of whose texts holds one of a few
characters: a placeholder needs `%`, `{` or `}`, a tag `<`, a number a digit, a line break
check `\\n`. A check names these (`Check.signs`); the runner finds a unit's signs once (an
English text's once for every language) and runs only the checks whose signs are there,
instead of each check searching every text for its own.
"""

from __future__ import annotations

from functools import lru_cache

from l10n.checks import patterns

# Each is a sign of itself where a text holds it (one `str.find` each: a search for one
# character runs at memory speed).
SIGN_CHARACTERS = "%{}[]()`*_<@&\n«»"
DIGIT_SIGN = "\\d"  # any decimal digit, as `\d` finds
URL_SIGN = "://"  # `://` or `www.` (any case), as `patterns.may_hold_url` finds
SIGNS = frozenset((*SIGN_CHARACTERS, DIGIT_SIGN, URL_SIGN))
# What may hide a number (`patterns.numbers` skips the numbers inside these): placeholders,
# URLs, e-mail addresses, character references.
HIDE_NUMBERS = frozenset(("%", "{", "}", URL_SIGN, "@", "&"))
# A Latin-1 text's sign characters and digits (each made "0": `\d` finds no other Latin-1
# character) are what one `bytes.translate` leaves of its bytes, deleting all the others.
_SIGN_BYTES = frozenset(SIGN_CHARACTERS.encode("latin-1")) | {ord("0")}
NOT_SIGN_BYTES = bytes(code for code in patterns.NON_DIGIT_LATIN1 if code not in _SIGN_BYTES)


def text_signs(text: str) -> frozenset[str]:
    """The signs `text` holds.

    A Latin-1 text's from its bytes: one call keeps the bytes of its signs (16 searches
    for one character each, and a search for a digit, cost twice as much).
    """
    try:
        kept = text.encode("latin-1").translate(patterns.DIGITS_TO_ZERO, NOT_SIGN_BYTES)
    except UnicodeEncodeError:
        return _searched_signs(text)
    return _signs_of_bytes(frozenset(kept), patterns.may_hold_url(text))


def _searched_signs(text: str) -> frozenset[str]:
    """`text_signs` of any text, each sign searched for."""
    found = [character for character in SIGN_CHARACTERS if character in text]
    if patterns.DIGIT.search(text) is not None:
        found.append(DIGIT_SIGN)
    if patterns.may_hold_url(text):
        found.append(URL_SIGN)
    return frozenset(found)


@lru_cache(maxsize=1_024)  # texts hold few sets of signs
def _signs_of_bytes(kept: frozenset[int], url: bool) -> frozenset[str]:
    """The signs of a Latin-1 text whose sign characters' bytes (a digit's as "0") are
    `kept`, and which may hold a URL when `url`."""
    found = [DIGIT_SIGN if code == ord("0") else chr(code) for code in kept]
    return frozenset([*found, URL_SIGN] if url else found)
