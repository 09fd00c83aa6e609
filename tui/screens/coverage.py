"""Coverage for coordinators: languages × kinds and articles × languages, with bars."""

from __future__ import annotations

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

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

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

    @work(thread=True, exclusive=True, exit_on_error=False, group="coverage")
    def count(self) -> None:
        post = PostBack(self)
        try:
            with committed(Cache.of(self.config)) as cache:
                stats = compute_stats(self.config, cache=cache)
        except L10nError as error:
            post(self.app.notify, str(error), severity="error", markup=False)
            return
        post(self._show, stats)

    def _show(self, stats: SiteStats) -> None:
        kinds = self.query_one("#kinds", DataTable)
        kinds.loading = False
        for code, language in stats.languages.items():
            kinds.add_row(
                Text(code, "bold"),
                *(cell(language.kinds.get(kind)) for kind in KINDS),
                cell(language.counts),
                Text(f"{language.counts.words_todo:,}"),
                key=code,
            )
        articles = self.query_one("#articles", DataTable)
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
