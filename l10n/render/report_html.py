"""The report as one self-contained HTML page: inline CSS and SVG, no network at all.

Every string from the site or its catalogs goes through `html.escape`; a Content Security
Policy allows only the page's own sorting script (by hash), so even a string that escaped
escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from l10n.coverage.report import Report, words_coverage
from l10n.coverage.stats import Counts
from l10n.render.report_text import date_of, made_from, when

PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
SEGMENTS = (
    ("done", "#3c9a5f"),
    ("copies", "#e0b400"),
    ("needs review", "#4a7fd4"),
    ("stale", "#e8743b"),
    ("missing", "#d9d9d9"),
)

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;
margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid
#ddd;padding-bottom:4px}p.meta{color:#57606a;margin:0}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border:1px solid #e1e4e8;text-align:right;vertical-align:top}
th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap}
th.text,td.text{text-align:left}th[data-dir=asc]::after{content:" ▲"}
th[data-dir=desc]::after{content:" ▼"}td.heat{min-width:44px;text-align:center}
td.title{max-width:460px;text-align:left}.muted{color:#57606a}.legend span{margin-right:14px}
.swatch{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
code{font-size:13px;word-break:break-all}td.date{white-space:nowrap}
section.reader ol{margin:4px 0;padding-left:28px}section.reader li b{display:inline-block;
min-width:24px;font-size:12px}li.s-fallback b,li.s-copy b{color:#b26a00}
li.s-inconsistent b{color:#8e24aa}li.s-check b{color:#c62828}
"""

SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var dir = th.dataset.dir === "asc" ? -1 : 1;
    th.parentNode.querySelectorAll("th").forEach(function (o) { delete o.dataset.dir; });
    th.dataset.dir = dir === 1 ? "asc" : "desc";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.v || a.cells[index].textContent;
      var y = b.cells[index].dataset.v || b.cells[index].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      if (!isNaN(nx) && !isNaN(ny)) { return (nx - ny) * dir; }
      return x.localeCompare(y) * dir;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
document.body.dataset.sortable = "ready";
"""


def render_report_html(report: Report, reader: str = "") -> str:
    """The whole page (`reader`: the pages x languages section, after the articles')."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"
    title = f"Translation report: {report.project}"
    body = "\n".join(
        [
            f"<h1>{escape(title)}</h1>",
            f'<p class="meta">{len(report.languages)} languages, source '
            f"{escape(report.stats.source)}</p>",
            f'<p class="meta">{escape(made_from(report))}</p>',
            "<h2>Coverage per language</h2>",
            _bars(report),
            *(["<h2>Articles × languages</h2>", _heatmap(report)] if report.articles else []),
            reader,
            "<h2>Coverage per language and kind</h2>",
            _coverage_table(report),
            f"<h2>Stale translations ({len(report.stale)})</h2>",
            _stale(report),
            "<h2>Effort: English words left</h2>",
            _effort(report),
            "<h2>Trend</h2>",
            _trend(report),
            f"<h2>Who and when (last {report.activity.commits} commits of the catalogs)</h2>",
            _activity(report),
        ]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def heat_colour(coverage: float) -> str:
    """Red (nothing) through yellow to green (everything)."""
    return f"hsl({round(120 * coverage)}, 70%, {82 - round(10 * coverage)}%)"


def _bars(report: Report) -> str:
    width, height, label = 640, 22, 48
    rows = len(report.languages)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + label + 70}" '
        f'height="{rows * (height + 6)}" role="img" aria-label="coverage bars">'
    ]
    for index, (code, stats) in enumerate(report.stats.languages.items()):
        y = index * (height + 6)
        parts.append(f'<text x="0" y="{y + 16}" font-size="14">{escape(code)}</text>')
        x = float(label)
        for (name, colour), value in zip(SEGMENTS, _segments(stats.counts), strict=True):
            share = value / stats.counts.total if stats.counts.total else 0
            if share:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{share * width:.1f}" '
                    f'height="{height}" fill="{colour}"><title>{escape(code)} '
                    f"{name}: {value}</title></rect>"
                )
            x += share * width
        parts.append(
            f'<text x="{label + width + 8}" y="{y + 16}" font-size="14">'
            f"{stats.counts.coverage:.1%}</text>"
        )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i class="swatch" style="background:{colour}"></i>{name}</span>'
        for name, colour in SEGMENTS
    )
    return "".join(parts) + f'<p class="legend muted">{legend}</p>'


