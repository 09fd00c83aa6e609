"""bench.step's memory figures: the largest process, and all of a step's processes together.

A real command with a worker process beside it, each holding memory it wrote to (so the
pages are its own, not shared): the sum must see both, the single-process figure one.
"""

from __future__ import annotations

import sys

from bench.step import run, tree_pss_kib

HOLD = """
import multiprocessing, sys, time
def hold(megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    time.sleep(2.5)
if __name__ == "__main__":
    worker = multiprocessing.Process(target=hold, args=(96,))
    worker.start()
    hold(96)
    worker.join()
    sys.exit(worker.exitcode)
"""


def test_the_peak_of_all_processes_counts_the_worker_beside_the_main_process() -> None:
    report = run({"commands": [[sys.executable, "-c", HOLD]]})
    assert report["failures"] == []
    largest, together = report["peak_kib"], report["peak_all_kib"]
    assert largest >= 96 * 1024
    assert together >= 2 * 96 * 1024
    assert together > largest + 64 * 1024


def test_the_tree_of_a_process_that_has_ended_weighs_nothing() -> None:
    assert tree_pss_kib(2**22 + 1) == 0  # above the kernel's default pid_max: never a process
