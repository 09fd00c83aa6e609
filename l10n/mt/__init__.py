"""Machine translation: providers from config, a cached concurrent translate service.

The names below are imported on first use: reading the `mt:` section (every command
validates the whole config) must not load the HTTP clients the service needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from l10n.mt.cache import MTCache
    from l10n.mt.config import MTSettings, ProviderSettings, Secret, parse_mt_config
    from l10n.mt.protect import Protected, Protector, Restored, restore
    from l10n.mt.result import MTResult
    from l10n.mt.service import MTService

_HOMES = {
    "MTCache": "cache",
    "MTResult": "result",
    "MTService": "service",
    "MTSettings": "config",
    "Protected": "protect",
    "Protector": "protect",
    "ProviderSettings": "config",
    "Restored": "protect",
    "Secret": "config",
    "parse_mt_config": "config",
    "restore": "protect",
}
__all__ = [
    "MTCache",
    "MTResult",
    "MTService",
    "MTSettings",
    "Protected",
    "Protector",
    "ProviderSettings",
    "Restored",
    "Secret",
    "parse_mt_config",
    "restore",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
