"""Generate a large site, deterministically, in the bundled site's own format.

    python -m bench.generate --size 10k [--out bench/data/10k] [--seed 1]

Writes, under the output folder:

- `v1/`: a site (config.yaml, content/ with menus, interface strings and articles, and
  catalogs/ with every template and a catalog for each of the seven languages in a
  realistic mix of translated, stale, needs-review, missing and copied entries), exactly
  as `l10n sync` would leave it (a sync of v1 changes no byte);
- `v2/`: the next version of the English (content/) with small edits, rewrites, moved,
  inserted and deleted segments, edited, added and removed menu items and interface
  strings, and its templates (catalogs/*.pot, for msgmerge);
- `truth.json`: which old segment became which new one (per domain), and what happened;
- `manifest.json`: the seed, the counts and the catalogs' size on disk.

The same size and seed always give the same bytes. The vocabulary is in bench/words.py;
translations are letter substitutions (Greek letters for Greek), so every translation is
distinct and a copy of the English is easy to tell.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib

from bench import words
from l10n.config import load_config
from l10n.languages import get_language
from l10n.model import Unit
from l10n.po.catalog import render_catalog
from l10n.po.headers import template_header
from l10n.sources.site import load_site, po_path, pot_path

LANGUAGES = ("ro", "de", "fr", "el", "it", "es", "sv")
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
PROJECT = "Generated alliance site"
REVISION_DATE = "2026-01-15 09:00+0000"
# Share of units per state in each language: translated, stale, needs-review, missing, copied.
STATE_MIX: dict[str, tuple[float, float, float, float, float]] = {
    "ro": (0.70, 0.06, 0.06, 0.15, 0.03),
    "de": (0.85, 0.05, 0.03, 0.05, 0.02),
    "fr": (0.80, 0.05, 0.05, 0.08, 0.02),
    "el": (0.45, 0.05, 0.10, 0.38, 0.02),
    "it": (0.65, 0.07, 0.08, 0.17, 0.03),
    "es": (0.75, 0.05, 0.05, 0.12, 0.03),
    "sv": (0.55, 0.06, 0.09, 0.27, 0.03),
}
STATES = ("translated", "stale", "needs-review", "missing", "copied")
SEGMENTS_PER_ARTICLE = 25  # title, summary, ~4 headings, ~12 paragraphs, ~7 list items

# ---------------------------------------------------------------------------------------
# The English: a model of menus, interface strings and articles, and its edited version


@dataclass
class MenuNode:
    label: str
    path: str
    note: str | None = None
    max_length: int | None = None
    children: list[MenuNode] = field(default_factory=list)


@dataclass
class UiString:
    key: str
    text: str
    note: str | None = None
    max_length: int | None = None
    plural: str | None = None


@dataclass
class Segment:
    kind: str  # "h2", "h3", "p", "li"
    text: str


@dataclass
class ArticleModel:
    slug: str
    title: str
    date: str
    category: str
    summary: str
    segments: list[Segment]


@dataclass
class SiteModel:
    menus: dict[str, list[MenuNode]]
    ui: list[UiString]
    articles: list[ArticleModel]


@dataclass
class Truth:
    """What became of each old string: (domain, context, old, new, kind)."""

    pairs: list[dict[str, str | None]] = field(default_factory=list)

    def add(
        self, domain: str, context: str | None, old: str | None, new: str | None, kind: str
    ) -> None:
        self.pairs.append(
            {"domain": domain, "context": context, "old": old, "new": new, "kind": kind}
        )


def build_site(size: int, rng: random.Random) -> SiteModel:
    """The first version of the English, about `size` units in all."""
    menu_units = max(30, size * 2 // 100)
    ui_units = max(50, size * 6 // 100)
    article_count = max(1, (size - menu_units - ui_units) // SEGMENTS_PER_ARTICLE)
    return SiteModel(
        _menus(menu_units, rng),
        _ui(ui_units, rng),
        [_article(index, rng) for index in range(article_count)],
    )


def _menus(count: int, rng: random.Random) -> dict[str, list[MenuNode]]:
    menus: dict[str, list[MenuNode]] = {}
    made = 0
    number = 0
    while made < count:
        name = "header" if number == 0 else "footer" if number == 1 else f"section-{number:03d}"
        items: list[MenuNode] = []
        for top in range(rng.randint(5, 8)):
            path = f"/{name}/s{top}-{rng.choice(words.NOUNS)}"
            node = MenuNode(
                words.short_phrase(rng, 1, 2),
                path,
                note="Top-level menu label: keep short" if top == 0 else None,
                max_length=24 if rng.random() < 0.3 else None,
            )
            made += 1
            for child in range(rng.randint(2, 7)):
                node.children.append(
                    MenuNode(
                        words.short_phrase(rng, 1, 4), f"{path}/{child}-{rng.choice(words.NOUNS)}"
                    )
                )
                made += 1
            items.append(node)
        menus[name] = items
        number += 1
    return menus


def _ui(count: int, rng: random.Random) -> list[UiString]:
    strings: list[UiString] = []
    for index in range(count):
        key = f"{rng.choice(words.NOUNS)}.{rng.choice(words.NOUNS)}_{index}"
        roll = rng.random()
        text = words.short_phrase(rng, 1, 6)
        if roll < 0.03:
            strings.append(
                UiString(
                    key,
                    f"{{count}} {text.lower()}",
                    plural=f"{{count}} {text.lower()}s",
                    note="{count} is a number",
                )
            )
        elif roll < 0.25:
            strings.append(
                UiString(
                    key,
                    text,
                    note=f"Shown on the {rng.choice(words.NOUNS)} page",
                    max_length=40 if roll < 0.1 else None,
                )
            )
        elif roll < 0.35:
            strings.append(UiString(key, words.sentence(rng)))
        else:
            strings.append(UiString(key, text))
    return strings


def _article(index: int, rng: random.Random) -> ArticleModel:
    title = words.title(rng)
    slug = "-".join(title.lower().replace(",", "").split(" ")[:6])
    slug = "".join(ch for ch in slug if ch.isascii() and (ch.isalnum() or ch == "-"))
    slug = f"{index:05d}-{slug}"[:80].rstrip("-")
    segments: list[Segment] = []
    seen: set[str] = set()
    target = rng.randint(SEGMENTS_PER_ARTICLE - 10, SEGMENTS_PER_ARTICLE + 8)
    while len(segments) < target:
        roll = rng.random()
        if roll < 0.16:
            _add(segments, seen, "h2" if rng.random() < 0.7 else "h3", _heading(rng))
        elif roll < 0.30:
            for _ in range(rng.randint(2, 5)):
                _add(segments, seen, "li", words.sentence(rng, link=rng.random() < 0.1))
        else:
            _add(segments, seen, "p", words.paragraph(rng))
    date = f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return ArticleModel(
        slug,
        title,
        date,
        rng.choice(("general", "education", "research", "innovation", "community")),
        words.paragraph(rng, (1, 2)),
        segments,
    )


def _heading(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(words.HEADINGS)
    return words.title(rng)


def _add(segments: list[Segment], seen: set[str], kind: str, text: str) -> bool:
    if text in seen:
        return False
    seen.add(text)
    segments.append(Segment(kind, text))
    return True


def small_edit(text: str, rng: random.Random) -> str:
    """A copy-editor's change: a word replaced, inserted or removed, a number changed."""
    for _ in range(20):
        tokens = text.split(" ")
        edits = 1 if len(tokens) < 12 else rng.randint(1, 3)
        for _ in range(edits):
            _one_edit(tokens, rng)
        edited = " ".join(token for token in tokens if token)
        if edited != text and edited.strip():
            return edited
    return text + " (updated)"


