"""Run one benchmark step in a process of its own and report its time and peak memory.

    python -m bench.step SPEC.json

SPEC holds {"commands": [[argv...], ...], "groups": [[index, ...], ...] | null,
"budget": seconds | null, "stdout": path | null}. The commands run one after another; with
groups and a budget, whole groups run until the projected time of the next one would pass
the budget. Prints JSON: seconds, the CPU time (user + system) of the commands and the peak
resident memory of any one process (KiB), both from getrusage(RUSAGE_CHILDREN); the peak of
all of a command's processes together (KiB: the sum of their proportional set sizes, which
counts a page shared by a worker and its parent once, sampled every 20 ms from /proc while
the command runs; null where /proc has no smaps_rollup); the groups that ran, and the exit
statuses that were not 0.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SAMPLE_SECONDS = 0.02


def _children(pid: int) -> list[int]:
    """The child processes of pid (every thread's), from /proc."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(child) for child in (task / "children").read_text().split()]
    except OSError:  # the process ended between two reads
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def tree_pss_kib(root: int) -> int:
    """The proportional set size of root and all its descendants now, in KiB."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += _pss_kib(pid)
        pending += _children(pid)
    return total


class TreePeak:
    """The largest tree_pss_kib of one running process, sampled on a thread of its own."""

    def __init__(self, pid: int) -> None:
        self.peak = 0
        self._pid = pid
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, tree_pss_kib(self._pid))
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def run_one(command: list[str], sink: Any) -> tuple[int, bytes, int]:
    """Run one command; its exit status, its standard error and its processes' peak PSS."""
    process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
    sampler = TreePeak(process.pid)
    _, stderr = process.communicate()
    return process.returncode, stderr, sampler.stop()


def run(spec: dict[str, Any]) -> dict[str, Any]:
    commands: list[list[str]] = spec["commands"]
    groups: list[list[int]] = spec.get("groups") or [list(range(len(commands)))]
    budget: float | None = spec.get("budget")
    sink = open(spec["stdout"], "wb") if spec.get("stdout") else subprocess.DEVNULL  # noqa: SIM115
    failures: list[tuple[list[str], int, str]] = []
    peak_all = 0
    measurable = Path(f"/proc/{os.getpid()}/smaps_rollup").exists()
    ran = 0
    started = time.perf_counter()
    try:
        for group in groups:
            elapsed = time.perf_counter() - started
            if budget is not None and ran and elapsed + elapsed / ran > budget:
                break
            for index in group:
                status, stderr, peak = run_one(commands[index], sink)
                peak_all = max(peak_all, peak)
                if status != 0 and len(failures) < 5:
                    failures.append(
                        (commands[index], status, stderr.decode(errors="replace")[-500:])
                    )
            ran += 1
    finally:
        if sink is not subprocess.DEVNULL:
            sink.close()  # type: ignore[union-attr]
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_kib": usage.ru_maxrss,
        "peak_all_kib": peak_all if measurable else None,
        "groups_run": ran,
        "groups": len(groups),
        "failures": failures,
    }


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print(json.dumps(run(spec)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
