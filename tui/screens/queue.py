"""The queue of one language: what needs the translator, filtered and searchable."""

from __future__ import annotations

import gc
import time
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, ProgressBar, Static

from l10n.cache.store import Cache
from l10n.config import KINDS, Config
from l10n.errors import L10nError
from l10n.queue.memory import TranslationMemory
from l10n.queue.references import Stamp, file_stamp
from l10n.queue.work import (
    ALL_STATES,
    CHECK,
    CONFLICT,
    TODO_STATES,
    DomainPart,
    QueueFilter,
    QueueItem,
    iter_domains,
)
from l10n.sources.site import po_path
from tui.checking import LiveChecks
from tui.keys import QUEUE_KEYS, bindings
from tui.providers import MachineTranslator
from tui.screens.editor import EditorScreen
from tui.session import Session, new_session, plan_of
from tui.widgets.key_footer import KeyFooter
from tui.widgets.progress import LanguageProgress
from tui.widgets.queue_list import QueueList
from tui.workers import PostBack

BATCH_ITEMS = 5000  # hand loaded items to the UI in batches of about this many
BATCH_SECONDS = 0.3  # or at least this often
SEARCH_DELAY = 0.15  # seconds of no typing before the search runs
FOLLOW_SECONDS = 1.0  # how often the language's catalogs are looked at for others' changes
STATE_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("to do", TODO_STATES),
    *((state, frozenset({state})) for state in ALL_STATES),
    ("failing checks", frozenset({CHECK})),
    ("all", frozenset()),
)
KIND_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("all kinds", frozenset()),
    *((kind, frozenset({kind})) for kind in KINDS),
)


def keep_loaded() -> None:
    """Take what was loaded so far out of later garbage collections, garbage left out.

    The loaded queue lives on: frozen, full collections need not scan it. Reading catalogs
    leaves polib's parsers in reference cycles (some 400 objects per catalog, 1.6 million on
    a cold start at 100k units): collected while young, they are not frozen with the queue
    for the rest of the session. Each call looks only at what was made since the last one.
    """
    gc.collect(1)
    gc.freeze()


def where(error: L10nError, config: Config) -> str:
    """`catalogs/de/LC_MESSAGES/ui.po:12: what is wrong`: the path from the project's root."""
    path = error.path
    if path is None:
        return error.message
    try:
        shown = str(path.resolve().relative_to(config.root.resolve()))
    except (ValueError, OSError):
        shown = str(path)
    return f"{shown}:{error.line}: {error.message}" if error.line else f"{shown}: {error.message}"


