"""YAML loading that remembers lines and refuses duplicate keys, impossible dates and bombs.

PyYAML lets the last of two equal keys silently win and reports 0-based marks; identities
come from keys here, so a duplicate is an error, and every error names a 1-based line.
A date that does not exist (`2022-02-31`) is an error at its line, not a ValueError.
Aliases are kept (a config may share a section), but a document whose aliases expand to
far more than its own size ("billion laughs") is refused before anything is built from it:
nine anchors of nine aliases each would expand to gigabytes the first time a value is
turned into text.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.errors import L10nError

if TYPE_CHECKING:
    import yaml  # imported by the first parse: a config read from its cache needs none

# A document may expand through its aliases to this many times its own size, plus a margin.
EXPANSION_FACTOR = 10
EXPANSION_MARGIN = 100_000


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


@cache
def _loading() -> tuple[type[yaml.SafeLoader], type[yaml.constructor.ConstructorError]]:
    """A safe loader whose mappings and sequences carry line numbers, and the error its
    dates raise (built when the first document is parsed)."""
    import yaml

    try:
        base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
    except AttributeError:  # pragma: no cover - the wheel ships libyaml
        base = yaml.SafeLoader

    class Loader(base):  # type: ignore[misc, valid-type]
        """The safe loader (libyaml's), with lines."""

    class ValueProblem(yaml.constructor.ConstructorError):
        """A well-formed value that means nothing (an impossible date): shown as it is."""

    def construct_timestamp(loader: Loader, node: yaml.ScalarNode) -> dt.date | dt.datetime:
        try:
            value: dt.date | dt.datetime = loader.construct_yaml_timestamp(node)
        except ValueError:
            raise ValueProblem(None, None, f"not a date: {node.value}", node.start_mark) from None
        return value

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return Loader, ValueProblem


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    import yaml

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


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


def _check_expansion(root: yaml.Node, limit: int) -> None:
    """Refuse a node graph whose aliases expand beyond `limit` (scalar characters + nodes).

    Each node's expanded size is computed once, so the check is linear in the document.
    The error names the first collection found to be too big, where the repeated aliases are.
    """
    import yaml

    sizes: dict[int, int] = {}
    started: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = len(node.value) + 1
            continue
        children = _children(node)
        if not children_done:
            if id(node) in started:  # met again inside itself
                raise yaml.constructor.ConstructorError(
                    None, None, "an alias refers to a node that contains it", node.start_mark
                )
            started.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        size = 1 + sum(sizes.get(id(child), 0) for child in children)
        if size > limit:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "aliases expand this far beyond the file's size (an alias bomb?)",
                node.start_mark,
            )
        sizes[id(node)] = size


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _load(text: str) -> Any:
    """Compose, check the aliases' expansion, then construct."""
    loader = _loading()[0](text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_expansion(root, EXPANSION_FACTOR * len(text) + EXPANSION_MARGIN)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, error: type[L10nError], first_line: int = 1) -> Any:
    """Parse YAML text from `path`; errors become `error` with a 1-based line.

    `first_line` is the line of `path` where `text` starts (front matter starts on line 2).
    """
    import yaml

    value_problem = _loading()[1]
    try:
        return _load(text)
    except value_problem as exc:
        mark = exc.problem_mark
        raise error(str(exc.problem), path, mark.line + first_line if mark else None) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # where the unclosed construct started says more
        line = mark.line + first_line if mark is not None else None
        what = f"{exc.problem} ({exc.context})" if exc.context else exc.problem
        raise error(f"invalid YAML: {what}", path, line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line
        raise error(f"invalid YAML: {reader_problem(exc)}", path, line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path) from None


def reader_problem(exc: yaml.reader.ReaderError) -> str:
    """What a character YAML refuses (a control character, say) is, without the character."""
    code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or " ")
    return f"{exc.reason}: U+{code:04X} (YAML allows no control characters but tab and breaks)"


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
