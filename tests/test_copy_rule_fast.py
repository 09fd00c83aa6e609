"""The copy rule's shortcut (`CopyRule._has_prose`) gives the verdicts of its full form.

`only_same_words` takes each same word out with its own pattern; a text with a long word
no same word can take out is answered without them. The full form is kept here and both
are put to random texts made of same words, their pieces in other cases, placeholders,
URLs, tags and prose.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import patterns
from l10n.checks.copy import ABBREVIATION_OR_WORD, MAX_ABBREVIATION, CopyRule
from l10n.po.catalog import read_catalog

RULE = CopyRule(same_words=("CIVIS", "e-mail", "Erasmus Mundus", "Café", "Straße", "ı"))
PIECES = (
    *RULE.words,
    *(word.lower() for word in RULE.words),
    *(word.upper() for word in RULE.words),
    "Erasmus",
    "Mundus",
    "email",
    "mail",
    "e",
    "LINKEDINX",
    "xOK",
    "Lınkedın",  # dotless i: the same letter as i when case is ignored
    "ſtraſſe",  # long s
    "STRASSE",
    "%s",
    "{n}",
    "PB",
    "px",
    "https://example.org/path",
    "a@b.eu",
    "<b>",
    "</b>",
    "students",
    "of",
    "1,000",
    "-",
    "+",
    "_",
    ".",
)


def full_form(rule: CopyRule, text: str) -> bool:
    """`only_same_words` without the shortcut: every same word's pattern tried."""
    placeholders = patterns.placeholders(text, frozenset())
    spans = patterns.urls(text) + patterns.emails(text) + patterns.html_tags(text)
    for _, start, end in sorted(spans + placeholders, key=lambda s: -s[1]):
        text = text[:start] + " " + text[end:]
    for pattern in rule._patterns:
        text = pattern.sub(" ", text)
    words = ABBREVIATION_OR_WORD.findall(text)
    if placeholders and all(len(word) <= MAX_ABBREVIATION for word in words):
        return True
    return not any(char.isalpha() for char in text)


def test_random_texts_of_same_words_get_the_full_forms_verdict() -> None:
    rng = random.Random(15)
    verdicts = {True: 0, False: 0}
    for _ in range(10_000):
        pieces = rng.choices(PIECES, k=rng.randint(0, 8))
        text = "".join(piece + rng.choice(("", " ", "  ", ", ", "\n")) for piece in pieces)
        verdict = RULE.only_same_words(text)
        assert verdict == full_form(RULE, text), text
        verdicts[verdict] += 1
    assert min(verdicts.values()) > 500  # both answers were put to the test


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("OKXxPDFıiſsSß +-_%{}1<>/@.ÉéCafeErasmusMund\n")))
def test_any_text_gets_the_full_forms_verdict(text: str) -> None:
    assert RULE.only_same_words(text) == full_form(RULE, text)


def test_the_bundled_rule_without_site_words() -> None:
    rule = CopyRule()
    for text in ("OK", "PDF (2 MB)", "%s PB", "Open the PDF", "YouTube, X", "Xylophone"):
        assert rule.only_same_words(text) == full_form(rule, text), text


def test_any_copy_answers_as_is_copy_on_each_form() -> None:
    """`any_copy` calls rapidfuzz itself: the same verdict as `is_copy` asked of each form
    (the plural's English from form 1 on), on real catalogs' entries with copies made of
    some and flags that exempt them."""
    rng = random.Random(15)
    verdicts = {True: 0, False: 0}
    for path in sorted(Path(__file__).parent.glob("data/real/**/*.po")):
        for entry in read_catalog(path, to_write=False):
            plural = entry.msgid_plural or None
            texts = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] or [entry.msgstr]
            if rng.random() < 0.2:  # a copy, nearly a copy, or a copy of same words
                texts = [rng.choice((entry.msgid, entry.msgid.upper() + ".", "OK")), *texts[1:]]
            flags = list(entry.flags) + (["ignore-copy-of-source"] if rng.random() < 0.1 else [])
            verdict = RULE.any_copy(entry.msgid, plural, texts, flags)
            englishes = [plural if index and plural else entry.msgid for index in range(9)]
            expected = any(
                RULE.is_copy(english, text, flags)
                for english, text in zip(englishes, texts, strict=False)
            )
            assert verdict == expected, (path, entry.msgid)
            verdicts[verdict] += 1
    assert min(verdicts.values()) > 300
