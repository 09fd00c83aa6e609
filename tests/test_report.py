"""`l10n report`: the same numbers as status, the articles matrix, stale ages, effort, trend."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.config import load_config
from l10n.coverage.report import StaleItem, build_report
from l10n.render.report_html import render_report_html
from l10n.render.report_markdown import MAX_STALE_ROWS, render_report_markdown

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
JAN_1 = 1767225600  # 2026-01-01T00:00:00Z
DAY = 86400


def output(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["-c", str(site / "config.yaml"), *args]) == 0
    return capsys.readouterr().out


def commit(site: Path, message: str, when: int) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{when} +0000",
        "GIT_COMMITTER_DATE": f"@{when} +0000",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "add", "-A"], cwd=site, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=site, check=True, env=env)


def translate(site: Path, domain: str, texts: dict[str, str]) -> None:
    path = site / "catalogs/ro/LC_MESSAGES" / f"{domain}.po"
    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        if entry.msgctxt in texts:
            entry.msgstr = texts[entry.msgctxt]
    catalog.save(str(path))


def change_english(site: Path, old: str, new: str) -> None:
    menus = site / "content/menus.yaml"
    menus.write_text(
        menus.read_text(encoding="utf-8").replace(f"label: {old}\n", f"label: {new}\n"),
        encoding="utf-8",
    )
    assert main(["-c", str(site / "config.yaml"), "sync"]) == 0


def test_json_has_the_same_numbers_as_status(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(output(site_dir, capsys, "report", "--format", "json"))
    status = json.loads(output(site_dir, capsys, "status", "--format", "json"))
    assert report["languages"] == status["languages"]
    assert report["source"] == status["source"]
    assert report["effort"]["ro"] == {"all": 604, "menu": 55, "ui": 87, "article": 462}
    assert report["effort"]["de"]["all"] == status["languages"]["de"]["words_todo"]
    articles = {row["slug"]: row for row in report["articles"]}
    assert len(articles) == 6
    assert articles["european-universities-alliances-from-pilots-to-transformative-forces"][
        "coverage"
    ] == {"ro": 1.0, "de": 0.0, "fr": 0.0, "el": 0.0, "it": 0.0, "es": 0.0, "sv": 0.0}
    assert report["stale"] == []
    assert report["trend"] == []  # the copy of the site is not in git


def test_text_report_sections(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = output(site_dir, capsys, "report", "--lang", "ro", "--lang", "de")
    assert "Coverage per language and kind (strings and words)" in text
    assert "ro        all          109    45.0%    740      18.4%        604" in text
    assert "Articles x languages" in text
    assert "European Universities Alliances: from pilot… 2026-05-12  100%    0%" in text
    assert "Stale translations: 0" in text
    assert "ro      604" in text
    assert "Trend: no git history of the catalogs" in text
    assert "\nfr " not in text


@needs_git
def test_stale_list_says_how_long_and_trend_follows_history(site_dir: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=site_dir, check=True)
    commit(site_dir, "site", JAN_1)
    translate(site_dir, "ui", {"related_news": "Știri similare", "search": "Căutare"})
    commit(site_dir, "two more", JAN_1 + 5 * DAY)
    change_english(site_dir, "Our work", "Our daily work")
    commit(site_dir, "English changed", JAN_1 + 10 * DAY)
    change_english(site_dir, "Who's Who", "Who is who")  # not committed yet
    report = build_report(load_config(site_dir / "config.yaml"), now=JAN_1 + 40 * DAY)
    stale = [
        (item.language, item.identity, item.previous_source, item.days(report.now))
        for item in report.stale
    ]
    assert stale == [
        ("ro", "header:/discover-civis-alliance/our-work", "Our work", 30),
        ("ro", "header:/discover-civis-alliance/who-is-who", "Who's Who", None),
    ]
    assert report.stale[0].path == "catalogs/ro/LC_MESSAGES/menu.po"
    assert [point.time for point in report.trend] == [JAN_1, JAN_1 + 5 * DAY, JAN_1 + 10 * DAY]
    ro = [round(point.coverage["ro"] * 109) for point in report.trend]
    assert ro == [49, 51, 50]
    assert {point.coverage["de"] for point in report.trend} == {0.0}
    markdown = render_report_markdown(report)
    assert "| ro | `header:/discover-civis-alliance/our-work` | Our daily work | 30 days |" in (
        markdown
    )
    assert "not committed" in markdown
    page = render_report_html(report)
    assert page.count("<polyline") == 7
    assert '<td data-v="30">30</td>' in page


def test_markdown_is_sized_for_a_comment_and_inert(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = (
        site_dir
        / "content/articles"
        / (
            "university-of-salzburg-s-veggie-month-campaign-nominated-for-sustainability-award-2026.md"
        )
    )
    text = article.read_text(encoding="utf-8")
    start = text.index("title:")
    end = text.index("\n", start)
    article.write_text(
        text[:start] + 'title: "Veggie | <script>alert(1)</script> *month*"' + text[end:],
        encoding="utf-8",
    )
    markdown = output(site_dir, capsys, "report", "--format", "markdown")
    assert "Veggie \\| &lt;script&gt;alert(1)&lt;/script&gt; \\*month\\*" in markdown
    assert "<script>" not in markdown
    assert markdown.startswith("## Translation report: CIVIS website\n")
    assert "<details><summary>Articles × languages (6 articles)</summary>" in markdown
    assert len(markdown) < 65536  # GitHub's limit for a comment


def test_markdown_caps_a_long_stale_list(site_dir: Path) -> None:
    report = build_report(load_config(site_dir / "config.yaml"), now=JAN_1)
    report.stale = [
        StaleItem("ro", "menu", "menu", f"id{n}", "New", "Old", "p.po", n, None)
        for n in range(MAX_STALE_ROWS + 5)
    ]
    markdown = render_report_markdown(report)
    assert "…and 5 more (`l10n report` lists them all)" in markdown
    assert "`id24`" not in markdown


def merge_conflicts(site: Path, theirs: dict[str, str], ours: dict[str, str]) -> None:
    """Two branches translated the same Romanian interface strings two ways; git's merge
    driver (`l10n merge-driver`) left both in the catalog."""
    path = site / "catalogs/ro/LC_MESSAGES/ui.po"
    base, other = site / "base.po", site / "theirs.po"
    shutil.copy(path, base)
    translate(site, "ui", theirs)
    shutil.move(path, other)
    shutil.copy(base, path)
    translate(site, "ui", ours)
    assert main(["merge-driver", str(base), str(path), str(other)]) == 1


def html_table(page: str, heading: str) -> list[dict[str, str]]:
    """The rows of the table after `heading`, each by its column names."""
    table = page[page.index(f"<h2>{heading}</h2>") :]
    table = table[: table.index("</table>")]
    names = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    return [
        dict(zip(names, re.findall(r"<td[^>]*>([^<]*)</td>", row), strict=True))
        for row in re.findall(r"<tr>(<td.*?)</tr>", table)
    ]


def test_every_report_shows_the_conflicts_status_counts(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = output(site_dir, capsys, "report", "--lang", "ro")
    merge_conflicts(
        site_dir, {"menu": "Meniul", "search": "Caută"}, {"menu": "Meniu", "search": "Căutare"}
    )
    capsys.readouterr()
    status = json.loads(output(site_dir, capsys, "status", "--format", "json"))["languages"]
    assert (status["ro"]["conflicts"], status["ro"]["kinds"]["ui"]["conflicts"]) == (2, 2)
    assert status["de"]["conflicts"] == 0
    page = output(site_dir, capsys, "report", "--format", "html")
    rows = html_table(page, "Coverage per language and kind")
    shown = {(row["language"], row["kind"]): row for row in rows}
    assert len(shown) == len(rows)
    for (code, kind), row in shown.items():
        counts = status[code] if kind == "all" else status[code]["kinds"][kind]
        assert int(row["conflicts"]) == counts["conflicts"], (code, kind)
        assert int(row["review"]) == counts["needs_review"], (code, kind)
    assert shown[("ro", "ui")]["conflicts"] == "2"
    text = output(site_dir, capsys, "report", "--lang", "ro", "--lang", "de")
    heading = next(line for line in text.splitlines() if line.startswith("language "))
    assert heading.split()[4] == "conflicts" and "conflicts" not in before
    ro_ui = next(line for line in text.splitlines() if line.startswith("          ui "))
    assert ro_ui.split()[3] == "2"
    assert "\nde        all " in text
    markdown = output(site_dir, capsys, "report", "--format", "markdown")
    head, _, *lines = markdown.split("\n\n")[2].splitlines()
    column = [cell.strip() for cell in head.split("|")].index("Conflicts")
    cells = {line.split("|")[1].strip(): line.split("|")[column].strip() for line in lines}
    assert cells["**ro**"] == "2" and cells["**de**"] == "0"