def _one_edit(tokens: list[str], rng: random.Random) -> None:
    spot = rng.randrange(len(tokens))
    token = tokens[spot]
    digits = "".join(ch for ch in token if ch.isdigit())
    roll = rng.random()
    if digits and roll < 0.5:
        tokens[spot] = token.replace(digits, str(int(digits) + rng.randint(1, 9)), 1)
    elif roll < 0.45 and token.isalpha():
        replacement = rng.choice(words.NOUNS + words.ADJECTIVES)
        tokens[spot] = replacement.capitalize() if token[:1].isupper() else replacement
    elif roll < 0.8 or len(tokens) < 6:
        tokens.insert(spot if spot else 1, rng.choice(words.ADJECTIVES))
    elif spot:
        del tokens[spot]
    else:
        tokens.insert(1, rng.choice(words.ADJECTIVES))


def rewrite(segment: Segment, rng: random.Random) -> str:
    """A new text for the same place: mostly new sentences, sometimes the first kept."""
    if segment.kind in ("h2", "h3"):
        return words.title(rng)
    if segment.kind == "li":
        return words.sentence(rng)
    sentences = segment.text.split(". ")
    kept = sentences[0].rstrip(".") + ". " if len(sentences) > 2 and rng.random() < 0.3 else ""
    return kept + words.paragraph(rng, (2, 4))


