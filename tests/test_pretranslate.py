"""`l10n pretranslate` end to end: the CLI, a copy of the bundled site, a real local server.

The server (tests/libretranslate_server.py) speaks the LibreTranslate API with a deterministic
pseudo-translation; the real deep-translator client reaches it through L10N_LIBRE_URL.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest

from l10n.cli.main import main
from l10n.cli.progress import Progress
from l10n.config import load_config
from l10n.glossary import load_glossary
from l10n.model import State
from l10n.mt import parse_mt_config
from l10n.mt.pretranslate import accept_entry
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.editing import EntryText, accepted, save_entry, snapshot
from l10n.po.review import (
    TM_NOTE,
    is_review_note,
    machine_note,
    with_review_note,
    without_review_note,
)
from l10n.states import state_of
from tests.conftest import REPO, pristine_site, snapshot_files
from tests.libretranslate_server import Behaviour, LibreTranslateServer, pseudo_translate

NOTE = machine_note("libre")
ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


@pytest.fixture
def site(site_dir: Path) -> Path:
    """The bundled site with quick retries (tests must not sleep for seconds)."""
    set_mt(site_dir, backoff_base=0.01, backoff_max=0.05)
    return site_dir


@pytest.fixture
def libre(monkeypatch: pytest.MonkeyPatch) -> Iterator[LibreTranslateServer]:
    with LibreTranslateServer() as server:
        monkeypatch.setenv("L10N_LIBRE_URL", server.url)
        yield server


def set_mt(site: Path, **values: object) -> None:
    """Set keys of the `mt:` section in the site's config.yaml (replacing those present)."""
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf"(?m)^  {key}:.*\n", "", text)
        text = text.replace("\nmt:\n", f"\nmt:\n  {key}: {json.dumps(value)}\n", 1)
    config.write_text(text, encoding="utf-8")


def l10n(site: Path, *args: str) -> int:
    return main(["-c", str(site / "config.yaml"), *args])


def po(site: Path, language: str, domain: str) -> Path:
    return site / "catalogs" / language / "LC_MESSAGES" / f"{domain}.po"


def entries(path: Path) -> list[polib.POEntry]:
    return [entry for entry in read_catalog(path) if not entry.obsolete and entry.msgid]


def status(site: Path, capsys: pytest.CaptureFixture[str], language: str) -> dict[str, Any]:
    capsys.readouterr()
    assert l10n(site, "status", "--format", "json", "--lang", language) == 0
    numbers: dict[str, Any] = json.loads(capsys.readouterr().out)["languages"][language]
    return numbers


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


DNT = load_glossary(REPO / "glossary.yaml").dnt_forms()


def is_machine_translated(entry: polib.POEntry, language: str = "sv") -> bool:
    """Needs-review with the provider's note and, where no term was protected from the
    pseudo-translation (which would accent it), exactly the machine's text."""
    plain = not any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", entry.msgid) for term in DNT)
    return (
        state_of(entry) is State.NEEDS_REVIEW
        and entry.previous_msgid is None
        and entry.tcomment.splitlines()[-1] == NOTE
        and bool(entry.msgstr)
        and (not plain or entry.msgstr == pseudo_translate(entry.msgid, language))
    )


