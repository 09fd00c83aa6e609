"""Every key of the UI in one table: the screens' bindings and the help screen come from it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One key: what to press, the action it runs, and what it does in a few words."""

    keys: str
    action: str
    description: str
    show: bool = True
    priority: bool = True


EDITOR_KEYS: tuple[Key, ...] = (
    Key("ctrl+s", "save", "Save+next"),
    Key("ctrl+n", "skip", "Skip"),
    Key("ctrl+b", "previous", "Back", show=False),
    Key("ctrl+r,f2", "accept", "Accept as is"),
    Key("ctrl+t,f3", "same", "Same as English"),
    Key("ctrl+g,f4", "machine", "Machine translation", show=False),
    Key("f5", "undo", "Undo save"),
    *(Key(f"alt+{n}", f"insert({n})", f"Insert suggestion {n}", show=False) for n in range(1, 10)),
    Key("escape", "close", "Queue"),
)

QUEUE_KEYS: tuple[Key, ...] = (
    Key("enter", "open", "Translate", priority=False),
    Key("slash", "search", "Search", priority=False),
    Key("s", "cycle_state", "State filter", priority=False),
    Key("k", "cycle_kind", "Kind filter", priority=False),
    Key("c", "coverage", "Coverage", priority=False),
    Key("l", "app.languages", "Languages", priority=False),
    Key("escape", "clear_search", "Clear search", show=False, priority=False),
)

APP_KEYS: tuple[Key, ...] = (
    Key("f1", "help", "Help"),
    Key("ctrl+p", "command_palette", "Commands", show=False),
    Key("ctrl+q", "quit", "Quit"),
)

HELP_NOTES: dict[str, str] = {
    "save": "Save the translation (a stale or machine text is accepted with it) and go on",
    "skip": "Leave this item as it is and go to the next one",
    "previous": "Go back to the previous item",
    "accept": "Accept the text as it is: stale, needs-review, or a copy of the English",
    "same": "Mark 'same as English is correct' (the English becomes the translation)",
    "machine": "Ask machine translation for a suggestion (when configured)",
    "undo": "Put back the text as it was before your last save",
    "close": "Back to the queue",
    "insert(1)": "Put suggestion 1 (2, 3 …: alt+2, alt+3 …) into the translation",
}


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    """Textual bindings of a key table."""
    return [
        Binding(key.keys, key.action, key.description, show=key.show, priority=key.priority)
        for key in keys
    ]
