"""On the bundled site the checks find what is wrong on the real Romanian page."""

from __future__ import annotations

from pathlib import Path

from l10n.checks import CheckUnit, Finding, load_check_settings, run_checks
from l10n.config import load_config
from l10n.po.catalog import read_catalog, write_catalog
from l10n.states import entry_texts

REPO = Path(__file__).resolve().parent.parent


def romanian_menu_findings(site: Path) -> dict[str, set[str]]:
    """Check id -> identities, over the Romanian menu catalog of `site`."""
    entries = [e for e in read_catalog(site / "catalogs/ro/LC_MESSAGES/menu.po") if not e.obsolete]
    units = [
        CheckUnit(
            e.msgctxt,
            e.msgid,
            e.msgid_plural or None,
            tuple(entry_texts(e)),
            "ro",
            "menu",
            frozenset(e.flags),
            3,
        )
        for e in entries
    ]
    found: dict[int, list[Finding]] = run_checks(
        units, load_check_settings(load_config(site / "config.yaml"))
    )
    by_check: dict[str, set[str]] = {}
    for index, findings in found.items():
        for finding in findings:
            by_check.setdefault(finding.check_id, set()).add(str(entries[index].msgctxt))
    return by_check


def test_romanian_inconsistency_and_english_copies_are_found() -> None:
    found = romanian_menu_findings(REPO)
    assert found["inconsistent"] == {
        "header:/connect/press-corner-branding-toolkit",
        "footer:/connect/press-corner-branding-toolkit",
    }
    assert found["copy-of-source"] == {
        "header:/discover-civis-alliance/civis-association",
        "header:/learn/keep-on-learning-with-staff-weeks-andamp-job-shadowing",
    }


def test_civis_kept_as_is_is_not_a_copy(site_dir: Path) -> None:
    path = site_dir / "catalogs/ro/LC_MESSAGES/menu.po"
    catalog = read_catalog(path)
    agora = next(e for e in catalog if e.msgid == "CIVIS Agora")
    agora.msgstr = "CIVIS Agora"
    write_catalog(catalog, path)
    found = romanian_menu_findings(site_dir)
    assert agora.msgctxt not in found.get("copy-of-source", set())
    assert len(found["copy-of-source"]) == 2
