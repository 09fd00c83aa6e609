"""The status table for a terminal."""

from __future__ import annotations

from l10n.coverage.stats import Counts, SiteStats

COLUMNS = ("total", "translated", "needs_review", "stale", "missing", "copies", "words_todo")
HEADINGS = ("units", "done", "review", "stale", "missing", "copies", "words to do")


def render_status(stats: SiteStats) -> str:
    """One block per language: a line in all and one per kind, with coverage."""
    widths = [max(len(heading), 7) for heading in HEADINGS]
    head = f"{'language':<10} {'kind':<8} " + " ".join(
        f"{heading:>{width}}" for heading, width in zip(HEADINGS, widths, strict=True)
    )
    lines = [head + "  coverage", "-" * (len(head) + 10)]
    for code, language in stats.languages.items():
        lines.append(_row(code, "all", language.counts, widths))
        lines.extend(
            _row("", kind, counts, widths)
            for kind, counts in language.kinds.items()
            if counts.total
        )
    return "\n".join(lines) + "\n"


def _row(language: str, kind: str, counts: Counts, widths: list[int]) -> str:
    cells = " ".join(
        f"{getattr(counts, column):>{width}}" for column, width in zip(COLUMNS, widths, strict=True)
    )
    return f"{language:<10} {kind:<8} {cells}  {counts.coverage:>7.1%}"
