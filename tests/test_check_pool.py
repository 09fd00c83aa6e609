"""The main process of `l10n check` while its workers scan: what it holds frozen, and the
site's encoding (held back while it prepared the jobs) started."""

from __future__ import annotations

import dataclasses
import gc
import queue
from pathlib import Path

import pytest

from l10n.cache.store import Cache
from l10n.checks.settings import copy_rule
from l10n.config import load_config
from l10n.gate import scan
from l10n.sources.site import load_site


def _scans(config_path: Path, cache: Cache) -> tuple[list[bool], list[scan.DomainScan]]:
    """Every domain's scan, and for each whether the main process's objects were frozen
    and the cache no longer held when it came."""
    config = load_config(config_path)
    cache.hold()
    site = load_site(config, cache)
    seen: list[bool] = []
    scans: list[scan.DomainScan] = []
    rule = copy_rule(config)
    for scanned in scan.scan_site(config, site, config.languages, rule, cache=cache):
        seen.append(gc.get_freeze_count() > 0 and not cache.holding)
        scans.append(scanned)
    return seen, scans


def test_the_site_is_frozen_while_the_workers_scan_and_encoded_meanwhile(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("L10N_NO_CACHE", raising=False)
    # the TUI's tests, run earlier in this process, freeze what their apps made (as the TUI
    # does on purpose, tui/screens/queue.py): this test starts from nothing frozen
    gc.unfreeze()
    config_path = site_dir / "config.yaml"
    alone, whole = _scans(config_path, Cache(site_dir / "alone-cache"))
    assert alone and not any(alone)  # scanned in this process: nothing frozen
    monkeypatch.setattr(scan, "PARALLEL_MINIMUM", 1)
    cache = Cache(site_dir / "cache")
    seen, in_workers = _scans(config_path, cache)
    assert seen and all(seen) and gc.get_freeze_count() == 0  # frozen until the last scan
    assert in_workers == whole
    cache.flush()  # the site read, encoded while the workers scanned, is kept
    config = load_config(config_path)
    assert load_site(config, Cache(site_dir / "cache")).templates == load_site(config).templates
    assert list((site_dir / "cache").rglob("*.value"))


def _jobs(count: int, parts: int) -> list[scan._Job]:
    job = scan._Job("messages", "ui", [], True, None, False, parts=parts)
    return [dataclasses.replace(job, part=number % parts) for number in range(count)]


def test_parts_of_big_catalogs_are_sent_one_at_a_time() -> None:
    """Many small domains go 4 at a time; a few jobs, and parts of a big catalog however
    many (91 at the 100k catalog shape), one at a time, so that the workers end together."""
    many = scan.CHUNKED_MINIMUM * 2
    assert scan._chunk_size(_jobs(many, 1), 2) == 4
    assert scan._chunk_size(_jobs(many - 1, 1), 2) == 1
    assert scan._chunk_size(_jobs(91, 13), 2) == 1
    assert scan._chunk_size(_jobs(many, 1) + _jobs(3, 3), 2) == 1


def _worker_exiting(site_dir: Path, marker: Path) -> None:
    """A worker's life: started as the pool starts it, then its interpreter exits (an exit
    handler registered before it would write `marker`, were the interpreter torn down)."""
    import atexit

    atexit.register(marker.write_text, "torn down")
    config = load_config(site_dir / "config.yaml")
    states: queue.Queue[tuple[object, ...]] = queue.Queue()
    states.put((config, config.languages, None, copy_rule(config), None))
    scan._start_worker(states, ("l10n.gate.checks",))


def test_a_worker_ends_without_tearing_its_interpreter_down(site_dir: Path) -> None:
    """At its interpreter's exit a worker ends at once (`os._exit`, as a forked process
    does), with status 0: the main process waited 0.3-0.4 s for each to free everything."""
    import multiprocessing

    marker = site_dir / "torn-down"
    process = multiprocessing.get_context("spawn").Process(
        target=_worker_exiting, args=(site_dir, marker)
    )
    process.start()
    process.join(60)
    assert process.exitcode == 0
    assert not marker.exists()


def test_workers_started_before_the_site_is_read_scan_as_the_others(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started early (`Workers.early`: for catalogs this big, none for the bundled
    site's) wait for their state, then scan as workers started with it; workers started
    for a site too small for them are shut down unused, and `l10n check` says the same."""
    gc.unfreeze()
    config = load_config(site_dir / "config.yaml")
    site = load_site(config)
    rule = copy_rule(config)
    assert scan.Workers.early(config, config.languages, ()) is None
    monkeypatch.setattr(scan, "EARLY_MINIMUM_BYTES", 0)
    monkeypatch.setattr(scan, "PARALLEL_MINIMUM", 1)
    whole = list(scan.scan_site(config, site, config.languages, rule))
    started = scan.Workers.early(config, config.languages, ("l10n.gate.checks",))
    assert started is not None and started.count >= 2
    early = list(scan.scan_site(config, site, config.languages, rule, started=started))
    assert early == whole and started.sent
    monkeypatch.setattr(scan, "PARALLEL_MINIMUM", 10**9)  # too small: scanned here
    unused = scan.Workers.early(config, config.languages, ())
    assert unused is not None
    processes = list(unused.pool._processes.values())  # started at once, waiting
    assert len(processes) == unused.count
    assert list(scan.scan_site(config, site, config.languages, rule, started=unused)) == whole
    assert unused.sent and not any(process.is_alive() for process in processes)


_ORPHANING = """
import sys, time
from l10n.gate import scan
workers = scan.Workers(2)
print(*[process.pid for process in workers.pool._processes.values()], flush=True)
time.sleep(60)
"""


def test_workers_waiting_for_their_state_end_when_the_main_process_is_killed() -> None:
    """Workers started early wait for their state; killed before it sends one, the main
    process leaves none of them behind (each sees it gone within a second or two)."""
    import signal
    import subprocess
    import sys
    import time

    command = [sys.executable, "-c", _ORPHANING]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as main:
        assert main.stdout is not None
        pids = [int(pid) for pid in main.stdout.readline().split()]
        main.send_signal(signal.SIGKILL)
    assert len(pids) == 2
    deadline = time.monotonic() + 30
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in pids if _running(pid)]
    assert not alive


def _running(pid: int) -> bool:
    """Whether a process runs (not ended, and not a zombie: the killed parent reaped)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
