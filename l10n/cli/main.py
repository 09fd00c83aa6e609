"""Entry point of the `l10n` command: parse, dispatch, render errors, return exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from l10n.cli import (
    check_cmd,
    checks_cmd,
    export_cmd,
    pretranslate_cmd,
    pseudo_cmd,
    report_cmd,
    status_cmd,
    sync_cmd,
    tui_cmd,
)
from l10n.errors import L10nError
from l10n.exitcodes import ExitCode

COMMANDS: tuple[ModuleType, ...] = (
    sync_cmd,
    status_cmd,
    check_cmd,
    checks_cmd,
    report_cmd,
    export_cmd,
    pretranslate_cmd,
    pseudo_cmd,
    tui_cmd,
)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 on usage errors (as it does) and says so plainly."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="l10n", description="Localisation workflow for a multilingual site.")
    parser.add_argument(
        "-c", "--config", metavar="PATH", help="the site's config.yaml (default: ./config.yaml)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except L10nError as error:
        print(f"l10n: error: {error.describe()}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("l10n: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
