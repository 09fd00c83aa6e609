"""Every key, from the same table the screens bind."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import APP_KEYS, EDITOR_KEYS, HELP_NOTES, QUEUE_KEYS, Key


def key_table(title: str, keys: tuple[Key, ...]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what")
    for key in keys:
        if key.action.startswith("insert(") and key.action != "insert(1)":
            continue
        shown = "alt+1…9" if key.action == "insert(1)" else key.keys.replace(",", " / ")
        table.add_row(shown, HELP_NOTES.get(key.action, key.description))
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the editor, the queue and the whole app."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(key_table("Editor (the translation field keeps the focus)", EDITOR_KEYS))
            yield Static(key_table("Queue", QUEUE_KEYS))
            yield Static(key_table("Everywhere", APP_KEYS))
