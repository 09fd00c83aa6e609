"""Translation memory: searched by length band and in slices, it finds what one pass finds."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process, utils

from l10n.queue import memory as memory_module
from l10n.queue.memory import MemoryEntry, TranslationMemory, length_band

WORDS = [
    "the",
    "news",
    "of",
    "civis",
    "alliance",
    "week",
    "students",
    "staff",
    "mobility",
    "open",
    "call",
    "for",
    "research",
]


def sample_entries(count: int, seed: int) -> list[MemoryEntry]:
    """Texts of 1 to 40 words from a small vocabulary: many near and exact repeats, equal scores."""
    chooser = random.Random(seed)
    entries = []
    for number in range(count):
        words = chooser.choices(WORDS, k=chooser.choice([1, 2, 3, 5, 8, 13, 21, 40]))
        source = " ".join(words)
        if number % 50 == 0:
            source = "..."  # nothing left once processed: scores 100 against an empty query
        entries.append(MemoryEntry(source.capitalize(), f"T{number}"))
    return entries


def one_pass(
    memory: TranslationMemory, source: str, limit: int, cutoff: float, exclude: MemoryEntry | None
) -> list[tuple[str, str, float]]:
    """The reference: one `process.extract` over every text, best first, ties in memory order."""
    sources = [utils.default_process(entry.source) for entry in memory.entries]
    matches = process.extract(
        utils.default_process(source),
        sources,
        scorer=fuzz.ratio,
        processor=None,
        limit=limit + 1,
        score_cutoff=cutoff,
    )
    found = [(memory.entries[index], score) for _, score, index in matches]
    return [(e.source, e.target, score) for e, score in found if e != exclude][:limit]


@pytest.mark.parametrize("slice_work", [1, 200, 5_000, memory_module.SLICE_WORK])
def test_search_by_length_and_in_slices_finds_what_one_pass_finds(
    monkeypatch: pytest.MonkeyPatch, slice_work: int
) -> None:
    monkeypatch.setattr(memory_module, "SLICE_WORK", slice_work)  # many slices, or one
    memory = TranslationMemory(sample_entries(600, seed=slice_work))
    chooser = random.Random(7)
    queries = [entry.source for entry in chooser.sample(memory.entries, 40)]
    queries += ["", "!!!", "Civis", "the news of the week for staff and students"]
    for query in queries:
        for limit, cutoff in ((3, 70.0), (5, 40.0), (1, 0.0), (2, 100.0)):
            own = next((entry for entry in memory.entries if entry.source == query), None)
            found = memory.suggest(query, limit=limit, cutoff=cutoff, exclude=own)
            assert [(s.source, s.target, s.score) for s in found] == one_pass(
                memory, query, limit, cutoff, own
            ), (query, limit, cutoff)


def test_no_text_outside_the_length_band_can_reach_the_cutoff() -> None:
    chooser = random.Random(3)
    texts = [" ".join(chooser.choices(WORDS, k=chooser.randint(0, 12))) for _ in range(300)]
    for cutoff in (0.0, 35.0, 70.0, 90.0, 100.0):
        for query in texts[:60]:
            shortest, longest = length_band(len(query), cutoff)
            for text in texts:
                if fuzz.ratio(query, text, score_cutoff=cutoff):
                    assert shortest <= len(text) <= longest, (query, text, cutoff)


def test_memory_gives_a_diff_against_the_english_asked_for() -> None:
    memory = TranslationMemory([MemoryEntry("Staff mobility week", "Personalmobilitätswoche")])
    (found,) = memory.suggest("Staff mobility weeks")
    assert found.target == "Personalmobilitätswoche"
    assert "".join(part.text for part in found.diff if part.tag != "delete") == (
        "Staff mobility weeks"
    )
