"""Machine translation from the site's `mt:` settings, as the editor's small protocol."""

from __future__ import annotations

import threading

from l10n.config import Config
from l10n.errors import ProviderError
from tui.providers import MachineTranslator


class ConfiguredMachine:
    """Translates through `l10n.mt` (cache, retries, protected terms), one service per call.

    A service is made inside the calling worker thread because its cache is an SQLite
    connection, which belongs to the thread that opened it.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.name = "MT"

    def translate(
        self, text: str, source: str, target: str, cancel: threading.Event | None = None
    ) -> str:
        from l10n.mt.pretranslate import open_service

        with open_service(self.config) as service:  # the glossary's terms stay protected
            result = service.translate_many([text], source, target, cancel=cancel).get(text)
        if result is None or not result.ok or result.translation is None:
            reason = result.reason if result is not None else "cancelled"
            raise ProviderError(f"no machine translation: {reason}", self.config.path)
        self.name = result.provider
        return result.translation


def machine_from_config(config: Config) -> MachineTranslator | None:
    """The configured machine translation, or None when the site has no `mt:` section."""
    if config.raw.get("mt") is None:
        return None
    try:
        import l10n.mt  # noqa: F401 - optional part of the core
    except ImportError:
        return None
    return ConfiguredMachine(config)
