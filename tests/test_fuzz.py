"""A fuzzer that keeps the broken-input matrix closed.

Hypothesis mutates the real files of the bundled site (its catalogs and templates, its
config, menus, interface strings, an article and the glossary): lines inserted from a list
of hostile snippets (YAML aliases and bombs, impossible dates, wrong types, misspelt keys;
duplicate entries, stray plural forms, bad escapes, broken headers), lines deleted or
doubled, entries doubled, characters replaced by control characters, quotes and
backslashes, files truncated or re-encoded (Latin-1, UTF-16, a BOM, CRLF, CR). Then sync,
status, check, report and export run on the damaged site, in process through the CLI's
`main`. Each run must either succeed, leaving catalogs `msgfmt --check` accepts, or exit 2
with `file:line` and every file unchanged; never an internal error (exit 70), never exit 1
for bad input (only `check` may, for findings).

The normal suite runs a small fixed-seed budget. A longer run:

    L10N_FUZZ_EXAMPLES=400 L10N_FUZZ_SEED=7 .venv/bin/python -m pytest -q tests/test_fuzz.py

With `L10N_FUZZ_REPORT=FILE` every failing input is described in FILE (one `input` line per
input tried) instead of the run stopping at the first.

A few examples also run as a subprocess under limits of memory (2 GiB) and CPU time (120 s).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from l10n.cli.main import main
from l10n.exitcodes import ExitCode
from tests.conftest import copy_site, project_files
from tests.test_format_safety import sphinx_site
from tests.test_hostile_yaml import bomb

EXAMPLES = int(os.environ.get("L10N_FUZZ_EXAMPLES", "10"))
SEED = int(os.environ.get("L10N_FUZZ_SEED", "20261203"))
REPORT = os.environ.get("L10N_FUZZ_REPORT")  # a file: every failure is written there, none raised
ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"
TARGETS = [
    "config.yaml",
    "content/menus.yaml",
    "content/ui.yaml",
    f"content/articles/{ARTICLE}.md",
    "glossary.yaml",
    "catalogs/menu.pot",
    "catalogs/ro/LC_MESSAGES/menu.po",
    "catalogs/ro/LC_MESSAGES/ui.po",
    "catalogs/de/LC_MESSAGES/ui.po",
    f"catalogs/fr/LC_MESSAGES/articles/{ARTICLE}.po",
]
YAML_SNIPPETS = [
    f"note: {bomb()}",
    f"  note: {bomb()}",
    "x: &a [1, 2]",
    "y: *a",
    "  <<: *nowhere",
    "date: 2022-02-31",
    "  text: 2022-02-31",
    "  - label: [1, 2]",
    "    path: {a: b}",
    "  - {label: Twice, path: /discover-civis-alliance}",
    'languages: ["xx"]',
    "languages: [no, yes]",
    "  fuzy_threshold: 3",
    "  ordr: [menu]",
    "  timout: 5",
    "  max_length: -1",
    "  max_length: 1e400",
    '  text: "\\e[2J\\a\\v"',
    '  note: "unterminated',
    "key: !!python/object/apply:os.system [echo]",
    "? [complex, key]",
    ": :",
    "---",
    "...",
    "\t- tab",
    "title: 2022-02-31",
    "summary: [not, text]",
    "catalogs: ../..",
    "  templates: [{path: catalogs/menu.pot, domain: ../..}]",
    "menu: {text: Menu}",
    "  - term: CIVIS",
]
PO_SNIPPETS = [
    'msgstr[1] "x"',
    'msgstr[0] "x"',
    'msgid_plural "many"',
    'msgctxt "header:/discover-civis-alliance"\nmsgid "Discover"\nmsgstr "Twice"',
    '"Plural-Forms: nplurals=2; plural=(n==0 ;\\n"',
    '"Plural-Forms: nplurals=1; plural=5;\\n"',
    'msgstr "a \\q b"',
    'msgstr "a\x1b[2J\x07 b"',
    'msgstr "\\x41"',
    '#~ msgid "old"\n#~ msgstr "vechi"',
    "#, fuzzy",
    '#| msgid "previous"',
    "#= flag",
    '"unterminated',
    "msgid",
    'msgctxt ""',
    "#: content/menus.yaml:999999999999",
    "# \x1b]0;title\x07",
    "",
]
CHARACTERS = ["\x00", "\x1b", "\x07", "\v", "\x85", '"', "\\", "\r", "\u2028", "\ufeff",
              ":", "#", "&", "*", "[", "{", "\t", "é", "\u202e", "%"]  # fmt: skip
# A project adopting Sphinx's catalogs (tests/data/adopt): its template and two catalogs.
ADOPTED_TARGETS = [
    "templates/sphinx.pot",
    "locale/ro/LC_MESSAGES/sphinx.po",
    "locale/el/LC_MESSAGES/sphinx.po",
]
COMMANDS = [["sync"], ["status"], ["check"], ["report"], ["report", "--format", "html"]]
LOCATION = re.compile(r"^l10n: error: \S+:\d+: ", re.MULTILINE)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site, synced once (the fuzzer starts from a clean state)."""
    site = tmp_path_factory.mktemp("pristine") / "site"
    copy_site(site)
    assert main(["-c", str(site / "config.yaml"), "sync"]) == 0
    return site