def test_fills_the_swedish_menu_as_needs_review(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    ui_before = po(site, "sv", "ui").read_bytes()
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    out, err = capsys.readouterr()
    menu = entries(po(site, "sv", "menu"))
    as_is = sum(e.msgstr == e.msgid for e in menu)  # names: nothing to translate
    assert as_is >= 1
    assert out == f"sv: saved {len(menu)} units as needs-review (provider libre): " + (
        f"translated {len(menu) - as_is}, from cache 0, failed 0, "
        f"kept as is {as_is} (nothing to translate)\n"
    )
    texts = len({entry.msgid for entry in menu})
    assert f"pretranslate sv (libre): {texts}/{texts} (100%)" in err
    assert all(is_machine_translated(entry) for entry in menu)
    our_work = next(e for e in menu if e.msgctxt == "header:/discover-civis-alliance/our-work")
    assert our_work.msgstr == "[sv] Óúr wórk"
    discover = next(e for e in menu if e.msgctxt == "header:/discover-civis-alliance")
    assert discover.flags == ["fuzzy", "max-length:20"]
    assert po(site, "sv", "ui").read_bytes() == ui_before
    numbers = status(site, capsys, "sv")
    assert numbers["kinds"]["menu"]["needs_review"] == numbers["kinds"]["menu"]["total"]
    assert numbers["kinds"]["menu"]["missing"] == 0
    assert numbers["kinds"]["ui"]["needs_review"] == 0
    assert l10n(site, "sync", "--check") == 0  # what pretranslate writes is stable under sync


def test_a_rerun_sends_no_request(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    original = po(site, "sv", "menu").read_bytes()
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    filled = po(site, "sv", "menu").read_bytes()
    sent = libre.requests
    assert sent > 0
    capsys.readouterr()
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    assert capsys.readouterr().out == "sv: nothing to translate (no missing units)\n"
    # The same units missing again (the catalog reverted): answered by the cache alone.
    po(site, "sv", "menu").write_bytes(original)
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    menu = entries(po(site, "sv", "menu"))
    as_is = sum(e.msgstr == e.msgid for e in menu)
    assert f"translated 0, from cache {len(menu) - as_is}, failed 0, kept as is {as_is}" in (
        capsys.readouterr().out
    )
    assert libre.requests == sent
    assert without_date(po(site, "sv", "menu").read_bytes()) == without_date(filled)


def without_date(data: bytes) -> bytes:
    return re.sub(rb'"PO-Revision-Date: [^"]*"\n', b"", data)


def test_429_then_200_ends_in_success(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    libre.behaviour = Behaviour(fail_first=3, fail_status=429, retry_after="0")
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu", "--limit", "4") == 0
    assert "translated 4, from cache 0, failed 0" in capsys.readouterr().out
    assert libre.requests == 4 + 3
    assert sum(state_of(e) is State.NEEDS_REVIEW for e in entries(po(site, "sv", "menu"))) == 4


def test_no_server_listening_changes_no_catalog(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("L10N_LIBRE_URL", closed_port_url())
    before = snapshot_files(site / "catalogs")
    started = time.monotonic()
    assert l10n(site, "pretranslate", "--lang", "sv") == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert re.search(r"l10n: error: .*config\.yaml: libre: cannot connect to http://127", err)
    assert "l10n: no catalog was changed" in err
    assert snapshot_files(site / "catalogs") == before


def test_a_server_that_never_answers_times_out(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    set_mt(site, timeout=1)
    libre.behaviour = Behaviour(hang=True)
    before = snapshot_files(site / "catalogs")
    started = time.monotonic()
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 2
    assert time.monotonic() - started < 1 + 3
    err = capsys.readouterr().err
    assert "libre: no answer within 1 s" in err
    assert "l10n: no catalog was changed" in err
    assert snapshot_files(site / "catalogs") == before


class HangsAfter(LibreTranslateServer):
    """Answers the first `count` requests, then never answers again."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.answered = count

    def count(self, params: dict[str, str]) -> tuple[bool, Behaviour]:
        failing, behaviour = super().count(params)
        if len(self.received) > self.answered:
            return failing, Behaviour(hang=True)
        return failing, behaviour


def test_a_later_provider_failure_keeps_what_finished(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    set_mt(site, timeout=1, concurrency=2)
    with HangsAfter(10) as server:
        monkeypatch.setenv("L10N_LIBRE_URL", server.url)
        assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 2
    out, err = capsys.readouterr()
    menu = entries(po(site, "sv", "menu"))
    done = [entry for entry in menu if state_of(entry) is State.NEEDS_REVIEW]
    assert 10 <= len(done) < len(menu)
    assert f"sv: saved {len(done)} units as needs-review" in out
    assert "libre: no answer within 1 s" in err
    assert f"l10n: {len(done)} units finished before the failure were saved" in err
    assert all(state_of(e) is State.MISSING for e in menu if e not in done)


def test_ctrl_c_keeps_the_units_that_finished(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    set_mt(site, concurrency=2)
    libre.behaviour = Behaviour(latency=0.05)

    def press_ctrl_c_after_six_requests() -> None:
        while libre.requests < 6:
            time.sleep(0.005)
        os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press_ctrl_c_after_six_requests)
    presser.start()
    code = l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu")
    presser.join()
    assert code == 130
    err = capsys.readouterr().err
    assert "l10n: stopping: no new request starts" in err
    menu = entries(po(site, "sv", "menu"))
    done = [entry for entry in menu if state_of(entry) is State.NEEDS_REVIEW]
    assert 6 <= len(done) < len(menu) // 2
    assert f"l10n: interrupted: {len(done)} units saved" in err
    assert all(is_machine_translated(e) for e in done)
    # A rerun asks only for what was not finished.
    sent = libre.requests
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    assert libre.requests - sent == len(menu) - len(done) - duplicates(menu)
    assert all(state_of(e) is State.NEEDS_REVIEW for e in entries(po(site, "sv", "menu")))


def test_ctrl_c_while_the_server_hangs_keeps_what_finished(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    set_mt(site, timeout=1, concurrency=2)
    with HangsAfter(6) as server:
        monkeypatch.setenv("L10N_LIBRE_URL", server.url)

        def press_ctrl_c_when_it_hangs() -> None:
            while len(server.received) < 8:  # both workers wait for an answer
                time.sleep(0.005)
            os.kill(os.getpid(), signal.SIGINT)

        presser = threading.Thread(target=press_ctrl_c_when_it_hangs)
        presser.start()
        started = time.monotonic()
        code = l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu")
        presser.join()
    assert code == 130
    assert time.monotonic() - started < 1 + 3
    err = capsys.readouterr().err
    assert "(timeout 1 s)" in err and "libre: no answer within 1 s" in err
    menu = entries(po(site, "sv", "menu"))
    done = [entry for entry in menu if state_of(entry) is State.NEEDS_REVIEW]
    assert 6 <= len(done) < len(menu) // 2
    assert all(is_machine_translated(e) for e in done)
    assert f"l10n: interrupted: {len(done)} units saved" in err


def duplicates(menu: list[polib.POEntry]) -> int:
    """Entries whose English another entry already has (one request serves both)."""
    return len(menu) - len({entry.msgid for entry in menu})


def test_markdown_links_and_do_not_translate_terms_survive(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    article = site / "content" / "articles" / f"{ARTICLE}.md"
    paragraph = (
        "Apply to the [CIVIS Hub](https://civis.eu/en/hubs) of "
        "Aix-Marseille Université before {date}."
    )
    article.write_text(article.read_text(encoding="utf-8") + f"\n{paragraph}\n", "utf-8")
    assert l10n(site, "sync") == 0
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "article") == 0
    saved = {e.msgid: e for e in entries(po(site, "sv", f"articles/{ARTICLE}"))}
    assert saved[paragraph].msgstr == (
        "[sv] Ápply tó thé [CIVIS Hub](https://civis.eu/en/hubs) óf "
        "Aix-Marseille Université béfóré {date}."
    )
    sent = next(r["q"] for r in libre.received if r["q"].startswith("Apply"))
    assert "civis.eu" not in sent and "CIVIS" not in sent
    assert "Aix-Marseille" not in sent  # a do-not-translate term of glossary.yaml


def test_protection_failures_are_listed_and_not_saved(
    site: Path,
    libre: LibreTranslateServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    libre.behaviour = Behaviour(drop_token=True)
    monkeypatch.chdir(site)
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 1
    out, err = capsys.readouterr()
    path = po(site, "sv", "menu")
    lines = path.read_text(encoding="utf-8").splitlines()
    failed = [e for e in entries(path) if state_of(e) is State.MISSING]
    assert failed  # the engine dropped a protected term (such as "CIVIS")
    assert all(e.tcomment == "" for e in failed)
    reported = re.findall(r"(?m)^catalogs/sv/LC_MESSAGES/menu\.po:(\d+): mt: (.*)$", err)
    assert len(reported) == len(failed)
    for (line, message), entry in zip(reported, failed, strict=True):
        assert lines[int(line) - 1] == f'msgid "{entry.msgid}"'
        assert re.fullmatch(r"protection failure: token 1 \('[^']+'\) lost", message)
    assert f"failed {len(failed)}" in out


def test_text_a_person_wrote_is_never_touched(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = sorted((site / "catalogs" / "ro").rglob("*.po"))
    before = {path: blocks(path) for path in paths}
    written = {
        path: {e.msgid for e in entries(path) if state_of(e) is not State.MISSING} for path in paths
    }
    counts = status(site, capsys, "ro")
    assert counts["translated"] > 0
    assert l10n(site, "pretranslate", "--lang", "ro") == 0
    for path in paths:
        after = blocks(path)
        changed = [block for block in before[path][1:] if block not in after]
        assert all(is_empty_entry(block) for block in changed), path
        assert written[path] <= {e.msgid for e in entries(path) if state_of(e) is not State.MISSING}
    now = status(site, capsys, "ro")
    assert (now["translated"], now["stale"]) == (counts["translated"], counts["stale"])
    assert now["needs_review"] == counts["needs_review"] + counts["missing"]


def blocks(path: Path) -> list[str]:
    """The file's entries as written (header first), separated by blank lines."""
    return path.read_text(encoding="utf-8").split("\n\n")


def is_empty_entry(block: str) -> bool:
    return all(
        line.endswith('""') for line in block.splitlines() if line.startswith("msgstr")
    ) and not any(line.startswith('"') for line in block.splitlines())


def test_a_translator_saving_meanwhile_wins(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    set_mt(site, concurrency=1)
    libre.behaviour = Behaviour(latency=0.02)
    path = po(site, "sv", "menu")
    last = entries(path)[-1]
    key = (last.msgctxt, last.msgid)

    def translator_saves_the_last_entry() -> None:
        while libre.requests < 3:
            time.sleep(0.005)
        save_entry(path, key, EntryText(("",)), EntryText(("Min text",)))

    translator = threading.Thread(target=translator_saves_the_last_entry)
    translator.start()
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 0
    translator.join()
    assert "skipped 1 (filled by someone else meanwhile)" in capsys.readouterr().out
    mine = next(e for e in entries(path) if (e.msgctxt, e.msgid) == key)
    assert (mine.msgstr, mine.flags, mine.tcomment) == ("Min text", [], "")


@needs_msgfmt
def test_msgfmt_accepts_the_result(site: Path, libre: LibreTranslateServer) -> None:
    assert l10n(site, "pretranslate", "--lang", "sv") == 0
    for path in sorted((site / "catalogs" / "sv").rglob("*.po")):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and not result.stderr, (path, result.stderr)


def test_plural_units_get_both_forms(site: Path, libre: LibreTranslateServer) -> None:
    assert l10n(site, "pretranslate", "--lang", "ro", "--kind", "ui") == 0
    plural = next(e for e in entries(po(site, "ro", "ui")) if e.msgid_plural)
    assert (plural.msgid, plural.msgid_plural) == ("{count} article", "{count} articles")
    assert plural.msgstr_plural == {
        0: "[ro] {count} ártíclé",
        1: "[ro] {count} ártíclés",
        2: "[ro] {count} ártíclés",
    }
    assert state_of(plural) is State.NEEDS_REVIEW


def test_dry_run_sends_nothing_and_writes_nothing(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot_files(site / "catalogs")
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu", "ui", "--dry-run") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("catalogs/sv/LC_MESSAGES/menu.po: 52 units, 170 words")
    assert out[1].endswith("catalogs/sv/LC_MESSAGES/ui.po: 35 units, 102 words")
    assert out[2].startswith("sv: would translate 87 units: ")
    assert out[2].endswith("with libre (libretranslate); nothing was sent")
    assert libre.requests == 0
    assert snapshot_files(site / "catalogs") == before
    assert not (site / ".l10n-cache" / "mt.sqlite3").exists()


def test_limit_translates_the_first_units_in_queue_order(
    site: Path, libre: LibreTranslateServer
) -> None:
    assert l10n(site, "pretranslate", "--lang", "de", "--limit", "3") == 0
    menu = entries(po(site, "de", "menu"))
    assert [state_of(e) for e in menu[:4]] == [State.NEEDS_REVIEW] * 3 + [State.MISSING]
    assert all(state_of(e) is State.MISSING for e in entries(po(site, "de", "ui")))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--provider", "deepl"], "no provider named 'deepl'"),
        (["--lang", "xx"], "unknown language 'xx'"),
    ],
)
def test_bad_usage_is_exit_2(
    site: Path,
    libre: LibreTranslateServer,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    before = snapshot_files(site / "catalogs")
    assert l10n(site, "pretranslate", "--lang", "sv", *args) == 2
    assert message in capsys.readouterr().err
    assert snapshot_files(site / "catalogs") == before
    assert libre.requests == 0


def test_no_mt_section_is_a_clear_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("\nmt:\n")
    end = text.index("\n# The build gate")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    assert l10n(site, "pretranslate", "--lang", "sv") == 2
    assert "no 'mt' section" in capsys.readouterr().err


def test_accepting_a_machine_translation_removes_its_note(
    site: Path, libre: LibreTranslateServer
) -> None:
    path = po(site, "sv", "menu")
    catalog = read_catalog(path)
    first = next(e for e in catalog if e.msgid and not e.obsolete)
    first.tcomment = "Checked against the print brochure."
    write_catalog(catalog, path)
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu", "--limit", "1") == 0
    catalog = read_catalog(path)
    entry = next(e for e in catalog if e.msgid == first.msgid and e.msgctxt == first.msgctxt)
    assert entry.tcomment == f"Checked against the print brochure.\n{NOTE}"
    accept_entry(entry)
    assert state_of(entry) is State.TRANSLATED
    assert entry.tcomment == "Checked against the print brochure."
    assert entry.msgstr == pseudo_translate(entry.msgid, "sv")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere() -> None:
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = Progress("pretranslate sv (libre)", stream)
        for done in range(1, 101):
            progress.update(done, 100)
        progress.close()
    drawn = terminal.getvalue()
    assert "pretranslate sv (libre)" in drawn and "100/100" in drawn and "100%" in drawn
    assert "\n" in drawn  # the finished bar stays, on a line of its own
    lines = log.getvalue().splitlines()
    assert len(lines) == 11 and "\r" not in log.getvalue() and "\x1b" not in log.getvalue()
    assert lines[-1].startswith("pretranslate sv (libre): 100/100 (100%)")


def test_review_notes_are_replaced_and_removed_alone() -> None:
    comment = f"Checked by the press office.\n{TM_NOTE}"
    assert with_review_note(comment, NOTE) == f"Checked by the press office.\n{NOTE}"
    assert without_review_note(f"{NOTE}\nKeep short.") == "Keep short."
    assert without_review_note(machine_note("deepl")) == ""
    assert is_review_note(machine_note("my (odd) name"))
    assert not is_review_note("Machine translation is forbidden here: review it.")


def test_several_languages_one_after_the_other(
    site: Path, libre: LibreTranslateServer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("pretranslate", "--lang", "de", "fr", "--kind", "menu", "--limit", "2")
    assert l10n(site, *args) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == ["de", "fr"]
    for language in ("de", "fr"):
        menu = entries(po(site, language, "menu"))
        assert [state_of(e) for e in menu[:3]] == [State.NEEDS_REVIEW] * 2 + [State.MISSING]
    assert [r["target"] for r in libre.received] == ["de", "de", "fr", "fr"]


def add_provider_lines(site: Path, after: str, lines: str) -> None:
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.count(after) == 1
    config.write_text(text.replace(after, after + lines), encoding="utf-8")


def test_a_missing_api_key_is_named_and_changes_nothing(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    add_provider_lines(
        site, "  providers:\n", "    deepl: {engine: deepl, api_key_env: DEEPL_API_KEY}\n"
    )
    before = snapshot_files(site / "catalogs")
    assert l10n(site, "pretranslate", "--lang", "sv", "--provider", "deepl") == 2
    err = capsys.readouterr().err
    assert "deepl: environment variable DEEPL_API_KEY is not set" in err
    assert "l10n: no catalog was changed" in err
    assert snapshot_files(site / "catalogs") == before


def test_a_refused_api_key_never_shows(
    site: Path,
    libre: LibreTranslateServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    libre.behaviour = Behaviour(api_key="the-right-key")
    monkeypatch.setenv("TEST_LIBRE_KEY", "a-wrong-secret-key")
    add_provider_lines(
        site, 'url: "http://127.0.0.1:5000/"\n', "      api_key_env: TEST_LIBRE_KEY\n"
    )
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu") == 2
    out, err = capsys.readouterr()
    assert "libre: the server refused the API key (HTTP 403); check TEST_LIBRE_KEY" in err
    assert "a-wrong-secret-key" not in out + err
    assert libre.received[0]["api_key"] == "a-wrong-secret-key"


def test_accepting_in_the_tui_removes_the_machine_note(
    site: Path, libre: LibreTranslateServer
) -> None:
    """The TUI saves through l10n.po.editing.save_entry with `accepted(...)`."""
    assert l10n(site, "pretranslate", "--lang", "sv", "--kind", "menu", "--limit", "1") == 0
    path = po(site, "sv", "menu")
    entry = entries(path)[0]
    base = snapshot(entry)
    save_entry(path, (entry.msgctxt, entry.msgid), base, accepted(base))
    saved = entries(path)[0]
    assert state_of(saved) is State.TRANSLATED
    assert NOTE not in saved.tcomment


def test_the_bundled_config_has_a_libre_provider_the_environment_can_move() -> None:
    config = load_config(pristine_site() / "config.yaml")
    section = config.section("mt")
    bundled = parse_mt_config(section, config.path, {})
    assert bundled.default == "libre"
    assert bundled.providers["libre"].engine == "libretranslate"
    assert bundled.providers["libre"].url == "http://127.0.0.1:5000/"
    moved = parse_mt_config(section, config.path, {"L10N_LIBRE_URL": "http://mt.example:8080"})
    assert moved.providers["libre"].url == "http://mt.example:8080/"
