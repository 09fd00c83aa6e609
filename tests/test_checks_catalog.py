"""Every check over a large real-world-style catalog: nothing raises, known problems are found."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.checks import CHECKS, CheckUnit, check_unit, run_checks, settings_from_mapping
from l10n.checks.base import entry_unit
from l10n.po.headers import nplurals_of

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "data" / "checks" / "civis.ro.po"
KIND_BY_PREFIX = {"header": "menu", "footer": "menu", "ui": "ui", "article": "article"}


def to_units(po: polib.POFile, language: str, kind: str | None = None) -> list[CheckUnit]:
    """Every entry, obsolete ones included, through the one conversion the gate and TUI use."""
    nplurals = nplurals_of(po)
    return [to_unit(entry, language, kind, nplurals) for entry in po]


def to_unit(entry: polib.POEntry, language: str, kind: str | None, nplurals: int) -> CheckUnit:
    plural = entry.msgid_plural or None
    targets = (
        [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] if plural else [entry.msgstr]
    )
    prefix = (entry.msgctxt or "ui:").split(":", 1)[0]
    kind = kind or KIND_BY_PREFIX.get(prefix, "ui")
    return entry_unit(
        entry.msgctxt, entry.msgid, plural, targets, language, kind, entry.flags, nplurals, False
    )


@pytest.fixture(scope="module")
def findings_by_context() -> dict[str | None, set[str]]:
    units = to_units(polib.pofile(str(FIXTURE)), "ro")
    settings = settings_from_mapping(
        {"glossary": "glossary.yaml", "same_words": ["LinkedIn"]}, ROOT / "config.yaml"
    )
    found = run_checks(units, settings)
    by_context: dict[str | None, set[str]] = {}
    for index, unit_findings in found.items():
        by_context.setdefault(units[index].context, set()).update(f.check_id for f in unit_findings)
    return by_context


def test_fixture_is_large_and_varied() -> None:
    po = polib.pofile(str(FIXTURE))
    assert len(po) >= 40
    assert po.obsolete_entries() and po.fuzzy_entries() and po.untranslated_entries()
    assert any(entry.msgid_plural for entry in po)
    assert {"c-format", "python-format", "python-brace-format"} <= {f for e in po for f in e.flags}


@pytest.mark.parametrize(
    ("context", "check_id"),
    [
        ("header:/press", "inconsistent"),
        ("footer:/press", "inconsistent"),
        ("header:/mobility", "max-length"),
        ("ui:course.ects", "plurals"),
        ("ui:event.places", "plurals"),
        ("ui:course.deadline", "placeholders"),
        ("ui:skip", "whitespace"),
        ("article:/learn/bips#p2", "numbers"),
        ("article:/learn/bips#p2", "newlines"),
        ("article:/learn/bips#p3", "end-punctuation"),
        ("article:/learn/open-labs#p1", "brackets"),
        ("article:/about#agora", "glossary"),
        ("article:/about#social", "whitespace"),
        ("ui:cookie.banner", "html"),
        ("header:/hubs", "glossary"),
    ],
)
def test_known_problems_are_found(
    findings_by_context: dict[str | None, set[str]], context: str, check_id: str
) -> None:
    assert check_id in findings_by_context.get(context, set())


@pytest.mark.parametrize(
    ("context", "check_id"),
    [
        ("footer:/contact", "copy-of-source"),  # ignore-copy-of-source
        ("footer:/social/instagram", "copy-of-source"),  # built-in same word
        ("footer:/social/linkedin", "copy-of-source"),  # site same word
        ("header:/agora", "copy-of-source"),  # do-not-translate term
        ("article:/about#founded", "numbers"),  # ignore-numbers
        ("ui:search.results", "placeholders"),  # the singular may omit the count
        ("ui:course.partners", "placeholders"),  # positional arguments reordered
        ("ui:course.progress", "placeholders"),  # %% is an escape
        ("ui:search.placeholder", "end-punctuation"),  # ... is …
        ("article:/learn/bips#p1", "markdown"),
        ("article:/hubs#intro", "markdown"),
    ],
)
def test_no_false_alarms(
    findings_by_context: dict[str | None, set[str]], context: str, check_id: str
) -> None:
    assert check_id not in findings_by_context.get(context, set())


def test_no_check_raises_on_any_fixture_unit_in_any_language() -> None:
    """Each unit, as Romanian, Greek, French and Spanish, through every check one by one."""
    for language in ("ro", "el", "fr", "es", "sv"):
        for unit in to_units(polib.pofile(str(FIXTURE)), language):
            for check in CHECKS:
                check_unit(unit, checks=(check,))


def test_no_check_raises_on_the_bundled_catalogs() -> None:
    settings = settings_from_mapping({"glossary": "glossary.yaml"}, ROOT / "config.yaml")
    paths = sorted((ROOT / "catalogs").glob("*/LC_MESSAGES/**/*.po"))
    for path in paths:
        kind = {"menu.po": "menu", "ui.po": "ui"}.get(path.name, "article")
        units = to_units(
            polib.pofile(str(path)), path.relative_to(ROOT / "catalogs").parts[0], kind
        )
        run_checks(units, settings)
