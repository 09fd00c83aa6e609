"""Who translated and reviewed how much, per language, over the catalogs' last commits.

Each of the newest `limit` commits that changed the catalogs folder (merges left out: their
work is in the commits they merge) is compared with its parent, catalog by catalog, entry by
entry, through the one record every view uses (`catalog_records`):

- translated: a person's text, new or changed (the entry is translated after the commit);
- reviewed: a text accepted as it was (needs review or stale before, translated after);
- suggested: a text left to review (machine translation, translation memory).

The work is the person's named in the catalog's `Last-Translator` when the commit changed
that header (the TUI, Poedit and Weblate stamp it on every save); otherwise the commit's
author's. A catalog version that cannot be read counts nothing. All blobs come through one
`git cat-file --batch`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.checks.copy import CopyRule
from l10n.checks.settings import copy_rule
from l10n.config import Config
from l10n.coverage.history import relative_path
from l10n.coverage.stats import EntryRecord, catalog_records
from l10n.gitio import git, read_blobs, toplevel
from l10n.model import State

NO_BLOB = "0" * 40
UNSET = ("", "FULL NAME <EMAIL@ADDRESS>")  # Last-Translator as templates leave it


@dataclass(frozen=True)
class Source:
    """What the report was made from: a commit, or why git could not say."""

    commit: str | None = None
    time: int | None = None
    changed: bool = False  # the config, content or catalogs differ from the commit
    problem: str = ""  # "not a git repository", "git is not installed"


@dataclass
class Work:
    """One person's work in one language."""

    person: str
    translated: int = 0
    words: int = 0  # English words of the strings translated
    reviewed: int = 0
    suggested: int = 0
    last: int = 0  # committer time of the person's newest commit here
    shas: set[str] = field(default_factory=set, repr=False)

    @property
    def commits(self) -> int:
        return len(self.shas)


@dataclass
class LanguageActivity:
    """Who did what in one language, and when its catalogs last changed."""

    people: dict[str, Work] = field(default_factory=dict)
    last_change: int | None = None
    last_commit: str | None = None

    def ranked(self) -> list[Work]:
        """Most strings translated and reviewed first."""
        return sorted(self.people.values(), key=lambda w: (-(w.translated + w.reviewed), w.person))


@dataclass
class Activity:
    """The catalogs' history per language, over the last `commits` commits looked at."""

    source: Source
    commits: int = 0
    languages: dict[str, LanguageActivity] = field(default_factory=dict)


def report_source(config: Config) -> tuple[Source, Path | None]:
    """The commit the project's files are at (and the repository's root), or the reason
    there is none."""
    if shutil.which("git") is None:
        return Source(problem="git is not installed"), None
    root = toplevel(config.root)
    if root is None:
        return Source(problem="not a git repository"), None
    head = git(root, "log", "-n1", "--format=%H %ct", check=False).split()
    if not head:
        return Source(problem="no commit yet"), root
    read = [
        config.path,
        config.catalogs_dir,
        config.menus_path,
        config.ui_path,
        config.articles_dir,
    ]
    paths = [relative_path(path, root) or "." for path in read if path is not None]
    changed = git(root, "status", "--porcelain", "--untracked-files=no", "--", *paths)
    return Source(head[0], int(head[1]), bool(changed.strip())), root


def catalog_activity(config: Config, languages: tuple[str, ...], limit: int = 20) -> Activity:
    """Who translated and reviewed what in each language over the last `limit` commits."""
    source, root = report_source(config)
    activity = Activity(source, languages={code: LanguageActivity() for code in languages})
    if root is None or source.commit is None or limit <= 0:
        return activity
    folder = relative_path(config.catalogs_dir, root)
    commits = _log(root, folder, limit)
    activity.commits = len(commits)
    blobs = {sha for commit in commits for _lang, old, new in commit.changes for sha in (old, new)}
    parsed = _Parsed(read_blobs(root, blobs - {NO_BLOB}), copy_rule(config))
    for commit in commits:  # newest first
        for code, old, new in commit.changes:
            if code in activity.languages:
                _count(activity.languages[code], commit, parsed, old, new)
    for code, language in activity.languages.items():
        if language.last_change is None:  # not changed in the commits looked at
            where = f"{folder}/{code}" if folder else code
            found = git(root, "log", "-n1", "--format=%H %ct", "--", where, check=False).split()
            if found:
                language.last_commit, language.last_change = found[0][:10], int(found[1])
    return activity


