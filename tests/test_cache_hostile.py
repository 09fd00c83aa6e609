"""A planted, damaged or truncated cache never runs code and never changes an answer.

The cache folder sits in the site's repository, where a pull request can put anything. Each
test fills every kind of cache file (the checked config, the site, counts, records, the
check's answer and scans, a clean sync, the queue's items and plan) with real runs of the
command, replaces every file by (a) a pickle whose `__reduce__` runs a shell command that
creates a marker file, (b) random bytes or (c) the first half of the file, and runs
`status`, `check`, `sync --check`, `report` and the TUI's queue loading again: each answer
must equal the uncached one, and the marker must never appear. Not timed.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.cache.keys import FileDigests
from l10n.cache.store import ENV_DISABLE, Cache
from l10n.config import load_config
from l10n.queue.work import QueueItem, iter_domains
from tui.session import plan_of

COMMANDS = {
    "status": ["status", "--format", "json"],
    "check": ["check", "--format", "json"],
    "sync --check": ["sync", "--check"],
    "report": ["report", "--format", "json", "--history", "0"],
}
Answers = dict[str, object]
MAIN = "import sys; from l10n.cli.main import main; sys.exit(main())"
# Every kind of cache file; "config": the config, checked (l10n/settings.py).
KINDS = {
    "config",
    "site",
    "counts",
    "records",
    "check",
    "scan",
    "sync-clean",
    "queue",
    "queue-plan",
}


class Planted:
    """A pickle that runs a shell command when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def run_l10n(site: Path, arguments: list[str], cached: bool = True) -> tuple[int, str, str]:
    """The exit status, output and diagnostics of `l10n` run in a process of its own."""
    environment = {**os.environ}
    environment.pop(ENV_DISABLE, None)
    if not cached:
        environment[ENV_DISABLE] = "1"
    done = subprocess.run(
        [sys.executable, "-c", MAIN, "-c", str(site / "config.yaml"), *arguments],
        capture_output=True,
        text=True,
        cwd=site,
        env=environment,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def queue_items(site: Path, cached: bool = True) -> list[QueueItem]:
    """The German queue as the TUI's queue screen loads it (plan, then domain by domain)."""
    config = load_config(site / "config.yaml")
    cache = Cache.of(config) if cached else None
    plan, units_of = plan_of(config, cache)
    items = [
        item for part in iter_domains(config, plan, "de", cache, units_of) for item in part.items
    ]
    if cache is not None:
        cache.flush()
    return items


def answers(site: Path, cached: bool = True) -> Answers:
    found: Answers = {name: run_l10n(site, args, cached) for name, args in COMMANDS.items()}
    found["queue"] = queue_items(site, cached)
    return found


def cache_files(site: Path) -> list[Path]:
    return [
        path
        for path in sorted((site / ".l10n-cache").rglob("*"))
        if path.is_file() and path.name != ".gitignore"
    ]


def warm(site: Path) -> Answers:
    """Run everything until every kind of cache file is there; the answers of the last run."""
    answers(site)  # the first check marks the site; everything else is kept
    shutil.rmtree(site / ".l10n-cache" / "core" / "check")
    answers(site)  # this check scans again and keeps each domain's scan
    kinds = {path.relative_to(site / ".l10n-cache" / "core").parts[0] for path in cache_files(site)}
    # the index of file digests (l10n/cache/keys.py) is there once files are 3 s old
    assert kinds - {FileDigests.NAME} == KINDS
    return answers(site)


def test_the_planted_pickle_would_run_its_command(tmp_path: Path) -> None:
    """The payload is live: unpickled, it creates the marker (so its absence below means)."""
    marker = tmp_path / "ran"
    payload = tmp_path / "payload"
    payload.write_bytes(pickle.dumps(Planted(marker)))
    code = f"import pickle, pathlib; pickle.loads(pathlib.Path({str(payload)!r}).read_bytes())"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert marker.exists()


@pytest.mark.parametrize("damage", ["pickle", "random", "truncated"])
def test_a_hostile_or_damaged_cache_is_ignored(site_dir: Path, tmp_path: Path, damage: str) -> None:
    uncached = answers(site_dir, cached=False)
    assert not (site_dir / ".l10n-cache").exists()
    assert warm(site_dir) == uncached
    marker = tmp_path / "the-cache-ran-code"
    planted = pickle.dumps(Planted(marker))
    files = cache_files(site_dir)
    assert len(files) > 10
    for path in files:
        data = path.read_bytes()
        if damage == "pickle":
            path.write_bytes(planted)
        elif damage == "random":
            path.write_bytes(os.urandom(max(len(data), 64)))
        else:
            path.write_bytes(data[: len(data) // 2])
    assert answers(site_dir) == uncached
    assert answers(site_dir) == uncached  # and again, from what was written back
    assert not marker.exists()


def test_git_add_all_never_stages_the_cache(site_dir: Path) -> None:
    def git(*arguments: str) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
            cwd=site_dir,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    git("init", "-q")
    assert not (site_dir / ".gitignore").exists()  # nothing but the cache's own ignores it
    assert run_l10n(site_dir, ["status"])[0] == 0
    assert run_l10n(site_dir, ["check"])[0] in (0, 1)
    assert (site_dir / ".l10n-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    git("add", "-A")
    staged = git("diff", "--cached", "--name-only").splitlines()
    assert "config.yaml" in staged
    assert not [name for name in staged if name.startswith(".l10n-cache")]
