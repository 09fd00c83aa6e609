"""config.yaml checked whole when it is read, whichever command runs, and kept once checked.

Each section is validated by the room that uses it (`checks:` by the checks, `policies:`
by the gate, `export:` by export, `mt:` and `pseudo:` by machine translation); loading the
config here calls them all, so a misspelt key in a section the running command does not
read is refused at its line, with exit 2, before anything is done. What each returns is
kept on the config (`Config.setting`): the command gets it without parsing it again.

A config that passed is kept in the site's cache as data (its parsed document with the line
of every key, and the copy rule), keyed by the text of config.yaml, its path, the l10n code,
the Python and the Babel that checked its language codes, the bytes of the glossary it
names and the environment variables its `mt:` section read. A command that finds all of
these unchanged builds its Config from that document: no YAML parsing, no Babel, no section
validated again (each would pass as before) and the copy rule without reading the glossary;
the paths it names are resolved again (a link that now leads outside the project is refused
as before). Anything else is a miss, and the file is read and checked as if there were no
cache. The record is written with the command's other cache values, when it succeeded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from l10n.cache.codec import Codec, CorruptCache, Unencodable
from l10n.cache.store import ENV_DISABLE, MISS, Cache
from l10n.config import Config, config_of
from l10n.errors import ConfigError
from l10n.yamlio import LineDict, LineList, parse_yaml, read_text

NAMESPACE = "config"
DEFAULT_CACHE = ".l10n-cache"  # the folder when config.yaml names none (`Config.cache_dir`)
_CODEC = Codec()
_SCALARS = (str, int, float, bool, bytes, dt.date, dt.datetime, type(None))


def load_checked_config(path: Path) -> Config:
    """Read config.yaml and validate every section of it (ConfigError at the first defect),
    or take it from the cache when nothing it was checked against changed."""
    path = path.resolve()
    text = read_text(path, ConfigError)
    cache = _cache_named_in(path, text)
    config = _cached_config(cache, path, text) if cache is not None else None
    if config is None:
        config, environ = _checked_config(path, text)
        if cache is not None and cache.folder == config.cache_dir and not environ.listed:
            _keep(cache, config, text, tuple(sorted(environ.names)))
    if cache is not None and cache.folder == config.cache_dir:
        config.derived[Cache.LOADED_WITH] = cache  # the command's cache (`Cache.of`)
    return config


def _checked_config(path: Path, text: str) -> tuple[Config, _Consulted]:
    """The config parsed and every section validated; and what that read of the
    environment (the `mt:` section reads some variables)."""
    from l10n.checks.settings import load_check_settings
    from l10n.export_settings import load_export_settings
    from l10n.gate.policy import load_policies
    from l10n.mt.config import parse_mt_config
    from l10n.mt.pseudo import pseudo_settings

    config = config_of(parse_yaml(text, path, ConfigError), path)
    load_check_settings(config, read_glossary=False)
    load_policies(config)
    load_export_settings(config)
    pseudo_settings(config)
    environ = _Consulted()
    machine = config.section("mt")
    if machine:
        parse_mt_config(machine, config.path, environ)
    return config, environ


def _keep(cache: Cache, config: Config, text: str, names: tuple[str, ...]) -> None:
    """Keep a config just checked (`names`: the environment variables it read), with its
    copy rule, unless it holds what is not data."""
    from l10n.checks.settings import copy_rule, glossary_file

    try:
        rule = copy_rule(config)
        kept_rule: tuple[float, tuple[str, ...]] | None = (rule.threshold, rule.same_words)
    except ConfigError:
        kept_rule = None  # a glossary in error: the command that reads it says so
    depends = _depends_digest(cache, glossary_file(config), names)
    try:
        document = _document(config.raw)
    except Unencodable:
        return
    record = (document, kept_rule, names, depends)
    cache.store(NAMESPACE, str(config.path), _text_digest(text), _CODEC, record)


def _cached_config(cache: Cache, path: Path, text: str) -> Config | None:
    """The config kept for exactly this text, if what else it depends on is unchanged."""
    record = cache.load(NAMESPACE, str(path), _text_digest(text), _CODEC, _is_record)
    if record is MISS:
        return None
    document, kept_rule, names, depends = record
    try:
        raw = _built(document)
    except CorruptCache:
        return None
    config = config_of(raw, path, languages_known=True)
    from l10n.checks.settings import COPY_RULE, glossary_file

    if _depends_digest(cache, glossary_file(config), names) != depends:
        return None
    if kept_rule is not None:
        from l10n.checks.copy import CopyRule

        config.derived[COPY_RULE] = CopyRule(*kept_rule)
    return config


def _is_record(value: Any) -> bool:
    if type(value) is not tuple or len(value) != 4:
        return False
    _, rule, names, depends = value
    rule_ok = rule is None or (
        type(rule) is tuple
        and len(rule) == 2
        and type(rule[0]) is float
        and type(rule[1]) is tuple
        and all(type(word) is str for word in rule[1])
    )
    names_ok = type(names) is tuple and all(type(name) is str for name in names)
    return rule_ok and names_ok and type(depends) is str


def _cache_named_in(path: Path, text: str) -> Cache | None:
    """The cache of the folder config.yaml names (`cache:`, found by its top-level line
    before the file is parsed: a line written otherwise only makes the lookup miss)."""
    if os.environ.get(ENV_DISABLE, "") not in ("", "0"):
        return None
    folder = DEFAULT_CACHE
    for line in text.splitlines():
        if line.startswith("cache:"):
            folder = line[len("cache:") :].partition(" #")[0].strip().strip("\"'")
    return Cache(path.parent / folder)


def _text_digest(text: str) -> str:
    """What a record is keyed by besides the path: the text, and the Python (its gettext
    checks plural rules)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=20)
    digest.update(f"\0{sys.version}".encode())
    return digest.hexdigest()


