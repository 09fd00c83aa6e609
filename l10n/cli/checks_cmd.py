"""`l10n checks --list`: the quality checks, generated from the registry."""

from __future__ import annotations

import argparse

from l10n.checks import load_check_settings, render_checks_markdown, render_checks_text
from l10n.cli.common import config_from, emit
from l10n.exitcodes import ExitCode


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("checks", help="list the quality checks and their settings")
    parser.add_argument(
        "--list",
        action="store_true",
        required=True,
        help="list every check with its id, severity and description",
    )
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_check_settings(config_from(args))
    render = render_checks_markdown if args.format == "markdown" else render_checks_text
    emit(render(settings=settings), None)
    return ExitCode.OK
