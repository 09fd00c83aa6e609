"""The build gate behind `l10n check`: findings from the same records `status` counts.

It reads every catalog once (`stats.collect_entries`), applies the policies per kind and
language, adds quality-check findings from a pluggable runner and fails when the catalogs are
out of date with the content. Renderers in `l10n.render` turn the result into text, JSON,
GitHub annotations or JUnit XML.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.cache import flush
from l10n.config import KINDS, Config
from l10n.errors import UsageError
from l10n.gitio import read_blobs, resolve, toplevel
from l10n.model import State
from l10n.policy import ERROR, KindPolicy, Policies, load_policies
from l10n.site import Site, load_site, pot_path
from l10n.stats import (
    EntryRecord,
    SiteEntries,
    SiteStats,
    collect_entries,
    count_records,
    stats_from_entries,
)
from l10n.sync import sync

Key = tuple[str | None, str]
OUT_OF_DATE = "out-of-date"


@dataclass(frozen=True)
class QualityIssue:
    """One quality-check finding, as the gate needs it."""

    check_id: str
    severity: str  # error or warning
    message: str


# Given a language and its records, the quality issues of each record (same order).
QualityRunner = Callable[[str, Sequence[EntryRecord]], list[list[QualityIssue]]]


@dataclass(frozen=True, order=True)
class GateFinding:
    """One line of the gate's output; the field order is the sort order."""

    path: str  # relative to the config's folder, with forward slashes
    line: int  # 0 when there is no line (a catalog not written yet, a coverage finding)
    finding: str  # missing, stale, needs-review, copy, coverage, out-of-date or a check id
    identity: str
    language: str
    kind: str
    severity: str
    source: str
    message: str
    domain: str = ""

    @property
    def location(self) -> str:
        """`path:line`, or `path` when there is no line."""
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class GateResult:
    """Everything `l10n check` found, sorted, with the numbers of `status`."""

    findings: list[GateFinding]
    stats: SiteStats
    languages: tuple[str, ...]
    kinds: tuple[str, ...]
    changed_since: str | None = None
    out_of_date: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[GateFinding]:
        return [finding for finding in self.findings if finding.severity == ERROR]

    @property
    def warnings(self) -> list[GateFinding]:
        return [finding for finding in self.findings if finding.severity != ERROR]

    @property
    def passed(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, dict[str, int]]:
        """Errors and warnings per language ('' holds findings of no language)."""
        totals = {code: {"errors": 0, "warnings": 0} for code in self.languages}
        for finding in self.findings:
            row = totals.setdefault(finding.language, {"errors": 0, "warnings": 0})
            row["errors" if finding.severity == ERROR else "warnings"] += 1
        return totals


@dataclass
class GateOptions:
    """What `l10n check` was asked for."""

    languages: tuple[str, ...] | None = None
    kinds: tuple[str, ...] = KINDS
    changed_since: str | None = None
    today: dt.date | None = None
    quality: QualityRunner | None = None


def run_gate(
    config: Config, options: GateOptions | None = None, site: Site | None = None
) -> GateResult:
    """Apply the policies to every catalog of the chosen languages and kinds."""
    options = options or GateOptions()
    policies = load_policies(config)
    site = site or load_site(config)
    changed = changed_keys(config, site, options.changed_since) if options.changed_since else None
    languages = options.languages or config.languages
    scan = _Scan(config, site, policies, options, changed)
    findings: list[GateFinding] = []
    stats = SiteStats(config.source, {})
    for code in languages:  # one language's records in memory at a time
        entries = collect_entries(config, site, (code,))
        findings += scan.language(code, entries[code])
        stats.languages.update(stats_from_entries(config.source, site, entries).languages)
        scan.lines.clear()
        del entries
    out_of_date = _out_of_date(config, site, languages)
    findings += out_of_date
    flush()  # the quality runner's cached findings: written only now that all went well
    return GateResult(
        sorted(findings),
        stats,
        languages,
        options.kinds,
        options.changed_since,
        [finding.path for finding in out_of_date],
    )


def changed_keys(config: Config, site: Site, revision: str) -> dict[str, set[Key]]:
    """Per domain, the units whose (context, English) is not in the template at `revision`."""
    root = toplevel(config.root)
    if root is None:
        raise UsageError("--changed-since needs the site to be in a git repository")
    commit = resolve(root, revision)
    names = {
        domain: f"{commit}:{_relative(pot_path(config, domain), root)}" for domain in site.templates
    }
    contents = read_blobs(root, names.values())
    changed: dict[str, set[Key]] = {}
    for domain, units in site.templates.items():
        old = _template_keys(contents.get(names[domain]), names[domain])
        changed[domain] = {unit.key for unit in units if unit.key not in old}
    return changed


def _template_keys(data: bytes | None, name: str) -> set[Key]:
    if data is None:
        return set()
    try:
        template = polib.pofile(data.decode("utf-8"))
    except (OSError, ValueError, UnicodeError):
        raise UsageError(f"cannot read the template {name}") from None
    return {(entry.msgctxt, entry.msgid) for entry in template if not entry.obsolete}


