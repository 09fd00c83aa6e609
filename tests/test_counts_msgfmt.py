"""Status counts a catalog as GNU gettext does: its translated, fuzzy (stale or needing
review) and untranslated (missing) entries are the numbers `msgfmt --statistics` gives,
on every real third-party catalog under tests/data."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.checks.copy import CopyRule
from l10n.coverage.stats import catalog_counts
from l10n.po.catalog import read_catalog

ROOT = Path(__file__).parent / "data" / "real"
REAL = sorted(ROOT.glob("**/*.po"))
_NUMBER = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


def msgfmt_statistics(path: Path) -> dict[str, int]:
    found = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    numbers = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    numbers.update({kind: int(number) for number, kind in _NUMBER.findall(found.stderr)})
    return numbers


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")
@pytest.mark.parametrize("path", REAL, ids=lambda path: str(path.relative_to(ROOT)))
def test_counts_are_msgfmts(path: Path) -> None:
    counts = catalog_counts(read_catalog(path, to_write=False), CopyRule())
    assert counts.total == counts.translated + counts.needs_review + counts.stale + counts.missing
    assert msgfmt_statistics(path) == {
        "translated": counts.translated,
        "fuzzy": counts.stale + counts.needs_review,
        "untranslated": counts.missing,
    }


def test_there_are_real_catalogs_to_count() -> None:
    assert len(REAL) > 20
