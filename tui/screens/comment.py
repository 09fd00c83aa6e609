"""The translator comment (`# ` lines) of one item, edited as in Poedit and Lokalize.

Read from the catalog when the dialog opens and saved through the catalog's lock like a
translation; someone else's change meanwhile is shown above the field, which keeps what
was typed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from l10n.errors import L10nError
from l10n.po.comment import CommentConflict
from tui.session import Session
from tui.text import from_editable, one_line, to_editable, visible
from tui.workers import PostBack

SAVE_GROUP = "save"  # the app waits for these before it quits


class CommentScreen(ModalScreen[bool]):
    """Edit one item's translator comment; dismisses with whether it was saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,escape", "done", "Save comment", priority=True)
    ]
    AUTO_FOCUS = "#comment-text"

    def __init__(self, session: Session, index: int) -> None:
        super().__init__()
        self.session = session
        self.index = index
        self.before: str | None = None  # the comment on disk, once read

    def compose(self) -> ComposeResult:
        item = self.session.queue.items[self.index]
        with Vertical(id="comment"):
            yield Static(Text("Comment for translators (# lines in the catalog)", "bold"))
            yield Static(Text.assemble(("English  ", "bold"), one_line(item.source)))
            yield Static(id="comment-theirs")
            area = TextArea("", soft_wrap=True, id="comment-text", disabled=True)
            area.cursor_blink = not self.app.is_headless
            yield area
            yield Static(
                Text("reading… · ctrl+s / esc: save and close (empty: no comment)", "dim"),
                id="comment-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#comment-theirs", Static).display = False
        self.read()

    @work(thread=True, exclusive=True, exit_on_error=False, group="comment")
    def read(self) -> None:
        post = PostBack(self)
        try:
            comment = self.session.comment_of(self.index)
        except (L10nError, OSError) as error:
            post(self._unreadable, error)
            return
        post(self._read, comment)

    def _unreadable(self, error: L10nError | OSError) -> None:
        self.app.notify(str(error), title="Comment", severity="error", markup=False)
        self.dismiss(False)

    def _read(self, comment: str | None) -> None:
        if comment is None:
            self.app.notify(
                "This item has no entry in its catalog yet: save a translation first.",
                severity="warning",
            )
            self.dismiss(False)
            return
        self.before = comment
        area = self.query_one("#comment-text", TextArea)
        area.load_text(to_editable(comment))
        area.move_cursor(area.document.end)
        area.disabled = False
        area.focus()
        self._hint("ctrl+s / esc: save and close (empty: no comment)")

    def _hint(self, hint: str) -> None:
        self.query_one("#comment-hint", Static).update(Text(hint, "dim"))

    @property
    def typed(self) -> str:
        return from_editable(self.query_one("#comment-text", TextArea).text, self.before or "")

    def action_done(self) -> None:
        if self.before is None:  # still reading, or saving
            return
        if self.typed.strip() == self.before.strip():
            self.dismiss(False)
            return
        before, self.before = self.before, None
        self._hint("saving…")
        self.save(before, self.typed)

    def save_typed(self) -> None:
        """The app is quitting: a comment typed and not saved yet is saved (the app waits
        for it), never dropped."""
        if self.before is not None and self.typed.strip() != self.before.strip():
            before, self.before = self.before, None
            self.save(before, self.typed)

    @work(thread=True, exclusive=True, exit_on_error=False, group=SAVE_GROUP)
    def save(self, before: str, after: str) -> None:
        post = PostBack(self)
        try:
            self.session.save_comment(self.index, before, after)
        except CommentConflict as conflict:
            post(self._conflict, before, conflict)
            return
        except (L10nError, OSError) as error:
            post(self._failed, error, before)
            return
        post(self.dismiss, True)

    def _conflict(self, before: str, conflict: CommentConflict) -> None:
        """Someone else changed the comment: theirs above, yours stays in the field; saving
        again puts yours in its place."""
        if conflict.theirs is None:
            self._failed(conflict, before)
            return
        self.before = conflict.theirs
        theirs = self.query_one("#comment-theirs", Static)
        theirs.update(
            Text.assemble(
                ("Someone else saved meanwhile: ", "bold yellow"),
                visible(conflict.theirs) or "(no comment)",
            )
        )
        theirs.display = True
        self._hint("ctrl+s / esc: save yours in place of theirs (or edit it first)")

    def _failed(self, error: L10nError | OSError, before: str) -> None:
        self.before = before
        self.app.notify(str(error), title="Comment not saved", severity="error", markup=False)
        self._hint("not saved · ctrl+s / esc: try again")
