"""The cyclic garbage collector paused while objects that live on are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.cache.codec import Codec
from l10n.cache.store import Cache
from l10n.collector import collector_paused
from l10n.config import load_config
from l10n.sources import site as site_module
from l10n.sync import run as sync_run
from tests.gc_watch import collections_inside


@pytest.fixture
def collections_in_load_site() -> Iterator[list[int]]:
    """The generation of each collection that starts while `load_site` reads the site or
    decodes it from the cache."""
    with collections_inside(site_module._read_site.__code__, Codec.loads.__code__) as runs:
        yield runs


def test_the_collector_is_paused_for_the_block_and_as_it_was_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a failure inside")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # not turned on by the block
    finally:
        gc.enable()


def test_no_collection_runs_while_the_site_is_read(
    site_dir: Path, collections_in_load_site: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read from its sources, then from the cache: no collection while the units are made,
    and the collector on again after."""
    monkeypatch.delenv("L10N_NO_CACHE", raising=False)
    config = load_config(site_dir / "config.yaml")
    read = site_module.load_site(config)
    cache = Cache(site_dir / ".l10n-cache")
    site_module.load_site(config, cache)
    cache.flush()
    assert not collections_in_load_site
    cached = site_module.load_site(config, Cache(site_dir / ".l10n-cache"))
    assert collections_in_load_site == [] and gc.isenabled()
    assert cached.templates == read.templates and sum(map(len, read.templates.values())) > 100


def test_no_collection_runs_while_sync_lists_the_catalogs_folder(site_dir: Path) -> None:
    """The paths of every catalog and template on disk, thousands of them made beside the
    whole site: no collection while they are listed, and the collector on again after."""
    listing = (sync_run._unknown_catalogs.__code__, sync_run._unknown_templates.__code__)
    with collections_inside(*listing) as runs:
        sync_run.sync(load_config(site_dir / "config.yaml"))
    assert runs == [] and gc.isenabled()


def _exit_marked_after(mark: str) -> None:
    """In a spawned process: a handler at exit that writes `mark`, then the worker's end."""
    import atexit

    from l10n.collector import end_without_teardown

    atexit.register(Path(mark).write_text, "torn down")
    end_without_teardown()


def test_a_spawned_worker_ends_before_the_handlers_at_exit_registered_before(
    tmp_path: Path,
) -> None:
    import multiprocessing

    mark = tmp_path / "worker"
    worker = multiprocessing.get_context("spawn").Process(
        target=_exit_marked_after, args=(str(mark),)
    )
    worker.start()
    worker.join(60)
    assert worker.exitcode == 0
    assert not mark.exists()  # os._exit ran first: nothing after it, no teardown


def test_the_process_that_starts_workers_ends_as_usual(tmp_path: Path) -> None:
    import subprocess
    import sys

    mark = tmp_path / "main"
    code = f"from tests.test_collector import _exit_marked_after; _exit_marked_after({str(mark)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)
    assert mark.read_text() == "torn down"
