"""`l10n init`: find the gettext project in a folder and write the `config.yaml` that adopts it.

A gettext project keeps catalogs as `<folder>/<lang>/LC_MESSAGES/<domain>.po`: Sphinx one
`locale/` folder with `sphinx.pot` beside the languages, Django one `locale/` per app with
the English catalog (`en/LC_MESSAGES/django.po`) as the template, Flask/Babel a
`translations/` folder and `messages.pot`. Detection only reads; the config it renders
names each domain's template, its catalogs folder when that is not the main one, the
languages found (with the catalogs' own plural rule where Babel does not know the code).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from l10n.languages import get_language

SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".l10n-cache"}
)
CATALOG_FOLDER_NAMES = ("locale", "locales", "translations")
_PLURAL_FORMS = re.compile(r'^"Plural-Forms:\s*([^"\\]*(?:\\.[^"\\]*)*?)\s*(?:\\n)?"\s*$', re.M)


@dataclass(frozen=True)
class Domain:
    """One adopted domain: its template, its catalogs folder and the name the tool gives it."""

    name: str
    domain: str
    template: Path  # relative to the project folder
    folder: Path  # its catalogs folder, relative to the project folder


@dataclass
class Project:
    """What `l10n init` found in a folder."""

    root: Path
    source: str = "en"
    main_folder: Path | None = None
    domains: list[Domain] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    plural_forms: dict[str, str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # what could not be adopted, and why

    @property
    def found(self) -> bool:
        return bool(self.domains)


def detect(root: Path, source: str = "en") -> Project:
    """The gettext project under `root` (nothing is written)."""
    project = Project(root, source)
    catalogs: dict[Path, dict[str, set[str]]] = {}  # folder -> domain -> languages
    templates: list[Path] = []
    for path in _files(root):
        relative = path.relative_to(root)
        if path.suffix == ".pot":
            templates.append(relative)
        elif (
            path.suffix == ".po"
            and len(relative.parts) >= 3
            and relative.parts[-2] == "LC_MESSAGES"
        ):
            folder = relative.parent.parent.parent
            catalogs.setdefault(folder, {}).setdefault(path.stem, set()).add(relative.parts[-3])
    if not catalogs:
        return project
    sizes = Counter({folder: sum(map(len, found.values())) for folder, found in catalogs.items()})
    project.main_folder = min(sizes, key=lambda folder: (-sizes[folder], len(folder.parts), folder))
    _domains(project, catalogs, templates)
    _languages(project, catalogs)
    return project


def _files(root: Path) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if name not in SKIPPED_FOLDERS and not name.startswith(".")
        )
        found += [Path(folder) / name for name in sorted(names) if name.endswith((".po", ".pot"))]
    return found


def _domains(
    project: Project, catalogs: dict[Path, dict[str, set[str]]], templates: list[Path]
) -> None:
    counts = Counter(domain for found in catalogs.values() for domain in found)
    ordered = sorted(catalogs, key=lambda folder: (folder != project.main_folder, folder))
    short = Counter(_app_name(folder).name for folder in ordered)
    for folder in ordered:
        for domain in sorted(catalogs[folder]):
            template = _template(project, folder, domain, catalogs[folder][domain], templates)
            if template is None:
                project.left_out.append(
                    f"{folder.as_posix()}: domain '{domain}' has no template (no {domain}.pot, "
                    f"no {project.source}/LC_MESSAGES/{domain}.po)"
                )
                continue
            name = domain
            if counts[domain] > 1 and folder != project.main_folder:
                app = _app_name(folder)  # its path where two apps' folders have one name
                name = f"{app.name if short[app.name] == 1 else app.as_posix()}/{domain}"
            project.domains.append(Domain(name, domain, template, folder))


def _template(
    project: Project, folder: Path, domain: str, languages: set[str], templates: list[Path]
) -> Path | None:
    """The domain's `.pot` nearest its catalogs folder, else its source-language catalog."""
    candidates = [path for path in templates if path.stem == domain]
    near = [path for path in candidates if _shares(path.parent, folder)]
    if near:
        return min(near, key=lambda path: (len(path.parts), path))
    if project.source in languages:
        return folder / project.source / "LC_MESSAGES" / f"{domain}.po"
    return min(candidates, key=lambda path: (len(path.parts), path)) if candidates else None


def _shares(template_folder: Path, catalogs_folder: Path) -> bool:
    """A template in the catalogs folder, under it, or beside it (Babel's messages.pot)."""
    return (
        template_folder == catalogs_folder
        or template_folder.is_relative_to(catalogs_folder)
        or catalogs_folder.parent == template_folder
    )


