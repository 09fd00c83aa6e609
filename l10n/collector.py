"""Python's cyclic garbage collector, paused while a command builds objects that all live on.

The collector runs whenever enough objects were made since its last run, and each full run
goes through every object alive: building a hundred thousand objects that live on (a merge's
entries, the units of a big template, a part's records and issues in a check worker) made
it go through them all again and again (7 % of a sync of one big catalog per language, 9 %
of a check worker's scan of a part, a third of reading a big template).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector paused for the block (as it was after); what cycles the block leaves
    are collected by its next run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def end_without_teardown() -> None:
    """In a worker process (of a pool, spawned), end at its interpreter's exit as a forked
    process does (`os._exit`): its last results are sent by then, and tearing down every
    object it made (its last part's entries and records) kept the main process waiting
    (0.3-0.4 s at the 10k catalog shape's check). Nothing in the process that started it."""
    import atexit
    import multiprocessing
    import os

    if multiprocessing.parent_process() is not None:
        atexit.register(os._exit, 0)
