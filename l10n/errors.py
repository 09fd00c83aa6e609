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

    def location(self, relative: bool = False) -> str:
        """Return `path:line` (or `path`, or '') in compiler form.

        With `relative`, a path below the working directory is shown relative to it, as
        compilers do; the library itself always says the path it was given.
        """
        if self.path is None:
            return ""
        shown = _relative_to_cwd(self.path) if relative else str(self.path)
        return f"{shown}:{self.line}" if self.line is not None else shown

    def describe(self) -> str:
        """The message for a person at a terminal: relative location, then the problem."""
        where = self.location(relative=True)
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


def _relative_to_cwd(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class ConfigError(L10nError):
    """The configuration file is malformed or names something that does not exist."""


class SourceError(L10nError):
    """A content file (menu, interface strings, article, template) is malformed."""


class CatalogError(L10nError):
    """A gettext catalog is malformed or cannot be written."""


class WriteError(L10nError, OSError):
    """A file cannot be written (disk full, no permission); the old file is left whole.

    Also an OSError, which is what callers that write files already expect.
    """


class ProviderError(L10nError):
    """A machine-translation provider failed (network, refusal, quota, timeout)."""


class UsageError(L10nError):
    """The command line asks for something that cannot be done."""


class ConflictError(L10nError):
    """Someone else changed the same catalog entry since it was read."""
