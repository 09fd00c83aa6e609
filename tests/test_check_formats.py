"""The gate's output formats: JSON (matches status), GitHub annotations, JUnit XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.coverage.stats import SiteStats
from l10n.gate.run import GateFinding, GateResult
from l10n.render.check import render_check_junit, render_check_text
from l10n.render.ci import render_check_github

# ::error file=F,line=N,title=T::message -- properties without raw ',' ':' or newlines.
ANNOTATION = re.compile(
    r"^::(error|warning)(?: ((?:[a-z]+=[^,:\r\n]*)(?:,[a-z]+=[^,:\r\n]*)*))?"
    r"::([^\r\n]+)$"
)


def output(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["-c", str(site / "config.yaml"), *args])
    return code, capsys.readouterr().out


def test_json_parses_and_matches_status(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = output(site_dir, capsys, "check", "--format", "json")
    assert code == 1
    report = json.loads(out)
    _, status = output(site_dir, capsys, "status", "--format", "json")
    assert report["status"] == json.loads(status)
    assert report["version"] == 1
    assert report["passed"] is False
    assert report["summary"]["ro"] == {"errors": 37, "warnings": 6}
    first = report["findings"][0]
    assert set(first) == {
        "path",
        "line",
        "severity",
        "finding",
        "language",
        "kind",
        "domain",
        "identity",
        "source",
        "message",
    }
    keys = [
        (f["path"], f["line"] or 0, f["finding"], f["identity"] or "") for f in report["findings"]
    ]
    assert keys == sorted(keys)
    assert sum(1 for f in report["findings"] if f["severity"] == "error") == sum(
        row["errors"] for row in report["summary"].values()
    )


def test_json_for_one_language_matches_status_for_it(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = output(site_dir, capsys, "check", "--format", "json", "--lang", "ro")
    _, status = output(site_dir, capsys, "status", "--format", "json", "--lang", "ro")
    assert json.loads(out)["status"] == json.loads(status)


def test_github_output_follows_the_annotation_syntax(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = output(site_dir, capsys, "check", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    annotations, notice = lines[:-1], lines[-1]
    for line in annotations:
        assert ANNOTATION.match(line), line
    # GitHub shows 10 of each level: the 10 most important errors, then warnings
    levels = [line.split(" ", 1)[0] for line in annotations]
    assert levels == ["::error"] * 10 + ["::warning"] * 10
    assert all("title=l10n missing" in line for line in annotations[:10])
    assert notice.startswith("::notice title=l10n check failed::")
    _, report = output(site_dir, capsys, "check", "--format", "json")
    summary = json.loads(report)["summary"]
    errors = sum(totals["errors"] for totals in summary.values())
    warnings = sum(totals["warnings"] for totals in summary.values())
    assert f"::{errors} errors, {warnings} warnings; the {errors + warnings - 20} other" in notice


def test_github_escapes_data_and_properties() -> None:
    finding = GateFinding(
        "catalogs/a,b:c.po", 3, "missing", "id", "ro", "ui", "error", "x", "50% done\nnext line\r"
    )
    result = GateResult([finding], SiteStats("en", {}), ("ro",), ("ui",))
    lines = render_check_github(result).splitlines()
    assert lines[0] == (
        "::error file=catalogs/a%2Cb%3Ac.po,line=3,title=l10n missing (ro)::"
        "50%25 done%0Anext line%0D"
    )
    assert ANNOTATION.match(lines[0])
    assert lines[1] == "::notice title=l10n check failed::1 error, 0 warnings"


def test_junit_parses_with_a_test_case_per_language_and_kind(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = output(site_dir, capsys, "check", "--format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == ["ro", "de", "fr", "el", "it", "es", "sv"]
    ro = {case.get("name"): case for case in suites["ro"].findall("testcase")}
    assert list(ro) == ["menu", "ui", "article", "catalogs"]
    menu_failure = ro["menu"].find("failure")
    assert menu_failure is not None
    assert menu_failure.get("message") == "8 strings fail the policy"
    one = ro["catalogs"].find("failure")
    assert one is None or one.get("message") == "1 string fails the policy"
    assert len((menu_failure.text or "").splitlines()) == 8
    assert "Staff weeks & Job Shadowing" in (ro["menu"].findtext("system-out") or "")
    assert ro["article"].find("failure") is None
    assert ro["catalogs"].find("failure") is None
    assert suites["ro"].get("tests") == "4"
    assert suites["ro"].get("failures") == "2"
    assert root.get("failures") == str(2 * 7)


def test_junit_for_a_clean_run_has_no_failures(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_dir / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\npolicies:")], encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8") + "\npolicies:\n  menu: {fail: []}\n  ui: {fail: []}\n",
        encoding="utf-8",
    )
    code, out = output(site_dir, capsys, "check", "--format", "junit", "--lang", "de")
    assert code == 0
    root = ET.fromstring(out)
    assert root.get("failures") == "0"
    assert root.get("tests") == "4"


def test_text_and_junit_give_each_finding_the_same_compiler_style_line() -> None:
    findings = [
        GateFinding("a.po", 0, "coverage", "", "ro", "ui", "error", "", "m2"),
        GateFinding("a.po", 3, "missing", "id", "ro", "ui", "error", "x", "m1"),
        GateFinding("b.po", 0, "copy", "", "ro", "ui", "warning", "", "m4"),
        GateFinding("b.po", 7, "stale", "id", "ro", "ui", "warning", "y", "m3"),
    ]
    expected = [
        "a.po: coverage: m2",
        "a.po:3: missing: m1",
        "b.po: warning: copy: m4",
        "b.po:7: warning: stale: m3",
    ]
    result = GateResult(findings, SiteStats("en", {}), ("ro",), ("ui",))
    assert render_check_text(result).splitlines()[:5] == [*expected, ""]
    suites = ET.fromstring(render_check_junit(result))
    case = suites.find("testsuite/testcase[@name='ui']")
    assert case is not None
    assert case.findtext("failure") == "\n".join(expected[:2])
    assert case.findtext("system-out") == "\n".join(expected[2:])
