"""The little git the gate and the report need: files at a revision, commits of a folder.

Git runs as a subprocess; file contents come through one `git cat-file --batch` process,
so reading a hundred catalogs at a revision costs one process, not a hundred.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import UsageError


@dataclass(frozen=True)
class Commit:
    """A commit: its id and its committer time (seconds since the epoch)."""

    sha: str
    time: int


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run git in `root` and return stdout; a failure is a UsageError with git's message."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed") from None
    if check and done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def toplevel(folder: Path) -> Path | None:
    """The root of the git work tree holding `folder`, or None outside git."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def resolve(root: Path, revision: str) -> str:
    """The commit id of a revision; an unknown revision is a usage error."""
    done = git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    if not done.strip():
        raise UsageError(f"unknown git revision '{revision}'")
    return done.strip()


def tree_blobs(root: Path, commit: str, folder: str) -> dict[str, str]:
    """Path (relative to the repository root) -> blob id, for every file under `folder`."""
    listing = git(root, "ls-tree", "-r", "-z", commit, "--", folder)
    blobs: dict[str, str] = {}
    for record in filter(None, listing.split("\0")):
        meta, path = record.split("\t", 1)
        _mode, kind, sha = meta.split()
        if kind == "blob":
            blobs[path] = sha
    return blobs


def read_blobs(root: Path, objects: Iterable[str]) -> dict[str, bytes]:
    """The contents of several objects (blob ids or `rev:path`), through one git process."""
    names = list(dict.fromkeys(objects))
    if not names:
        return {}
    request = "".join(f"{name}\n" for name in names).encode("utf-8")
    done = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise UsageError(f"git cat-file: {done.stderr.decode(errors='replace').strip()}")
    return _parse_batch(done.stdout, names)


def _parse_batch(output: bytes, names: list[str]) -> dict[str, bytes]:
    contents: dict[str, bytes] = {}
    position = 0
    for name in names:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 2 and header[1] == b"missing":
            continue
        size = int(header[2])
        contents[name] = output[position : position + size]
        position += size + 1
    return contents


def commits_touching(root: Path, folder: str, limit: int) -> list[Commit]:
    """The newest `limit` commits that changed `folder`, newest first."""
    listing = git(root, "log", f"-n{limit}", "--format=%H %ct", "--", folder, check=False)
    commits = []
    for line in listing.splitlines():
        sha, time = line.split()
        commits.append(Commit(sha, int(time)))
    return commits


def last_change(root: Path, text: str, path: str) -> int | None:
    """Committer time of the newest commit that added or removed `text` in `path`."""
    listing = git(root, "log", "-n1", "--format=%ct", "-S", text, "--", path, check=False)
    return int(listing.split()[0]) if listing.strip() else None


MERGE_DRIVER = "l10n"


def setup_merge_driver(root: Path, command: str, patterns: list[str]) -> list[str]:
    """Register the catalogs' merge driver in the repository and name its files.

    Sets `merge.l10n.name` and `merge.l10n.driver` in the repository's own git config and
    adds `PATTERN merge=l10n` lines that `.gitattributes` lacks (nothing else in it is
    touched). Returns what it did, one line each; nothing when all was in place already.
    """
    done: list[str] = []
    settings = {
        f"merge.{MERGE_DRIVER}.name": "gettext catalogs, entry by entry (l10n merge-driver)",
        f"merge.{MERGE_DRIVER}.driver": f"{command} %O %A %B %P",
    }
    for name, value in settings.items():
        if git(root, "config", "--local", "--get", name, check=False).rstrip("\n") != value:
            git(root, "config", "--local", name, value)
            done.append(f"set {name} = {value} in the repository's git config")
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    present = {line.strip() for line in text.splitlines()}
    missing = [f"{pattern} merge={MERGE_DRIVER}" for pattern in patterns]
    missing = [line for line in missing if line not in present]
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        attributes.write_text(text + "".join(f"{line}\n" for line in missing), encoding="utf-8")
        done += [f"added '{line}' to .gitattributes" for line in missing]
    return done
