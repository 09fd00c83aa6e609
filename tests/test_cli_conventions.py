"""Command-line conventions: --version, help with examples, options after the command,
shell completion that real shells load and complete with."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from l10n.cli.main import EXAMPLES, build_parser, main


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"l10n {version('l10n-workflow')}\n"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_a_description_and_examples(name: str) -> None:
    sub = commands()[name]
    assert sub.description and len(sub.description) > 20
    text = sub.format_help()
    if name in EXAMPLES:
        assert "examples:\n" in text
        for line in EXAMPLES[name]:
            assert f"  {line}\n" in text
    assert "-c PATH, --config PATH" in text


def test_config_after_the_command(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(site_dir / "config.yaml")
    assert main(["-c", config, "status", "--format", "json"]) == 0
    before = capsys.readouterr().out
    assert main(["status", "--format", "json", "-c", config]) == 0
    assert capsys.readouterr().out == before


def complete_in_bash(script: str, words: list[str]) -> list[str]:
    """Load the script in a real bash, complete `words` (the last one being typed)."""
    quoted = " ".join(f"'{word}'" for word in words)
    program = (
        f"{script}\nCOMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; _l10n; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True)
    return done.stdout.split()


def completion_script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def test_bash_completion_completes_commands_options_and_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    script = completion_script("bash", capsys)
    assert complete_in_bash(script, ["l10n", "ch"]) == ["check", "checks"]
    assert complete_in_bash(script, ["l10n", "check", "--format", ""]) == [
        "text", "json", "github", "junit", "sarif", "markdown",
    ]  # fmt: skip
    assert "--changed-since" in complete_in_bash(script, ["l10n", "check", "--"])
    assert complete_in_bash(script, ["l10n", "-c", "x.yaml", "sta"]) == ["status"]
    assert complete_in_bash(script, ["l10n", "completion", ""]) == ["bash", "zsh", "fish"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_parse(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    script = completion_script(shell, capsys)
    assert "check" in script and "--changed-since" in script.replace(
        "-l changed-since", "--changed-since"
    )
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed")
    done = subprocess.run([program, "-n"], input=script, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def run_on_a_terminal(site: Path, *args: str, **env: str) -> str:
    """Run `l10n` with stdout and stderr on a real pseudo-terminal; return what it showed."""
    import os
    import pty
    import sys

    main_fd, child_fd = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update({"TERM": "xterm-256color", **env})
    process = subprocess.Popen(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(site / "config.yaml"), *args],
        stdout=child_fd,
        stderr=child_fd,
        env=environment,
    )
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_only_and_never_with_no_color(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = run_on_a_terminal(site_dir, "check")
    assert "\x1b[31mmissing\x1b[0m: " in shown
    assert "\x1b[1m\x1b[31mcheck failed" in shown
    plain = run_on_a_terminal(site_dir, "check", NO_COLOR="1")
    assert "\x1b[31m" not in plain and "missing: " in plain
    assert main(["-c", str(site_dir / "config.yaml"), "check"]) == 1
    piped = capsys.readouterr().out
    assert "\x1b" not in piped and "missing: " in piped


def test_sync_shows_progress_on_a_terminal(site_dir: Path) -> None:
    shown = run_on_a_terminal(site_dir, "sync")
    assert "l10n sync" in shown and "7/7" in shown and "catalogs are up to date" in shown


WORKING = {
    "status": "l10n status: counting",
    "check": "l10n check: reading the catalogs",
    "report": "l10n report: counting",
    "export": "l10n export: writing",
}


@pytest.mark.parametrize("command", sorted(WORKING))
def test_commands_of_unknown_length_say_they_are_working_on_a_terminal_only(
    site_dir: Path, command: str
) -> None:
    import subprocess
    import sys

    assert WORKING[command] in run_on_a_terminal(site_dir, command)
    piped = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(site_dir / "config.yaml"), command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert piped.returncode in (0, 1), piped.stderr
    assert WORKING[command] not in piped.stderr + piped.stdout
