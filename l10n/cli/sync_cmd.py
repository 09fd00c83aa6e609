"""`l10n sync [--check]`: merge the templates into every language's catalogs."""

from __future__ import annotations

import argparse
import sys

from l10n.cache.store import Cache, committed
from l10n.cli.common import config_from
from l10n.cli.progress import Progress
from l10n.exitcodes import ExitCode
from l10n.sync.run import sync


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("sync", help="update templates and catalogs from the content")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if the catalogs are out of date",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    bar = Progress("l10n sync", sys.stderr) if sys.stderr.isatty() else None
    done = 0

    def language_started(language: str) -> None:
        nonlocal done
        if bar is not None:
            bar.update(done, len(config.languages))
        done += 1

    try:
        with committed(Cache.of(config)) as cache:
            result = sync(config, check_only=args.check, progress=language_started, cache=cache)
        if bar is not None:
            bar.update(len(config.languages), len(config.languages))
    finally:
        if bar is not None:
            bar.close()
    root = config.root
    verb = "would update" if args.check else "updated"
    for path in result.changed:
        print(f"{verb} {path.relative_to(root)}")
    for path in result.removed:
        print(f"{'would remove' if args.check else 'removed'} {path.relative_to(root)}")
    for path, reason in result.left_alone:
        print(f"left alone {path.relative_to(root)}: {reason}", file=sys.stderr)
    if result.clean:
        print("catalogs are up to date", file=sys.stderr)
        return ExitCode.OK
    if args.check:
        print("catalogs are out of date: run `l10n sync`", file=sys.stderr)
        return ExitCode.FINDINGS
    return ExitCode.OK