class QueueScreen(Screen[None]):
    """The language's queue; loads in a worker with visible progress."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(QUEUE_KEYS))
    AUTO_FOCUS = "#queue"

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
        self.loading = True
        self.checked = False
        self._search_timer: Timer | None = None
        self.editor_opened = False
        self._stamps: dict[str, Stamp] = {}  # each catalog's file as last read
        self._looking = False  # a look at the files is under way
        self._follower: Timer | None = None

    def compose(self) -> ComposeResult:
        yield LanguageProgress(Text(f" {self.language}: loading…"), id="progress")
        unreadable = Static(id="unreadable")
        unreadable.display = False  # shown while a catalog cannot be read
        yield unreadable
        yield Static(id="filters")
        search = Input(
            placeholder="Search English and translations (Enter: done, Esc: clear)", id="search"
        )
        queue_list = QueueList(id="queue")
        search.display = False  # shown by "/"
        yield search
        yield ProgressBar(id="loading", show_eta=False)
        yield queue_list
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        """Read the catalogs in queue order, handing them over in batches.

        The first batch opens the editor, so the translator starts on the first item while
        the rest loads; the bar moves after each batch and the UI never waits for the disk.
        """
        post = PostBack(self)
        gc.disable()  # 100k new objects would trigger full collections that stall the UI
        try:
            session = new_session(self.config, self.language, self.machine)
            cache = Cache.of(self.config)
            plan, units_of = plan_of(self.config, cache)
            # Each catalog's file before it is read: a change made while loading is seen.
            self._stamps = {
                part.domain: file_stamp(po_path(self.config, self.language, part.domain))
                for part in plan
            }
            total = len(plan)
            batch: list[DomainPart] = []
            size, done, sent = 0, 0, 0
            started = time.monotonic()
            for part in iter_domains(self.config, plan, self.language, cache, units_of):
                if post.cancelled:
                    return
                batch.append(part)
                size += len(part.items)
                done += 1
                if sent == 0 or size >= BATCH_ITEMS or time.monotonic() - started > BATCH_SECONDS:
                    keep_loaded()
                    post(self._add, session, batch, done, total)
                    batch, size, started, sent = [], 0, time.monotonic(), sent + 1
            post(self._add, session, batch, done, total)
            if cache is not None:
                cache.flush()  # what was read is kept (catalogs that failed to read are not)
            memory = session.queue.memory()
        except L10nError as error:
            post(self._failed, error)
            return
        finally:
            keep_loaded()
            gc.enable()
        if not post.cancelled:
            post(self._loaded, memory)

    def _editor(self) -> EditorScreen | None:
        """The editor open on this queue's session, if any."""
        editors = [s for s in self.app.screen_stack if isinstance(s, EditorScreen)]
        if editors and editors[-1].session is self.session:
            return editors[-1]
        return None

    def _failed(self, error: L10nError) -> None:
        self.loading = False
        self.query_one("#loading", ProgressBar).display = False
        self.query_one("#progress", LanguageProgress).update(
            Text(f" {self.language}: could not load the catalogs: {error}", style="bold red")
        )
        self.app.notify(str(error), title="Error", severity="error", markup=False, timeout=30)

    def _add(self, session: Session, parts: list[DomainPart], done: int, total: int) -> None:
        """Append a batch of domains to the queue and to whatever shows it."""
        self.session = session
        queue = session.queue
        queue_filter = self.queue_filter
        editor = self._editor() if self.editor_opened else None
        conflicts: list[int] = []
        for part in parts:
            first = len(queue.items)
            queue.add(part)
            arrived = queue.filtered(queue_filter, start=first)
            if self.order:  # a merge's conflicts come first, wherever their catalog is read
                found = [index for index in arrived if queue.items[index].badge == CONFLICT]
                conflicts += found
                arrived = arrived[len(found) :]  # `filtered` put them first
            self.order.extend(arrived)
        if conflicts and editor is not None:  # they come next for the translator
            editor.refiltered(conflicts)
            self.app.notify(
                f"{len(conflicts)} entr{'ies' if len(conflicts) > 1 else 'y'} translated two "
                "ways in a merge: next in the editor, first in the queue",
                title="Merge conflicts",
            )
        elif conflicts:
            leading = next(
                (at for at, index in enumerate(self.order) if queue.items[index].badge != CONFLICT),
                len(self.order),
            )
            self.order[leading:leading] = conflicts
        self.query_one("#loading", ProgressBar).update(total=total, progress=done)
        queue_list = self.query_one("#queue", QueueList)
        self._show_rows(queue_list.cursor)
        self.query_one("#progress", LanguageProgress).show(self.language, queue.counts())
        self._show_filters()
        errors = [part.error for part in parts if part.error is not None]
        if errors:
            self._show_unreadable(errors)
        if self.open_editor and self.order and not self.editor_opened:
            self.open_item(0)
        elif isinstance(self.app.screen, EditorScreen):
            self.app.screen.grown()

    def _loaded(self, memory: TranslationMemory) -> None:
        if self.session is not None:
            self.session.memory = memory
            editor = self._editor()
            if editor is not None:
                editor.memory_loaded()  # it opened before the memory was complete
        self.loading = False
        self.query_one("#loading", ProgressBar).display = False
        self._show_filters()
        self.check_all()
        if self.session is not None:
            # On the app: a screen's own timers stop while another screen (the editor) is on top.
            self._follower = self.app.set_interval(FOLLOW_SECONDS, self._look_at_files)

    def on_unmount(self) -> None:
        if self._follower is not None:
            self._follower.stop()

    # Following the files: other translators, sync, git pull

    def _look_at_files(self) -> None:
        if not self._looking:
            self._looking = True
            editor = self.app.screen
            self.look_at_files(editor.item if isinstance(editor, EditorScreen) else None)

    @work(thread=True, exit_on_error=False, group="follow")
    def look_at_files(self, open_item: QueueItem | None) -> None:
        """Read again the language's catalogs that changed on disk (another file: an atomic
        write; or another size or time) and hand them over; counts, queue, memory follow.
        The open item's references follow the other languages' catalogs."""
        post = PostBack(self)
        session = self.session
        try:
            if session is None:
                return
            for domain, path in list(session.queue.paths.items()):
                stamp = file_stamp(path)
                if stamp is None or stamp == self._stamps.get(domain) or post.cancelled:
                    continue
                post(self._changed_on_disk, stamp, session.read_domain(domain))
            if open_item is not None and session.references.changed(
                open_item.domain, open_item.key
            ):
                post(self._references_changed, session)
        finally:
            post(setattr, self, "_looking", False)

    def _changed_on_disk(self, stamp: Stamp, part: DomainPart) -> None:
        self._stamps[part.domain] = stamp
        if self.session is None:
            return
        queue = self.session.queue
        was_unreadable = part.domain in queue.unreadable
        editors = [s for s in self.app.screen_stack if isinstance(s, EditorScreen)]
        hold = {editor.index for editor in editors} | set(self.session.saving)
        changed = queue.update_domain(part, hold)
        if was_unreadable or part.error is not None:
            self._show_unreadable([part.error] if part.error is not None else [])
        if not changed:
            return
        cursor = self.query_one("#queue", QueueList).cursor
        self.refresh_queue(keep=self.order[cursor] if cursor < len(self.order) else None)
        for editor in editors:
            editor.arrived(self.order)  # where a fresh start would put them
            editor.changed_on_disk(changed)
        self.remember()

    def _references_changed(self, session: Session) -> None:
        editor = self.app.screen
        if isinstance(editor, EditorScreen) and editor.session is session:
            editor.memory_loaded()  # its suggestions, references among them, searched again

    def _show_unreadable(self, news: list[L10nError]) -> None:
        """Name each catalog that cannot be read, with its line and why, above the queue
        (the `news` in a notification too, seen above the editor)."""
        if self.session is None:
            return
        errors = list(self.session.queue.unreadable.values())
        shown = self.query_one("#unreadable", Static)
        shown.display = bool(errors)
        lines = [f" Cannot read {where(error, self.config)}" for error in errors]
        shown.update(Text("\n".join(lines), "bold red"))
        if news:
            message = "\n".join(where(error, self.config) for error in news)
            title = "A catalog cannot be read" if len(news) == 1 else "Catalogs cannot be read"
            self.app.notify(message, title=title, severity="error", markup=False, timeout=30)

    @work(thread=True, exclusive=True, exit_on_error=False, group="memory")
    def remember(self) -> None:
        """The translation memory again, from the queue as it is now."""
        post = PostBack(self)
        session = self.session
        if session is not None:
            memory = session.queue.memory()
            post(self._remembered, session, memory)

    def _remembered(self, session: Session, memory: TranslationMemory) -> None:
        """The memory follows the files: the open item's suggestions are searched again."""
        session.memory = memory
        editors = [s for s in self.app.screen_stack if isinstance(s, EditorScreen)]
        if editors and editors[-1].session is session:
            editors[-1].memory_loaded()

    @work(thread=True, exclusive=True, exit_on_error=False, group="checks")
    def check_all(self) -> None:
        """Run the quality checks over every translation, then show the failing ones."""
        post = PostBack(self)
        session = self.session
        if session is None:
            return
        checks = LiveChecks(self.config, self.language)
        if not checks.available:
            return
        queue = session.queue
        items = list(queue.items)
        failing: set[int] = set()
        for index, item in enumerate(items):
            if post.cancelled:
                return
            if item.badge == "translated" and checks.problems(
                item,
                item.targets,
                queue.nplurals.get(item.domain, 2),
                queue.plural_forms.get(item.domain),
            ):
                failing.add(index)
        across = checks.catalog_failing(items)  # one English translated two ways
        failing.update(index for index in across if items[index].badge == "translated")
        post(self._checked, failing)

    def _checked(self, failing: set[int]) -> None:
        gc.freeze()  # what the checks keep (their memo of every unit) lives on, like the queue
        if self.session is not None:
            self.session.queue.failing |= failing
            self.checked = True
            self.refresh_queue()
            editor = self._editor()
            if editor is not None:
                editor.refiltered(self.order)

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
        self._show_rows(self.order.index(keep) if keep in self.order else queue_list.cursor)
        self.query_one("#progress", LanguageProgress).show(self.language, queue.counts())
        self._show_filters()

    def _show_rows(self, cursor: int) -> None:
        if self.session is None:
            return
        queue = self.session.queue
        self.query_one("#queue", QueueList).show(
            [queue.items[index] for index in self.order],
            cursor,
            [queue.badge_of(index) for index in self.order],
            self.session.drafted,
        )

    def _show_filters(self) -> None:
        search = self.query_one("#search", Input).value.strip()
        text = Text.assemble(
            (" Showing ", "dim"),
            (STATE_FILTERS[self.state_filter][0], "bold"),
            (" · ", "dim"),
            (KIND_FILTERS[self.kind_filter][0], "bold"),
            (f" · {len(self.order):,} item{'s' if len(self.order) != 1 else ''}", "dim"),
        )
        if self.loading:
            text.append(" · loading…", "italic")
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
        if self.session is None or not self.order:
            return
        self.editor_opened = True
        self.app.push_screen(EditorScreen(self.session, self.order, position), self._editor_closed)

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
        """Filter once typing pauses: each pass looks at every unit of the language."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.refresh_queue)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.refresh_queue()
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

        self.app.push_screen(CoverageScreen(self.config, FOLLOW_SECONDS))
