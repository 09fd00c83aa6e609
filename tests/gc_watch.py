"""Which collections of the cyclic garbage collector start while given code runs."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import CodeType


@contextmanager
def collections_inside(*making: CodeType) -> Iterator[list[int]]:
    """The generation of each collection that starts while a function of one of these code
    objects is on the stack, with a run every 10 new objects were the collector on (so
    that a pause the code forgot shows at once)."""
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code not in making:
            frame = frame.f_back  # type: ignore[assignment]
        if phase == "start" and frame is not None:
            runs.append(info["generation"])

    thresholds = gc.get_threshold()
    gc.set_threshold(10, 1, 1)
    gc.callbacks.append(count)
    try:
        yield runs
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*thresholds)
