"""Token extractors shared by the checks: each returns (token, start, end) in text order."""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[str, int, int]

# printf and Python %-formats; without a format flag, no space flag and no letter after,
# so that "50% of" and "100%off" are prose, not placeholders.
PERCENT_FLAGGED = re.compile(
    r"%(?:\d+\$)?(?:\([^\W\d]\w*\))?[-+ #0]*(?:\d+|\*)?(?:\.\d+)?[hlLqjzt]*[diouxXeEfFgGcrsa%]"
)
PERCENT_PLAIN = re.compile(
    r"%(?:\d+\$)?(?:\([^\W\d]\w*\))?[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%](?![A-Za-z])"
)
# `{name}` names are Python identifiers, any letters (`{année}`, `{όνομα}`), or indexes.
BRACES = re.compile(r"\{\{.*?\}\}|\{\{|\}\}|\{[\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")
FORMAT_FLAGS = frozenset({"c-format", "python-format", "python-brace-format", "php-format"})

# `(!?)\[(…)\]\(…\)` without the image's `!`, which is the character before the match: a
# pattern that starts with one character is searched at memory speed, one that starts with
# either of two (`!` or `[`) tries each position against a set (~10 ns a character).
# The text of a link, `(?:[^\[\]]|\[[^\[\]]*\])*` (characters other than brackets, or a
# bracketed run of them), is written unrolled: a run of characters of one class is matched
# at once, not each character through an alternation (the same matches: each text of the
# kind has one parse, and both try its ends from the longest).
MD_LINK = re.compile(
    r"\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)"
)
MD_REFERENCE = re.compile(r"\[((?:[^\[\]])+)\]\[([^\[\]]*)\]")
# `][`, as every reference has: the search of a pattern for it, 0.37 us a text of ~470
# characters, `"][" in text` (CPython's search for two characters) 0.88 us.
REFERENCE_HINT = re.compile(r"\]\[")
MD_CODE = re.compile(r"(`+)(.+?)\1")
# GNU-style quotes, `name' (Sphinx, GNU tools): a backtick closed by an apostrophe is no code.
GNU_QUOTE = re.compile(r"`[^`'\s]+'")


def _strong(markers: str) -> re.Pattern[str]:
    """Strong text between two of `markers` (a regular expression)."""
    return re.compile(rf"({markers})(?=\S)(.+?)(?<=\S)\1")


def _emphasis(marker: str) -> re.Pattern[str]:
    """Emphasis that starts with `marker` (a regular expression); the look behind that no
    star or word character comes before it is written after the marker, so that the search
    skips to markers."""
    return re.compile(rf"({marker})(?<![*\w][*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")


MD_STRONG = _strong(r"\*\*|__")
MD_EMPHASIS = _emphasis("[*_]")
# The same for a text with one kind of marker: the search skips to it at memory speed.
MD_ONE_MARKER = {mark: (_strong(re.escape(mark * 2)), _emphasis(re.escape(mark))) for mark in "*_"}
# `**` or `__`, as strong text has: the search of a pattern for it, 0.35 us a text of ~470
# characters, `"**" in text` (CPython's search for two characters) 0.82 us.
MD_DOUBLED = {mark: re.compile(re.escape(mark * 2)).search for mark in "*_"}

# `<<original entry>>` (Sphinx) is prose between double angle quotes, not a tag.
HTML_TAG = re.compile(
    r"(?<!<)<(/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>(?!>)"
)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
# "www." (any case) found from its ".": a pattern that starts with one character skips to
# it at memory speed, then looks at the three before (a `str.find` of "w." and one of "W."
# went through the text twice, and stopped at every word that ends in "w.").
WWW_DOT = re.compile(r"\.(?<=[wW][wW][wW]\.)")
URL_TRAILING = ".,;:!?)]}'\u00bb\u201d"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A number not inside a word: `(?<![\w.,])(?:\d{1,3}(?:[sep]\d{3})+|\d+)(?:[.,]\d+)?(?!\w)`,
# written to start with its first digit (then the look behind), so the search skips to
# digits instead of trying every position.
NUMBER_SEPARATORS = ".,\u00a0\u202f\u2009 "
NUMBER = re.compile(
    rf"\d(?<![\w.,]\d)(?:\d{{0,2}}(?:[{NUMBER_SEPARATORS}]\d{{3}})+|\d*)(?:[.,]\d+)?(?!\w)"
)
# NUMBER for a text of Latin-1 characters, searched in its bytes with every digit made "0":
# a pattern that starts with one byte skips to it at memory speed, a class (`\d`) costs
# ~10 ns a character. The classes are those of NUMBER, in the bytes of Latin-1.
_LATIN1 = [chr(code) for code in range(256)]
_LATIN1_WORD = re.escape("".join(c for c in _LATIN1 if re.match(r"\w", c)).encode("latin-1"))
_LATIN1_DIGITS = "".join(c for c in _LATIN1 if re.match(r"\d", c)).encode("latin-1")
_LATIN1_SEPARATORS = re.escape("".join(c for c in NUMBER_SEPARATORS if c in _LATIN1))
DIGITS_TO_ZERO = bytes.maketrans(_LATIN1_DIGITS, b"0" * len(_LATIN1_DIGITS))
NUMBER_LATIN1 = re.compile(
    rb"0(?<![%s.,]0)(?:0{0,2}(?:[%s]000)+|0*)(?:[.,]0+)?(?![%s])"
    % (_LATIN1_WORD, _LATIN1_SEPARATORS.encode("latin-1"), _LATIN1_WORD)
)

