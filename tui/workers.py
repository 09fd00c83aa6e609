"""Thread workers hand their results back to the app through one small helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode
from textual.worker import get_current_worker


class PostBack:
    """Calls back on the app's thread, unless the worker was cancelled (its screen closed).

    Made at the start of a thread worker: a screen that is closed later no longer finds its
    app from another thread, so the app is kept from the start.
    """

    def __init__(self, node: DOMNode) -> None:
        self.app = node.app
        self.worker = get_current_worker()

    @property
    def cancelled(self) -> bool:
        return self.worker.is_cancelled

    def __call__(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        if not self.worker.is_cancelled:
            self.app.call_from_thread(callback, *args, **kwargs)
