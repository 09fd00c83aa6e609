"""A data-only encoding of cached values: tagged JSON, compressed, and raw byte strings.

Cache files sit in the site's folder, where a pull request can put anything, so reading
one must never run code: no pickle, no marshal, no name looked up from the file. A `Codec`
builds only plain data (None, bool, int, float, str, list, tuple, dict, bytes, paths,
dates) and the dataclasses and enums it was made with, each dataclass field checked
against its annotation as it is read. Anything else, and any damage (random bytes, a
truncated file, a pickle), raises `CorruptCache`, which the store treats as a miss.

Layout: a magic line, then frames of an 8-byte length and bytes: the first frame is the
value as JSON compressed with zlib, the others are the byte strings it holds (kept raw:
they are usually compressed already). Tagged values are one-key JSON objects:
`{"t": [...]}` a tuple, `{"d": [k, v, ...]}` a dict, `{"b": n}` the n-th byte string,
`{"p": "..."}` a path, `{"D": "..."}` a date or time, `{"e:Name": v}` an enum member,
`{"c:Name": [fields...]}` a dataclass and `{"l:Name": [[field of each]...]}` a list of
dataclasses of one type, field by field (records and units are read by the ten thousand:
one column each is checked and built in one go, as fast as pickle's objects one by one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import threading
import types
import typing
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

MAGIC = b"l10n-cache-value 1\n"
INFLATION = 256  # JSON compresses 5-30x; a planted "zip bomb" would inflate up to 1000x
_LENGTH = 8

Convert = Callable[[Any], Any]


class CorruptCache(ValueError):
    """A cache file that is not a value this codec wrote."""


class Unencodable(TypeError):
    """A value this codec cannot write (it is then simply not cached)."""


_path = lru_cache(maxsize=4096)(Path)  # records of one catalog share one path
_PREPARING = threading.Lock()  # the TUI's workers may use a codec first at the same time


def _is_enum(kind: type) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


class Codec:
    """Encodes values to bytes and back, building only the types it was made with."""

    def __init__(self, *known: type) -> None:
        for kind in known:
            if not _is_enum(kind) and not dataclasses.is_dataclass(kind):
                raise TypeError(f"a codec knows enums and dataclasses, not {kind!r}")
        self._known = known
        self._ready = False
        self._encoders: dict[type, Callable[[Any, list[bytes]], Any]] = {}
        self._columns: dict[type, Callable[[list[Any], list[bytes]], Any]] = {}
        self._decoders: dict[str, Callable[[Any], Any]] = {}
        self._classes = {kind for kind in known if dataclasses.is_dataclass(kind)}

    def _prepare(self) -> None:
        """Make the encoders and decoders on first use: modules make codecs when imported,
        and a command uses few of them (making them was a tenth of a warm `status`)."""
        with _PREPARING:
            if self._ready:
                return
            for kind in self._known:
                if _is_enum(kind):
                    self._add_enum(kind)
                else:
                    self._add_dataclass(kind)
            self._ready = True

    def dumps(self, value: object) -> bytes:
        """The bytes of a value (Unencodable if it holds a type this codec does not know)."""
        if not self._ready:
            self._prepare()
        blobs: list[bytes] = []
        try:
            text = json.dumps(self._encode(value, blobs), ensure_ascii=False, check_circular=False)
        except (ValueError, RecursionError) as error:
            raise Unencodable(str(error)) from None
        frames = [zlib.compress(text.encode("utf-8"), 1), *blobs]
        return MAGIC + b"".join(len(frame).to_bytes(_LENGTH, "little") + frame for frame in frames)

    def loads(self, data: bytes) -> Any:
        """The value of bytes `dumps` wrote; CorruptCache for anything else."""
        if not self._ready:
            self._prepare()
        try:
            frames = _frames(data)
            blobs = frames[1:]
            hook = self._hook(blobs)
            text = _inflate(frames[0])
            return json.loads(text.decode("utf-8"), object_hook=hook)
        except CorruptCache:
            raise
        except Exception as error:  # whatever damage does to the decoders: not a value
            raise CorruptCache(f"{type(error).__name__}: {error}") from None

    def _encode(self, value: object, blobs: list[bytes]) -> Any:
        kind = type(value)
        if value is None or kind in (str, int, float, bool):
            return value
        encoder = self._encoders.get(kind)
        if encoder is not None:
            return encoder(value, blobs)
        if isinstance(value, list):  # yamlio's LineList too: read back as a plain list
            columns = self._columns.get(type(value[0])) if value else None
            if columns is not None and all(type(item) is type(value[0]) for item in value):
                return columns(value, blobs)
            return [self._encode(item, blobs) for item in value]
        if kind is tuple:
            return {"t": [self._encode(item, blobs) for item in value]}  # type: ignore[attr-defined]
        if isinstance(value, dict):  # yamlio's LineDict too: read back as a plain dict
            return {"d": [self._encode(part, blobs) for pair in value.items() for part in pair]}
        if kind is bytes:
            blobs.append(value)  # type: ignore[arg-type]
            return {"b": len(blobs)}
        if isinstance(value, Path):
            return {"p": str(value)}
        if kind in (dt.date, dt.datetime):
            return {"D": value.isoformat()}  # type: ignore[attr-defined]
        raise Unencodable(f"cannot cache a {kind.__name__}")

    def _hook(self, blobs: list[bytes]) -> Callable[[dict[str, Any]], Any]:
        decoders = self._decoders

        def hook(tagged: dict[str, Any]) -> Any:
            if len(tagged) != 1:
                raise CorruptCache("an object that is no tagged value")
            ((tag, inner),) = tagged.items()
            if tag == "b":
                if type(inner) is not int or not 1 <= inner <= len(blobs):
                    raise CorruptCache("a byte string that is not there")
                return blobs[inner - 1]
            decoder = decoders.get(tag) or _PLAIN.get(tag)
            if decoder is None:
                raise CorruptCache(f"an unknown tag {tag!r}")
            return decoder(inner)

        return hook

    def _add_enum(self, kind: type[enum.Enum]) -> None:
        tag = f"e:{kind.__name__}"
        self._encoders[kind] = lambda member, blobs: {tag: member.value}
        self._decoders[tag] = kind

    def _add_dataclass(self, kind: type) -> None:
        tag = f"c:{kind.__name__}"
        hints = {name: _declared(hint) for name, hint in typing.get_type_hints(kind).items()}
        fields = [field for field in dataclasses.fields(kind) if field.init]
        names = [field.name for field in fields]
        writers = [_writer(hints[name], self._encode) for name in names]
        converters = [self._converter(hints[name]) for name in names]

        def encoder(value: object, blobs: list[bytes]) -> Any:
            values = [getattr(value, name) for name in names]
            return {
                tag: [
                    item if write is None else write(item, blobs)
                    for item, write in zip(values, writers, strict=True)
                ]
            }

        def columns(values: list[Any], blobs: list[bytes]) -> Any:
            written = []
            for name, write in zip(names, writers, strict=True):
                column = [getattr(value, name) for value in values]
                written.append(column if write is None else [write(v, blobs) for v in column])
            return {f"l:{kind.__name__}": written}

        field_hints = [hints[name] for name in names]
        self._encoders[kind] = encoder
        self._columns[kind] = columns
        self._decoders[tag] = self._compiled_on_first_use(
            tag, lambda: _compiled_decoder(kind, field_hints, converters)
        )
        self._decoders[f"l:{kind.__name__}"] = self._compiled_on_first_use(
            f"l:{kind.__name__}", lambda: _compiled_columns(kind, field_hints, converters)
        )

    def _compiled_on_first_use(self, tag: str, make: Callable[[], Convert]) -> Convert:
        """A decoder that compiles the real one when first called, and gives it its place:
        a value of a list of records needs only the list's decoder, and the other is
        never compiled."""

        def first(inner: Any) -> Any:
            decode = self._decoders[tag] = make()
            return decode(inner)

        return first

    def _converter(self, hint: Any) -> Convert:
        """A function that checks (and where needed converts) a field's value as read."""
        if hint is Any:
            return _same
        if hint in _EXACT:
            return _EXACT[hint]
        if hint is float:
            return _float
        if hint is Path:
            return _to_path
        origin, arguments = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            return _either([self._converter(argument) for argument in arguments])
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return _enum(hint)
        if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
            return _sequence(tuple, self._converter(arguments[0]))
        if origin is tuple and arguments and Ellipsis not in arguments:
            return _fixed([self._converter(argument) for argument in arguments])
        if origin is list:
            return _sequence(list, self._converter(arguments[0]))
        if origin is dict:
            return _mapping(self._converter(arguments[0]), self._converter(arguments[1]))
        if hint in self._classes:
            return _instance(hint)
        raise TypeError(f"a codec cannot read a field of type {hint!r}")