def edit_site(site: SiteModel, rng: random.Random, truth: Truth) -> SiteModel:
    """The second version of the English, recording what became of each string."""
    return SiteModel(
        _edit_menus(site.menus, rng, truth),
        _edit_ui(site.ui, rng, truth),
        [_edit_article(article, rng, truth) for article in site.articles],
    )


def _edit_menus(
    menus: dict[str, list[MenuNode]], rng: random.Random, truth: Truth
) -> dict[str, list[MenuNode]]:
    edited: dict[str, list[MenuNode]] = {}
    added = 0
    for name, items in menus.items():
        new_items: list[MenuNode] = []
        for item in items:
            top = _edit_menu_item(name, item, rng, truth)
            children: list[MenuNode] = []
            for child in item.children:
                roll = rng.random()
                if roll < 0.02:
                    truth.add("menu", f"{name}:{child.path}", child.label, None, "deleted")
                    continue
                children.append(_edit_menu_item(name, child, rng, truth))
                if roll > 0.98:
                    added += 1
                    new = MenuNode(words.short_phrase(rng, 1, 4), f"{child.path}-new{added}")
                    truth.add("menu", f"{name}:{new.path}", None, new.label, "inserted")
                    children.append(new)
            top.children = children
            new_items.append(top)
        edited[name] = new_items
    return edited


def _edit_menu_item(menu: str, item: MenuNode, rng: random.Random, truth: Truth) -> MenuNode:
    roll = rng.random()
    label = item.label
    if roll < 0.05:
        label = small_edit(label, rng)
        truth.add("menu", f"{menu}:{item.path}", item.label, label, "edited")
    elif roll < 0.07:
        label = words.short_phrase(rng, 1, 4)
        if label != item.label:
            truth.add("menu", f"{menu}:{item.path}", item.label, label, "rewritten")
    return MenuNode(label, item.path, item.note, item.max_length)


def _edit_ui(strings: list[UiString], rng: random.Random, truth: Truth) -> list[UiString]:
    edited: list[UiString] = []
    for index, string in enumerate(strings):
        roll = rng.random()
        if roll < 0.02:
            truth.add("ui", string.key, string.text, None, "deleted")
            continue
        if roll < 0.08 and string.plural is None:
            text = small_edit(string.text, rng)
            truth.add("ui", string.key, string.text, text, "edited")
            edited.append(UiString(string.key, text, string.note, string.max_length))
        else:
            edited.append(string)
        if roll > 0.98:
            new = UiString(
                f"added.{rng.choice(words.NOUNS)}_{index}", words.short_phrase(rng, 1, 5)
            )
            truth.add("ui", new.key, None, new.text, "inserted")
            edited.append(new)
    return edited


