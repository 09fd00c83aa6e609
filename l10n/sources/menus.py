"""Menus: a YAML tree of items keyed by link path; identity `<menu>:<path or key>`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import SourceError
from l10n.model import Unit
from l10n.yamlio import LineDict, LineList, load_yaml

DOMAIN = "menu"
ITEM_KEYS = ("label", "path", "key", "note", "max_length", "children", "featured")
CHILD_LISTS = ("children", "featured")


@dataclass
class MenuItem:
    """One menu entry: an English label, a link and its sub-items."""

    identity: str
    label: str
    path: str | None
    line: int
    note: str | None = None
    max_length: int | None = None
    children: list[MenuItem] = field(default_factory=list)
    featured: list[MenuItem] = field(default_factory=list)


def read_menus(path: Path, relative_to: Path) -> dict[str, list[MenuItem]]:
    """Read every menu of the menus file, checking that identities are unique."""
    raw = load_yaml(path, SourceError)
    if raw is None:
        return {}
    if not isinstance(raw, LineDict):
        raise SourceError("the menus file must map menu names to lists of items", path, 1)
    seen: dict[str, int] = {}
    return {name: _items(raw[name], name, path, raw.line_of(name), seen) for name in raw}


def menu_units(menus: dict[str, list[MenuItem]], path: Path, relative_to: Path) -> list[Unit]:
    """Flatten menus into units in source order."""
    where = _relative(path, relative_to)
    return [_unit(item, where) for items in menus.values() for item in _walk(items)]


def _walk(items: list[MenuItem]) -> list[MenuItem]:
    flat: list[MenuItem] = []
    for item in items:
        flat.append(item)
        flat.extend(_walk(item.children))
        flat.extend(_walk(item.featured))
    return flat


def _unit(item: MenuItem, where: str) -> Unit:
    notes = [item.note] if item.note else []
    if item.path:
        notes.append(f"Link: {item.path}")
    flags = [f"max-length:{item.max_length}"] if item.max_length else []
    return Unit(
        DOMAIN, item.identity, item.label, "menu", [f"{where}:{item.line}"], notes, flags=flags
    )


def _items(value: Any, menu: str, path: Path, line: int, seen: dict[str, int]) -> list[MenuItem]:
    if not isinstance(value, LineList):
        raise SourceError(f"menu '{menu}' must be a list of items", path, line)
    return [
        _item(raw, menu, path, item_line, seen)
        for raw, item_line in zip(value, value.item_lines, strict=True)
    ]


def _item(raw: Any, menu: str, path: Path, line: int, seen: dict[str, int]) -> MenuItem:
    if not isinstance(raw, LineDict):
        raise SourceError("a menu item must be a mapping with 'label'", path, line)
    for name in raw:
        if name not in ITEM_KEYS:
            raise SourceError(f"unknown key '{name}' in a menu item", path, raw.line_of(name))
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise SourceError("a menu item needs a non-empty 'label'", path, raw.line_of("label"))
    link, key = raw.get("path"), raw.get("key")
    if link is None and key is None:
        raise SourceError("a menu item needs a 'path' or a 'key'", path, line)
    identity = f"{menu}:{key if key is not None else link}"
    if identity in seen:
        raise SourceError(
            f"duplicate identity '{identity}' (first on line {seen[identity]}); "
            "give one item a 'key'",
            path,
            line,
        )
    seen[identity] = line
    item = MenuItem(
        identity,
        label,
        str(link) if link else None,
        line,
        str(raw["note"]) if raw.get("note") else None,
        _max_length(raw, path),
    )
    for name in CHILD_LISTS:
        if name in raw:
            setattr(item, name, _items(raw[name], menu, path, raw.line_of(name), seen))
    return item


def _max_length(raw: LineDict, path: Path) -> int | None:
    value = raw.get("max_length")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SourceError(
            "'max_length' must be a positive integer", path, raw.line_of("max_length")
        )
    return value


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
