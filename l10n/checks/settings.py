"""Check settings from the `checks:` section of config.yaml, validated with helpful errors.

Errors name the config file, the key and the nearest valid value; when the mapping comes
from a line-aware loader (anything with `line_of(key)`, lists with `item_lines`), the line too.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10n.checks.base import DEFAULT_MAX_LENGTH, KINDS, SEVERITIES, CheckContext
from l10n.checks.copy import DEFAULT_COPY_THRESHOLD, CopyRule
from l10n.config import Config
from l10n.errors import ConfigError
from l10n.glossary import Glossary, load_glossary
from l10n.yamlio import LineDict

SETTING_KEYS = ("disable", "severity", "copy_threshold", "same_words", "max_length", "glossary")
COPY_RULE = "copy rule"  # its name among the config's settings


@dataclass(frozen=True)
class CheckSettings:
    """Which checks run, at which severity, and the context they read."""

    disabled: frozenset[str] = frozenset()
    severities: Mapping[str, str] = field(default_factory=dict)
    context: CheckContext = field(default_factory=CheckContext)

    def enabled(self, check_id: str) -> bool:
        """True unless the configuration disables `check_id`."""
        return check_id not in self.disabled

    def severity_of(self, check_id: str, default: str) -> str:
        """The configured severity of `check_id`, else the check's own."""
        return self.severities.get(check_id, default)


@dataclass(frozen=True)
class _Where:
    """The config file and the mapping being read, for error messages."""

    path: Path
    section: Mapping[str, object]

    def error(self, message: str, key: str | None = None, index: int | None = None) -> ConfigError:
        return ConfigError(message, self.path, self.line(key, index))

    def line(self, key: str | None, index: int | None = None) -> int | None:
        value = self.section.get(key) if key is not None else None
        item_lines = getattr(value, "item_lines", None)
        if index is not None and item_lines is not None and index < len(item_lines):
            return int(item_lines[index])
        line_of = getattr(self.section, "line_of", None)
        if key is not None and callable(line_of):
            return int(line_of(key)) or None
        return None


def settings_from_mapping(
    raw: Mapping[str, object] | None, config_path: Path | str, read_glossary: bool = True
) -> CheckSettings:
    """Validate the `checks:` mapping; paths in it are relative to the config file's folder.

    `read_glossary=False` checks the glossary's name without reading the file (the config
    is validated whole at load; the commands that use the glossary read it).
    """
    where = _Where(Path(config_path), raw or {})
    section = where.section
    for key in section:
        _require(key, SETTING_KEYS, "checks: unknown key", where, key)
    glossary_file = section.get("glossary")
    context = CheckContext(
        glossary=(
            _glossary(glossary_file, where, read_glossary)
            if glossary_file is not None
            else Glossary()
        ),
        copy_threshold=_threshold(section.get("copy_threshold", DEFAULT_COPY_THRESHOLD), where),
        max_length=_max_length(section.get("max_length", {}), where),
        same_words=tuple(_strings(section.get("same_words", []), "same_words", where)),
    )
    disabled = frozenset(_check_ids(section.get("disable", []), where))
    return CheckSettings(disabled, _severities(section.get("severity", {}), where), context)


def _require(
    value: str, valid: Sequence[str], what: str, where: _Where, key: str, index: int | None = None
) -> None:
    if value not in valid:
        close = difflib.get_close_matches(str(value), valid, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"valid: {', '.join(valid)}"
        raise where.error(f"{what} {value!r}; {hint}", key, index)


def _strings(value: object, key: str, where: _Where) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise where.error(f"checks.{key}: expected a list of texts, got {value!r}", key)
    return value


def _check_ids(value: object, where: _Where) -> list[str]:
    ids = _strings(value, "disable", where)
    for index, check_id in enumerate(ids):
        what = "checks.disable: unknown check id"
        _require(check_id, _check_ids_known(), what, where, "disable", index)
    return ids


def _check_ids_known() -> Sequence[str]:
    """Every check's id: imports every check's module, so only when the config names one."""
    from l10n.checks.registry import CHECK_IDS

    return CHECK_IDS


def _severities(value: object, where: _Where) -> dict[str, str]:
    if not isinstance(value, dict):
        raise where.error(f"checks.severity: expected a mapping, got {value!r}", "severity")
    for check_id, severity in value.items():
        known = _check_ids_known()
        _require(str(check_id), known, "checks.severity: unknown check id", where, "severity")
        what = f"checks.severity.{check_id}: unknown severity"
        _require(str(severity), SEVERITIES, what, where, "severity")
    return {str(k): str(v) for k, v in value.items()}


def _threshold(value: object, where: _Where) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise where.error(f"checks.copy_threshold: expected 0–100, got {value!r}", "copy_threshold")
    return float(value)


def _max_length(value: object, where: _Where) -> dict[str, int]:
    if not isinstance(value, dict):
        raise where.error(f"checks.max_length: expected a mapping, got {value!r}", "max_length")
    for kind, limit in value.items():
        _require(str(kind), KINDS, "checks.max_length: unknown kind", where, "max_length")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
            message = f"checks.max_length.{kind}: expected a positive integer, got {limit!r}"
            raise where.error(message, "max_length")
    return {**DEFAULT_MAX_LENGTH, **{str(k): int(v) for k, v in value.items()}}


def _glossary(value: object, where: _Where, read: bool) -> Glossary:
    if not isinstance(value, str) or not value:
        raise where.error(f"checks.glossary: expected a file name, got {value!r}", "glossary")
    return load_glossary(where.path.parent / value) if read else Glossary()


def load_check_settings(config: Config, read_glossary: bool = True) -> CheckSettings:
    """The site's check settings; the copy threshold defaults to `status.copy_threshold`.

    Status counts copies and the copy-of-source check flags them: one threshold serves both
    unless the `checks:` section sets its own. `read_glossary` as for settings_from_mapping.
    Read once per config: validated when it is loaded, then handed to the command.
    """
    name = "checks" if read_glossary else "checks without the glossary"
    return config.setting(name, lambda: _read_check_settings(config, read_glossary))


def _read_check_settings(config: Config, read_glossary: bool) -> CheckSettings:
    section = config.section("checks")
    if "copy_threshold" not in section:
        section = _with_default(section, "copy_threshold", config.copy_threshold)
    return settings_from_mapping(section, config.path, read_glossary)


def glossary_file(config: Config) -> Path | None:
    """The glossary file `checks.glossary` names, if any (in a config checked already)."""
    name = config.section("checks").get("glossary")
    return config.root / name if isinstance(name, str) and name else None


def adopted_domains(config: Config) -> frozenset[str]:
    """The domains of adopted templates (`content.templates`): their msgctxt is a meaning."""
    return frozenset(template.domain for template in config.templates)


def copy_rule(config: Config) -> CopyRule:
    """The site's one rule for "a copy of the English" (bad `checks:` raise ConfigError);
    a config read from its cache has it without reading the glossary (`l10n.settings`)."""
    return config.setting(COPY_RULE, lambda: load_check_settings(config).context.copy_rule)


def _with_default(section: LineDict, key: str, value: object) -> LineDict:
    copied = LineDict(section)
    copied.line = section.line
    copied.key_lines = dict(section.key_lines)
    copied[key] = value
    return copied
