"""`l10n check` with its cache: a warm run answers exactly what a cold one does.

The whole answer is kept under a digest of every file the check reads (l10n/gate/cache.py);
any change to a catalog, to the content, to config.yaml (its `checks:` and policies) or to
the glossary must give the uncached answer. Not timed: speed is measured by bench/run.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.cache.store import ENV_DISABLE, SUFFIX, Cache, committed
from l10n.cli.main import main
from l10n.config import load_config
from l10n.gate import scan
from l10n.gate.cache import CheckAnswer, answered


def check_json(site: Path, tmp_path: Path) -> str:
    """The JSON `l10n check` writes for the site."""
    out = tmp_path / "check.json"
    main(["-c", str(site / "config.yaml"), "check", "--format", "json", "-o", str(out)])
    return out.read_text(encoding="utf-8")


def cold_json(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setenv(ENV_DISABLE, "1")
        return check_json(site, tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, keeping its modification time (a stale stat must not hit)."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def translation_changed(site: Path) -> None:
    # one of two translations of "Press corner & branding": the inconsistency goes away
    edit(
        site / "catalogs/ro/LC_MESSAGES/menu.po",
        'msgstr "Secțiune pentru presă și branding"',
        'msgstr "Zona de presă și branding"',
    )


def translation_broken(site: Path) -> None:
    path = site / "catalogs/ro/LC_MESSAGES/ui.po"
    text = path.read_text(encoding="utf-8")
    start = text.index('msgstr "', text.index("\nmsgid ")) + len('msgstr "')
    while text[start] == '"':  # the first entry with a translation
        start = text.index('msgstr "', start) + len('msgstr "')
    edit(path, text[start : text.index('"', start)], "{name} [x](")


def glossary_term(site: Path) -> None:
    term = '  - term: Press\n    translations:\n      "ro": [Nimic]\n'
    edit(site / "glossary.yaml", "terms:\n", "terms:\n" + term)


def checks_disabled(site: Path) -> None:
    edit(site / "config.yaml", "  # disable: [numbers]\n", "  disable: [inconsistent]\n")


def checks_max_length(site: Path) -> None:
    edit(site / "config.yaml", "max_length: {menu: 40}", "max_length: {menu: 8}")


def content_changed(site: Path) -> None:
    # the English of a menu label: its catalogs are out of date, its translations stale
    edit(site / "content/menus.yaml", "  - label: Discover\n", "  - label: Discovery\n")


def stray_catalog(site: Path) -> None:
    # a catalog whose article is gone: sync would mark it obsolete
    (site / "catalogs/de/LC_MESSAGES/articles/gone.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Gone"\nmsgstr "Weg"\n',
        encoding="utf-8",
    )


def policy_changed(site: Path) -> None:
    edit(site / "config.yaml", "    fail: []\n", "    fail: [missing]\n")


CHANGES = [
    content_changed,
    stray_catalog,
    policy_changed,
    translation_changed,
    translation_broken,
    glossary_term,
    checks_disabled,
    checks_max_length,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_any_change_gives_the_uncached_answer(
    site_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], None],
) -> None:
    warm = check_json(site_dir, tmp_path)
    assert check_json(site_dir, tmp_path) == warm  # now from the cache
    assert (site_dir / ".l10n-cache" / "core" / "check").is_dir()
    change(site_dir)
    changed = check_json(site_dir, tmp_path)
    assert changed == cold_json(site_dir, tmp_path, monkeypatch)
    assert changed != warm
    assert check_json(site_dir, tmp_path) == changed  # and again, from the cache


def test_warm_check_equals_cold_check_exactly(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = cold_json(site_dir, tmp_path, monkeypatch)
    assert '"inconsistent"' in cold and '"end-punctuation"' in cold
    assert check_json(site_dir, tmp_path) == cold  # filling the cache
    assert check_json(site_dir, tmp_path) == cold  # from the cache
    for path in (site_dir / ".l10n-cache" / "core").rglob("*" + SUFFIX):
        path.write_bytes(path.read_bytes()[:100])  # corrupt: misses
    assert check_json(site_dir, tmp_path) == cold
    shutil.rmtree(site_dir / ".l10n-cache")
    assert check_json(site_dir, tmp_path) == cold


def test_checking_in_worker_processes_gives_the_same_answer(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = cold_json(site_dir, tmp_path, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(scan, "PARALLEL_MINIMUM", 1)
        assert cold_json(site_dir, tmp_path, monkeypatch) == cold
        assert check_json(site_dir, tmp_path) == cold  # filling the cache
    assert check_json(site_dir, tmp_path) == cold


def answer_recomputed(site: Path, tmp_path: Path) -> str:
    """`l10n check` without its whole-answer cache: the scan of each domain may be kept."""
    shutil.rmtree(site / ".l10n-cache" / "core" / "check", ignore_errors=True)
    return check_json(site, tmp_path)


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "workers"])
@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_kept_scans_of_unchanged_domains_give_the_uncached_answer(
    site_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], None],
    workers: bool,
) -> None:
    if workers:
        monkeypatch.setattr(scan, "PARALLEL_MINIMUM", 1)
    scans = site_dir / ".l10n-cache" / "core" / scan.NAMESPACE
    first = answer_recomputed(site_dir, tmp_path)  # the first check here keeps no scan
    kept_first = len(list(scans.rglob("*" + SUFFIX)))
    assert answer_recomputed(site_dir, tmp_path) == first  # the second keeps them all
    kept = len(list(scans.rglob("*" + SUFFIX)))
    assert kept_first == 1 and kept > 5  # the mark, and one scan per domain
    change(site_dir)
    changed = answer_recomputed(site_dir, tmp_path)  # unchanged domains from the kept scans
    assert changed == cold_json(site_dir, tmp_path, monkeypatch)
    assert changed != first
    assert answer_recomputed(site_dir, tmp_path) == changed  # every domain kept now


def test_a_kept_report_comes_back_whole_in_pieces_of_bounded_size() -> None:
    """The report is written from the compressed answer piece by piece: every piece at most
    `size` bytes of UTF-8 and the end of a character the piece before cut (up to 3 bytes:
    a character is never broken), and the pieces together exactly the report."""
    lines = [f"catalogs/el/x.po:{n}: warning: Ελληνικά 🙂 «{n * 'ä'}»\n" for n in range(3000)]
    answer = CheckAnswer.of(lines, False, 1, 2)
    pieces = list(answer.report_parts(size=1000))
    assert "".join(pieces) == "".join(lines) == answer.report
    assert max(len(piece.encode("utf-8")) for piece in pieces) <= 1000 + 3
    assert len("".join(lines).encode("utf-8")) > 100 * 1000


def test_an_answer_computed_while_a_catalog_changes_is_not_kept(site_dir: Path) -> None:
    """On a cold cache the files are hashed while the check runs: an edit meanwhile (even
    one that keeps the modification time) leaves nothing kept; without one, it is kept."""
    config = load_config(site_dir / "config.yaml")
    asked = (("ro",), ("ui",), "text")
    answer = CheckAnswer.of(["a report\n"], False, 1, 0)
    computed: list[str] = []

    def compute_editing() -> CheckAnswer:
        computed.append("editing")
        translation_broken(site_dir)
        return answer

    def compute() -> CheckAnswer:
        computed.append("plain")
        return answer

    for compute_one in (compute_editing, compute, compute):  # three commands
        with committed(Cache.of(config)) as cache:
            assert answered(config, cache, asked, compute_one) == answer
    assert computed == ["editing", "plain"]  # the third came from the cache


MENU_DE = "catalogs/de/LC_MESSAGES/menu.po"
FORMATS = ["text", "json", "github", "junit", "sarif", "markdown"]


@pytest.mark.parametrize("format_name", FORMATS)
def test_a_report_written_as_it_is_rendered_is_the_report_kept(
    site_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    format_name: str,
) -> None:
    """A cold check writes its report as it renders it (its control characters escaped),
    a warm one the report kept: the same bytes and exit status, on stdout or in a file."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    edit(site_dir / MENU_DE, 'msgid "Discover"\n', 'msgid "Disc\x1bover"\n')  # a real ESC
    checked = ["-c", str(site_dir / "config.yaml"), "check", "--format", format_name]
    cold = main(checked), capsys.readouterr().out  # rendered now, and kept
    assert "\x1b" not in cold[1] and "u001bover" in cold[1]
    assert (main(checked), capsys.readouterr().out) == cold  # the report kept
    out = tmp_path / "report"
    shutil.rmtree(site_dir / ".l10n-cache")
    assert main([*checked, "-o", str(out)]) == cold[0]
    assert out.read_text(encoding="utf-8") == cold[1]
    assert main([*checked, "-o", str(out)]) == cold[0]  # from the cache
    assert out.read_text(encoding="utf-8") == cold[1]