def _segments(counts: Counts) -> tuple[int, int, int, int, int]:
    return (
        counts.translated - counts.copies,
        counts.copies,
        counts.needs_review,
        counts.stale,
        counts.missing,
    )


def _coverage_table(report: Report) -> str:
    """Per language and kind, by state as `l10n status` shows it (conflicts when any)."""
    conflicts = bool(report.stats.conflicts)
    head = (
        "language",
        "kind",
        "strings",
        "done",
        "review",
        "stale",
        "missing",
        "copies",
        *(("conflicts",) if conflicts else ()),
        "coverage",
        "words",
        "words done",
        "words left",
    )
    rows = []
    for code, stats in report.stats.languages.items():
        for kind, counts in [("all", stats.counts), *stats.kinds.items()]:
            if not counts.total:
                continue
            states = (
                counts.total,
                counts.translated,
                counts.needs_review,
                counts.stale,
                counts.missing,
                counts.copies,
                *((counts.conflicts,) if conflicts else ()),
            )
            rows.append(
                [
                    _text(code),
                    _text(kind),
                    *(_num(value) for value in states),
                    _percent(counts.coverage),
                    _num(counts.words_total),
                    _percent(words_coverage(counts)),
                    _num(counts.words_todo),
                ]
            )
    return table_html(head, rows, text_columns=2)


def _heatmap(report: Report) -> str:
    head = ("article", "date", "words", *report.languages)
    rows = []
    for row in report.articles:
        cells = [
            f'<td class="title">{escape(row.title)}<br><code class="muted">'
            f"{escape(row.slug)}</code></td>",
            f'<td class="text date">{escape(row.date or "")}</td>',
            _num(row.words),
        ]
        for code in report.languages:
            counts = row.languages[code]
            cells.append(
                f'<td class="heat" data-v="{counts.coverage:.4f}" style="background:'
                f'{heat_colour(counts.coverage)}" title="{escape(code)}: '
                f'{counts.translated - counts.copies} of {counts.total} strings">'
                f"{counts.coverage:.0%}</td>"
            )
        rows.append(cells)
    return table_html(head, rows, text_columns=2)


def _stale(report: Report) -> str:
    if not report.stale:
        return '<p class="muted">No stale translations.</p>'
    head = ("language", "string", "English now", "English then", "stale for (days)", "where")
    rows = []
    for item in report.stale:
        days = item.days(report.now)
        rows.append(
            [
                _text(item.language),
                f'<td class="text"><code>{escape(item.identity)}</code></td>',
                _text(item.source),
                _text(item.previous_source),
                _num(days)
                if days is not None
                else f'<td data-v="-1">{escape(item.age(report.now))}</td>',
                _text(f"{item.path}:{item.line}"),
            ]
        )
    return table_html(head, rows, text_columns=6)


def _effort(report: Report) -> str:
    effort = report.effort()
    head = ("language", "words left", "menu", "ui", "article")
    rows = [
        [_text(code), *(_num(row.get(key, 0)) for key in ("all", "menu", "ui", "article"))]
        for code, row in effort.items()
    ]
    return table_html(head, rows, text_columns=1)


