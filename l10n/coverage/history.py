"""Coverage per language over the catalogs' git history, for the report's trend.

Each of the newest commits that touched the catalogs folder is read through one
`git cat-file --batch`; a catalog blob that did not change between commits is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.config import Config
from l10n.gitio import Commit, commits_touching, read_blobs, toplevel, tree_blobs
from l10n.model import State
from l10n.states import is_copy, state_of


@dataclass(frozen=True)
class TrendPoint:
    """Coverage (0.0-1.0) per language at one commit."""

    commit: str
    time: int
    coverage: dict[str, float]


def coverage_trend(config: Config, languages: tuple[str, ...], limit: int = 20) -> list[TrendPoint]:
    """Oldest first; empty when the site is not in git or its catalogs have no history."""
    root = toplevel(config.root)
    if root is None or limit <= 0:
        return []
    folder = _relative(config.catalogs_dir, root)
    commits = commits_touching(root, folder, limit)
    trees = {commit.sha: tree_blobs(root, commit.sha, folder) for commit in commits}
    wanted = {
        sha
        for tree in trees.values()
        for path, sha in tree.items()
        if path.endswith(".po") and _language(path, folder) in languages
    }
    counts = {
        sha: _blob_counts(data, config.copy_threshold)
        for sha, data in read_blobs(root, wanted).items()
    }
    return [
        _point(commit, trees[commit.sha], counts, folder, languages) for commit in reversed(commits)
    ]


def _point(
    commit: Commit,
    tree: dict[str, str],
    counts: dict[str, tuple[int, int]],
    folder: str,
    languages: tuple[str, ...],
) -> TrendPoint:
    done = dict.fromkeys(languages, 0)
    total = dict.fromkeys(languages, 0)
    for path, sha in tree.items():
        language = _language(path, folder)
        if language in done and sha in counts:
            done[language] += counts[sha][0]
            total[language] += counts[sha][1]
    coverage = {code: done[code] / total[code] if total[code] else 0.0 for code in languages}
    return TrendPoint(commit.sha[:10], commit.time, coverage)


def _blob_counts(data: bytes, threshold: float) -> tuple[int, int]:
    """(translated and not a copy, all) entries of one catalog version; unreadable is (0, 0)."""
    try:
        catalog = polib.pofile(data.decode("utf-8"))
    except (OSError, ValueError, UnicodeError):
        return (0, 0)
    active = [entry for entry in catalog if not entry.obsolete and entry.msgid]
    done = sum(
        1
        for entry in active
        if state_of(entry) is State.TRANSLATED and not is_copy(entry, threshold)
    )
    return (done, len(active))


def _language(path: str, folder: str) -> str:
    parts = path[len(folder) :].strip("/").split("/") if folder else path.split("/")
    return parts[0] if len(parts) > 2 else ""


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
