"""A previewed page as text (terminal), JSON (identities, states, file:line) or HTML.

Text from catalogs is data: control characters are shown as `\\xNN` in text, escaped in
HTML (whose Content-Security-Policy runs no script at all), and plain strings in JSON.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from l10n.preview.page import Item, Page
from l10n.render.controls import escape_controls

# Marks that stay readable without colour (a pipe, NO_COLOR, a printed page).
MARKS = {
    "translated": "  ",
    "fallback": "EN",
    "copy": "=E",
    "inconsistent": "≠ ",
    "check": "! ",
}
LEGEND = (
    "EN English fallback (missing, or stale / needs review and left out)   =E a copy of "
    "the English   ≠ another label for the same English   ! a check fails"
)
REGIONS = {
    "header": "Header",
    "breadcrumb": "Breadcrumb",
    "article": "Article",
    "related": "Related news",
    "newsroom": "Newsroom",
    "footer": "Footer",
}
# A page with no words to read (`Page.readable`): an adopted project's home and newsroom.
NO_WORDS = "no words to read on this page (the project has no content files for it)"
_COLOURS = {"fallback": "\x1b[33m", "copy": "\x1b[33m", "inconsistent": "\x1b[35m",
            "check": "\x1b[31m"}  # fmt: skip


def render_text(pages: Sequence[Page], colour: bool = False) -> str:
    lines: list[str] = []
    for page in pages:
        lines.append(f"{page.name} ({page.language}): {_share(page)}")
        region = ""
        for item in page.items:
            if item.region != region:
                region = item.region
                lines.append(f"  {REGIONS.get(region, region)}")
            text = escape_controls(item.text).replace("\n", " ")
            if len(text) > 90:
                text = text[:87] + "..."
            mark = MARKS[item.state]
            if colour and item.state in _COLOURS:
                mark = f"{_COLOURS[item.state]}{mark}\x1b[0m"
            where = f"  ({item.path}:{item.line}{'; ' + item.reason if item.reason else ''})"
            lines.append(f"    {mark} {text}" + (where if item.state != "translated" else ""))
        lines.append("")
    lines.append(LEGEND)
    return "\n".join(lines) + "\n"


def _share(page: Page) -> str:
    """What share of the page is in its language, or that it has no words to read."""
    if not page.readable:
        return NO_WORDS
    return (
        f"{page.coverage:.0%} of the words a reader sees are in {page.language}; "
        f"{len(page.leftovers)} strings to fix"
    )


def item_json(item: Item) -> dict[str, object]:
    return {
        "region": item.region,
        "domain": item.domain,
        "identity": item.identity,
        "source": item.source,
        "text": item.text,
        "state": item.state,
        "reason": item.reason or None,
        "path": item.path,
        "line": item.line or None,
        "words": item.words,
    }


def page_json(page: Page) -> dict[str, object]:
    return {
        "page": page.name,
        "language": page.language,
        "words": page.words,
        "words_in_language": page.words_in_language,
        "coverage": round(100 * page.coverage, 1) if page.readable else None,
        "items": [item_json(item) for item in page.items],
    }


def render_json(pages: Sequence[Page]) -> str:
    document: object = page_json(pages[0]) if len(pages) == 1 else [page_json(p) for p in pages]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;color:#222}
section{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.8rem 0}
h2{font-size:.8rem;text-transform:uppercase;color:#777;margin:.2rem 0}
.header span,.footer span,.breadcrumb span{display:inline-block;margin:.1rem .8rem .1rem 0}
.s-fallback{background:#fff3b0;outline:2px solid #e0b000}
.s-copy{background:#ffe0b2;outline:2px dashed #e08000}
.s-inconsistent{background:#f3d9ff;outline:2px solid #9c27b0}
.s-check{background:#ffd6d6;outline:2px solid #d32f2f}
mark.tag{font-size:.7rem;background:#333;color:#fff;border-radius:3px;padding:0 .3rem;
margin-left:.3rem}
.legend span{margin-right:1rem}
"""


def render_html(page: Page) -> str:
    """One self-contained page shaped like the site, the leftovers highlighted."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="' + html.escape(page.language) + '"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{html.escape(page.name)} ({html.escape(page.language)}) – l10n preview</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(page.name)} <small>({html.escape(page.language)}: "
        + (
            f"{page.coverage:.0%} of the words in {html.escape(page.language)}"
            if page.readable
            else NO_WORDS
        )
        + ")</small></h1>",
        '<p class="legend">'
        + "".join(
            f'<span class="s-{state}">{html.escape(state)}</span>'
            for state in ("fallback", "copy", "inconsistent", "check")
        )
        + "</p>",
    ]
    region = ""
    for item in page.items:
        if item.region != region:
            if region:
                parts.append("</section>")
            region = item.region
            parts.append(
                f'<section class="{html.escape(region)}"><h2>'
                f"{html.escape(REGIONS.get(region, region))}</h2>"
            )
        tag = "span" if item.region in ("header", "footer", "breadcrumb") else "p"
        title = f"{item.state}: {item.path}:{item.line}" + (
            f" ({item.reason})" if item.reason else ""
        )
        badge = (
            f'<mark class="tag">{html.escape(item.state)}</mark>'
            if item.state != "translated"
            else ""
        )
        parts.append(
            f'<{tag} class="s-{item.state}" title="{html.escape(title)}" '
            f'data-identity="{html.escape(item.identity)}">{html.escape(item.text)}{badge}</{tag}>'
        )
    if region:
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
