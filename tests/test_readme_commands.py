"""The README's table of commands names every option and format each command has, and no other."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from l10n.cli.main import build_parser

REPO = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| `l10n ([a-z-]+)([^`]*)` \|", re.M)
UNLISTED = {"-h", "--help", "-c", "--config"}  # every command has them; README says so once


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("l10n has no commands")


def _table() -> dict[str, str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return {name: usage for name, usage in ROW.findall(readme)}


def test_every_command_has_a_row() -> None:
    assert set(_table()) == set(_commands())


def test_each_row_names_the_options_the_command_has() -> None:
    table = _table()
    wrong: list[str] = []
    for name, command in _commands().items():
        if name not in table:
            continue  # test_every_command_has_a_row says so
        usage = table[name]
        listed = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage))
        options = {
            option
            for action in command._actions
            for option in action.option_strings
            if option not in UNLISTED
        }
        missing = [
            action.option_strings[-1]
            for action in command._actions
            if set(action.option_strings) - UNLISTED
            and action.help != argparse.SUPPRESS
            and not listed & set(action.option_strings)
        ]
        if missing:
            wrong.append(f"{name}: README leaves out {sorted(missing)}")
        if unknown := listed - options:
            wrong.append(f"{name}: README names {sorted(unknown)}, which it lacks")
        for action in command._actions:
            if "--format" in action.option_strings and action.choices is not None:
                found = re.search(r"--format ([a-z|\\]+)", usage)
                said = found.group(1).replace("\\", "").split("|") if found else []
                if said != list(action.choices):
                    wrong.append(f"{name}: README's formats {said}, it has {list(action.choices)}")
    assert wrong == [], "\n".join(wrong)
