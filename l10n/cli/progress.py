"""Progress of long work on stderr: a bar redrawn in place on a terminal, lines elsewhere."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call `update(done, total)` as work finishes and `close()` at the end.

    On a terminal the bar is redrawn at most every 0.1 s; otherwise (a log, CI) a line is
    written at every tenth of the work or every `interval` seconds, whichever comes first.
    """

    def __init__(
        self, label: str, stream: TextIO | None = None, width: int = 30, interval: float = 5.0
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.interval = interval
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.last_tenth = -1
        self.done = 0
        self.total = 0
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        now = time.monotonic()
        if self.tty:
            if now - self.last_draw >= 0.1 or done == total:
                self._draw_bar(now)
            return
        tenth = done * 10 // total if total else 10
        if tenth != self.last_tenth or now - self.last_draw >= self.interval:
            self.last_tenth = tenth
            self.last_draw = now
            self.stream.write(f"{self.label}: {self._figures(now)}\n")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line so the next message starts on a clean one."""
        if self.tty and self.drawn:
            self._draw_bar(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False

    def _draw_bar(self, now: float) -> None:
        filled = self.width * self.done // self.total if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self._figures(now)}\x1b[K")
        self.stream.flush()
        self.last_draw = now
        self.drawn = True

    def _figures(self, now: float) -> str:
        percent = 100 * self.done // self.total if self.total else 100
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        figures = f"{self.done}/{self.total} ({percent}%) {rate:.1f}/s"
        if 0 < self.done < self.total and rate > 0:
            figures += f", {_duration((self.total - self.done) / rate)} left"
        return figures


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
