"""Good and bad examples for every registered check, in one table, run through the runner."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from l10n.checks import CHECKS, Check, CheckContext, CheckSettings, CheckUnit, run_checks
from l10n.glossary import Glossary, Term

GLOSSARY = Glossary(
    (
        Term("CIVIS", dnt=True, case_sensitive=True),
        Term("BIP", variants=("BIPs",), dnt=True, case_sensitive=True),
        Term("Blended Intensive Programme", translations={"ro": ("Program Intensiv Mixt",)}),
    )
)
SETTINGS = CheckSettings(context=CheckContext(glossary=GLOSSARY, same_words=("Agora Live",)))


def unit(
    source: str,
    *targets: str,
    plural: str | None = None,
    language: str = "ro",
    kind: str = "ui",
    flags: tuple[str, ...] = (),
    nplurals: int | None = None,
    context: str | None = None,
    meaning: str | None = None,
) -> CheckUnit:
    """A unit with sensible defaults; several targets make a plural unit.

    `meaning` is the msgctxt of an adopted catalog's entry (it becomes the context too).
    """
    context = meaning if meaning is not None else context
    return CheckUnit(
        context=context,
        source=source,
        source_plural=plural,
        targets=targets,
        language=language,
        kind=kind,
        flags=frozenset(flags),
        nplurals=nplurals if nplurals is not None else max(len(targets), 2 if plural else 1),
        meaning=meaning,
    )


@dataclass(frozen=True)
class Example:
    check_id: str
    units: tuple[CheckUnit, ...]
    bad: bool
    note: str


def good(check_id: str, note: str, *units: CheckUnit) -> Example:
    return Example(check_id, units, False, note)


def bad(check_id: str, note: str, *units: CheckUnit) -> Example:
    return Example(check_id, units, True, note)


def pl(source: str, *targets: str) -> CheckUnit:
    """A Romanian plural unit (three forms) whose English plural is "{n} files"."""
    return unit(source, *targets, plural="{n} files", nplurals=3)


EXAMPLES = [
    # placeholders
    good("placeholders", "brace kept", unit("Hello {name}", "Salut {name}")),
    good("placeholders", "reordered positional", unit("%1$s of %2$s", "%2$s din %1$s")),
    good("placeholders", "percent prose", unit("50% of students", "50% dintre studenți")),
    good("placeholders", "escaped %%", unit("%d%% done", "gata %d%%", flags=("c-format",))),
    good(
        "placeholders",
        "singular may omit",
        pl("{n} file", "un fișier", "{n} fișiere", "{n} de fișiere"),
    ),
    bad("placeholders", "renamed brace", unit("Hello {name}", "Salut {nume}")),
    good("placeholders", "non-ASCII name kept", unit("{année} report", "Raport {année}")),
    bad("placeholders", "non-ASCII name lost", unit("{année} report", "Raport anual")),
    bad(
        "placeholders",
        "non-ASCII %(name)s lost",
        unit("By %(όνομα)s", "De", flags=("python-format",)),
    ),
    bad("placeholders", "lost %(name)s", unit("By %(name)s", "De", flags=("python-format",))),
    bad("placeholders", "lost %s", unit("Saved %s", "Salvat", flags=("c-format",))),
    bad("placeholders", "jinja lost", unit("Hi {{ user }}", "Salut")),
    bad(
        "placeholders",
        "plural form lost it",
        pl("{n} file", "un fișier", "fișiere", "{n} de fișiere"),
    ),
    # markdown
    good("markdown", "link text translated", unit("[Apply](/apply) now", "[Aplică](/apply) acum")),
    good("markdown", "emphasis kept", unit("**Deadline** is *soon*", "**Termenul** e *curând*")),
    good("markdown", "snake_case is not emphasis", unit("Use my_var_name", "Folosiți my_var_name")),
    bad("markdown", "link URL changed", unit("[Apply](/apply)", "[Aplică](/aplica)")),
    bad("markdown", "strong lost", unit("**Deadline**", "Termen")),
    bad("markdown", "code translated", unit("Run `l10n sync`", "Rulați `l10n sincronizare`")),
    bad(
        "markdown",
        "plural link lost",
        unit(
            "[{n} file](/f)",
            "[un fișier](/f)",
            "{n} fișiere",
            "[{n} de fișiere](/f)",
            plural="[{n} files](/f)",
            nplurals=3,
        ),
    ),
    # html
    good("html", "tags kept", unit("<b>Apply</b> now<br/>", "<b>Aplică</b> acum<br/>")),
    good(
        "html", "attributes may change", unit('<a href="/x">x</a>', '<a class="y" href="/x">y</a>')
    ),
    bad("html", "closing tag lost", unit("<b>Apply</b>", "<b>Aplică")),
    bad("html", "tag added", unit("Apply", "<i>Aplică</i>")),
    bad(
        "html",
        "plural tag lost",
        unit(
            "<b>{n}</b> file",
            "<b>un</b> fișier",
            "{n} fișiere",
            "<b>{n}</b> de fișiere",
            plural="<b>{n}</b> files",
            nplurals=3,
        ),
    ),
    # urls
    good("urls", "URL kept", unit("See https://civis.eu.", "Vezi https://civis.eu.")),
    bad("urls", "URL changed", unit("See https://civis.eu/en", "Vezi https://civis.eu/ro")),
    bad(
        "urls",
        "plural URL lost",
        unit(
            "{n} at www.civis.eu",
            "{n} la",
            "{n} la www.civis.eu",
            "{n} la www.civis.eu",
            plural="{n} at www.civis.eu",
            nplurals=3,
        ),
    ),
    # emails
    good("emails", "address kept", unit("Write to info@civis.eu.", "Scrieți la info@civis.eu.")),
    bad("emails", "address changed", unit("Write to info@civis.eu", "Scrieți la info@civis.ro")),
    bad(
        "emails",
        "plural address lost",
        unit(
            "{n} mail to a@civis.eu",
            "un e-mail la a@civis.eu",
            "{n} e-mailuri",
            plural="{n} mails to a@civis.eu",
        ),
    ),
    # numbers
    good("numbers", "separators differ", unit("1,000 students", "1.000 de studenți")),
    good("numbers", "decimal comma", unit("3.5 ECTS", "3,5 ECTS")),
    good("numbers", "placeholders ignored", unit("%1$s items", "%1$s elemente")),
    bad("numbers", "number changed", unit("11 universities", "10 universități")),
    bad(
        "numbers",
        "plural number changed",
        unit("1 of {n}", "1 din {n}", "2 din {n}", plural="1 of {n}", nplurals=2),
    ),
    # whitespace
    good("whitespace", "same edges", unit(" next ", " următorul ")),
    bad("whitespace", "trailing space added", unit("Next", "Următorul ")),
    bad("whitespace", "double space", unit("Apply now", "Aplică  acum")),
    bad(
        "whitespace",
        "plural leading space",
        pl("{n} file", "un fișier", " {n} fișiere", "{n} de fișiere"),
    ),
    # newlines
    good("newlines", "paragraphs kept", unit("One.\n\nTwo.", "Unu.\n\nDoi.", kind="article")),
    bad("newlines", "paragraph lost", unit("One.\n\nTwo.", "Unu. Doi.", kind="article")),
    bad(
        "newlines",
        "plural line break added",
        pl("{n} file", "un fișier", "{n}\nfișiere", "{n} de fișiere"),
    ),
    # brackets
    good("brackets", "balanced", unit("Apply (today)", "Aplică (azi)")),
    good("brackets", "source unbalanced too", unit("1) first", "1) primul")),
    bad("brackets", "unclosed", unit("Apply (today)", "Aplică (azi")),
    bad("brackets", "guillemets", unit("The 'Agora'", "L'« Agora", language="fr")),
    bad(
        "brackets",
        "plural unclosed",
        pl("{n} file", "un fișier (1", "{n} fișiere", "{n} de fișiere"),
    ),
    # end-punctuation
    good("end-punctuation", "same stop", unit("Apply now.", "Aplică acum.")),
    good("end-punctuation", "Greek question", unit("Where?", "Πού;", language="el")),
    good("end-punctuation", "Greek U+037E", unit("Where?", "Πού\u037e", language="el")),
    good("end-punctuation", "French nbsp", unit("Where?", "Où\u00a0?", language="fr")),
    good("end-punctuation", "French narrow nbsp", unit("Note:", "Note\u202f:", language="fr")),
    good("end-punctuation", "Spanish ¿", unit("Where?", "¿Dónde?", language="es")),
    good("end-punctuation", "ellipsis forms", unit("More...", "Mai mult…")),
    good("end-punctuation", "Chinese stop", unit("Saved.", "已保存。", language="zh_Hans")),
    good("end-punctuation", "Japanese colon", unit("Note:", "注意：", language="ja")),
    good("end-punctuation", "Chinese question", unit("Delete?", "删除？", language="zh_Hans")),
    good("end-punctuation", "Nepali danda", unit("Saved.", "सुरक्षित गरियो।", language="ne")),
    good("end-punctuation", "Urdu stop", unit("Saved.", "محفوظ ہو گیا۔", language="ur")),
    good("end-punctuation", "Armenian stop", unit("Saved.", "Պահպանված է։", language="hy")),
    good("end-punctuation", "Arabic question", unit("Delete?", "حذف؟", language="ar")),
    good("end-punctuation", "Thai without a stop", unit("Saved.", "บันทึกแล้ว", language="th")),
    bad("end-punctuation", "Thai question lost", unit("Delete?", "ลบ", language="th")),
    bad("end-punctuation", "Chinese stop lost", unit("Saved.", "已保存", language="zh_Hans")),
    bad("end-punctuation", "stop added to label", unit("Apply now", "Aplică acum.")),
    bad("end-punctuation", "Greek with ?", unit("Where?", "Πού?", language="el")),
    bad("end-punctuation", "French plain space", unit("Where?", "Où ?", language="fr")),
    bad("end-punctuation", "Spanish without ¿", unit("Where?", "Dónde?", language="es")),
    bad(
        "end-punctuation",
        "plural stop lost",
        unit(
            "{n} file.",
            "un fișier.",
            "{n} fișiere",
            "{n} de fișiere.",
            plural="{n} files.",
            nplurals=3,
        ),
    ),
    # max-length
    good("max-length", "short menu label", unit("Learn", "Învață", kind="menu")),
    good("max-length", "no limit for articles", unit("Text", "T" * 500, kind="article")),
    bad("max-length", "long menu label", unit("Learn", "Î" * 41, kind="menu")),
    bad("max-length", "flag limit", unit("Go", "Mergeți", flags=("max-length:5",))),
    bad("max-length", "invalid flag", unit("Go", "Du-te", flags=("max-length:five",))),
    bad(
        "max-length",
        "plural form too long",
        unit(
            "{n} file",
            "un fișier",
            "{n} fișiere lungi",
            plural="{n} files",
            flags=("max-length:12",),
        ),
    ),
    # copy-of-source
    good("copy-of-source", "translated", unit("Press corner", "Zona de presă")),
    good("copy-of-source", "built-in same word", unit("Instagram", "Instagram")),
    good("copy-of-source", "site same word", unit("Agora Live", "Agora Live")),
    good("copy-of-source", "dnt term", unit("CIVIS", "CIVIS")),
    good(
        "copy-of-source",
        "numbers and URLs only",
        unit("2024 https://civis.eu", "2024 https://civis.eu"),
    ),
    good(
        "copy-of-source",
        "marked correct",
        unit("Contact", "Contact", flags=("ignore-copy-of-source",)),
    ),
    bad("copy-of-source", "copied", unit("Press corner & branding", "Press corner & branding")),
    bad("copy-of-source", "case-only change", unit("Apply now", "apply now")),
    bad(
        "copy-of-source",
        "plural copied",
        pl("{n} file", "un fișier", "{n} files", "{n} de fișiere"),
    ),
    # glossary
    good(
        "glossary",
        "approved term",
        unit("Join a Blended Intensive Programme", "Înscrie-te la un Program Intensiv Mixt"),
    ),
    good("glossary", "dnt kept", unit("CIVIS Days", "Zilele CIVIS Days")),
    good("glossary", "dnt variant (Romanian plural)", unit("Two BIPs", "Două BIP-uri")),
    good(
        "glossary",
        "no translation for language",
        unit("A Blended Intensive Programme", "Ein Programm", language="de"),
    ),
    bad(
        "glossary",
        "unapproved term",
        unit("Join a Blended Intensive Programme", "Înscrie-te la un program mixt intensiv"),
    ),
    bad("glossary", "dnt translated", unit("About CIVIS", "Despre Civis")),
    bad(
        "glossary",
        "plural dnt translated",
        unit(
            "{n} CIVIS file",
            "un fișier CIVIS",
            "{n} fișiere Civis",
            "{n} de fișiere CIVIS",
            plural="{n} CIVIS files",
            nplurals=3,
        ),
    ),
    # inconsistent
    good(
        "inconsistent",
        "same everywhere",
        unit("Press corner & branding", "Zona de presă și branding", context="header:/press"),
        unit("Press corner & branding", "Zona de presă și branding", context="footer:/press"),
    ),
    good(
        "inconsistent",
        "fuzzy ignored",
        unit("Press corner & branding", "Zona de presă și branding", context="a"),
        unit("Press corner & branding", "Presă", context="b", flags=("fuzzy",)),
    ),
    good(
        "inconsistent",
        "different languages",
        unit("Apply", "Aplică", context="a"),
        unit("Apply", "Postuler", language="fr"),
    ),
    bad(
        "inconsistent",
        "two Romanian renderings",
        unit("Press corner & branding", "Zona de presă și branding", context="header:/press"),
        unit("Press corner & branding", "Secțiune pentru presă și branding", context="b"),
    ),
    bad(
        "inconsistent",
        "plural renderings",
        pl("{n} file", "{n} fișier", "{n} fișiere", "{n} de fișiere"),
        pl("{n} file", "{n} dosar", "{n} dosare", "{n} de dosare"),
    ),
    # plurals
    good(
        "plurals",
        "all three Romanian forms",
        pl("{n} file", "un fișier", "{n} fișiere", "{n} de fișiere"),
    ),
    good("plurals", "singular unit", unit("File", "Fișier")),
    bad("plurals", "form missing", pl("{n} file", "un fișier", "{n} fișiere")),
    bad("plurals", "form empty", pl("{n} file", "un fișier", "", "{n} de fișiere")),
    # Real catalogs (Django 5.2, Sphinx 9.0): what they flagged wrongly stays quiet, and
    # what they flagged rightly (Greek '{name]', Romanian '% s', Swedish ')') stays flagged.
    good(
        "inconsistent",
        "Django: one letter Saturday and Sunday",
        unit("S", "S", language="sv", meaning="one letter Saturday"),
        unit("S", "L", language="sv", meaning="one letter Sunday"),
    ),
    bad(
        "inconsistent",
        "Django: two renderings in one msgctxt",
        unit("May", "mai", language="fr", meaning="abbrev. month"),
        unit("May", "Mai", language="fr", meaning="abbrev. month"),
    ),
    good(
        "html",
        "Sphinx: <<original entry>> is no tag",
        unit("<<original entry>>", "<<elemento originale>>", language="it"),
    ),
    good(
        "markdown",
        "Sphinx: `name' is a GNU quote, not code",
        unit(
            "The config value `source_suffix' expects a dictionary, a string, or a list of "
            "strings. Got `%r' instead (type %s).",
            "La valeur de configuration `source_suffix' attend un dictionnaire, une chaîne ou "
            "une liste de chaînes. Reçu `%r' à la place (type %s).",
            language="fr",
        ),
    ),
    good(
        "numbers",
        "Django: one-to-one is 1:1",
        unit("One-to-one relationship", "1:1-Beziehung", language="de"),
    ),
    good("numbers", "Django: 6 p.m. is 18:00", unit("6 p.m.", "18:00", language="fr")),
    good("numbers", "Django: 6 p.m. is 18 Uhr", unit("6 p.m.", "18 Uhr", language="de")),
    good("numbers", "Django: midnight is 0:00", unit("midnight", "0:00", language="sv")),
    good(
        "numbers",
        "Sphinx: &#8212; is markup",
        unit("%(filename)s &#8212; %(docstitle)s", "%(filename)s - %(docstitle)s", language="sv"),
    ),
    bad("numbers", "6 p.m. is not 19 Uhr", unit("6 p.m.", "19 Uhr", language="de")),
    good("brackets", "German »…«", unit('The "Agora"', "Die »Agora«", language="de")),
    good("brackets", "French «…»", unit('The "Agora"', "L'« Agora »", language="fr")),
    bad("brackets", "German » unclosed", unit('The "Agora"', "Die »Agora", language="de")),
    bad(
        "brackets",
        "Swedish: a ')' lost",
        unit(
            "(The <<original entry>> is located in %s, line %d.)",
            "(Den <<ursprungliga posten>> finns i %s, rad %d.",
            language="sv",
        ),
    ),
    good("copy-of-source", "Django: placeholder and unit only", unit("%s PB", "%s PB")),
    good("copy-of-source", "placeholder and unit, named", unit("%(size)s KB", "%(size)s KB")),
    bad("copy-of-source", "placeholder and prose", unit("%s items", "%s items")),
    bad(
        "placeholders",
        "Sphinx: Greek '{name]'",
        unit(
            "The config value `{name}' has type `{current.__name__}'; expected {permitted}.",
            "Η τιμή παραμετροποίησης '{name]' έχει τύπο '[current__name__}'; αναμενόμενη "
            "{permitted}.",
            language="el",
            flags=("python-brace-format",),
        ),
    ),
    bad(
        "placeholders",
        "Romanian '% s'",
        unit("Fig. %s", "Fig. % s", flags=("python-format",)),
    ),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.check_id}-{e.note}")
def test_example(example: Example) -> None:
    check = next(c for c in CHECKS if c.id == example.check_id)
    findings = run_checks(example.units, SETTINGS, checks=(check,))
    produced = [f for unit_findings in findings.values() for f in unit_findings]
    assert all(f.check_id == check.id for f in produced)
    assert bool(produced) == example.bad, produced


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_has_good_and_bad_examples(check: Check) -> None:
    kinds = {e.bad for e in EXAMPLES if e.check_id == check.id}
    assert kinds == {True, False}


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_has_a_bad_plural_example(check: Check) -> None:
    """Plural units go through every check: each has a plural unit it must flag."""
    assert any(
        e.bad and any(u.is_plural for u in e.units) for e in EXAMPLES if e.check_id == check.id
    )


def test_examples_name_only_registered_checks() -> None:
    assert {e.check_id for e in EXAMPLES} == {c.id for c in CHECKS}
