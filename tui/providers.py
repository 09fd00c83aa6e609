"""Machine translation as the editor sees it: one small protocol, called in a worker."""

from __future__ import annotations

import threading
from typing import Protocol


class MachineTranslator(Protocol):
    """Anything that can translate one text; may block (network), so it runs in a thread."""

    name: str

    def translate(
        self, text: str, source: str, target: str, cancel: threading.Event | None = None
    ) -> str:
        """The machine translation of `text`; raises `l10n.errors.ProviderError` on failure.

        Setting `cancel` abandons the request: no new request starts, the answer is dropped.
        """
        ...
