"""Language models through an OpenAI-compatible server: `engine: openai` end to end.

Every test runs the real `l10n pretranslate` (or the editor's machine translation) against
tests/openai_server.py, a real HTTP server on 127.0.0.1 speaking the chat-completions API.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.config import load_config
from l10n.languages import plural_forms
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.states import state_of
from tests.conftest import snapshot_files
from tests.openai_server import Behaviour, OpenAIServer, accent

UNACCENT = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")

ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"
KEY = "sk-test-0123456789"


def use_model(site: Path, base_url: str, **extra: object) -> None:
    """Replace the site's `mt:` section by one language-model provider at `base_url`."""
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    head = text[: text.index("\nmt:")]
    provider = {
        "engine": "openai",
        "base_url": base_url,
        "model": "test-model",
        "api_key_env": "L10N_TEST_LLM_KEY",
        **extra,
    }
    section = {
        "default": "llm",
        "timeout": 5,
        "max_retries": 2,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "formality": {"de": "formal", "fr": "formal"},
        "providers": {"llm": provider},
    }
    config.write_text(head + "\nmt: " + json.dumps(section) + "\n", encoding="utf-8")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> Iterator[OpenAIServer]:
    monkeypatch.setenv("L10N_TEST_LLM_KEY", KEY)
    with OpenAIServer() as running:
        use_model(site_dir, running.base_url)
        yield running


def l10n(site: Path, *args: str) -> int:
    return main(["-c", str(site / "config.yaml"), *args])


def po(site: Path, language: str, domain: str) -> Path:
    return site / "catalogs" / language / "LC_MESSAGES" / f"{domain}.po"


def active(path: Path) -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in read_catalog(path) if not e.obsolete and e.msgid}


def test_request_shape_and_context(
    site_dir: Path, server: OpenAIServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert l10n(site_dir, "pretranslate", "--lang", "de", "--kind", "ui", "article") == 0
    first = server.requests[0]
    assert first.path == "/v1/chat/completions"
    assert first.headers["Authorization"] == f"Bearer {KEY}"
    assert first.body["model"] == "test-model"
    assert first.body["response_format"]["type"] == "json_schema"
    assert "German (de)" in first.system and "(Sie)" in first.system
    units = [unit for request in server.requests for unit in request.units]
    # batching: several units per request
    assert len(server.requests) < len(units)
    assert max(len(request.units) for request in server.requests) > 1
    related = next(unit for unit in units if unit.get("msgctxt") == "related_news")
    assert related["kind"] == "ui"
    assert related["notes"] == ["Heading of the list of related articles below an article"]
    assert related["appears_in"] == ["content/ui.yaml:16"]
    paragraph = next(
        unit
        for unit in units
        if unit.get("msgctxt") == ARTICLE and unit["english"].startswith("After the success")
    )
    assert paragraph["article_title"].startswith("Aix-Marseille Université: Societal")
    assert paragraph["previous_segment"].startswith("On 3 February 2022, more than 50")
    assert paragraph["next_segment"] == "The Local CIVIS Days webinar"
    # a glossary term's approved translation, and do-not-translate terms kept as tokens
    assert any(unit.get("glossary") for unit in units)
    # the key is never printed
    out = capsys.readouterr()
    assert KEY not in out.out + out.err
    assert re.search(r"de: \d+ requests, \d+ tokens \(\d+ prompt, \d+ completion\)", out.out)


def test_saved_as_needs_review_and_msgfmt_accepts(site_dir: Path, server: OpenAIServer) -> None:
    assert l10n(site_dir, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    entries = active(po(site_dir, "sv", "menu"))
    filled = [e for e in entries.values() if e.msgstr.startswith("[sv] ")]
    assert filled
    for entry in filled:
        assert state_of(entry) is State.NEEDS_REVIEW
        assert entry.tcomment.splitlines()[-1] == "Machine translation (llm): review it."
    if shutil.which("msgfmt"):
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po(site_dir, "sv", "menu"))],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr


