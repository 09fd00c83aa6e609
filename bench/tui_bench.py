"""The translator's UI on a large site: start to interactive, save-and-next, queue operations.

    python -m bench.tui_bench --config bench/data/100k/v1/config.yaml [--lang de] [--saves 20]
    (generate the site first: python -m bench.generate --size 100k)

Works on a private copy of the language's catalogs (the site itself is never written).
Measures, headless through Textual's Pilot, in this process:

- cold start (no cache) and warm start (queue cache in place): time until the editor
  shows the first item with the focus in the translation field, time until the whole
  queue is loaded, and the longest stall of the event loop meanwhile (how long a key
  could wait);
- save-and-next: ctrl+s until the next item is shown, in the menu catalog, the interface
  catalog and an article catalog (saving rewrites the whole catalog, so its size counts);
- queue operations over every unit: a state filter, a search, the end of the list;
- for scale, GNU gettext reading the same catalogs: `msgfmt --statistics` on each;
- when tmux is installed, the real command in a real terminal: `l10n tui --lang L` until
  the first item is on screen.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from l10n.config import load_config
from tui.app import TranslatorApp, create_app
from tui.screens.editor import EditorScreen
from tui.screens.queue import QueueScreen
from tui.widgets.queue_list import QueueList


def private_copy(config_path: Path, language: str, target: Path) -> Path:
    """config.yaml copied, content and other catalogs linked, the language's catalogs copied."""
    config = load_config(config_path)
    root = config.root
    shutil.copy(config_path, target / "config.yaml")
    for entry in root.iterdir():
        if entry.name not in ("config.yaml", config.catalogs_dir.name, ".l10n-cache"):
            (target / entry.name).symlink_to(entry)
    catalogs = target / config.catalogs_dir.name
    catalogs.mkdir()
    for entry in config.catalogs_dir.iterdir():
        if entry.name == language:
            shutil.copytree(entry, catalogs / entry.name)
        else:
            (catalogs / entry.name).symlink_to(entry)
    return target / "config.yaml"


