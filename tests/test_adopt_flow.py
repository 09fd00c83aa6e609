"""Starting on a real gettext project: `l10n init`, several catalog roots, --changed-since.

On real catalogs kept under tests/data (Sphinx 7.4 under Sphinx 9.0's template; Django
5.2's admin and auth apps, each with its own `locale/` holding the domain `django`).
"""

from __future__ import annotations

import gettext
import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.cli.main import main
from l10n.config import load_config
from tests.conftest import DATA, snapshot_files

SPHINX = DATA / "adopt" / "sphinx" / "locale"
LANGUAGES = ("ro", "de", "fr", "el", "it", "es", "sv")
BROKEN = "The config value `{name}' has type `{current.__name__}'; expected {permitted}."
DJANGO_APPS = {
    "admin": DATA / "real" / "django-5.2" / "admin",
    "auth": DATA / "adopt" / "django-5.2" / "auth",
}
DJANGO_LANGUAGES = ("de", "ro", "es", "ko", "pt_BR", "ar")
needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


def sphinx_project(root: Path) -> Path:
    """Sphinx's own layout: `sphinx/locale/sphinx.pot` beside the languages' folders."""
    shutil.copytree(SPHINX, root / "sphinx" / "locale")
    return root


def django_project(root: Path) -> Path:
    """Two of Django's apps, each with its `locale/` (English catalog as the template)."""
    for app, source in DJANGO_APPS.items():
        for language_folder in sorted(source.iterdir()):
            folder = root / "django/contrib" / app / "locale" / language_folder.name
            (folder / "LC_MESSAGES").mkdir(parents=True)
            for catalog in language_folder.glob("*.po"):
                shutil.copy(catalog, folder / "LC_MESSAGES" / catalog.name)
    return root


def init(root: Path, *args: str) -> int:
    return main(["init", str(root), *args])


def sphinx_catalog(root: Path, language: str) -> Path:
    return root / "sphinx/locale" / language / "LC_MESSAGES" / "sphinx.po"


@needs_gettext
def test_sphinx_set_up_by_init_syncs_clean_and_never_exports_the_broken_greek(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sphinx_project(tmp_path / "project")
    before = snapshot_files(root)
    assert init(root, "--languages", *LANGUAGES) == 0
    assert snapshot_files(root) == {**before, "config.yaml": (root / "config.yaml").read_bytes()}
    config = load_config(root / "config.yaml")
    assert [(t.path, t.domain) for t in config.templates] == [
        (root / "sphinx/locale/sphinx.pot", "sphinx")
    ]
    assert config.catalogs_dir == root / "sphinx/locale"
    assert config.languages == LANGUAGES
    template = (root / "sphinx/locale/sphinx.pot").read_bytes()
    assert main(["-c", str(root / "config.yaml"), "sync"]) == 0
    assert (root / "sphinx/locale/sphinx.pot").read_bytes() == template
    for language in LANGUAGES:
        path = sphinx_catalog(root, language)
        checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)
        assert checked.returncode == 0, language
    greek = {entry.msgid: entry for entry in polib.pofile(str(sphinx_catalog(root, "el")))}
    assert "fuzzy" in greek[BROKEN].flags
    out = tmp_path / "out"
    assert main(["-c", str(root / "config.yaml"), "export", "-o", str(out)]) == 0
    compiled = gettext.translation("sphinx", str(out / "sphinx/locale"), ["el"])
    assert compiled.gettext(BROKEN) == BROKEN
    translated = next(e for e in greek.values() if e.translated() and "{" in e.msgid)
    assert compiled.gettext(translated.msgid) == translated.msgstr


def test_init_finds_djangos_per_app_folders_with_one_domain_name(tmp_path: Path) -> None:
    root = django_project(tmp_path / "project")
    assert init(root) == 0
    config = load_config(root / "config.yaml")
    assert set(config.languages) == set(DJANGO_LANGUAGES)
    found = {(t.domain, t.file_domain, t.catalogs) for t in config.templates}
    admin, auth = (root / f"django/contrib/{app}/locale" for app in ("admin", "auth"))
    main_folder = config.catalogs_dir
    assert main_folder == admin  # the folder with the most catalogs
    assert found == {
        ("django", "django", None),
        ("djangojs", "djangojs", None),
        ("auth/django", "django", auth),
    }


