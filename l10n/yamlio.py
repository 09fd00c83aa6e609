"""YAML loading that remembers lines and refuses duplicate keys.

PyYAML lets the last of two equal keys silently win and reports 0-based marks; identities
come from keys here, so a duplicate is an error, and every error names a 1-based line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from l10n.errors import L10nError

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - the wheel ships libyaml
    _BaseLoader = yaml.SafeLoader


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of `key`, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows the 1-based line of each of its items."""

    line: int = 0
    item_lines: list[int]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings and sequences carry line numbers."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: Path, error: type[L10nError], first_line: int = 1) -> Any:
    """Parse YAML text from `path`; errors become `error` with a 1-based line.

    `first_line` is the line of `path` where `text` starts (front matter starts on line 2).
    """
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # where the unclosed construct started says more
        line = mark.line + first_line if mark is not None else None
        what = f"{exc.problem} ({exc.context})" if exc.context else exc.problem
        raise error(f"invalid YAML: {what}", path, line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path) from None


def read_text(path: Path, error: type[L10nError]) -> str:
    """Read a UTF-8 file, turning I/O and decoding problems into `error`."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error("file not found", path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise error("not valid UTF-8", path, line) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path) from None


def load_yaml(path: Path, error: type[L10nError]) -> Any:
    """Read and parse a YAML file."""
    return parse_yaml(read_text(path, error), path, error)
