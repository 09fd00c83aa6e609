"""The site's settings, read from `config.yaml`; paths are relative to that file."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from l10n.errors import ConfigError
from l10n.languages import get_language, plural_forms_problem
from l10n.yamlio import LineDict, LineList, load_yaml

CONFIG_NAME = "config.yaml"
KINDS = ("menu", "ui", "article")

TOP_LEVEL_KEYS = (
    "project",
    "source",
    "languages",
    "content",
    "catalogs",
    "sync",
    "status",
    "queue",
    "translator",
    "checks",
    "mt",
    "policies",
    "export",
    "cache",
    "plural_forms",
    "pseudo",
)
CONTENT_KEYS = ("menus", "ui", "articles", "templates")
TEMPLATE_KEYS = ("path", "domain", "kind", "catalogs", "name")
SECTION_KEYS = {"sync": ("fuzzy_threshold",), "status": ("copy_threshold",), "queue": ("order",)}
T = TypeVar("T")


@dataclass(frozen=True)
class TemplateSource:
    """An existing gettext template adopted as a source, with its domain.

    `domain` is the name the tool knows it by (`name:` in the config, else the gettext
    domain); `gettext_domain` names its catalog files, under its own `catalogs` folder when
    it has one (Django's per-app `locale/`), else under the site's catalogs folder.
    """

    path: Path
    domain: str
    kind: str
    catalogs: Path | None = None
    gettext_domain: str = ""

    @property
    def file_domain(self) -> str:
        """The gettext domain: the stem of its `.po` and `.mo` files."""
        return self.gettext_domain or self.domain


@dataclass(frozen=True)
class Config:
    """Everything the core needs to know about one site."""

    path: Path
    project: str
    source: str
    languages: tuple[str, ...]
    menus_path: Path | None
    ui_path: Path | None
    articles_dir: Path | None
    templates: tuple[TemplateSource, ...]
    catalogs_dir: Path
    fuzzy_threshold: float = 75.0
    copy_threshold: float = 95.0
    translator: str | None = None
    queue_order: tuple[str, ...] = KINDS
    plural_forms: tuple[tuple[str, str], ...] = ()  # the project's own rules, by language
    raw: LineDict = field(default_factory=LineDict, compare=False, repr=False)
    # What is read from the config's sections (l10n.settings), each read once, by name.
    derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def root(self) -> Path:
        """The folder of the config file, which every relative path starts from."""
        return self.path.parent

    @property
    def catalog_folders(self) -> tuple[Path, ...]:
        """Every folder that holds catalogs: the site's, then each adopted template's own."""
        folders = [self.catalogs_dir]
        for template in self.templates:
            if template.catalogs is not None and template.catalogs not in folders:
                folders.append(template.catalogs)
        return tuple(folders)

    @property
    def cache_dir(self) -> Path:
        """Where caches live; deleting it loses nothing."""
        return self.root / str(self.raw.get("cache", ".l10n-cache"))

    def plural_rule(self, language: str) -> str | None:
        """The project's own Plural-Forms for a language (config `plural_forms`), if any."""
        return dict(self.plural_forms).get(language)

    def setting(self, name: str, read: Callable[[], T]) -> T:
        """A setting read from this config once: the sections validated when the config is
        loaded are handed to the command that uses them, not parsed again."""
        if name not in self.derived:
            self.derived[name] = read()
        value: T = self.derived[name]
        return value

    def section(self, name: str) -> LineDict:
        """Return an optional top-level section as a mapping (empty when absent)."""
        value = self.raw.get(name)
        if value is None:
            empty = LineDict()
            empty.key_lines = {}
            return empty
        if not isinstance(value, LineDict):
            raise ConfigError(f"'{name}' must be a mapping", self.path, self.raw.line_of(name))
        return value


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path:
    """Return the config path given on the command line, or `config.yaml` in the cwd."""
    candidate = explicit if explicit is not None else (cwd or Path.cwd()) / CONFIG_NAME
    if not candidate.is_file():
        hint = "" if explicit else " (run in the site's folder or pass -c/--config PATH)"
        raise ConfigError(f"configuration file not found{hint}", candidate)
    return candidate


def load_config(path: Path) -> Config:
    """Read and validate a configuration file."""
    path = path.resolve()
    return config_of(load_yaml(path, ConfigError), path)


def config_of(raw: Any, path: Path, languages_known: bool = False) -> Config:
    """The configuration parsed from the config file at `path` (resolved), validated.

    `languages_known`: its language codes were found in Babel before (a config read from
    its cache, `l10n.settings`), so Babel is not asked again.
    """
    if not isinstance(raw, LineDict):
        raise ConfigError("the configuration must be a mapping", path, 1)
    _reject_unknown_keys(raw, TOP_LEVEL_KEYS, path, "")
    plural_forms = _plural_forms(raw, path)
    source = _language_code(raw, "source", path, required=True, known=languages_known)
    languages = _language_list(raw, path, source, dict(plural_forms), languages_known)
    content = _mapping(raw, "content", path)
    _reject_unknown_keys(content, CONTENT_KEYS, path, "content.")
    sync, status, queue = (_mapping(raw, name, path) for name in ("sync", "status", "queue"))
    for name, section in (("sync", sync), ("status", status), ("queue", queue)):
        _reject_unknown_keys(section, SECTION_KEYS[name], path, f"{name}.")
    return Config(
        path=path,
        project=str(raw.get("project", path.parent.name)),
        source=source,
        languages=languages,
        menus_path=_optional_path(content, "menus", path),
        ui_path=_optional_path(content, "ui", path),
        articles_dir=_optional_path(content, "articles", path),
        templates=_templates(content, path),
        catalogs_dir=_inside(str(raw.get("catalogs", "catalogs")), path, raw, "catalogs"),
        fuzzy_threshold=_number(sync, "fuzzy_threshold", 75.0, path),
        copy_threshold=_number(status, "copy_threshold", 95.0, path),
        translator=str(raw["translator"]) if raw.get("translator") else None,
        queue_order=_queue_order(queue, path),
        plural_forms=plural_forms,
        raw=raw,
    )


def nearest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """A ' (did you mean X?)' hint, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _reject_unknown_keys(
    mapping: LineDict, allowed: tuple[str, ...], path: Path, prefix: str
) -> None:
    for key in mapping:
        if key not in allowed:
            raise ConfigError(
                f"unknown key '{prefix}{key}'{nearest(key, allowed)}", path, mapping.line_of(key)
            )


def _mapping(raw: LineDict, key: str, path: Path) -> LineDict:
    value = raw.get(key)
    if value is None:
        empty = LineDict()
        empty.key_lines = {}
        empty.line = raw.line_of(key)
        return empty
    if not isinstance(value, LineDict):
        raise ConfigError(f"'{key}' must be a mapping", path, raw.line_of(key))
    return value


def _language_code(raw: LineDict, key: str, path: Path, required: bool, known: bool) -> str:
    value = raw.get(key)
    if value is None and required:
        raise ConfigError(f"missing key '{key}'", path, raw.line or 1)
    return _check_code(value, path, raw.line_of(key), known=known)


def _check_code(
    value: Any, path: Path, line: int, plural_forms: str | None = None, known: bool = False
) -> str:
    if not isinstance(value, str):
        raise ConfigError(
            f"language code {value!r} must be a quoted string (YAML reads no/yes/on/off as "
            "booleans)",
            path,
            line,
        )
    if not known and get_language(value, plural_forms) is None:
        raise ConfigError(
            f"unknown language code '{value}' (Babel does not know it: give its rule in "
            "'plural_forms')",
            path,
            line,
        )
    return value


def _plural_forms(raw: LineDict, path: Path) -> tuple[tuple[str, str], ...]:
    """The project's own plural rules: `plural_forms: {"es": "nplurals=2; plural=(n != 1);"}`."""
    rules = _mapping(raw, "plural_forms", path)
    for code, rule in rules.items():
        line = rules.line_of(code)
        problem = plural_forms_problem(rule) if isinstance(rule, str) else "must be a string"
        if not isinstance(code, str) or problem is not None:
            raise ConfigError(f"plural_forms '{code}': {problem or 'quote the code'}", path, line)
    return tuple((str(code), str(rule)) for code, rule in rules.items())


def _language_list(
    raw: LineDict, path: Path, source: str, plural_forms: dict[str, str], known: bool
) -> tuple[str, ...]:
    value = raw.get("languages")
    if not isinstance(value, LineList) or not value:
        raise ConfigError("'languages' must be a non-empty list", path, raw.line_of("languages"))
    codes = tuple(
        _check_code(code, path, line, plural_forms.get(code), known)
        for code, line in zip(value, value.item_lines, strict=True)
    )
    for code, line in zip(codes, value.item_lines, strict=True):
        if code == source:
            raise ConfigError(f"'{code}' is the source language, not a target", path, line)
        if codes.count(code) > 1:
            raise ConfigError(f"language '{code}' is listed twice", path, line)
    return codes


def _optional_path(content: LineDict, key: str, path: Path) -> Path | None:
    value = content.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"'content.{key}' must be a path", path, content.line_of(key))
    return _inside(value, path, content, key)


