"""`l10n preview --lang L PAGE`: a page of the site as a reader of L sees it."""

from __future__ import annotations

import argparse
import sys

from l10n.cli.common import config_from, emit
from l10n.exitcodes import ExitCode


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "preview",
        help="a page of the site as a reader of one language sees it, leftovers marked",
        description="Show a page (an article by slug, `newsroom` or `home`) as a reader of "
        "the language sees it, in reading order: header menu, breadcrumb, the article "
        "(title, category, date, body), related news and footer. Each string is the text "
        "`l10n export` gives the site build, with its state: translated, English fallback, "
        "a copy of the English, inconsistent with another label, or failing a check.",
    )
    parser.add_argument("page", nargs="?", help="an article's slug, newsroom or home")
    parser.add_argument(
        "--lang", metavar="L", help="the reader's language (required, except with --list)"
    )
    parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    parser.add_argument("--list", action="store_true", help="list the pages and exit")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from l10n.errors import UsageError
    from l10n.preview.page import page_names, preview_pages
    from l10n.render.preview import render_html, render_json, render_text
    from l10n.sources.site import load_site

    config = config_from(args)
    site = load_site(config)
    if args.list:
        emit("\n".join(page_names(site)) + "\n", args.output)
        return ExitCode.OK
    if not args.page:
        raise UsageError("name a page: an article's slug, newsroom or home (--list lists them)")
    if not args.lang:
        raise UsageError("name the reader's language: --lang L")
    pages = preview_pages(config, args.lang, [args.page], site=site)
    if args.format == "json":
        emit(render_json(pages), args.output)
    elif args.format == "html":
        emit(render_html(pages[0]), args.output)
    else:
        from l10n.cli.progress import colour_enabled

        colour = args.output is None and colour_enabled(sys.stdout)
        emit(render_text(pages, colour), args.output)
    return ExitCode.OK