def _edit_article(article: ArticleModel, rng: random.Random, truth: Truth) -> ArticleModel:
    domain = f"articles/{article.slug}"
    if rng.random() >= 0.4:  # most articles are not touched at all
        return article
    title, summary = article.title, article.summary
    if rng.random() < 0.1:
        title = small_edit(title, rng)
        truth.add(domain, f"{article.slug}:title", article.title, title, "edited")
    if rng.random() < 0.15:
        summary = small_edit(summary, rng)
        truth.add(domain, f"{article.slug}:summary", article.summary, summary, "edited")
    seen = {segment.text for segment in article.segments}
    kept: list[Segment] = []
    moved: list[Segment] = []
    for segment in article.segments:
        roll = rng.random()
        if roll < 0.70:
            kept.append(segment)
        elif roll < 0.82:
            text = _unique(lambda s=segment: small_edit(s.text, rng), seen)
            truth.add(domain, article.slug, segment.text, text, "edited")
            kept.append(Segment(segment.kind, text))
        elif roll < 0.86:
            text = _unique(lambda s=segment: rewrite(s, rng), seen)
            truth.add(domain, article.slug, segment.text, text, "rewritten")
            kept.append(Segment(segment.kind, text))
        elif roll < 0.90:
            truth.add(domain, article.slug, segment.text, None, "deleted")
        elif roll < 0.94:
            truth.add(domain, article.slug, segment.text, segment.text, "moved")
            moved.append(segment)
        else:
            kept.append(segment)
        if rng.random() < 0.06:
            text = _unique(lambda: words.paragraph(rng), seen)
            truth.add(domain, article.slug, None, text, "inserted")
            kept.append(Segment("p", text))
    for segment in moved:
        kept.insert(rng.randrange(len(kept) + 1), segment)
    return ArticleModel(article.slug, title, article.date, article.category, summary, kept)


def _unique(make: object, seen: set[str]) -> str:
    assert callable(make)
    for _ in range(50):
        text = str(make())
        if text not in seen:
            seen.add(text)
            return text
    raise RuntimeError("could not make a unique segment")


# ---------------------------------------------------------------------------------------
# Writing the content


