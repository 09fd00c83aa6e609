"""`l10n report`: coverage for coordinators as text, Markdown, JSON or one HTML page."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from l10n.cache.store import Cache, committed
from l10n.cli.common import add_language_option, config_from, emit, languages_from
from l10n.coverage.report import Report, build_report
from l10n.exitcodes import ExitCode
from l10n.render.report_html import render_report_html
from l10n.render.report_markdown import render_report_markdown
from l10n.render.report_text import render_report_text


def render_report_json(report: Report) -> str:
    return json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_report_text,
    "markdown": render_report_markdown,
    "json": render_report_json,
    "html": render_report_html,
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "report", help="coverage report for coordinators (text, Markdown, JSON, HTML)"
    )
    add_language_option(parser)
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")
    parser.add_argument(
        "--history",
        type=int,
        default=20,
        metavar="N",
        help="commits of the catalogs' git history in the trend (0: none)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    with committed(Cache.of(config)) as cache:
        languages = languages_from(args, config)
        report = build_report(config, languages, history=args.history, cache=cache)
    emit(RENDERERS[args.format](report), args.output)
    return ExitCode.OK
