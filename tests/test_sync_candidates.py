"""Fuzzy carry-over's candidates do not depend on the interpreter's string hashing.

`OldStrings` names the old strings sharing the most rare words with a new one; among
equals it took them in the order the new string's words came out of a set, which changes
with PYTHONHASHSEED: the same sync gave a label another entry's translation in one run and
not in the next (the 10k catalog shape of the benchmark, 1 entry in 70,000).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.sync.candidates import BEST_BY_WORDS, NEAR_COPY_WORDS, OldStrings, windows_of

ROOT = Path(__file__).resolve().parent.parent
# 30 old strings, each sharing exactly one rare word with the new one: all equal.
OLD = [f"common{number} word{number} label" for number in range(30)]
NEW = " ".join(f"word{number}" for number in range(30))


def test_equal_candidates_are_the_first_in_the_catalog() -> None:
    old = OldStrings(OLD, [[] for _ in OLD])
    assert sorted(old.candidates(NEW, [])) == list(range(BEST_BY_WORDS))


def test_candidates_are_the_same_whatever_the_hash_seed() -> None:
    probe = (
        "from tests.test_sync_candidates import OLD, NEW\n"
        "from l10n.sync.candidates import OldStrings\n"
        "print(sorted(OldStrings(OLD, [[] for _ in OLD]).candidates(NEW, [])))"
    )
    found = {
        subprocess.run(
            [sys.executable, "-c", probe],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(found) == 1, found


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "b", "c", " ", "\t", "\n", "\u2003", "\x85", "é"])))
def test_windows_are_those_of_every_word(text: str) -> None:
    """The windows made from a text's first and last words only are those made from all."""
    words = text.split()
    expected = (
        (
            "<" + " ".join(words[:3]),
            ">" + " ".join(words[-3:]),
            "=" + " ".join(words[:2] + words[-2:]),
        )
        if len(words) >= NEAR_COPY_WORDS
        else None
    )
    assert windows_of(text) == expected
