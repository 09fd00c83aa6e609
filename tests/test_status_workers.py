"""Counting a few large catalogs in worker processes gives the numbers counted in one."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.coverage import stats


def test_counts_read_in_workers_equal_counts_read_alone(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    config = load_config(site_dir / "config.yaml")
    alone = stats.compute_stats(config).as_json()
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)  # the bundled site's few bytes too
    assert stats.compute_stats(config).as_json() == alone
    assert alone["languages"]
