"""Progress and colour on stderr: Rich on a terminal, plain lines elsewhere (a log, CI).

Rich (installed with Textual) is imported only when the stream is a terminal, so commands in
pipes and CI start no faster or slower than before. Colour follows the usual conventions:
never when `NO_COLOR` is set (https://no-color.org), always when `FORCE_COLOR` is, otherwise
only on a terminal whose TERM is not `dumb`.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO


def is_terminal(stream: TextIO) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def colour_enabled(stream: TextIO) -> bool:
    """Whether to colour what goes to `stream` (NO_COLOR wins, FORCE_COLOR next)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def _console(stream: TextIO) -> Any:
    from rich.console import Console

    return Console(file=stream, highlight=False, no_color=not colour_enabled(stream))


class Progress:
    """Call `update(done, total)` as work finishes and `close()` at the end.

    On a terminal a Rich bar with count, rate and time left; otherwise a line at every tenth
    of the work or every `interval` seconds, whichever comes first.
    """

    def __init__(self, label: str, stream: TextIO | None = None, interval: float = 5.0) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.tty = is_terminal(self.stream)
        self.started = time.monotonic()
        self.last_line = 0.0
        self.last_tenth = -1
        self.done = 0
        self.total = 0
        self._bar: Any = None
        self._task: Any = None

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.tty:
            self._draw()
            return
        now = time.monotonic()
        tenth = done * 10 // total if total else 10
        if tenth != self.last_tenth or now - self.last_line >= self.interval:
            self.last_tenth = tenth
            self.last_line = now
            self.stream.write(f"{self.label}: {self._figures(now)}\n")
            self.stream.flush()

    def close(self) -> None:
        """Stop the bar (it stays on screen, finished) so the next message starts clean."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _draw(self) -> None:
        if self._bar is None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TimeRemainingColumn(),
                console=_console(self.stream),
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        self._bar.update(self._task, completed=self.done, total=self.total)

    def _figures(self, now: float) -> str:
        percent = 100 * self.done // self.total if self.total else 100
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        figures = f"{self.done}/{self.total} ({percent}%) {rate:.1f}/s"
        if 0 < self.done < self.total and rate > 0:
            figures += f", {_duration((self.total - self.done) / rate)} left"
        return figures


@contextmanager
def working(label: str, stream: TextIO | None = None) -> Iterator[None]:
    """A spinner with the time spent, on a terminal only, while work of unknown length runs."""
    stream = stream if stream is not None else sys.stderr
    if not is_terminal(stream):
        yield
        return
    with _console(stream).status(label):
        yield


RED, YELLOW, GREEN, BOLD, RESET = "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[1m", "\x1b[0m"
_FINDING_LINE = re.compile(r"^(\S+?: )(warning: )?([\w-]+)(: )")


def coloured_check_lines(parts: Iterable[str]) -> Iterator[str]:
    """The gate's text report with errors in red, warnings in yellow, the verdict in bold."""
    for part in parts:
        yield "".join(_colour_line(line) for line in part.splitlines(keepends=True))


def _colour_line(line: str) -> str:
    if line.startswith("check failed"):
        return f"{BOLD}{RED}{line.rstrip(chr(10))}{RESET}\n"
    if line.startswith("check passed"):
        return f"{BOLD}{GREEN}{line.rstrip(chr(10))}{RESET}\n"
    found = _FINDING_LINE.match(line)
    if found is None:
        return line
    where, warning, finding, colon = found.groups()
    colour = YELLOW if warning else RED
    label = f"{warning}{finding}" if warning else finding
    return f"{where}{colour}{label}{RESET}{colon}{line[found.end() :]}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
