"""The status table for a terminal."""

from __future__ import annotations

from l10n.coverage.stats import Counts, SiteStats

COLUMNS = ("total", "translated", "needs_review", "stale", "missing", "copies", "words_todo")
HEADINGS = ("units", "done", "review", "stale", "missing", "copies", "words to do")
# Shown only when some unit is in it: units a merge translated two ways (among review/stale).
CONFLICTS = ("conflicts", "conflicts")


def render_status(stats: SiteStats) -> str:
    """One block per language: a line in all and one per kind, with coverage."""
    columns, headings = list(COLUMNS), list(HEADINGS)
    if stats.conflicts:
        columns.insert(-1, CONFLICTS[0])
        headings.insert(-1, CONFLICTS[1])
    widths = [max(len(heading), 7) for heading in headings]
    named = max([10, *map(len, stats.languages)])  # `ca@valencia`, `zh_TW.Big5` fit too
    head = f"{'language':<{named}} {'kind':<8} " + " ".join(
        f"{heading:>{width}}" for heading, width in zip(headings, widths, strict=True)
    )
    lines = [head + "  coverage", "-" * (len(head) + 10)]
    for code, language in stats.languages.items():
        lines.append(_row(code.ljust(named), "all", language.counts, columns, widths))
        lines.extend(
            _row(" " * named, kind, counts, columns, widths)
            for kind, counts in language.kinds.items()
            if counts.total
        )
    return "\n".join(lines) + "\n"


def _row(language: str, kind: str, counts: Counts, columns: list[str], widths: list[int]) -> str:
    cells = " ".join(
        f"{getattr(counts, column):>{width}}" for column, width in zip(columns, widths, strict=True)
    )
    return f"{language} {kind:<8} {cells}  {counts.coverage:>7.1%}"
