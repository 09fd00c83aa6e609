"""The site's glossary: terms with their approved translations, and do-not-translate terms.

One model, three file formats, chosen by suffix (`load_glossary`):

YAML (`.yaml`, `.yml`), the bundled form::

    terms:
      - term: Blended Intensive Programme     # the English text, as it appears in sources
        variants: [Blended Intensive Programmes]   # other English forms (plural…), optional
        translations:                         # language code -> approved form(s)
          ro: Program Intensiv Mixt           # a string, or a list of accepted forms
          de: [Form A, Form B]                # (inflected languages need several)
        case_sensitive: false                 # default: true for dnt terms, false otherwise
        note: free text for translators       # optional
      - term: CIVIS
        dnt: true                             # do not translate: must appear unchanged

Language codes are read as text (`no` stays Norwegian, not `False`); duplicate keys and
unknown keys are errors that name the file and line (1-based).

TBX (`.tbx`, `.xml`): `termEntry` / `langSet xml:lang="…"` / `tig` or `ntig/termGrp` /
`term` (TBX v3's `conceptEntry` / `langSec` / `termSec` / `term` too). The first term of
the source language is the term, further ones are variants. An
entry is do-not-translate when it holds a `descrip`, `termNote` or `note` whose `type` is
`doNotTranslate` or `dnt` (text `true`/`yes`/`1`, or empty), or whose text is
"do not translate".

CSV (`.csv`): a header row of language codes (the source language column is required),
optional columns `dnt` (`yes`/`true`/`1`/`x`), `case_sensitive` and `note`; several
accepted forms in one cell are separated by ` | `.

Matching uses word boundaries, longest term first, so "Universität Salzburg" inside
"Paris Lodron Universität Salzburg" counts once, for the longer term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.errors import ConfigError
from l10n.yamlio import reader_problem

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    import yaml  # imported when a YAML glossary is read: the copy rule is kept without it

TRUE_WORDS = frozenset({"true", "yes", "1", "x", "y", "on"})
FALSE_WORDS = frozenset({"false", "no", "0", "", "n", "off"})
TERM_KEYS = ("term", "variants", "translations", "dnt", "case_sensitive", "note")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Term:
    """One glossary entry: an English term, its approved translations or a dnt mark."""

    term: str
    variants: tuple[str, ...] = ()
    translations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    dnt: bool = False
    case_sensitive: bool = False
    note: str = ""
    line: int | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """The English forms: the term and its variants."""
        return (self.term, *self.variants)

    def translations_for(self, language: str) -> tuple[str, ...]:
        """Accepted forms for `language`: exact code, else same primary subtag (ro ~ ro-ro)."""
        code = normalize_language(language)
        if code in self.translations:
            return self.translations[code]
        primary = code.split("-")[0]
        same = [forms for key, forms in self.translations.items() if key.split("-")[0] == primary]
        return tuple(form for forms in same for form in forms)

    def appears_in(self, text: str, forms: Sequence[str]) -> bool:
        """True when one of `forms` occurs in `text` as a whole word."""
        return any(term_pattern(form, self.case_sensitive).search(text) for form in forms)


@dataclass(frozen=True)
class TermMatch:
    """Where a glossary term occurs in a source text."""

    term: Term
    start: int
    end: int


@dataclass(frozen=True)
class Glossary:
    """All terms of a site; `find` locates them in an English text."""

    terms: tuple[Term, ...] = ()
    path: Path | None = None

    @cached_property
    def _forms_longest_first(self) -> list[tuple[re.Pattern[str], Term]]:
        pairs = [(form, term) for term in self.terms for form in term.forms]
        pairs.sort(key=lambda pair: -len(pair[0]))
        return [(term_pattern(form, term.case_sensitive), term) for form, term in pairs]

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping term occurrences in `text`, longest terms winning, in text order."""
        taken: list[TermMatch] = []
        for pattern, term in self._forms_longest_first:
            for hit in pattern.finditer(text):
                if not any(hit.start() < m.end and m.start < hit.end() for m in taken):
                    taken.append(TermMatch(term, hit.start(), hit.end()))
        return sorted(taken, key=lambda m: m.start)

    def dnt_forms(self) -> tuple[str, ...]:
        """Every English form of every do-not-translate term (for copy-of-source)."""
        return tuple(form for term in self.terms if term.dnt for form in term.forms)


def normalize_language(code: str) -> str:
    """`en_GB` and `EN-gb` both become `en-gb`."""
    return code.strip().replace("_", "-").lower()


def term_pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    """A regex for `form` as a whole word (letters/digits may not touch either end)."""
    return _compiled(form, case_sensitive)


_PATTERN_CACHE: dict[tuple[str, bool], re.Pattern[str]] = {}


