"""The check patterns written for speed match exactly what their plain forms match.

`NUMBER` is written to start with a character class, so that a search skips ahead instead
of trying every position; `may_hide_numbers` and `may_hold_url` look for `://`, `www.`,
`@`, `%`, `{` or `}` with `str.find`. Their plain patterns are kept here and both are put
to random texts made of what they look at.
"""

from __future__ import annotations

import random
import re

from l10n.checks import patterns

PLAIN_NUMBER = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[.,\u00a0\u202f\u2009 ]\d{3})+|\d+)(?:[.,]\d+)?(?!\w)"
)
PLAIN_HIDES_NUMBERS = re.compile(r"://|[wW][wW][wW]\.|@|[%{}]")
PLAIN_URL_HINT = re.compile(r"://|[wW][wW][wW]\.")


def _texts(alphabet: str, count: int) -> list[str]:
    rng = random.Random(len(alphabet))
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 16))) for _ in range(count)]


def test_numbers_are_found_where_the_plain_pattern_finds_them() -> None:
    texts = _texts("0123456789 ,.\u00a0\u2009\u202fab_-\u0663x", 100_000)
    texts.append("In 2024, 1,500 students (12.5%) came; 1 000 000 in 3 years.")
    found = 0
    for text in texts:
        fast = [(m.group(), m.span()) for m in patterns.NUMBER.finditer(text)]
        plain = [(m.group(), m.span()) for m in PLAIN_NUMBER.finditer(text)]
        assert fast == plain, text
        found += len(fast)
    assert found > 50_000


def test_the_hints_are_found_where_the_plain_patterns_find_them() -> None:
    hits = 0
    for text in _texts(":/wW.@%{}a x", 100_000):
        hides = patterns.may_hide_numbers(text)
        assert hides == (PLAIN_HIDES_NUMBERS.search(text) is not None), text
        url = patterns.may_hold_url(text)
        assert url == (PLAIN_URL_HINT.search(text) is not None), text
        hits += url
    assert hits > 300


def test_urls_emails_and_tags_are_found_as_their_patterns_find_them() -> None:
    """`urls`, `emails` and `html_tags` return at once for a text without `://`/`www.`,
    `@` or `<`: what their patterns find in random texts is what they find."""
    found = 0
    for text in _texts("htps:/wW.@<>b a-_fpHT/!ſ", 30_000):  # no parentheses
        assert patterns.urls(text) == [
            (
                m.group().rstrip(patterns.URL_TRAILING),
                m.start(),
                m.start() + len(m.group().rstrip(patterns.URL_TRAILING)),
            )
            for m in patterns.URL.finditer(text)
        ], text
        assert patterns.emails(text) == [
            (m.group().rstrip("."), m.start(), m.end()) for m in patterns.EMAIL.finditer(text)
        ], text
        assert patterns.html_tags(text) == [
            (f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>", m.start(), m.end())
            for m in patterns.HTML_TAG.finditer(text)
        ], text
        found += (
            len(patterns.urls(text)) + len(patterns.emails(text)) + len(patterns.html_tags(text))
        )
    assert found > 300
