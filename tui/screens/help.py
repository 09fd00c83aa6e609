"""Every key, from the same table the screens bind."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import APP_KEYS, EDITOR_KEYS, HELP_NOTES, QUEUE_KEYS, Key, field_keys
from tui.screens.comment import CommentScreen
from tui.screens.conflict import ConflictScreen


def key_table(title: str, keys: tuple[Key, ...]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what")
    for key in keys:
        table.add_row(key_names(key.keys), HELP_NOTES.get(key.action, key.description))
    return table


def key_names(keys: str) -> str:
    """A binding's keys as a person reads them (ctrl+@ is what ctrl+space sends)."""
    names = [name for name in keys.split(",") if name != "ctrl+@"]
    return " / ".join(names)


def field_table() -> Table:
    table = Table(
        title="The translation field",
        title_justify="left",
        show_header=False,
        box=None,
        expand=True,
    )
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what")
    for keys, what in field_keys():
        table.add_row(keys, what)
    return table


def dialog_table(title: str, keys: list[BindingType]) -> Table:
    """The keys of a dialog, from its own bindings."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what")
    for binding in keys:
        if isinstance(binding, Binding):
            table.add_row(key_names(binding.key), binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the editor, the queue and the whole app."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(key_table("Editor (the translation field keeps the focus)", EDITOR_KEYS))
            yield Static(field_table())
            yield Static(key_table("Queue", QUEUE_KEYS))
            yield Static(key_table("Everywhere", APP_KEYS))
            yield Static(dialog_table("Comment dialog (ctrl+o)", CommentScreen.BINDINGS))
            yield Static(dialog_table("Someone else's change", ConflictScreen.BINDINGS))
            yield Static(dialog_table("This help", self.BINDINGS))
