"""Where the site's files are, as references and sync name them, however they are reached.

An article's references name its real file under the project's real folder: reading a site
of thousands of articles resolves the folders once and only an article that is a link
(`l10n.sources.articles.real_path`), so these cases hold the answer to `Path.resolve()`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from l10n.config import load_config
from l10n.sources.site import load_site
from l10n.sync.run import left_alone

ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"


def references(site_dir: Path, slug: str) -> set[str]:
    """The files (without lines) the units of an article name."""
    site = load_site(load_config(site_dir / "config.yaml"))
    units = site.templates[f"articles/{slug}"]
    return {reference.rpartition(":")[0] for unit in units for reference in unit.references}


def test_an_article_names_its_own_file(site_dir: Path) -> None:
    assert references(site_dir, ARTICLE) == {f"content/articles/{ARTICLE}.md"}


def test_an_article_that_is_a_link_names_the_file_it_links_to(site_dir: Path) -> None:
    drafts = site_dir / "content/drafts"
    drafts.mkdir()
    article = site_dir / f"content/articles/{ARTICLE}.md"
    shutil.move(article, drafts / "kept.md")
    article.symlink_to(Path("../drafts/kept.md"))
    assert references(site_dir, ARTICLE) == {"content/drafts/kept.md"}


def test_an_articles_folder_reached_through_a_link_names_the_real_folder(site_dir: Path) -> None:
    articles = site_dir / "content/articles"
    articles.rename(site_dir / "content/posts")
    articles.symlink_to("posts", target_is_directory=True)
    assert references(site_dir, ARTICLE) == {f"content/posts/{ARTICLE}.md"}


def test_a_project_reached_through_a_link_names_files_under_it(site_dir: Path) -> None:
    linked = site_dir.parent / "linked-site"
    linked.symlink_to(site_dir.name, target_is_directory=True)
    assert references(linked, ARTICLE) == {f"content/articles/{ARTICLE}.md"}


def test_a_link_to_a_template_of_the_site_is_left_alone_as_no_stray(site_dir: Path) -> None:
    """A template named otherwise that is a known one (through a link) is no stray, while a
    template no domain has beside it is named as one sync leaves alone."""
    config = load_config(site_dir / "config.yaml")
    templates = site_dir / "catalogs/articles"
    (templates / "an-old-name.pot").symlink_to(f"{ARTICLE}.pot")
    (templates / "stray.pot").write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n')
    strays = [path.name for path, _ in left_alone(config, load_site(config))]
    assert strays == ["stray.pot"]