def test_romanian_plurals_get_three_distinct_forms(site_dir: Path, server: OpenAIServer) -> None:
    assert l10n(site_dir, "pretranslate", "--lang", "ro", "--kind", "ui") == 0
    entry = active(po(site_dir, "ro", "ui"))[("search_results.count", "{count} article")]
    forms = entry.msgstr_plural
    assert forms == {
        0: "[ro one] {count} " + accent("article"),
        1: "[ro few] {count} " + accent("articles"),
        2: "[ro other] {count} " + accent("articles"),
    }
    asked = next(
        unit
        for request in server.requests
        for unit in request.units
        if unit.get("msgctxt") == "search_results.count"
    )
    search = next(
        unit for request in server.requests for unit in request.units if unit["english"] == "Search"
    )  # translation memory: the Romanian of "Research"
    assert search["translation_memory"][0]["english"] == "Research"
    assert search["translation_memory"][0]["translation"]
    assert asked["plural_forms"] == {
        "one": "for n = 1",
        "few": "for n = 0, 2, 3, 4",
        "other": "for n = 20, 21, 22, 23",
    }


def test_plural_forms_follow_the_catalogs_own_rule() -> None:
    three = "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    assert [form.category for form in plural_forms(three, "es")] == ["one", "many", "other"]
    arabic = (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5;"
    )
    assert [f.category for f in plural_forms(arabic, "ar")] == [
        "zero", "one", "two", "few", "many", "other",
    ]  # fmt: skip
    assert [f.category for f in plural_forms("nplurals=1; plural=0;", "ko")] == ["other"]


def test_a_rerun_is_answered_from_the_cache(
    site_dir: Path, server: OpenAIServer, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = snapshot_files(site_dir / "catalogs")
    assert l10n(site_dir, "pretranslate", "--lang", "fr", "--kind", "menu") == 0
    assert server.requests
    translated = snapshot_files(site_dir / "catalogs")
    for path, data in saved.items():  # put the catalogs back as they were
        (site_dir / "catalogs" / path).write_bytes(data)
    server.reset()
    capsys.readouterr()
    assert l10n(site_dir, "pretranslate", "--lang", "fr", "--kind", "menu", "--dry-run") == 0
    assert re.search(r"(\d+) units to ask, \1 answered by the cache", capsys.readouterr().out)
    assert l10n(site_dir, "pretranslate", "--lang", "fr", "--kind", "menu") == 0
    assert server.requests == []
    assert "fr: 0 requests, 0 tokens" in capsys.readouterr().out
    after = snapshot_files(site_dir / "catalogs")
    strip = re.compile(rb'"PO-Revision-Date: [^"]*"')
    assert {k: strip.sub(b"", v) for k, v in after.items()} == {
        k: strip.sub(b"", v) for k, v in translated.items()
    }


def test_dry_run_estimates_and_sends_nothing(
    site_dir: Path, server: OpenAIServer, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot_files(site_dir)
    assert l10n(site_dir, "pretranslate", "--lang", "it", "--dry-run") == 0
    out = capsys.readouterr().out
    found = re.search(r"it: llm \(test-model\): (\d+) units to ask, 0 answered by the cache; "
                      r"about (\d+) requests and (\d+) tokens", out)  # fmt: skip
    assert found and int(found.group(1)) > 0 and int(found.group(3)) > 0
    assert server.requests == []
    assert snapshot_files(site_dir) == before


@pytest.mark.parametrize(
    ("behaviour", "retried_alone"),
    [
        (Behaviour(drop_unit_in_batches=True), True),
        (Behaviour(swap_in_batches=True), True),
    ],
    ids=["a unit missing", "two units swapped"],
)
def test_a_bad_batch_reply_is_asked_again_unit_by_unit(
    site_dir: Path, server: OpenAIServer, behaviour: Behaviour, retried_alone: bool
) -> None:
    server.behaviour = behaviour
    assert l10n(site_dir, "pretranslate", "--lang", "es", "--kind", "menu") == 0
    singles = [request for request in server.requests if len(request.units) == 1]
    assert bool(singles) is retried_alone
    saved = [e for e in active(po(site_dir, "es", "menu")).values() if e.msgstr != e.msgid]
    assert saved
    for entry in saved:  # every saved text is the translation of its own English
        assert entry.msgstr.translate(UNACCENT) == "[es] " + entry.msgid.translate(UNACCENT)


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (Behaviour(drop_token=True), "protected piece (placeholder, markup or term) is missing"),
        (Behaviour(echo_english=True), "gave the English back"),
    ],
    ids=["a placeholder dropped", "the English echoed back"],
)
def test_failing_units_are_reported_with_file_and_line_and_not_saved(
    site_dir: Path,
    server: OpenAIServer,
    capsys: pytest.CaptureFixture[str],
    behaviour: Behaviour,
    reason: str,
) -> None:
    server.behaviour = behaviour
    path = po(site_dir, "ro", "ui")
    before = active(path)
    assert l10n(site_dir, "pretranslate", "--lang", "ro", "--kind", "ui") == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if reason in line]
    assert lines, err
    assert all(re.match(r".*catalogs/ro/LC_MESSAGES/ui\.po:\d+: mt: ", line) for line in lines)
    singles = [request for request in server.requests if len(request.units) == 1]
    assert len(singles) == len(lines)  # each failing unit was asked once more, alone
    after = active(path)
    placeholders = [key for key in before if "{" in key[1]]
    for key in placeholders if behaviour.drop_token else list(before):
        if not before[key].msgstr and not any(before[key].msgstr_plural.values()):
            assert after[key].msgstr == "" and not any(after[key].msgstr_plural.values())


