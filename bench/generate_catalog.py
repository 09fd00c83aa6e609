"""Generate the other shape of project: one large catalog per language (and domain).

    python -m bench.generate_catalog --size 10k [--shape catalog|domains] [--out DIR]

Most gettext projects (Django, Sphinx, any application) keep one catalog per language and
domain, with thousands of entries, each with its own msgctxt and a `#:` reference, adopted
through `content.templates`. Shape `catalog` is one domain; shape `domains` is four large
domains of uneven size (50 %, 25 %, 15 %, 10 %). Writes, under the output folder, what
bench/generate.py writes for the site shape, so that bench/run.py measures both alike:

- `v1/`: config.yaml adopting `content/<domain>.pot`, the templates, and a catalog per
  language with ~70 % translated, 10 % fuzzy with `#| msgid`, 15 % empty and 5 % copies;
  catalogs about 1 KB an entry (labels, sentences and paragraphs);
- `v2/`: the next template: 5 % of entries edited by one word, 2 % rewritten, 3 % removed,
  3 % added and 1 % added as near-copies (one word changed) of a sentence still in use;
  references move with the lines around them;
- `truth.json`: which old string became which new one (`edited`, `rewritten`, `deleted`,
  `inserted`, and `near-copy` with the source it copies);
- `manifest.json`: the seed, the counts and the catalogs' size on disk.

The same size, shape and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bench import words
from bench.generate import (
    _PLACEHOLDER,
    LANGUAGES,
    PROJECT,
    Translation,
    Truth,
    _header_text,
    _one_edit,
    _table,
    disk_size,
    parse_size,
    render_entry,
    translate,
)
from l10n.model import Unit

SHAPES: dict[str, dict[str, float]] = {
    "catalog": {"messages": 1.0},
    "domains": {"django": 0.50, "admin": 0.25, "djangojs": 0.15, "docs": 0.10},
}
# Translation states of each language's catalog (all languages alike, each its own draw).
STATE_MIX = {"translated": 0.70, "stale": 0.10, "missing": 0.15, "copied": 0.05}
# What the next template does to each entry, and what it adds after it.
EDITED, REWRITTEN, REMOVED, ADDED, NEAR_COPIES = 0.05, 0.02, 0.03, 0.03, 0.01
MODULES = ("accounts", "billing", "catalog", "checkout", "forms", "help", "search", "admin")


@dataclass(frozen=True)
class Message:
    """One entry of a template: its identity, English, form and the file it is used in."""

    context: str
    text: str
    form: str  # "label", "sentence", "paragraph"
    source_file: str
    note: str | None = None


def _text(form: str, rng: random.Random) -> str:
    if form == "label":
        return words.short_phrase(rng, 1, 4)
    if form == "sentence":
        return words.sentence(rng)
    return words.paragraph(rng, (8, 17))


def _form(rng: random.Random) -> str:
    roll = rng.random()
    return "label" if roll < 0.3 else "sentence" if roll < 0.6 else "paragraph"


def build_domain(domain: str, count: int, rng: random.Random) -> list[Message]:
    """`count` messages in source files of 5-40 messages each, each with its own msgctxt."""
    messages: list[Message] = []
    file_number = 0
    while len(messages) < count:
        module = rng.choice(MODULES)
        source_file = f"src/{module}/{rng.choice(words.NOUNS).replace(' ', '_')}_{file_number}.py"
        file_number += 1
        for _ in range(min(rng.randint(5, 40), count - len(messages))):
            form = _form(rng)
            name = rng.choice(words.NOUNS).replace(" ", "_")
            short = form == "label" and rng.random() < 0.1
            messages.append(
                Message(
                    f"{domain}.{module}.{name}_{len(messages)}",
                    _text(form, rng),
                    form,
                    source_file,
                    "Translators: keep it short" if short else None,
                )
            )
    return messages


def one_word_edit(text: str, rng: random.Random) -> str:
    """A word replaced, inserted or removed, or a number changed: one edit, never none."""
    for _ in range(20):
        tokens = text.split(" ")
        _one_edit(tokens, rng)
        edited = " ".join(token for token in tokens if token)
        if edited != text and edited.strip():
            return edited
    return text + " now"


def edit_domain(
    domain: str, messages: list[Message], rng: random.Random, truth: Truth
) -> list[Message]:
    """The next template of a domain, each change recorded in `truth`."""
    stays = [m for m in messages if m.form != "label"]
    new: list[Message] = []
    added = 0
    for message in messages:
        roll = rng.random()
        if roll < EDITED:
            text = one_word_edit(message.text, rng)
            truth.add(domain, message.context, message.text, text, "edited")
            new.append(replace(message, text=text))
        elif roll < EDITED + REWRITTEN:
            text = _text(message.form, rng)
            truth.add(domain, message.context, message.text, text, "rewritten")
            new.append(replace(message, text=text))
        elif roll < EDITED + REWRITTEN + REMOVED:
            truth.add(domain, message.context, message.text, None, "deleted")
        else:
            new.append(message)
        roll = rng.random()
        if roll < ADDED + NEAR_COPIES:
            added += 1
            context = f"{domain}.{message.source_file.split('/')[1]}.added_{added}"
            if roll < ADDED:
                form = _form(rng)
                fresh = Message(context, _text(form, rng), form, message.source_file)
                truth.add(domain, context, None, fresh.text, "inserted")
            else:
                source = rng.choice(stays)
                fresh = Message(
                    context, one_word_edit(source.text, rng), source.form, message.source_file
                )
                truth.add(domain, context, source.text, fresh.text, "near-copy")
            new.append(fresh)
    changed = {pair["old"] for pair in truth.pairs if pair["kind"] != "near-copy"}
    return _near_copies_of_kept(new, changed, truth, domain)


def _near_copies_of_kept(
    messages: list[Message], changed: set[str | None], truth: Truth, domain: str
) -> list[Message]:
    """Near-copies must copy a string still in use: drop those whose source changed."""
    dropped = {
        pair["context"]
        for pair in truth.pairs
        if pair["kind"] == "near-copy" and pair["domain"] == domain and pair["old"] in changed
    }
    truth.pairs[:] = [
        pair
        for pair in truth.pairs
        if not (pair["kind"] == "near-copy" and pair["context"] in dropped)
    ]
    return [message for message in messages if message.context not in dropped]


def units_of(domain: str, messages: list[Message]) -> list[Unit]:
    """The template's units, each referenced by its file and a line that follows its place."""
    lines: dict[str, int] = {}
    units: list[Unit] = []
    for message in messages:
        line = lines[message.source_file] = lines.get(message.source_file, 4) + 7
        units.append(
            Unit(
                domain,
                message.context,
                message.text,
                "ui",
                [f"{message.source_file}:{line}"],
                [message.note] if message.note else [],
                identity_is_context=False,
            )
        )
    return units


