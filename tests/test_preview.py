"""`l10n preview`: a page as a reader of one language sees it, equal to what export gives."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from l10n.cli.main import main
from l10n.render.preview import NO_WORDS
from tests.test_queue_rejected import humanize_site
from tests.test_report_html import CHROMIUM, chromium

AIX = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"
PROBE = "<script>alert(1)</script>"


def preview(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main(["-c", str(site / "config.yaml"), "preview", *args]) == 0
    return capsys.readouterr().out


def by_source(page: dict[str, Any], source: str) -> list[dict[str, Any]]:
    return [item for item in page["items"] if item["source"] == source]


def test_the_romanian_article_page_as_the_seed_shows_it(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = json.loads(preview(site_dir, capsys, "--lang", "ro", AIX, "--format", "json"))
    assert page["page"] == AIX and page["language"] == "ro"
    (discover,) = by_source(page, "Discover")
    assert (discover["text"], discover["state"], discover["region"]) == (
        "Descoperiți", "translated", "header",
    )  # fmt: skip
    for copy in ("CIVIS Association", "Staff weeks & Job Shadowing"):
        (item,) = by_source(page, copy)
        assert item["state"] == "copy" and item["text"] == copy
        assert item["path"] == "catalogs/ro/LC_MESSAGES/menu.po" and item["line"] > 0
    for english in ("Related news", "Social networks"):
        (item,) = by_source(page, english)
        assert (item["state"], item["reason"], item["text"]) == ("fallback", "missing", english)
    press = by_source(page, "Press corner & branding")
    assert sorted(item["text"] for item in press) == [
        "Secțiune pentru presă și branding", "Zona de presă și branding",
    ]  # fmt: skip
    assert {item["state"] for item in press} == {"inconsistent"}
    assert {item["region"] for item in press} == {"header", "footer"}
    body = [item for item in page["items"] if item["region"] == "article"]
    paragraphs = [item for item in body if item["identity"] == AIX]
    assert paragraphs and all(item["state"] == "fallback" for item in paragraphs)
    dates = [item for item in body if item["identity"] == "month.february"]
    assert [item["text"] for item in dates] == ["21 februarie 2022"]
    related = [item for item in page["items"] if item["region"] == "related"]
    assert [item["text"] for item in related if item["identity"].startswith("month.")] == [
        "12 mai 2026", "11 mai 2026", "7 mai 2026",
    ]  # fmt: skip
    titles = [item for item in related if item["identity"].endswith(":title")]
    assert [item["state"] for item in titles] == ["translated", "fallback", "fallback"]
    assert 0 < page["coverage"] < 100
    assert page["words_in_language"] < page["words"]


def flatten(items: list[dict[str, Any]]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for item in items:
        labels[item["id"]] = item["label"]
        for name in ("children", "featured"):
            labels.update(flatten(item.get(name, [])))
    return labels


@pytest.mark.parametrize("language", ["ro", "de"])
def test_what_preview_shows_is_what_export_gives(
    site_dir: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    page = json.loads(preview(site_dir, capsys, "--lang", language, AIX, "--format", "json"))
    out = site_dir / "out"
    assert main(["-c", str(site_dir / "config.yaml"), "export", "-o", str(out),
                 "--lang", language]) == 0  # fmt: skip
    content = out / "content" / language
    menus = yaml.safe_load((content / "menus.yaml").read_text(encoding="utf-8"))
    labels = {key: value for items in menus.values() for key, value in flatten(items).items()}
    ui = yaml.safe_load((content / "ui.yaml").read_text(encoding="utf-8"))
    checked = 0
    for item in page["items"]:
        if item["domain"] == "menu":
            assert labels[item["identity"]] == item["text"]
        elif item["domain"] == "ui" and item["identity"].startswith("month."):
            assert re.fullmatch(rf"\d+ {re.escape(ui[item['identity']])} \d{{4}}", item["text"])
        elif item["domain"] == "ui":
            assert ui[item["identity"]] == item["text"]
        else:
            slug = item["domain"].removeprefix("articles/")
            article = (content / "articles" / f"{slug}.md").read_text(encoding="utf-8")
            assert item["text"] in article
        checked += 1
    assert checked == len(page["items"]) > 80


def test_text_marks_leftovers_without_colour(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = preview(site_dir, capsys, "--lang", "ro", AIX)
    assert "    EN Related news  (catalogs/ro/LC_MESSAGES/ui.po:" in text
    assert "    =E CIVIS Association  (catalogs/ro/LC_MESSAGES/menu.po:" in text
    assert "    ≠  Zona de presă și branding" in text
    assert "       Descoperiți\n" in text
    assert "\x1b" not in text


def test_pages_and_unknown_ones(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = preview(site_dir, capsys, "--lang", "ro", "--list").split()
    assert names[:2] == ["home", "newsroom"] and AIX in names
    newsroom = json.loads(preview(site_dir, capsys, "--lang", "sv", "newsroom", "--format", "json"))
    assert len([i for i in newsroom["items"] if i["identity"].endswith(":title")]) == 6
    assert main(["-c", str(site_dir / "config.yaml"), "preview", "--lang", "ro", "no-such"]) == 2
    assert "no page 'no-such'" in capsys.readouterr().err


def test_the_pages_are_listed_without_a_language_as_the_error_says(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`l10n preview` without a page says `--list lists them`: that lists them, with or
    without --lang; a page still needs the reader's language (exit 2, nothing shown)."""
    config = str(site_dir / "config.yaml")
    assert main(["-c", config, "preview"]) == 2
    assert "(--list lists them)" in capsys.readouterr().err
    names = preview(site_dir, capsys, "--list").split()
    assert names == preview(site_dir, capsys, "--lang", "ro", "--list").split()
    assert names[:2] == ["home", "newsroom"] and AIX in names
    assert main(["-c", config, "preview", AIX]) == 2
    captured = capsys.readouterr()
    assert "--lang L" in captured.err and captured.out == ""


