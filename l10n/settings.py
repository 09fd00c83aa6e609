"""config.yaml checked whole when it is read, whichever command runs.

Each section is validated by the room that uses it (`checks:` by the checks, `policies:`
by the gate, `export:` by export, `mt:` and `pseudo:` by machine translation); loading the
config here calls them all, so a misspelt key in a section the running command does not
read is refused at its line, with exit 2, before anything is done.
"""

from __future__ import annotations

from pathlib import Path

from l10n.checks.settings import load_check_settings
from l10n.config import Config, load_config
from l10n.export_settings import load_export_settings
from l10n.gate.policy import load_policies
from l10n.mt.config import parse_mt_config
from l10n.mt.pseudo import pseudo_settings


def load_checked_config(path: Path) -> Config:
    """Read config.yaml and validate every section of it (ConfigError at the first defect)."""
    config = load_config(path)
    load_check_settings(config, read_glossary=False)
    load_policies(config)
    load_export_settings(config)
    pseudo_settings(config)
    machine = config.section("mt")
    if machine:
        parse_mt_config(machine, config.path)
    return config
