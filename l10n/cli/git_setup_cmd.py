"""`l10n git-setup`: let git merge the site's catalogs entry by entry (`l10n merge-driver`)."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from pathlib import Path

from l10n.cli.common import config_from
from l10n.config import Config
from l10n.errors import UsageError
from l10n.exitcodes import ExitCode
from l10n.gitio import setup_merge_driver, toplevel


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "git-setup",
        help="set up git to merge the catalogs entry by entry",
        description="Register `l10n merge-driver` in the repository's git config and name "
        "the site's catalogs and templates in .gitattributes. Running it again changes "
        "nothing.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    done = set_up(config_from(args))
    for line in done:
        print(line)
    if not done:
        print("git already merges the catalogs with `l10n merge-driver`: nothing to do")
    return ExitCode.OK


def set_up(config: Config) -> list[str]:
    """Register the driver for every catalogs folder of the config; what it did, one line each."""
    root = toplevel(config.root)
    if root is None:
        raise UsageError(f"{config.root} is not in a git repository")
    patterns = []
    for folder in config.catalog_folders:
        relative = _relative(folder, root)
        prefix = f"{relative}/" if relative else ""
        patterns += [f"{prefix}**/*.po", f"{prefix}**/*.pot"]
    return setup_merge_driver(root, driver_command(), patterns)


def driver_command() -> str:
    """How git runs the driver: `l10n` if it is this very command, else through Python."""
    found = shutil.which("l10n")
    here = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if found is not None and here is not None and Path(found).resolve() == here:
        return "l10n merge-driver"
    return f"{shlex.quote(sys.executable)} -m l10n.cli.main merge-driver"


def _relative(path: Path, root: Path) -> str:
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"the catalogs ({path}) are outside the git repository {root}") from None
    return "" if relative == "." else relative
