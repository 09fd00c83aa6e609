"""The HTML report: self-contained, escaped, and readable in a real browser (headless Chromium).

Chromium comes from Debian (`apt-get install -y chromium`); without it the browser test is
skipped with the reason, the static checks still run.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.render.report_html import heat_colour
from tests.png import count_colour

CHROMIUM = Path("/usr/bin/chromium")
PROBE = "<script>alert(1)</script>"
VEGGIE = "university-of-salzburg-s-veggie-month-campaign-nominated-for-sustainability-award-2026"
RED = (241, 177, 177)  # heat_colour(0.0): hsl(0, 70%, 82%)
GREEN = (134, 234, 134)  # heat_colour(1.0): hsl(120, 70%, 72%)


@pytest.fixture
def report_html(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The report of a site whose article title and a stale English string carry a script."""
    article = site_dir / "content/articles" / f"{VEGGIE}.md"
    text = article.read_text(encoding="utf-8")
    start = text.index("title:")
    article.write_text(
        text[:start] + f'title: "Veggie {PROBE} & <b>month</b>"' + text[text.index("\n", start) :],
        encoding="utf-8",
    )
    menus = site_dir / "content/menus.yaml"
    menus.write_text(
        menus.read_text(encoding="utf-8").replace(
            "label: Our work\n", f'label: "Our {PROBE} work"\n'
        ),
        encoding="utf-8",
    )
    config = str(site_dir / "config.yaml")
    assert main(["-c", config, "sync"]) == 0
    target = site_dir / "report.html"
    assert main(["-c", config, "report", "--format", "html", "-o", str(target)]) == 0
    capsys.readouterr()
    return target


def test_page_is_self_contained_and_escapes_catalog_text(report_html: Path) -> None:
    page = report_html.read_text(encoding="utf-8")
    assert page.count("<script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Veggie &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;month&lt;/b&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page
    assert "default-src 'none'" in page
    assert heat_colour(0.0) == "hsl(0, 70%, 82%)"
    assert heat_colour(1.0) == "hsl(120, 70%, 72%)"


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium is not installed (apt-get install -y chromium)"
)
def test_chromium_shows_the_heatmap_and_the_script_text_literally(
    report_html: Path, tmp_path: Path
) -> None:
    url = report_html.as_uri()
    dom = chromium("--dump-dom", url, profile=tmp_path / "profile-dom").stdout
    assert 'data-sortable="ready"' in dom  # the page's own script ran under its CSP
    assert dom.count("<script") == 1  # and nothing from the catalogs became a script
    assert "Veggie &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;month&lt;/b&gt;" in dom
    assert "Our &lt;script&gt;alert(1)&lt;/script&gt; work" in dom
    screenshot = tmp_path / "report.png"
    chromium(
        "--window-size=1000,800",
        "--hide-scrollbars",
        f"--screenshot={screenshot}",
        url,
        profile=tmp_path / "profile-shot",
    )
    png = screenshot.read_bytes()
    # The heatmap is the first table: red cells for the untranslated articles, a green
    # one for the Romanian article that is fully translated.
    assert count_colour(png, RED) > 20000
    assert count_colour(png, GREEN) > 1000
