"""The report's pages x languages section: text, Markdown, JSON and HTML.

Every figure is a previewed page's own (`Page.coverage`, `Page.leftovers`): the report shows
what `l10n preview` shows. The header's and footer's leftovers are the same on every page of
a language, so JSON and HTML list them once per language (`frame`) and each page's own after
them; text and Markdown give the figures and name the worst pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from l10n.coverage.report import Report
from l10n.preview.page import Item, Page
from l10n.preview.table import ReaderTable, own_leftovers
from l10n.render.preview import MARKS, item_json, page_json
from l10n.render.report_html import heat_colour, render_report_html, sortable_table
from l10n.render.report_markdown import cell, folded, render_report_markdown, table_markdown
from l10n.render.report_text import one_line, render_report_text

TITLE = "What a reader sees: the share of each page's words in the language"
HOW = "The strings behind each figure: `l10n preview --lang L PAGE`."


def report_text(report: Report, table: ReaderTable) -> str:
    return render_report_text(report, reader_text(table))


def report_markdown(report: Report, table: ReaderTable) -> str:
    return render_report_markdown(report, reader_markdown(table))


def report_json(report: Report, table: ReaderTable) -> str:
    """`status --format json`, the report's sections and the pages x languages table."""
    document = {**report.as_json(), "reader": reader_json(table)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def report_html(report: Report, table: ReaderTable) -> str:
    return render_report_html(report, reader_html(table))


RENDERERS: dict[str, Callable[[Report, ReaderTable], str]] = {
    "text": report_text,
    "markdown": report_markdown,
    "json": report_json,
    "html": report_html,
}


def _figure(page: Page) -> str:
    """The share in the language, and how many strings are left to fix."""
    return f"{page.coverage:>4.0%} {len(page.leftovers):>3}"


def reader_text(table: ReaderTable) -> list[str]:
    """The table (share, strings to fix) and the worst page of each language."""
    if not table.rows:
        return []
    codes = table.languages
    lines = [
        TITLE,
        "(each language: the share, then the strings left to fix)",
        f"{'page':<36} " + " ".join(f"{code:>8}" for code in codes) + "  complete in",
    ]
    for row in table.rows:
        cells = " ".join(f"{_figure(row.languages[code]):>8}" for code in codes)
        lines.append(f"{one_line(row.title, 36):<36} {cells}  {', '.join(row.complete_in) or '-'}")
    lines.append("Worst page per language:")
    for code in codes:
        worst = table.worst(code)
        if worst is not None:
            page = worst.languages[code]
            lines.append(
                f"  {code:<4} {page.coverage:>4.0%}  {one_line(worst.title, 60)} "
                f"({len(page.leftovers)} strings to fix)"
            )
    lines.append(HOW.replace("`", ""))
    return lines


def reader_markdown(table: ReaderTable) -> str:
    """The worst page of each language open, the whole table folded."""
    if not table.rows:
        return ""
    worst = [
        ["Language", "Worst page", "In the language", "To fix", "Complete pages"],
        ["---", "---", "---:", "---:", "---:"],
    ]
    for code in table.languages:
        row = table.worst(code)
        if row is None:
            continue
        page = row.languages[code]
        worst.append(
            [
                f"**{code}**",
                cell(one_line(row.title, 60)),
                f"{page.coverage:.0%}",
                str(len(page.leftovers)),
                f"{len(table.complete(code))} of {len(table.rows)}",
            ]
        )
    matrix = [
        ["Page", *table.languages, "Complete in"],
        ["---", *(["---:"] * len(table.languages)), "---"],
    ]
    for row in table.rows:
        matrix.append(
            [
                cell(one_line(row.title, 50)),
                *(f"{row.languages[code].coverage:.0%}" for code in table.languages),
                ", ".join(row.complete_in) or "–",
            ]
        )
    return "\n\n".join(
        [
            f"### {TITLE}",
            table_markdown(worst),
            folded(f"Pages × languages ({len(table.rows)} pages)", table_markdown(matrix)),
            HOW,
        ]
    )


def reader_json(table: ReaderTable) -> dict[str, object]:
    """Each page's figures as `preview --format json` gives them; leftovers listed."""
    pages = []
    for row in table.rows:
        languages: dict[str, object] = {}
        for code, page in row.languages.items():
            figures = {key: value for key, value in page_json(page).items() if key != "items"}
            figures.pop("page"), figures.pop("language")
            languages[code] = {
                **figures,
                "leftovers": len(page.leftovers),
                "complete": not page.leftovers,
                "items": [item_json(item) for item in own_leftovers(page)],
            }
        pages.append(
            {
                "page": row.name,
                "kind": row.kind,
                "title": row.title,
                "complete_in": row.complete_in,
                "languages": languages,
            }
        )
    return {
        "languages": table.languages,
        "frame": {
            code: [item_json(item) for item in table.frame(code)] for code in table.languages
        },
        "pages": pages,
    }


def reader_html(table: ReaderTable) -> str:
    """The table, each language and page linking to its list; then the lists, folded."""
    if not table.rows:
        return ""
    head = "".join(
        [
            '<th class="text">page</th>',
            *(
                f'<th><a href="#reader-{index}">{escape(code)}</a></th>'
                for index, code in enumerate(table.languages)
            ),
            '<th class="text">complete in</th>',
        ]
    )
    rows = []
    for number, row in enumerate(table.rows):
        cells = [
            f'<td class="title"><a href="#page-{number}">{escape(row.title)}</a><br>'
            f'<code class="muted">{escape(row.name)}</code></td>'
        ]
        for index, code in enumerate(table.languages):
            page = row.languages[code]
            cells.append(
                f'<td class="heat" data-v="{page.coverage:.4f}" style="background:'
                f'{heat_colour(page.coverage)}"><a href="#left-{number}-{index}" '
                f'title="{escape(code)}: {len(page.leftovers)} strings to fix">'
                f"{page.coverage:.0%}</a></td>"
            )
        cells.append(f'<td class="text">{escape(", ".join(row.complete_in))}</td>')
        rows.append(cells)
    return "\n".join(
        [
            f"<h2>{escape(TITLE)}</h2>",
            f'<p class="muted">{escape(HOW.replace("`", ""))} A figure links to its list, a '
            "language to its pages, a page to its languages.</p>",
            sortable_table(head, rows, sortable=False),
            *(_language_html(table, index, code) for index, code in enumerate(table.languages)),
            *(_page_html(table, number) for number in range(len(table.rows))),
        ]
    )


def _language_html(table: ReaderTable, index: int, code: str) -> str:
    """A language: its pages (each linking to its list) and the frame's leftovers."""
    links = ", ".join(
        f'<a href="#left-{number}-{index}">{escape(row.title)}</a> '
        f"{row.languages[code].coverage:.0%}"
        for number, row in enumerate(table.rows)
    )
    frame = table.frame(code)
    complete = [row.title for row in table.complete(code)]
    return (
        f'<section class="reader" id="reader-{index}"><h3>{escape(code)}</h3>'
        f"<p>Pages: {links}</p>"
        f"<p>Complete in {escape(code)}: {escape(', '.join(complete)) or 'no page yet'}.</p>"
        f"<details><summary>Header and footer, on every page: {len(frame)} strings to fix"
        f"</summary>{_items(frame, f'frame-{index}')}</details></section>"
    )


def _page_html(table: ReaderTable, number: int) -> str:
    """A page: one folded list per language (a link to the list opens it)."""
    row = table.rows[number]
    parts = [
        f'<section class="reader" id="page-{number}"><h3>{escape(row.title)}</h3>'
        f"<p>Complete in: {escape(', '.join(row.complete_in)) or 'no language yet'}.</p>"
    ]
    for index, code in enumerate(table.languages):
        page = row.languages[code]
        own = own_leftovers(page)
        frame = len(page.leftovers) - len(own)
        parts.append(
            f"<details><summary>{escape(code)}: {page.coverage:.0%} of "
            f"{page.words} words in {escape(code)}, {len(page.leftovers)} strings to fix"
            f"</summary>{_items(own, f'left-{number}-{index}')}"
            f'<p class="muted">and {frame} in the <a href="#frame-{index}">header and '
            f"footer</a>.</p></details>"
        )
    parts.append("</section>")
    return "".join(parts)


def _items(items: list[Item], anchor: str) -> str:
    rows = "".join(
        f'<li class="s-{item.state}"><b>{escape(MARKS[item.state].strip() or "·")}</b> '
        f'{escape(item.text)} <span class="muted">{escape(item.path)}:{item.line}'
        f"{'; ' + escape(item.reason) if item.reason else ''}</span></li>"
        for item in items
    )
    return f'<ol id="{anchor}">{rows}</ol>'
