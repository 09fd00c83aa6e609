"""A line-API list of queue items: renders only the visible rows, so 100k items are instant."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from l10n.queue.work import QueueItem
from tui.text import one_line

BADGE_STYLES = {
    "missing": "bold red",
    "stale": "bold yellow",
    "needs-review": "bold magenta",
    "copy": "bold cyan",
    "translated": "green",
    "check": "bold #ff8700",
    "conflict": "bold #ff5f5f",
}


class QueueList(ScrollView, can_focus=True):
    """The filtered queue, one row per item: a mark for unsaved text, state badge, kind,
    identity, the English and the translation."""

    DEFAULT_CSS = """
    QueueList { height: 1fr; }
    QueueList > .queue-list--cursor { background: $accent 40%; }
    QueueList:focus > .queue-list--cursor { background: $accent; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"queue-list--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=True),
    ]

    cursor: reactive[int] = reactive(0)

    class Chosen(Message):
        """The translator opened the item under the cursor (Enter)."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[QueueItem] = []
        self.badges: list[str] = []
        self.drafted: set[tuple[str, str | None, str]] = set()  # entries with unsaved text

    def show(
        self,
        items: list[QueueItem],
        cursor: int = 0,
        badges: list[str] | None = None,
        drafted: set[tuple[str, str | None, str]] | None = None,
    ) -> None:
        """Replace the rows; nothing is measured, so this costs the same for 10 or 100k."""
        self.items = items
        self.drafted = drafted if drafted is not None else set()
        self.badges = badges if badges is not None else [item.badge for item in items]
        self.virtual_size = Size(1, len(items))  # rows are cut to the width: no sideways scroll
        self.cursor = max(0, min(cursor, len(items) - 1))
        self.scroll_to_cursor()
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.items) - 1)) if self.items else 0

    def watch_cursor(self) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, force=True)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.items) - 1

    def action_choose(self) -> None:
        if self.items:
            self.post_message(self.Chosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        position = round(self.scroll_y) + event.y
        if 0 <= position < len(self.items):
            if position == self.cursor and event.chain > 1:
                self.action_choose()
            self.cursor = position

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position = round(self.scroll_y) + y
        if position >= len(self.items):
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        if position == self.cursor:
            base = base + self.get_component_rich_style("queue-list--cursor")
        row = self._row(self.items[position], self.badges[position], base)
        return Strip(row).crop_extend(0, width, base)  # its true width, then cut or padded

    def _row(self, item: QueueItem, badge: str, base: Style) -> list[Segment]:
        """Draft mark, badge, kind, identity, then the English and the translation."""
        width = self.scrollable_content_region.width
        identity_width = max(10, width // 5)
        identity = one_line(item.identity)
        if len(identity) > identity_width:
            identity = "…" + identity[-(identity_width - 1) :]
        text_width = max(8, (width - identity_width - BADGE_WIDTH - KIND_WIDTH - 4) // 2)
        drafted = (item.domain, item.context, item.source) in self.drafted
        return [
            Segment(" ✎" if drafted else "  ", base + Style(bold=True, color="yellow")),
            Segment(f"{badge:<{BADGE_WIDTH}}", base + Style.parse(BADGE_STYLES[badge])),
            Segment(f"{item.kind:<{KIND_WIDTH}}", base + Style(dim=True)),
            Segment(f"{identity:<{identity_width}} ", base),
            Segment(_cell(item.source, text_width) + " ", base + Style(dim=True)),
            Segment(_cell(item.target, text_width), base),
        ]


BADGE_WIDTH = max(len(badge) for badge in BADGE_STYLES) + 1  # "needs-review" and a space
KIND_WIDTH = 8


def _cell(text: str, width: int) -> str:
    """One line of text in exactly `width` cells (cut with an ellipsis, or padded)."""
    line = one_line(text)
    if cell_len(line) > width:
        line = set_cell_size(line, width - 1) + "…"
    return set_cell_size(line, width)
