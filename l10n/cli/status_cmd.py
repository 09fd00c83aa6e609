"""`l10n status`: per language and kind, what is translated and what is left."""

from __future__ import annotations

import argparse
import json

from l10n.cache.store import Cache, committed
from l10n.cli.common import add_language_option, config_from, emit, languages_from
from l10n.cli.progress import working
from l10n.coverage.stats import compute_stats
from l10n.exitcodes import ExitCode
from l10n.render.status_text import render_status


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("status", help="coverage per language and kind")
    add_language_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    with working("l10n status: counting"), committed(Cache.of(config)) as cache:
        stats = compute_stats(config, languages_from(args, config), cache=cache)
    if args.format == "json":
        emit(json.dumps(stats.as_json(), indent=2, ensure_ascii=False) + "\n", args.output)
    else:
        emit(render_status(stats), args.output)
    return ExitCode.OK
