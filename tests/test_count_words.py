"""count_words counts a text's words in its bytes (`l10n.model._fast_words`) when every
character beyond ASCII is a letter, a digit or `’`: the same number as the regular
expression that defines a word (`_WORD`) finds, on any text."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.model import _LINK_TARGET, _WORD, _fast_words, count_words
from l10n.po.catalog import read_catalog

# Letters and digits of several scripts and widths, joiners, blanks, marks, a link,
# characters Python splits lines at, a combining accent, a lone surrogate.
ALPHABET = "ab Z9_'-’ .,é\u00a0—ßİıǅ٣\u2028\t\n](x)ẞ\U0001f600\u0301\ud800"


def by_pattern(text: str) -> int:
    return len(_WORD.findall(_LINK_TARGET.sub("]", text)))


def test_random_texts_count_as_the_pattern_counts() -> None:
    rng = random.Random(15)
    fast = 0
    for _ in range(100_000):
        text = "".join(rng.choices(ALPHABET, k=rng.randint(0, 14)))
        assert count_words(text) == by_pattern(text), repr(text)
        fast += _fast_words(text) is not None
    assert 20_000 < fast < 90_000  # both ways were put to the test


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_any_text_counts_as_the_pattern_counts(text: str) -> None:
    assert count_words(text) == by_pattern(text)


def test_real_catalogs_count_as_the_pattern_counts() -> None:
    texts = [
        text
        for path in sorted(Path(__file__).parent.glob("data/real/**/*.po"))
        for entry in read_catalog(path, to_write=False)
        for text in (entry.msgid, entry.msgstr, *entry.msgstr_plural.values())
    ]
    assert len(texts) > 9_000
    assert [count_words(text) for text in texts] == [by_pattern(text) for text in texts]