def _inside(value: str, path: Path, mapping: LineDict, key: str) -> Path:
    """A path of the config, relative to its folder, refused if it leads out of that folder.

    Symbolic links are followed: the project is what the tool reads and writes, and a link
    to somewhere else would have it read or write there.
    """
    target = path.parent / value
    if not target.resolve().is_relative_to(path.parent):
        raise ConfigError(
            f"'{key}: {value}' leads outside the project (the folder of the config)",
            path,
            mapping.line_of(key),
        )
    return target


def _domain(value: Any, path: Path, item: LineDict) -> str:
    """A domain names catalog files (`<lang>/LC_MESSAGES/<domain>.po`): a relative name."""
    domain = str(value)
    parts = domain.split("/")
    if domain.startswith("/") or "\\" in domain or any(p in ("", ".", "..") for p in parts):
        raise ConfigError(
            f"domain '{domain}' must be a relative name without '.' or '..' parts",
            path,
            item.line_of("domain"),
        )
    return domain


def _templates(content: LineDict, path: Path) -> tuple[TemplateSource, ...]:
    value = content.get("templates") or []
    if not isinstance(value, list):
        raise ConfigError("'content.templates' must be a list", path, content.line_of("templates"))
    templates = tuple(_template(item, path) for item in value)
    seen: dict[str, int | None] = {}
    for item, template in zip(value, templates, strict=True):
        line = getattr(item, "line", None)
        if template.domain in seen:
            raise ConfigError(
                f"domain '{template.domain}' is adopted twice (line {seen[template.domain]}): "
                "give each a distinct 'name'",
                path,
                line,
            )
        seen[template.domain] = line
    return templates


