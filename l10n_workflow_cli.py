"""The `l10n` console script: checks that `l10n` and `tui` are this tool's, then runs it.

The distribution installs the import packages `l10n` and `tui`. Another distribution on
the package index installs a package named `l10n` too; installed after this tool, it
replaces ours, and `l10n` would die with an import error. This module has a name nobody
else uses, so the command can say what happened and how to fix it instead.
"""

from __future__ import annotations

import sys

DISTRIBUTION = "l10n-workflow"


def _foreign(name: str) -> str | None:
    """Where a package `name` that is not this tool's comes from, or None if it is ours."""
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError:
        return "(missing)"
    if getattr(module, "DISTRIBUTION", None) == DISTRIBUTION:
        return None
    return str(getattr(module, "__file__", None) or list(getattr(module, "__path__", [])))


def main() -> int:
    for name in ("l10n", "tui"):
        where = _foreign(name)
        if where is not None:
            print(
                f"l10n: the Python package '{name}' here is not {DISTRIBUTION}'s "
                f"(it is {where}): another distribution installed a package of the same "
                f"name over it. Install {DISTRIBUTION} in a virtual environment of its own "
                f"(python3 -m venv .venv && .venv/bin/pip install {DISTRIBUTION}), or "
                f"reinstall it: pip install --force-reinstall {DISTRIBUTION}",
                file=sys.stderr,
            )
            return 2
    from l10n.cli.main import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
