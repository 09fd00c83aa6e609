"""`l10n check` on a big catalog read in parts gives the answer of the whole reading.

A big domain's catalogs are scanned in parts by the workers side by side (`l10n.gate.scan`).
Each part says whether the catalog may be up to date (`l10n.sync.parts.part_kept`); the parts
together (`parts_keep`) may only say "up to date" when `catalog_would_change` on the whole
reading says so too, or a catalog `l10n sync` would rewrite passes the gate. The bundled
site's catalogs, damaged in the ways that only show across parts (an entry missing at a
cut, entries swapped, an obsolete entry in the middle, a blank line too many), are put to
both; then the whole gate, in parts and whole, on the site with such catalogs and a defect.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.cache.store import ENV_DISABLE
from l10n.cli.main import main
from l10n.config import load_config
from l10n.errors import CatalogError
from l10n.gate import scan
from l10n.po.catalog import parts_agree, read_catalog, read_catalog_part
from l10n.sources.site import load_site, po_path
from l10n.sync.parts import part_kept, parts_keep, unit_marks
from l10n.sync.run import catalog_would_change

ROOT = Path(__file__).resolve().parent.parent
Damage = Callable[[list[str], random.Random], list[str]]  # a catalog's blocks, damaged


def _entry(blocks: list[str], rng: random.Random) -> int:
    return rng.randrange(1, len(blocks))  # block 0 is the header


def _dropped(blocks: list[str], rng: random.Random) -> list[str]:
    del blocks[_entry(blocks, rng)]
    return blocks


def _last_dropped(blocks: list[str], rng: random.Random) -> list[str]:
    return blocks[:-1]


def _swapped(blocks: list[str], rng: random.Random) -> list[str]:
    at = _entry(blocks, rng)
    if at + 1 < len(blocks):
        blocks[at], blocks[at + 1] = blocks[at + 1], blocks[at]
    return blocks


def _obsolete_inside(blocks: list[str], rng: random.Random) -> list[str]:
    at = _entry(blocks, rng)
    lines = [line for line in blocks[at].split("\n") if not line.startswith("#")]
    blocks[at] = "\n".join("#~ " + line for line in lines)
    return blocks


def _blank_line(blocks: list[str], rng: random.Random) -> list[str]:
    blocks[_entry(blocks, rng)] += "\n"
    return blocks


def _fuzzy(blocks: list[str], rng: random.Random) -> list[str]:
    at = _entry(blocks, rng)
    blocks[at] = "#, fuzzy\n" + blocks[at]
    return blocks


def _reference(blocks: list[str], rng: random.Random) -> list[str]:
    at = _entry(blocks, rng)
    blocks[at] = "#: elsewhere.md:1\n" + blocks[at]
    return blocks


def _doubled(blocks: list[str], rng: random.Random) -> list[str]:
    at = _entry(blocks, rng)
    blocks.insert(rng.randrange(1, len(blocks)), blocks[at])
    return blocks


DAMAGES: list[Damage] = [
    _dropped,
    _last_dropped,
    _swapped,
    _obsolete_inside,
    _blank_line,
    _fuzzy,
    _reference,
    _doubled,
]


def _parts_say_kept(config_path: Path, language: str, domain: str, parts: int) -> bool | None:
    """What the parts say of the catalog (None: they cannot be read as the whole)."""
    config = load_config(config_path)
    units = load_site(config).templates[domain]
    path = po_path(config, language, domain)
    read = [read_catalog_part(path, part, parts) for part in range(parts)]
    if not parts_agree([None if part is None else part.keys for part in read]):
        return None
    marks = unit_marks(units)
    said = [
        part_kept(config, domain, language, marks, part.catalog)
        for part in read
        if part is not None
    ]
    return parts_keep(units, said)


def _whole_changes(config_path: Path, language: str, domain: str) -> bool:
    config = load_config(config_path)
    units = load_site(config).templates[domain]
    catalog = read_catalog(po_path(config, language, domain))
    return catalog_would_change(config, domain, language, units, catalog)


def test_up_to_date_catalogs_are_said_kept_by_their_parts(site_dir: Path) -> None:
    config_path = site_dir / "config.yaml"
    for language in ("ro", "de"):
        for domain in ("ui", "menu"):
            assert not _whole_changes(config_path, language, domain)
            for parts in (1, 2, 3, 5):
                assert _parts_say_kept(config_path, language, domain, parts), (domain, parts)


@pytest.mark.parametrize("damage", DAMAGES, ids=[damage.__name__ for damage in DAMAGES])
def test_parts_never_say_kept_when_the_whole_would_change(site_dir: Path, damage: Damage) -> None:
    config_path = site_dir / "config.yaml"
    rng = random.Random(damage.__name__)
    path = po_path(load_config(config_path), "ro", "ui")
    original = path.read_text(encoding="utf-8")
    changed = refused = 0
    for _ in range(12):
        path.write_text("\n\n".join(damage(original.split("\n\n"), rng)), encoding="utf-8")
        try:
            whole = _whole_changes(config_path, "ro", "ui")
        except CatalogError:  # a defect (an entry twice): the parts must not judge it
            whole = None
        changed, refused = changed + (whole is True), refused + (whole is None)
        for parts in (2, 3, 4, 7):
            said = _parts_say_kept(config_path, "ro", "ui", parts)
            assert not (said and whole is not False), (parts, path.read_text(encoding="utf-8"))
    assert changed or refused == 12  # the damage makes catalogs sync would rewrite


def _cut(text: str, at: float, damage: Callable[[str], str]) -> str:
    """`text` with the entry nearest to `at` (a share of its length) damaged."""
    start = text.index("\n\n", int(len(text) * at)) + 2
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    return text[:start] + damage(text[start:end]) + text[end:]


def _check(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    out = tmp_path / "check.json"
    with monkeypatch.context() as patch:
        patch.setenv(ENV_DISABLE, "1")
        status = main(
            ["-c", str(site / "config.yaml"), "check", "--format", "json", "-o", str(out)]
        )
    return status, out.read_text(encoding="utf-8")


def _in_parts(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """The check with every catalog of the site scanned in parts by worker processes."""
    with monkeypatch.context() as patch:
        patch.setattr(scan, "PARALLEL_MINIMUM", 1)
        patch.setattr(scan, "PART_MINIMUM_BYTES", 1)
        patch.setattr(scan, "PART_MAXIMUM_BYTES", 1024)
        return _check(site, tmp_path, monkeypatch)


def test_the_gate_in_parts_answers_as_whole(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogs = site_dir / "catalogs"
    de_ui = catalogs / "de/LC_MESSAGES/ui.po"
    text = de_ui.read_text(encoding="utf-8")
    assert len(text) > 4 * 1024  # cut in several parts
    de_ui.write_text(_cut(text, 0.5, lambda entry: ""), encoding="utf-8")  # out of date
    fr_menu = catalogs / "fr/LC_MESSAGES/menu.po"
    fr_menu.write_text(fr_menu.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    whole = _check(site_dir, tmp_path, monkeypatch)
    assert whole[0] == 1 and whole[1].count('"out-of-date"') == 2
    assert _in_parts(site_dir, tmp_path, monkeypatch) == whole


def test_a_defect_in_a_part_is_named_as_whole(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    it_ui = site_dir / "catalogs/it/LC_MESSAGES/ui.po"
    text = it_ui.read_text(encoding="utf-8")
    it_ui.write_text(_cut(text, 0.7, lambda entry: entry + '\nmsgstr "twice"'), encoding="utf-8")
    whole = _check(site_dir, tmp_path, monkeypatch)
    assert whole[0] == 2 and '"line": ' in whole[1] and "it/LC_MESSAGES/ui.po" in whole[1]
    assert _in_parts(site_dir, tmp_path, monkeypatch) == whole
