"""The README's list of checks and `l10n checks --list` both come from the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from l10n.checks import CHECK_IDS, render_checks_markdown
from l10n.cli.main import main
from tests.conftest import pristine_site

REPO = Path(__file__).resolve().parent.parent


def test_readme_lists_exactly_the_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- checks:start -->\n(.*)<!-- checks:end -->", readme, re.S)
    assert found is not None
    assert found.group(1) == render_checks_markdown()
    listed = re.findall(r"^\| `([a-z-]+)` \|", found.group(1), re.M)
    assert tuple(listed) == CHECK_IDS


def test_checks_list_matches_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-c", str(pristine_site() / "config.yaml"), "checks", "--list"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line]
    assert tuple(listed) == CHECK_IDS


def test_disabled_check_shows_off(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site_dir / "config.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  # disable: [numbers]", "  disable: [numbers]"
    )
    config.write_text(text, encoding="utf-8")
    assert main(["-c", str(config), "checks", "--list"]) == 0
    numbers = next(
        line for line in capsys.readouterr().out.splitlines() if line.startswith("numbers")
    )
    assert numbers.split()[1] == "off"


def test_bad_checks_section_names_line(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site_dir / "config.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  # disable: [numbers]", "  disable: [placeholder]"
    )
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  disable: [placeholder]") + 1
    assert main(["-c", str(config), "checks", "--list"]) == 2
    error = capsys.readouterr().err
    assert f"config.yaml:{line}: " in error and "did you mean 'placeholders'" in error
