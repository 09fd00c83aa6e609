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
