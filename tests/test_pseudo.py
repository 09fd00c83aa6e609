"""`l10n pseudo`: pseudo-localised catalogs that keep every protected piece and compile."""

from __future__ import annotations

import gettext
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.checks.base import CheckUnit
from l10n.checks.markup import HtmlCheck, MarkdownCheck, PlaceholdersCheck, UrlsCheck
from l10n.checks.runner import run_checks
from l10n.cli.main import main
from l10n.mt.protect import Protector
from l10n.mt.pseudo import CLOSE, OPEN, pseudo_text
from l10n.po.catalog import read_catalog
from tests.conftest import snapshot_files

STRUCTURE_CHECKS = (PlaceholdersCheck(), MarkdownCheck(), HtmlCheck(), UrlsCheck())
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


def l10n(site: Path, *args: str) -> int:
    return main(["-c", str(site / "config.yaml"), *args])


def pseudo_catalogs(site: Path) -> list[Path]:
    return sorted((site / "catalogs" / "en_XA" / "LC_MESSAGES").rglob("*.po"))


HOSTILE = [
    "Welcome, {name}!",
    "%(count)s new articles in %(section)s",
    'Read <a href="https://civis.eu/en">the <strong>full</strong> story</a> &amp; more',
    "See [our *partners*](https://civis.eu/partners) and `code` here",
    "Write to press@civis.eu or visit www.civis.eu.",
    "  Leading and trailing space  ",
    "{{ user.name }} posted {% if x %}twice{% endif %}",
    "CIVIS Association",
]


@pytest.mark.parametrize("english", HOSTILE)
def test_a_pseudo_text_keeps_every_protected_piece(english: str) -> None:
    protector = Protector(["CIVIS"])
    pseudo = pseudo_text(english, protector, 1.4)
    assert pseudo.strip().startswith(OPEN) and pseudo.strip().endswith(CLOSE)
    assert (
        pseudo[: len(english) - len(english.lstrip())]
        == english[: len(english) - len(english.lstrip())]
    )
    unit = CheckUnit("ctx", english, None, (pseudo,), "en_XA", "ui")
    assert run_checks([unit], checks=STRUCTURE_CHECKS) == {}
    assert "CIVIS" not in english or "CIVIS" in pseudo
    # padded by 40 % of the letters a translator would translate (outside protected pieces)
    visible = re.sub(r"<x\d+/>", "", protector.protect(english.strip()).masked)
    padding = round(sum(char.isalpha() for char in visible) * 0.4)
    assert sum(char.isalpha() for char in pseudo) >= sum(c.isalpha() for c in english) + padding - 1


def test_pseudo_catalogs_pass_the_checks_compile_and_stay_out_of_the_counts(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert l10n(site_dir, "status", "--format", "json") == 0
    status_before = json.loads(capsys.readouterr().out)
    assert l10n(site_dir, "pseudo") == 0
    assert "en_XA: 8 catalogs, 8 written" in capsys.readouterr().out
    catalogs = pseudo_catalogs(site_dir)
    assert len(catalogs) == 8
    units: list[CheckUnit] = []
    for path in catalogs:
        catalog = read_catalog(path)
        assert catalog.metadata["Language"] == "en_XA"
        for entry in catalog:
            texts = (
                tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
                if entry.msgid_plural
                else (entry.msgstr,)
            )
            assert all(text.startswith(OPEN) and text.endswith(CLOSE) for text in texts)
            assert not entry.fuzzy
            plural = entry.msgid_plural or None
            units.append(CheckUnit(entry.msgctxt, entry.msgid, plural, texts, "en_XA", "ui"))
    assert len(units) > 100
    assert run_checks(units, checks=STRUCTURE_CHECKS) == {}
    # a second run changes nothing
    before = snapshot_files(site_dir / "catalogs")
    assert l10n(site_dir, "pseudo") == 0
    assert "0 written" in capsys.readouterr().out
    assert snapshot_files(site_dir / "catalogs") == before
    # status, sync and check do not count or touch the pseudo locale
    assert l10n(site_dir, "status", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == status_before
    assert l10n(site_dir, "sync", "--check") == 0
    # export compiles it beside the real languages, and Python's gettext reads it
    out = site_dir / "build"
    assert l10n(site_dir, "export", "-o", str(out), "--summary") == 0
    translation = gettext.translation("ui", out / "locale", languages=["en_XA"])
    assert translation.pgettext("related_news", "Related news").startswith(OPEN + "Ŕéļåţéð")
    assert translation.npgettext("search_results.count", "{count} article",
                                 "{count} articles", 5).startswith(OPEN + "{count}")  # fmt: skip
    assert (out / "content" / "en_XA" / "menus.yaml").exists()


@needs_msgfmt
def test_msgfmt_accepts_the_pseudo_catalogs(site_dir: Path) -> None:
    assert l10n(site_dir, "pseudo") == 0
    for path in pseudo_catalogs(site_dir):
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0 and done.stderr == "", done.stderr


def test_a_pseudo_locale_that_is_a_real_language_is_refused(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\npseudo:\n  locale: de\n")
    before = snapshot_files(site_dir)
    assert l10n(site_dir, "pseudo") == 2
    assert "config.yaml:" in capsys.readouterr().err
    assert snapshot_files(site_dir) == before
