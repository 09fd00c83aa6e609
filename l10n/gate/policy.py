"""The build gate's policies (`policies:` in config.yaml): what fails, what is only reported.

Per kind (`menu`, `ui`, `article`), optionally overridden per language:

    policies:
      menu: {fail: [missing, stale], report: [needs-review, copy, checks]}
      article: {report: [stale, coverage], min_coverage: 80, grace_days: 14}
      languages:
        ro: {article: {min_coverage: 50}}
      exempt:
        - {id: "header:/discover-civis-alliance/civis-association", language: "ro"}

A finding listed in `fail` fails the build, one in `report` is shown as a warning, any other
is ignored. Kinds the section does not name keep the defaults below.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from l10n.config import KINDS, Config, nearest
from l10n.errors import ConfigError, L10nError
from l10n.yamlio import LineDict, LineList

FORMAT = "format"  # a translation msgfmt --check rejects
CHECKS = "checks"  # what the quality checks (l10n.checks) find
FINDING_KINDS = ("missing", "stale", "needs-review", "copy", CHECKS, "coverage", FORMAT)
# What each finding of the gate means (name, description): for SARIF rules and help texts.
# Quality checks describe themselves (l10n.checks.registry).
FINDING_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "missing": ("Missing translation", "The unit has no translation in this language: readers "
                "see the English."),
    "stale": ("Stale translation", "The English changed after this translation was written; "
              "the catalog keeps the old English (#| msgid) to show what changed."),
    "needs-review": ("Needs review", "The text came from machine translation or translation "
                     "memory and no person has accepted it yet."),
    "copy": ("Copy of the English", "The translation is the English text, or nearly."),
    "coverage": ("Coverage below the policy", "Fewer units of this kind are translated than "
                 "the policy's min_coverage asks."),
    "out-of-date": ("Catalog out of date", "The catalog or template does not match the content; "
                    "run `l10n sync`."),
    "checks": ("Quality check", "A quality check found a problem in the translation."),
    "format": ("Rejected by msgfmt --check", "The translation breaks its format string "
               "(python-format, python-brace-format) or its newlines: export leaves it out."),
}  # fmt: skip
POLICY_KEYS = (*KINDS, "languages", "exempt")
KIND_KEYS = ("fail", "report", "min_coverage", "grace_days")
EXEMPT_KEYS = ("id", "language", "kind", "reason")
ERROR, WARNING = "error", "warning"
# The gate's severity of one finding on a unit, asked with the unit's kind, domain and
# identity (`Policies.judge`): for views below the gate that are handed the question.
UnitJudge = Callable[[str, str, str], str | None]


def check_severity(level: str, own: str) -> str:
    """A quality check's finding as the gate shows it when the `checks` policy says `level`:
    at its own severity when checks fail the build, as a warning when they are reported."""
    return own if level == ERROR else WARNING


@dataclass(frozen=True)
class KindPolicy:
    """What fails and what is reported for one kind (in one language)."""

    fail: frozenset[str] = frozenset()
    report: frozenset[str] = frozenset()
    min_coverage: float | None = None  # percent of units translated
    grace_days: int = 0

    def severity(self, finding: str) -> str | None:
        """'error' if the finding fails the build, 'warning' if reported, else None."""
        if finding in self.fail:
            return ERROR
        return WARNING if finding in self.report else None


# `format`: a translation msgfmt --check rejects (l10n.po.formats) breaks the build everywhere.
DEFAULT_KINDS: dict[str, KindPolicy] = {
    "menu": KindPolicy(
        frozenset({"missing", "stale", "format"}), frozenset({"needs-review", "copy", "checks"})
    ),
    "ui": KindPolicy(
        frozenset({"missing", "stale", "format"}), frozenset({"needs-review", "copy", "checks"})
    ),
    "article": KindPolicy(
        frozenset({"format"}), frozenset({"stale", "checks", "coverage"}), 80.0, 14
    ),
}


@dataclass(frozen=True)
class Exemption:
    """Units a policy does not apply to: an identity or domain pattern (shell-style)."""

    pattern: str
    language: str | None = None
    kind: str | None = None
    reason: str = ""

    def matches(self, language: str, kind: str, domain: str, identity: str) -> bool:
        if self.language not in (None, language) or self.kind not in (None, kind):
            return False
        return any(fnmatch.fnmatchcase(name, self.pattern) for name in (identity, domain))


@dataclass(frozen=True)
class Policies:
    """Every kind's policy, the per-language overrides and the exemptions."""

    kinds: dict[str, KindPolicy] = field(default_factory=lambda: dict(DEFAULT_KINDS))
    languages: dict[str, dict[str, KindPolicy]] = field(default_factory=dict)
    exemptions: tuple[Exemption, ...] = ()

    def policy(self, kind: str, language: str) -> KindPolicy:
        """The policy of a kind in a language (the language's override if any)."""
        return self.languages.get(language, {}).get(kind) or self.kinds[kind]

    def unit_severity(
        self, finding: str, language: str, kind: str, domain: str, identity: str
    ) -> str | None:
        """What the gate makes of `finding` on one unit: 'error', 'warning' or None (ignored,
        or the unit exempt); for views of one unit at a time, such as the TUI's editor."""
        if self.exemption(language, kind, domain, identity) is not None:
            return None
        return self.policy(kind, language).severity(finding)

    def judge(self, finding: str, language: str) -> UnitJudge:
        """`unit_severity` of one finding in one language, asked with a unit's kind, domain
        and identity: handed to the queue, which sits beside the gate and cannot ask it."""
        return partial(self.unit_severity, finding, language)

    def exemption(self, language: str, kind: str, domain: str, identity: str) -> Exemption | None:
        """The first exemption that covers a unit, if any."""
        return next(
            (rule for rule in self.exemptions if rule.matches(language, kind, domain, identity)),
            None,
        )