def _compiled_decoder(kind: type, hints: list[Any], converters: list[Convert]) -> Convert:
    """A dataclass's decoder: its fields' checks written out in one function.

    Records and units are read by the ten thousand, and a call per field was most of the
    time. The function is made from the dataclass's annotations when the codec is made,
    never from what a file holds; each field that is no simple type calls its converter.
    """
    names = [f"a{index}" for index in range(len(hints))]
    lines = [
        "def decode(values):",
        f"    if type(values) is not list or len(values) != {len(names)}:",
        "        raise CorruptCache(SHAPE)",
        f"    {', '.join(names)}, = values",
    ]
    for index, (name, hint) in enumerate(zip(names, hints, strict=True)):
        check = _inline_check(hint, name)
        if check is None:
            lines.append(f"    {name} = convert{index}({name})")
            continue
        lines.append(f"    if not ({check}):")
        lines.append("        raise CorruptCache(SHAPE)")
        if typing.get_origin(hint) is tuple:
            lines.append(f"    {name} = tuple({name})")
    lines.append(f"    return kind({', '.join(names)})")
    return _compiled(kind, lines, converters)


def _compiled_columns(kind: type, hints: list[Any], converters: list[Convert]) -> Convert:
    """The decoder of a list of one dataclass, given field by field (see `_compiled_decoder`)."""
    names = [f"a{index}" for index in range(len(hints))]
    lines = [
        "def decode(columns):",
        f"    if type(columns) is not list or len(columns) != {len(names)}:",
        "        raise CorruptCache(SHAPE)",
        f"    {', '.join(names)}, = columns",
        "    size = len(a0) if type(a0) is list else -1",
    ]
    for index, (name, hint) in enumerate(zip(names, hints, strict=True)):
        lines.append(f"    if type({name}) is not list or len({name}) != size:")
        lines.append("        raise CorruptCache(SHAPE)")
        check = _inline_check(hint, "x")
        if check is None:
            lines.append(f"    {name} = [convert{index}(x) for x in {name}]")
            continue
        lines.append(f"    if not all({check} for x in {name}):")
        lines.append("        raise CorruptCache(SHAPE)")
        if typing.get_origin(hint) is tuple:
            lines.append(f"    {name} = list(map(tuple, {name}))")
    lines.append(f"    return list(map(kind, {', '.join(names)}))")
    return _compiled(kind, lines, converters)


