"""What a cached value is keyed by: digests of the files it was computed from and of the code.

A digest covers the names and the bytes of the files (BLAKE2b), never their size or
modification time alone, so an edit that keeps both is still seen; the code's digest
covers every source file of the l10n package, so a new version never reads an old value.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from l10n.config import Config

_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the l10n package's source: a new version never reads an old value."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def digest_files(paths: Iterable[Path]) -> str:
    """A digest of the names and bytes of files, in the order given (missing files too)."""
    digest = hashlib.blake2b(digest_size=20)
    for path in paths:
        digest.update(os.fsencode(path) + b"\0")
        try:
            data = path.read_bytes()
        except OSError:
            digest.update(b"\1missing\0")
            continue
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def config_key(config: Config) -> str:
    """What of a configuration decides how sources and catalogs are read."""
    return repr(
        (
            str(config.path),
            config.source,
            config.languages,
            str(config.menus_path),
            str(config.ui_path),
            str(config.articles_dir),
            config.templates,
            str(config.catalogs_dir),
            config.project,
            config.fuzzy_threshold,
            config.copy_threshold,
        )
    )


def source_files(config: Config) -> list[Path]:
    """Every file a site is read from: the configuration and the content it names."""
    files = [config.path]
    files += [path for path in (config.menus_path, config.ui_path) if path is not None]
    if config.articles_dir is not None:
        files += sorted(config.articles_dir.glob("*.md"))
    files += [template.path for template in config.templates]
    return files


def catalog_files(config: Config) -> list[Path]:
    """Every template and catalog under the catalogs folder."""
    folder = config.catalogs_dir
    if not folder.is_dir():
        return []
    return sorted([*folder.rglob("*.po"), *folder.rglob("*.pot")], key=os.fspath)
