"""Writes that fail: a full disk, a writer killed mid-write.

The disk is filled for real: the command runs in a child process whose file-size limit
(RLIMIT_FSIZE) is below the size of the catalogs it must write, so the kernel refuses the
write (EFBIG) as a full disk would (ENOSPC). The killed writer is a real process, stopped
with SIGKILL while its temporary file is open.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.exitcodes import ExitCode
from tests.conftest import REPO, snapshot_files


def _edit_english(site: Path) -> None:
    menus = site / "content/menus.yaml"
    menus.write_text(menus.read_text(encoding="utf-8").replace("Our work", "Our shared work"))


def _small_files_only() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_a_full_disk_is_a_clear_error_and_leaves_every_file_whole(site_dir: Path) -> None:
    _edit_english(site_dir)
    before = snapshot_files(site_dir)
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(site_dir / "config.yaml"), "sync"],
        capture_output=True,
        text=True,
        preexec_fn=_small_files_only,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "L10N_NO_CACHE": "1"},
        cwd=site_dir,
        check=False,
    )
    assert done.returncode == ExitCode.BAD_INPUT, done.stderr
    assert "Traceback" not in done.stderr
    assert ": cannot write: File too large" in done.stderr, done.stderr
    after = snapshot_files(site_dir)
    assert set(after) == set(before)  # no temporary file left, nothing half-made
    assert all(
        after[name] == before[name] or len(after[name]) <= 2048 for name in before
    )  # a file is the old one, or whole (under the limit)
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0  # the next run finishes
    assert main(["-c", str(site_dir / "config.yaml"), "sync", "--check"]) == 0


SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from l10n.po.atomic import write_atomic
os.fsync = lambda descriptor: time.sleep(600)  # a disk that never finishes
write_atomic(Path(sys.argv[1]), Path(sys.argv[1]).read_bytes() + b"# more\\n")
"""


def _killed_writer(target: Path) -> Path:
    """Start a real writer of `target`, SIGKILL it while its temporary file exists."""
    writer = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], cwd=REPO)
    try:
        for _ in range(3000):
            leftovers = list(target.parent.glob(f".{target.name}.{writer.pid}-*.tmp"))
            if leftovers:
                break
            time.sleep(0.01)
        else:
            pytest.fail("the writer never opened its temporary file")
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    return leftovers[0]


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next_sync(site_dir: Path) -> None:
    target = site_dir / "catalogs/ro/LC_MESSAGES/menu.po"
    original = target.read_bytes()
    leftover = _killed_writer(target)
    assert leftover.exists() and target.read_bytes() == original
    # Not ours, or a live writer's: kept.
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        live_temp = target.parent / f".menu.po.{live.pid}-abcd1234.tmp"
        live_temp.write_bytes(b"being written")
        foreign = [target.parent / ".menu.po.notes.tmp", target.parent / "menu.po.tmp"]
        for path in foreign:
            path.write_bytes(b"someone else's")
        assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0
        assert not leftover.exists()
        assert live_temp.exists() and all(path.exists() for path in foreign)
        assert target.read_bytes() == original
    finally:
        live.kill()
        live.wait()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_a_killed_writer_left_the_catalog_whole(site_dir: Path) -> None:
    target = site_dir / "catalogs/ro/LC_MESSAGES/menu.po"
    _killed_writer(target)
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(target)], check=False)
    assert done.returncode == 0
