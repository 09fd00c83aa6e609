"""`l10n merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for gettext catalogs.

Git runs it with `%O %A %B %P` (set up by `l10n git-setup`). The catalogs are merged entry
by entry (`l10n.po.merge`) and the result written to OURS; exit 0 merged, 1 when entries
were translated two ways (git then records a conflict; the catalog stays valid, each such
entry marked `merge-conflict`). Input it cannot read entry by entry is merged by git's
own line merge (`git merge-file`), and it says so.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
from pathlib import Path

from l10n.errors import CatalogError
from l10n.exitcodes import ExitCode
from l10n.po.atomic import commit, stage_changed
from l10n.po.lock import locked_if_present
from l10n.po.merge import DuplicateEntries, merge_catalogs, merged_pieces
from l10n.po.merge_sides import read_sides

CONFLICTS = 1


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "merge-driver",
        help="git's merge driver for gettext catalogs (see `l10n git-setup`)",
        description="Merge THEIRS into OURS (both from BASE) entry by entry and write the "
        "result to OURS. Exit status: 0 merged, 1 entries translated two ways (marked "
        "merge-conflict in a valid catalog) or a line merge with conflicts.",
    )
    parser.add_argument("base", type=Path)
    parser.add_argument("ours", type=Path)
    parser.add_argument("theirs", type=Path)
    parser.add_argument("path", nargs="?", help="the catalog's path in the repository")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    name = args.path or str(args.ours)
    with locked_if_present(Path(args.path)) if args.path else contextlib.nullcontext():
        try:
            result = merge_catalogs(*read_sides(args.base, args.ours, args.theirs))
        except (CatalogError, DuplicateEntries) as error:
            return _line_merge(args, name, error)
        staged = stage_changed(args.ours, merged_pieces(result))
        if staged is not None:  # None: OURS holds the merged bytes already
            commit(staged, args.ours)
    if not result.conflicts:
        return ExitCode.OK
    print(
        f"l10n merge-driver: {name}: {len(result.conflicts)} "
        f"{'entry' if len(result.conflicts) == 1 else 'entries'} translated two ways, "
        "kept both (marked merge-conflict): choose in `l10n tui` or edit the catalog",
        file=sys.stderr,
    )
    return CONFLICTS


def _line_merge(args: argparse.Namespace, name: str, error: Exception) -> int:
    """git's own line merge of the three files, after saying why."""
    print(
        f"l10n merge-driver: {name}: cannot merge entry by entry ({error}); "
        "falling back to git's line merge",
        file=sys.stderr,
    )
    done = subprocess.run(
        [
            "git",
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            str(args.ours),
            str(args.base),
            str(args.theirs),
        ],
        check=False,
    )
    return ExitCode.OK if done.returncode == 0 else CONFLICTS