def write_content(site: SiteModel, folder: Path) -> None:
    """content/menus.yaml, content/ui.yaml and content/articles/*.md."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    lines = ['# Generated menus. Identity of an item: "<menu>:<path>".']
    for name, items in site.menus.items():
        lines.append(f"{name}:")
        for item in items:
            lines.extend(_menu_lines(item, "  "))
    (folder / "menus.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["# Generated interface strings: id -> text or {text, note, max_length, plural}."]
    for string in site.ui:
        if string.note is None and string.max_length is None and string.plural is None:
            lines.append(f"{string.key}: {_q(string.text)}")
            continue
        lines.append(f"{string.key}:")
        lines.append(f"  text: {_q(string.text)}")
        if string.note:
            lines.append(f"  note: {_q(string.note)}")
        if string.max_length:
            lines.append(f"  max_length: {string.max_length}")
        if string.plural:
            lines.append(f"  plural: {_q(string.plural)}")
    (folder / "ui.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for article in site.articles:
        (folder / "articles" / f"{article.slug}.md").write_text(
            _article_text(article), encoding="utf-8"
        )


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _menu_lines(item: MenuNode, indent: str) -> list[str]:
    lines = [f"{indent}- label: {_q(item.label)}", f"{indent}  path: {item.path}"]
    if item.note:
        lines.append(f"{indent}  note: {_q(item.note)}")
    if item.max_length:
        lines.append(f"{indent}  max_length: {item.max_length}")
    if item.children:
        lines.append(f"{indent}  children:")
        for child in item.children:
            lines.extend(_menu_lines(child, indent + "    "))
    return lines


def _article_text(article: ArticleModel) -> str:
    out = [
        "---",
        f"title: {_q(article.title)}",
        f"date: {article.date}",
        f"category: {article.category}",
        f"summary: {_q(article.summary)}",
        "---",
        "",
    ]
    previous = ""
    for segment in article.segments:
        if segment.kind == "li":
            if previous != "li" and out[-1] != "":
                out.append("")
            out.append(f"- {segment.text}")
        else:
            if out[-1] != "":
                out.append("")
            out.append(
                ("## " if segment.kind == "h2" else "### " if segment.kind == "h3" else "")
                + segment.text
            )
            out.append("")
        previous = segment.kind
    return "\n".join(out).rstrip("\n") + "\n"


def write_config(folder: Path) -> None:
    languages = ", ".join(f'"{code}"' for code in LANGUAGES)
    (folder / "config.yaml").write_text(
        f'# A generated large site (bench/generate.py).\nproject: {PROJECT}\nsource: "en"\n'
        f"languages: [{languages}]\n\ncontent:\n  menus: content/menus.yaml\n"
        "  ui: content/ui.yaml\n  articles: content/articles\n\ncatalogs: catalogs\n\n"
        "sync:\n  fuzzy_threshold: 75\n\nstatus:\n  copy_threshold: 95\n",
        encoding="utf-8",
    )


# ---------------------------------------------------------------------------------------
# Writing the catalogs: the bytes polib renders (wrapwidth 0), written without polib


def _escape(text: str) -> str:
    return (
        text.replace("\\", r"\\")
        .replace("\t", r"\t")
        .replace("\r", r"\r")
        .replace("\n", r"\n")
        .replace('"', r"\"")
    )


@dataclass
class Translation:
    state: str
    msgstr: str | list[str]
    previous: str | None = None


def render_entry(unit: Unit, translation: Translation | None) -> str:
    """One entry as polib writes it with wrapwidth 0 (no strings here hold a newline)."""
    lines: list[str] = []
    if translation is not None and translation.state == "needs-review":
        lines.append("# Machine translation: review it.")
    lines.extend(f"#. {note}" for note in "\n".join(unit.notes).split("\n") if unit.notes)
    if unit.references:
        lines.append("#: " + " ".join(unit.references))
    flags = list(unit.flags)
    if translation is not None and translation.state in ("stale", "needs-review"):
        flags.insert(0, "fuzzy")
    if flags:
        lines.append("#, " + ", ".join(flags))
    if translation is not None and translation.previous is not None:
        lines.append(f'#| msgid "{_escape(translation.previous)}"')
    if unit.context is not None:
        lines.append(f'msgctxt "{_escape(unit.context)}"')
    lines.append(f'msgid "{_escape(unit.source)}"')
    msgstr = translation.msgstr if translation is not None else ""
    if unit.plural is not None:
        lines.append(f'msgid_plural "{_escape(unit.plural)}"')
        forms = msgstr if isinstance(msgstr, list) else [msgstr, msgstr]
        lines.extend(f'msgstr[{index}] "{_escape(form)}"' for index, form in enumerate(forms))
    else:
        assert isinstance(msgstr, str)
        lines.append(f'msgstr "{_escape(msgstr)}"')
    return "\n".join(lines) + "\n"


_PLACEHOLDER = "@@DOMAIN@@"


def _header_text(language: str | None) -> str:
    catalog = polib.POFile(wrapwidth=0)
    if language is None:
        catalog.header, catalog.metadata = template_header(PROJECT, _PLACEHOLDER, "en")
    else:
        known = get_language(language)
        assert known is not None
        catalog.header = f"{known.name} translation of '{_PLACEHOLDER}' for {PROJECT}."
        catalog.metadata = {
            "Project-Id-Version": PROJECT,
            "PO-Revision-Date": REVISION_DATE,
            "Last-Translator": "",
            "Language-Team": known.name,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Language": language,
            "Plural-Forms": known.plural_forms,
        }
    return render_catalog(catalog)


_ROTATIONS = {"ro": 3, "de": 5, "fr": 7, "it": 11, "es": 13, "sv": 17}
_GREEK = "αβγδεζηθικλμνξοπρστυφχψωάέ"


def _table(language: str) -> dict[int, int]:
    lower = "abcdefghijklmnopqrstuvwxyz"
    if language == "el":
        target = _GREEK
        return {**str.maketrans(lower, target), **str.maketrans(lower.upper(), target.upper())}
    shift = _ROTATIONS[language]
    rotated = lower[shift:] + lower[:shift]
    return {**str.maketrans(lower, rotated), **str.maketrans(lower.upper(), rotated.upper())}


def translate(text: str, table: dict[int, int]) -> str:
    """A stand-in translation: letters substituted, length and punctuation kept."""
    return text.translate(table)


def catalog_texts(units: list[Unit], language: str, rng: random.Random) -> list[Translation]:
    """A translation state and text for each unit, in the language's mix."""
    table = _table(language)
    nplurals = get_language(language).nplurals  # type: ignore[union-attr]
    weights = STATE_MIX[language]
    out: list[Translation] = []
    for unit in units:
        state = rng.choices(STATES, weights)[0]
        if unit.plural is not None:
            forms = [
                translate(unit.source if index == 0 else unit.plural, table)
                for index in range(nplurals)
            ]
            out.append(
                Translation("translated", forms)
                if state != "missing"
                else Translation("missing", [""] * nplurals)
            )
        elif state == "translated":
            out.append(Translation(state, translate(unit.source, table)))
        elif state == "copied":
            out.append(Translation(state, unit.source))
        elif state == "needs-review":
            out.append(Translation(state, translate(unit.source, table)))
        elif state == "stale":
            previous = small_edit(unit.source, rng)
            out.append(Translation(state, translate(previous, table), previous))
        else:
            out.append(Translation("missing", ""))
    return out


