"""Machine translation: providers from config, a cached concurrent translate service."""

from l10n.mt.cache import MTCache
from l10n.mt.config import MTSettings, ProviderSettings, Secret, parse_mt_config
from l10n.mt.protect import Protected, Protector, Restored, restore
from l10n.mt.result import MTResult
from l10n.mt.service import MTService

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
