"""Control characters from data never reach an output raw; a crash never looks like findings.

Control characters go into the real site the way they arrive in practice: an ESC sequence,
a BEL and a vertical tab (pasted from Word) in the English of an interface string (YAML's
double-quoted escapes), and an ESC and a bidirectional override in a Romanian translation.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.exitcodes import ExitCode
from l10n.po.catalog import read_catalog, write_catalog

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def poison(site: Path) -> None:
    """Control characters in one English text and in one Romanian translation."""
    ui = site / "content/ui.yaml"
    text = ui.read_text(encoding="utf-8")
    text = text.replace("  text: Related news\n", '  text: "Related\\e[2J\\e]0;pwned\\a news\\v"\n')
    # translated in Romanian: stale after this, so the report's stale list shows it
    text = text.replace("  text: Skip to content\n", '  text: "Skip to\\e[5m content"\n')
    ui.write_text(text, encoding="utf-8")
    assert main(["-c", str(site / "config.yaml"), "sync"]) == 0
    path = site / "catalogs/ro/LC_MESSAGES/menu.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog if e.msgid == "Our work")
    entry.msgstr = "Activitatea\x1b[31m noastră\u202e"
    entry.flags.append("fuzzy")  # needs review: reported by check and report
    write_catalog(catalog, path)


FORMATS = [
    ["check", "--format", "text"],
    ["check", "--format", "github"],
    ["check", "--format", "json"],
    ["check", "--format", "junit"],
    ["report", "--format", "text"],
    ["report", "--format", "markdown"],
    ["report", "--format", "html"],
    ["report", "--format", "json"],
    ["status"],
    ["status", "--format", "json"],
]


@pytest.mark.parametrize("command", FORMATS, ids=["-".join(c[:3:2]) for c in FORMATS])
def test_control_characters_are_escaped_in_every_output(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    poison(site_dir)
    capsys.readouterr()
    summary = site_dir.parent / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    status = main(["-c", str(site_dir / "config.yaml"), *command])
    assert status in (ExitCode.OK, ExitCode.FINDINGS)
    out = capsys.readouterr().out
    if command[-1] == "github":  # the annotations show the first ten; the summary has all
        out = summary.read_text(encoding="utf-8")
    assert RAW_CONTROL.search(out) is None, RAW_CONTROL.search(out)
    if command[0] == "report" and command[-1] != "json":
        # Markdown escapes the backslash (and the [) so that it shows as written
        assert ("Skip to\\\\u001b" if command[-1] == "markdown" else "Skip to\\u001b") in out
    if command[0] == "check" and command[-1] != "github":
        assert "Related\\u001b[2J\\u001b]0;pwned\\u0007 news\\u000b" in out
    if command[-1] == "junit":
        ET.fromstring(out.encode("utf-8"))  # well-formed XML
    if command[-1] == "json":
        document = json.loads(out)
        if command[0] == "check":
            sources = {finding["source"] for finding in document["findings"]}
            assert "Related\x1b[2J\x1b]0;pwned\x07 news\x0b" in sources  # JSON keeps the data


def test_a_message_about_bad_input_escapes_what_it_quotes(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = site_dir / "catalogs/ro/LC_MESSAGES/menu.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "\x1b[2J\n', encoding="utf-8")
    assert main(["-c", str(site_dir / "config.yaml"), "status"]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "\\u001b[2J" in error


def test_an_ascii_terminal_gets_escapes_not_a_traceback(site_dir: Path) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(site_dir / "config.yaml"), "check"],
        capture_output=True,
        env=environment,
        check=False,
    )
    assert done.returncode == ExitCode.FINDINGS, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert b"\\u0103" in done.stdout  # the Romanian of the findings, escaped


def test_an_internal_error_has_its_own_exit_status_and_a_report(
    site_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Memory running out while a catalog is read: not findings (1), not bad input (2)."""

    def out_of_memory(self: polib.POFile, entry: polib.POEntry) -> None:
        raise MemoryError

    monkeypatch.setattr(polib.POFile, "append", out_of_memory)  # a dependency, not our code
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    assert main(["-c", str(site_dir / "config.yaml"), "status"]) == ExitCode.INTERNAL_ERROR == 70
    error = capsys.readouterr().err
    assert "Traceback" not in error
    report = Path(error.rsplit("the details are in ", 1)[1].strip())
    assert report.parent == tmp_path
    assert "MemoryError" in report.read_text(encoding="utf-8")
    assert "Traceback" in report.read_text(encoding="utf-8")