def _compiled(form: str, case_sensitive: bool) -> re.Pattern[str]:
    key = (form, case_sensitive)
    if key not in _PATTERN_CACHE:
        flags = 0 if case_sensitive else re.IGNORECASE
        words = r"\s+".join(re.escape(word) for word in form.split())
        _PATTERN_CACHE[key] = re.compile(whole_word(words), flags)
    return _PATTERN_CACHE[key]


def whole_word(words: str) -> str:
    r"""`(?<!\w)WORDS(?!\w)`, its look behind written after the first character of WORDS (one
    character, or two for an escape; never a line break, which `.` would not match), so that
    a search skips to that character instead of trying every position: four times faster."""
    if not words:
        return r"(?<!\w)(?!\w)"
    first = 2 if words.startswith("\\") else 1
    return words[:first] + r"(?<!\w.)" + words[first:] + r"(?!\w)"


def load_glossary(path: Path | str, source_language: str = "en") -> Glossary:
    """Read a glossary file (YAML, TBX or CSV, by suffix); errors name the file and line."""
    glossary_path = Path(path)
    try:
        text = glossary_path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("glossary file not found", glossary_path) from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ConfigError("glossary is not valid UTF-8", glossary_path, line) from None
    except OSError as error:
        raise ConfigError(f"cannot read glossary: {error}", glossary_path) from None
    suffix = glossary_path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        terms = parse_yaml(text, glossary_path)
    elif suffix in (".tbx", ".xml"):
        terms = parse_tbx(text, glossary_path, source_language)
    elif suffix == ".csv":
        terms = parse_csv(text, glossary_path, source_language)
    else:
        raise ConfigError(f"unknown glossary format {suffix!r}: use .yaml, .tbx or .csv", path)
    return Glossary(tuple(terms), glossary_path)


# --- YAML -----------------------------------------------------------------------------


