"""The report as Markdown, sized for a pull-request comment (long lists folded and capped)."""

from __future__ import annotations

from l10n.coverage.report import Report, words_coverage
from l10n.render.report_text import date_of, made_from, one_line, sparkline, when

MAX_STALE_ROWS = 20


def render_report_markdown(report: Report, reader: str = "") -> str:
    """Headline table open, details folded (`reader`: the pages x languages section)."""
    parts = [
        f"## Translation report: {cell(report.project)}",
        f"_{cell(made_from(report))}_",
        _coverage(report),
    ]
    if reader:
        parts.append(reader)
    if report.articles:
        parts.append(
            folded(f"Articles × languages ({len(report.articles)} articles)", _articles(report))
        )
    parts.append(
        folded(f"Stale translations ({len(report.stale)})", _stale(report))
        if report.stale
        else "No stale translations."
    )
    if report.trend:
        parts.append(_trend(report))
    parts.append(_activity(report))
    return "\n\n".join(parts) + "\n"


def _coverage(report: Report) -> str:
    kinds = [
        kind
        for kind in ("menu", "ui", "article")
        if any(s.kinds[kind].total for s in report.stats.languages.values())
    ]
    conflicts = ["Conflicts"] if report.stats.conflicts else []  # as status: when any
    head = ["Language", "Coverage", *kinds, *conflicts, "Words done", "Words left"]
    rows = [head, ["---", *(["---:"] * (len(head) - 1))]]
    for code, stats in report.stats.languages.items():
        rows.append(
            [
                f"**{code}**",
                f"{stats.counts.coverage:.1%}",
                *(f"{stats.kinds[kind].coverage:.0%}" for kind in kinds),
                *(str(stats.counts.conflicts) for _ in conflicts),
                f"{words_coverage(stats.counts):.1%}",
                str(stats.counts.words_todo),
            ]
        )
    return table_markdown(rows)


def _articles(report: Report) -> str:
    codes = report.languages
    rows = [["Article", "Date", *codes], ["---", "---", *(["---:"] * len(codes))]]
    for row in report.articles:
        rows.append(
            [
                cell(one_line(row.title, 60)),
                row.date or "",
                *(f"{row.languages[code].coverage:.0%}" for code in codes),
            ]
        )
    return table_markdown(rows)


def _stale(report: Report) -> str:
    rows = [["Language", "String", "English now", "Stale for"], ["---", "---", "---", "---:"]]
    for item in report.stale[:MAX_STALE_ROWS]:
        rows.append(
            [
                item.language,
                f"`{code_span(item.identity)}`",
                cell(one_line(item.source, 60)),
                item.age(report.now),
            ]
        )
    more = len(report.stale) - MAX_STALE_ROWS
    return table_markdown(rows) + (
        f"\n\n…and {more} more (`l10n report` lists them all)" if more > 0 else ""
    )


def _activity(report: Report) -> str:
    """Who translated and reviewed what, folded; 'not known' without git."""
    activity = report.activity
    if activity.source.commit is None:
        return f"Who and when: not known ({cell(activity.source.problem)})."
    rows = [
        ["Language", "Last change", "Who", "Translated", "Words", "Reviewed", "Suggested"],
        ["---", "---", "---", "---:", "---:", "---:", "---:"],
    ]
    for code, language in activity.languages.items():
        last = when(language.last_change) if language.last_change is not None else "never"
        people = language.ranked()
        if not people:
            rows.append([f"**{code}**", last, "–", "0", "0", "0", "0"])
        for index, work in enumerate(people):
            rows.append(
                [
                    f"**{code}**" if index == 0 else "",
                    last if index == 0 else "",
                    cell(work.person),
                    *(str(n) for n in (work.translated, work.words, work.reviewed, work.suggested)),
                ]
            )
    return folded(f"Who and when (last {activity.commits} commits)", table_markdown(rows))


def _trend(report: Report) -> str:
    rows = [
        [
            "Language",
            f"Coverage at each commit, {date_of(report.trend[0])} → "
            f"{date_of(report.trend[-1])} (▁ 0% … █ 100%)",
            "Then",
            "Now",
        ],
        ["---", "---", "---:", "---:"],
    ]
    for code in report.languages:
        values = [point.coverage.get(code, 0.0) for point in report.trend]
        rows.append([code, sparkline(values), f"{values[0]:.1%}", f"{values[-1]:.1%}"])
    return table_markdown(rows)


def folded(summary: str, body: str) -> str:
    return f"<details><summary>{cell(summary)}</summary>\n\n{body}\n\n</details>"


def table_markdown(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def cell(text: str) -> str:
    """Catalog text made inert in a Markdown table cell (no HTML, no column breaks)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\|*_`[]":
        escaped = escaped.replace(char, "\\" + char)
    return " ".join(escaped.split())


def code_span(text: str) -> str:
    return text.replace("`", "'").replace("|", "\\|")
