"""What changed between two English texts, shaped for a person to read at a glance.

A word-level edit script interleaves single words when a phrase was reworded ("that held
took in place late in November"). Here the changes are grouped into phrases (a change, one
short word both texts share, another change: one phrase), and a stale paragraph is aligned
sentence by sentence: a sentence kept, changed (its changed phrases marked on both sides),
rewritten (too little in common to mark words: shown whole, old and new), removed or added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel, Levenshtein

DiffTag = Literal["equal", "delete", "insert"]
SentenceKind = Literal["same", "changed", "rewritten", "removed", "added"]
_TOKEN = re.compile(r"\s+|[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]|_")
# A sentence: up to its end mark (and closing quotes or brackets) and the space after it, or
# up to a line break; the last one up to the end of the text. Joined they give the text back.
_SENTENCE = re.compile(r"[^\n]*?(?:[.!?…]+[\"'’”»)\]]*(?:\s+|$)|\n+|$)")
SHARED_BETWEEN = 1  # words two texts share between two changes that still make one phrase
SHORT_WORD = 3  # letters of a short word ("in", "the", "of"): two of them still join
REWRITTEN_BELOW = 0.5  # a sentence sharing fewer of its words than this is shown as rewritten


@dataclass(frozen=True)
class DiffPart:
    """A run of text that both texts share, or that only the old or the new one has."""

    tag: DiffTag
    text: str


@dataclass(frozen=True)
class SentenceChange:
    """One sentence of the old English against its counterpart in the new one.

    `old` holds the old sentence as equal and deleted parts, `new` the new one as equal and
    inserted parts (either empty for an added or removed sentence).
    """

    kind: SentenceKind
    old: tuple[DiffPart, ...]
    new: tuple[DiffPart, ...]


def tokens(text: str) -> list[str]:
    """Words, whitespace and punctuation of a text; joined they give the text back."""
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences (and lines) of a text, each with the space after it."""
    found = [piece for piece in _SENTENCE.findall(text) if piece]
    return found or [text]


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The parts of `old` and `new` in order, changed phrases grouped: equal, deleted (old
    only), inserted (new only); a deletion and its replacement side by side."""
    parts: list[DiffPart] = []
    for tag, old_text, new_text in _phrases(old, new):
        if tag == "equal":
            _append(parts, "equal", old_text)
            continue
        _append(parts, "delete", old_text)
        _append(parts, "insert", new_text)
    return parts


def _phrases(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) runs; a short shared run between two changes joins them."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    runs: list[tuple[str, str, str]] = []
    for op in Levenshtein.opcodes(old_tokens, new_tokens):
        old_text = "".join(old_tokens[op.src_start : op.src_end])
        new_text = "".join(new_tokens[op.dest_start : op.dest_end])
        tag = "equal" if op.tag == "equal" else "change"
        if runs and runs[-1][0] == tag:
            _, before_old, before_new = runs.pop()
            old_text, new_text = before_old + old_text, before_new + new_text
        runs.append((tag, old_text, new_text))
    return _joined(runs)


def _joined(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Changes separated by a shared word or two short ones become one changed phrase."""
    joined: list[tuple[str, str, str]] = []
    for position, run in enumerate(runs):
        between = 0 < position < len(runs) - 1
        if run[0] == "equal" and between and _short(run[1]) and joined:
            joined.append(("change", run[1], run[2]))
        else:
            joined.append(run)
    merged: list[tuple[str, str, str]] = []
    for tag, old_text, new_text in joined:
        if merged and merged[-1][0] == tag == "change":
            _, before_old, before_new = merged.pop()
            old_text, new_text = before_old + old_text, before_new + new_text
        merged.append((tag, old_text, new_text))
    return _trimmed(merged)


