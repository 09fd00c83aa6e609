"""A language's progress on one line: a bar, the counts per state, the words to do."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from l10n.queue.work import Tally


def bar(share: float, width: int = 20) -> Text:
    """A bar of `width` cells filled to `share` (0..1)."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def tally_line(language: str, tally: Tally, width: int = 20) -> Text:
    """`de ████░░ 12% · 3 missing · ... · 1,234 words to do` (states with 0 left out)."""
    parts = Text.assemble(
        (f" {language} ", "bold"),
        bar(tally.coverage, width),
        f" {tally.coverage:4.0%} ",
        (f"{tally.done}/{tally.total}", "bold"),
    )
    for state, count in tally.states.items():
        if count and state != "translated":
            parts.append(f" · {count} {state}")
    parts.append(f" · {tally.words_todo:,} words to do")
    return parts


class LanguageProgress(Static):
    """The progress header of the queue and the editor."""

    DEFAULT_CSS = "LanguageProgress { height: 1; background: $boost; }"

    def show(self, language: str, tally: Tally) -> None:
        self.update(tally_line(language, tally), layout=False)  # always one line high