def _compiled(kind: type, lines: list[str], converters: list[Convert]) -> Convert:
    namespace: dict[str, Any] = {
        "kind": kind,
        "CorruptCache": CorruptCache,
        "SHAPE": f"a {kind.__name__} of the wrong shape or type",
        **{f"convert{index}": convert for index, convert in enumerate(converters)},
    }
    exec("\n".join(lines), namespace)  # the source made here, from annotations only
    decode: Convert = namespace["decode"]
    return decode


_SIMPLE = {str: "type({x}) is str", int: "type({x}) is int", bool: "type({x}) is bool"}


def _inline_check(hint: Any, name: str) -> str | None:
    """A Python expression that is true when `name` holds a valid value of a simple type."""
    if hint in _SIMPLE:
        return _SIMPLE[hint].format(x=name)
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    optional = origin in (typing.Union, types.UnionType) and len(arguments) == 2
    if optional and arguments[1] is type(None) and arguments[0] in _SIMPLE:
        return f"{name} is None or {_SIMPLE[arguments[0]].format(x=name)}"
    strings = (str, Ellipsis) if origin is tuple else (str,)
    if origin in (tuple, list) and arguments == strings:
        return f"type({name}) is list and (not {name} or all(type(s) is str for s in {name}))"
    return None


def _inflate(compressed: bytes) -> bytes:
    """The JSON of a value, refusing a file that inflates far more than JSON does."""
    inflater = zlib.decompressobj()
    limit = INFLATION * len(compressed) + (1 << 20)
    text = inflater.decompress(compressed, limit)
    if inflater.unconsumed_tail or not inflater.eof:
        raise CorruptCache("inflates too far, or is cut short")
    return text


def _frames(data: bytes) -> list[bytes]:
    if not data.startswith(MAGIC):
        raise CorruptCache("not a cached value")
    frames, at = [], len(MAGIC)
    while at < len(data):
        size = int.from_bytes(data[at : at + _LENGTH], "little")
        at += _LENGTH
        if at + size > len(data):
            raise CorruptCache("truncated")
        frames.append(data[at : at + size])
        at += size
    if not frames:
        raise CorruptCache("empty")
    return frames


