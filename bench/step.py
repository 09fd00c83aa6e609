"""Run one benchmark step in a process of its own and report its time and peak memory.

    python -m bench.step SPEC.json

SPEC holds {"commands": [[argv...], ...], "groups": [[index, ...], ...] | null,
"budget": seconds | null, "stdout": path | null}. The commands run one after another; with
groups and a budget, whole groups run until the projected time of the next one would pass
the budget. Prints JSON: seconds, the CPU time (user + system) of the commands and the peak
resident memory of any command (KiB), both from getrusage(RUSAGE_CHILDREN), the groups that
ran, and the exit statuses that were not 0.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def run(spec: dict[str, Any]) -> dict[str, Any]:
    commands: list[list[str]] = spec["commands"]
    groups: list[list[int]] = spec.get("groups") or [list(range(len(commands)))]
    budget: float | None = spec.get("budget")
    sink = open(spec["stdout"], "wb") if spec.get("stdout") else subprocess.DEVNULL  # noqa: SIM115
    failures: list[tuple[list[str], int, str]] = []
    ran = 0
    started = time.perf_counter()
    try:
        for group in groups:
            elapsed = time.perf_counter() - started
            if budget is not None and ran and elapsed + elapsed / ran > budget:
                break
            for index in group:
                done = subprocess.run(
                    commands[index], stdout=sink, stderr=subprocess.PIPE, check=False
                )
                if done.returncode != 0 and len(failures) < 5:
                    failures.append(
                        (
                            commands[index],
                            done.returncode,
                            done.stderr.decode(errors="replace")[-500:],
                        )
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
