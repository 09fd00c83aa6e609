"""Quality checks of translations: plain data in (`CheckUnit`), plain data out (`Finding`).

No catalog, polib or Textual here: the CLI and the TUI convert entries to units and render
findings. Every check is listed once, in `registry.CHECKS`.
"""

from l10n.checks.base import CatalogCheck, Check, CheckContext, CheckUnit, Finding, entry_unit
from l10n.checks.copy import CopyRule
from l10n.checks.listing import check_rows, render_checks_markdown, render_checks_text
from l10n.checks.registry import CHECK_IDS, CHECKS
from l10n.checks.runner import UnitChecker, check_unit, run_catalog_checks, run_checks
from l10n.checks.settings import (
    CheckSettings,
    adopted_domains,
    copy_rule,
    load_check_settings,
    settings_from_mapping,
)

__all__ = [
    "CHECKS",
    "CHECK_IDS",
    "CatalogCheck",
    "Check",
    "CheckContext",
    "CheckSettings",
    "CheckUnit",
    "CopyRule",
    "Finding",
    "UnitChecker",
    "adopted_domains",
    "check_rows",
    "check_unit",
    "copy_rule",
    "entry_unit",
    "load_check_settings",
    "render_checks_markdown",
    "render_checks_text",
    "run_catalog_checks",
    "run_checks",
    "settings_from_mapping",
]
