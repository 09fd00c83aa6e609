"""`l10n report`: coverage for coordinators as text, Markdown, JSON or one HTML page."""

from __future__ import annotations

import argparse

from l10n.cache.store import Cache, committed
from l10n.cli.common import add_language_option, config_from, emit, languages_from
from l10n.cli.progress import working
from l10n.coverage.report import build_report
from l10n.errors import UsageError
from l10n.exitcodes import ExitCode
from l10n.preview.table import reader_table
from l10n.render.badge import render_badge
from l10n.render.reader import RENDERERS
from l10n.sources.site import load_site

FORMATS = (*RENDERERS, "badge")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "report", help="coverage report for coordinators (text, Markdown, JSON, HTML)"
    )
    add_language_option(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text, markdown, json, html, or badge (an SVG badge of one language's coverage "
        "for a README: --lang L)",
    )
    parser.add_argument(
        "--history",
        type=int,
        default=20,
        metavar="N",
        help="the catalogs' last N commits in git: the trend and who translated and reviewed "
        "what (0: none)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    languages = languages_from(args, config)
    if args.format == "badge" and len(languages) != 1:
        raise UsageError("--format badge is one language's: name it with --lang L")
    with working("l10n report: counting"), committed(Cache.of(config)) as cache:
        history = 0 if args.format == "badge" else args.history
        site = load_site(config, cache)
        report = build_report(config, languages, history=history, site=site, cache=cache)
    if args.format == "badge":
        emit(render_badge(report, languages[0]), args.output)
        return ExitCode.OK
    table = reader_table(config, languages, site)
    emit(RENDERERS[args.format](report, table), args.output)
    return ExitCode.OK