def load_policies(config: Config) -> Policies:
    """Read and validate the `policies:` section; absent, the defaults apply (read once per
    config: validated when it is loaded, then handed to the gate)."""
    return config.setting("policies", lambda: _read_policies(config))


def policies_or_defaults(config: Config) -> tuple[Policies, L10nError | None]:
    """The policies, or the defaults and why the section cannot be read: for the TUI, which
    shows the error to the translator and goes on with what the gate would apply by default."""
    try:
        return load_policies(config), None
    except L10nError as error:
        return Policies(), error


def _read_policies(config: Config) -> Policies:
    section = config.section("policies")
    path = config.path
    _reject_unknown(section, POLICY_KEYS, path, "policies.")
    kinds = {
        kind: _kind_policy(
            section.get(kind), DEFAULT_KINDS[kind], path, section, f"policies.{kind}"
        )
        for kind in KINDS
    }
    return Policies(kinds, _languages(section, kinds, config), _exemptions(section, config))


def _kind_policy(
    value: Any, base: KindPolicy, path: Path, parent: LineDict, name: str
) -> KindPolicy:
    if value is None:
        return base
    key = name.rsplit(".", 1)[-1]
    if not isinstance(value, LineDict):
        raise ConfigError(
            f"'{name}' must be a mapping with {', '.join(KIND_KEYS)}", path, parent.line_of(key)
        )
    _reject_unknown(value, KIND_KEYS, path, f"{name}.")
    policy = base
    if "fail" in value:
        policy = replace(policy, fail=_finding_list(value, "fail", path, name))
    if "report" in value:
        policy = replace(policy, report=_finding_list(value, "report", path, name))
    if "min_coverage" in value:
        policy = replace(policy, min_coverage=_percent(value, path, name))
    if "grace_days" in value:
        policy = replace(policy, grace_days=_days(value, path, name))
    return policy


