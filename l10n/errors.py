"""One error hierarchy for the core; the CLI renders it on stderr, the TUI as a notification."""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Base of every error the core raises on purpose; carries where the problem is."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def location(self) -> str:
        """Return `path:line` (or `path`, or '') in compiler form."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ConfigError(L10nError):
    """The configuration file is malformed or names something that does not exist."""


class SourceError(L10nError):
    """A content file (menu, interface strings, article, template) is malformed."""


class CatalogError(L10nError):
    """A gettext catalog is malformed or cannot be written."""


class ProviderError(L10nError):
    """A machine-translation provider failed (network, refusal, quota, timeout)."""


class UsageError(L10nError):
    """The command line asks for something that cannot be done."""


class ConflictError(L10nError):
    """Someone else changed the same catalog entry since it was read."""