# The bytes of a Latin-1 text that are not digits (NUMBER's), to take out in one call.
NON_DIGIT_LATIN1 = bytes(code for code in range(256) if code not in _LATIN1_DIGITS)

DIGIT = re.compile(r"\d")
NON_DIGIT = re.compile(r"\D")
CHARACTER_REFERENCE = re.compile(r"&#(?:\d+|[xX][0-9a-fA-F]+);")  # &#8212; is markup, not a number
NUMBER_WORDS = {
    word: (str(value),)
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
} | {"midnight": ("0", "00", "24"), "noon": ("12", "00")}
NUMBER_WORD = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# A time on the 12-hour clock: "6 p.m.", "11:30 a.m.", "12 am".
CLOCK_12H = re.compile(r"\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)


def placeholders(text: str, flags: frozenset[str]) -> list[Span]:
    """`{name}`, `{{ var }}`, `%s`, `%(name)s`, `%1$s`; `%%`, `{{`, `}}` are escapes, dropped."""
    percent = PERCENT_FLAGGED if flags & FORMAT_FLAGS else PERCENT_PLAIN
    found = [(m.group(), m.start(), m.end()) for m in percent.finditer(text)]
    found += [(m.group(), m.start(), m.end()) for m in BRACES.finditer(text)]
    escapes = {"%%", "{{", "}}"}
    return sorted((s for s in found if s[0] not in escapes), key=lambda s: s[1])


def may_hold_url(text: str) -> bool:
    """True when `text` has `://` or `www.` (any case), as every URL has.

    `://` only where there is a `:` (a search for one character runs at memory speed, one
    for three at ~2 ns a character); `www.` from its `.` (WWW_DOT).
    """
    if ":" in text and "://" in text:
        return True
    return WWW_DOT.search(text) is not None


def may_hide_numbers(text: str) -> bool:
    """True when `text` may hold a URL, an e-mail address or a placeholder (numbers inside
    them do not count): `://`, `www.` (any case), `@`, `%`, `{` or `}`."""
    return "@" in text or "%" in text or "{" in text or "}" in text or may_hold_url(text)


def urls(text: str) -> list[Span]:
    """Web addresses, without the sentence punctuation that may follow them."""
    if not may_hold_url(text):
        return []  # the pattern tries every word
    spans = []
    for match in URL.finditer(text):
        url = match.group().rstrip(URL_TRAILING)
        if url.count("(") > url.count(")") and match.group()[len(url) :].startswith(")"):
            url += ")"
        spans.append((url, match.start(), match.start() + len(url)))
    return spans


def emails(text: str) -> list[Span]:
    """E-mail addresses (a `mailto:` prefix is left to the URL and Markdown checks)."""
    if "@" not in text:
        return []  # the pattern tries every position (2 % of a cold status)
    return [(m.group().rstrip("."), m.start(), m.end()) for m in EMAIL.finditer(text)]


def numbers(text: str) -> list[Span]:
    """Numbers outside placeholders, URLs and character references (`&#8212;`), as digit
    strings (1,000 == 1.000 == 1 000)."""
    hidden = (
        [(m.start(), m.end()) for m in CHARACTER_REFERENCE.finditer(text)] if "&#" in text else []
    )
    if may_hide_numbers(text):
        hidden += [(s, e) for _, s, e in urls(text) + emails(text)]
        hidden += [(s, e) for _, s, e in placeholders(text, frozenset())]
    spans = []
    for match in _number_matches(text):
        start, end = match.span()
        if hidden and any(s <= start < e for s, e in hidden):
            continue
        number = text[start:end]  # digits (`\d` is `str.isdecimal`) and separators
        digits = number if number.isdecimal() else NON_DIGIT.sub("", number)
        spans.append((digits, start, end))
    return spans


def number_signature(text: str, may_hide: bool | None = None) -> tuple[bytes, bytes] | None:
    """What `numbers` finds in `text`, told without making a span of each number: two texts
    with one signature have the same numbers in the same order.

    The signature is the numbers with every digit made "0", joined by "|", and their digits
    in order, in Latin-1 bytes. A Latin-1 text's are found in its bytes: its numbers as
    NUMBER_LATIN1 finds them, its digits all its digits, if every digit is in a number.
    None where this cannot tell: a digit in a word ("H2O") of a Latin-1 text, a number with
    a character past U+00FF, or a placeholder, URL, e-mail address or character reference
    that may hide a number (`may_hide`: whether the text may hold one, looked for here when
    None).
    """
    if may_hide is None:
        may_hide = ("&" in text and "&#" in text) or may_hide_numbers(text)
    if may_hide:
        return None
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return _signature_of(NUMBER.findall(text))
    shapes = b"|".join(NUMBER_LATIN1.findall(data.translate(DIGITS_TO_ZERO)))
    digits = data.translate(None, NON_DIGIT_LATIN1)
    return (shapes, digits) if shapes.count(b"0") == len(digits) else None


def _signature_of(found: list[str]) -> tuple[bytes, bytes] | None:
    """`number_signature` of the numbers `found` (NUMBER's matches, in order)."""
    try:
        joined = "|".join(found).encode("latin-1")
    except UnicodeEncodeError:
        return None  # a separator or a digit past U+00FF
    return joined.translate(DIGITS_TO_ZERO), joined.translate(None, NON_DIGIT_LATIN1)


def _number_matches(text: str) -> Iterator[re.Match[str]] | Iterator[re.Match[bytes]]:
    """NUMBER's matches in `text`, found in its bytes when it is all Latin-1 (the same
    spans: a byte is a character there)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return NUMBER.finditer(text)
    return NUMBER_LATIN1.finditer(data.translate(DIGITS_TO_ZERO))


def spelled_numbers(text: str) -> set[str]:
    """The numbers an English text says in words ("one-to-one" -> {"1"}), as digit strings."""
    return {
        digits
        for match in NUMBER_WORD.finditer(text)
        for digits in NUMBER_WORDS[match.group().lower()]
    }


def _on_24h_clock(match: re.Match[str]) -> str:
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
    return f"{hour}:{match.group(2)}" if match.group(2) else str(hour)


def clock_24h(text: str) -> str:
    """The text with 12-hour times on the 24-hour clock ("6 p.m." -> "18")."""
    return CLOCK_12H.sub(_on_24h_clock, text) if "m" in text.lower() else text


def html_tags(text: str) -> list[Span]:
    """Tags as `<b>`, `</b>`, `<br/>` (names lowercased, attributes dropped); comments skipped."""
    if "<" not in text:
        return []
    text = HTML_COMMENT.sub(lambda m: " " * len(m.group()), text)
    return [
        (f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>", m.start(), m.end())
        for m in HTML_TAG.finditer(text)
    ]


def markdown_links(text: str) -> list[Span]:
    """Links and images as `[](url)` / `![](url)` (the text is translatable, the URL is not).

    An image when a `!` comes just before the link (the image begins at it): a search that
    starts at a `!` or a `[` finds that image, and no match before can end on the `!`, as
    every link ends with `)`. The links come in order, each ending before the next.
    """
    if "[" not in text:
        return []
    spans = []
    if "](" in text:  # as every link has
        images = "!" in text
        for link in MD_LINK.finditer(text):
            start, end = link.span()
            if images and start and text[start - 1] == "!":
                spans.append((f"![]({link[2]})", start - 1, end))
            else:
                spans.append((f"[]({link[2]})", start, end))
    if REFERENCE_HINT.search(text) is not None:
        spans += [(f"[][{m[2]}]", m.start(), m.end()) for m in MD_REFERENCE.finditer(text)]
        spans.sort(key=lambda s: s[1])
    return spans


def markdown_code(text: str) -> list[Span]:
    """Inline code, which is never translated: the whole `` `…` `` span is the token."""
    if "`" not in text:
        return []
    if "'" in text:
        text = GNU_QUOTE.sub(_blanked, text)
    return [(m.group(), m.start(), m.end()) for m in MD_CODE.finditer(text)]


def _blanked(match: re.Match[str]) -> str:
    return " " * len(match.group())


def markdown_emphasis(text: str) -> list[Span]:
    """Strong and emphasis markers as `**` / `*` tokens (the words inside are translated)."""
    if "*" not in text and "_" not in text:
        return []
    if "`" in text:
        text = MD_CODE.sub(_blanked, text)
    if "<" in text:
        text = HTML_TAG.sub(_blanked, text)
    if may_hold_url(text):
        text = URL.sub(_blanked, text)
    spans = []
    if "_" not in text or "*" not in text:
        marker = "_" if "*" not in text else "*"
        strong_pattern, emphasis = MD_ONE_MARKER[marker]
        doubled = MD_DOUBLED[marker](text) is not None  # the other's double is not there
    else:
        strong_pattern, emphasis = MD_STRONG, MD_EMPHASIS
        doubled = MD_DOUBLED["*"](text) is not None or MD_DOUBLED["_"](text) is not None
    strong = strong_pattern.finditer(text) if doubled else ()
    for match in strong:
        spans.append((match.group(1).replace("_", "*"), match.start(), match.end()))
        text = text[: match.start()] + " " * len(match.group()) + text[match.end() :]
    for match in emphasis.finditer(text):
        spans.append((match.group(1).replace("_", "*"), match.start(), match.end()))
    return sorted(spans, key=lambda s: s[1])