def _declared(hint: Any) -> Any:
    """A field's type, `Final` or not (`Final[int]`: an int)."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Final else hint


def _writer(hint: Any, encode: Callable[[Any, list[bytes]], Any]) -> Any:
    """How a dataclass field of this type is written: None as JSON writes it, untagged."""
    if _is_native(hint):
        return None
    if hint is Path or hint == Path | None:
        return lambda value, blobs: None if value is None else str(value)
    return encode


def _is_native(hint: Any) -> bool:
    """Whether JSON writes a field of this type as the codec reads it back, untagged."""
    if hint in (str, int, bool, float, type(None)):
        return True
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return all(_is_native(argument) for argument in arguments)
    if origin in (tuple, list) and arguments and arguments[-1] is Ellipsis:
        return _is_native(arguments[0])
    if origin is list:
        return _is_native(arguments[0])
    return isinstance(hint, type) and issubclass(hint, enum.Enum) and issubclass(hint, str)


def _same(value: Any) -> Any:
    return value


def _exactly(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is not kind:
            raise CorruptCache(f"{kind.__name__} expected")
        return value

    return convert


def _string(value: Any) -> str:
    if type(value) is not str:
        raise CorruptCache("str expected")
    return value


def _none(value: Any) -> None:
    if value is not None:
        raise CorruptCache("None expected")


_EXACT: dict[Any, Convert] = {
    str: _string,
    type(None): _none,
    int: _exactly(int),
    bool: _exactly(bool),
    bytes: _exactly(bytes),
}


def _float(value: Any) -> float:
    if type(value) not in (int, float):
        raise CorruptCache("float expected")
    return float(value)


def _to_path(value: Any) -> Path:
    if isinstance(value, Path):
        return value
    if type(value) is not str:
        raise CorruptCache("path expected")
    return _path(value)


def _enum(kind: type[enum.Enum]) -> Convert:
    def convert(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        if type(value) not in (str, int):
            raise CorruptCache(f"{kind.__name__} expected")
        return kind(value)  # ValueError for a value it has not

    return convert


def _instance(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is not kind:
            raise CorruptCache(f"{kind.__name__} expected")
        return value

    return convert


def _either(converters: list[Convert]) -> Convert:
    if len(converters) == 2 and converters[1] is _none:
        first = converters[0]
        return lambda value: None if value is None else first(value)

    def convert(value: Any) -> Any:
        for converter in converters:
            try:
                return converter(value)
            except (CorruptCache, ValueError, TypeError):
                continue
        raise CorruptCache("no type of the union fits")

    return convert


def _sequence(kind: type, item: Convert) -> Convert:
    if item is _string:

        def strings(value: Any) -> Any:
            if type(value) not in (list, tuple) or not all(type(part) is str for part in value):
                raise CorruptCache("strings expected")
            return kind(value)

        return strings

    def convert(value: Any) -> Any:
        if type(value) not in (list, tuple):
            raise CorruptCache(f"{kind.__name__} expected")
        return kind([item(part) for part in value])

    return convert


def _fixed(items: list[Convert]) -> Convert:
    """A tuple of as many values as `items`, each checked by its own."""

    def convert(value: Any) -> Any:
        if type(value) not in (list, tuple) or len(value) != len(items):
            raise CorruptCache(f"a tuple of {len(items)} expected")
        return tuple([item(part) for item, part in zip(items, value, strict=True)])

    return convert


def _mapping(key: Convert, value: Convert) -> Convert:
    def convert(mapping: Any) -> Any:
        if type(mapping) is not dict:
            raise CorruptCache("dict expected")
        return {key(name): value(item) for name, item in mapping.items()}

    return convert


def _tuple(items: Any) -> tuple[Any, ...]:
    if type(items) is not list:
        raise CorruptCache("tuple expected")
    return tuple(items)


def _dict(pairs: Any) -> dict[Any, Any]:
    if type(pairs) is not list or len(pairs) % 2:
        raise CorruptCache("dict expected")
    it = iter(pairs)
    return dict(zip(it, it, strict=True))  # an unhashable key raises TypeError: corrupt


def _date(text: Any) -> dt.date:
    if type(text) is not str:
        raise CorruptCache("date expected")
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


_PLAIN: dict[str, Convert] = {"t": _tuple, "d": _dict, "p": _to_path, "D": _date}
