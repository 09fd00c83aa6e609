"""`l10n check`: the build gate; exit 0 clean, 1 findings that fail the policy, 2 bad input."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from l10n.cache.store import Cache, committed
from l10n.cli.common import add_language_option, config_from, emit_parts, languages_from
from l10n.cli.progress import colour_enabled, coloured_check_lines, is_terminal, working
from l10n.config import KINDS, Config
from l10n.errors import L10nError
from l10n.exitcodes import ExitCode
from l10n.gate.cache import CheckAnswer, answered
from l10n.gate.checks import site_checks
from l10n.gate.findings import Findings
from l10n.gate.run import GateOptions, GateResult, run_gate
from l10n.render.check import PARTS, RENDERERS, SOURCES_SHOWN, render_check_error
from l10n.render.ci import github_step_summary
from l10n.render.controls import escape_controls


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="the build gate: fail on strings the policies require",
        description="Apply the policies of config.yaml to every catalog. Exit status: 0 "
        "clean, 1 findings that fail the build, 2 bad input or usage.",
    )
    add_language_option(parser)
    parser.add_argument(
        "--kind", action="extend", nargs="+", choices=KINDS, help="only these kinds"
    )
    parser.add_argument(
        "--format",
        choices=tuple(RENDERERS),
        default="text",
        help="text (compiler-style lines), json, github (annotations; the whole list goes to "
        "$GITHUB_STEP_SUMMARY when set), junit, sarif (code scanning) or markdown (a "
        "pull-request comment; with --changed-since, what the pull request adds or changes)",
    )
    parser.add_argument(
        "--changed-since", metavar="REV", help="only units added or changed since this git revision"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    parser.add_argument(
        "--files",
        nargs="*",
        metavar="FILE",
        help="only findings in these catalogs (pre-commit passes the files a commit "
        "touches); a changed template, content file or config checks everything",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    kinds = tuple(kind for kind in KINDS if kind in args.kind) if args.kind else KINDS
    languages = languages_from(args, config)

    computed: list[GateResult] = []
    only = catalogs_named(config, args.files) if args.files is not None else None
    # GitHub's job summary takes the whole list: computed then, never taken from the cache
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None
    sources = args.format in SOURCES_SHOWN
    coloured = args.format == "text" and args.output is None and colour_enabled(sys.stdout)
    # a report computed now is written as it is rendered, unless a terminal shows it (after
    # the spinner, and coloured)
    terminal = not args.output and is_terminal(sys.stdout)
    streamed = _Streamed(args.output) if not coloured and not terminal else None
    try:
        with committed(Cache.of(config)) as cache, streamed or contextlib.nullcontext():
            if cache is not None:  # the site read is encoded once the workers scan
                cache.hold()

            def compute() -> CheckAnswer:
                quality = site_checks(config)
                options = GateOptions(
                    languages, kinds, args.changed_since, quality=quality, sources=sources
                )
                result = run_gate(config, options, cache=cache)
                if only is not None:
                    named = Findings.of(f for f in result.findings if f.path in only)
                    result = replace(result, findings=named)
                computed.append(result)
                report = PARTS[args.format](result)
                if streamed is not None:
                    report = streamed.written(report)
                errors, warnings = result.error_count, result.warning_count
                return CheckAnswer.of(report, result.passed, errors, warnings)

            with working("l10n check: reading the catalogs"):
                if args.changed_since or summary_file or only is not None:
                    answer = compute()
                else:
                    answer = answered(config, cache, (languages, kinds, args.format), compute)
    except L10nError as error:  # bad input: said in the format asked for too, then exit 2
        emit_parts([render_check_error(args.format, error)], args.output)
        raise
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write(escape_controls(github_step_summary(computed[0])))
    if streamed is None or not streamed.wrote:
        parts = answer.report_parts()
        if coloured:  # the data's control characters escaped first, then the colours added
            parts = coloured_check_lines(escape_controls(part) for part in parts)
        emit_parts(parts, args.output, escaped_already=coloured)
    if args.format != "text" or args.output:
        verdict = "passed" if answer.passed else "failed"
        print(
            f"l10n check {verdict}: {answer.errors} errors, {answer.warnings} warnings",
            file=sys.stderr,
        )
    return ExitCode.OK if answer.passed else ExitCode.FINDINGS


class _Streamed(contextlib.AbstractContextManager["_Streamed"]):
    """A report computed now, written to `output` (or stdout) as it is rendered and kept
    (it was kept compressed, then decompressed to be written: 48 MB of text at the 30k
    catalog shape). `output` is opened at the first piece, once the gate's result is in
    (bad input is said there in the format asked for), and closed with this context."""

    def __init__(self, output: str | None) -> None:
        self.output = output
        self.stream: TextIO | None = None
        self.wrote = False

    def written(self, parts: Iterable[str]) -> Iterator[str]:
        """`parts`, each written (its control characters escaped) before it is given on."""
        for part in parts:
            self._stream().write(escape_controls(part))
            yield part
        self._stream()
        self.wrote = True

    def _stream(self) -> TextIO:
        if self.stream is None:
            self.stream = sys.stdout
            if self.output:
                self.stream = open(self.output, "w", encoding="utf-8")  # noqa: SIM115
        return self.stream

    def __exit__(self, *exc_info: object) -> None:
        if self.stream is not None and self.stream is not sys.stdout:
            self.stream.close()


def catalogs_named(config: Config, files: list[str]) -> set[str] | None:
    """The catalogs among `files`, as the gate names them; None when another file changed
    (a template, the content, the config: then every catalog may have findings)."""
    named: set[str] = set()
    templates = {template.path.resolve() for template in config.templates}
    for name in files:
        path = Path(name).resolve()
        if path.suffix != ".po" or path in templates:  # Django's template is a `.po`
            return None
        try:
            named.add(path.relative_to(config.root.resolve()).as_posix())
        except ValueError:
            continue  # a catalog of another project in the same repository
    return named