class StallMeter:
    """The longest time the event loop did not get to run a 10 ms timer."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.01)
            last = now

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


async def until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = 600) -> float:
    """Poll every 5 ms until `done()`; return the time it took."""
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the UI did not get there in time")
        await pilot.pause(0.005)
    return time.perf_counter() - started


def queue_screen(app: TranslatorApp) -> QueueScreen:
    return next(s for s in app.screen_stack if isinstance(s, QueueScreen))


def editor_ready(app: TranslatorApp) -> bool:
    return isinstance(app.screen, EditorScreen) and isinstance(app.focused, TextArea)


async def start(config_path: Path, language: str, report: dict[str, float], label: str) -> None:
    started = time.perf_counter()
    app = create_app(config_path, language)
    async with app.run_test(size=(100, 30)) as pilot:
        meter = StallMeter()
        meter.start()
        await until(pilot, lambda: editor_ready(app))
        report[f"{label}: first item in the editor (s)"] = time.perf_counter() - started
        await until(pilot, lambda: not queue_screen(app).loading)
        report[f"{label}: whole queue loaded (s)"] = time.perf_counter() - started
        meter.stop()
        report[f"{label}: longest event-loop stall (s)"] = meter.longest
        report["units in the queue"] = len(queue_screen(app).session.queue.items)  # type: ignore[union-attr]
        await app.workers.wait_for_complete()


async def save_and_next(pilot: Pilot[None], saves: int) -> tuple[list[float], list[float]]:
    """Type a translation, press ctrl+s: time until the next item shows, and until it is saved."""
    app = pilot.app
    shown: list[float] = []
    on_disk: list[float] = []
    for number in range(saves):
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        position = screen.position
        for area in screen.query(TextArea):  # every plural form
            area.load_text(f"Übersetzung {number}")
        started = time.perf_counter()
        app.simulate_key("ctrl+s")  # not pilot.press, which also waits for the app to idle

        def moved_on(screen: EditorScreen = screen, position: int = position) -> bool:
            return screen.position == position + 1

        def written(screen: EditorScreen = screen) -> bool:
            return not screen.saving

        await until(pilot, moved_on, timeout=60)
        shown.append(time.perf_counter() - started)
        await until(pilot, written, timeout=60)
        on_disk.append(time.perf_counter() - started)
    return shown, on_disk


async def saving(config_path: Path, language: str, saves: int, report: dict[str, float]) -> None:
    app = create_app(config_path, language, open_editor=False)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = queue_screen(app)
        await until(pilot, lambda: not queue.loading)
        await app.workers.wait_for_complete()
        for kind in ("menu", "ui", "article"):
            queue.set_filters(state="to do", kind=kind)
            queue.open_item(0)
            await until(pilot, lambda: editor_ready(app))
            shown, on_disk = await save_and_next(pilot, min(saves, len(queue.order) - 1))
            catalog = queue.session.queue.paths[queue.session.queue.items[queue.order[0]].domain]  # type: ignore[union-attr]
            entries = catalog.read_text(encoding="utf-8").count("\nmsgid ")
            label = f"{kind} catalog ({entries:,} entries)"
            report[f"ctrl+s to next item shown, {label}, median (ms)"] = (
                statistics.median(shown) * 1000
            )
            report[f"ctrl+s to next item shown, {label}, max (ms)"] = max(shown) * 1000
            report[f"ctrl+s to entry on disk, {label}, median (ms)"] = (
                statistics.median(on_disk) * 1000
            )
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is queue)
        await queue_operations(pilot, queue, report)


async def queue_operations(
    pilot: Pilot[None], queue: QueueScreen, report: dict[str, float]
) -> None:
    """Keys on the queue over every unit: each timed until its effect is there."""
    rows = queue.query_one(QueueList)

    async def timed(label: str, key: str, done: Callable[[], bool]) -> None:
        started = time.perf_counter()
        pilot.app.simulate_key(key)
        await until(pilot, done)
        report[label] = (time.perf_counter() - started) * 1000

    queue.set_filters(state="to do", kind="all kinds", search="")
    await pilot.pause()
    before = queue.state_filter
    await timed("queue: next state filter (ms)", "s", lambda: queue.state_filter != before)
    queue.set_filters(state="all")
    await pilot.pause()
    last = len(rows.items) - 1
    await timed(f"queue: to the end of {last + 1:,} rows (ms)", "end", lambda: rows.cursor == last)
    await pilot.press("slash", *"network")
    everything = len(queue.order)
    await timed(
        "queue: search for a word, on Enter (ms)", "enter", lambda: len(queue.order) != everything
    )


def gettext_reading(config_path: Path, language: str) -> float | None:
    """msgfmt --statistics over the language's catalogs, for scale (None without gettext)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    config = load_config(config_path)
    catalogs = sorted((config.catalogs_dir / language).rglob("*.po"))
    started = time.perf_counter()
    for path in catalogs:
        subprocess.run(
            [msgfmt, "--statistics", "-o", os.devnull, str(path)], capture_output=True, check=False
        )
    return time.perf_counter() - started


def real_terminal(config_path: Path, language: str) -> float | None:
    """`l10n tui --lang L` in tmux until the first item shows (None without tmux)."""
    tmux = shutil.which("tmux")
    l10n = Path(sys.executable).with_name("l10n")
    if tmux is None or not l10n.exists():
        return None
    session = f"l10n-bench-{os.getpid()}"
    command = f"cd {config_path.parent} && {l10n} tui --lang {language}"
    started = time.perf_counter()
    subprocess.run(
        [tmux, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], check=True
    )
    try:
        while time.perf_counter() - started < 600:
            screen = subprocess.run(
                [tmux, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if "(1/" in screen and "Save+next" in screen:
                return time.perf_counter() - started
            time.sleep(0.02)
        return None
    finally:
        subprocess.run([tmux, "kill-session", "-t", session], capture_output=True, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", type=Path, default=Path("bench/data/100k/v1/config.yaml"))
    parser.add_argument("--lang", default="de")
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args(argv)
    report: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="l10n-tui-bench-") as folder:
        config_path = private_copy(args.config.resolve(), args.lang, Path(folder))
        asyncio.run(start(config_path, args.lang, report, "cold start (no cache)"))
        asyncio.run(start(config_path, args.lang, report, "warm start (cache)"))
        terminal = real_terminal(config_path, args.lang)
        if terminal is not None:
            report["real terminal (tmux), warm: command to first item (s)"] = terminal
        asyncio.run(saving(config_path, args.lang, args.saves, report))
        gettext = gettext_reading(config_path, args.lang)
        if gettext is not None:
            report["for scale: msgfmt --statistics on every catalog of the language (s)"] = gettext
    width = max(len(label) for label in report)
    for label, value in report.items():
        shown = f"{value:,.0f}" if label.startswith("units") else f"{value:,.3f}"
        print(f"{label:<{width}}  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
