"""Waiting between retries, shared by the text engines' service and the language models' runs."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

from l10n.mt.config import MTSettings

CANCEL_POLL = 0.05  # how often a retry's wait looks whether the caller cancelled (s)


def backoff(settings: MTSettings, attempt: int, retry_after: float | None) -> float:
    """Exponential backoff with jitter, at least what Retry-After asks, capped."""
    ceiling = min(settings.backoff_max, settings.backoff_base * 2.0**attempt)
    delay = ceiling / 2 + random.uniform(0, ceiling / 2)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, settings.backoff_max)


def pause(delay: float, stopped: Callable[[], bool], cancel: threading.Event) -> bool:
    """Wait `delay` seconds, or less: True as soon as `stopped()` holds.

    Two events can stop the wait (a run's own stop and the caller's cancel), and a thread
    can wait on one: it waits on the caller's in short slices.
    """
    deadline = time.monotonic() + delay
    while not stopped():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        cancel.wait(min(remaining, CANCEL_POLL))
    return True
