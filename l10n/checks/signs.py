"""What a text holds of what the checks look for, found once for all of them.

Most checks can find something only in a unit one of whose texts holds one of a few
characters: a placeholder needs `%`, `{` or `}`, a tag `<`, a number a digit, a line break
check `\\n`. A check names these (`Check.signs`); the runner finds a unit's signs once (an
English text's once for every language) and runs only the checks whose signs are there,
instead of each check searching every text for its own.
"""

from __future__ import annotations

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


def text_signs(text: str) -> frozenset[str]:
    """The signs `text` holds."""
    found = [character for character in SIGN_CHARACTERS if character in text]
    if patterns.DIGIT.search(text) is not None:
        found.append(DIGIT_SIGN)
    if patterns.may_hold_url(text):
        found.append(URL_SIGN)
    return frozenset(found)