def _trimmed(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Spaces both sides of a change start or end with belong to the shared text around
    it (a marked phrase neither starts nor ends with a marked space)."""
    trimmed: list[tuple[str, str, str]] = []
    carried = ""  # spaces moved from the end of a change to the start of the next run
    for tag, old_text, new_text in runs:
        old_text, new_text = carried + old_text, carried + new_text
        carried = ""
        if tag == "change":
            lead = _common_space(old_text, new_text)
            old_text, new_text = old_text[len(lead) :], new_text[len(lead) :]
            if lead:
                trimmed.append(("equal", lead, lead))
            trail = _common_space(old_text[::-1], new_text[::-1])[::-1]
            if trail:
                old_text, new_text, carried = (
                    old_text[: -len(trail)],
                    new_text[: -len(trail)],
                    trail,
                )
        trimmed.append((tag, old_text, new_text))
    if carried:
        trimmed.append(("equal", carried, carried))
    merged: list[tuple[str, str, str]] = []
    for tag, old_text, new_text in trimmed:
        if not old_text and not new_text:
            continue
        if merged and merged[-1][0] == tag == "equal":
            _, before, _ = merged.pop()
            old_text = new_text = before + old_text
        merged.append((tag, old_text, new_text))
    return merged


def _common_space(old: str, new: str) -> str:
    """The whitespace both texts start with."""
    common = ""
    for one, other in zip(old, new, strict=False):
        if one != other or not one.isspace():
            break
        common += one
    return common


def _short(shared: str) -> bool:
    """Whether a shared run is too short to read as a landmark between two changes."""
    words = [token for token in tokens(shared) if token[0].isalnum()]
    if len(words) <= SHARED_BETWEEN:
        return True
    return len(words) == 2 and all(len(word) <= SHORT_WORD for word in words)


def _append(parts: list[DiffPart], tag: DiffTag, text: str) -> None:
    """Add a run, merging it with the previous run of the same tag."""
    if not text:
        return
    if parts and parts[-1].tag == tag:
        parts[-1] = DiffPart(tag, parts[-1].text + text)
    else:
        parts.append(DiffPart(tag, text))


def changed(parts: list[DiffPart]) -> bool:
    """Whether the diff shows any change at all."""
    return any(part.tag != "equal" for part in parts)


def sentence_diff(old: str, new: str) -> list[SentenceChange]:
    """The old and new English aligned sentence by sentence, in the new text's order."""
    old_sentences, new_sentences = sentences(old), sentences(new)
    changes: list[SentenceChange] = []
    stripped = ([one.strip() for one in old_sentences], [one.strip() for one in new_sentences])
    for op in Levenshtein.opcodes(*stripped):
        olds = old_sentences[op.src_start : op.src_end]
        news = new_sentences[op.dest_start : op.dest_end]
        if op.tag == "equal":
            changes += [
                SentenceChange("same", _whole("equal", kept), _whole("equal", now))
                for kept, now in zip(olds, news, strict=True)
            ]
        else:
            changes += _aligned(olds, news)
    return changes


def _aligned(olds: list[str], news: list[str]) -> list[SentenceChange]:
    """Sentences that differ, paired in order where they share enough words (the most
    shared in all); the rest, side by side, rewritten, and what is left removed or added."""
    pairs = _best_pairs(olds, news)
    changes: list[SentenceChange] = []
    old_at = new_at = 0
    for old_index, new_index in [*pairs, (len(olds), len(news))]:
        changes += _unpaired(olds[old_at:old_index], news[new_at:new_index])
        if old_index < len(olds):
            changes.append(_changed(olds[old_index], news[new_index]))
        old_at, new_at = old_index + 1, new_index + 1
    return changes


def _best_pairs(olds: list[str], news: list[str]) -> list[tuple[int, int]]:
    """The in-order pairing of similar sentences with the greatest total similarity."""
    score = [[_similarity(old, new) for new in news] for old in olds]
    best = [[0.0] * (len(news) + 1) for _ in range(len(olds) + 1)]
    for i in range(len(olds) - 1, -1, -1):
        for j in range(len(news) - 1, -1, -1):
            paired = score[i][j] + best[i + 1][j + 1] if score[i][j] >= REWRITTEN_BELOW else 0.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < len(olds) and j < len(news):
        if score[i][j] >= REWRITTEN_BELOW and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _similarity(old: str, new: str) -> float:
    """How much of their words two sentences share (0 to 1, case and punctuation aside)."""
    old_words, new_words = _words(old), _words(new)
    if not old_words and not new_words:
        return 1.0
    return float(Indel.normalized_similarity(old_words, new_words))


def _words(text: str) -> list[str]:
    return [token.casefold() for token in tokens(text) if token[0].isalnum()]


def _unpaired(olds: list[str], news: list[str]) -> list[SentenceChange]:
    """Sentences with no similar counterpart: side by side they were rewritten; the rest
    were removed or added."""
    changes = [
        SentenceChange("rewritten", _whole("delete", old), _whole("insert", new))
        for old, new in zip(olds, news, strict=False)
    ]
    changes += [SentenceChange("removed", _whole("delete", old), ()) for old in olds[len(news) :]]
    changes += [SentenceChange("added", (), _whole("insert", new)) for new in news[len(olds) :]]
    return changes


def _changed(old: str, new: str) -> SentenceChange:
    """A sentence reworded: its changed phrases, on the old side and on the new one (no word
    left in common, case counted: rewritten)."""
    if old.strip() == new.strip():
        return SentenceChange("same", _whole("equal", old), _whole("equal", new))
    phrases = _phrases(old, new)
    if not any(tag == "equal" and _words(old_text) for tag, old_text, _ in phrases):
        return SentenceChange("rewritten", _whole("delete", old), _whole("insert", new))
    old_parts: list[DiffPart] = []
    new_parts: list[DiffPart] = []
    for tag, old_text, new_text in phrases:
        _append(old_parts, "equal" if tag == "equal" else "delete", old_text)
        _append(new_parts, "equal" if tag == "equal" else "insert", new_text)
    return SentenceChange("changed", tuple(old_parts), tuple(new_parts))


def _whole(tag: DiffTag, sentence: str) -> tuple[DiffPart, ...]:
    return (DiffPart(tag, sentence),) if sentence else ()


def rewritten(changes: list[SentenceChange]) -> bool:
    """Whether nothing of the old text was kept (every sentence rewritten, removed or new)."""
    return all(change.kind in ("rewritten", "removed", "added") for change in changes)
