"""Helpers shared by the commands: loading the config, writing output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from l10n.config import Config, find_config
from l10n.errors import UsageError
from l10n.render.controls import escape_controls
from l10n.settings import load_checked_config


def config_from(args: argparse.Namespace) -> Config:
    """Load the config named by -c/--config, or `config.yaml` in the working directory.

    Every section is validated, whichever the command reads.
    """
    explicit = Path(args.config) if args.config else None
    return load_checked_config(find_config(explicit))


def languages_from(args: argparse.Namespace, config: Config) -> tuple[str, ...]:
    """The --lang values, each checked against the config's languages."""
    chosen: list[str] = getattr(args, "lang", None) or []
    for code in chosen:
        if code not in config.languages:
            raise UsageError(
                f"unknown language '{code}': the site has {', '.join(config.languages)}"
            )
    return tuple(chosen) or config.languages


def emit(text: str, output: str | None) -> None:
    """Write a command's data to a file or stdout (diagnostics go to stderr)."""
    emit_parts([text], output)


def emit_parts(parts: Iterable[str], output: str | None, escaped_already: bool = False) -> None:
    """`emit`, for data given piece by piece; control characters from data made visible.

    `escaped_already`: the caller escaped the data itself (and added colour codes after).
    """
    escaped = parts if escaped_already else (escape_controls(part) for part in parts)
    if output:
        with Path(output).open("w", encoding="utf-8") as stream:
            stream.writelines(escaped)
    else:
        sys.stdout.writelines(escaped)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """`--lang L [L ...]`, repeatable: the same option in every command that takes several."""
    parser.add_argument(
        "--lang", action="extend", nargs="+", metavar="L", help="only these languages"
    )
