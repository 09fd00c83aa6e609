"""The list of checks as plain text (`l10n checks --list`) and as a Markdown table (README)."""

from __future__ import annotations

from collections.abc import Sequence

from l10n.checks.base import Check
from l10n.checks.registry import CHECKS
from l10n.checks.settings import CheckSettings


def check_rows(
    checks: Sequence[Check] = CHECKS, settings: CheckSettings | None = None
) -> list[tuple[str, str, str, str]]:
    """(id, severity, name, description) per check; severity `off` when disabled."""
    settings = settings or CheckSettings()
    return [
        (
            c.id,
            settings.severity_of(c.id, c.severity) if settings.enabled(c.id) else "off",
            c.name,
            c.description,
        )
        for c in checks
    ]


def render_checks_text(
    checks: Sequence[Check] = CHECKS, settings: CheckSettings | None = None
) -> str:
    """Aligned columns: id, severity, name and description; one check a line."""
    rows = check_rows(checks, settings)
    width = max(len(row[0]) for row in rows)
    lines = [f"{cid:<{width}}  {sev:<7}  {name}: {text}" for cid, sev, name, text in rows]
    return "\n".join(lines) + "\n"


def render_checks_markdown(
    checks: Sequence[Check] = CHECKS, settings: CheckSettings | None = None
) -> str:
    """A Markdown table with the flag that silences each check for one entry."""
    lines = ["| Check | Severity | Name | Description | Ignore flag |", "|---|---|---|---|---|"]
    for cid, severity, name, text in check_rows(checks, settings):
        cells = (f"`{cid}`", severity, name, text, f"`ignore-{cid}`")
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
