"""The queue and the TUI fail what the gate fails with `format` (msgfmt --check rejects it),
on Django 5.2's real Serbian (Latin) humanize catalog."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import polib
import pytest
from textual.content import Content
from textual.widgets import Static, TextArea

from l10n.cli.main import main
from l10n.config import load_config
from l10n.gate.policy import FORMAT, load_policies
from l10n.queue.work import CHECK, QueueFilter, load_queue
from l10n.sources.site import load_site
from tests.conftest import DATA
from tests.tui_pilot import settle, until
from tui.app import create_app
from tui.screens.editor import EditorScreen
from tui.screens.queue import QueueScreen
from tui.widgets.queue_list import QueueList

HUMANIZE = DATA / "real" / "django-5.2" / "humanize"
SIZE = (100, 30)


def humanize_site(root: Path, language: str) -> Path:
    """Django's humanize catalogs as a project keeps them, the English one as the template."""
    folder = root / "locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(HUMANIZE / language / "django.po", folder / "django.po")
    shutil.copy(HUMANIZE / "en" / "django.po", root / "locale" / "django.pot")
    config = root / "config.yaml"
    config.write_text(
        f'project: humanize\nsource: "en"\nlanguages: ["{language}"]\ncatalogs: locale\n'
        "content:\n  templates:\n    - {path: locale/django.pot, domain: django}\n",
        encoding="utf-8",
    )
    return config