def parse_yaml(text: str, path: Path) -> list[Term]:
    """Build terms from the YAML form, walking nodes so every error has a line."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise ConfigError(_yaml_problem(error), path, _mark_line(error)) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise ConfigError(f"invalid YAML: {reader_problem(error)}", path, line) from None
    if root is None:
        return []
    top = _mapping(root, path, "the glossary")
    unknown = [key for key in top if key != "terms"]
    if unknown:
        raise _unknown_key(unknown[0], ("terms",), top[unknown[0]][0], path)
    if "terms" not in top:
        return []
    entries = top["terms"][1]
    if not isinstance(entries, yaml.SequenceNode):
        raise ConfigError("'terms' must be a list", path, _line(entries))
    terms = [_yaml_term(node, path) for node in entries.value]
    _reject_duplicate_terms(terms, path)
    return terms


def _mark_line(error: yaml.MarkedYAMLError) -> int | None:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark is not None else None


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    """The problem, and where the construct it broke began (an unclosed quote's line)."""
    where = ""
    if error.context and error.context_mark is not None:
        where = f" ({error.context} from line {error.context_mark.line + 1})"
    return f"invalid YAML: {error.problem}{where}"


def _yaml_term(node: yaml.Node, path: Path) -> Term:
    fields = _mapping(node, path, "a term")
    for key, (key_node, _) in fields.items():
        if key not in TERM_KEYS:
            raise _unknown_key(key, TERM_KEYS, key_node, path)
    if "term" not in fields:
        raise ConfigError("a term entry needs 'term'", path, _line(node))
    dnt = _bool(fields, "dnt", False, path)
    return Term(
        term=_scalar(fields["term"][1], path, "term"),
        variants=tuple(_strings(fields["variants"][1], path)) if "variants" in fields else (),
        translations=_yaml_translations(fields, path),
        dnt=dnt,
        case_sensitive=_bool(fields, "case_sensitive", dnt, path),
        note=_scalar(fields["note"][1], path, "note") if "note" in fields else "",
        line=_line(node),
    )


def _yaml_translations(
    fields: dict[str, tuple[yaml.Node, yaml.Node]], path: Path
) -> dict[str, tuple[str, ...]]:
    if "translations" not in fields:
        return {}
    by_language = _mapping(fields["translations"][1], path, "'translations'")
    return {
        normalize_language(code): tuple(_strings(value, path))
        for code, (_, value) in by_language.items()
    }


def _mapping(node: yaml.Node, path: Path, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{what} must be a mapping", path, _line(node))
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, path, "key")
        if key in fields:
            raise ConfigError(f"duplicate key {key!r}", path, _line(key_node))
        fields[key] = (key_node, value_node)
    return fields


def _scalar(node: yaml.Node, path: Path, what: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ConfigError(f"{what} must be a non-empty text", path, _line(node))
    return str(node.value).strip()


def _strings(node: yaml.Node, path: Path) -> Iterator[str]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield _scalar(item, path, "a list item")
    else:
        yield _scalar(node, path, "a translation")


def _bool(
    fields: dict[str, tuple[yaml.Node, yaml.Node]], key: str, default: bool, path: Path
) -> bool:
    if key not in fields:
        return default
    value = _scalar(fields[key][1], path, key).lower()
    if value not in TRUE_WORDS | FALSE_WORDS:
        raise ConfigError(
            f"{key!r} must be true or false, not {value!r}", path, _line(fields[key][1])
        )
    return value in TRUE_WORDS


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _unknown_key(key: str, valid: Sequence[str], node: yaml.Node, path: Path) -> ConfigError:
    from difflib import get_close_matches

    close = get_close_matches(key, valid, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(valid)}"
    return ConfigError(f"unknown key {key!r}{hint}", path, _line(node))


def _reject_duplicate_terms(terms: Sequence[Term], path: Path) -> None:
    seen: dict[str, Term] = {}
    for term in terms:
        for form in term.forms:
            key = form.casefold()
            if key in seen and seen[key] is not term:
                message = f"term {form!r} is already defined (line {seen[key].line})"
                raise ConfigError(message, path, term.line)
            seen[key] = term


# --- TBX ------------------------------------------------------------------------------


def parse_tbx(text: str, path: Path, source_language: str = "en") -> list[Term]:
    """Build terms from TermBase eXchange XML (namespaces ignored)."""
    import xml.etree.ElementTree as ET  # only for a TBX glossary

    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ConfigError(f"invalid TBX: {error.msg}", path, error.position[0]) from None
    source = normalize_language(source_language)
    terms = []
    for entry in (el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")):
        term = _tbx_entry(entry, source, path)
        if term is not None:
            terms.append(term)
    return terms


def _tbx_entry(entry: Element, source: str, path: Path) -> Term | None:
    by_language: dict[str, list[str]] = {}
    for lang_set in (el for el in entry.iter() if _local(el.tag) in ("langSet", "langSec")):
        code = normalize_language(lang_set.get(XML_LANG) or lang_set.get("lang") or "")
        if not code:
            raise ConfigError("a langSet has no xml:lang", path)
        words = [
            "".join(el.itertext()).strip() for el in lang_set.iter() if _local(el.tag) == "term"
        ]
        by_language.setdefault(code, []).extend(word for word in words if word)
    source_codes = [code for code in by_language if code.split("-")[0] == source.split("-")[0]]
    english = [word for code in source_codes for word in by_language.pop(code)]
    if not english:
        return None
    return Term(
        term=english[0],
        variants=tuple(english[1:]),
        translations={code: tuple(forms) for code, forms in by_language.items() if forms},
        dnt=_tbx_is_dnt(entry),
    )


def _tbx_is_dnt(entry: Element) -> bool:
    for el in entry.iter():
        if _local(el.tag) not in ("descrip", "termNote", "note"):
            continue
        kind = (el.get("type") or "").replace("-", "").replace("_", "").lower()
        value = "".join(el.itertext()).strip().lower()
        if kind in ("donottranslate", "dnt") and value in TRUE_WORDS | {""}:
            return True
        if value in ("do not translate", "do-not-translate", "donottranslate"):
            return True
    return False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --- CSV ------------------------------------------------------------------------------


def parse_csv(text: str, path: Path, source_language: str = "en") -> list[Term]:
    """Build terms from a CSV with a header row of language codes."""
    import csv  # only for a CSV glossary

    reader = csv.reader(text.splitlines())
    header = [normalize_language(cell) for cell in next(reader, [])]
    source = normalize_language(source_language)
    if source not in header:
        raise ConfigError(f"the header row has no {source!r} column", path, 1)
    terms = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ConfigError(f"{len(row)} cells but {len(header)} columns", path, reader.line_num)
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        terms.append(_csv_term(cells, source, path, reader.line_num))
    _reject_duplicate_terms(terms, path)
    return terms


def _csv_term(cells: dict[str, str], source: str, path: Path, line: int) -> Term:
    english = _split_forms(cells.get(source, ""))
    if not english:
        raise ConfigError(f"the {source!r} cell is empty", path, line)
    for flag in ("dnt", "case_sensitive"):
        if cells.get(flag, "").lower() not in TRUE_WORDS | FALSE_WORDS:
            raise ConfigError(f"{flag!r} must be yes or no, not {cells[flag]!r}", path, line)
    dnt = cells.get("dnt", "").lower() in TRUE_WORDS
    case = cells.get("case_sensitive", "")
    meta = {source, "dnt", "case_sensitive", "note"}
    return Term(
        term=english[0],
        variants=english[1:],
        translations={
            code: _split_forms(value)
            for code, value in cells.items()
            if code not in meta and _split_forms(value)
        },
        dnt=dnt,
        case_sensitive=case.lower() in TRUE_WORDS if case else dnt,
        note=cells.get("note", ""),
        line=line,
    )


def _split_forms(cell: str) -> tuple[str, ...]:
    return tuple(form.strip() for form in cell.split("|") if form.strip())
