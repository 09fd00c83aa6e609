"""`l10n completion bash|zsh|fish`: a completion script made from the command line itself.

The script is generated from the argparse parser, so every command, option and choice the
tool has (including those added later) completes without a hand-kept list:

    l10n completion bash > ~/.local/share/bash-completion/completions/l10n
    l10n completion zsh > "${fpath[1]}/_l10n"
    l10n completion fish > ~/.config/fish/completions/l10n.fish
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass

SHELLS = ("bash", "zsh", "fish")


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    choices: tuple[str, ...]
    takes_value: bool


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Option, ...]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for your shell, made from the command line "
        "itself: every command, option and choice completes.",
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from l10n.cli.main import build_parser

    print(script(build_parser(), args.shell), end="")
    return 0


def describe(parser: argparse.ArgumentParser) -> tuple[tuple[Option, ...], tuple[Command, ...]]:
    """The global options and every command with its options, from the parser."""
    global_options = _options(parser)
    commands: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                commands.append(Command(name, helps.get(name, ""), _options(sub)))
    return global_options, tuple(commands)


def _options(parser: argparse.ArgumentParser) -> tuple[Option, ...]:
    found = []
    for action in parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        choices = tuple(str(choice) for choice in action.choices or ())
        found.append(
            Option(tuple(action.option_strings), action.help or "", choices, action.nargs != 0)
        )
    return tuple(found)


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    global_options, commands = describe(parser)
    if shell == "bash":
        return _bash(global_options, commands)
    if shell == "zsh":
        return _zsh(global_options, commands)
    return _fish(global_options, commands)


def _bash(global_options: tuple[Option, ...], commands: tuple[Command, ...]) -> str:
    names = " ".join(command.name for command in commands)
    flags = " ".join(flag for option in global_options for flag in option.flags)
    cases = []
    for command in commands:
        words = " ".join(flag for option in command.options for flag in option.flags)
        choice_cases = "".join(
            f"            {'|'.join(option.flags)}) "
            f'COMPREPLY=($(compgen -W {shlex.quote(" ".join(option.choices))} -- "$cur")); '
            "return;;\n"
            for option in command.options
            if option.choices
        )
        cases.append(
            f"        {command.name})\n"
            f'            case "$prev" in\n{choice_cases}'
            f"                -c|--config|-o|--output|--output-dir) "
            f'COMPREPLY=($(compgen -f -- "$cur")); return;;\n'
            f"            esac\n"
            f'            COMPREPLY=($(compgen -W {shlex.quote(words)} -- "$cur")); return;;\n'
        )
    if any(command.name == "completion" for command in commands):
        shells = " ".join(SHELLS)
        cases.insert(0, f'        completion) COMPREPLY=($(compgen -W "{shells}" -- "$cur")); '
                        "return;;\n")  # fmt: skip
    body = "".join(cases)
    return (
        "# bash completion for l10n (made by `l10n completion bash`)\n"
        "_l10n() {\n"
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd=""\n'
        "    local i\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        '        case "${COMP_WORDS[i]}" in -*) ;; *) '
        'if [[ "${COMP_WORDS[i-1]}" != "-c" && "${COMP_WORDS[i-1]}" != "--config" ]]; then '
        'cmd="${COMP_WORDS[i]}"; break; fi;; esac\n'
        "    done\n"
        '    case "$cmd" in\n'
        f'        "") COMPREPLY=($(compgen -W "{names} {flags}" -- "$cur")); return;;\n'
        f"{body}"
        "    esac\n"
        "}\n"
        "complete -o default -F _l10n l10n\n"
    )


def _zsh_escape(text: str) -> str:
    for special in ("\\", ":", "[", "]"):
        text = text.replace(special, "\\" + special)
    return text.replace("'", "'\\''")


def _zsh(global_options: tuple[Option, ...], commands: tuple[Command, ...]) -> str:
    lines = [
        "#compdef l10n",
        "# zsh completion for l10n (made by `l10n completion zsh`)",
        "_l10n() {",
        "  local -a commands",
        "  commands=(",
        *(f"    '{command.name}:{_zsh_escape(command.help)}'" for command in commands),
        "  )",
        "  _arguments -C \\",
        *(f"    {_zsh_option(option)} \\" for option in global_options),
        "    '1:command:->command' '*::arg:->args'",
        "  case $state in",
        "    command) _describe 'command' commands ;;",
        "    args)",
        "      case $words[1] in",
    ]
    for command in commands:
        specs = " ".join(_zsh_option(option) for option in command.options if option.flags)
        if command.name == "completion":
            specs += " '1:shell:(" + " ".join(SHELLS) + ")'"
        lines.append(f"        {command.name}) _arguments {specs} ;;")
    lines += ["      esac ;;", "  esac", "}", '_l10n "$@"', ""]
    return "\n".join(lines)


def _zsh_option(option: Option) -> str:
    help_text = _zsh_escape(option.help)
    action = ""
    if option.takes_value:
        action = ":value:(" + " ".join(option.choices) + ")" if option.choices else ":value:_files"
    flags = "{" + ",".join(option.flags) + "}" if len(option.flags) > 1 else option.flags[0]
    return f"'{flags}[{help_text}]{action}'" if len(option.flags) == 1 else (
        f"'({' '.join(option.flags)})'{flags}'[{help_text}]{action}'"
    )  # fmt: skip


def _fish(global_options: tuple[Option, ...], commands: tuple[Command, ...]) -> str:
    lines = ["# fish completion for l10n (made by `l10n completion fish`)",
             "complete -c l10n -f"]  # fmt: skip
    names = " ".join(command.name for command in commands)
    for command in commands:
        lines.append(
            f"complete -c l10n -n 'not __fish_seen_subcommand_from {names}' "
            f"-a {command.name} -d {shlex.quote(command.help)}"
        )
    for option in global_options:
        lines.append("complete -c l10n " + _fish_flags(option))
    for command in commands:
        when = f"-n '__fish_seen_subcommand_from {command.name}'"
        for option in command.options:
            if option.flags:
                lines.append(f"complete -c l10n {when} " + _fish_flags(option))
        if command.name == "completion":
            lines.append(f"complete -c l10n {when} -a '{' '.join(SHELLS)}'")
    return "\n".join(lines) + "\n"


def _fish_flags(option: Option) -> str:
    parts = []
    for flag in option.flags:
        parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
    if option.takes_value:
        parts.append("-r")
        if option.choices:
            parts.append("-a " + shlex.quote(" ".join(option.choices)))
    parts.append("-d " + shlex.quote(option.help))
    return " ".join(parts)