def gate_rejections(config: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The gate's `format` findings: msgid -> message."""
    main(["-c", str(config), "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return {f["identity"]: f["message"] for f in findings if f["finding"] == "format"}


def test_the_queue_holds_every_entry_the_gate_fails_with_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path = humanize_site(tmp_path, "sr_Latn")
    gate = gate_rejections(config_path, capsys)
    assert len(gate) == 6  # as msgfmt --check: form 0 of Serbian is for 1, 21, 31 … too
    config = load_config(config_path)
    queue = load_queue(
        config,
        load_site(config),
        "sr_Latn",
        format_severity=load_policies(config).judge(FORMAT, "sr_Latn"),
    )
    todo = queue.filtered(QueueFilter())  # what the TUI shows first
    shown = {queue.items[n].source: queue.items[n] for n in todo if queue.badge_of(n) == CHECK}
    assert set(shown) == set(gate)
    for msgid, item in shown.items():
        assert gate[msgid] == f'"{msgid}": msgfmt --check rejects it: {item.rejected}'
    found = queue.filtered(QueueFilter(search="hour ago"))
    assert [queue.items[n].source for n in found] == ["an hour ago"]


def test_the_tui_shows_and_checks_what_msgfmt_rejects(tmp_path: Path) -> None:
    asyncio.run(_tui_rejections(humanize_site(tmp_path, "sr_Latn")))


async def _tui_rejections(config_path: Path) -> None:
    app = create_app(config_path, "sr_Latn", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        rows = queue.query_one(QueueList)
        await pilot.press("slash", *"hour ago", "enter")
        assert [item.source for item in rows.items] == ["an hour ago"]
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        findings = screen.query_one("#findings", Static)
        missing = "a format specification for argument 'count' is missing in 'msgstr[0]'"
        assert f"format: msgfmt --check rejects it: {missing}" in str(findings.render())
        forms = list(screen.query(TextArea))
        forms[0].load_text("pre %(count)s sat")  # said for 21 too: it must say the number
        await until(pilot, lambda: not findings.display)
        forms[0].load_text("pre jedan sat")
        await until(pilot, lambda: "format: msgfmt" in str(findings.render()))
        index = screen.index
        await pilot.press("ctrl+s")  # saved as typed, and still failing
        await until(pilot, lambda: not screen.saving)
        await pilot.app.workers.wait_for_complete()
        session = queue.session
        assert session is not None
        saved = session.queue.items[index]
        assert saved.targets[0] == "pre jedan sat"
        assert saved.rejected is not None and session.queue.badge_of(index) == CHECK


HOUR = "an hour ago"
FORMAT_POLICIES = {  # where the `ui` policy lists `format` -> the severity the gate gives it
    "fail": ("ui: {fail: [missing, stale, format], report: [checks]}", "error"),
    "report": ("ui: {fail: [missing, stale], report: [checks, format]}", "warning"),
    "ignore": ("ui: {fail: [missing, stale], report: [checks]}", None),
    "exempt": ('exempt: [{id: "an hour *", reason: upstream}]', None),
}


@pytest.mark.parametrize("policy", sorted(FORMAT_POLICIES))
def test_the_editor_gives_a_rejection_the_severity_the_gate_gives_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: str
) -> None:
    """`policies:` decides whether `format` fails, is reported or is ignored, for the gate and
    for the editor alike (the editor said `error` whatever the policy said)."""
    config_path = humanize_site(tmp_path, "sr_Latn")
    rule, severity = FORMAT_POLICIES[policy]
    with config_path.open("a", encoding="utf-8") as config:
        config.write(f"policies:\n  {rule}\n")
    main(["-c", str(config_path), "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    gate = {f["severity"] for f in findings if f["finding"] == "format" and f["source"] == HOUR}
    assert gate == ({severity} if severity else set())
    assert_shown_at(asyncio.run(_editor_findings(config_path)), "format", severity)


def assert_shown_at(shown: Content, finding: str, severity: str | None) -> None:
    """The editor shows `finding` in the colour of `severity`, or not at all (None)."""
    if severity is None:
        assert f"{finding}:" not in shown.plain
        return
    marked = [
        str(span.style) for span in shown.spans if finding in shown.plain[span.start : span.end]
    ]
    colour = {"error": "red", "warning": "yellow"}[severity]
    assert marked and all(colour in style for style in marked), marked


TODAY = "today"
CHECK_POLICIES = {  # where the `ui` policy lists `checks` -> the gate's severity of an error
    "fail": ("ui: {fail: [missing, stale, checks], report: []}", "error"),
    "report": ("ui: {fail: [missing, stale], report: [checks]}", "warning"),  # the default
    "ignore": ("ui: {fail: [missing, stale], report: []}", None),
    "exempt": ('exempt: [{id: "today", reason: upstream}]', None),
}


@pytest.mark.parametrize("policy", sorted(CHECK_POLICIES))
def test_the_editor_and_the_queue_give_a_check_the_severity_the_gate_gives_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: str
) -> None:
    """A quality check's error (`placeholders`: a `{x}` the English lacks) is an error where
    `checks` fails the build, a warning where it is only reported, and nothing where it is
    ignored or the unit exempt, for the gate, the editor and the queue's `check` badge alike
    (the editor said `error` whatever the policy said, and the queue listed it)."""
    config_path = humanize_site(tmp_path, "sr_Latn")
    path = tmp_path / "locale" / "sr_Latn" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    next(entry for entry in catalog if entry.msgid == TODAY).msgstr = "danas {x}"
    catalog.save()
    rule, severity = CHECK_POLICIES[policy]
    with_policy(config_path, rule)
    main(["-c", str(config_path), "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    gate = {f["severity"] for f in findings if f["source"] == TODAY}
    assert gate == ({severity} if severity else set())
    assert {f["finding"] for f in findings if f["source"] == TODAY} <= {"placeholders"}
    shown = asyncio.run(_editor_findings(config_path, TODAY))
    assert_shown_at(shown, "placeholders", severity)
    assert (TODAY in asyncio.run(_listed_as_check(config_path))) is (severity is not None)


async def _editor_findings(config_path: Path, source: str = HOUR) -> Content:
    """The findings the editor shows on one unit ("an hour ago": msgfmt --check rejects it)."""
    app = create_app(config_path, "sr_Latn", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.set_filters(state="all")  # translated, not to do, where the gate ignores it
        await pilot.press("slash", *source, "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.item.source == source
        findings = screen.query_one("#findings", Static)
        rendered = findings.render()
        assert isinstance(rendered, Content)
        return rendered


def with_policy(config_path: Path, rule: str) -> Path:
    """The site with a `policies:` section of one rule."""
    with config_path.open("a", encoding="utf-8") as config:
        config.write(f"policies:\n  {rule}\n")
    return config_path


@pytest.mark.parametrize("policy", sorted(FORMAT_POLICIES))
def test_the_queue_lists_as_to_do_what_the_gate_reports_with_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: str
) -> None:
    """A translation msgfmt --check rejects is to do (badge `check`) when the gate reports it
    with `format`, and translated when `policies:` ignores `format` or exempts the unit (the
    queue listed all 6 whatever the policy said), in the queue and in the TUI's list."""
    config_path = with_policy(humanize_site(tmp_path, "sr_Latn"), FORMAT_POLICIES[policy][0])
    gate = set(gate_rejections(config_path, capsys))
    assert len(gate) == {"fail": 6, "report": 6, "ignore": 0, "exempt": 4}[policy]
    config = load_config(config_path)
    severity = load_policies(config).judge(FORMAT, "sr_Latn")
    queue = load_queue(config, load_site(config), "sr_Latn", format_severity=severity)
    todo = queue.filtered(QueueFilter())
    assert {queue.items[n].source for n in todo if queue.badge_of(n) == CHECK} == gate
    assert asyncio.run(_listed_as_check(config_path)) == gate


async def _listed_as_check(config_path: Path) -> set[str]:
    """The English of the rows the TUI's queue shows with the badge `check`, once checked."""
    app = create_app(config_path, "sr_Latn", open_editor=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await until(pilot, lambda: screen.checked)
        rows = screen.query_one(QueueList)
        return {
            item.source
            for item, badge in zip(rows.items, rows.badges, strict=True)
            if badge == CHECK
        }
