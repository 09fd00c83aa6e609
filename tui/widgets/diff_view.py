"""Rendering of diffs: deletions struck through in red, insertions underlined in green; a
stale English as its sentences aligned, old above new."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table
from rich.text import Text

from l10n.diff import DiffPart, SentenceChange, SentenceKind, rewritten
from tui.text import visible

DIFF_STYLES = {"equal": "", "delete": "strike bold red", "insert": "underline bold green"}
WHOLE_STYLES = {"equal": "", "delete": "red", "insert": "green"}  # a sentence rewritten
SAID: dict[SentenceKind, str] = {
    "changed": "reworded",
    "rewritten": "rewritten",
    "removed": "removed",
    "added": "added",
}


def diff_text(parts: list[DiffPart] | tuple[DiffPart, ...], whole: bool = False) -> Text:
    """A diff as Rich Text (the words are data, never markup); `whole`: a rewritten sentence,
    coloured but not struck through, so it stays readable."""
    styles = WHOLE_STYLES if whole else DIFF_STYLES
    text = Text()
    previous = "equal"
    for part in parts:
        if part.tag == "insert" and previous == "delete":
            text.append(" ")  # keep a replaced phrase and its replacement apart
        text.append(visible(part.text), styles[part.tag])
        previous = part.tag
    return text


def sentences_view(changes: list[SentenceChange]) -> Group:
    """The old English above the new, sentence by sentence, each change named."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True, min_width=8)
    table.add_column()
    several = len(changes) > 1
    for change in changes:
        if change.kind == "same":
            if several:
                table.add_row(Text("same", "dim"), Text(visible(_text(change.new)).strip(), "dim"))
            continue
        whole = change.kind != "changed"
        if change.old:
            table.add_row(Text("was", "yellow"), diff_text(_stripped(change.old), whole))
        if change.new:
            table.add_row(Text("now", "yellow"), diff_text(_stripped(change.new), whole))
        elif change.kind == "removed":
            table.add_row(Text("now", "yellow"), Text("(removed)", "dim"))
    return Group(_summary(changes), table)


def _summary(changes: list[SentenceChange]) -> Text:
    text = Text("Changed  ", "bold yellow")
    if rewritten(changes):
        text.append("rewritten as a whole: nothing of the old English is kept", "yellow")
        return text
    counts = Counter(change.kind for change in changes)
    said = ", ".join(f"{counts[kind]} {SAID[kind]}" for kind in SAID if counts[kind])
    noun = "sentence" if len(changes) == 1 else "sentences"
    text.append(f"{len(changes)} {noun}: {said}", "dim")
    return text


def _text(parts: tuple[DiffPart, ...]) -> str:
    return "".join(part.text for part in parts)


def _stripped(parts: tuple[DiffPart, ...]) -> tuple[DiffPart, ...]:
    """The parts without the space that ends the sentence (it would only show as a mark)."""
    if not parts:
        return parts
    last = parts[-1]
    trimmed = last.text.rstrip()
    return parts[:-1] + ((DiffPart(last.tag, trimmed),) if trimmed else ())