@dataclass(frozen=True)
class _Commit:
    sha: str
    time: int
    author: str
    changes: list[tuple[str, str, str]]  # (language, old blob, new blob) per catalog changed


def _log(root: Path, folder: str, limit: int) -> list[_Commit]:
    """The newest commits that changed `folder` (no merges), with the catalogs they changed."""
    listing = git(
        root, "log", f"-n{limit}", "--no-merges", "--no-renames", "--raw", "--no-abbrev",
        "--format=%x00%H %ct %an <%ae>", "--", folder, check=False,
    )  # fmt: skip
    commits = []
    for record in filter(None, listing.split("\0")):
        head, *lines = record.strip("\n").split("\n")
        sha, time, author = head.split(" ", 2)
        changes = []
        for line in lines:
            if not line.startswith(":") or "\t" not in line:
                continue
            meta, path = line.split("\t", 1)
            _modes, _mode, old, new, _status = meta[1:].split(" ")
            language = _language(path[len(folder) :].strip("/") if folder else path)
            if language is not None:
                changes.append((language, old, new))
        commits.append(_Commit(sha, int(time), author, changes))
    return commits


def _language(name: str) -> str | None:
    """The language of `<lang>/LC_MESSAGES/<domain>.po` (relative to the catalogs folder)."""
    parts = name.split("/")
    if len(parts) > 2 and parts[1] == "LC_MESSAGES" and name.endswith(".po"):
        return parts[0]
    return None


class _Parsed:
    """Catalog versions read once: their translator and their records by key."""

    def __init__(self, blobs: dict[str, bytes], rule: CopyRule) -> None:
        self.blobs, self.rule = blobs, rule
        self.cache: dict[str, tuple[str, dict[tuple[str | None, str], EntryRecord]]] = {}

    def __call__(self, sha: str) -> tuple[str, dict[tuple[str | None, str], EntryRecord]]:
        if sha not in self.cache:
            self.cache[sha] = self._read(self.blobs.get(sha))
        return self.cache[sha]

    def _read(self, data: bytes | None) -> tuple[str, dict[tuple[str | None, str], EntryRecord]]:
        if data is None:
            return "", {}
        try:
            catalog = polib.pofile(data.decode("utf-8"))
        except (OSError, ValueError, UnicodeError):
            return "", {}
        records = catalog_records(catalog, Path(), "", "", self.rule)
        translator = catalog.metadata.get("Last-Translator", "").strip()
        return translator, {record.key: record for record in records}


def _count(
    language: LanguageActivity, commit: _Commit, parsed: _Parsed, old: str, new: str
) -> None:
    """Add one catalog's change in one commit to the work of whoever made it."""
    before_translator, before = parsed(old)
    after_translator, after = parsed(new)
    if language.last_change is None:  # commits come newest first
        language.last_change, language.last_commit = commit.time, commit.sha[:10]
    done = Work("")
    for key, record in after.items():
        previous = before.get(key)
        same_text = previous is not None and previous.texts == record.texts
        if record.state is State.TRANSLATED and not same_text:
            done.translated += 1
            done.words += record.words
        elif record.state is State.TRANSLATED and previous is not None and previous.state in (
            State.NEEDS_REVIEW, State.STALE,
        ):  # fmt: skip
            done.reviewed += 1
        elif record.state is State.NEEDS_REVIEW and not same_text:
            done.suggested += 1
    if not (done.translated or done.reviewed or done.suggested):
        return
    stamped = after_translator not in UNSET and after_translator != before_translator
    person = after_translator if stamped else commit.author
    work = language.people.setdefault(person, Work(person))
    work.translated += done.translated
    work.words += done.words
    work.reviewed += done.reviewed
    work.suggested += done.suggested
    work.shas.add(commit.sha)
    work.last = max(work.last, commit.time)
