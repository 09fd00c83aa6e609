"""The editor: one item at a time, with its English, context, changes and suggestions."""

from __future__ import annotations

import threading
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from l10n.errors import L10nError
from l10n.model import State
from l10n.po.editing import (
    EntryConflict,
    EntryText,
    accepted,
    needs_review,
    same_as_source,
    translated,
)
from l10n.queue.memory import Suggestion
from l10n.queue.work import CONFLICT, TODO_STATES, QueueItem
from tui.checking import LiveChecks
from tui.keys import EDITOR_KEYS, bindings
from tui.screens.comment import CommentScreen
from tui.session import Session, base_text
from tui.text import from_editable, one_line, to_editable
from tui.widgets.diff_view import diff_text
from tui.widgets.key_footer import KeyFooter
from tui.widgets.panels import (
    Offer,
    changes_text,
    context_text,
    english_text,
    offers_text,
    problems_text,
)
from tui.widgets.progress import LanguageProgress
from tui.widgets.queue_list import BADGE_STYLES
from tui.workers import PostBack

SAVE_GROUP = "save"
LOOKUP_DELAY = 0.1  # seconds on an item before its suggestions (and the next's) are searched
ONE_LINE_KINDS = ("menu", "ui")  # labels and interface strings: Enter saves and goes on
DRAFT_DELAY = 0.3  # seconds of no typing before the text is kept as a draft on disk


