"""A language's progress on one line: a bar, the counts per state, the words to do."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from l10n.coverage.stats import Counts


def bar(share: float, width: int = 20) -> Text:
    """A bar of `width` cells filled to `share` (0..1)."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


# The states the header names besides `done`, as the queue's badges call them.
HEADER_STATES = (("missing", "missing"), ("stale", "stale"), ("needs_review", "needs-review"))


def counts_line(language: str, counts: Counts, width: int = 20) -> Text:
    """`de ████░░ 12% · 3 missing · ... · 1,234 words to do` (states with 0 left out)."""
    parts = Text.assemble(
        (f" {language} ", "bold"),
        bar(counts.coverage, width),
        f" {counts.coverage:4.0%} ",
        (f"{counts.done}/{counts.total}", "bold"),
    )
    named = [(getattr(counts, name), badge) for name, badge in HEADER_STATES]
    for count, badge in [*named, (counts.copies, "copy"), (counts.conflicts, "conflict")]:
        if count:
            parts.append(f" · {count} {badge}")
    parts.append(f" · {counts.words_todo:,} words to do")
    return parts


class LanguageProgress(Static):
    """The progress header of the queue and the editor."""

    DEFAULT_CSS = "LanguageProgress { height: 1; background: $boost; }"

    def show(self, language: str, counts: Counts) -> None:
        self.update(counts_line(language, counts), layout=False)  # always one line high
