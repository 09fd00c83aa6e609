"""Coverage for coordinators: languages × kinds and articles × languages, with bars.

The tables follow the files: every catalog counted is looked at now and then, and when one
changed on disk (another translator, sync, git pull) the tables are counted again.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from l10n.cache.store import Cache, committed
from l10n.config import KINDS, Config
from l10n.coverage.stats import Counts, SiteStats, compute_stats
from l10n.errors import L10nError
from l10n.queue.references import Stamp, file_stamp
from l10n.sources.site import po_path
from tui.widgets.key_footer import KeyFooter
from tui.widgets.progress import bar
from tui.workers import PostBack

ARTICLE_NAME = 26  # characters of an article's slug shown
ARTICLE_BAR = 3  # cells of each language's bar in the article table, when there is room
WIDE_ENOUGH = 100  # columns from which the article table has room for its bars


def cell(counts: Counts | None, width: int = 8) -> Text:
    """A bar and a percentage, or a dash when there is nothing of this kind."""
    if counts is None or counts.total == 0:
        return Text("–", "dim")
    if not width:
        return Text(f"{counts.coverage:4.0%}")
    return Text.assemble(bar(counts.coverage, width), f" {counts.coverage:4.0%}")


class CoverageScreen(Screen[None]):
    """Two tables: per language and kind (strings and words), per article and language."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, config: Config, follow_seconds: float | None = None) -> None:
        """`follow_seconds`: how often the catalogs are looked at (None: never)."""
        super().__init__()
        self.config = config
        self.follow_seconds = follow_seconds
        self.counted = False  # the tables show a count
        self._stamps: dict[Path, Stamp] = {}  # each catalog counted, as it was

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="coverage"):
            yield Static(Text(" Coverage by language and kind", "bold"))
            yield DataTable(id="kinds", cursor_type="row", zebra_stripes=True)
            yield Static(Text(" Coverage of each article", "bold"))
            yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        kinds = self.query_one("#kinds", DataTable)
        kinds.loading = True
        for label, key in (
            ("lang", "lang"),
            *((kind, kind) for kind in KINDS),
            ("all", "all"),
            ("words to do", "words"),
        ):
            kinds.add_column(label, key=key)
        self.count()
        if self.follow_seconds is not None:
            self.set_interval(self.follow_seconds, self._look_at_files)

    @work(thread=True, exclusive=True, exit_on_error=False, group="coverage")
    def count(self) -> None:
        post = PostBack(self)
        try:
            with committed(Cache.of(self.config)) as cache:
                stats = compute_stats(self.config, cache=cache)
        except L10nError as error:  # said once; counted again when a catalog changes again
            post(self._not_counted, error, {path: file_stamp(path) for path in self._stamps})
            return
        # Each catalog as it was counted (a change made while counting is seen next time).
        stamps = {path: file_stamp(path) for path in self._catalogs(stats)}
        post(self._show, stats, stamps)

    def _catalogs(self, stats: SiteStats) -> list[Path]:
        return [
            po_path(self.config, code, domain)
            for code, language in stats.languages.items()
            for domain in language.domains
        ]

    def _look_at_files(self) -> None:
        if self.counted:
            self.look_at_files()

    @work(thread=True, exclusive=True, exit_on_error=False, group="coverage-follow")
    def look_at_files(self) -> None:
        """Count again when a catalog changed on disk since it was counted."""
        post = PostBack(self)
        if any(file_stamp(path) != stamp for path, stamp in self._stamps.items()):
            post(setattr, self, "counted", False)
            post(self.count)

    def _not_counted(self, error: L10nError, stamps: dict[Path, Stamp]) -> None:
        self._stamps, self.counted = stamps, True
        self.query_one("#kinds", DataTable).loading = False
        self.app.notify(str(error), severity="error", markup=False)

    def _show(self, stats: SiteStats, stamps: dict[Path, Stamp]) -> None:
        self._stamps, self.counted = stamps, True
        kinds = self.query_one("#kinds", DataTable)
        kinds.loading = False
        row = kinds.cursor_row
        kinds.clear()
        for code, language in stats.languages.items():
            kinds.add_row(
                Text(code, "bold"),
                *(cell(language.kinds.get(kind)) for kind in KINDS),
                cell(language.counts),
                Text(f"{language.counts.words_todo:,}"),
                key=code,
            )
        kinds.move_cursor(row=row)
        articles = self.query_one("#articles", DataTable)
        row = articles.cursor_row
        articles.clear(columns=True)
        # Every language in 80 columns: below WIDE_ENOUGH, percentages without their bars.
        bars = ARTICLE_BAR if self.app.size.width >= WIDE_ENOUGH else 0
        articles.add_column("article", key="article", width=ARTICLE_NAME)
        for code in stats.languages:
            articles.add_column(code, key=code)
        first = next(iter(stats.languages.values()), None)
        domains = [d for d in (first.domains if first else {}) if d.startswith("articles/")]
        for domain in domains:
            articles.add_row(
                Text(domain.removeprefix("articles/")),
                *(
                    cell(language.domains.get(domain), bars)
                    for language in stats.languages.values()
                ),
                key=domain,
            )
        articles.move_cursor(row=row)
