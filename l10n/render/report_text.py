"""The coordinators' report for a terminal: coverage, articles, stale list, effort, trend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from l10n.coverage.history import TrendPoint
from l10n.coverage.report import Report, words_coverage

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30


def render_report_text(report: Report, reader: Sequence[str] = ()) -> str:
    """Plain text, one section after another (`reader`: the pages x languages section)."""
    sections = [
        [f"Translation report: {report.project}"],
        _coverage(report),
        list(reader),
        _articles(report),
        _stale(report),
        _effort(report),
        _trend(report),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"


def _coverage(report: Report) -> list[str]:
    lines = [
        "Coverage per language and kind (strings and words)",
        f"{'language':<9} {'kind':<8} {'strings':>7} {'coverage':>8} {'words':>6} "
        f"{'words done':>10} {'words left':>10}",
    ]
    for code, stats in report.stats.languages.items():
        rows = [("all", stats.counts), *((k, c) for k, c in stats.kinds.items() if c.total)]
        for index, (kind, counts) in enumerate(rows):
            lines.append(
                f"{code if index == 0 else '':<9} {kind:<8} {counts.total:>7} "
                f"{counts.coverage:>8.1%} {counts.words_total:>6} "
                f"{words_coverage(counts):>10.1%} {counts.words_todo:>10}"
            )
    return lines


def _articles(report: Report) -> list[str]:
    if not report.articles:
        return []
    codes = report.languages
    lines = [
        "Articles x languages (coverage of strings)",
        f"{'article':<44} {'date':<10} " + " ".join(f"{code:>5}" for code in codes),
    ]
    for row in report.articles:
        title = one_line(row.title, 44)
        cells = " ".join(f"{row.languages[code].coverage:>5.0%}" for code in codes)
        lines.append(f"{title:<44} {row.date or '':<10} {cells}")
    return lines


def _stale(report: Report) -> list[str]:
    lines = [f"Stale translations: {len(report.stale)}"]
    for item in report.stale:
        lines.append(
            f"{item.language:<4} {item.age(report.now):>16}  {item.path}:{item.line}  "
            f"{item.identity} "
            f'"{one_line(item.source, 50)}" (was "{one_line(item.previous_source, 50)}")'
        )
    return lines


def _effort(report: Report) -> list[str]:
    effort = report.effort()
    most = max((row["all"] for row in effort.values()), default=0) or 1
    lines = ["Effort: English words left to translate"]
    for code, row in effort.items():
        bar = "█" * round(BAR_WIDTH * row["all"] / most)
        kinds = ", ".join(f"{kind} {words}" for kind, words in row.items() if kind != "all")
        lines.append(f"{code:<4} {row['all']:>6}  {bar:<{BAR_WIDTH}}  ({kinds})")
    return lines


def _trend(report: Report) -> list[str]:
    if not report.trend:
        return ["Trend: no git history of the catalogs"]
    first, last = report.trend[0], report.trend[-1]
    lines = [f"Trend over {len(report.trend)} commits ({date_of(first)} to {date_of(last)})"]
    for code in report.languages:
        values = [point.coverage.get(code, 0.0) for point in report.trend]
        lines.append(f"{code:<4} {sparkline(values)}  {values[0]:.1%} -> {values[-1]:.1%}")
    return lines


def sparkline(values: list[float]) -> str:
    """Coverage values (0.0-1.0) as block characters."""
    return "".join(SPARKS[min(len(SPARKS) - 1, int(value * len(SPARKS)))] for value in values)


def date_of(point: TrendPoint) -> str:
    return dt.datetime.fromtimestamp(point.time, dt.UTC).date().isoformat()


def one_line(text: str, width: int) -> str:
    """Text on one line, shortened to `width` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