def _depends_digest(cache: Cache, glossary: Path | None, names: tuple[str, ...]) -> str:
    """What else a record depends on, as one digest: the bytes of the glossary and of the
    Babel that found the language codes, and the environment variables the config read
    (their values are never kept: some hold secrets)."""
    babel = _babel_file()
    files = [path for path in (glossary, babel) if path is not None]
    digest = hashlib.blake2b(f"{files}\0{cache.digest(files)}".encode(), digest_size=20)
    for name in names:
        value = os.environ.get(name)
        shown = "-" if value is None else "=" + value
        digest.update(f"\0{name}\0{shown}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _babel_file() -> Path | None:
    """Babel's `__init__.py` (its version is in it), found without importing Babel."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("babel")
    return Path(spec.origin) if spec is not None and spec.origin else None


class _Consulted(Mapping[str, str]):
    """The environment, noting each variable looked up (the `mt:` section reads some)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.listed = False  # every variable was looked at: what mattered is not known

    def __getitem__(self, name: str) -> str:
        self.names.add(name)
        return os.environ[name]

    def __iter__(self) -> Iterator[str]:
        self.listed = True
        return iter(os.environ)

    def __len__(self) -> int:
        self.listed = True
        return len(os.environ)


def _document(value: Any) -> Any:
    """A parsed config as plain data, the line of every key and item kept."""
    if isinstance(value, LineDict):
        items = tuple((key, value.key_lines[key], _document(item)) for key, item in value.items())
        return ("map", value.line, items)
    if isinstance(value, LineList):
        return (
            "list",
            value.line,
            tuple(zip(value.item_lines, map(_document, value), strict=True)),
        )
    if type(value) in _SCALARS:
        return value
    raise Unencodable(f"a {type(value).__name__} in the config")


def _built(data: Any) -> Any:
    """The parsed config `_document` kept (CorruptCache for anything it did not write)."""
    if type(data) in _SCALARS:
        return data
    if type(data) is not tuple or len(data) != 3 or type(data[1]) is not int:
        raise CorruptCache("not a config document")
    form, line, items = data
    if form == "map" and type(items) is tuple:
        mapping = LineDict()
        mapping.line, mapping.key_lines = line, {}
        for item in items:
            if type(item) is not tuple or len(item) != 3 or type(item[0]) is not str:
                raise CorruptCache("not a config mapping")
            key, key_line, value = item
            if type(key_line) is not int or key in mapping:
                raise CorruptCache("not a config mapping")
            mapping[key], mapping.key_lines[key] = _built(value), key_line
        return mapping
    if form == "list" and type(items) is tuple:
        if not all(
            type(item) is tuple and len(item) == 2 and type(item[0]) is int for item in items
        ):
            raise CorruptCache("not a config list")
        sequence = LineList(_built(value) for _, value in items)
        sequence.line, sequence.item_lines = line, [item_line for item_line, _ in items]
        return sequence
    raise CorruptCache("not a config document")
