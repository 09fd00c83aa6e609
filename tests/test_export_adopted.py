"""`export` of an adopted domain lists every translation it leaves out of the compiled
catalog, on Django 5.2's real Brazilian Portuguese humanize catalog (57 plural entries of
Django's pt_BR have three forms where the header says two; msgfmt leaves them out too)."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest

from l10n.cli.main import main
from tests.test_queue_rejected import humanize_site

CATALOG = "locale/pt_BR/LC_MESSAGES/django.po"
MO = "locale/pt_BR/LC_MESSAGES/django.mo"
WHY = "3 plural forms; pt_BR's Plural-Forms says 2"


def test_export_lists_the_plural_entries_it_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = ["-c", str(humanize_site(tmp_path / "site", "pt_BR"))]
    out = tmp_path / "out"
    main([*config, "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    plurals = {f"{f['path']}:{f['line']}" for f in findings if f["finding"] == "plurals"}
    assert len(plurals) == 29  # every plural entry of the catalog
    said = {f["message"].rpartition(": ")[2] for f in findings if f["finding"] == "plurals"}
    assert said == {WHY}  # in the words export uses below

    assert main([*config, "export", "-o", str(out), "--format", "json"]) == 0  # as msgfmt
    listed = json.loads(capsys.readouterr().out)["fallbacks"]
    assert {fallback["location"] for fallback in listed} == plurals  # as check reports them
    assert {(fallback["file"], fallback["state"]) for fallback in listed} == {(MO, WHY)}
    hour = next(fallback for fallback in listed if fallback["source"] == "an hour ago")
    assert hour["location"] == f"{CATALOG}:210"

    assert main([*config, "export", "-o", str(out), "--fallbacks"]) == 0
    text = capsys.readouterr().out
    assert f"{MO}: 29 translations left out, in English\n" in text
    assert f'  {WHY}: {CATALOG}:89 "%(value)s million"\n' in text
    assert f'  {WHY}: {CATALOG}:273 naturaltime-past "%(num)d year"\n' in text
    assert main([*config, "export", "-o", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "29 strings fall back to English; `l10n export --fallbacks` lists them" in summary

    compiled = gettext.translation("django", out / "locale", ["pt_BR"])
    assert compiled.ngettext("an hour ago", "%(count)s hours ago", 1) == "an hour ago"  # left out
    assert compiled.gettext("now") == "agora"  # the rest is compiled


def test_export_lists_a_translation_it_leaves_out_for_its_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fuzzy translation (needs review) is left out, as msgfmt leaves it, and said where
    `check` says it."""
    config_path = humanize_site(tmp_path / "site", "pt_BR")
    catalog = tmp_path / "site" / CATALOG
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid "now"\n', '#, fuzzy\nmsgid "now"\n'), encoding="utf-8")
    config = ["-c", str(config_path)]
    main([*config, "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    review = [f"{f['path']}:{f['line']}" for f in findings if f["finding"] == "needs-review"]
    assert len(review) == 1
    assert main([*config, "export", "-o", str(tmp_path / "out"), "--fallbacks"]) == 0
    assert f'  needs-review: {review[0]} "now"\n' in capsys.readouterr().out
    compiled = gettext.translation("django", tmp_path / "out" / "locale", ["pt_BR"])
    assert compiled.gettext("now") == "now"
