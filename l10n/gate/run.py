"""The build gate behind `l10n check`: findings from the same records `status` counts.

It reads every catalog once (`stats.collect_entries`), applies the policies per kind and
language, adds quality-check findings from a pluggable runner and fails when the catalogs are
out of date with the content. Renderers in `l10n.render` turn the result into text, JSON,
GitHub annotations or JUnit XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.cache.store import Cache
from l10n.checks.settings import copy_rule
from l10n.config import KINDS, Config
from l10n.coverage.stats import (
    Counts,
    EntryRecord,
    LanguageStats,
    SiteEntries,
    SiteStats,
    count_records,
    language_counts,
)
from l10n.errors import UsageError
from l10n.gate.findings import FindingFields, Findings, GateFinding
from l10n.gate.policy import (
    CHECKS,
    ERROR,
    FORMAT,
    KindPolicy,
    Policies,
    check_severity,
    load_policies,
)
from l10n.gate.scan import (
    CatalogScan,
    DomainScan,
    IssueFields,
    QualityIssue,
    ScanCache,
    SourceKey,
    Workers,
    issue_fields,
    read_again,
    scan_site,
    shared_sources,
)
from l10n.gitio import read_blobs, resolve, toplevel
from l10n.model import State
from l10n.po.conflict import CONFLICT_FLAG
from l10n.po.formats import rejection_message
from l10n.sources.site import Site, load_site, pot_path
from l10n.sync.run import orphans_would_change

Key = tuple[str | None, str]
OUT_OF_DATE = "out-of-date"
CONFLICT = "conflict"
CONFLICT_MESSAGE = (
    "translated two ways in a merge (marked merge-conflict): keep one in `l10n tui` "
    "or edit the catalog"
)


# Given a language and its records, the quality issues of each record (same order).
QualityRunner = Callable[[str, Sequence[EntryRecord]], list[list[QualityIssue]]]


class QualityChecks:
    """Quality checks as the gate runs them, in two parts.

    `record_issues` looks at one record on its own and runs where the catalogs are read (in
    worker processes on a large site, so it must pickle); `language_issues` looks across
    the records of one language and kind that `keeps` chose (one English, two translations).
    When `language_issues` only ever relates records with the same English (and plural),
    `same_source_only` lets the gate keep the translations of those records alone.
    """

    same_source_only = False

    def kept_as(self) -> ScanCache | None:
        """How scans checked by these checks may be cached (None: they may not be)."""
        return None

    def record_issues(self, language: str, record: EntryRecord) -> list[QualityIssue]:
        """The issues of one record on its own."""
        del language, record
        return []

    def keeps(self, record: EntryRecord) -> bool:
        """Whether `language_issues` needs to see the record."""
        del record
        return True

    def language_issues(
        self, language: str, records: Sequence[EntryRecord]
    ) -> dict[int, list[QualityIssue]]:
        """Issues across records, by index in `records`."""
        del language, records
        return {}


class RunnerChecks(QualityChecks):
    """A QualityRunner (one language's records in, issues per record out) as QualityChecks."""

    def __init__(self, runner: QualityRunner) -> None:
        self.runner = runner

    def language_issues(
        self, language: str, records: Sequence[EntryRecord]
    ) -> dict[int, list[QualityIssue]]:
        found = self.runner(language, records)
        return {index: issues for index, issues in enumerate(found) if issues}


@dataclass
class GateResult:
    """Everything `l10n check` found, sorted, with the numbers of `status`."""

    findings: Findings  # any iterable of findings is taken in as Findings
    stats: SiteStats
    languages: tuple[str, ...]
    kinds: tuple[str, ...]
    changed_since: str | None = None
    out_of_date: list[str] = field(default_factory=list)
    # with changed_since: per language, the counts of the units added or changed since then
    changed_counts: dict[str, Counts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        found: Iterable[GateFinding] = self.findings
        if not isinstance(found, Findings):
            self.findings = Findings.of(found)

    @property
    def error_count(self) -> int:
        return sum(row["errors"] for row in self.findings.totals().values())

    @property
    def warning_count(self) -> int:
        return sum(row["warnings"] for row in self.findings.totals().values())

    @property
    def passed(self) -> bool:
        return not self.error_count

    def summary(self) -> dict[str, dict[str, int]]:
        """Errors and warnings per language ('' holds findings of no language)."""
        totals = {code: {"errors": 0, "warnings": 0} for code in self.languages}
        for code, row in self.findings.totals().items():
            totals[code] = row
        return totals


@dataclass
class GateOptions:
    """What `l10n check` was asked for."""

    languages: tuple[str, ...] | None = None
    kinds: tuple[str, ...] = KINDS
    changed_since: str | None = None
    today: dt.date | None = None
    quality: QualityChecks | QualityRunner | None = None
    # Whether each finding carries its unit's English (`GateFinding.source`, "" when not):
    # only the JSON and SARIF reports show it, and it was most of the bytes of the findings
    # kept on disk until the report is written (42 MB at the 10k catalog shape).
    sources: bool = True


def run_gate(
    config: Config,
    options: GateOptions | None = None,
    site: Site | None = None,
    cache: Cache | None = None,
) -> GateResult:
    """Apply the policies to every catalog of the chosen languages and kinds.

    Each catalog is read once (`l10n.gate.scan`) for its records, its quality issues and whether
    `l10n sync` would rewrite it. With a `cache`, the site and each domain's scan are kept.
    """
    options = options or GateOptions()
    policies = load_policies(config)
    languages = options.languages or config.languages
    quality = _quality_checks(options.quality)
    # the workers start while the site is read (the modules of the checks imported)
    modules = (type(quality).__module__,) if quality is not None else ()
    started = Workers.early(config, languages, modules) if site is None else None
    try:
        return _run_gate(config, options, policies, languages, quality, site, cache, started)
    finally:
        if started is not None:
            started.close()


def _run_gate(
    config: Config,
    options: GateOptions,
    policies: Policies,
    languages: tuple[str, ...],
    quality: QualityChecks | None,
    site: Site | None,
    cache: Cache | None,
    started: Workers | None,
) -> GateResult:
    site = site or load_site(config, cache)
    changed = changed_keys(config, site, options.changed_since) if options.changed_since else None
    shared = shared_sources(site) if quality is not None and quality.same_source_only else None
    scan = _Scan(config, site, policies, options, changed, quality, shared)
    record_issues = quality.record_issues if quality is not None else None
    # exemptions are taken out of the counts, and --changed-since counts the changed units
    # in every state: both need every record
    slim = not policies.exemptions and options.changed_since is None
    kept_as = quality.kept_as() if quality is not None else ScanCache("no checks")
    scanned_domains = scan_site(
        config,
        site,
        languages,
        scan.rule,
        record_issues,
        options.kinds,
        shared,
        slim,
        kept_as,
        cache,
        started,
    )
    for scanned in scanned_domains:
        scan.domain(scanned)
    findings = scan.finish(languages)
    out_of_date = _out_of_date(config, site, languages, scan.rewritten)
    findings.add(out_of_date)
    return GateResult(
        findings,
        SiteStats(config.source, scan.stats(languages)),
        languages,
        options.kinds,
        options.changed_since,
        [finding.path for finding in out_of_date],
        scan.changed_counts,
    )


def _quality_checks(quality: QualityChecks | QualityRunner | None) -> QualityChecks | None:
    if quality is None or isinstance(quality, QualityChecks):
        return quality
    return RunnerChecks(quality)


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


def _out_of_date(
    config: Config, site: Site, languages: tuple[str, ...], rewritten: list[Path]
) -> list[GateFinding]:
    """One finding per catalog or template that `l10n sync` would write or remove."""
    findings = []
    for path in sorted({*rewritten, *orphans_would_change(config, site, languages)}):
        parts = path.parts  # <catalogs>/<lang>/LC_MESSAGES/<domain>.po, or a template
        at = parts.index("LC_MESSAGES") if "LC_MESSAGES" in parts[1:] else 0
        language = parts[at - 1] if at else ""
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
    """Applies the policies to each domain's records as they are scanned."""

    def __init__(
        self,
        config: Config,
        site: Site,
        policies: Policies,
        options: GateOptions,
        changed: dict[str, set[Key]] | None,
        quality: QualityChecks | None,
        shared: dict[str, set[SourceKey]] | None,
    ):
        self.config, self.site, self.policies = config, site, policies
        self.options, self.changed, self.quality = options, changed, quality
        self.rule = copy_rule(config)
        self.sources = options.sources
        self.shared = shared  # the English more than one unit has, when texts are dropped
        # (language, kind) -> English of records of out-of-date catalogs that the site has
        # once: up-to-date records with it came back without their translations.
        self.unsure: dict[tuple[str, str], set[SourceKey]] = {}
        self.clean: set[tuple[str, str]] = set()  # (language, domain) of up-to-date catalogs
        self.today = options.today or dt.date.today()
        self.paths: dict[Path, str] = {}  # each catalog's path relative to the config's folder
        self.last_path: tuple[Path | None, str] = (None, "")  # the one `_path` gave last
        self.folders: dict[Path, str] = {}  # the same for their folders
        self.findings = Findings()  # a run for each catalog and for what needs a language
        self.rewritten: list[Path] = []  # what `l10n sync` would write
        self.counts: dict[str, dict[str, Counts]] = {}  # language -> domain -> counts
        self.coverage: dict[tuple[str, str], Counts] = {}  # (language, kind), policies applied
        self.kept: dict[tuple[str, str], list[EntryRecord]] = {}  # for language_issues
        self.changed_counts: dict[str, Counts] = {}  # language -> counts of changed units

    def domain(self, scanned: DomainScan) -> None:
        """Take in one domain's catalogs: counts, state and record findings, what to keep."""
        kind = self.site.kinds[scanned.domain]
        if scanned.template_out_of_date:
            self.rewritten.append(pot_path(self.config, scanned.domain))
        for catalog in scanned.catalogs:
            code = catalog.language
            counts = catalog.counts
            self.counts.setdefault(code, {})[scanned.domain] = counts
            if catalog.out_of_date:
                self.rewritten.append(catalog.path)
            else:
                self.clean.add((code, scanned.domain))
            if kind in self.options.kinds:
                self._catalog(code, kind, scanned.domain, catalog, counts)

    def _catalog(
        self, code: str, kind: str, domain: str, catalog: CatalogScan, counts: Counts
    ) -> None:
        policy = self.policies.policy(kind, code)
        if self._in_grace(domain, policy):
            return
        pairs = list(zip(catalog.records, catalog.issues, strict=True))
        if self.policies.exemptions:
            pairs = [pair for pair in pairs if not self._exempt(code, pair[0])]
        if len(pairs) < len(catalog.records):
            counts = count_records([record for record, _ in pairs])
        self.coverage.setdefault((code, kind), Counts()).add(counts)
        if self.changed is not None:
            pairs = [pair for pair in pairs if self._changed(pair[0])]
            changed = count_records([record for record, _ in pairs])
            self.changed_counts.setdefault(code, Counts()).add(changed)
        level = policy.severity(CHECKS) if self.quality is not None else None
        self.findings.add(self._record_findings(code, policy, level, pairs))
        if level is None or self.quality is None:
            return
        kept = [record for record, _ in pairs if self.quality.keeps(record)]
        self.kept.setdefault((code, kind), []).extend(kept)
        if self.shared is not None and catalog.out_of_date:
            sources = {(record.source, record.source_plural) for record in kept}
            unsure = sources - self.shared.get(kind, set())
            self.unsure.setdefault((code, kind), set()).update(unsure)

    def finish(self, languages: tuple[str, ...]) -> Findings:
        """Add what needs a whole language: coverage and issues across records."""
        for code in languages:
            for kind in self.options.kinds:
                policy = self.policies.policy(kind, code)
                counts = self.coverage.get((code, kind), Counts())
                self.findings.add(self._coverage(code, kind, policy, counts))
                self.findings.add(self._language_quality(code, kind, policy))
        return self.findings

    def stats(self, languages: tuple[str, ...]) -> dict[str, LanguageStats]:
        """The numbers of `status`, from every record scanned."""
        return {
            code: language_counts(self.site, code, self.counts.get(code, {})) for code in languages
        }

    def _language_quality(self, code: str, kind: str, policy: KindPolicy) -> list[FindingFields]:
        level = policy.severity(CHECKS)
        kept = self.kept.pop((code, kind), [])
        if level is None or self.quality is None:
            return []
        records = kept + self._restored(code, kind, policy, self.quality)
        if not records:
            return []
        found = self.quality.language_issues(code, records).items()
        pairs = [(records[index], list(map(issue_fields, issues))) for index, issues in found]
        return self._record_findings(code, None, level, pairs)

    def _restored(
        self, code: str, kind: str, policy: KindPolicy, quality: QualityChecks
    ) -> list[EntryRecord]:
        """Up-to-date records whose translations were dropped but are needed after all.

        Their English is the site's only unit of it, yet an out-of-date catalog still has
        an entry with the same English: read their catalogs again for them.
        """
        unsure = self.unsure.pop((code, kind), set())
        restored: list[EntryRecord] = []
        for domain, units in self.site.templates.items() if unsure else ():
            if (
                self.site.kinds[domain] != kind
                or (code, domain) not in self.clean
                or self._in_grace(domain, policy)
                or not any((unit.source, unit.plural) in unsure for unit in units)
            ):
                continue
            restored += [
                record
                for record in read_again(self.config, self.rule, code, domain, kind)
                if (record.source, record.source_plural) in unsure
                and not self._exempt(code, record)
                and self._changed(record)
                and quality.keeps(record)
            ]
        return restored

    def _changed(self, record: EntryRecord) -> bool:
        """Whether `--changed-since` (if given) covers the record."""
        return self.changed is None or record.key in self.changed.get(record.domain, set())

    def _in_grace(self, domain: str, policy: KindPolicy) -> bool:
        article = self.site.articles.get(domain.removeprefix("articles/"))
        if not policy.grace_days or article is None or article.date is None:
            return False
        return article.date + dt.timedelta(days=policy.grace_days) > self.today

    def _exempt(self, code: str, record: EntryRecord) -> bool:
        return (
            self.policies.exemption(code, record.kind, record.domain, record.identity) is not None
        )

    def _record_findings(
        self,
        code: str,
        policy: KindPolicy | None,
        level: str | None,
        pairs: Iterable[tuple[EntryRecord, Sequence[IssueFields]]],
    ) -> list[FindingFields]:
        """The findings of records, each with its quality issues: of its state, copy,
        format and merge conflict as `policy` says (None: none of these), and each issue
        at `level` (None: none), made in one pass, each record described once (a catalog's
        are made by the hundred thousand: a call in Python per finding was a third of it)."""
        # a state's name (a plain string: marshal takes no enum) and severity
        severities: dict[State, tuple[str, str | None]] = {
            state: (state.value, policy.severity(state.value) if policy is not None else None)
            for state in State
            if state is not State.TRANSLATED
        }
        copy = policy.severity("copy") if policy is not None else None
        rejected_severity = policy.severity(FORMAT) if policy is not None else None
        conflicts = policy is not None
        english = self.sources
        findings: list[FindingFields] = []
        add = findings.append
        last_path: Path | None = None
        path = ""
        for record, issues in pairs:
            state, rejected = record.state, record.rejected
            conflict = conflicts and CONFLICT_FLAG in record.flags
            clean = policy is None or (
                state is State.TRANSLATED and not record.copy and rejected is None
            )
            if clean and not conflict and not (issues and level):
                continue
            if record.path is not last_path:
                last_path, path = record.path, self._path(record.path)
            line = 0 if record.line is None else record.msgid_line or record.line  # of the msgid
            source, kind, domain, identity = (
                record.source,
                record.kind,
                record.domain,
                record.identity,
            )
            described = _describe(record.context, source)
            shown = source if english else ""
            if conflict:  # always fails: nobody chose yet
                message = f"{described}: {CONFLICT_MESSAGE}"
                add((path, line, CONFLICT, identity, code, kind, ERROR, shown, message, domain))
            if not clean:
                name, severity = severities.get(state, ("", None))
                if severity:
                    add(
                        (path, line, name, identity, code, kind, severity, shown, described, domain)
                    )
                if record.copy and copy:
                    add((path, line, "copy", identity, code, kind, copy, shown, described, domain))
                if rejected is not None and rejected_severity:
                    message = f"{described}: {rejection_message(rejected)}"
                    severity = rejected_severity
                    add(
                        (path, line, FORMAT, identity, code, kind, severity, shown, message, domain)
                    )
            if not issues or level is None:
                continue
            for name, severity, message in issues:
                severity = check_severity(level, severity)
                message = f"{described}: {message}"
                add((path, line, name, identity, code, kind, severity, shown, message, domain))
        return findings

    def _coverage(
        self, code: str, kind: str, policy: KindPolicy, counts: Counts
    ) -> list[GateFinding]:
        severity = policy.severity("coverage")
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
            f"{policy.min_coverage:g}% ({counts.todo}"
            f" of {counts.total} strings, {counts.words_todo} words to do)"
        )
        return [GateFinding(folder, 0, "coverage", kind, code, kind, severity, "", message)]

    def _path(self, path: Path) -> str:
        """A catalog's path relative to the config's folder (a catalog's records share
        one Path: asked again, it is answered without hashing it)."""
        last, relative = self.last_path
        if path is last:
            return relative
        relative = self.paths.get(path) or self.paths.setdefault(path, self._relative(path))
        self.last_path = (path, relative)
        return relative

    def _relative(self, path: Path) -> str:
        """`_relative`, resolving each folder once (a catalog that is a link on its own)."""
        if path.is_symlink():
            return _relative(path, self.config.root)
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = _relative(path.parent, self.config.root)
        return f"{folder}/{path.name}" if folder not in ("", ".") else path.name


def _describe(context: str | None, source: str) -> str:
    """`identity "English"` on one line (the English shortened, newlines shown as \\n):
    only the English's first 81 characters are looked at (what can be shown of them)."""
    text = source[:81].replace("\n", "\\n")
    if len(source) > 80 or len(text) > 80:
        text = text[:77] + "..."
    if context is None or context == source:
        return f'"{text}"'
    return f'{context} "{text}"'


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