def _finding_list(value: LineDict, key: str, path: Path, name: str) -> frozenset[str]:
    items = value[key] if value[key] is not None else []
    if not isinstance(items, list):
        raise ConfigError(
            f"'{name}.{key}' must be a list of {', '.join(FINDING_KINDS)}", path, value.line_of(key)
        )
    lines = items.item_lines if isinstance(items, LineList) else [value.line_of(key)] * len(items)
    for item, line in zip(items, lines, strict=True):
        if item not in FINDING_KINDS:
            raise ConfigError(
                f"unknown finding '{item}' in '{name}.{key}'{nearest(str(item), FINDING_KINDS)}",
                path,
                line,
            )
    return frozenset(items)


def _percent(value: LineDict, path: Path, name: str) -> float | None:
    number = value["min_coverage"]
    if number is None:
        return None
    if isinstance(number, bool) or not isinstance(number, int | float) or not 0 <= number <= 100:
        raise ConfigError(
            f"'{name}.min_coverage' must be a percentage from 0 to 100",
            path,
            value.line_of("min_coverage"),
        )
    return float(number)


def _days(value: LineDict, path: Path, name: str) -> int:
    days = value["grace_days"]
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ConfigError(
            f"'{name}.grace_days' must be a whole number of days (0 or more)",
            path,
            value.line_of("grace_days"),
        )
    return days


def _languages(
    section: LineDict, kinds: dict[str, KindPolicy], config: Config
) -> dict[str, dict[str, KindPolicy]]:
    value = section.get("languages")
    if value is None:
        return {}
    if not isinstance(value, LineDict):
        raise ConfigError(
            "'policies.languages' must map language codes to kind policies",
            config.path,
            section.line_of("languages"),
        )
    overrides: dict[str, dict[str, KindPolicy]] = {}
    for code, per_kind in value.items():
        _known_language(code, config, value.line_of(code), "policies.languages")
        if not isinstance(per_kind, LineDict):
            raise ConfigError(
                f"'policies.languages.{code}' must map kinds to policies",
                config.path,
                value.line_of(code),
            )
        _reject_unknown(per_kind, KINDS, config.path, f"policies.languages.{code}.")
        overrides[code] = {
            kind: _kind_policy(
                per_kind[kind],
                kinds[kind],
                config.path,
                per_kind,
                f"policies.languages.{code}.{kind}",
            )
            for kind in per_kind
        }
    return overrides


def _exemptions(section: LineDict, config: Config) -> tuple[Exemption, ...]:
    value = section.get("exempt")
    if value is None:
        return ()
    if not isinstance(value, LineList):
        raise ConfigError(
            "'policies.exempt' must be a list of {id, language, kind, reason}",
            config.path,
            section.line_of("exempt"),
        )
    return tuple(
        _exemption(item, line, config) for item, line in zip(value, value.item_lines, strict=True)
    )


def _exemption(item: Any, line: int, config: Config) -> Exemption:
    if isinstance(item, str):
        return Exemption(item)
    if not isinstance(item, LineDict) or not isinstance(item.get("id"), str):
        raise ConfigError(
            "an exemption needs an 'id' (a unit identity or domain; * and ? match any text)",
            config.path,
            line,
        )
    _reject_unknown(item, EXEMPT_KEYS, config.path, "policies.exempt.")
    language = item.get("language")
    if language is not None:
        _known_language(language, config, item.line_of("language"), "policies.exempt")
    kind = item.get("kind")
    if kind is not None and kind not in KINDS:
        raise ConfigError(
            f"unknown kind '{kind}'{nearest(str(kind), KINDS)}", config.path, item.line_of("kind")
        )
    return Exemption(item["id"], language, kind, str(item.get("reason") or ""))


def _known_language(code: Any, config: Config, line: int, where: str) -> None:
    if code not in config.languages:
        raise ConfigError(
            f"'{where}' names language {code!r}, which is not one of the site's "
            f"languages{nearest(str(code), config.languages)}",
            config.path,
            line,
        )


def _reject_unknown(mapping: LineDict, allowed: tuple[str, ...], path: Path, prefix: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise ConfigError(
                f"unknown key '{prefix}{key}'{nearest(key, allowed)}", path, mapping.line_of(key)
            )
