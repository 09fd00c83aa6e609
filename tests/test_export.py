"""`l10n export`: .mo files that gettext loads, translated content falling back to English."""

from __future__ import annotations

import gettext
import json
import shutil
from pathlib import Path

import polib
import pytest
import yaml

from l10n.cli.main import main
from tests.conftest import DATA

AIX = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"


def export(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["-c", str(site / "config.yaml"), "export", "-o", str(site / "out"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def edit_catalog(
    site: Path, domain: str, edits: dict[tuple[str | None, str], str], flag: str | None = None
) -> None:
    """Give entries a Romanian text (and optionally mark them fuzzy, as needing review)."""
    path = site / "catalogs/ro/LC_MESSAGES" / f"{domain}.po"
    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        if (entry.msgctxt, entry.msgid) in edits:
            entry.msgstr = edits[(entry.msgctxt, entry.msgid)]
            if flag:
                entry.flags.append(flag)
    catalog.save(str(path))


def translation(site: Path, domain: str) -> gettext.NullTranslations:
    """Load a fresh .mo (gettext.translation caches by path, and tests export twice)."""
    with (site / "out/locale/ro/LC_MESSAGES" / f"{domain}.mo").open("rb") as compiled:
        return gettext.GNUTranslations(compiled)


def test_mo_files_load_with_gettext_and_return_romanian_labels(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = export(site_dir, capsys)
    assert code == 0
    menu = gettext.translation("menu", localedir=site_dir / "out/locale", languages=["ro"])
    assert menu.pgettext("header:/discover-civis-alliance", "Discover") == "Descoperiți"
    assert menu.pgettext("header:/discover-civis-alliance/who-is-who", "Who's Who") == (
        "Cine este cine?"
    )
    assert menu.pgettext("footer:/cookie-policy", "Cookie Policy") == "Cookie Policy"
    for language in ("de", "fr", "el", "it", "es", "sv"):
        assert (site_dir / f"out/locale/{language}/LC_MESSAGES/ui.mo").is_file()
    article = gettext.translation(
        "articles/european-universities-alliances-from-pilots-to-transformative-forces",
        localedir=site_dir / "out/locale",
        languages=["ro"],
    )
    assert article.pgettext(
        "european-universities-alliances-from-pilots-to-transformative-forces:title",
        "European Universities Alliances: from pilots to transformative forces",
    ).startswith("Alianțele universitare europene")


def test_needs_review_and_stale_are_left_out_unless_asked(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_catalog(site_dir, "ui", {("related_news", "Related news"): "Știri similare"}, "fuzzy")
    export(site_dir, capsys)
    ui = translation(site_dir, "ui")
    assert ui.pgettext("related_news", "Related news") == "Related news"
    assert (
        yaml.safe_load((site_dir / "out/content/ro/ui.yaml").read_text(encoding="utf-8"))[
            "related_news"
        ]
        == "Related news"
    )
    export(site_dir, capsys, "--include-review")
    ui = translation(site_dir, "ui")
    assert ui.pgettext("related_news", "Related news") == "Știri similare"


def test_stale_translations_are_exported_only_with_include_stale(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    menus = site_dir / "content/menus.yaml"
    menus.write_text(
        menus.read_text(encoding="utf-8").replace("label: Our work\n", "label: Our daily work\n"),
        encoding="utf-8",
    )
    assert main(["-c", str(site_dir / "config.yaml"), "sync"]) == 0
    _, out, _ = export(site_dir, capsys, "--fallbacks")
    key = ("header:/discover-civis-alliance/our-work", "Our daily work")
    assert translation(site_dir, "menu").pgettext(*key) == "Our daily work"
    assert 'stale: header:/discover-civis-alliance/our-work "Our daily work"' in out
    export(site_dir, capsys, "--include-stale")
    assert translation(site_dir, "menu").pgettext(*key) == "Activitatea noastră"


def test_romanian_article_keeps_its_markdown_and_falls_back_to_english(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_catalog(
        site_dir,
        f"articles/{AIX}",
        {
            (
                f"{AIX}:title",
                "Aix-Marseille Université: Societal innovation at the heart of Local CIVIS Days",
            ): "Aix-Marseille Université: inovarea socială în centrul Zilelor CIVIS locale",
            (AIX, "The Local CIVIS Days webinar"): "Webinarul Zilelor CIVIS locale",
            (
                AIX,
                "Our futures, our cultures: a project to revitalize the action of cultural "
                "policies",
            ): "Viitorurile noastre, culturile noastre: un proiect pentru "
            "*revitalizarea* politicilor culturale",
        },
    )
    code, out, _ = export(site_dir, capsys, "--fallbacks")
    assert code == 0
    text = (site_dir / f"out/content/ro/articles/{AIX}.md").read_text(encoding="utf-8")
    front_text, body = text.split("---\n")[1:3]
    front = yaml.safe_load(front_text)
    assert front["title"].startswith("Aix-Marseille Université: inovarea socială")
    assert front["summary"].startswith("On 3 February 2022")  # English: not translated
    assert front["language"] == "ro"
    assert str(front["date"]) == "2022-02-21"
    assert "\n## Webinarul Zilelor CIVIS locale\n" in body
    assert "### Introduction of the CIVIS Alliance and its major challenges\n" in body
    assert (
        "- Support for schooling, school, family, neighbourhood, let's all get involved: "
        "a project to better understand the realities of schoolchildren's families and "
        "improve parent-school relations\n- Viitorurile noastre, culturile noastre: un "
        "proiect pentru *revitalizarea* politicilor culturale\n- Lab'Citoyenneté"
    ) in body
    assert "*The University in the City*" in body
    assert f"content/ro/articles/{AIX}.md: 3 of " in out
    assert '  missing: "The Aix-Marseille Université key actors' in out
    assert f'  missing: {AIX}:summary "On 3 February 2022' in out


def test_menus_and_ui_as_json_and_a_json_listing(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_dir / "config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("format: yaml", "format: json"), encoding="utf-8"
    )
    code, out, _ = export(site_dir, capsys, "--lang", "ro", "--format", "json")
    assert code == 0
    listing = json.loads(out)
    assert listing["translated"]["content/ro/menus.json"] == {"translated": 44, "total": 52}
    fallbacks = [f for f in listing["fallbacks"] if f["file"] == "content/ro/menus.json"]
    assert len(fallbacks) == 8
    assert {
        "language": "ro",
        "file": "content/ro/menus.json",
        "identity": "footer:/cookie-policy",
        "source": "Cookie Policy",
        "state": "missing",
    } in fallbacks
    menus = json.loads((site_dir / "out/content/ro/menus.json").read_text(encoding="utf-8"))
    first = menus["header"][0]
    assert (first["id"], first["label"], first["path"]) == (
        "header:/discover-civis-alliance",
        "Descoperiți",
        "/discover-civis-alliance",
    )
    assert first["children"][0]["label"] == "Ce este CIVIS?"
    ui = json.loads((site_dir / "out/content/ro/ui.json").read_text(encoding="utf-8"))
    assert ui["search_results.count"] == ["{count} article", "{count} articles"]
    assert not (site_dir / "out/content/de").exists()


def test_default_folder_comes_from_the_config(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-c", str(site_dir / "config.yaml"), "export"]) == 0
    out = capsys.readouterr().out
    assert (site_dir / "build/l10n/locale/ro/LC_MESSAGES/menu.mo").is_file()
    assert "content/ro/menus.yaml: 44 of 52 translated, 8 in English" in out
    assert "  missing:" not in out  # one line per file: `--fallbacks` lists the strings
    last = out.splitlines()[-1]
    assert last.endswith("strings fall back to English; `l10n export --fallbacks` lists them")


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("export-unknown-key.yaml", 10, "unknown key 'export.formt' (did you mean 'format'?)"),
        ("export-bad-format.yaml", 11, "'export.format' must be yaml or json, not 'toml'"),
        ("export-bad-include.yaml", 10, "'export.include' must be a list of needs-review, stale"),
    ],
)
def test_bad_export_config_gives_file_line_and_exit_2_and_writes_nothing(
    site_dir: Path, capsys: pytest.CaptureFixture[str], name: str, line: int, message: str
) -> None:
    shutil.copy(DATA / "config" / name, site_dir / "config.yaml")
    code, out, err = export(site_dir, capsys)
    assert code == 2
    assert out == ""
    assert f"{site_dir / 'config.yaml'}:{line}: {message}" in err
    assert not (site_dir / "out").exists()
