"""Checks of the shape of a translation: whitespace, line breaks, brackets, punctuation, length."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property, lru_cache

from l10n.checks.base import Check, CheckContext, CheckUnit, Finding, remember

BRACKET_PAIRS = {")": "(", "]": "[", "}": "{", "»": "«"}
CLOSERS_AT_END = ")]}\"'»”’*_"
# End punctuation as a class: "?" is "?" in English and ";" (or U+037E) in Greek.
END_CLASSES = {".": ".", "!": "!", "?": "?", ":": ":", ";": ";", "…": "…", "\u037e": "?"}
# Other scripts' own signs for them (as Weblate's end checks take them): the full-width and
# ideographic forms of Chinese and Japanese, the danda of Hindi, Nepali and Bengali, the
# Urdu, Armenian, Ethiopic, Khmer and Burmese full stops, the Arabic question mark and
# semicolon, the Armenian question mark and the Ethiopic ones.
END_CLASSES |= dict.fromkeys("。．।۔։።។။", ".") | dict.fromkeys("？؟՞፧", "?")
END_CLASSES |= {"！": "!", "：": ":", "፥": ":", "；": ";", "؛": ";", "፤": ";"}
# Languages that end a sentence without a full stop (Thai, Lao).
NO_FULL_STOP = frozenset({"th", "lo"})
GREEK_END_CLASSES = {**END_CLASSES, ";": "?", "\u0387": ";", "·": ";"}
FRENCH_SPACED = ":;!?"
FRENCH_NBSP = "\u00a0\u202f"
SPANISH_OPENERS = {"?": "¿", "!": "¡"}
DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
BRACKET_CHARACTERS = "".join(BRACKET_PAIRS) + "".join(BRACKET_PAIRS.values())
# »…« (German, Danish): » opens, « closes.
REVERSED_QUOTE_PAIRS = {**{k: v for k, v in BRACKET_PAIRS.items() if k != "»"}, "«": "»"}
# Every Latin-1 byte but the brackets' (all are Latin-1): deleted, they leave the brackets.
NOT_BRACKET_BYTES = bytes(set(range(256)) - set(BRACKET_CHARACTERS.encode("latin-1")))


class WhitespaceCheck(Check):
    id = "whitespace"
    name = "Whitespace"
    description = "Leading and trailing whitespace as in the English; no double spaces."
    severity = "warning"

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        findings = []
        for index, source, target in unit.forms():
            # Without whitespace at either end of either text, the fixed text is the text.
            if edged(source) or edged(target):
                fixed = edges(source, 0) + target.strip() + edges(source, -1)
                if target.strip() and fixed != target:
                    message = "Leading or trailing whitespace differs from the English"
                    findings.append(self.finding(message, None, None, index, fixed))
            if "  " in target and "  " not in source:
                single = DOUBLE_SPACE.sub(" ", target)
                findings += [
                    self.finding("Double space", m.start(), m.end(), index, single)
                    for m in DOUBLE_SPACE.finditer(target)
                ]
        return findings


def edged(text: str) -> bool:
    """Whether `text` starts or ends with whitespace (what `str.strip` takes away)."""
    return text[:1].isspace() or text[-1:].isspace()


def edges(text: str, side: int) -> str:
    """The whitespace at the start (side 0) or the end (side -1) of `text`."""
    if side == 0:
        return text[: len(text) - len(text.lstrip())]
    return text[len(text.rstrip()) :]


class NewlinesCheck(Check):
    id = "newlines"
    name = "Line breaks"
    description = "As many line breaks as the English (paragraphs of articles stay aligned)."
    severity = "warning"

    def signs(self) -> frozenset[str] | None:
        return frozenset("\n")  # no text with one: as many in each (none)

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        return [
            self.finding(
                f"{t.count(chr(10))} line breaks; the English has {s.count(chr(10))}",
                plural_index=i,
            )
            for i, s, t in unit.forms()
            if s.count("\n") != t.count("\n")
        ]


class BracketsCheck(Check):
    id = "brackets"
    name = "Brackets"
    description = (
        "Brackets ( ) [ ] { } and guillemets (« » or » «) are balanced when they are in the "
        "English."
    )
    severity = "warning"

    def signs(self) -> frozenset[str] | None:
        return frozenset(BRACKET_CHARACTERS)  # a translation without one is balanced

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        findings = []
        for index, source, target in unit.forms():
            position = unbalanced_at(target)
            if position is not None and unbalanced_at(source) is None:
                message = f"Unbalanced bracket {target[position]!r}"
                findings.append(self.finding(message, position, position + 1, index))
        return findings


def unbalanced_at(text: str) -> int | None:
    """Index of the first bracket without a partner, or None when all are balanced.

    Guillemets open the way the text's first one does: «…» (French) or »…« (German,
    Danish), so both are balanced. Which bracket is unbalanced depends on the brackets'
    order alone: a Latin-1 text's are taken from its bytes in one call (`bytes.translate`)
    and their verdict remembered; their places are looked for only where one is unbalanced.
    """
    try:
        brackets = text.encode("latin-1").translate(None, NOT_BRACKET_BYTES)
    except UnicodeEncodeError:
        return _unbalanced_among(text, bracket_positions(text))
    found = _unbalanced_in_order(brackets) if brackets else None
    return None if found is None else bracket_positions(text)[found]


@lru_cache(maxsize=4_096)  # texts have few orders of brackets: "[](…)", "(…)"
def _unbalanced_in_order(brackets: bytes) -> int | None:
    """`unbalanced_at` of a text of these brackets (Latin-1) alone: which of them."""
    order = brackets.decode("latin-1")
    return _unbalanced_among(order, range(len(order)))


def _unbalanced_among(text: str, positions: Sequence[int]) -> int | None:
    """`unbalanced_at` of `text`, whose brackets are at `positions`, in order."""
    if not positions:
        return None
    reversed_quotes = "»" in text and ("«" not in text or text.index("»") < text.index("«"))
    pairs = REVERSED_QUOTE_PAIRS if reversed_quotes else BRACKET_PAIRS
    openers = frozenset(pairs.values())
    stack: list[int] = []
    for position in positions:
        char = text[position]
        if char in openers:
            stack.append(position)
        elif char in pairs:
            if not stack or text[stack[-1]] != pairs[char]:
                return position
            stack.pop()
    return stack[0] if stack else None


def bracket_positions(text: str) -> list[int]:
    """Where the brackets of `text` are, in order (one `str.find` per bracket: ten times
    faster than a search for their class)."""
    positions = []
    for bracket in BRACKET_CHARACTERS:
        at = text.find(bracket)
        while at >= 0:
            positions.append(at)
            at = text.find(bracket, at + 1)
    positions.sort()
    return positions


class EndPunctuationCheck(Check):
    id = "end-punctuation"
    name = "End punctuation"
    description = (
        "Ends like the English: Greek asks with ';', French puts a no-break space "
        "before : ; ! ?, Spanish opens questions with ¿ and exclamations with ¡."
    )
    severity = "warning"

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        findings = []
        for index, source, target in unit.forms():
            wanted, (got, at) = self._english_end(source), end_class(target, unit.language)
            if wanted != got and not (got == "" and wanted == "." and _no_stop(unit.language)):
                shown = repr(wanted) if wanted else "no punctuation"
                findings.append(self.finding(f"The English ends with {shown}", at, at + 1, index))
            else:
                message = language_rule(target, unit.language, got, at)
                if message:
                    findings.append(self.finding(message, at, at + 1, index))
        return findings

    def _english_end(self, source: str) -> str:
        """The class of an English text's final punctuation, remembered: every language
        checks the same English."""
        found = self._ends.get(source)
        if found is None:
            found = remember(self._ends, source, end_class(source, "en")[0])
        return found

    def forget(self) -> None:
        """Drop the English texts remembered so far."""
        self._ends.clear()

    @cached_property
    def _ends(self) -> dict[str, str]:
        return {}


def end_class(text: str, language: str) -> tuple[str, int]:
    """The class of the final punctuation ('' for none) and its index in `text`."""
    body = text.rstrip().rstrip(CLOSERS_AT_END).rstrip()
    if body.endswith("..."):
        return "…", len(body) - 3
    classes = GREEK_END_CLASSES if language.startswith("el") else END_CLASSES
    return classes.get(body[-1:], ""), max(len(body) - 1, 0)


def _no_stop(language: str) -> bool:
    """Whether `language` ends a sentence without a full stop."""
    return language_code(language) in NO_FULL_STOP


def language_rule(target: str, language: str, got: str, at: int) -> str | None:
    """A message when the end punctuation breaks the typography of `language`."""
    code = language_code(language)
    if code == "el" and target[at] == "?":
        return "Greek asks with ';' (U+037E), not '?'"
    if code == "fr" and target[at] in FRENCH_SPACED and target[at - 1 : at] not in FRENCH_NBSP:
        return f"French puts a no-break space (U+00A0 or U+202F) before {target[at]!r}"
    if code == "es" and got in SPANISH_OPENERS and SPANISH_OPENERS[got] not in target:
        return f"Spanish opens with {SPANISH_OPENERS[got]!r}"
    return None


@lru_cache(maxsize=64)
def language_code(language: str) -> str:
    """The language of a locale code, without its region or script ("fr" of "fr_CA")."""
    return language.split("-")[0].split("_")[0]


class MaxLengthCheck(Check):
    id = "max-length"
    name = "Maximum length"
    description = (
        "Fits the room: a max-length:N flag, or the limit of the kind from the settings "
        "(menu labels are short) where the English fits that limit."
    )

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        flagged = [f.split(":", 1)[1] for f in unit.flags if f.startswith("max-length:")]
        if flagged and not flagged[0].strip().isdigit():
            return [self.finding(f"Invalid flag 'max-length:{flagged[0]}'")]
        limit = int(flagged[0]) if flagged else context.max_length.get(unit.kind)
        if limit is None or (not flagged and len(unit.source) > limit):
            return []  # a kind's limit binds where the English fits it
        return [
            self.finding(f"{len(t)} characters; at most {limit} fit here", limit, len(t), i)
            for i, _, t in unit.forms()
            if len(t) > limit
        ]