@pytest.fixture(scope="module")
def pristine_adopted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sphinx 7.4's real catalogs under Sphinx 9.0's template, adopted and synced once."""
    site = tmp_path_factory.mktemp("pristine-adopted") / "site"
    site.mkdir()
    sphinx_site(site)
    assert main(["-c", str(site / "config.yaml"), "sync"]) == 0
    return site


def mutate(text: str, data: st.DataObject, po: bool, done: list[str]) -> str | bytes:
    """One to three damages to a file's text (described in `done`); bytes if re-encoded."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3), label="damages")):
        where = data.draw(st.integers(0, max(0, len(lines) - 1)), label="line")
        operation = data.draw(
            st.sampled_from(["insert", "delete", "double", "character", "entry", "truncate"])
        )
        done.append(f"{operation} at line {where + 1}")
        if operation == "insert":
            snippets = PO_SNIPPETS if po else YAML_SNIPPETS
            snippet = data.draw(st.sampled_from(snippets))
            done.append(repr(snippet)[:80])
            lines[where:where] = snippet.split("\n")
        elif operation == "delete" and len(lines) > 1:
            del lines[where]
        elif operation == "double":
            lines.insert(where, lines[where])
        elif operation == "character":
            line = lines[where]
            at = data.draw(st.integers(0, len(line)), label="column")
            character = data.draw(st.sampled_from(CHARACTERS))
            done.append(f"{character!r} at column {at}")
            lines[where] = line[:at] + character + line[at + 1 :]
        elif operation == "entry":
            blocks = "\n".join(lines).split("\n\n")
            chosen = data.draw(st.integers(0, len(blocks) - 1), label="block")
            blocks.insert(chosen, blocks[chosen])
            lines = "\n\n".join(blocks).split("\n")
        elif operation == "truncate":
            lines = lines[: where + 1]
    result = "\n".join(lines)
    encoding = data.draw(
        st.sampled_from(["utf-8"] * 6 + ["latin-1", "utf-16", "bom", "crlf", "cr"]),
        label="encoding",
    )
    done.append(encoding)
    if encoding == "crlf":
        return result.replace("\n", "\r\n")
    if encoding == "cr":
        return result.replace("\n", "\r")
    if encoding == "bom":
        return "\ufeff" + result
    if encoding != "utf-8":
        return result.encode(encoding, errors="replace")
    return result


def run(site: Path, command: list[str]) -> tuple[int, str]:
    """`l10n COMMAND` in process; its exit status and stderr."""
    errors, output = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(output):
        status = main(["-c", str(site / "config.yaml"), *command])
    return status, errors.getvalue()


def msgfmt_refuses(paths: list[Path]) -> list[str]:
    """The catalogs among `paths` that `msgfmt --check` refuses, with its first complaint."""
    refused = []
    scratch = Path(tempfile.mkdtemp(prefix="msgfmt-lf-"))  # never inside the project
    for path in paths:
        data = path.read_bytes()
        if b"\r" in data and b"\n" not in data:  # msgfmt reads no CR-only file: give it LF
            path = scratch / path.name
            path.write_bytes(data.replace(b"\r", b"\n"))
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            refused.append(f"{path}: {done.stderr.splitlines()[:2]}")
    shutil.rmtree(scratch, ignore_errors=True)
    return refused


