"""Quality checks of translations: plain data in (`CheckUnit`), plain data out (`Finding`).

No catalog, polib or Textual here: the CLI and the TUI convert entries to units and render
findings. Every check is listed once, in `registry.CHECKS`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

# Where each name lives: a name is imported from its module when first asked for, so that
# importing one module of the room (the copy rule, for `l10n status`) does not import every
# check.
_HOMES = {
    "CatalogCheck": "base",
    "Check": "base",
    "CheckContext": "base",
    "CheckUnit": "base",
    "Finding": "base",
    "entry_unit": "base",
    "CopyRule": "copy",
    "check_rows": "listing",
    "render_checks_markdown": "listing",
    "render_checks_text": "listing",
    "CHECK_IDS": "registry",
    "CHECKS": "registry",
    "UnitChecker": "runner",
    "check_unit": "runner",
    "run_catalog_checks": "runner",
    "run_checks": "runner",
    "CheckSettings": "settings",
    "adopted_domains": "settings",
    "copy_rule": "settings",
    "load_check_settings": "settings",
    "settings_from_mapping": "settings",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
