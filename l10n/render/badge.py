"""A coverage badge for a README: `l10n report --format badge --lang L`.

The shape and colours of the badges people know from shields.io and Weblate: a grey label
("translated ro") and the coverage in a colour from red to bright green. The number is the
report's coverage of the language (units translated, accepted by a person and not a copy).
"""

from __future__ import annotations

import html

from l10n.coverage.report import Report

# (lowest coverage in percent, colour): shields.io's named colours, as Weblate uses them
COLOURS = ((90, "#4c1"), (75, "#97ca00"), (50, "#dfb317"), (25, "#fe7d37"), (0, "#e05d44"))
_CHAR_WIDTH = 7  # Verdana 11 px, on average: shields' badges are laid out the same way


def badge_colour(percent: float) -> str:
    return next(colour for lowest, colour in COLOURS if percent >= lowest)


def badge_percent(report: Report, language: str) -> int:
    """The report's coverage of the language, rounded to a whole percent as the report rounds
    it (45.0 % in the report is 45 % on the badge)."""
    return round(100 * report.stats.languages[language].counts.coverage)


def render_badge(report: Report, language: str) -> str:
    percent = badge_percent(report, language)
    label, value = f"translated {language}", f"{percent}%"
    left = 10 + _CHAR_WIDTH * len(label)
    right = 10 + _CHAR_WIDTH * len(value)
    width = left + right
    title = html.escape(f"{label}: {value}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{badge_colour(percent)}"/>'
        f'<rect width="{width}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,'
        'sans-serif" font-size="11">'
        f'<text x="{left / 2}" y="14">{html.escape(label)}</text>'
        f'<text x="{left + right / 2}" y="14">{html.escape(value)}</text></g></svg>\n'
    )
