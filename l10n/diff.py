"""Word-level diff of two English texts, so a translator sees what changed in a stale unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

DiffTag = Literal["equal", "delete", "insert"]
_TOKEN = re.compile(r"\s+|[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]|_")


@dataclass(frozen=True)
class DiffPart:
    """A run of text that both texts share, or that only the old or the new one has."""

    tag: DiffTag
    text: str


def tokens(text: str) -> list[str]:
    """Words, whitespace and punctuation of a text; joined they give the text back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The parts of `old` and `new` in order: equal, deleted (old only), inserted (new only)."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    parts: list[DiffPart] = []
    for op in Levenshtein.opcodes(old_tokens, new_tokens):
        if op.tag == "equal":
            _append(parts, "equal", old_tokens[op.src_start : op.src_end])
            continue
        _append(parts, "delete", old_tokens[op.src_start : op.src_end])
        _append(parts, "insert", new_tokens[op.dest_start : op.dest_end])
    return parts


def _append(parts: list[DiffPart], tag: DiffTag, words: list[str]) -> None:
    """Add a run, merging it with the previous run of the same tag."""
    if not words:
        return
    text = "".join(words)
    if parts and parts[-1].tag == tag:
        parts[-1] = DiffPart(tag, parts[-1].text + text)
    else:
        parts.append(DiffPart(tag, text))


def changed(parts: list[DiffPart]) -> bool:
    """Whether the diff shows any change at all."""
    return any(part.tag != "equal" for part in parts)