def _app_name(folder: Path) -> Path:
    """`django/contrib/admin/locale` -> `django/contrib/admin`: the folder that holds a
    catalogs folder (`wagtail/locales/locale` -> `wagtail/locales`, an app named `locales`)."""
    if folder.name in CATALOG_FOLDER_NAMES and folder.parent.name:
        return folder.parent
    return folder


def _languages(project: Project, catalogs: dict[Path, dict[str, set[str]]]) -> None:
    codes = sorted(
        {code for found in catalogs.values() for langs in found.values() for code in langs}
    )
    for code in codes:
        if code == project.source:
            continue
        if get_language(code) is not None:
            project.languages.append(code)
            continue
        rule = _catalog_rule(project, catalogs, code)
        if rule is not None and get_language(code, rule) is not None:
            project.languages.append(code)
            project.plural_forms[code] = rule
        else:
            project.left_out.append(
                f"language '{code}': Babel does not know it and its catalogs give no plural rule"
            )


def _catalog_rule(
    project: Project, catalogs: dict[Path, dict[str, set[str]]], code: str
) -> str | None:
    """The Plural-Forms a catalog of that language declares in its header."""
    for folder, found in sorted(catalogs.items()):
        for domain, languages in sorted(found.items()):
            if code in languages:
                path = project.root / folder / code / "LC_MESSAGES" / f"{domain}.po"
                text = path.read_text(encoding="utf-8", errors="replace")[:4000]
                match = _PLURAL_FORMS.search(text)
                if match:
                    return match.group(1).strip()
    return None


def render_config(project: Project, languages: list[str] | None = None) -> str:
    """A commented `config.yaml` for the project (a new site's when nothing was found)."""
    codes = languages or project.languages
    lines = [
        "# Written by `l10n init`: read it, keep what fits, then run `l10n sync --check`.",
        "# Paths are relative to this file. Reference: README.md of the l10n tool.",
        f"project: {_quoted(project.root.resolve().name)}",
        f'source: "{project.source}"',
        "# Languages to translate into (quoted: YAML reads no/on/yes as booleans).",
        "languages: [" + ", ".join(f'"{code}"' for code in codes) + "]",
    ]
    rules = {code: rule for code, rule in sorted(project.plural_forms.items()) if code in codes}
    if rules:
        lines.append("# Plural rules Babel does not know, as the catalogs declare them.")
        lines.append("plural_forms:")
        lines += [f'  "{code}": {_quoted(rule)}' for code, rule in rules.items()]
    if not project.found:
        return "\n".join(lines + _new_site()) + "\n"
    assert project.main_folder is not None
    lines += [
        "# Where the catalogs are: <catalogs>/<lang>/LC_MESSAGES/<domain>.po",
        f"catalogs: {_quoted(project.main_folder.as_posix() or '.')}",
        "content:",
        "  # The project's own templates, adopted as they are: read, never written. `catalogs`",
        "  # names a domain's own folder (one per app); `name` tells apart one domain name",
        "  # used in several folders. `kind` (menu, ui, article) sets the policies that apply.",
        "  templates:",
    ]
    for domain in project.domains:
        item = [f"path: {_quoted(domain.template.as_posix())}", f"domain: {_quoted(domain.domain)}"]
        if domain.folder != project.main_folder:
            item.append(f"catalogs: {_quoted(domain.folder.as_posix())}")
        if domain.name != domain.domain:
            item.append(f"name: {_quoted(domain.name)}")
        lines.append("    - {" + ", ".join(item) + "}")
    lines += [f"# Left out: {reason}" for reason in project.left_out]
    return "\n".join(lines + _gate_section()) + "\n"


def _new_site() -> list[str]:
    return [
        "# A new site: its English lives in content/ (create the files you need, then run",
        "# `l10n sync`, which writes catalogs/<domain>.pot and the languages' catalogs).",
        "catalogs: catalogs",
        "content:",
        "  # menus: content/menus.yaml     # menus: a tree of {label, path, children}",
        "  # ui: content/ui.yaml           # interface strings: id -> text",
        "  # articles: content/articles    # Markdown articles with front matter",
        "  templates: []                   # existing gettext templates to adopt",
        *_gate_section(),
    ]


def _gate_section() -> list[str]:
    return [
        "# The build gate (`l10n check`): these are the defaults; uncomment to change them.",
        "# policies:",
        "#   ui: {fail: [missing, stale, format], report: [needs-review, copy, checks]}",
    ]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (paths and codes stay strings, whatever they look like)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
