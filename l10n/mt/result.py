"""One machine translation outcome, as delivered to the caller."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MTResult:
    """The translation of one English text, or why there is none (`ok=False`, `reason`)."""

    text: str
    translation: str | None
    ok: bool
    reason: str | None
    provider: str
    source: str
    target: str
    from_cache: bool = False
