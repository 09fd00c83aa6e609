"""Rendering of word diffs: deletions struck through in red, insertions underlined in green."""

from __future__ import annotations

from rich.text import Text

from l10n.diff import DiffPart
from tui.text import visible

DIFF_STYLES = {"equal": "", "delete": "strike red", "insert": "underline bold green"}


def diff_text(parts: list[DiffPart]) -> Text:
    """A diff as Rich Text (the words are data, never markup)."""
    text = Text()
    previous = "equal"
    for part in parts:
        if part.tag == "insert" and previous == "delete":
            text.append(" ")  # keep a replaced word and its replacement apart
        text.append(visible(part.text), DIFF_STYLES[part.tag])
        previous = part.tag
    return text