def _out_of_date(config: Config, site: Site, languages: tuple[str, ...]) -> list[GateFinding]:
    """One finding per catalog that `l10n sync` would write or remove."""
    result = sync(config, check_only=True, site=site)
    catalogs = config.catalogs_dir.resolve()
    findings = []
    for path in [*result.changed, *result.removed]:
        parts = path.resolve().relative_to(catalogs).parts
        language = parts[0] if len(parts) > 1 else ""
        if language and language not in languages:
            continue
        findings.append(
            GateFinding(
                _relative(path, config.root),
                0,
                OUT_OF_DATE,
                "",
                language,
                "",
                ERROR,
                "",
                "catalog is out of date with the content: run `l10n sync`",
            )
        )
    return findings


class _Scan:
    """Applies the policies to one language's records."""

    def __init__(
        self,
        config: Config,
        site: Site,
        policies: Policies,
        options: GateOptions,
        changed: dict[str, set[Key]] | None,
    ):
        self.config, self.site, self.policies = config, site, policies
        self.options, self.changed = options, changed
        self.today = options.today or dt.date.today()
        self.lines: dict[Path, list[int]] = {}
        self.paths: dict[Path, str] = {}  # each catalog's path relative to the config's folder

    def language(self, code: str, domains: dict[str, list[EntryRecord]]) -> list[GateFinding]:
        findings: list[GateFinding] = []
        for kind in self.options.kinds:
            policy = self.policies.policy(kind, code)
            records = [
                record
                for domain, domain_records in domains.items()
                if self.site.kinds[domain] == kind and not self._in_grace(domain, policy)
                for record in domain_records
                if not self._exempt(code, record)
            ]
            findings += self._coverage(code, kind, policy, records)
            if self.changed is not None:
                records = [
                    record
                    for record in records
                    if record.key in self.changed.get(record.domain, set())
                ]
            findings += self._states(code, policy, records)
            findings += self._quality(code, policy, records)
        return findings

    def _in_grace(self, domain: str, policy: KindPolicy) -> bool:
        article = self.site.articles.get(domain.removeprefix("articles/"))
        if not policy.grace_days or article is None or article.date is None:
            return False
        return article.date + dt.timedelta(days=policy.grace_days) > self.today

    def _exempt(self, code: str, record: EntryRecord) -> bool:
        return (
            self.policies.exemption(code, record.kind, record.domain, record.identity) is not None
        )

    def _states(
        self, code: str, policy: KindPolicy, records: list[EntryRecord]
    ) -> list[GateFinding]:
        findings = []
        for record in records:
            names = [record.state.value] if record.state is not State.TRANSLATED else []
            names += ["copy"] if record.copy else []
            for name in names:
                severity = policy.severity(name)
                if severity:
                    findings.append(self._finding(code, record, name, severity, _describe(record)))
        return findings

    def _quality(
        self, code: str, policy: KindPolicy, records: list[EntryRecord]
    ) -> list[GateFinding]:
        level = policy.severity("checks")
        if level is None or self.options.quality is None or not records:
            return []
        findings = []
        for record, issues in zip(records, self.options.quality(code, records), strict=True):
            for issue in issues:
                severity = issue.severity if level == ERROR else "warning"
                findings.append(
                    self._finding(
                        code,
                        record,
                        issue.check_id,
                        severity,
                        f"{_describe(record)}: {issue.message}",
                    )
                )
        return findings

    def _coverage(
        self, code: str, kind: str, policy: KindPolicy, records: list[EntryRecord]
    ) -> list[GateFinding]:
        severity = policy.severity("coverage")
        counts = count_records(records)
        if (
            severity is None
            or policy.min_coverage is None
            or self.changed is not None
            or not counts.total
            or counts.coverage * 100 >= policy.min_coverage
        ):
            return []
        folder = _relative(self.config.catalogs_dir / code / "LC_MESSAGES", self.config.root)
        message = (
            f"{kind} coverage {counts.coverage:.1%} is below the minimum of "
            f"{policy.min_coverage:g}% ({counts.total - counts.translated + counts.copies}"
            f" of {counts.total} strings, {counts.words_todo} words to do)"
        )
        return [GateFinding(folder, 0, "coverage", kind, code, kind, severity, "", message)]

    def _finding(
        self, code: str, record: EntryRecord, name: str, severity: str, message: str
    ) -> GateFinding:
        path = self.paths.get(record.path)
        if path is None:
            path = self.paths[record.path] = _relative(record.path, self.config.root)
        return GateFinding(
            path,
            self._line(record),
            name,
            record.identity,
            code,
            record.kind,
            severity,
            record.source,
            message,
            record.domain,
        )

    def _line(self, record: EntryRecord) -> int:
        """The line of the entry's msgid (polib gives the line where its comments start)."""
        if record.line is None:
            return 0
        if record.path not in self.lines:
            text = record.path.read_text(encoding="utf-8").splitlines()
            self.lines[record.path] = [
                number for number, line in enumerate(text, start=1) if line.startswith("msgid ")
            ]
        lines = self.lines[record.path]
        index = bisect.bisect_left(lines, record.line)
        return lines[index] if index < len(lines) else record.line


def _describe(record: EntryRecord) -> str:
    """`identity "English"` on one line (the English shortened, newlines shown as \\n)."""
    text = record.source.replace("\n", "\\n")
    text = text if len(text) <= 80 else text[:77] + "..."
    if record.context is None or record.identity == record.source:
        return f'"{text}"'
    return f'{record.identity} "{text}"'


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = [
    "GateFinding",
    "GateOptions",
    "GateResult",
    "QualityIssue",
    "QualityRunner",
    "SiteEntries",
    "changed_keys",
    "run_gate",
]
