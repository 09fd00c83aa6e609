"""Pseudo-localisation: a made-up locale that shows layout problems before translators start.

Every English text becomes `⟦Ŵĥåţ îš ÇÎVÎŠ? ·ţŵô ţĥřéé⟧`: letters accented (so a string
that stays plain ASCII on the page was never sent through gettext), padded to the length
the longest language needs (German and Greek run a third longer than English), and wrapped
in markers (a missing `⟧` shows truncation, `⟧⟦` shows two strings concatenated in code).
Placeholders, Markdown, HTML, URLs, e-mail addresses and do-not-translate terms are kept
exactly (the machine-translation protection hides them first), so the texts pass the
placeholder, Markdown and HTML checks and `msgfmt --check`.

The catalogs go to `catalogs/<locale>/LC_MESSAGES/<domain>.po` (default locale `en_XA`,
the CLDR pseudo-locale), every entry translated, and `l10n export` compiles them beside the
real languages; status, check and report never count them, since the locale is not one of
the site's languages.

    pseudo:
      locale: en_XA            # the folder and Language of the pseudo catalogs
      expansion: 1.4           # length of a pseudo text against its English (default:
                               # the largest of the site's languages, see EXPANSION)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.config import Config
from l10n.errors import ConfigError
from l10n.mt.protect import Protector, restore
from l10n.sources.site import Site, po_path

if TYPE_CHECKING:
    import polib  # types only: every command validates `pseudo:`, few write catalogs

DEFAULT_LOCALE = "en_XA"
OPEN, CLOSE = "⟦", "⟧"
# How much longer than English a language's texts run, on average (the usual figures of
# localisation style guides; German, Greek and French are the long ones of this site).
EXPANSION: Mapping[str, float] = {
    "de": 1.35, "el": 1.35, "fr": 1.3, "it": 1.25, "es": 1.25, "ro": 1.25, "sv": 1.1,
    "nl": 1.3, "pt": 1.25, "fi": 1.3, "pl": 1.3, "ru": 1.3,
}  # fmt: skip
DEFAULT_EXPANSION = 1.3
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_FILLER = "ţŵô ţĥŕéé ƒöûŕ ƒîṽé šîẋ šéṽéñ éîĝĥţ ñîñé ţéñ öñé "
_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
_TOKENS = re.compile(r"(<x\d+/>)")


@dataclass(frozen=True)
class PseudoSettings:
    """The pseudo locale's code and how much longer than English its texts are."""

    locale: str
    expansion: float


def pseudo_settings(config: Config) -> PseudoSettings:
    """`pseudo:` of config.yaml, validated (once per config); the expansion defaults to the
    longest language."""
    return config.setting("pseudo", lambda: _read_pseudo_settings(config))


def _read_pseudo_settings(config: Config) -> PseudoSettings:
    section = config.section("pseudo")

    def error(message: str, key: str) -> ConfigError:
        return ConfigError(message, config.path, section.line_of(key) or None)

    for key in section:
        if key not in ("locale", "expansion"):
            raise error(f"pseudo: unknown key '{key}' (valid: locale, expansion)", key)
    locale = section.get("locale", DEFAULT_LOCALE)
    if not isinstance(locale, str) or not locale.replace("_", "").replace("-", "").isalnum():
        raise error("pseudo.locale: expected a locale code such as en_XA", "locale")
    if locale in config.languages:
        raise error(
            f"pseudo.locale: '{locale}' is one of the site's languages; pick another code",
            "locale",
        )
    longest = max((EXPANSION.get(lang, DEFAULT_EXPANSION) for lang in config.languages[1:]),
                  default=DEFAULT_EXPANSION)  # fmt: skip
    expansion = section.get("expansion", longest)
    if (
        isinstance(expansion, bool)
        or not isinstance(expansion, int | float)
        or not (1 <= expansion <= 3)
    ):
        raise error("pseudo.expansion: expected a number from 1 to 3", "expansion")
    return PseudoSettings(locale, float(expansion))


def pseudo_text(text: str, protector: Protector, expansion: float) -> str:
    """The pseudo-localised form of one English text (empty stays empty)."""
    if not text:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    protected = protector.protect(core)
    masked = _accent_outside_tokens(protected.masked)
    letters = sum(1 for char in core if char.isalpha())
    padding = round(letters * (expansion - 1))
    if padding:
        masked += " " + (_FILLER * (padding // len(_FILLER) + 1))[:padding].rstrip()
    restored = restore(protected, masked)
    if restored.text is None:  # cannot happen: only letters outside tokens were changed
        raise AssertionError(restored.problem)
    return lead + OPEN + restored.text + CLOSE + trail


def _accent_outside_tokens(masked: str) -> str:
    pieces = _TOKENS.split(masked)
    return "".join(
        piece if index % 2 else piece.translate(_ACCENTED) for index, piece in enumerate(pieces)
    )


@dataclass
class PseudoResult:
    """What `write_pseudo` wrote: catalogs changed, and every catalog it produced."""

    changed: list[Path]
    catalogs: list[Path]


def write_pseudo(
    config: Config, site: Site, settings: PseudoSettings, dnt_terms: Iterable[str] = ()
) -> PseudoResult:
    """Write the pseudo locale's catalog of every domain; unchanged files are not touched."""
    # Imported here: every command validates `pseudo:` (l10n.settings), few write catalogs.
    from l10n.po.catalog import write_catalog
    from l10n.sync.run import build_template

    protector = Protector(dnt_terms)
    result = PseudoResult([], [])
    for domain, units in site.templates.items():
        catalog = build_template(config, domain, units)
        catalog.metadata["Language"] = settings.locale
        catalog.metadata["Plural-Forms"] = _PLURAL_FORMS
        catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalog.metadata["Language-Team"] = "Pseudo-localisation"
        catalog.header = f"Pseudo-localisation ({settings.locale}) of '{domain}': made by l10n."
        for entry in catalog:
            _fill(entry, protector, settings.expansion)
        path = po_path(config, settings.locale, domain)
        result.catalogs.append(path)
        if write_catalog(catalog, path):
            result.changed.append(path)
    return result


def _fill(entry: polib.POEntry, protector: Protector, expansion: float) -> None:
    if entry.msgid_plural:
        entry.msgstr_plural = {
            0: pseudo_text(entry.msgid, protector, expansion),
            1: pseudo_text(entry.msgid_plural, protector, expansion),
        }
    else:
        entry.msgstr = pseudo_text(entry.msgid, protector, expansion)
    entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]


def pseudo_present(config: Config, site: Site) -> str | None:
    """The pseudo locale when its catalogs exist (so `export` compiles them), else None."""
    settings = pseudo_settings(config)
    if any(po_path(config, settings.locale, domain).exists() for domain in site.templates):
        return settings.locale
    return None