def catalog_texts(units: list[Unit], language: str, rng: random.Random) -> list[Translation]:
    """A state and text for each unit in STATE_MIX; a fuzzy entry was translated from an
    English one word away."""
    table = _table(language)
    states, weights = list(STATE_MIX), list(STATE_MIX.values())
    out: list[Translation] = []
    for unit in units:
        state = rng.choices(states, weights)[0]
        if state == "translated":
            out.append(Translation(state, translate(unit.source, table)))
        elif state == "copied":
            out.append(Translation(state, unit.source))
        elif state == "stale":
            previous = one_word_edit(unit.source, rng)
            out.append(Translation(state, translate(previous, table), previous))
        else:
            out.append(Translation("missing", ""))
    return out


def write_config(folder: Path, domains: list[str]) -> None:
    languages = ", ".join(f'"{code}"' for code in LANGUAGES)
    templates = "".join(
        f"    - {{path: content/{domain}.pot, domain: {domain}, kind: ui}}\n" for domain in domains
    )
    (folder / "config.yaml").write_text(
        f"# A generated application (bench/generate_catalog.py).\nproject: {PROJECT}\n"
        f'source: "en"\nlanguages: [{languages}]\n\ncontent:\n  templates:\n{templates}\n'
        "catalogs: catalogs\n\nsync:\n  fuzzy_threshold: 75\n\nstatus:\n  copy_threshold: 95\n",
        encoding="utf-8",
    )


