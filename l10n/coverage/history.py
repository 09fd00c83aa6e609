"""Coverage per language over the catalogs' git history, for the report's trend.

Each of the newest commits that touched the catalogs folder is read through one
`git cat-file --batch`; a catalog blob that did not change between commits is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.checks.copy import CopyRule
from l10n.checks.settings import copy_rule
from l10n.config import Config
from l10n.coverage.stats import Counts, catalog_records, count_records
from l10n.gitio import commits_touching, read_blobs, toplevel, tree_blobs


@dataclass(frozen=True)
class TrendPoint:
    """Coverage (0.0-1.0) per language at one commit."""

    commit: str
    time: int
    coverage: dict[str, float]


def coverage_trend(config: Config, languages: tuple[str, ...], limit: int = 20) -> list[TrendPoint]:
    """Oldest first; empty when the site is not in git or its catalogs have no history.

    Each point is what `status` would have said at that commit: a language's catalogs
    counted as they were, a domain whose catalog the language lacked counted as missing
    from its template, coverage by `Counts.coverage`.
    """
    root = toplevel(config.root)
    if root is None or limit <= 0:
        return []
    folder = relative_path(config.catalogs_dir, root)
    commits = commits_touching(root, folder, limit)
    trees = {
        commit.sha: _domains(tree_blobs(root, commit.sha, folder), folder) for commit in commits
    }
    wanted = {
        sha
        for tree in trees.values()
        for language, domains in tree.items()
        if language in languages or language == TEMPLATE
        for sha in domains.values()
    }
    rule = copy_rule(config)
    counts = {sha: _blob_counts(data, rule) for sha, data in read_blobs(root, wanted).items()}
    return [
        TrendPoint(
            commit.sha[:10],
            commit.time,
            {code: _counts(trees[commit.sha], code, counts).coverage for code in languages},
        )
        for commit in reversed(commits)
    ]


TEMPLATE = ""  # the "language" of templates in `_domains`


def _domains(tree: dict[str, str], folder: str) -> dict[str, dict[str, str]]:
    """language ('' for templates) -> domain -> blob, of the catalogs folder at a commit."""
    found: dict[str, dict[str, str]] = {}
    for path, sha in tree.items():
        parts = path[len(folder) :].strip("/").split("/") if folder else path.split("/")
        name = "/".join(parts)
        if name.endswith(".pot"):
            found.setdefault(TEMPLATE, {})[name.removesuffix(".pot")] = sha
        elif len(parts) > 2 and parts[1] == "LC_MESSAGES" and name.endswith(".po"):
            domain = "/".join(parts[2:]).removesuffix(".po")
            found.setdefault(parts[0], {})[domain] = sha
    return found


def _counts(tree: dict[str, dict[str, str]], language: str, counts: dict[str, Counts]) -> Counts:
    """One language's counts at a commit: its catalogs, else its templates' units missing."""
    catalogs, templates = tree.get(language, {}), tree.get(TEMPLATE, {})
    total = Counts()
    for domain in {*templates, *catalogs}:
        sha = catalogs.get(domain, templates.get(domain))
        if sha is not None and sha in counts:
            total.add(counts[sha])
    return total


def _blob_counts(data: bytes, rule: CopyRule) -> Counts:
    """The counts of one catalog (or template) version; an unreadable one counts nothing."""
    try:
        catalog = polib.pofile(data.decode("utf-8"))
    except (OSError, ValueError, UnicodeError):
        return Counts()
    return count_records(catalog_records(catalog, Path(), "", "", rule))


def relative_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
