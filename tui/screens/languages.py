"""Pick a language, seeing each one's progress (counted in a worker)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from l10n.cache.store import Cache, committed
from l10n.config import Config
from l10n.coverage.stats import LanguageStats, compute_stats
from l10n.errors import L10nError
from l10n.languages import get_language
from l10n.sources.site import load_site
from tui.widgets.key_footer import KeyFooter
from tui.widgets.progress import bar
from tui.workers import PostBack

NAME_WIDTH = 12  # a longer language name is cut short ("English (Ho…"): rows fit 80 columns


def _name(code: str) -> str:
    """The language's English name, else its code."""
    known = get_language(code)
    return known.name if known else code


class LanguageScreen(Screen[str]):
    """The languages of the site with their coverage; Enter hands the chosen code back."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.counted = False
        self._known: set[str] = set()  # languages counted
        self._names = {code: _name(code) for code in config.languages}
        # As wide as the longest code (`ca@valencia`), so that names and bars line up; the
        # bar gives up what the codes take beyond 4 columns, so a row still fits 80 columns.
        self._code_width = max([4, *(len(code) + 1 for code in config.languages)])
        self._bar_width = max(8, 20 - (self._code_width - 4))

    def compose(self) -> ComposeResult:
        yield Static(Text(" Which language do you translate?", "bold"), id="picker-title")
        yield OptionList(
            *(Option(self._row(code, None), id=code) for code in self.config.languages),
            id="languages",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#languages", OptionList).focus()
        self.count()

    def _code(self, code: str) -> str:
        return f" {code:<{self._code_width}}"

    def _row(self, code: str, stats: LanguageStats | None) -> Text:
        name = self._names[code]
        if len(name) > NAME_WIDTH:
            name = name[: NAME_WIDTH - 1].rstrip() + "…"
        row = Text.assemble((self._code(code), "bold"), f"{name:<{NAME_WIDTH}} ")
        if stats is None:
            row.append("counting…", "dim")
            return row
        counts = stats.counts
        row.append_text(bar(counts.coverage, self._bar_width))
        row.append(f" {counts.coverage:4.0%}  {counts.todo} to do · {counts.words_todo:,} words")
        return row

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def count(self) -> None:
        """Count one language after the other, showing each as soon as it is known; a
        language whose catalogs cannot be read says why, and the others are counted."""
        post = PostBack(self)
        try:
            with committed(Cache.of(self.config)) as cache:
                site = load_site(self.config, cache)
                for code in self.config.languages:
                    if post.cancelled:
                        return
                    try:
                        stats = compute_stats(self.config, (code,), site, cache).languages[code]
                    except L10nError as error:
                        post(self._not_counted, [code], error)
                        continue
                    post(self._counted, code, stats)
        except (L10nError, OSError) as error:  # the site itself: no language can be counted
            post(self._not_counted, self.config.languages, error)
            return
        finally:
            post(setattr, self, "counted", True)

    def _not_counted(self, codes: Iterable[str], error: L10nError | OSError) -> None:
        """Languages that cannot be counted say why, with the file and line."""
        options = self.query_one("#languages", OptionList)
        for code in codes:
            if code not in self._known:
                row = Text.assemble((self._code(code), "bold"), (f"cannot count: {error}", "red"))
                options.replace_option_prompt(code, row)
        self.app.notify(str(error), title="Error", severity="error", markup=False, timeout=30)

    def _counted(self, code: str, stats: LanguageStats) -> None:
        self._known.add(code)
        options = self.query_one("#languages", OptionList)
        options.replace_option_prompt(code, self._row(code, stats))

    @on(OptionList.OptionSelected, "#languages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Hand the chosen language back to whoever opened the picker (the app)."""
        if event.option.id is not None:
            self.dismiss(event.option.id)