def test_init_names_apps_apart_where_their_folders_share_a_name(tmp_path: Path) -> None:
    """Wagtail 8 keeps `wagtail/locale` beside an app named `locales` (`wagtail/locales/locale`):
    both were named `wagtail/django` and init stopped on its own config. Two apps of one name
    in different places are named by their paths."""
    root = tmp_path / "project"
    auth = DJANGO_APPS["auth"]
    apps = ("wagtail/admin", "wagtail", "wagtail/locales", "a/forms", "b/forms")
    for app in apps:
        for language_folder in sorted(auth.iterdir()):
            folder = root / app / "locale" / language_folder.name / "LC_MESSAGES"
            folder.mkdir(parents=True)
            shutil.copy(language_folder / "django.po", folder / "django.po")
    (root / "wagtail/admin/locale/fr/LC_MESSAGES").mkdir(parents=True)  # the main folder
    shutil.copy(auth / "de/django.po", root / "wagtail/admin/locale/fr/LC_MESSAGES/django.po")
    assert init(root) == 0
    config = load_config(root / "config.yaml")
    assert sorted(t.domain for t in config.templates) == [
        "a/forms/django",
        "b/forms/django",
        "django",
        "locales/django",
        "wagtail/django",
    ]
    assert main(["-c", str(root / "config.yaml"), "status"]) == 0


def test_several_roots_sync_count_and_export_each_in_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = django_project(tmp_path / "project")
    assert init(root, "--languages", "de", "ko") == 0
    config = str(root / "config.yaml")
    assert main(["-c", config, "sync"]) == 0
    capsys.readouterr()
    assert main(["-c", config, "status", "--format", "json"]) == 0
    german = json.loads(capsys.readouterr().out)["languages"]["de"]
    expected = 0
    for app in ("admin", "auth"):
        for name in ("django", "djangojs"):
            path = root / f"django/contrib/{app}/locale/en/LC_MESSAGES/{name}.po"
            if path.exists():
                expected += len([e for e in polib.pofile(str(path)) if e.msgid])
    assert german["total"] == expected
    out = tmp_path / "out"
    assert main(["-c", config, "export", "-o", str(out)]) == 0
    for app, word in (("admin", "Log out"), ("auth", "Password")):
        folder = out / f"django/contrib/{app}/locale"
        catalog = polib.pofile(str(root / f"django/contrib/{app}/locale/de/LC_MESSAGES/django.po"))
        wanted = next(e.msgstr for e in catalog if e.msgid == word and e.translated())
        assert gettext.translation("django", str(folder), ["de"]).gettext(word) == wanted


def test_one_domain_name_twice_without_names_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = django_project(tmp_path / "project")
    (root / "config.yaml").write_text(
        'source: "en"\nlanguages: ["de"]\ncatalogs: django/contrib/admin/locale\ncontent:\n'
        "  templates:\n"
        "    - {path: django/contrib/admin/locale/en/LC_MESSAGES/django.po, domain: django}\n"
        "    - {path: django/contrib/auth/locale/en/LC_MESSAGES/django.po, domain: django,\n"
        "       catalogs: django/contrib/auth/locale}\n",
        encoding="utf-8",
    )
    assert main(["-c", str(root / "config.yaml"), "status"]) == 2
    error = capsys.readouterr().err
    assert "config.yaml:7: domain 'django' is adopted twice (line 6)" in error
    assert "'name'" in error


def test_init_refuses_to_overwrite_a_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sphinx_project(tmp_path / "project")
    (root / "config.yaml").write_text("# mine\n", encoding="utf-8")
    before = snapshot_files(root)
    assert init(root) == 2
    assert "already there" in capsys.readouterr().err
    assert snapshot_files(root) == before


def test_init_starts_a_new_site_only_with_its_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "new"
    root.mkdir()
    assert init(root) == 2
    assert "--languages" in capsys.readouterr().err
    assert not (root / "config.yaml").exists()
    assert init(root, "--languages", "de", "sr@latin", "zh_Hans") == 0
    assert sorted(path.name for path in root.iterdir()) == ["config.yaml"]
    config = load_config(root / "config.yaml")
    assert config.languages == ("de", "sr@latin", "zh_Hans") and config.templates == ()
    assert main(["-c", str(root / "config.yaml"), "sync"]) == 0


