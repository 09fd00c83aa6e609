"""Protection of code, markup, placeholders, URLs, emails and terms around the engine."""

from __future__ import annotations

import pytest

from l10n.mt import Protector, restore
from tests.libretranslate_server import pseudo_translate

TERMS = ("CIVIS", "BIP", "Open Lab")


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Read [it](https://civis.eu/a \"A\") now", ("[", '](https://civis.eu/a "A")')),
        ("See ![logo](img/logo.png).", ("![", "](img/logo.png)")),
        ("Run `l10n sync` first", ("`l10n sync`",)),
        ("A <b>bold</b> &amp; <br/> move", ("<b>", "</b>", "&amp;", "<br/>")),
        ("Hello {name}, {0} and {{ user.name }}", ("{name}", "{0}", "{{ user.name }}")),
        ("%s of %d, %(count)d and %1$s", ("%s", "%d", "%(count)d", "%1$s")),
        ("Visit https://civis.eu/en/a?b=1.", ("https://civis.eu/en/a?b=1",)),
        ("Write to info@civis.eu today", ("info@civis.eu",)),
        ("The CIVIS Open Lab and a BIP", ("CIVIS", "Open Lab", "BIP")),
    ],
)  # fmt: skip
def test_protected_pieces(text: str, pieces: tuple[str, ...]) -> None:
    protected = Protector(TERMS).protect(text)
    assert protected.pieces == pieces
    for piece in pieces:
        assert piece not in protected.masked
    assert restore(protected, protected.masked).text == text


@pytest.mark.parametrize("text", ["50% of students", "CIVISION and BIPs", "a [bracket] alone"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert Protector(TERMS).protect(text).pieces == ()


def test_literal_token_in_source_is_itself_protected() -> None:
    protected = Protector().protect("Keep <x1/> literally")
    assert protected.pieces == ("<x1/>",)
    assert restore(protected, "[de] Kéép <x1/> lítérálly").text == "[de] Kéép <x1/> lítérálly"


def test_pseudo_translator_keeps_tokens_and_mangles_the_rest() -> None:
    text = "Join [CIVIS Open Lab](https://civis.eu/lab) at {time}, mail lab@civis.eu"
    protected = Protector(TERMS).protect(text)
    translated = pseudo_translate(protected.masked, "sv")
    restored = restore(protected, translated)
    assert restored.ok
    assert (
        restored.text
        == "[sv] Jóín [CIVIS Open Lab](https://civis.eu/lab) át {time}, máíl lab@civis.eu"
    )
    # Without protection the URL and the terms would have been "translated".
    assert "cívís" in pseudo_translate(text, "sv")


def test_engine_spacing_and_case_variants_of_tokens_are_accepted() -> None:
    protected = Protector(TERMS).protect("Hello {name} from CIVIS")
    assert restore(protected, "Hallo < x1 /> von <X2/>").text == "Hallo {name} von CIVIS"


@pytest.mark.parametrize(
    ("translated", "problem"),
    [
        ("Hallo von <x2/>", "token 1 ('{name}') lost"),
        ("Hallo <x1/> <x1/> von <x2/>", "token 1 duplicated"),
        ("Hallo <x1/> von <x2/> <x3/>", "unknown token 3"),
    ],
)
def test_broken_tokens_are_a_protection_failure(translated: str, problem: str) -> None:
    protected = Protector(TERMS).protect("Hello {name} from CIVIS")
    restored = restore(protected, translated)
    assert not restored.ok
    assert restored.text is None
    assert restored.problem is not None
    assert problem in restored.problem


def test_swapped_link_halves_are_a_protection_failure() -> None:
    protected = Protector().protect("Read [the guide](https://x.eu) now")
    restored = restore(protected, "Lies <x2/>den Leitfaden<x1/> jetzt")
    assert restored.problem is not None
    assert "swapped" in restored.problem


def test_nothing_translatable_needs_no_engine() -> None:
    protector = Protector(TERMS)
    assert not protector.protect("{count} / %s — CIVIS").needs_engine
    assert protector.protect("{count} students").needs_engine


def test_terms_added_later_and_longest_first() -> None:
    protector = Protector(["Open"])
    protector.add_terms(["Open Lab", " "])
    assert protector.protect("The Open Lab is open").pieces == ("Open Lab",)
    assert protector.terms == {"Open", "Open Lab"}
