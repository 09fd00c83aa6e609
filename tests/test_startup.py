"""A command imports only what it uses: `l10n status` loads no gate, check run, report,
export, machine translation or TUI code (they were most of a small project's start-up); a
warm one answered from the cache no catalog reader, polib, rapidfuzz or check, and, its
config read from the cache (l10n/settings.py), no YAML parser, no Babel and no validator of
the sections it does not read; `--version` no command and no package metadata."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.cli.main import COMMANDS, NO_COMMAND, build_parser, command_named

REPO = Path(__file__).resolve().parent.parent
NOT_FOR_STATUS = (
    "l10n.cli.check_cmd",
    "l10n.cli.report_cmd",
    "l10n.cli.export_cmd",
    "l10n.cli.pretranslate_cmd",
    "l10n.gate.run",
    "l10n.gate.scan",
    "l10n.gate.cache",
    "l10n.render.check",
    "l10n.render.report_html",
    "l10n.mt.service",
    "l10n.export",
    "l10n.cli.pseudo_cmd",
    "l10n.sync.run",
    "textual",
)
# A warm status (every input known unchanged by the cache) reads no catalog and runs no check.
NOT_FOR_WARM_STATUS = (
    "polib",
    "rapidfuzz",
    "l10n.po.catalog",
    "l10n.po.fast",
    "l10n.checks.registry",
    "l10n.checks.patterns",
    "xml.etree.ElementTree",
    # the config, checked before, comes from the cache: no YAML parsing, no Babel for its
    # language codes, no validation of every section, and the copy rule without the glossary
    "yaml",
    "babel",
    "l10n.gate.policy",
    "l10n.export_settings",
    "l10n.mt.config",
    "l10n.mt.pseudo",
    # only a crash report needs these, only --version the package metadata (none now)
    "traceback",
    "platform",
    "importlib.metadata",
)


def _imported(argv: list[str], names: tuple[str, ...], cwd: Path = REPO) -> tuple[str, str]:
    """Run `l10n ARGV` in a fresh interpreter: its exit status and output, and which of
    `names` it imported."""
    probe = (
        "import sys; from l10n.cli.main import main\n"
        f"try:\n    code = main({argv!r})\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print(code, file=sys.stderr)\n"
        f"print(sorted(set({names!r}) & set(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=False
    )
    return done.stdout, "\n".join(done.stderr.splitlines()[-2:])


def test_status_imports_only_what_it_uses(site_dir: Path) -> None:
    argv = ["-c", str(site_dir / "config.yaml"), "status", "--format", "json"]
    shown, imported = _imported(argv, NOT_FOR_STATUS)
    assert imported == "0\n[]"
    assert json.loads(shown)  # the status itself, complete


def test_a_warm_status_reads_no_catalog_and_imports_no_check(site_dir: Path) -> None:
    argv = ["-c", str(site_dir / "config.yaml"), "status", "--format", "json"]
    cold, _ = _imported(argv, ())
    warm, imported = _imported(argv, NOT_FOR_WARM_STATUS)
    assert imported == "0\n[]"
    assert warm == cold and json.loads(warm)["languages"]  # the same status, complete


def test_a_config_kept_in_the_cache_folder_it_names_is_read_from_there(site_dir: Path) -> None:
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "cache: 'build/l10n cache' # here\n")
    argv = ["-c", str(config), "status", "--format", "json"]
    cold, _ = _imported(argv, ())
    warm, imported = _imported(argv, ("yaml", "babel"))
    assert imported == "0\n[]"
    assert warm == cold and json.loads(warm)["languages"]


def test_version_loads_no_command() -> None:
    commands = tuple(f"l10n.cli.{module}" for module in COMMANDS.values())
    shown, imported = _imported(["--version"], (*commands, "importlib.metadata", "l10n.config"))
    assert shown.startswith("l10n ")
    assert imported == "0\n[]"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["status"], "status"),
        (["-c", "site/config.yaml", "check", "--format", "json"], "check"),
        (["--config", "status", "sync"], "sync"),  # the option's value is not the command
        (["--config=x.yaml", "report"], "report"),
        (["-h"], None),
        (["--version"], NO_COMMAND),
        (["-c", "site/config.yaml", "--version", "status"], NO_COMMAND),
        (["statu"], None),  # a mistyped command: every command loaded, argparse suggests
        ([], None),
    ],
)
def test_the_command_named_on_the_line(argv: list[str], named: str | None) -> None:
    assert command_named(argv) == named


def test_help_lists_every_command() -> None:
    text = build_parser([]).format_help()
    assert all(name in text for name in COMMANDS)
