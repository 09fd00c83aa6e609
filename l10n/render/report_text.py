"""The coordinators' report for a terminal: coverage, articles, stale list, effort, trend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from l10n.coverage.history import TrendPoint
from l10n.coverage.report import Report, words_coverage
from l10n.render.controls import escape_controls

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30


def render_report_text(report: Report, reader: Sequence[str] = ()) -> str:
    """Plain text, one section after another (`reader`: the pages x languages section)."""
    sections = [
        [f"Translation report: {report.project}", made_from(report)],
        _coverage(report),
        list(reader),
        _articles(report),
        _stale(report),
        _effort(report),
        _trend(report),
        _activity(report),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"


def _coverage(report: Report) -> list[str]:
    conflicts = bool(report.stats.conflicts)  # shown when there are any, as status does
    named = max([9, *map(len, report.stats.languages)])  # `ca@valencia` fits too
    lines = [
        "Coverage per language and kind (strings and words)",
        f"{'language':<{named}} {'kind':<8} {'strings':>7} {'coverage':>8} "
        + (f"{'conflicts':>9} " if conflicts else "")
        + f"{'words':>6} {'words done':>10} {'words left':>10}",
    ]
    for code, stats in report.stats.languages.items():
        rows = [("all", stats.counts), *((k, c) for k, c in stats.kinds.items() if c.total)]
        for index, (kind, counts) in enumerate(rows):
            lines.append(
                f"{code if index == 0 else '':<{named}} {kind:<8} {counts.total:>7} "
                f"{counts.coverage:>8.1%} "
                + (f"{counts.conflicts:>9} " if conflicts else "")
                + f"{counts.words_total:>6} "
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


def made_from(report: Report) -> str:
    """The commit (and its time) the report was made from, or why there is none."""
    source = report.activity.source
    if source.commit is None or source.time is None:
        return f"Made from files not in a commit ({source.problem})"
    changes = ", with uncommitted changes" if source.changed else ""
    return f"Made from commit {source.commit[:10]} of {when(source.time)}{changes}"


def _activity(report: Report) -> list[str]:
    activity = report.activity
    if activity.source.commit is None:
        return [f"Who and when: not known ({activity.source.problem})"]
    lines = [f"Who and when, in the catalogs' last {counted(activity.commits, 'commit')}"]
    for code, language in activity.languages.items():
        last = (
            f"last change {when(language.last_change)} ({language.last_commit})"
            if language.last_change is not None
            else "never committed"
        )
        people = language.ranked()
        lines.append(f"{code:<4} {last}" + ("" if people else "; nobody in these commits"))
        for work in people:
            lines.append(
                f"     {one_line(work.person, 50)}: {work.translated} translated ({work.words} "
                f"words), {work.reviewed} reviewed, {work.suggested} suggested; "
                f"{counted(work.commits, 'commit')}, the last {when(work.last)}"
            )
    return lines


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def when(seconds: int) -> str:
    """A commit's time, in UTC to the minute."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _trend(report: Report) -> list[str]:
    if not report.trend:
        return ["Trend: no git history of the catalogs"]
    first, last = report.trend[0], report.trend[-1]
    lines = [
        f"Trend over {counted(len(report.trend), 'commit')} ({date_of(first)} to {date_of(last)}): "
        "coverage of strings at each commit, oldest left, ▁ 0% to █ 100%"
    ]
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
    """Text on one line (control characters visible), shortened to `width` characters."""
    flat = escape_controls(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"
