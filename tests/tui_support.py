"""Helpers of the TUI tests: a private copy of the bundled site, catalog edits and reads."""

from __future__ import annotations

from pathlib import Path

from l10n.config import load_config
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.editing import find_entry
from l10n.sources.site import po_path
from tests.conftest import copy_site


def copy_bundled_site(target: Path) -> Path:
    """Copy the bundled site as committed into `target`; return the config's path."""
    return copy_site(target)


def catalog_path(config_path: Path, language: str, domain: str) -> Path:
    return po_path(load_config(config_path), language, domain)


def entry_of(
    config_path: Path, language: str, domain: str, context: str | None, source: str | None = None
) -> dict[str, object]:
    """The entry as it is on disk now: msgstr, flags, previous msgid and translator comment."""
    catalog = read_catalog(catalog_path(config_path, language, domain))
    for entry in catalog:
        if entry.msgctxt == context and (source is None or entry.msgid == source):
            return {
                "msgstr": entry.msgstr,
                "flags": list(entry.flags),
                "previous_msgid": entry.previous_msgid,
                "msgid": entry.msgid,
                "tcomment": entry.tcomment,
            }
    raise AssertionError(f"no entry {context!r} in {language}/{domain}")


def set_entry(
    config_path: Path,
    language: str,
    domain: str,
    context: str | None,
    msgstr: str,
    flags: tuple[str, ...] = (),
    previous: str | None = None,
    source: str | None = None,
) -> None:
    """Give an entry a text and state on disk, as sync or another translator would."""
    path = catalog_path(config_path, language, domain)
    catalog = read_catalog(path)
    entry = next(
        e for e in catalog if e.msgctxt == context and (source is None or e.msgid == source)
    )
    entry.msgstr = msgstr
    entry.flags = list(flags)
    entry.previous_msgid = previous
    write_catalog(catalog, path)


def make_stale(
    config_path: Path, language: str, domain: str, context: str, old_english: str, old_text: str
) -> None:
    """The English of an entry changed after it was translated against `old_english`."""
    set_entry(config_path, language, domain, context, old_text, ("fuzzy",), old_english)


def current_entry_exists(
    config_path: Path, language: str, domain: str, key: tuple[str | None, str]
) -> bool:
    return find_entry(read_catalog(catalog_path(config_path, language, domain)), key) is not None
