"""The runner (ignore flags, severities, disabling), the settings and the list of checks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from l10n.checks import (
    CHECK_IDS,
    CHECKS,
    CheckSettings,
    CheckUnit,
    Finding,
    check_unit,
    render_checks_markdown,
    render_checks_text,
    run_checks,
    settings_from_mapping,
)
from l10n.errors import ConfigError

CONFIGS = Path(__file__).parent / "data" / "checks" / "config"


def unit(source: str, target: str, **changes: object) -> CheckUnit:
    fields: dict[str, object] = {
        "context": None,
        "source_plural": None,
        "language": "ro",
        "kind": "ui",
        "flags": frozenset(),
    }
    fields.update(changes)
    return CheckUnit(source=source, targets=(target,), **fields)  # type: ignore[arg-type]


def ids(findings: Sequence[Finding]) -> list[str]:
    return [f.check_id for f in findings]


def test_ids_are_unique_and_flags_derive_from_them() -> None:
    assert len(set(CHECK_IDS)) == len(CHECK_IDS) >= 15
    assert all(check.ignore_flag() == f"ignore-{check.id}" for check in CHECKS)
    assert all(check.severity in ("error", "warning") for check in CHECKS)


def test_ignore_flag_silences_one_check_only() -> None:
    noisy = unit("Hello {name}", "Salut {nume} ")
    assert set(ids(check_unit(noisy))) == {"placeholders", "whitespace"}
    quiet = unit("Hello {name}", "Salut {nume} ", flags=frozenset({"ignore-placeholders"}))
    assert ids(check_unit(quiet)) == ["whitespace"]


def test_ignore_flag_for_a_catalog_check() -> None:
    units = [
        unit("Apply", "Aplică"),
        unit("Apply", "Aplicați"),
        unit("Apply", "Trimite", flags=frozenset({"ignore-inconsistent"})),
    ]
    found = run_checks(units)
    assert sorted(found) == [0, 1]
    assert found[1][0].suggestion == "Aplică"


def test_untranslated_units_are_skipped() -> None:
    assert run_checks([unit("Hello {name}", ""), unit("Apply", "")]) == {}


def test_findings_carry_spans_and_suggestions() -> None:
    missing, extra = check_unit(unit("Hello {name}", "Salut {nume}"))
    assert (missing.start, missing.message) == (None, "Missing placeholder '{name}'")
    assert (extra.start, extra.end) == (6, 12)
    (double,) = check_unit(unit("Apply now", "Aplică  acum"))
    assert (double.start, double.end, double.suggestion) == (6, 8, "Aplică acum")
    (long,) = check_unit(unit("Go", "Mergeți acolo", flags=frozenset({"max-length:5"})))
    assert (long.start, long.end) == (5, 13)


def test_units_of_several_languages_are_compared_per_language() -> None:
    units = [
        unit("Apply", "Aplică"),
        unit("Apply", "Postuler", language="fr"),
        unit("Apply", "Candidater", language="fr"),
    ]
    assert sorted(run_checks(units)) == [1, 2]


def test_settings_change_severity_disable_and_limits() -> None:
    settings = settings_from_mapping(
        yaml.safe_load((CONFIGS / "good.yaml").read_text())["checks"], CONFIGS / "good.yaml"
    )
    assert not settings.enabled("numbers")
    assert settings.severity_of("copy-of-source", "warning") == "error"
    assert settings.context.max_length == {"menu": 25, "ui": 80}
    assert settings.context.copy_threshold == 90
    assert settings.context.glossary.terms[0].term == "CIVIS"
    copied = check_unit(unit("Apply now", "Apply now"), settings)
    assert [(f.check_id, f.severity) for f in copied] == [("copy-of-source", "error")]
    assert check_unit(unit("11 universities", "10 universități"), settings) == []
    assert check_unit(unit("Agora Live", "Agora Live"), settings) == []
    assert ids(check_unit(unit("Menu", "M" * 26, kind="menu"), settings)) == ["max-length"]


def test_default_settings() -> None:
    settings = settings_from_mapping(None, "config.yaml")
    assert settings == CheckSettings(context=settings.context)
    assert settings.context.max_length == {"menu": 40}
    assert settings.context.copy_threshold == 95


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("unknown_key.yaml", "checks: unknown key 'disabel'; did you mean 'disable'?"),
        ("unknown_check_id.yaml", "unknown check id 'number'; did you mean 'numbers'?"),
        ("unknown_severity_check.yaml", "did you mean 'copy-of-source'?"),
        ("bad_severity.yaml", "unknown severity 'warn'; did you mean 'warning'?"),
        ("unknown_kind.yaml", "unknown kind 'menus'; did you mean 'menu'?"),
        ("bad_max_length.yaml", "checks.max_length.menu: expected a positive integer"),
        ("bad_threshold.yaml", "checks.copy_threshold: expected 0–100"),
        ("same_words_not_list.yaml", "checks.same_words: expected a list"),
        ("missing_glossary.yaml", "glossary file not found"),
        ("broken_glossary.yaml", "invalid YAML"),
    ],
)
def test_bad_settings_name_the_file_and_the_nearest_key(name: str, words: str) -> None:
    path = CONFIGS / name
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping(yaml.safe_load(path.read_text())["checks"], path)
    assert words in caught.value.message
    assert caught.value.path is not None and caught.value.path.name in (
        name,
        "nowhere.yaml",
        "bad_syntax.yaml",
    )


def test_text_listing_has_every_check_with_its_severity() -> None:
    lines = render_checks_text().splitlines()
    assert len(lines) == len(CHECKS)
    assert lines[0].split()[:2] == ["placeholders", "error"]
    disabled = settings_from_mapping({"disable": ["numbers"]}, "config.yaml")
    assert any(
        line.split()[:2] == ["numbers", "off"]
        for line in render_checks_text(settings=disabled).splitlines()
    )


def test_markdown_listing_is_a_table() -> None:
    lines = render_checks_markdown().splitlines()
    assert lines[0] == "| Check | Severity | Name | Description | Ignore flag |"
    assert len(lines) == len(CHECKS) + 2
    assert "| `inconsistent` | warning | Inconsistent |" in render_checks_markdown()
    assert all(line.count(" | ") == 4 for line in lines[2:])


def test_checks_and_glossary_import_without_textual_or_polib() -> None:
    code = (
        "import sys, l10n.checks, l10n.glossary; "
        "print(sorted(m for m in ('textual', 'polib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.stdout.strip() == "[]"


class Lined(dict[str, object]):
    """A mapping that knows its lines, like the config loader's (duck-typed here)."""

    def line_of(self, key: str) -> int:
        return {"disable": 7, "severity": 9}.get(key, 3)


class LinedList(list[str]):
    item_lines = (7, 8)


def test_errors_carry_lines_when_the_mapping_knows_them() -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping(Lined(disable=LinedList(["numbers", "urlz"])), "config.yaml")
    assert (caught.value.line, caught.value.message) == (
        8,
        "checks.disable: unknown check id 'urlz'; did you mean 'urls'?",
    )
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping(Lined(severity={"html": "fatal"}), "config.yaml")
    assert caught.value.line == 9
    assert "valid: error, warning" in caught.value.message
