"""What the wheel puts in site-packages, and the console script beside a foreign `l10n`."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO, slow


@slow
def test_the_wheel_holds_our_packages_and_a_uniquely_named_entry_module(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("l10n_workflow-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"l10n", "tui", "l10n_workflow_cli.py"}
    assert "tui/l10n.tcss" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "l10n = l10n_workflow_cli:main" in text


def run_script(
    *args: str, cwd: Path, foreign: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The console script's function, run from `cwd` (not the source tree, whose own `l10n`
    would come first), with `foreign` first on the path."""
    env = {**os.environ}
    if foreign is not None:
        env["PYTHONPATH"] = str(foreign)
    program = "import sys, l10n_workflow_cli; sys.argv[1:] = sys.argv[1:]; " \
              "sys.exit(l10n_workflow_cli.main())"  # fmt: skip
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_foreign_l10n_package_gets_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    assert run_script("--version", cwd=tmp_path).stdout.startswith("l10n ")
    foreign = tmp_path / "site-packages"
    (foreign / "l10n").mkdir(parents=True)
    (foreign / "l10n" / "__init__.py").write_text("'''Someone else's l10n.'''\n")
    done = run_script("--version", cwd=tmp_path, foreign=foreign)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "the Python package 'l10n' here is not l10n-workflow's" in done.stderr
    assert str(foreign / "l10n") in done.stderr
    assert "virtual environment of its own" in done.stderr
