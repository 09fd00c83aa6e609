"""A save met someone else's change to the same entry: the translator decides."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from l10n.po.editing import EntryConflict, EntryText
from l10n.queue.work import QueueItem
from tui.text import visible


def _texts(text: EntryText | None) -> str:
    if text is None:
        return "(removed from the catalog)"
    return visible(" | ".join(text.targets)) or "(empty)"


class ConflictScreen(ModalScreen[str | None]):
    """Shows both versions; dismisses with 'mine', 'theirs' or None (decide later).

    With `merge`, the two versions are the two texts a git merge kept of one entry, and
    None means the translator edits the text in the editor instead.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", "Keep mine"),
        Binding("t", "choose('theirs')", "Take theirs"),
        Binding("escape", "choose", "Cancel"),
    ]

    def __init__(self, item: QueueItem, conflict: EntryConflict, merge: bool = False) -> None:
        super().__init__()
        self.item = item
        self.conflict = conflict
        self.merge = merge

    def compose(self) -> ComposeResult:
        theirs = self.conflict.theirs
        title = (
            "A merge kept two translations of this entry: choose one, or edit"
            if self.merge
            else "Someone else changed this entry since you opened it"
        )
        with Vertical(id="conflict"):
            yield Static(Text(title, "bold red"))
            yield Static(Text.assemble(("English  ", "bold"), visible(self.item.source)))
            yield Static(Text.assemble(("Yours    ", "bold green"), _texts(self.conflict.mine)))
            yield Static(Text.assemble(("Theirs   ", "bold yellow"), _texts(theirs)))
            with Horizontal(id="conflict-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="primary", disabled=theirs is None)
                yield Button("Take theirs (t)", id="theirs")
                yield Button("Edit (esc)" if self.merge else "Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, choice: str | None = None) -> None:
        if choice == "mine" and self.conflict.theirs is None:
            return
        self.dismiss(choice)