def test_init_finds_a_babel_project(tmp_path: Path) -> None:
    """Flask-Babel: `translations/<lang>/LC_MESSAGES/messages.po`, `messages.pot` beside."""
    root = tmp_path / "app"
    for language in ("de", "el"):
        folder = root / "translations" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(SPHINX / language / "LC_MESSAGES/sphinx.po", folder / "messages.po")
    shutil.copy(SPHINX / "sphinx.pot", root / "messages.pot")
    assert init(root) == 0
    config = load_config(root / "config.yaml")
    assert [(t.path, t.domain) for t in config.templates] == [(root / "messages.pot", "messages")]
    assert config.catalogs_dir == root / "translations"
    assert main(["-c", str(root / "config.yaml"), "sync", "--check"]) == 1  # 7.4 under 9.0


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_changed_since_compares_with_the_adopted_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One string added to the project's own template: its findings only, in each language."""
    root = sphinx_project(tmp_path / "project")
    assert init(root, "--languages", *LANGUAGES) == 0
    config = str(root / "config.yaml")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "adopted, before any sync")
    pot = root / "sphinx/locale/sphinx.pot"
    template = polib.pofile(str(pot))
    template.append(polib.POEntry(msgid="A string this change adds", occurrences=[("x.py", "1")]))
    template.save(str(pot))
    assert main(["-c", config, "sync"]) == 0
    capsys.readouterr()
    main(["-c", config, "check", "--changed-since", "HEAD", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sorted((f["language"], f["finding"], f["source"]) for f in findings) == [
        (language, "missing", "A string this change adds") for language in sorted(LANGUAGES)
    ]


def _attribute(root: Path, path: str) -> str:
    done = subprocess.run(
        ["git", "check-attr", "merge", "--", path], cwd=root, capture_output=True, text=True
    )
    return done.stdout.strip().rsplit(": ", 1)[-1]


def _translate(path: Path, index: int, text: str) -> str:
    """Give one translated entry of a catalog a new text, saved as the tool saves; its msgid."""
    from l10n.po.catalog import read_catalog, write_catalog

    catalog = read_catalog(path)
    chosen = [e for e in catalog if e.msgid and not e.msgid_plural and e.translated()][index]
    chosen.msgstr = text
    write_catalog(catalog, path)
    return str(chosen.msgid)


@needs_gettext
def test_init_sets_git_merging_up_for_every_catalog_folder_and_merges_keep_the_charset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Django's two app folders, the German admin catalog in CP1252 with CRLF line ends.

    Without --git-setup, init only says how; with it, both folders merge through the driver,
    and two branches translating different entries merge into a CP1252 + CRLF catalog.
    """
    root = django_project(tmp_path / "project")
    german = root / "django/contrib/admin/locale/de/LC_MESSAGES/django.po"
    text = german.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=CP1252")
    text = "".join(c if c.encode("cp1252", "ignore") else "?" for c in text)
    german.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Django's catalogs")
    before = snapshot_files(root)
    assert init(root, "--languages", "de") == 0
    assert "l10n git-setup" in capsys.readouterr().out
    assert sorted(set(snapshot_files(root)) - set(before)) == ["config.yaml"]
    assert _attribute(root, str(german.relative_to(root))) == "unspecified"
    (root / "config.yaml").unlink()

    assert init(root, "--languages", "de", "--git-setup") == 0
    said = capsys.readouterr().out
    assert "merge.l10n.driver" in said
    auth = "django/contrib/auth/locale/de/LC_MESSAGES/django.po"
    assert _attribute(root, str(german.relative_to(root))) == "l10n"
    assert _attribute(root, auth) == "l10n"
    config = str(root / "config.yaml")
    assert main(["-c", config, "sync"]) == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "adopted")
    git(root, "checkout", "-q", "-b", "theirs")
    theirs = _translate(german, -3, "Übersetzung von Bo")
    git(root, "commit", "-qam", "Bo")
    git(root, "checkout", "-q", "-b", "ours", "main")
    ours = _translate(german, 3, "Übersetzung von Ana")
    git(root, "commit", "-qam", "Ana")
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "merge",
            "--no-edit",
            "theirs",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data = german.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    merged = {e.msgid: e.msgstr for e in polib.pofile(data.decode("cp1252"))}
    assert merged[ours] == "Übersetzung von Ana" and merged[theirs] == "Übersetzung von Bo"
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(german)], check=False)
    assert checked.returncode == 0
