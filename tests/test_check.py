"""`l10n check`, the build gate, on a private copy of the bundled site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.config import load_config
from l10n.sources.site import load_site
from tests.conftest import DATA

SIX_EMPTY = ("de", "fr", "el", "it", "es", "sv")
LINE = re.compile(
    r"^(?P<path>[^:]+)(?::(?P<line>\d+))?: (?P<warning>warning: )?"
    r"(?P<finding>[a-z-]+): (?P<message>.+)$"
)
NOTHING_REQUIRED = """
policies:
  menu: {fail: [], report: []}
  ui: {fail: [], report: [copy]}
  article: {fail: [], report: [coverage]}
"""


def run(site: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["-c", str(site / "config.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(out: str) -> list[dict[str, str]]:
    return [match.groupdict() for line in out.splitlines() if (match := LINE.match(line))]


def set_policies(site: Path, policies: str) -> None:
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\npolicies:")] + policies, encoding="utf-8")


def menu_count(site: Path) -> int:
    return len(load_site(load_config(site / "config.yaml")).templates["menu"])


def test_bundled_site_fails_with_missing_menu_strings_of_six_empty_languages(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(site_dir, "check", capsys=capsys)
    assert code == 1
    found = findings(out)
    menus = menu_count(site_dir)
    for language in SIX_EMPTY:
        menu_errors = [
            f
            for f in found
            if f["path"] == f"catalogs/{language}/LC_MESSAGES/menu.po" and not f["warning"]
        ]
        assert len(menu_errors) == menus
        assert {f["finding"] for f in menu_errors} == {"missing"}
    assert out.rstrip().endswith("warnings")
    assert "check failed" in out


def test_romanian_findings_are_the_ones_the_policy_makes_fatal(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(site_dir, "check", "--lang", "ro", capsys=capsys)
    found = findings(out)
    errors = [f for f in found if not f["warning"]]
    assert {(f["path"], f["finding"]) for f in errors} == {
        ("catalogs/ro/LC_MESSAGES/menu.po", "missing"),
        ("catalogs/ro/LC_MESSAGES/ui.po", "missing"),
    }
    assert len([f for f in errors if f["path"].endswith("menu.po")]) == 8
    assert len([f for f in errors if f["path"].endswith("ui.po")]) == 29
    copies = sorted(f["message"] for f in found if f["finding"] == "copy")
    assert copies == [
        'header:/discover-civis-alliance/civis-association "CIVIS Association"',
        "header:/learn/keep-on-learning-with-staff-weeks-andamp-job-shadowing "
        '"Staff weeks & Job Shadowing"',
    ]
    assert all(f["warning"] for f in found if f["finding"] in ("copy", "coverage"))
    assert "ro: 37 errors, 6 warnings" in out


def test_lines_point_at_the_msgid_of_the_entry(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(site_dir, "check", "--lang", "ro", "--kind", "menu", capsys=capsys)
    catalog = (site_dir / "catalogs/ro/LC_MESSAGES/menu.po").read_text(encoding="utf-8")
    lines = catalog.splitlines()
    for finding in findings(out):
        if finding["line"]:
            assert lines[int(finding["line"]) - 1].startswith("msgid ")


def test_a_policy_that_requires_nothing_passes(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_policies(site_dir, NOTHING_REQUIRED)
    code, out, _ = run(site_dir, "check", capsys=capsys)
    assert code == 0
    assert "check passed: 0 errors" in out
    assert all(f["warning"] for f in findings(out))


def test_lang_and_kind_limit_the_findings(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(site_dir, "check", "--lang", "de", "--kind", "ui", capsys=capsys)
    assert code == 1
    assert {f["path"] for f in findings(out)} == {"catalogs/de/LC_MESSAGES/ui.po"}


def test_unknown_language_is_a_usage_error(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(site_dir, "check", "--lang", "pt", capsys=capsys)
    assert code == 2
    assert "unknown language 'pt'" in err


def test_output_is_sorted_and_deterministic(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, first, _ = run(site_dir, "check", capsys=capsys)
    _, second, _ = run(site_dir, "check", capsys=capsys)
    assert first == second
    located = [(f["path"], int(f["line"] or 0)) for f in findings(first)]
    assert located == sorted(located)


def test_output_file(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = site_dir / "gate.txt"
    code, out, err = run(site_dir, "check", "-o", str(target), capsys=capsys)
    assert code == 1
    assert out == ""
    assert "l10n check failed" in err
    assert "check failed" in target.read_text(encoding="utf-8")


def test_stale_strings_fail(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    menus = site_dir / "content/menus.yaml"
    menus.write_text(
        menus.read_text(encoding="utf-8").replace("label: Our work\n", "label: Our daily work\n"),
        encoding="utf-8",
    )
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0
    capsys.readouterr()
    _, out, _ = run(site_dir, "check", "--lang", "ro", capsys=capsys)
    stale = [f for f in findings(out) if f["finding"] == "stale"]
    assert [f["message"] for f in stale] == [
        'header:/discover-civis-alliance/our-work "Our daily work"'
    ]
    assert not stale[0]["warning"]


def test_catalogs_out_of_date_fail_and_say_to_run_sync(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_policies(site_dir, NOTHING_REQUIRED)
    ui = site_dir / "content/ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + "newsletter_cta: Subscribe\n", encoding="utf-8")
    before = {path: path.read_bytes() for path in (site_dir / "catalogs").rglob("*.po*")}
    code, out, _ = run(site_dir, "check", capsys=capsys)
    assert code == 1
    stale_catalogs = [f for f in findings(out) if f["finding"] == "out-of-date"]
    assert {f["path"] for f in stale_catalogs} == {"catalogs/ui.pot"} | {
        f"catalogs/{code}/LC_MESSAGES/ui.po" for code in ("ro", *SIX_EMPTY)
    }
    assert "run `l10n sync`" in out
    assert before == {path: path.read_bytes() for path in (site_dir / "catalogs").rglob("*.po*")}


def git(site: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=site, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_reports_only_the_new_menu_item(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(site_dir, "init", "-q")
    git(site_dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", ".")
    git(site_dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "site")
    menus = site_dir / "content/menus.yaml"
    menus.write_text(
        menus.read_text(encoding="utf-8").replace(
            "footer:\n", "footer:\n  - label: Podcasts\n    path: /podcasts\n", 1
        ),
        encoding="utf-8",
    )
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0
    git(site_dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qam", "item")
    capsys.readouterr()
    code, out, _ = run(site_dir, "check", "--changed-since", "HEAD~1", capsys=capsys)
    assert code == 1
    found = findings(out)
    assert [(f["path"], f["finding"], f["message"]) for f in found] == [
        (f"catalogs/{code}/LC_MESSAGES/menu.po", "missing", 'footer:/podcasts "Podcasts"')
        for code in sorted(("ro", *SIX_EMPTY))
    ]
    assert "units changed since HEAD~1" in out
    code, out, _ = run(site_dir, "check", "--changed-since", "HEAD", capsys=capsys)
    assert (code, findings(out)) == (0, [])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_an_unknown_revision_is_a_usage_error(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(site_dir, "init", "-q")
    code, _, err = run(site_dir, "check", "--changed-since", "no-such-rev", capsys=capsys)
    assert code == 2
    assert "unknown git revision 'no-such-rev'" in err


BAD_CONFIGS = [
    ("policies-unknown-kind.yaml", 10, "unknown key 'policies.menue' (did you mean 'menu'?)"),
    (
        "policies-unknown-finding.yaml",
        13,
        "unknown finding 'mising' in 'policies.ui.fail' (did you mean 'missing'?)",
    ),
    (
        "policies-unknown-kind-key.yaml",
        12,
        "unknown key 'policies.article.min_coverge' (did you mean 'min_coverage'?)",
    ),
    ("policies-bad-coverage.yaml", 11, "'policies.article.min_coverage' must be a percentage"),
    ("policies-bad-grace.yaml", 11, "'policies.article.grace_days' must be a whole number"),
    ("policies-unknown-language.yaml", 11, "names language 'fr', which is not one of the site's"),
    ("policies-exempt-without-id.yaml", 12, "an exemption needs an 'id'"),
    ("policies-not-a-mapping.yaml", 9, "'policies' must be a mapping"),
    ("policies-fail-not-a-list.yaml", 11, "'policies.menu.fail' must be a list"),
    ("policies-invalid-yaml.yaml", 12, "invalid YAML"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD_CONFIGS)
def test_bad_policies_give_file_line_and_exit_2(
    site_dir: Path, capsys: pytest.CaptureFixture[str], name: str, line: int, message: str
) -> None:
    shutil.copy(DATA / "config" / name, site_dir / "config.yaml")
    code, out, err = run(site_dir, "check", capsys=capsys)
    assert code == 2
    assert out == ""
    assert f"{site_dir / 'config.yaml'}:{line}: " in err
    assert message in err


def test_quality_checks_are_gate_findings(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(site_dir, "check", "--lang", "ro", "--kind", "menu", capsys=capsys)
    inconsistent = [f for f in findings(out) if f["finding"] == "inconsistent"]
    assert [f["message"] for f in inconsistent] == [
        'header:/connect/press-corner-branding-toolkit "Press corner & branding": Also '
        "translated as 'Secțiune pentru presă și branding' "
        "(footer:/connect/press-corner-branding-toolkit)",
        'footer:/connect/press-corner-branding-toolkit "Press corner & branding": Also '
        "translated as 'Zona de presă și branding' "
        "(header:/connect/press-corner-branding-toolkit)",
    ]
    assert all(f["warning"] for f in inconsistent)  # the bundled policy reports checks
    assert "copy-of-source" not in out  # copies are the policy's own `copy` finding
    # With checks in `fail`, the checks' errors fail the build and their warnings do not.
    set_policies(site_dir, "\npolicies:\n  menu: {fail: [checks], report: []}\n")
    config = site_dir / "config.yaml"
    config.write_text(
        re.sub(
            r"(?m)^  severity: .*$",
            "  severity: {inconsistent: error}",
            config.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    code, out, _ = run(site_dir, "check", "--lang", "ro", "--kind", "menu", capsys=capsys)
    assert code == 1
    errors = {f["finding"] for f in findings(out) if not f["warning"]}
    assert errors == {"inconsistent"}
    assert {f["finding"] for f in findings(out) if f["warning"]} == {"end-punctuation"}


def test_bad_checks_settings_are_a_config_error(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_dir / "config.yaml"
    config.write_text(
        re.sub(r"(?m)^  severity: .*$", "  disable: [no-such]", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    code, out, err = run(site_dir, "check", capsys=capsys)
    assert (code, out) == (2, "")
    assert str(config) in err


@pytest.mark.parametrize(
    "command",
    [["check"], ["check", "--format", "junit"], ["report", "--format", "html"], ["export"]],
)
def test_a_broken_catalog_is_bad_input_for_every_command(
    site_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    catalog = site_dir / "catalogs/de/LC_MESSAGES/menu.po"
    shutil.copy(DATA / "bad" / "syntax-error.po", catalog)
    before = {
        path: path.read_bytes()
        for path in site_dir.rglob("*")
        if path.is_file() and ".l10n-cache" not in path.parts
    }
    code, out, err = run(site_dir, *command, capsys=capsys)
    assert code == 2
    assert f"{catalog}:8: syntax error" in err
    if "junit" in command:  # a CI system reads the error from the report too (issue 14)
        error = ET.fromstring(out).find("testsuite/testcase/error")
        assert error is not None and f"{catalog}:8: syntax error" in (error.text or "")
    else:
        assert out == ""
    after = {
        path: path.read_bytes()
        for path in site_dir.rglob("*")
        if path.is_file() and ".l10n-cache" not in path.parts
    }
    assert after == before


def test_several_languages_and_kinds_after_one_option(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(site_dir, "check", "--lang", "ro", "de", "--kind", "menu", "ui", capsys=capsys)
    paths = {f["path"] for f in findings(out)}
    assert paths == {
        f"catalogs/{code}/LC_MESSAGES/{domain}.po"
        for code in ("ro", "de")
        for domain in ("menu", "ui")
    }


def test_a_config_with_only_its_languages_checks_an_empty_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A config of three lines (found by the fuzzer: `check` crashed with a KeyError, exit 70)."""
    (tmp_path / "config.yaml").write_text(
        'project: Empty\nsource: "en"\nlanguages: ["ro", "de"]\n', encoding="utf-8"
    )
    code, out, _ = run(tmp_path, "check", "--format", "json", capsys=capsys)
    assert code == 0
    report = json.loads(out)
    assert report["passed"] is True
    assert set(report["languages"]) == {"ro", "de"}
    assert report["findings"] == []
    code, out, _ = run(tmp_path, "status", "--format", "json", capsys=capsys)
    assert code == 0
    assert {counts["total"] for counts in json.loads(out)["languages"].values()} == {0}


def test_findings_without_their_english_render_as_those_with_it(site_dir: Path) -> None:
    """`GateOptions(sources=False)` leaves each finding's English out (only the JSON and
    SARIF reports show it): the findings are otherwise the same, in the same order, and
    every report that does not show it is the same."""
    from dataclasses import replace

    from l10n.gate.checks import site_checks
    from l10n.gate.run import GateOptions, run_gate
    from l10n.render.check import RENDERERS, SOURCES_SHOWN

    config = load_config(site_dir / "config.yaml")
    options = GateOptions(quality=site_checks(config))
    whole = run_gate(config, options)
    without = run_gate(config, replace(options, sources=False))
    assert any(finding.source for finding in whole.findings)
    assert [finding._replace(source="") for finding in whole.findings] == list(without.findings)
    for name, render in RENDERERS.items():
        if name not in SOURCES_SHOWN:
            assert render(without) == render(whole), name
