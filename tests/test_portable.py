"""Windows: the core and the TUI without the POSIX-only modules, and the lock's Windows path.

Linux cannot run Windows, so these tests run the project in processes that look like it
as far as the project can tell (`tests.posixless`): `fcntl`, `termios`, `pwd`, `grp`,
`resource`, `tty` and `pty` cannot be imported, `msvcrt.locking` exists, and
`sys.platform` reads "win32". The catalog lock then takes its Windows path (a lock file
beside the catalog, `msvcrt.locking`) and real processes contend for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
WINDOWS = [sys.executable, "-m", "tests.posixless"]
POSIX = [sys.executable, "-m"]

IMPORT_EVERYTHING = """
import importlib, pkgutil, sys
from tests.posixless import activate
activate()
import l10n, tui
names = ["l10n_workflow_cli"] + [
    module.name
    for package in (l10n, tui)
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
]
failed = []
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {error!r}")
from l10n.po import lock
print(len(names))
print("msvcrt" in vars(lock), "fcntl" in vars(lock))
print(sorted(set(sys.modules) & {"fcntl", "termios", "pwd", "grp", "resource", "tty", "pty"}))
print("\\n".join(failed))
"""


def test_every_module_of_the_core_and_the_tui_imports_without_posix_only_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count, mechanism, loaded, *failed = done.stdout.splitlines()
    assert int(count) > 100  # every module of l10n/ and tui/, and the console script
    assert [line for line in failed if line] == []
    assert mechanism == "True False"  # the lock took its Windows path
    assert loaded == "[]"


@pytest.fixture
def catalog(site_dir: Path) -> Path:
    return site_dir / "catalogs" / "ro" / "LC_MESSAGES" / "ui.po"


class Holder:
    """A writer process holding a catalog's lock until it is let go."""

    def __init__(self, python: list[str], catalog: Path) -> None:
        self.process = subprocess.Popen(
            [*python, "tests.lock_holder", "hold", str(catalog)],
            cwd=ROOT,
            env=ENV,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        said = self.process.stdout.readline()
        if said != "held\n":
            self.process.kill()
            self.process.communicate(timeout=60)
            raise AssertionError(f"the holder said {said!r}")

    def let_go(self) -> None:
        self.process.communicate("\n", timeout=60)
        assert self.process.returncode == 0


@pytest.fixture
def holder(request: pytest.FixtureRequest, catalog: Path) -> Iterator[Holder]:
    held = Holder(request.param, catalog)
    yield held
    if held.process.poll() is None:
        held.let_go()


def contend(python: list[str], catalog: Path, seconds: float) -> str:
    """What another writer process gets when it asks for the lock for `seconds`."""
    done = subprocess.run(
        [*python, "tests.lock_holder", "try", str(catalog), str(seconds)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stderr == ""
    return done.stdout.strip()


@pytest.mark.parametrize("holder", [WINDOWS, POSIX], indirect=True, ids=["windows", "posix"])
def test_a_writer_waits_for_the_lock_then_gives_up_naming_the_catalog(
    holder: Holder, catalog: Path
) -> None:
    python = holder.process.args[:-3]  # type: ignore[index]
    before = catalog.read_bytes()
    refused = contend(python, catalog, 0.2)
    assert refused.startswith(f"{catalog}: another writer (a save, sync or pretranslate)")
    assert refused.endswith("held this catalog for 0.2 s: try again when it has finished")
    holder.let_go()
    assert contend(python, catalog, 0.2) == "took"
    assert catalog.read_bytes() == before


@pytest.mark.parametrize("holder", [WINDOWS], indirect=True, ids=["windows"])
def test_the_windows_lock_is_a_file_beside_the_catalog_removed_when_let_go(
    holder: Holder, catalog: Path
) -> None:
    lock_file = catalog.with_name(".ui.po.lock")
    assert lock_file.exists()
    holder.let_go()
    assert not lock_file.exists()
    assert contend(WINDOWS, catalog, 0.2) == "took"
    assert not lock_file.exists()


def test_a_lock_file_left_by_a_killed_writer_holds_no_lock(catalog: Path) -> None:
    held = Holder(WINDOWS, catalog)
    held.process.kill()
    held.process.communicate(timeout=60)
    assert catalog.with_name(".ui.po.lock").exists()  # left behind, as after a crash
    assert contend(WINDOWS, catalog, 0.2) == "took"


REPLACE_REFUSED = """
import os, sys
from pathlib import Path
from tests.posixless import activate
activate()
from l10n.errors import WriteError
from l10n.po import atomic
atomic.REPLACE_PATIENCE = float(sys.argv[3])
refusals, replace = [int(sys.argv[2])], os.replace

def in_use(source, target):
    # Windows refuses to replace a file another process has open (a reader, a scanner)
    if refusals[0]:
        refusals[0] -= 1
        raise PermissionError(13, "The process cannot access the file: it is in use")
    replace(source, target)

os.replace = in_use
try:
    atomic.write_atomic(Path(sys.argv[1]), b"written")
except WriteError as error:  # naming the file, with the system's reason
    assert error.path == Path(sys.argv[1]), error.path
    print("refused:", error.message.removeprefix("cannot write: "))
else:
    print("written")
"""


def write_while_in_use(path: Path, refusals: int, patience: float) -> str:
    done = subprocess.run(
        [sys.executable, "-c", REPLACE_REFUSED, str(path), str(refusals), str(patience)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def test_a_catalog_open_elsewhere_is_replaced_once_it_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "ui.po"
    path.write_bytes(b"before")
    assert write_while_in_use(path, refusals=3, patience=60) == "written"
    assert path.read_bytes() == b"written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ui.po"]  # no temporary file left


def test_a_catalog_held_open_too_long_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "ui.po"
    path.write_bytes(b"before")
    assert write_while_in_use(path, refusals=10**6, patience=0.05) == (
        "refused: The process cannot access the file: it is in use"
    )
    assert path.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ui.po"]
