"""The key bar at the bottom of every screen: Textual's Footer, built once instead of again
on every refresh of the screen's bindings."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer, composed with the screen and recomposed only when the keys it shows
    change.

    Textual's Footer shows nothing until the screen first publishes its bindings, then
    recomposes all its keys (a dozen widgets, 10-20 ms each time) whenever they are
    published again: on opening, on every change of focus, on every change of the screen
    stack. On opening the editor that made three or four recomposes of identical keys,
    which landed on the translator's first ctrl+s (about 60 ms of it). The keys of our
    screens depend only on the screen and its state, so they are composed with the screen,
    and a refresh that shows the same keys changes nothing.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("show_command_palette", False)  # ctrl+p is in F1: 80 columns fit
        super().__init__(**kwargs)
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._shown = self._keys(self.screen)
        yield from super().compose()

    def _keys(self, screen: Screen[Any]) -> tuple[object, ...]:
        """What the footer would show: every shown binding, its state and its key's look."""
        app = self.app
        return tuple(
            (key, binding, enabled, tooltip, app.get_key_display(binding))
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self._shown is not None and screen is self.screen and self._keys(screen) == self._shown:
            return
        super().bindings_changed(screen)
