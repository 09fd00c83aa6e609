"""The core never imports Textual: every `l10n` module loads in a fresh interpreter without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, pkgutil, sys
import l10n
names = [m.name for m in pkgutil.walk_packages(l10n.__path__, "l10n.")]
for name in names:
    importlib.import_module(name)
leaked = sorted(n for n in sys.modules if n == "textual" or n.startswith(("textual.", "tui")))
print(len(names), leaked)
raise SystemExit(1 if leaked else 0)
"""


def test_no_l10n_module_imports_textual_or_tui() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert int(done.stdout.split()[0]) > 10


def test_the_tui_command_is_registered_without_loading_textual() -> None:
    probe = (
        "import sys; from l10n.cli.main import build_parser; "
        "args = build_parser().parse_args(['tui', '--lang', 'de']); "
        "print(args.command, 'textual' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["tui", "False"]


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    from tests.tui_support import copy_bundled_site

    config_path = copy_bundled_site(tmp_path / "site")
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(config_path), "tui", "--lang", "xx"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown language 'xx'" in done.stderr