class EditorScreen(Screen[int | None]):
    """Translate the items of the filtered queue one by one; dismisses with the last index."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(EDITOR_KEYS))
    AUTO_FOCUS = "#forms TextArea"

    def __init__(self, session: Session, order: list[int], position: int = 0) -> None:
        super().__init__()
        self.session = session
        self.order = order
        self.position = position
        self.offers: list[Offer] = []
        self.pending = 0
        self.checks = LiveChecks(session.config, session.language)
        self.machine_cancel = threading.Event()
        self._lookup: Timer | None = None
        self._draft_timer: Timer | None = None
        self._areas: list[TextArea] = []  # one per plural form, in order
        self._inserted: int | None = None  # the suggestion the last F8 put in the field
        self._offer_rows: list[int | None] = []  # per line of the suggestions: its number
        self._merge_asked: set[int] = set()  # items whose merge conflict was offered

    @property
    def index(self) -> int:
        return self.order[self.position]

    @property
    def item(self) -> QueueItem:
        return self.session.queue.items[self.index]

    def compose(self) -> ComposeResult:
        yield LanguageProgress(id="progress")
        yield Static(id="item")
        with VerticalScroll(id="source-pane", can_focus=False):
            yield Static(id="english")
            yield Static(id="changes")
            yield Static(id="context")
        yield Static(id="translation-label")
        self._areas = [self._text_area() for _ in range(self._form_count(self.item))]
        yield Vertical(*self._areas, id="forms")
        yield Static(id="findings")
        yield Static(id="suggestions")
        yield KeyFooter()

    def _text_area(self, text: str = "") -> TextArea:
        area = TextArea(
            text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", classes="form"
        )
        area.cursor_blink = not self.app.is_headless
        return area

    def on_mount(self) -> None:
        if self.checks.error is not None:
            self.app.notify(
                str(self.checks.error), title="Checks are off", severity="warning", markup=False
            )
        self.show_item()

    # Showing an item

    def show_item(self) -> None:
        """Fill every panel for the item at `position` and put the cursor in the text."""
        item = self.item
        self._show_source(item)
        self._show_context(item)
        self.query_one("#source-pane", VerticalScroll).scroll_home(animate=False)
        self._fill_forms(item)
        self.offers = []
        self._inserted = None
        ready = self.session.ready_offers(item)  # looked up ahead, while on the item before
        if ready is None:
            self._show_offers(loading=True)
        else:
            self._suggested(self.position, *ready)
        self._schedule_lookup(show=ready is None)
        self._offer_merge_choice(item)

    def _show_context(self, item: QueueItem) -> None:
        queue = self.session.queue
        context = context_text(item, queue.titles.get(item.domain), queue.neighbours(self.index))
        self.query_one("#context", Static).update(context)

    def _offer_merge_choice(self, item: QueueItem) -> None:
        """An entry a merge translated two ways: keep mine, take theirs, or edit (once)."""
        theirs = item.theirs
        if theirs is None or self.index in self._merge_asked:
            return
        from tui.screens.conflict import ConflictScreen

        index = self.index
        self._merge_asked.add(index)
        base = base_text(item)
        path = self.session.queue.path_of(item)
        conflict = EntryConflict(path, item.key, base, EntryText(theirs))

        def chosen(choice: str | None) -> None:
            if choice == "mine":
                self._commit(accepted(base), index=index)
            elif choice == "theirs":
                self._commit(translated(base, theirs), index=index)

        self.app.push_screen(ConflictScreen(item, conflict, merge=True), chosen)

    def _schedule_lookup(self, show: bool) -> None:
        """Once the translator stays on the item (it is drawn by then), search its suggestions
        (`show`) and the next item's, so they are ready when the translator gets there.
        Items passed quickly are never searched for."""
        if self._lookup is not None:
            self._lookup.stop()
        self._lookup = self.set_timer(LOOKUP_DELAY, partial(self._look_up, self.position, show))

    def memory_loaded(self) -> None:
        """The whole translation memory is there now: search this item's suggestions again."""
        self._schedule_lookup(show=True)

    def _show_header(self, item: QueueItem) -> None:
        self.query_one("#progress", LanguageProgress).show(
            self.session.language, self.session.queue.counts()
        )
        badge = self.session.queue.badge_of(self.index)
        header = Text.assemble(
            (f" {badge} ", f"reverse {BADGE_STYLES[badge]}"),
            (f" ({self.position + 1}/{len(self.order)}) ", "dim"),
            f"{item.kind} · ",
            no_wrap=True,
            overflow="ellipsis",
        )
        header.append(one_line(item.identity))
        self.query_one("#item", Static).update(header, layout=False)  # always one line high

    def _fill_forms(self, item: QueueItem) -> None:
        """One text area per plural form, filled at once (keys typed next must land in it).

        The first item's areas are composed with the screen; another item's are filled
        here and now, areas for more forms made with their text, so no key typed in the
        meantime is overwritten later.
        """
        draft = self.session.draft_of(item)
        count = max(self._form_count(item), len(draft.targets) if draft else 0)
        shown = draft.targets if draft is not None else item.targets
        texts = [
            to_editable(shown[number] if number < len(shown) else "") for number in range(count)
        ]
        kept, dropped = self._areas[:count], self._areas[count:]
        for area in dropped:
            area.remove()
        for area, text in zip(kept, texts, strict=False):
            area.load_text(text)
            area.move_cursor(area.document.end)
        added = [self._text_area(text) for text in texts[len(kept) :]]
        if added:
            self.query_one("#forms", Vertical).mount_all(added)
            for area in added:
                area.call_after_refresh(area.move_cursor, area.document.end)
        self._areas = kept + added
        self._label_forms(item)
        self._areas[0].focus()
        self._show_label(draft is not None)
        self._show_findings()

    def _label_forms(self, item: QueueItem) -> None:
        """Each plural field titled with its CLDR category and example numbers (one: 1)."""
        forms = self.session.plural_forms(item) if item.plural else ()
        self.query_one("#forms", Vertical).set_class(len(self._areas) > 1, "plural")
        for number, area in enumerate(self._areas):
            form = forms[number] if number < len(forms) else None
            if form is None:
                area.border_title = None
                continue
            examples = ", ".join(str(n) for n in form.examples[:4])
            area.border_title = f"{form.category}: {examples}…"  # Babel's names, numbers

    def _show_label(self, drafted: bool) -> None:
        count = len(self._areas)
        label = Text("Translation" if count == 1 else f"Translation ({count} plural forms)", "bold")
        if drafted:
            label.append("  draft: not saved yet (ctrl+s saves it)", "bold yellow")
        self.query_one("#translation-label", Static).update(label)

    def _form_count(self, item: QueueItem) -> int:
        """Fields to show: every form the catalog declares, and any more the entry has."""
        if not item.plural:
            return 1
        return max(len(item.targets), self._declared_forms(item))

    def _declared_forms(self, item: QueueItem) -> int:
        """The plural forms the item's catalog declares: what the checks hold it to."""
        return self.session.queue.nplurals.get(item.domain, 2)

    def _plural_header(self, item: QueueItem) -> str | None:
        """The Plural-Forms of the item's catalog: which forms must keep every argument."""
        return self.session.queue.plural_forms.get(item.domain)

    def texts(self) -> tuple[str, ...]:
        """What the translator has typed, one text per form."""
        original = "".join(self.item.targets)
        return tuple(from_editable(area.text, original) for area in self._areas)

    # Suggestions

    def _look_up(self, position: int, show: bool) -> None:
        self._lookup = None
        if self.is_attached and position == self.position:
            self.suggest(position, show)

    @property
    def looking_up(self) -> bool:
        """Whether suggestions are still to be searched for or on their way."""
        running = any(
            worker.group == "suggest" and not worker.is_finished for worker in self.workers
        )
        return self._lookup is not None or running

    @work(thread=True, exclusive=True, exit_on_error=False, group="suggest")
    def suggest(self, position: int, show: bool = True) -> None:
        """Translation memory and the other languages, off the UI thread; then the same for
        the next item (remembered by the session), so it shows with its suggestions; then
        the catalog is made ready for saving."""
        post = PostBack(self)
        session = self.session
        item = session.queue.items[self.order[position]]
        if show:
            memory = session.suggestions(item)
            others = session.other_languages(item)
            post(self._suggested, position, memory, others)
        if position + 1 < len(self.order) and not post.cancelled:
            following = session.queue.items[self.order[position + 1]]
            session.suggestions(following)
            if not post.cancelled:
                session.other_languages(following)
        if not post.cancelled:
            session.prepare_save(item)  # the first save in a catalog need not parse it

    def _suggested(
        self, position: int, memory: list[Suggestion], others: list[tuple[str, str]]
    ) -> None:
        if position != self.position:
            return
        self.offers = [
            Offer(f"TM {found.percent}%", found.target, diff_text(found.diff)) for found in memory
        ]
        self.offers += [Offer(code, text) for code, text in others]
        self._show_offers()

    def _show_offers(self, loading: bool = False) -> None:
        text, self._offer_rows = offers_text(self.offers, loading, self.session.machine is not None)
        self.query_one("#suggestions", Static).update(text)

    @on(events.Click, "#suggestions")
    def _clicked_offer(self, event: events.Click) -> None:
        """A click on a suggestion puts it into the translation."""
        row = event.y + round(self.query_one("#suggestions", Static).scroll_y)
        number = self._offer_rows[row] if 0 <= row < len(self._offer_rows) else None
        if number is not None:
            self.action_insert(number)

    @work(thread=True, exclusive=True, exit_on_error=False, group="machine")
    def machine(self, position: int) -> None:
        """Ask the machine translator (it may block on the network)."""
        post = PostBack(self)
        engine = self.session.machine
        if engine is None:
            return
        item = self.session.queue.items[self.order[position]]
        cancel = self.machine_cancel
        try:
            text = engine.translate(
                item.source, self.session.config.source, self.session.language, cancel
            )
        except L10nError as error:
            post(
                self.app.notify,
                str(error),
                title="Machine translation",
                severity="error",
                markup=False,
            )
            return
        post(self._machine_done, position, Offer(engine.name, text))

    def _machine_done(self, position: int, offer: Offer) -> None:
        if position == self.position:
            self.offers.append(offer)
            self._show_offers()

    # Checks

    @on(TextArea.Changed)
    def _typed(self) -> None:
        self._show_findings()
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    # Drafts

    def keep_draft(self) -> bool:
        """Keep the text typed for this item on disk (now, not after the pause); return
        whether there is unsaved text."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        try:
            kept = self.session.keep_draft(self.item, self.texts())
        except OSError as error:
            self.app.notify(str(error), title="Draft not kept", severity="error", markup=False)
            return False
        self._show_label(kept)
        return kept

    def _show_findings(self) -> None:
        item, texts = self.item, self.texts()
        problems = self.checks.problems(
            item, texts, self._declared_forms(item), self._plural_header(item)
        )
        problems += self.checks.catalog_problems(item, texts, self._same_english(self.index))
        findings = self.query_one("#findings", Static)
        findings.display = bool(problems)
        findings.update(problems_text(problems))

    # Saving

    def _commit(
        self, new: EntryText, force: bool = False, index: int | None = None, move_on: bool = True
    ) -> None:
        """Save in the background and show the next item at once (saves run one at a time;
        `move_on=False` stays on the item).

        A conflict or an error found by the save comes back as a dialog or a notification
        naming the item, so nothing is lost by moving on.
        """
        index = self.index if index is None else index
        self.pending += 1
        self.session.saving[index] += 1
        self.app.run_worker(
            partial(self._save_job, self.app, index, new, force),
            thread=True,
            group=SAVE_GROUP,
            exit_on_error=False,
            description=f"save {self.session.queue.items[index].identity}",
        )
        if self.is_attached and index == self.index and move_on:
            self.go(self.position + 1, saving=True)

    def _save_job(self, app: App[None], index: int, new: EntryText, force: bool) -> None:
        """In a thread owned by the app (so leaving the editor never cancels a save).

        `app` is passed in: a screen that was closed meanwhile no longer finds its app.
        """
        try:
            self.session.save(index, new, force)
        except EntryConflict as conflict:
            app.call_from_thread(self._conflict, index, conflict)
            return
        except (L10nError, OSError) as error:
            app.call_from_thread(self._report, error, index)
            return
        app.call_from_thread(self._saved, index, new.targets)

    @property
    def saving(self) -> bool:
        """Whether a save is still on its way to the disk."""
        return self.pending > 0

    def _done_saving(self, index: int) -> None:
        self.pending -= 1
        self.session.saving[index] -= 1
        if self.session.saving[index] <= 0:
            del self.session.saving[index]

    def _report(self, error: L10nError | OSError, index: int | None = None) -> None:
        if index is None:  # an undo
            self.pending -= 1
        else:
            self._done_saving(index)
        self.app.notify(str(error), title="Not saved", severity="error", markup=False, timeout=15)

    def _saved(self, index: int, targets: tuple[str, ...]) -> None:
        self._done_saving(index)
        queue = self.session.queue
        self.session.drop_draft(queue.items[index], targets)
        for position in [index, *queue.same_english(index)]:  # an inconsistency may be gone
            if self._fails(position):
                queue.failing.add(position)
            else:
                queue.failing.discard(position)
        if self.is_attached:
            self._show_header(self.item)
            # Still on the saved item (the last of the queue): its text is no draft now.
            self._show_label(self.session.draft_of(self.item) is not None)
            self._schedule_lookup(show=True)  # the saved text is memory now: offer it

    def _fails(self, index: int) -> bool:
        """Whether a translated item fails a check, on its own or beside the same English."""
        item = self.session.queue.items[index]
        if item.badge != "translated":
            return False
        return bool(
            self.checks.problems(
                item, item.targets, self._declared_forms(item), self._plural_header(item)
            )
            or self.checks.catalog_problems(item, item.targets, self._same_english(index))
        )

    def _same_english(self, index: int) -> list[QueueItem]:
        queue = self.session.queue
        return [queue.items[position] for position in queue.same_english(index)]

    def _conflict(self, index: int, conflict: EntryConflict) -> None:
        from tui.screens.conflict import ConflictScreen

        self._done_saving(index)
        item = self.session.queue.items[index]

        def resolved(choice: str | None) -> None:
            if self.is_attached and index in self.order:
                self.position = self.order.index(index)
            if choice == "mine":
                self._commit(conflict.mine, force=True, index=index)
                return
            if choice == "theirs":  # what was typed is given up for theirs, its draft too
                self.session.drop_draft(self.session.queue.items[index], conflict.mine.targets)
                self.session.refresh_item(index)
            if self.is_attached:
                self.show_item()

        self.app.push_screen(ConflictScreen(item, conflict), resolved)

    def refiltered(self, order: list[int]) -> None:
        """The queue was filtered again (the checks found more to do while it loaded): items
        this editor has not got join right after the current one (after a merge's conflicts
        put there), so save-and-next meets them, instead of being placed behind the
        translator."""
        known = set(self.order)
        joining = [index for index in order if index not in known]
        if joining:
            at, items = self.position + 1, self.session.queue.items
            while at < len(self.order) and items[self.order[at]].badge == CONFLICT:
                at += 1  # a merge's conflicts put next stay next
            self.order[at:at] = joining
            self._show_header(self.item)

    def arrived(self, order: list[int]) -> None:
        """Items came to the filtered queue from disk (another translator's save, sync): each
        takes its place in queue order, as after a restart; the open item stays open."""
        queue, known = self.session.queue, set(self.order)
        joining = sorted((index for index in order if index not in known), key=queue.place_of)
        if not joining:
            return
        merged: list[int] = []
        taken, current = 0, self.position
        for position, index in enumerate(self.order):
            place = queue.place_of(index)
            while taken < len(joining) and queue.place_of(joining[taken]) < place:
                merged.append(joining[taken])
                taken += 1
            if position == current:
                self.position = len(merged)
            merged.append(index)
        self.order = merged + joining[taken:]
        if self.is_attached:
            self._show_header(self.item)
            if self.position != current:  # a search on its way answers for the old position
                self._schedule_lookup(show=True)

    def changed_on_disk(self, indices: list[int]) -> None:
        """Items changed on disk (someone else): the open one's English and state follow,
        what is being typed stays as it is."""
        if not self.is_attached:
            return
        if self.index in indices:
            self._show_source(self.item)
        else:
            self._show_header(self.item)  # the counts

    def _show_source(self, item: QueueItem) -> None:
        """The header, the English and what changed in it."""
        self._show_header(item)
        self.query_one("#english", Static).update(english_text(item))
        changes = self.query_one("#changes", Static)
        changes.display = item.state is State.STALE and item.previous_source is not None
        if changes.display and item.previous_source is not None:
            changes.update(changes_text(item.previous_source, item.source))

    def grown(self) -> None:
        """More of the queue was loaded (the order list is shared with the queue screen)."""
        self._show_header(self.item)

    def go(self, position: int, saving: bool = False) -> None:
        """Show another item of the filtered queue (the last one stays, with a note).

        Text typed and not saved is kept as a draft, and the translator is told so
        (`saving`: it is on its way to the catalog, nothing to tell).
        """
        if position >= len(self.order):
            self.app.notify("End of the queue: press escape for the queue.")
            self._show_header(self.item)
            return
        self.leave(saving)
        self.cancel_machine()
        self.position = max(0, position)
        self.show_item()

    # Actions

    def action_save(self) -> None:
        texts = self.texts()
        if not all(texts):
            self.app.notify(
                "Type a translation first (ctrl+n skips this item).", severity="warning"
            )
            return
        self._commit(translated(base_text(self.item), texts))

    @property
    def one_line_unit(self) -> bool:
        """A menu label or interface string of one line: Enter saves it and goes on."""
        item = self.item
        english = item.source + (item.plural or "")
        return item.kind in ONE_LINE_KINDS and "\n" not in english

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter saves only in a one-line unit; elsewhere it reaches the field (a line break)."""
        if action == "save_on_enter":
            return self.one_line_unit
        return True

    def action_save_on_enter(self) -> None:
        self.action_save()

    def action_other_enter(self) -> None:
        """What Enter does not: a line break in a one-line unit, save in a paragraph."""
        if not self.one_line_unit:
            self.action_save()
            return
        area = self._field()
        area.replace("\n", *area.selection)

    def _field(self) -> TextArea:
        """The plural field with the focus (the first one when none has it)."""
        focused = self.focused
        return (
            focused if isinstance(focused, TextArea) and focused in self._areas else self._areas[0]
        )

    def action_scroll_source(self, pages: int) -> None:
        """The English and its context scroll (at 80×24 a paragraph's neighbours may be
        below the fold); the focus stays in the translation."""
        pane = self.query_one("#source-pane", VerticalScroll)
        step = max(1, pane.scrollable_content_region.height - 1)
        pane.scroll_to(y=pane.scroll_y + pages * step, animate=False)

    def action_skip(self) -> None:
        self.go(self.position + 1)

    def action_previous(self) -> None:
        self.go(self.position - 1)

    def action_next_todo(self) -> None:
        self._go_to_do(1)

    def action_previous_todo(self) -> None:
        self._go_to_do(-1)

    def _go_to_do(self, step: int) -> None:
        """The nearest item in this direction that is still to do (Poedit's 'unfinished')."""
        queue = self.session.queue
        position = self.position + step
        while 0 <= position < len(self.order):
            if queue.badge_of(self.order[position]) in TODO_STATES:
                self.go(position)
                return
            position += step
        self.app.notify("Nothing more to do in this direction.")

    def action_copy_english(self) -> None:
        """The English into the field with the focus (the plural English in a plural field)."""
        item, area = self.item, self._field()
        english = item.plural if item.plural and self._areas.index(area) > 0 else item.source
        area.load_text(to_editable(english))
        area.move_cursor(area.document.end)
        self._typed()

    def action_comment(self) -> None:
        """Edit the translator comment (# lines) of this item; the context shows it once saved."""
        index = self.index

        def closed(saved: bool | None) -> None:
            if saved:
                self.app.notify("Comment saved.")
                if self.is_attached and index == self.index:
                    self._show_context(self.item)

        self.app.push_screen(CommentScreen(self.session, index), closed)

    def action_toggle_review(self) -> None:
        """Mark the typed text as needing review, or accept it, and save it (staying here)."""
        texts, item = self.texts(), self.item
        if not all(texts):
            self.app.notify("Type a translation first.", severity="warning")
            return
        base = base_text(item)
        marked = item.state in (State.NEEDS_REVIEW, State.STALE)
        self._commit(
            translated(base, texts) if marked else needs_review(base, texts), move_on=False
        )
        self.app.notify("Accepted." if marked else "Marked as needing review.")

    def action_accept(self) -> None:
        item = self.item
        if item.copy:
            self.action_same()
        elif item.state in (State.STALE, State.NEEDS_REVIEW):
            self._commit(accepted(base_text(item)))
        else:
            self.app.notify(f"Nothing to accept: this item is {item.badge}.", severity="warning")

    def action_same(self) -> None:
        item = self.item
        self._commit(same_as_source(base_text(item), item.source, item.plural))

    def cancel_machine(self) -> None:
        """Abandon a machine translation still on its way (another item, or leaving)."""
        self.machine_cancel.set()
        self.machine_cancel = threading.Event()

    def on_unmount(self) -> None:
        self.machine_cancel.set()

    def action_machine(self) -> None:
        self.cancel_machine()
        if self.session.machine is None:
            self.app.notify("Machine translation is not configured.", severity="warning")
            return
        self.machine(self.position)

    def action_insert_next(self) -> None:
        """Suggestion 1 into the field; pressed again at once, the next one instead."""
        if not self.offers:
            self.app.notify("No suggestions for this item.", severity="warning")
            return
        number = 1
        shown = self._inserted
        again = shown is not None and shown <= len(self.offers)
        if shown is not None and again and self._field().text == self._offer_text(shown):
            number = shown % len(self.offers) + 1
        self.action_insert(number)

    def _offer_text(self, number: int) -> str:
        return to_editable(self.offers[number - 1].text)

    def action_insert(self, number: int) -> None:
        if not 1 <= number <= len(self.offers):
            self.app.notify(f"There is no suggestion {number}.", severity="warning")
            return
        area = self._field()
        area.load_text(to_editable(self.offers[number - 1].text))
        area.move_cursor(area.document.end)
        area.focus()
        self._inserted = number
        self._typed()

    def action_undo(self) -> None:
        if self.saving:
            self.app.notify("Still saving: undo in a moment.", severity="warning")
            return
        if not self.session.history:
            self.app.notify("Nothing to undo.")
            return
        self.pending += 1
        self.undo()

    @work(thread=True, exit_on_error=False, group=SAVE_GROUP)
    def undo(self) -> None:
        post = PostBack(self)
        try:
            index = self.session.undo()
        except L10nError as error:
            post(self._report, error)
            return
        post(self._undone, index)

    def _undone(self, index: int | None) -> None:
        self.pending -= 1
        if index is not None and index in self.order:
            self.go(self.order.index(index))
            self.app.notify(
                "Undone: the catalog has its text back; what you saved is in the field, unsaved."
                if self.session.draft_of(self.item)
                else "Undone: the text is back as it was."
            )

    def leave(self, saving: bool = False) -> None:
        """Keep unsaved text as a draft before the item is left, and say so once."""
        if self.keep_draft() and not saving:
            self.app.notify(
                f"Not saved, kept as a draft: {one_line(self.item.identity)}",
                title="Draft",
                markup=False,
            )

    def action_close(self) -> None:
        self.leave()
        self.dismiss(self.index)
