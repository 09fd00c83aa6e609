"""The `export:` section of config.yaml, read and validated (without what export builds with).

Every command validates the whole config when it reads it (`l10n.settings`), so this is
kept apart from `l10n.export`, which needs polib, PyYAML and the site to build the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.config import Config, nearest
from l10n.errors import ConfigError
from l10n.model import State

EXPORT_KEYS = ("dir", "format", "include")
FORMATS = ("yaml", "json")
INCLUDABLE = (State.NEEDS_REVIEW.value, State.STALE.value)


@dataclass(frozen=True)
class ExportSettings:
    """Where to export, in which format, and which states count as translated."""

    folder: Path
    format: str = "yaml"
    include: frozenset[str] = frozenset()

    def exported(self, state: State) -> bool:
        return state is State.TRANSLATED or state.value in self.include


def load_export_settings(config: Config) -> ExportSettings:
    """Read and validate the `export:` section (once per config)."""
    return config.setting("export", lambda: _read_export_settings(config))


def _read_export_settings(config: Config) -> ExportSettings:
    section, path = config.section("export"), config.path
    for key in section:
        if key not in EXPORT_KEYS:
            raise ConfigError(
                f"unknown key 'export.{key}'{nearest(key, EXPORT_KEYS)}", path, section.line_of(key)
            )
    folder = section.get("dir", "build/l10n")
    if not isinstance(folder, str) or not folder.strip():
        raise ConfigError("'export.dir' must be a folder path", path, section.line_of("dir"))
    form = section.get("format", "yaml")
    if form not in FORMATS:
        raise ConfigError(
            f"'export.format' must be yaml or json, not {form!r}{nearest(str(form), FORMATS)}",
            path,
            section.line_of("format"),
        )
    include = section.get("include") or []
    if not isinstance(include, list) or any(item not in INCLUDABLE for item in include):
        raise ConfigError(
            f"'export.include' must be a list of {', '.join(INCLUDABLE)}",
            path,
            section.line_of("include"),
        )
    return ExportSettings(config.root / folder, str(form), frozenset(include))
