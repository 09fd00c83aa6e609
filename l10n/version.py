"""The tool's version: `l10n --version`, SARIF's driver.version, and the distribution's own
(pyproject.toml reads it from here), so showing it needs no package metadata
(importlib.metadata was a third of `l10n --version`)."""

from __future__ import annotations

VERSION = "0.1.0"


def tool_version() -> str:
    """The version of `l10n-workflow`."""
    return VERSION
