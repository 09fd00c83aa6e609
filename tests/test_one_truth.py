"""One truth: status, report, check, the queue and the TUI header give the same numbers.

Random catalogs (every state, copies of the English, plural units, obsolete entries,
languages without a catalog, sites without a unit) go through the real commands; then a
real LibreTranslate-like server that answers with the English itself must leave every
coverage between 0 % and 100 % in every output.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.cli.main import main
from l10n.config import load_config
from l10n.coverage.stats import COUNT_KEYS
from l10n.gate.policy import FORMAT, load_policies
from l10n.po.conflict import CONFLICT_FLAG, with_conflict_note
from l10n.queue.work import load_queue
from l10n.sources.site import load_site
from tests.libretranslate_server import Behaviour, LibreTranslateServer
from tui.widgets.progress import counts_line

LANGUAGES = ("de", "fr", "sv")
# Words that make English texts: some repeat across units, some stay the same everywhere.
WORDS = ("News", "Contact", "Search", "LinkedIn", "OK", "Our work", "Read more", "Events")
STATES = (
    *("missing", "translated", "copy", "review", "review-copy", "stale", "stale-copy"),
    *("same-as-english", "review-conflict", "stale-conflict"),
)

CONFIG = """\
source: "en"
languages: ["de", "fr", "sv"]
content:
  templates:
    - {path: app.pot, domain: app, kind: ui}
catalogs: catalogs
checks:
  same_words: [LinkedIn]
policies:
  menu: {fail: [missing, stale], report: [needs-review, copy]}
  ui: {fail: [missing, stale], report: [needs-review, copy]}
  article: {fail: [missing, stale], report: [needs-review, copy]}
