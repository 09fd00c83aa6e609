"""The installed distribution's version: `l10n --version`, SARIF's driver.version."""

from __future__ import annotations

DISTRIBUTION = "l10n-workflow"


def tool_version() -> str:
    """The version of the installed `l10n-workflow`, or `0+unknown` when run from a tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"
