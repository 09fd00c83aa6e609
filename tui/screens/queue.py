"""The queue of one language: what needs the translator, filtered and searchable."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import get_current_worker

from l10n.config import KINDS, Config
from l10n.errors import L10nError
from l10n.queue import ALL_STATES, TODO_STATES, QueueFilter, QueueItem
from tui.keys import QUEUE_KEYS, bindings
from tui.providers import MachineTranslator
from tui.session import Session, open_session
from tui.widgets.progress import LanguageProgress
from tui.widgets.queue_list import QueueList

STATE_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("to do", TODO_STATES),
    *((state, frozenset({state})) for state in ALL_STATES),
    ("all", frozenset()),
)
KIND_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("all kinds", frozenset()),
    *((kind, frozenset({kind})) for kind in KINDS),
)


class QueueScreen(Screen[None]):
    """The language's queue; loads in a worker with visible progress."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(QUEUE_KEYS))

    def __init__(
        self,
        config: Config,
        language: str,
        machine: MachineTranslator | None = None,
        open_editor: bool = True,
    ) -> None:
        super().__init__()
        self.config = config
        self.language = language
        self.machine = machine
        self.open_editor = open_editor
        self.session: Session | None = None
        self.state_filter = 0
        self.kind_filter = 0
        self.order: list[int] = []

    def compose(self) -> ComposeResult:
        yield LanguageProgress(Text(f" {self.language}: loading…"), id="progress")
        yield Static(id="filters")
        yield Input(
            placeholder="Search English and translations (Enter: done, Esc: clear)", id="search"
        )
        yield ProgressBar(id="loading", show_eta=False)
        yield QueueList(id="queue")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#queue", QueueList).display = False
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        """Read the catalogs (the UI stays live, the bar moves after each catalog)."""
        worker = get_current_worker()
        bar = self.query_one("#loading", ProgressBar)

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            session = open_session(self.config, self.language, progress, self.machine)
        except L10nError as error:
            self.app.call_from_thread(self._failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, session)

    def _failed(self, error: L10nError) -> None:
        self.query_one("#loading", ProgressBar).display = False
        self.query_one("#progress", LanguageProgress).update(
            Text(f" {self.language}: could not load the catalogs", style="bold red")
        )
        self.app.notify(str(error), title="Error", severity="error", markup=False, timeout=30)

    def _loaded(self, session: Session) -> None:
        self.session = session
        self.query_one("#loading", ProgressBar).display = False
        queue_list = self.query_one("#queue", QueueList)
        queue_list.display = True
        queue_list.focus()
        self.refresh_queue()
        if self.open_editor and self.order:
            self.open_item(0)

    @property
    def queue_filter(self) -> QueueFilter:
        search = self.query_one("#search", Input).value
        return QueueFilter(
            STATE_FILTERS[self.state_filter][1], KIND_FILTERS[self.kind_filter][1], search.strip()
        )

    def refresh_queue(self, keep: int | None = None) -> None:
        """Apply the filters again and redraw the list and the progress header."""
        if self.session is None:
            return
        queue = self.session.queue
        self.order = queue.filtered(self.queue_filter)
        queue_list = self.query_one("#queue", QueueList)
        cursor = self.order.index(keep) if keep in self.order else queue_list.cursor
        queue_list.show([queue.items[index] for index in self.order], cursor)
        self.query_one("#progress", LanguageProgress).show(self.language, queue.tally())
        self._show_filters()

    def _show_filters(self) -> None:
        search = self.query_one("#search", Input).value.strip()
        text = Text.assemble(
            (" Showing ", "dim"),
            (STATE_FILTERS[self.state_filter][0], "bold"),
            (" · ", "dim"),
            (KIND_FILTERS[self.kind_filter][0], "bold"),
            (f" · {len(self.order):,} item{'s' if len(self.order) != 1 else ''}", "dim"),
        )
        if search:
            text.append(" · search: ", "dim")
            text.append(search, "bold")  # appended as data, never parsed as markup
        self.query_one("#filters", Static).update(text)

    def current(self) -> QueueItem | None:
        position = self.query_one("#queue", QueueList).cursor
        if self.session is None or not self.order:
            return None
        return self.session.queue.items[self.order[position]]

    def open_item(self, position: int) -> None:
        """Open the editor at a position of the filtered queue."""
        from tui.screens.editor import EditorScreen

        if self.session is None or not self.order:
            return
        self.app.push_screen(
            EditorScreen(self.session, list(self.order), position), self._editor_closed
        )

    def _editor_closed(self, index: int | None) -> None:
        self.refresh_queue(keep=index)

    @on(QueueList.Chosen)
    def _chosen(self, event: QueueList.Chosen) -> None:
        self.open_item(event.position)

    def action_open(self) -> None:
        self.open_item(self.query_one("#queue", QueueList).cursor)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.refresh_queue()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#queue", QueueList).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.display = False
        self.query_one("#queue", QueueList).focus()
        self.refresh_queue()

    def action_cycle_state(self) -> None:
        self.state_filter = (self.state_filter + 1) % len(STATE_FILTERS)
        self.refresh_queue()

    def action_cycle_kind(self) -> None:
        self.kind_filter = (self.kind_filter + 1) % len(KIND_FILTERS)
        self.refresh_queue()

    def set_filters(
        self, state: str | None = None, kind: str | None = None, search: str | None = None
    ) -> None:
        """Choose filters by name ('to do', 'stale', 'all'; 'menu', 'all kinds')."""
        if state is not None:
            self.state_filter = [name for name, _ in STATE_FILTERS].index(state)
        if kind is not None:
            self.kind_filter = [name for name, _ in KIND_FILTERS].index(kind)
        if search is not None:
            self.query_one("#search", Input).value = search
        self.refresh_queue()

    def action_coverage(self) -> None:
        from tui.screens.coverage import CoverageScreen

        self.app.push_screen(CoverageScreen(self.config))

    def action_languages(self) -> None:
        from tui.screens.languages import LanguageScreen

        self.app.push_screen(LanguageScreen(self.config))
