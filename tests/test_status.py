"""`l10n status` on the bundled site, and its JSON contract."""

from __future__ import annotations

import json

import pytest

from l10n.cli.main import main
from tests.conftest import pristine_site

KEYS = {
    *("total", "translated", "needs_review", "stale", "missing", "copies", "conflicts"),
    "words_todo",
}


def status_json(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    assert (
        main(["-c", str(pristine_site() / "config.yaml"), "status", "--format", "json", *extra])
        == 0
    )
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    status = status_json(capsys)
    assert status["source"] == "en"
    languages = status["languages"]
    assert isinstance(languages, dict)
    assert list(languages) == ["ro", "de", "fr", "el", "it", "es", "sv"]
    for numbers in languages.values():
        assert set(numbers) == KEYS | {"kinds"}
        assert set(numbers["kinds"]) == {"menu", "ui", "article"}
        for kind in numbers["kinds"].values():
            assert set(kind) == KEYS
        assert numbers["total"] == sum(kind["total"] for kind in numbers["kinds"].values())
        assert numbers["total"] == (
            numbers["translated"] + numbers["needs_review"] + numbers["stale"] + numbers["missing"]
        )


def test_romanian_is_partly_translated_with_two_english_copies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    romanian = status_json(capsys, "--lang", "ro")["languages"]["ro"]  # type: ignore[index]
    assert 0 < romanian["translated"] < romanian["total"]
    assert romanian["copies"] == 2
    assert romanian["kinds"]["menu"]["copies"] == 2
    assert romanian["kinds"]["menu"]["missing"] > 0
    assert romanian["kinds"]["article"]["translated"] == 1


@pytest.mark.parametrize("language", ["de", "fr", "el", "it", "es", "sv"])
def test_other_languages_have_all_their_work_to_do(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    numbers = status_json(capsys, "--lang", language)["languages"][language]  # type: ignore[index]
    assert numbers["missing"] == numbers["total"] > 100
    assert numbers["translated"] == numbers["copies"] == 0
    assert numbers["words_todo"] > 500


def test_copies_are_the_two_english_leftovers() -> None:
    from l10n.checks import copy_rule
    from l10n.config import load_config
    from l10n.po.catalog import read_catalog

    rule = copy_rule(load_config(pristine_site() / "config.yaml"))
    catalog = read_catalog(pristine_site() / "catalogs/ro/LC_MESSAGES/menu.po")
    copies = sorted(
        entry.msgid for entry in catalog if rule.is_copy(entry.msgid, entry.msgstr, entry.flags)
    )
    assert copies == ["CIVIS Association", "Staff weeks & Job Shadowing"]


def test_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-c", str(pristine_site() / "config.yaml"), "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["language", "kind"]
    rows = [line.split() for line in lines[2:] if line.split()[:1] in (["ro"], ["de"])]
    assert [row[0] for row in rows] == ["ro", "de"]
    assert rows[1][-1] == "0.0%"
