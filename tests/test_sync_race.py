"""`l10n sync` and a translator's saves, as real processes racing on the same catalogs.

A site of 1,000 units (bench/generate.py) switches its English between two versions at
every trial, so each sync rewrites the catalogs the translator saves into; the translator
saves entry after entry from before the sync starts until after it ends, so saves land at
every moment of it: while it reads, while it merges, while it writes. No save that
reported success may be missing from the catalog afterwards. The race runs again with
both processes taking the catalog lock through its Windows path (`tests.posixless`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from bench.generate import generate
from l10n.po.catalog import read_catalog

TRIALS = int(os.environ.get("RACE_TRIALS", "50"))
ROOT = Path(__file__).resolve().parent.parent
POSIX = (sys.executable, "-m")
WINDOWS = (sys.executable, "-m", "tests.posixless")  # the lock's Windows path


@pytest.fixture(scope="module")
def race_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("race")
    generate(1000, out / "gen", seed=7)
    site = out / "site"
    shutil.copytree(out / "gen" / "v1", site)
    (site / "content").rename(site / "content-v1")
    shutil.copytree(out / "gen" / "v2" / "content", site / "content-v2")
    return site


def _keys(site: Path, domain: str) -> list[tuple[str | None, str]]:
    """Entries of a domain whose English is the same in both versions (saved, never stale)."""
    old = {(e.msgctxt, e.msgid) for e in polib.pofile(str(site / "catalogs" / f"{domain}.pot"))}
    new_pot = site.parent / "gen" / "v2" / "catalogs" / f"{domain}.pot"
    new = {(e.msgctxt, e.msgid) for e in polib.pofile(str(new_pot))}
    return sorted(old & new, key=lambda key: (key[0] or "", key[1]))


def _use(site: Path, version: str) -> None:
    content = site / "content"
    if content.is_symlink():
        content.unlink()
    content.symlink_to(site / f"content-{version}")


@pytest.mark.parametrize("python", [POSIX, WINDOWS], ids=["posix", "windows"])
def test_no_save_is_lost_while_sync_runs(race_site: Path, python: tuple[str, ...]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    l10n = (
        [str(Path(sys.executable).parent / "l10n")]
        if python == POSIX
        else [*python, "l10n.cli.main"]
    )
    trials = TRIALS if python == POSIX else max(TRIALS // 5, 2)
    catalogs = {
        domain: race_site / "catalogs" / "ro" / "LC_MESSAGES" / f"{domain}.po"
        for domain in ("ui", "menu")
    }
    keys = {}
    for domain in catalogs:
        keys[domain] = race_site / f"keys-{domain}.json"
        keys[domain].write_text(json.dumps(_keys(race_site, domain)), encoding="utf-8")
    saves = lost = 0
    for trial in range(trials):
        _use(race_site, "v2" if trial % 2 == 0 else "v1")
        stop = race_site / f"stop-{trial}"
        pairs = [str(part) for domain, path in catalogs.items() for part in (path, keys[domain])]
        saver = subprocess.Popen(
            [*python, "tests.race_saver", f"t{trial}", str(stop), *pairs],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        synced = subprocess.run(
            [*l10n, "sync"], cwd=race_site, env=env, capture_output=True, text=True, check=False
        )
        stop.touch()
        output = saver.communicate(timeout=120)[0]
        assert synced.returncode == 0, synced.stderr
        assert "updated catalogs/ro/LC_MESSAGES/ui.po" in synced.stdout
        on_disk = {
            (str(path), entry.msgctxt, entry.msgid): entry.msgstr
            for path in catalogs.values()
            for entry in read_catalog(path)
        }
        done = [json.loads(line) for line in output.splitlines()]
        latest = {(path, context, source): text for path, context, source, text in done}
        saves += len(done)
        lost += sum(1 for key, text in latest.items() if on_disk.get(key) != text)
    assert saves >= trials * 2
    assert lost == 0, f"{lost} of {saves} saves lost"
