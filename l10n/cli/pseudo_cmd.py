"""`l10n pseudo`: pseudo-localised catalogs for testing layouts and the site build."""

from __future__ import annotations

import argparse

from l10n.cli.common import config_from
from l10n.config import Config
from l10n.errors import UsageError
from l10n.exitcodes import ExitCode
from l10n.sources.site import load_site


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "pseudo",
        help="write pseudo-localised catalogs (accented, expanded, marked) to test layouts",
        description="Write catalogs/<locale>/LC_MESSAGES/<domain>.po for a pseudo locale "
        "(pseudo.locale, default en_XA): every English text accented, made as long as the "
        "longest language needs (pseudo.expansion) and wrapped in ⟦…⟧ markers that show "
        "truncation and concatenation, with placeholders, Markdown, HTML, URLs and "
        "do-not-translate terms kept intact. `l10n export` compiles them beside the real "
        "languages; status, check and report never count them.",
    )
    parser.add_argument(
        "--expansion", type=float, metavar="X", help="override pseudo.expansion (1 to 3)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from l10n.mt.pretranslate import glossary_terms
    from l10n.mt.pseudo import pseudo_settings, write_pseudo

    config = config_from(args)
    settings = pseudo_settings(config)
    if args.expansion is not None:
        if not 1 <= args.expansion <= 3:
            raise UsageError("--expansion: expected a number from 1 to 3")
        settings = replace(settings, expansion=args.expansion)
    dnt = (*glossary_terms(config), *_mt_terms(config))
    result = write_pseudo(config, load_site(config), settings, dnt)
    print(
        f"{settings.locale}: {len(result.catalogs)} catalogs, {len(result.changed)} written "
        f"(expansion {settings.expansion:g})"
    )
    return ExitCode.OK


def _mt_terms(config: Config) -> tuple[str, ...]:
    """`mt.do_not_translate`, which the machine translation keeps too."""
    terms = config.section("mt").get("do_not_translate") or []
    return tuple(term for term in terms if isinstance(term, str))