def write_catalogs(
    site_dir: Path, seed: int, languages: tuple[str, ...], templates_only: bool = False
) -> dict[str, int]:
    """Every template and (unless templates_only) every language's catalog of a site."""
    config = load_config(site_dir / "config.yaml")
    site = load_site(config)
    pot_header = _header_text(None)
    counts = {state: 0 for state in STATES}
    for domain, units in site.templates.items():
        path = pot_path(config, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join("\n" + render_entry(unit, None) for unit in units)
        path.write_text(pot_header.replace(_PLACEHOLDER, domain) + body, encoding="utf-8")
    if templates_only:
        return counts
    for language in languages:
        rng = random.Random(f"{seed}:{language}")
        header = _header_text(language)
        for domain, units in site.templates.items():
            texts = catalog_texts(units, language, rng)
            for text in texts:
                counts[text.state] += 1
            path = po_path(config, language, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            body = "".join(
                "\n" + render_entry(unit, text) for unit, text in zip(units, texts, strict=True)
            )
            path.write_text(header.replace(_PLACEHOLDER, domain) + body, encoding="utf-8")
    return counts


def disk_size(folder: Path, pattern: str) -> int:
    return sum(path.stat().st_size for path in folder.rglob(pattern))


def generate(size: int, out: Path, seed: int) -> dict[str, object]:
    """Write v1, v2, truth.json and manifest.json under `out` (replacing what was there)."""
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(f"{seed}:{size}")
    first = build_site(size, rng)
    truth = Truth()
    second = edit_site(first, rng, truth)
    for name, model in (("v1", first), ("v2", second)):
        write_content(model, out / name / "content")
        write_config(out / name)
    counts = write_catalogs(out / "v1", seed, LANGUAGES)
    write_catalogs(out / "v2", seed, LANGUAGES, templates_only=True)
    (out / "truth.json").write_text(
        json.dumps({"pairs": truth.pairs}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    kinds: dict[str, int] = {}
    for pair in truth.pairs:
        kinds[str(pair["kind"])] = kinds.get(str(pair["kind"]), 0) + 1
    v1 = load_site(load_config(out / "v1" / "config.yaml"))
    manifest: dict[str, object] = {
        "size": size,
        "seed": seed,
        "languages": list(LANGUAGES),
        "units": sum(len(units) for units in v1.templates.values()),
        "units_by_kind": {
            kind: sum(
                len(units) for domain, units in v1.templates.items() if v1.kinds[domain] == kind
            )
            for kind in ("menu", "ui", "article")
        },
        "articles": len(first.articles),
        "entries_by_state": counts,
        "truth": kinds,
        "catalog_bytes": disk_size(out / "v1" / "catalogs", "*.po"),
        "template_bytes": disk_size(out / "v1" / "catalogs", "*.pot"),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def parse_size(text: str) -> int:
    if text in SIZES:
        return SIZES[text]
    value = text.lower().replace("_", "")
    return int(float(value[:-1]) * 1000) if value.endswith("k") else int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", default="1k", help="units: 1k, 10k, 100k (or a number)")
    parser.add_argument("--out", help="output folder (default: bench/data/<size>)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = parse_size(args.size)
    out = Path(args.out) if args.out else Path(__file__).parent / "data" / args.size
    manifest = generate(size, out, args.seed)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
