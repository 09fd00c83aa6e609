"""Counting a few large catalogs in worker processes gives the numbers counted in one."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.checks.copy import CopyRule
from l10n.config import load_config
from l10n.coverage import stats
from l10n.errors import CatalogError
from l10n.po.catalog import read_catalog


def test_counts_read_in_workers_equal_counts_read_alone(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    config = load_config(site_dir / "config.yaml")
    alone = stats.compute_stats(config).as_json()
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)  # the bundled site's few bytes too
    assert stats.compute_stats(config).as_json() == alone
    assert alone["languages"]


REAL = sorted(
    path
    for path in (Path(__file__).resolve().parent / "data").rglob("*.po")
    if "bad" not in path.parts and "sphinx-7.4" not in path.parts
)


@pytest.mark.parametrize("path", REAL, ids=lambda path: path.name)
def test_a_catalogs_counts_are_its_records_counts(path: Path) -> None:
    """`catalog_counts` (no records built: what the workers count) gives the counts of the
    records every view reads, on real catalogs (copies found by a rule with same words)."""
    rule = CopyRule(threshold=80, same_words=("Django",))
    try:
        catalog = read_catalog(path, to_write=False)
    except CatalogError:
        pytest.skip("a catalog with defects on purpose")
    records = stats.catalog_records(catalog, path, "d", "ui", rule)
    assert stats.catalog_counts(catalog, rule) == stats.count_records(records)
    assert records
