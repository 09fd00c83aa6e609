"""`l10n init [DIR]`: write a commented config.yaml that adopts the gettext project in DIR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from l10n.cli.git_setup_cmd import set_up
from l10n.config import CONFIG_NAME, load_config
from l10n.errors import L10nError, UsageError
from l10n.exitcodes import ExitCode
from l10n.gitio import toplevel
from l10n.sources.detect import detect, render_config


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "init",
        help="write a config.yaml for an existing gettext project (or a new site)",
        description="Find the gettext catalogs, templates, languages and domains under DIR "
        "(Django, Sphinx, Babel layouts) and write DIR/config.yaml, commented, that adopts "
        "them as they are; with none found, a new site's config. No other file is changed "
        "(unless --git-setup); an existing config.yaml is never overwritten.",
    )
    parser.add_argument("dir", nargs="?", default=".", help="the project folder (default: .)")
    parser.add_argument(
        "--languages",
        nargs="+",
        metavar="LANG",
        help="the languages to translate into (default: those the catalogs have)",
    )
    parser.add_argument("--source", default="en", help="the source language (default: en)")
    parser.add_argument(
        "--git-setup",
        action="store_true",
        help="also let git merge the catalogs entry by entry (as `l10n git-setup` does: "
        "the repository's git config and .gitattributes)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder")
    target = Path(args.config) if args.config else root / CONFIG_NAME
    if target.exists():
        raise UsageError(f"{target}: a configuration is already there (not overwritten)")
    repository = toplevel(root)
    if args.git_setup and repository is None:
        raise UsageError(f"{root} is not in a git repository (--git-setup)")
    project = detect(root, args.source)
    if not project.found and not args.languages:
        raise UsageError(
            f"no gettext catalogs under {root}: to start a new site, name its languages "
            "(l10n init --languages de fr ...)"
        )
    try:
        with target.open("x", encoding="utf-8") as handle:  # never over a config made meanwhile
            handle.write(render_config(project, args.languages))
    except FileExistsError:
        raise UsageError(f"{target}: a configuration is already there (not overwritten)") from None
    try:
        config = load_config(target)  # what was written must be a valid configuration
    except L10nError:
        target.unlink()
        raise
    if project.found:
        print(
            f"wrote {target}: {len(project.domains)} domains, "
            f"{len(args.languages or project.languages)} languages, catalogs in "
            f"{project.main_folder}"
        )
    else:
        print(f"wrote {target}: a new site (no gettext catalogs found)")
    for reason in project.left_out:
        print(f"left out: {reason}", file=sys.stderr)
    if args.git_setup:
        for line in set_up(config) or ["git already merges the catalogs with l10n merge-driver"]:
            print(line)
    elif repository is not None and project.found:
        print(
            "git merges these catalogs line by line: `l10n git-setup` lets it merge them "
            "entry by entry"
        )
    return ExitCode.OK
