"""`l10n tui [--lang L]`: the translator's terminal UI (Textual is imported only here, late)."""

from __future__ import annotations

import argparse

from l10n.cli.common import config_from
from l10n.errors import UsageError
from l10n.exitcodes import ExitCode


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("tui", help="translate in the terminal: queue and editor")
    parser.add_argument("--lang", metavar="L", help="open this language's queue directly")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    if args.lang is not None and args.lang not in config.languages:
        raise UsageError(
            f"unknown language '{args.lang}': the site has {', '.join(config.languages)}"
        )
    from tui.app import TranslatorApp  # Textual stays out of every other command
    from tui.machine import machine_from_config

    TranslatorApp(config, args.lang, machine_from_config(config)).run()
    return ExitCode.OK