def test_html_escapes_catalog_text_and_shows_in_chromium(
    site_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = site_dir / "catalogs/ro/LC_MESSAGES/ui.po"
    text = catalog.read_text(encoding="utf-8")
    marker = 'msgid "Social networks"\nmsgstr ""'
    assert marker in text
    catalog.write_text(text.replace(marker, f'msgid "Social networks"\nmsgstr "Rețele {PROBE}"'))
    target = tmp_path / "page.html"
    preview(site_dir, capsys, "--lang", "ro", AIX, "--format", "html", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "Rețele &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page
    assert page.count('class="s-fallback"') > 10
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed")
    dom = chromium("--dump-dom", target.as_uri(), profile=tmp_path / "profile").stdout
    assert "Rețele &lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script>" not in dom
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", "--window-size=1000,2000", target.as_uri(),
             profile=tmp_path / "profile")  # fmt: skip
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("language", ["ro", "sv"])
def test_the_badge_is_svg_with_the_reports_number(
    site_dir: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    import xml.etree.ElementTree as ET

    config = str(site_dir / "config.yaml")
    assert main(["-c", config, "report", "--format", "badge", "--lang", language]) == 0
    svg = capsys.readouterr().out
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [node.text for node in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[0] == f"translated {language}"
    assert main(["-c", config, "report", "--format", "json", "--lang", language]) == 0
    counts = json.loads(capsys.readouterr().out)["languages"][language]
    coverage = 100 * (counts["translated"] - counts["copies"]) / counts["total"]
    assert texts[1] == f"{round(coverage)}%"
    assert main(["-c", config, "report", "--format", "badge"]) == 2
    assert "--lang" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["home", "newsroom"])
def test_a_page_with_no_words_is_not_called_translated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Django's humanize adopted as it is has no content files: its home and newsroom have no
    words to read. Preview said "100% of the words a reader sees are in de" and JSON 100.0;
    it says there is nothing to read, JSON null, as the report leaves such pages out."""
    config = str(humanize_site(tmp_path, "pt_BR"))
    assert main(["-c", config, "preview", "--lang", "pt_BR", name]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == f"{name} (pt_BR): {NO_WORDS}" and "%" not in text
    assert main(["-c", config, "preview", "--lang", "pt_BR", name, "--format", "json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert (page["words"], page["coverage"]) == (0, None)
    assert main(["-c", config, "preview", "--lang", "pt_BR", name, "--format", "html"]) == 0
    heading = capsys.readouterr().out.split("<h1>")[1].split("</h1>")[0]
    assert NO_WORDS in heading and "%" not in heading
    assert main(["-c", config, "report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["reader"]["pages"] == []
