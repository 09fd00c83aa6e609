"""The gate reads each catalog once (l10n/gate/scan.py) and keeps translations only where needed.

Records of up-to-date catalogs whose English no other unit of the site has come back
without their translations: only `inconsistent` (one English, two translations) needs
them. An out-of-date catalog may still hold such an English, though; the gate must then
read the up-to-date catalog again, and report what a gate that kept everything reports.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from l10n.checks import CHECKS, CatalogCheck
from l10n.config import load_config
from l10n.coverage.stats import EntryRecord
from l10n.gate.checks import SiteChecks, site_checks
from l10n.gate.run import GateOptions, run_gate
from l10n.gate.scan import QualityIssue

ARTICLES = "catalogs/ro/LC_MESSAGES/articles"
TRANSLATED = "european-universities-alliances-from-pilots-to-transformative-forces"
ENGLISH = "European Universities Alliances: from pilots to transformative forces"
MENU = "catalogs/ro/LC_MESSAGES/menu.po"
OTHER = "public-statement-of-the-civis-alliance-on-the-military-attack-in-ukraine"


class KeepsEverything(SiteChecks):
    """The same checks, without leaving any translation out: the reference."""

    same_source_only = False


def inconsistent_paths(config_path: Path, reference: bool) -> set[str]:
    config = load_config(config_path)
    checks = KeepsEverything(site_checks(config).settings) if reference else site_checks(config)
    result = run_gate(config, GateOptions(languages=("ro",), quality=checks))
    return {f.path for f in result.findings if f.finding == "inconsistent"}


def test_an_out_of_date_catalog_sharing_an_english_brings_the_other_translation_back(
    site_dir: Path,
) -> None:
    stray = (
        f'\nmsgctxt "{OTHER}:old"\nmsgid "{ENGLISH}"\n'
        'msgstr "Alianțe universitare europene: de la piloți la forțe de transformare"\n'
    )
    with (site_dir / ARTICLES / f"{OTHER}.po").open("a", encoding="utf-8") as stream:
        stream.write(stray)
    config = site_dir / "config.yaml"
    expected = {f"{ARTICLES}/{TRANSLATED}.po", f"{ARTICLES}/{OTHER}.po", MENU}
    assert inconsistent_paths(config, reference=True) == expected
    assert inconsistent_paths(config, reference=False) == expected


def test_up_to_date_catalogs_give_the_same_findings_as_keeping_everything(
    site_dir: Path,
) -> None:
    config = site_dir / "config.yaml"
    found = inconsistent_paths(config, reference=False)
    assert found == {MENU}  # the two press-corner labels
    assert inconsistent_paths(config, reference=True) == found


def test_inconsistent_is_the_only_catalog_check() -> None:
    """SiteChecks.same_source_only holds for `inconsistent` alone: revisit it for a new one."""
    assert [c.id for c in CHECKS if isinstance(c, CatalogCheck)] == ["inconsistent"]


def test_a_scan_pauses_the_collector_and_gives_it_back_as_it_found_it(site_dir: Path) -> None:
    """A domain's scan runs with the cyclic collector paused (everything it makes lives
    until it is done) and leaves it as it was, enabled or not, also when it fails."""
    from l10n.checks.settings import copy_rule
    from l10n.errors import CatalogError
    from l10n.gate.scan import _Job, _Scanner
    from l10n.sources.site import load_site

    config = load_config(site_dir / "config.yaml")
    site = load_site(config)
    domain = next(iter(site.templates))
    job = _Job(domain, site.kinds[domain], site.templates[domain], True, None, False)
    enabled_during: list[bool] = []

    def issues(language: str, record: EntryRecord) -> list[QualityIssue]:
        enabled_during.append(gc.isenabled())
        return []

    scanner = _Scanner(config, ("ro",), issues, copy_rule(config))
    assert gc.isenabled()
    assert scanner.scan(job).catalogs[0].records
    assert enabled_during and not any(enabled_during)
    assert gc.isenabled()
    gc.disable()
    try:
        scanner.scan(job)
        assert not gc.isenabled()
    finally:
        gc.enable()
    catalog = site_dir / "catalogs" / "ro" / "LC_MESSAGES" / f"{domain}.po"
    catalog.write_text('msgid "unclosed\n', encoding="utf-8")
    with pytest.raises(CatalogError):
        scanner.scan(job)
    assert gc.isenabled()


def test_the_results_are_taken_in_with_the_collector_paused(site_dir: Path) -> None:
    """What the gate does with each domain's scan, as it comes, runs with the collector
    paused; it is given back when the scans are done, left early or fail."""
    from l10n.checks.settings import copy_rule
    from l10n.errors import CatalogError
    from l10n.gate.scan import scan_site
    from l10n.sources.site import load_site

    config = load_config(site_dir / "config.yaml")
    site = load_site(config)
    enabled_during = [gc.isenabled() for _ in scan_site(config, site, ("ro",), copy_rule(config))]
    assert len(enabled_during) == len(site.templates) and not any(enabled_during)
    assert gc.isenabled()
    scans = scan_site(config, site, ("ro",), copy_rule(config))
    next(scans)
    assert not gc.isenabled()
    scans.close()  # left after the first domain
    assert gc.isenabled()
    (site_dir / MENU).write_text('msgid "unclosed\n', encoding="utf-8")
    with pytest.raises(CatalogError):
        list(scan_site(config, site, ("ro",), copy_rule(config)))
    assert gc.isenabled()


def test_a_quality_issue_crosses_processes_and_hashes_as_its_fields() -> None:
    import pickle

    issue = QualityIssue("numbers", "error", "number 12 is missing")
    again = pickle.loads(pickle.dumps([issue, issue]))
    assert again == [issue, issue]
    assert again[0] is again[1]  # one object pickled once
    assert hash(again[0]) == hash(QualityIssue("numbers", "error", "number 12 is missing"))
    assert again[0] != QualityIssue("numbers", "warning", "number 12 is missing")


def test_a_catalog_scan_crosses_processes_with_the_same_records(site_dir: Path) -> None:
    import pickle

    from l10n.checks.settings import copy_rule
    from l10n.gate.scan import scan_site
    from l10n.sources.site import load_site

    config = load_config(site_dir / "config.yaml")
    checks = site_checks(config)
    kinds = tuple(sorted(set(load_site(config).kinds.values())))
    scans = list(
        scan_site(
            config, load_site(config), ("ro",), copy_rule(config), checks.record_issues, kinds
        )
    )
    catalogs = [catalog for scan in scans for catalog in scan.catalogs]
    assert sum(len(catalog.records) for catalog in catalogs) > 100
    assert any(found for catalog in catalogs for found in catalog.issues)
    again = pickle.loads(pickle.dumps(catalogs))
    assert again == catalogs
    assert all(type(record) is EntryRecord for catalog in again for record in catalog.records)