@contextlib.contextmanager
def damaged_site(
    pristine: Path, target: str, data: st.DataObject, done: list[str] | None = None
) -> Iterator[Path]:
    site = pristine.parent / "fuzzed"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(pristine, site, symlinks=True)
    path = site / target
    po = target.endswith((".po", ".pot"))
    damaged = mutate(path.read_text(encoding="utf-8"), data, po, [] if done is None else done)
    if isinstance(damaged, bytes):
        path.write_bytes(damaged)
    else:
        path.write_text(damaged, encoding="utf-8", newline="")
    try:
        yield site
    finally:
        shutil.rmtree(site, ignore_errors=True)


def check_run(site: Path, command: list[str], target: str) -> int:
    """Run one command and hold it to the contract; return its exit status."""
    before = project_files(site)
    status, error = run(site, command)
    assert status != ExitCode.INTERNAL_ERROR, f"{command} on a damaged {target}: {error}"
    assert "Traceback" not in error
    if status == ExitCode.BAD_INPUT:
        assert LOCATION.search(error), f"{command} on a damaged {target}: no file:line in {error}"
        assert project_files(site) == before, f"{command} changed files although it failed"
    elif status == ExitCode.FINDINGS:
        assert command[0] == "check", f"{command} exited 1 on a damaged {target}: {error}"
    else:
        assert status == ExitCode.OK, (status, error)
    if command == ["sync"] and status == ExitCode.OK and shutil.which("msgfmt"):
        after = project_files(site)
        changed = [name for name in after if after[name] != before.get(name)]
        catalogs = {name for name in [*changed, target] if name.endswith((".po", ".pot"))}
        assert msgfmt_refuses([site / name for name in sorted(catalogs)]) == []
        again, error = run(site, ["sync"])
        assert again == ExitCode.OK, error
        assert project_files(site) == after, "not idempotent"
    return status


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the draws are printed as they are
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@seed(SEED)
@FUZZ_SETTINGS
@given(target=st.sampled_from(TARGETS), data=st.data())
def test_damaged_sites_are_refused_cleanly_or_handled(
    pristine: Path, target: str, data: st.DataObject
) -> None:
    fuzz_once(pristine, target, data)


@seed(SEED + 2)
@FUZZ_SETTINGS
@given(target=st.sampled_from(ADOPTED_TARGETS), data=st.data())
def test_damaged_adopted_catalogs_are_refused_cleanly_or_handled(
    pristine_adopted: Path, target: str, data: st.DataObject
) -> None:
    """The same with catalogs nobody here made: Sphinx's, as its own tools wrote them."""
    fuzz_once(pristine_adopted, target, data)


def fuzz_once(pristine: Path, target: str, data: st.DataObject) -> None:
    """Damage `target` in a copy of `pristine` and hold every command to the contract."""
    done: list[str] = []
    with damaged_site(pristine, target, data, done) as site:
        try:
            for command in COMMANDS:
                check_run(site, command, target)
            check_run(site, ["export", "-o", str(site.parent / "export-out")], target)
        except AssertionError as failure:
            if not REPORT:
                raise
            with Path(REPORT).open("a", encoding="utf-8") as report:
                report.write(f"--- {target}: {'; '.join(done)}\n{str(failure)[:600]}\n")
        if REPORT:
            with Path(REPORT).open("a", encoding="utf-8") as report:
                report.write("input\n")


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (120, 120))


@seed(SEED + 1)
@settings(
    max_examples=max(2, EXAMPLES // 6),
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the draws are printed as they are
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(target=st.sampled_from(TARGETS), data=st.data())
def test_damaged_sites_stay_within_memory_and_time(
    pristine: Path, target: str, data: st.DataObject
) -> None:
    """The same, as separate processes under a memory and a CPU limit (never killed)."""
    with damaged_site(pristine, target, data) as site:
        for command in (["sync"], ["check"]):
            done = subprocess.run(
                [sys.executable, "-m", "l10n.cli.main", "-c", str(site / "config.yaml"), *command],
                capture_output=True,
                text=True,
                preexec_fn=_limits,
                check=False,
            )
            assert done.returncode in (0, 1, 2), f"{command}: {done.returncode} {done.stderr}"
            assert "Traceback" not in done.stderr