"""


@dataclass(frozen=True)
class TemplateUnit:
    source: str
    plural: str | None


@dataclass(frozen=True)
class RandomSite:
    units: list[TemplateUnit]
    # per language: None (no catalog at all) or a state per unit, and obsolete entries
    languages: dict[str, tuple[list[str], int] | None]


@st.composite
def random_sites(draw: st.DrawFn) -> RandomSite:
    count = draw(st.integers(0, 12))
    units = [
        TemplateUnit(draw(st.sampled_from(WORDS)), draw(st.sampled_from((None, "{n} items"))))
        for _ in range(count)
    ]
    languages: dict[str, tuple[list[str], int] | None] = {}
    for code in LANGUAGES:
        written = draw(st.booleans()) or code == "de"
        states = [draw(st.sampled_from(STATES)) for _ in units]
        languages[code] = (states, draw(st.integers(0, 2))) if written else None
    return RandomSite(units, languages)


def _entry(index: int, unit: TemplateUnit, state: str, nplurals: int) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=f"u{index}", msgid=unit.source)
    english = [unit.source, *([unit.plural] * (nplurals - 1))] if unit.plural else [unit.source]
    if state == "missing":
        texts = ["" for _ in english]
    elif state.endswith("copy") or state == "same-as-english":
        texts = english
    else:
        texts = [f"Ü {text} {state}" for text in english]
    if unit.plural:
        entry.msgid_plural = unit.plural
        entry.msgstr_plural = dict(enumerate(texts))
    else:
        entry.msgstr = texts[0]
    if state.startswith(("review", "stale")):
        entry.flags.append("fuzzy")
    if state.startswith("stale"):
        entry.previous_msgid = f"Old {unit.source}"
    if state == "same-as-english":
        entry.flags.append("ignore-copy-of-source")
    if state.endswith("conflict"):  # as the merge driver leaves an entry translated two ways
        entry.flags.append(CONFLICT_FLAG)
        entry.tcomment = with_conflict_note(None, tuple(f"Ä {text}" for text in texts))
    return entry


def write_site(root: Path, site: RandomSite) -> Path:
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    template = polib.POFile()
    template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for index, unit in enumerate(site.units):
        template.append(
            polib.POEntry(msgctxt=f"u{index}", msgid=unit.source, msgid_plural=unit.plural or "")
        )
    template.save(str(root / "app.pot"))
    for code, written in site.languages.items():
        if written is None:
            continue
        states, obsolete = written
        catalog = polib.POFile()
        catalog.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": code,
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
        for index, (unit, state) in enumerate(zip(site.units, states, strict=True)):
            catalog.append(_entry(index, unit, state, 2))
        for number in range(obsolete):
            gone = polib.POEntry(msgctxt=f"gone{number}", msgid="Gone", msgstr="Weg")
            gone.obsolete = True
            catalog.append(gone)
        path = root / "catalogs" / code / "LC_MESSAGES" / "app.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog.save(str(path))
    return root / "config.yaml"


def run(config: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["-c", str(config), *args])
    return code, out.getvalue()


def run_json(config: Path, *args: str) -> dict[str, Any]:
    code, out = run(config, *args, "--format", "json")
    assert code in (0, 1), out
    document: dict[str, Any] = json.loads(out)
    return document


def coverage(numbers: dict[str, int]) -> float:
    """Coverage as the README defines it."""
    total = numbers["total"]
    return (numbers["translated"] - numbers["copies"]) / total if total else 1.0


def assert_counts_sound(numbers: dict[str, int]) -> None:
    states = ("translated", "needs_review", "stale", "missing")
    assert sum(numbers[state] for state in states) == numbers["total"]
    assert 0 <= numbers["copies"] <= numbers["translated"]
    assert 0 <= numbers["conflicts"] <= numbers["needs_review"] + numbers["stale"]
    assert 0.0 <= coverage(numbers) <= 1.0


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(random_sites())
def test_every_view_agrees_and_coverage_lies_in_0_to_100(
    monkeypatch: pytest.MonkeyPatch, site: RandomSite
) -> None:
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    with tempfile.TemporaryDirectory() as folder:
        config_path = write_site(Path(folder), site)
        status = run_json(config_path, "status")
        report = run_json(config_path, "report")
        check = run_json(config_path, "check")
        config = load_config(config_path)
        loaded = load_site(config)
        assert check["status"] == status
        assert {key: report[key] for key in status} == status
        for code, numbers in status["languages"].items():
            assert_counts_sound(numbers)
            assert numbers["total"] == len(site.units)
            for kind_numbers in numbers["kinds"].values():
                assert_counts_sound(kind_numbers)
            findings = [f for f in check["findings"] if f["language"] == code]
            named = {name: sum(f["finding"] == name for f in findings) for name in STATE_FINDINGS}
            assert named == {name: numbers[key] for name, key in STATE_FINDINGS.items()}
            errors = sum(f["severity"] == "error" for f in findings)
            assert check["summary"][code] == {
                "errors": errors,
                "warnings": len(findings) - errors,
            }
            queue = load_queue(
                config, loaded, code, format_severity=load_policies(config).judge(FORMAT, code)
            ).counts()
            assert {key: getattr(queue, key) for key in COUNT_KEYS} == {
                key: numbers[key] for key in COUNT_KEYS
            }
            header = counts_line(code, queue).plain
            done = numbers["translated"] - numbers["copies"]
            assert f" {coverage(numbers):4.0%} {done}/{numbers['total']}" in header
            assert f" · {numbers['words_todo']:,} words to do" in header
            assert (f" · {numbers['conflicts']} conflict" in header) == bool(numbers["conflicts"])
            assert 0.0 <= report["words_coverage"][code] <= 1.0


STATE_FINDINGS = {
    "missing": "missing",
    "stale": "stale",
    "needs-review": "needs_review",
    "copy": "copies",
    "conflict": "conflicts",
}


@pytest.fixture
def english_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LibreTranslateServer]:
    """A real LibreTranslate-like server on 127.0.0.1 that answers with the English."""
    with LibreTranslateServer(Behaviour(echo=True)) as server:
        monkeypatch.setenv("L10N_LIBRE_URL", server.url)
        yield server


PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)%")


def test_a_server_returning_the_english_leaves_every_coverage_in_0_to_100(
    site_dir: Path, english_server: LibreTranslateServer
) -> None:
    config = site_dir / "config.yaml"
    for code in ("fr", "sv"):
        assert run(config, "pretranslate", "--lang", code, "--kind", "menu")[0] == 0
    assert english_server.requests > 0
    status = run_json(config, "status")
    french = status["languages"]["fr"]
    menu = french["kinds"]["menu"]
    assert menu["needs_review"] == menu["total"] and menu["copies"] == 0  # no person accepted
    for numbers in status["languages"].values():
        assert_counts_sound(numbers)
        for kind_numbers in numbers["kinds"].values():
            assert_counts_sound(kind_numbers)
    report = run_json(config, "report")
    assert {key: report[key] for key in status} == status
    assert all(0.0 <= value <= 1.0 for value in report["words_coverage"].values())
    for row in report["articles"]:
        assert all(0.0 <= value <= 1.0 for value in row["coverage"].values())
    check = run_json(config, "check")
    assert check["status"] == status
    assert not [f for f in check["findings"] if f["finding"] == "copy" and f["language"] == "fr"]
    texts = {
        "status": run(config, "status")[1],
        "report": run(config, "report")[1],
        "markdown": run(config, "report", "--format", "markdown")[1],
        "check": run(config, "check")[1],
    }
    for name, text in texts.items():
        percents = [float(value) for value in PERCENT.findall(text)]
        assert percents, name
        assert all(0.0 <= value <= 100.0 for value in percents), name
    html = run(config, "report", "--format", "html")[1]
    widths = [float(value) for value in re.findall(r'width="(-?[\d.]+)"', html)]
    assert widths and min(widths) >= 0
    assert 'width="-' not in html and "-0." not in html


AGORA = "footer:/civis-agora-the-operational-hub-of-the-civis-digital-campus"


def test_one_copy_rule_in_status_queue_gate_and_editor(site_dir: Path) -> None:
    """A do-not-translate name kept as the English is no copy anywhere; an English word kept
    as the English is a copy everywhere; a needs-review copy is reported once, as needs-review."""
    from tests.tui_support import set_entry
    from tui.checking import LiveChecks

    config_path = site_dir / "config.yaml"
    set_entry(config_path, "ro", "menu", AGORA, "CIVIS Agora")  # glossary: dnt
    set_entry(config_path, "ro", "ui", "search", "Search")  # plain English
    set_entry(config_path, "ro", "ui", "related_news", "Related news", ("fuzzy",))
    status = run_json(config_path, "status", "--lang", "ro")["languages"]["ro"]
    assert status["kinds"]["menu"]["copies"] == 2  # the two of the bundled site, as before
    assert status["kinds"]["ui"]["copies"] == 1 and status["kinds"]["ui"]["needs_review"] == 1
    config = load_config(config_path)
    queue = load_queue(
        config, load_site(config), "ro", format_severity=load_policies(config).judge(FORMAT, "ro")
    )
    badges = {item.context: item.badge for item in queue.items}
    assert (badges[AGORA], badges["search"], badges["related_news"]) == (
        "translated",
        "copy",
        "needs-review",
    )
    check = run_json(config_path, "check", "--lang", "ro")
    found = {(f["identity"], f["finding"]) for f in check["findings"]}
    assert (AGORA, "copy") not in found and ("search", "copy") in found
    assert [name for identity, name in found if identity == "related_news"] == ["needs-review"]
    live = LiveChecks(config, "ro")
    by_context = {item.context: item for item in queue.items}
    copies = {
        context: [
            p.check_id
            for p in live.problems(by_context[context], by_context[context].targets, 2)
            if p.check_id == "copy-of-source"
        ]
        for context in (AGORA, "search")
    }
    assert copies == {AGORA: [], "search": ["copy-of-source"]}


PLURAL = "search_results.count"
WRONG_FORMS = {
    # Django 5.2's es and pt_BR catalogs declare nplurals=2 and give plural entries three
    # forms (tests/data/real/django-5.2/admin/es/djangojs.po); the Romanian catalog declares
    # three, and here an entry of two is short of one. msgfmt --check refuses both.
    "es": ("{count} artículo", "{count} artículos", "{count} artículos"),
    "ro": ("{count} articol", "{count} articole"),
}


@pytest.mark.parametrize("language", sorted(WRONG_FORMS), ids=["three-of-two", "two-of-three"])
def test_gate_and_editor_agree_on_a_plural_entry_with_the_wrong_number_of_forms(
    site_dir: Path, language: str
) -> None:
    """One conversion of an entry to a checked unit (`l10n.checks.entry_unit`): the gate,
    the queue's failing filter and the editor hold a plural entry to the forms its catalog
    declares, as msgfmt --check does, and say the same."""
    import subprocess

    from tests.tui_support import catalog_path
    from tui.checking import LiveChecks

    config_path = site_dir / "config.yaml"
    path = catalog_path(config_path, language, "ui")
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == PLURAL)
    entry.msgstr_plural = dict(enumerate(WRONG_FORMS[language]))
    catalog.save()
    declared = {"es": 2, "ro": 3}[language]
    expected = (
        f"{len(WRONG_FORMS[language])} plural forms; {language}'s Plural-Forms says {declared}"
    )
    msgfmt = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert msgfmt.returncode == 1 and f"nplurals = {declared}" in msgfmt.stderr

    check = run_json(config_path, "check", "--lang", language)
    gate = [
        f["message"]
        for f in check["findings"]
        if f["identity"] == PLURAL and f["finding"] == "plurals"
    ]
    assert len(gate) == 1 and gate[0].endswith(expected)

    config = load_config(config_path)
    queue = load_queue(
        config,
        load_site(config),
        language,
        format_severity=load_policies(config).judge(FORMAT, language),
    )
    item = next(item for item in queue.items if item.context == PLURAL)
    live = LiveChecks(config, language).problems(item, item.targets, queue.nplurals["ui"])
    assert [p.message for p in live if p.check_id == "plurals"] == [expected]
