"""Interface strings: a YAML mapping of stable ids to English text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from l10n.errors import SourceError
from l10n.model import Unit
from l10n.sources.menus import _relative
from l10n.yamlio import LineDict, load_yaml

DOMAIN = "ui"
STRING_KEYS = ("text", "note", "max_length", "plural", "flags")


def read_ui(path: Path, relative_to: Path) -> list[Unit]:
    """Read the interface strings in file order."""
    raw = load_yaml(path, SourceError)
    if raw is None:
        return []
    if not isinstance(raw, LineDict):
        raise SourceError("interface strings must be a mapping of ids to text", path, 1)
    where = _relative(path, relative_to)
    return [_unit(key, raw[key], path, where, raw.line_of(key)) for key in raw]


def _unit(key: str, value: Any, path: Path, where: str, line: int) -> Unit:
    reference = [f"{where}:{line}"]
    if isinstance(value, str):
        return Unit(DOMAIN, key, _text(value, path, line), "ui", reference)
    if not isinstance(value, LineDict):
        raise SourceError(f"'{key}' must be a string or a mapping with 'text'", path, line)
    for name in value:
        if name not in STRING_KEYS:
            raise SourceError(f"unknown key '{name}' in '{key}'", path, value.line_of(name))
    text = _text(value.get("text"), path, value.line_of("text"))
    notes = [str(value["note"])] if value.get("note") else []
    flags = [str(flag) for flag in value.get("flags") or []]
    if value.get("max_length"):
        flags.append(f"max-length:{int(value['max_length'])}")
    plural = value.get("plural")
    plural_text = _text(plural, path, value.line_of("plural")) if plural is not None else None
    return Unit(DOMAIN, key, text, "ui", reference, notes, plural_text, flags)


def _text(value: Any, path: Path, line: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError("an interface string must be non-empty text", path, line)
    return value