def _template(item: Any, path: Path) -> TemplateSource:
    if not isinstance(item, LineDict) or "path" not in item:
        raise ConfigError(
            "a template needs 'path' (and 'domain')", path, getattr(item, "line", None)
        )
    _reject_unknown_keys(item, TEMPLATE_KEYS, path, "content.templates.")
    template_path = _inside(str(item["path"]), path, item, "path")
    domain = _domain(item.get("domain", template_path.stem), path, item)
    kind = str(item.get("kind", "ui"))
    if kind not in KINDS:
        raise ConfigError(
            f"unknown kind '{kind}'{nearest(kind, KINDS)}", path, item.line_of("kind")
        )
    catalogs = _optional_path(item, "catalogs", path)
    name = str(item.get("name", domain))
    return TemplateSource(template_path, name, kind, catalogs, domain if name != domain else "")


def _number(section: LineDict, key: str, default: float, path: Path) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConfigError(f"'{key}' must be a number from 0 to 100", path, section.line_of(key))
    return float(value)


def _queue_order(queue: LineDict, path: Path) -> tuple[str, ...]:
    order = queue.get("order", list(KINDS))
    if not isinstance(order, list) or sorted(order) != sorted(KINDS):
        raise ConfigError(
            f"'queue.order' must list the kinds {', '.join(KINDS)}", path, queue.line_of("order")
        )
    return tuple(order)
