"""The glossary model and its three readers (YAML, TBX, CSV), with one bad file per error."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.errors import ConfigError
from l10n.glossary import Glossary, Term, load_glossary

DATA = Path(__file__).parent / "data" / "glossary"
ROOT = Path(__file__).parent.parent


def by_term(glossary: Glossary) -> dict[str, Term]:
    return {term.term: term for term in glossary.terms}


def test_yaml_glossary() -> None:
    terms = by_term(load_glossary(DATA / "good.yaml"))
    bip = terms["Blended Intensive Programme"]
    assert bip.variants == ("Blended Intensive Programmes",)
    assert bip.translations_for("ro") == ("Program Intensiv Mixt", "Programe Intensive Mixte")
    assert bip.translations_for("ro_RO") == bip.translations_for("ro")
    assert bip.translations_for("no") == ("blandet intensivt program",)  # not False
    assert bip.translations_for("de") == ()
    assert (bip.dnt, bip.case_sensitive, bip.note, bip.line) == (False, False, "Erasmus+ format", 4)
    assert terms["CIVIS"].dnt and terms["CIVIS"].case_sensitive
    assert terms["open lab"].dnt and not terms["open lab"].case_sensitive


@pytest.mark.parametrize("name", ["good.tbx", "good.csv"])
def test_tbx_and_csv_give_the_same_model(name: str) -> None:
    terms = by_term(load_glossary(DATA / name))
    assert set(terms) == {"Blended Intensive Programme", "CIVIS", "Open Lab"}
    bip = terms["Blended Intensive Programme"]
    assert bip.variants == ("Blended Intensive Programmes",)
    assert bip.translations_for("ro")[0] == "Program Intensiv Mixt"
    assert bip.translations_for("fr") == ("programme intensif hybride",)
    assert not bip.dnt
    assert terms["CIVIS"].dnt and terms["Open Lab"].dnt


def test_csv_details() -> None:
    terms = by_term(load_glossary(DATA / "good.csv"))
    assert terms["Open Lab"].note == "labs, with a comma"
    assert terms["CIVIS"].case_sensitive  # dnt terms default to case-sensitive
    assert terms["Blended Intensive Programme"].line == 2


def test_tbx_v3_concept_entries() -> None:
    (term,) = load_glossary(DATA / "good_v3.tbx").terms
    assert term.term == "European Commission"
    assert term.translations_for("de") == ("Europäische Kommission", "Europäischen Kommission")


def test_find_prefers_longest_terms_and_word_boundaries() -> None:
    glossary = load_glossary(ROOT / "glossary.yaml")
    text = "CIVIS Days at Paris Lodron Universität Salzburg; BIPs, not BIPED. CIVIS."
    found = [(m.term.term, text[m.start : m.end]) for m in glossary.find(text)]
    assert found == [
        ("CIVIS Days", "CIVIS Days"),
        ("Paris Lodron Universität Salzburg", "Paris Lodron Universität Salzburg"),
        ("BIP", "BIPs"),
        ("CIVIS", "CIVIS"),
    ]


def test_find_matches_across_line_breaks_and_case() -> None:
    glossary = load_glossary(DATA / "good.yaml")
    found = glossary.find("An Open\nLab and a blended intensive programme; civis")
    assert [m.term.term for m in found] == ["open lab", "Blended Intensive Programme"]


def test_bundled_glossary_loads() -> None:
    glossary = load_glossary(ROOT / "glossary.yaml")
    terms = by_term(glossary)
    assert terms["CIVIS"].dnt
    assert terms["Blended Intensive Programme"].translations_for("ro")[0] == (
        "Program Intensiv Mixt"
    )
    assert terms["University of Bucharest"].translations_for("ro")[0] == (
        "Universitatea din București"
    )
    for name in ("Université libre de Bruxelles", "University of Glasgow", "CIVIS Agora"):
        assert terms[name].dnt
    assert "CIVIS Hubs" in glossary.dnt_forms()
    # The Romanian site translates these two names, so the glossary gives the forms.
    assert terms["Open Lab"].translations_for("ro")[2] == "Laboratoare deschise"
    assert terms["CIVIS Days"].translations_for("ro")[0] == "Zilele CIVIS"


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("bad_syntax.yaml", 6, "quoted scalar from line 4"),
        ("unknown_key.yaml", 5, "did you mean 'dnt'"),
        ("duplicate_key.yaml", 5, "duplicate key 'ro'"),
        ("missing_term.yaml", 3, "needs 'term'"),
        ("bad_dnt.yaml", 3, "true or false"),
        ("duplicate_term.yaml", 4, "already defined (line 2)"),
        ("terms_not_list.yaml", 2, "must be a list"),
        ("bad.tbx", 5, "invalid TBX"),
        ("bad_columns.csv", 3, "3 cells but 2 columns"),
        ("no_source_column.csv", 1, "no 'en' column"),
        ("bad_dnt.csv", 2, "'dnt' must be yes or no"),
    ],
)
def test_malformed_glossary_names_file_and_line(name: str, line: int, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_glossary(DATA / name)
    assert caught.value.path == DATA / name
    assert caught.value.line == line
    assert words in caught.value.message
    assert caught.value.location().endswith(f"{name}:{line}")
    assert str(caught.value) == f"{caught.value.location()}: {caught.value.message}"


def test_missing_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_glossary(tmp_path / "absent.yaml")
    (tmp_path / "terms.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown glossary format"):
        load_glossary(tmp_path / "terms.json")


def test_empty_yaml_is_an_empty_glossary(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_glossary(tmp_path / "g.yaml").terms == ()