def _trend(report: Report) -> str:
    """Coverage per language at each commit: labelled axes, a line per language."""
    if len(report.trend) < 2:
        return (
            '<p class="muted">No trend yet: it needs at least two commits of the '
            f"catalogs in git (found {len(report.trend)}).</p>"
        )
    width, height, left, pad = 680, 220, 64, 28
    step = (width - left - pad) / (len(report.trend) - 1)
    scale = height - 2 * pad
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 56}" '
        'role="img" aria-label="coverage of strings per language at each commit">',
        f'<line x1="{left}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#999"/>',
        f'<line x1="{left}" y1="{pad}" x2="{left}" y2="{height - pad}" stroke="#999"/>',
        f'<text x="{left}" y="{height - 10}" font-size="12">{date_of(report.trend[0])}</text>',
        f'<text x="{width - pad}" y="{height - 10}" font-size="12" text-anchor="end">'
        f"{date_of(report.trend[-1])}</text>",
        f'<text x="{(left + width - pad) / 2:.0f}" y="{height + 6}" font-size="12" '
        f'text-anchor="middle">commit date ({len(report.trend)} commits)</text>',
        f'<text x="14" y="{height / 2:.0f}" font-size="12" text-anchor="middle" '
        f'transform="rotate(-90 14 {height / 2:.0f})">coverage (strings)</text>',
    ]
    for share in (0.0, 0.5, 1.0):
        y = height - pad - share * scale
        parts.append(
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - pad}" y2="{y:.1f}" '
            f'stroke="#eee"/><text x="{left - 8}" y="{y + 4:.1f}" font-size="12" '
            f'text-anchor="end">{share:.0%}</text>'
        )
    for index, code in enumerate(report.languages):
        points = " ".join(
            f"{left + i * step:.1f},{height - pad - point.coverage.get(code, 0.0) * scale:.1f}"
            for i, point in enumerate(report.trend)
        )
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
            f'points="{points}"><title>{escape(code)}</title></polyline>'
        )
        parts.append(
            f'<text x="{left + index * 56}" y="{height + 44}" font-size="13" '
            f'fill="{colour}">■ {escape(code)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _activity(report: Report) -> str:
    """Per language and person: strings translated (words), reviewed, suggested."""
    activity = report.activity
    if activity.source.commit is None:
        return f'<p class="muted">Not known: {escape(activity.source.problem)}.</p>'
    head = ("language", "last change", "who", "translated", "words", "reviewed", "suggested",
            "commits", "their last")  # fmt: skip
    rows = []
    for code, language in activity.languages.items():
        last = when(language.last_change) if language.last_change is not None else "never"
        last_cell = f'<td class="text date">{escape(last)}</td>'
        if not language.people:
            rows.append([_text(code), last_cell, _text("nobody in these commits"),
                         *(_num(0) for _ in range(5)), _text("")])  # fmt: skip
        for work in language.ranked():
            numbers = (work.translated, work.words, work.reviewed, work.suggested, work.commits)
            rows.append([_text(code), last_cell, _text(work.person),
                         *(_num(n) for n in numbers), _text(when(work.last))])  # fmt: skip
    return table_html(head, rows, text_columns=3)


def table_html(head: tuple[str, ...], rows: list[list[str]], text_columns: int) -> str:
    headers = "".join(
        f'<th class="{"text" if index < text_columns else "num"}">{escape(name)}</th>'
        for index, name in enumerate(head)
    )
    return sortable_table(headers, rows)


def sortable_table(headers: str, rows: list[list[str]], sortable: bool = True) -> str:
    """A table (`<th>` cells given) that the page's script sorts by a click on a header."""
    body = "\n".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
    return (
        f'<table class="{"sortable" if sortable else "plain"}"><thead><tr>{headers}</tr>'
        f"</thead>\n<tbody>\n{body}\n</tbody></table>"
    )


def _text(value: str) -> str:
    return f'<td class="text">{escape(value)}</td>'


def _num(value: int) -> str:
    return f'<td data-v="{value}">{value}</td>'


def _percent(value: float) -> str:
    return f'<td data-v="{value:.4f}">{value:.1%}</td>'