def write_version(
    folder: Path, templates: dict[str, list[Unit]], seed: int, with_catalogs: bool
) -> dict[str, int]:
    """config.yaml, content/<domain>.pot (the adopted templates, also as catalogs/<domain>.pot
    for msgmerge) and, with_catalogs, every language's catalog."""
    (folder / "content").mkdir(parents=True, exist_ok=True)
    write_config(folder, list(templates))
    (folder / "catalogs").mkdir(parents=True, exist_ok=True)
    pot_header = _header_text(None)
    for domain, units in templates.items():
        text = pot_header.replace(_PLACEHOLDER, domain) + "".join(
            "\n" + render_entry(unit, None) for unit in units
        )
        for path in (folder / "content" / f"{domain}.pot", folder / "catalogs" / f"{domain}.pot"):
            path.write_text(text, encoding="utf-8")
    counts = dict.fromkeys(STATE_MIX, 0)
    if not with_catalogs:
        return counts
    for language in LANGUAGES:
        rng = random.Random(f"{seed}:{language}")
        header = _header_text(language)
        folder_lang = folder / "catalogs" / language / "LC_MESSAGES"
        folder_lang.mkdir(parents=True, exist_ok=True)
        for domain, units in templates.items():
            texts = catalog_texts(units, language, rng)
            for translation in texts:
                counts[translation.state] += 1
            body = "".join(
                "\n" + render_entry(unit, translation)
                for unit, translation in zip(units, texts, strict=True)
            )
            (folder_lang / f"{domain}.po").write_text(
                header.replace(_PLACEHOLDER, domain) + body, encoding="utf-8"
            )
    return counts


def generate(size: int, out: Path, seed: int, shape: str = "catalog") -> dict[str, object]:
    """Write v1, v2, truth.json and manifest.json under `out` (replacing what was there)."""
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(f"{seed}:{size}:{shape}")
    truth = Truth()
    first: dict[str, list[Unit]] = {}
    second: dict[str, list[Unit]] = {}
    for domain, share in SHAPES[shape].items():
        messages = build_domain(domain, max(1, round(size * share)), rng)
        first[domain] = units_of(domain, messages)
        second[domain] = units_of(domain, edit_domain(domain, messages, rng, truth))
    counts = write_version(out / "v1", first, seed, with_catalogs=True)
    write_version(out / "v2", second, seed, with_catalogs=False)
    (out / "truth.json").write_text(
        json.dumps({"pairs": truth.pairs}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    kinds: dict[str, int] = {}
    for pair in truth.pairs:
        kinds[str(pair["kind"])] = kinds.get(str(pair["kind"]), 0) + 1
    units = sum(len(domain_units) for domain_units in first.values())
    manifest: dict[str, object] = {
        "shape": shape,
        "size": size,
        "seed": seed,
        "languages": list(LANGUAGES),
        "units": units,
        "units_by_kind": {"ui": units},
        "domains": len(first),
        "articles": 0,
        "entries_by_state": counts,
        "truth": kinds,
        "catalog_bytes": disk_size(out / "v1" / "catalogs", "*.po"),
        "template_bytes": disk_size(out / "v1" / "catalogs", "*.pot"),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate_catalog",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", default="1k", help="entries: 1k, 10k, 100k (or a number)")
    parser.add_argument("--shape", default="catalog", choices=sorted(SHAPES))
    parser.add_argument("--out", help="output folder (default: bench/data/<size>-<shape>)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = (
        Path(args.out) if args.out else Path(__file__).parent / "data" / f"{args.size}-{args.shape}"
    )
    print(json.dumps(generate(parse_size(args.size), out, args.seed, args.shape), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
