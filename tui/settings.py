"""The translator's own settings (the theme chosen in the palette), kept across restarts.

They belong to the person, not the project: a file in the user's config folder
(`$XDG_CONFIG_HOME/l10n-workflow/tui.json` on Linux, the platform's own folder elsewhere),
never in the site's repository. A file that cannot be read is left alone and said once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from l10n.po.atomic import write_atomic

APP_NAME = "l10n-workflow"
FILE_NAME = "tui.json"


def settings_path() -> Path:
    """Where this user's settings are kept."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


@dataclass(frozen=True)
class Settings:
    """What is remembered, and why the file could not be read (None: it could)."""

    theme: str | None = None
    problem: str | None = None


def load_settings(path: Path) -> Settings:
    """The settings in `path`; none when it does not exist, and a problem when it is bad."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return Settings(problem=f"{path}: not read ({error}); the defaults are used")
    theme = data.get("theme") if isinstance(data, dict) else None
    if theme is not None and not isinstance(theme, str):
        return Settings(problem=f"{path}: 'theme' is not a name; the default theme is used")
    return Settings(theme)


def save_theme(path: Path, theme: str) -> str | None:
    """Remember the theme, the file's other keys kept, written atomically; returns why it
    was not (a file that cannot be read is someone's input: never overwritten)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return f"{path}: not read ({error}); the theme is not remembered"
    if not isinstance(data, dict):
        return f"{path}: not a JSON object; the theme is not remembered"
    data["theme"] = theme
    try:
        write_atomic(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    except OSError as error:
        return f"{path}: not written ({error}); the theme is not remembered"
    return None
