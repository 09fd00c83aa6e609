"""Every key of the UI in one table: the screens' bindings and the help screen come from it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.widgets import TextArea


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
    Key("enter", "save_on_enter", "Save+next", show=False),
    Key("ctrl+j", "other_enter", "Line break / save", show=False),
    Key("ctrl+n,ctrl+down", "skip", "Next", show=False),
    Key("ctrl+up,ctrl+b", "previous", "Previous", show=False),
    Key("ctrl+pagedown", "next_todo", "Next to do", show=False),
    Key("ctrl+pageup", "previous_todo", "Previous to do", show=False),
    Key("ctrl+r,f2", "accept", "Accept"),
    Key("ctrl+t,f3", "same", "Same as English", show=False),
    Key("ctrl+g,f4", "machine", "Machine", show=False),
    Key("f5", "undo", "Undo"),
    Key("f8,ctrl+f", "insert_next", "Suggest"),
    Key("ctrl+@,ctrl+space,f9", "copy_english", "Copy English", show=False),
    Key("ctrl+u", "toggle_review", "Needs review", show=False),
    Key("ctrl+o", "comment", "Comment", show=False),
    Key("shift+pagedown,alt+down", "scroll_source(1)", "Scroll the English", show=False),
    Key("shift+pageup,alt+up", "scroll_source(-1)", "Scroll the English back", show=False),
    Key("escape", "close", "Queue"),
)

QUEUE_KEYS: tuple[Key, ...] = (
    Key("enter", "open", "Open", priority=False),
    Key("slash", "search", "Search", priority=False),
    Key("s", "cycle_state", "State", priority=False),
    Key("k", "cycle_kind", "Kind", priority=False),
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
    "save_on_enter": "In a one-line unit (menu label, interface string): save and go on; "
    "in a paragraph: a line break",
    "other_enter": "The other one: a line break in a one-line unit, save and go on in a paragraph",
    "skip": "Leave this item as it is and go to the next one (unsaved text stays a draft)",
    "previous": "Go back to the previous item (ctrl+b is tmux's prefix: ctrl+up there)",
    "next_todo": "Go to the next item still to do (missing, stale, needs review, failing checks)",
    "previous_todo": "Go to the previous item still to do",
    "accept": "Accept the text as it is: stale, needs-review, or a copy of the English",
    "same": "Mark 'same as English is correct' (the English becomes the translation)",
    "machine": "Ask machine translation for a suggestion (when configured)",
    "undo": "Put back the catalog's text before your last save; what you saved stays in the "
    "field, unsaved",
    "insert_next": "Put suggestion 1 into the translation; press again for 2, 3 … "
    "(or click a suggestion)",
    "copy_english": "Copy the English into the translation field",
    "toggle_review": "Mark the translation as needing review, or accept it, and save",
    "comment": "Edit the translator comment (# lines) of this item; ctrl+s or esc saves it",
    "scroll_source(1)": "Scroll the English and its context (notes, neighbouring paragraphs) "
    "down a page",
    "scroll_source(-1)": "Scroll the English and its context up a page",
    "close": "Back to the queue (unsaved text stays a draft)",
}

# Keys of the text field itself (Textual's TextArea) that no key above takes, for the help;
# super+ (the Mac's command key) never reaches an app in a terminal.
FIELD_KEYS_OF_OUR_OWN: tuple[tuple[str, str], ...] = (
    ("tab / shift+tab", "Next / previous plural field"),
)


def field_keys() -> list[tuple[str, str]]:
    """Every key the translation field answers to, as (keys, what it does)."""
    taken = {name for key in (*EDITOR_KEYS, *APP_KEYS) for name in key.keys.split(",")}
    rows = list(FIELD_KEYS_OF_OUR_OWN)
    for binding in TextArea.BINDINGS:
        if not isinstance(binding, Binding):
            continue
        names = [
            name
            for name in binding.key.split(",")
            if name not in taken and not name.startswith("super+")
        ]
        if names:
            rows.append((" / ".join(names), binding.description))
    return rows


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    """Textual bindings of a key table."""
    return [
        Binding(key.keys, key.action, key.description, show=key.show, priority=key.priority)
        for key in keys
    ]
