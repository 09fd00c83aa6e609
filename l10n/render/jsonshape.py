"""Many small JSON documents of one shape, written as `json.dumps` writes each, but faster.

A report of hundreds of thousands of findings writes each finding as a small document with
the same keys. Python's encoder indents in Python only (its C encoder does not indent), and
even unindented it sets an encoder up for every call: most of the time spent writing such a
report. A `Shape` is the document `json.dumps` wrote once with a placeholder for each value,
cut at them; a document is then its values, each encoded as `json.dumps` encodes it (strings
by the same function in C), between the cuts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring

_MARK = "\ue000"  # private use: written as it is with ensure_ascii=False, in no document
_PLACEHOLDER = re.compile(f'"{_MARK}([0-9]+){_MARK}"')


class Shape:
    """The documents `build(*values)` makes, written as `json.dumps(document, indent=indent,
    ensure_ascii=False)` writes them, with `nested` after each line break (a document
    indented to its place in a bigger one).

    `build` takes `fields` values (strings, numbers, booleans, None) and puts each in the
    document as it is, or leaves it out: the shape is the one it has for values that are
    all true strings.
    """

    def __init__(
        self, build: Callable[..., object], fields: int, indent: int | None = None, nested: str = ""
    ) -> None:
        placeholders = [f"{_MARK}{field}{_MARK}" for field in range(fields)]
        text = json.dumps(build(*placeholders), indent=indent, ensure_ascii=False)
        pieces = _PLACEHOLDER.split(text.replace("\n", "\n" + nested))
        self._slots = [int(field) for field in pieces[1::2]]  # the values, in the text's order
        self._format = "%s".join(piece.replace("%", "%%") for piece in pieces[0::2])
        self._last: list[object] = [None] * fields  # each field's last value and its JSON
        self._last_json = ["null"] * fields

    def __call__(self, values: Sequence[object]) -> str:
        """The document of these values (that `build` puts where this shape has them)."""
        # Findings in their order come a few in a row from one unit, with its English (a
        # kilobyte): the same object, encoded once.
        last, last_json = self._last, self._last_json
        encoded = []
        for field in self._slots:
            value = values[field]
            if value is not last[field]:
                last[field], last_json[field] = value, encode(value)
            encoded.append(last_json[field])
        return self._format % tuple(encoded)


def encode(value: object) -> str:
    """A string, number, boolean or None as `json.dumps` writes it in any document."""
    if type(value) is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    raise TypeError(f"a Shape's values are strings, numbers, booleans or None, not {value!r}")
