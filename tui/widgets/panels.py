"""What the editor shows around the text field, rendered as Rich Text (never as markup)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text

from l10n.diff import sentence_diff
from l10n.queue.work import QueueItem
from tui.checking import Problem
from tui.text import literal, one_line, visible
from tui.widgets.diff_view import sentences_view


@dataclass(frozen=True)
class Offer:
    """A numbered suggestion: where it comes from, its text, and a line about it."""

    origin: str
    text: str
    detail: Text | None = None


def english_text(item: QueueItem) -> Text:
    """The English (and its plural) to translate."""
    text = Text.assemble(("English  ", "bold"), literal(item.source))
    if item.plural:
        text.append("\nPlural   ", "bold")
        text.append(visible(item.plural))
    return text


def changes_text(old: str, new: str) -> Group:
    """For a stale unit: the English it was translated against and the English now,
    aligned sentence by sentence, changed phrases marked on both sides."""
    return sentences_view(sentence_diff(old, new))


def context_text(
    item: QueueItem, title: str | None, neighbours: tuple[QueueItem | None, QueueItem | None]
) -> Text:
    """Where the unit appears: article title, notes, references, neighbouring segments."""
    text = Text()
    if title:
        text.append("Article  ", "bold")
        text.append(visible(title) + "\n")
    for note in item.notes:
        text.append("Note     ", "bold")
        text.append(visible(note) + "\n")
    if item.references:
        text.append("Where    ", "bold")
        text.append(visible(", ".join(item.references)) + "\n", "dim")
    if item.kind == "article":
        for label, neighbour in zip(("Before   ", "After    "), neighbours, strict=True):
            if neighbour is not None:
                text.append(label, "bold dim")
                text.append(one_line(neighbour.source) + "\n", "dim")
    text.rstrip()
    return text


def offers_text(offers: list[Offer], loading: bool, machine: bool) -> tuple[Text, list[int | None]]:
    """The numbered suggestions (F8 inserts them, a click too), one line each, and for each
    line the number of the suggestion it shows (None: a line of no suggestion)."""
    text = Text("Suggestions", "bold", no_wrap=True, overflow="ellipsis")
    rows: list[int | None] = [None]
    if loading:
        text.append("  looking…", "dim")
    elif not offers:
        text.append("  none", "dim")
    elif offers:
        text.append("  f8: insert 1 (again: 2, 3 …) · click one", "dim")
    for number, offer in enumerate(offers, start=1):
        text.append(f"\n{number} ", "bold reverse")
        text.append(f" {offer.origin:<8} ", "bold")
        text.append(one_line(offer.text))
        rows.append(number)
        if offer.detail is not None:
            text.append("\n           ")
            text.append_text(offer.detail)
            rows.append(number)
    if not loading and machine:
        text.append("\n  ctrl+g: machine translation", "dim")
        rows.append(None)
    return text, rows


SPAN_CONTEXT = 24


def problems_text(problems: list[Problem]) -> Text:
    """Check findings on the translation being typed, each with its offending span marked."""
    text = Text()
    for problem in problems:
        style = "bold red" if problem.severity == "error" else "bold yellow"
        text.append(f"⚠ {problem.check_id}: ", style)
        text.append(visible(problem.message) + "\n")
        whole = (problem.start, problem.end) == (0, len(problem.text))  # says nothing more
        if problem.start is not None and problem.end is not None and problem.text and not whole:
            text.append("    ")
            text.append_text(span_excerpt(problem.text, problem.start, problem.end, style))
            text.append("\n")
    text.rstrip()
    return text


def span_excerpt(target: str, start: int, end: int, style: str) -> Text:
    """The part of the translation around [start, end), the span itself highlighted."""
    first, last = max(0, start - SPAN_CONTEXT), min(len(target), end + SPAN_CONTEXT)
    excerpt = Text("…" if first else "", "dim")
    excerpt.append(visible(target[first:start]))
    excerpt.append(visible(target[start:end]) or "␣", f"reverse {style}")
    excerpt.append(visible(target[end:last]))
    excerpt.append("…" if last < len(target) else "", "dim")
    return excerpt
