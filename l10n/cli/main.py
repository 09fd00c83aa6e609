"""Entry point of the `l10n` command: parse, dispatch, render errors, return exit status.

A command imports only what it uses: the parser loads the module of the command named on
the command line, and every command's module only for help, completion or a mistyped
command (start-up of `l10n status` on a small project was mostly imports of the gate, the
checks and the caches that other commands use).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from l10n.cli.progress import RED, RESET, colour_enabled
from l10n.errors import L10nError
from l10n.exitcodes import ExitCode
from l10n.render.controls import escape_controls
from l10n.version import tool_version

# Shown under every command's --help (a command missing here shows none).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "sync": ("l10n sync", "l10n sync --check        # in CI: exit 1 when catalogs are out of date"),
    "status": ("l10n status", "l10n status --lang ro de --format json"),
    "check": (
        "l10n check",
        "l10n check --format github              # annotations + job summary",
        "l10n check --format sarif -o l10n.sarif # code scanning",
        "l10n check --format markdown --changed-since origin/main > comment.md",
        "l10n check --format junit -o l10n-junit.xml",
    ),
    "checks": ("l10n checks --list", "l10n checks --list --format markdown"),
    "report": (
        "l10n report",
        "l10n report --format html -o coverage.html",
        "l10n report --format markdown --history 20",
    ),
    "export": ("l10n export -o build/l10n", "l10n export --lang ro --include-review"),
    "pretranslate": (
        "l10n pretranslate --lang sv --kind menu --dry-run",
        "l10n pretranslate --lang sv de --limit 50",
    ),
    "preview": (
        "l10n preview --list",
        "l10n preview --lang ro aix-marseille-universite-societal-innovation-at-the-heart-o"
        "f-local-civis-days",
        "l10n preview --lang sv newsroom --format html -o newsroom.sv.html",
    ),
    "pseudo": ("l10n pseudo && l10n export    # then browse the site in en_XA",),
    "tui": ("l10n tui", "l10n tui --lang ro"),
    "completion": (
        "l10n completion bash > ~/.local/share/bash-completion/completions/l10n",
        'l10n completion zsh > "${fpath[1]}/_l10n"',
        "l10n completion fish > ~/.config/fish/completions/l10n.fish",
    ),
}
CONFIG_HELP = "the site's config.yaml (default: ./config.yaml)"


class _Formatter(argparse.HelpFormatter):
    """Wraps descriptions as usual but keeps an `examples:` epilog's lines as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


# Each command's module (in l10n.cli), with `register(commands)`.
COMMANDS: dict[str, str] = {
    "init": "init_cmd",
    "sync": "sync_cmd",
    "status": "status_cmd",
    "check": "check_cmd",
    "checks": "checks_cmd",
    "report": "report_cmd",
    "export": "export_cmd",
    "pretranslate": "pretranslate_cmd",
    "preview": "preview_cmd",
    "pseudo": "pseudo_cmd",
    "tui": "tui_cmd",
    "git-setup": "git_setup_cmd",
    "merge-driver": "merge_driver_cmd",
    "completion": "completion",
}
_OPTIONS_WITH_VALUE = ("-c", "--config")


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 on usage errors (as it does) and says so plainly."""


NO_COMMAND = ""  # `command_named`: the arguments need no command's module


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the arguments, it loads only the module of the command they name."""
    parser = _Parser(
        prog="l10n",
        description="Localisation workflow for a multilingual site: gettext catalogs in git, "
        "sync, status, a build gate, reports, export, machine translation and a terminal UI.",
        epilog="examples:\n  l10n sync && l10n status\n  l10n check --format github\n"
        "  l10n tui --lang ro\n\nRun `l10n COMMAND --help` for a command's options.",
        formatter_class=_Formatter,
    )
    parser.add_argument("-c", "--config", metavar="PATH", help=CONFIG_HELP)
    parser.add_argument("--version", action="version", version=f"l10n {tool_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = command_named(argv) if argv is not None else None
    for name, module in COMMANDS.items():
        if named in (None, name):  # no parser for the others: argparse asks gettext
            import_module(f"l10n.cli.{module}").register(commands)  # 3 times for each
    _finish_commands(commands)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command the arguments name, if one of COMMANDS (else None: every one is loaded).

    `--version` before any command names none (`NO_COMMAND`): argparse prints the version
    and exits before it reaches a command, so no command's module is loaded.
    """
    waiting_value = False
    for argument in argv:
        if waiting_value:
            waiting_value = False
        elif argument in _OPTIONS_WITH_VALUE:
            waiting_value = True
        elif argument == "--version":
            return NO_COMMAND
        elif argument in ("-h", "--help"):
            return None
        elif not argument.startswith("-"):
            return argument if argument in COMMANDS else None
    return None


def _finish_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Every command: a description, its examples, and -c/--config after its name too."""
    helps = {action.dest: action.help or "" for action in commands._choices_actions}
    for name, sub in commands.choices.items():
        sub.formatter_class = _Formatter
        if not sub.description:
            text = helps.get(name, "")
            sub.description = text[:1].upper() + text[1:] + "." if text else None
        if name in EXAMPLES and not sub.epilog:
            sub.epilog = "examples:\n" + "".join(f"  {line}\n" for line in EXAMPLES[name])
        if not any("--config" in action.option_strings for action in sub._actions):
            # SUPPRESS: given before the command, the global value is kept
            sub.add_argument(
                "-c", "--config", metavar="PATH", default=argparse.SUPPRESS, help=CONFIG_HELP
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    _tolerate_any_encoding()
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(arguments).parse_args(arguments)
    try:
        return int(args.func(args))
    except L10nError as error:
        label = "l10n: error:"
        if colour_enabled(sys.stderr):
            label = f"{RED}{label}{RESET}"
        print(f"{label} {escape_controls(error.describe())}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("l10n: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except OSError as error:  # the machine (disk full, no permission), not the tool
        print(f"l10n: error: {escape_controls(_os_problem(error))}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except Exception as error:  # a bug: a short message, the traceback in a file
        report = _crash_report(sys.argv[:1] + list(argv if argv is not None else sys.argv[1:]))
        print(
            f"l10n: internal error (a bug, not a problem of your files): "
            f"{type(error).__name__}; the details are in {report}",
            file=sys.stderr,
        )
        return ExitCode.INTERNAL_ERROR


def _tolerate_any_encoding() -> None:
    """Characters the terminal's encoding lacks (PYTHONIOENCODING=ascii) become escapes."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _os_problem(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


def _crash_report(argv: list[str]) -> str:
    """Write the traceback of the exception being handled to a file; return its path.

    What it needs is imported here: a tenth of every command's start-up otherwise.
    """
    import datetime as dt
    import platform
    import tempfile
    import traceback
    from pathlib import Path

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    lines = [
        f"l10n internal error, {stamp}, pid {os.getpid()}",
        f"command: {' '.join(argv)}",
        f"python: {platform.python_version()} on {platform.platform()}",
        "",
        traceback.format_exc(),
    ]
    try:
        handle, name = tempfile.mkstemp(prefix=f"l10n-crash-{stamp}-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write("\n".join(lines))
    except OSError:
        traceback.print_exc()
        return "the traceback above"
    return str(Path(name))


if __name__ == "__main__":
    sys.exit(main())
