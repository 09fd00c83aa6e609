"""Counting a few large catalogs in worker processes gives the numbers counted in one."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.cache.store import Cache, FileMemo
from l10n.checks.copy import CopyRule
from l10n.checks.settings import copy_rule
from l10n.config import load_config
from l10n.coverage import stats
from l10n.errors import CatalogError
from l10n.po.catalog import read_catalog
from l10n.sources.site import load_site, po_path
from tests.gc_watch import collections_inside
from tests.test_adopt_flow import django_project, init


def test_counts_read_in_workers_equal_counts_read_alone(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    config = load_config(site_dir / "config.yaml")
    alone = stats.compute_stats(config).as_json()
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)  # the bundled site's few bytes too
    assert stats.compute_stats(config).as_json() == alone
    assert alone["languages"]


def test_adopted_catalogs_counted_while_the_site_is_read_equal_counts_read_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Django's admin and auth apps (three adopted domains, six languages): their catalogs'
    workers start before the site is read; in parts, with the site given or not, and with
    a language's catalog missing (every unit missing), the counts are those read alone."""
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    root = django_project(tmp_path / "project")
    assert init(root) == 0
    (root / "django/contrib/auth/locale/ko/LC_MESSAGES/django.po").unlink()
    config = load_config(root / "config.yaml")
    alone = stats.compute_stats(config).as_json()
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)
    monkeypatch.setattr(stats, "PART_MINIMUM_BYTES", 1)
    assert stats.compute_stats(config).as_json() == alone
    assert stats.compute_stats(config, site=load_site(config)).as_json() == alone
    languages = alone["languages"]
    assert isinstance(languages, dict) and languages["ko"]["missing"] > 0


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


def test_a_cold_cache_keeps_counts_hashed_while_the_workers_count(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catalogs nothing is kept for are hashed after their workers start; their counts are
    kept unless the file's stat changed before they were in (then the bytes hashed may not
    be the bytes counted)."""
    monkeypatch.delenv("L10N_NO_CACHE", raising=False)
    monkeypatch.setattr(stats, "PARALLEL_MINIMUM_BYTES", 0)
    config = load_config(site_dir / "config.yaml")
    rule, site = copy_rule(config), load_site(config)
    cache = Cache(tmp_path / "cache")
    memos = {"ro": FileMemo(cache, "counts", "ro", stats.COUNTS_CODEC, stats._is_counts)}
    found: dict[tuple[str, str], stats.Counts] = {}
    counting = stats._Counting(config, memos, rule, dict(site.kinds), found)
    assert counting.pool is not None and counting.stamps  # in workers, hashed meanwhile
    changed_domain = counting.todo[0][1]
    changed = po_path(config, "ro", changed_domain)
    changed.write_bytes(changed.read_bytes() + b"\n")  # a blank line more: the same counts
    try:
        counting.finish(memos, found)
    finally:
        counting.stop()
    kept = memos["ro"].kept
    for _, domain, _, path in counting.todo:
        name = f"{path}\0{site.kinds[domain]}\0{rule.key}"
        assert (name in kept) == (domain != changed_domain), domain
        if name in kept:
            assert kept[name] == (cache.digest([path]), found["ro", domain])
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    alone = stats.compute_stats(config, ("ro",)).as_json()
    assert stats.compute_stats(config, ("ro",), cache=cache).as_json() == alone


def test_a_workers_slice_is_counted_with_the_collector_paused() -> None:
    """A worker counts its slice (parts of catalogs) with the cyclic collector paused, as
    the whole catalog is counted, and leaves the collector on again after."""
    import gc

    path = Path(__file__).parent / "data/real/django-5.2/admin/ro/django.po"
    rule = CopyRule()
    with collections_inside(stats._count_part.__code__) as runs:
        parts = stats._count_slice((rule, [(path, 0, 2), (path, 1, 2)]))
    assert runs == [] and gc.isenabled()
    counts = stats.Counts()
    for part in parts:
        assert isinstance(part, tuple) and part[1] is not None  # read in parts
        counts.add(part[0])
    assert counts == stats.catalog_counts(read_catalog(path, to_write=False), rule)
    assert counts.total > 150 and counts.missing > 0