def test_429_then_200_succeeds(site_dir: Path, server: OpenAIServer) -> None:
    server.behaviour = Behaviour(fail_first=2, fail_status=429, retry_after="0")
    assert l10n(site_dir, "pretranslate", "--lang", "el", "--kind", "menu") == 0
    assert any(e.msgstr.startswith("[el] ") for e in active(po(site_dir, "el", "menu")).values())


@pytest.mark.parametrize(
    "behaviour",
    [Behaviour(fail_first=10**6, fail_status=500), Behaviour(hang=True)],
    ids=["a 500 every time", "a server that never answers"],
)
def test_a_failing_server_changes_nothing_and_exits_2(
    site_dir: Path,
    server: OpenAIServer,
    capsys: pytest.CaptureFixture[str],
    behaviour: Behaviour,
) -> None:
    server.behaviour = behaviour
    use_model(site_dir, server.base_url, timeout=0.5, max_retries=1)
    before = snapshot_files(site_dir / "catalogs")
    assert l10n(site_dir, "pretranslate", "--lang", "de", "--kind", "menu") == 2
    assert "no catalog was changed" in capsys.readouterr().err
    assert snapshot_files(site_dir / "catalogs") == before


def test_a_server_without_response_format_gets_the_numbered_format(
    site_dir: Path, server: OpenAIServer
) -> None:
    server.behaviour = Behaviour(refuse_response_format=True)
    assert l10n(site_dir, "pretranslate", "--lang", "ro", "--kind", "ui") == 0
    assert "response_format" not in server.requests[-1].body
    entry = active(po(site_dir, "ro", "ui"))[("search_results.count", "{count} article")]
    assert entry.msgstr_plural[1] == "[ro few] {count} " + accent("articles")


@pytest.mark.parametrize(
    ("behaviour", "code", "said"),
    [
        (Behaviour(huge=5_000_000), 1, "the answer is larger than"),
        (Behaviour(drip=0.2), 2, "the answer took longer than 1 s"),
    ],
    ids=["an answer of 5 MB", "one byte every 0.2 s"],
)
def test_huge_or_dripping_answers_are_cut_off(
    site_dir: Path,
    server: OpenAIServer,
    capsys: pytest.CaptureFixture[str],
    behaviour: Behaviour,
    code: int,
    said: str,
) -> None:
    """A huge answer fails its units (reported, not saved); a dripping one, the provider."""
    server.behaviour = behaviour
    use_model(site_dir, server.base_url, timeout=1, max_retries=0)
    before = snapshot_files(site_dir / "catalogs")
    assert l10n(site_dir, "pretranslate", "--lang", "de", "--kind", "menu", "--limit", "2") == code
    assert said in capsys.readouterr().err
    assert snapshot_files(site_dir / "catalogs") == before


def test_the_editors_machine_suggestion_comes_from_the_model(
    site_dir: Path, server: OpenAIServer
) -> None:
    from tui.machine import machine_from_config

    machine = machine_from_config(load_config(site_dir / "config.yaml"))
    assert machine is not None
    text = machine.translate("Related news for {name}", "en", "sv")
    assert text == "[sv] " + accent("Related news for ") + "{name}"
    assert machine.name == "llm"
    assert server.requests[-1].headers["Authorization"] == f"Bearer {KEY}"
