"""Merging a template into one language's catalog, as msgmerge does, plus fuzzy carry-over.

Order of matching, each pass taking only what the earlier ones left:
1. the same (msgctxt, msgid): the translation is kept as it is;
2. the same identity (msgctxt) when it names the unit (menus, interface strings, titles), or
   when it is found once in the old catalog and once in the template (an adopted template
   whose entries each have their own msgctxt): the English changed, so the translation is
   kept and becomes stale, however short the label;
3. an obsolete entry with the same key or identity: a unit that came back gets its text back;
4. fuzzy matching (rapidfuzz) among the catalog's unmatched translated entries: an edited
   paragraph becomes stale, the best pairs first; then, a little less similar, a segment
   left between the same two matched neighbours in the old order and the new (a short
   heading with a word changed). Each new string is scored against a few candidates only
   (sync/candidates.py: rare words, the same source file, the same neighbours), so the cost
   grows with the catalog, not with its square;
5. translation memory: the same English already translated elsewhere in the language
   becomes needs-review; failing that, a sentence one word away from a translated one gets
   that translation as needs-review, the note naming the English it was written for.
What is left of the old catalog becomes obsolete (`#~`), if it held a translation. A kept
translation that `msgfmt --check` would reject under the template's format flags (`{name]`
where the English now says `python-brace-format`) becomes fuzzy, as msgmerge makes it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

import polib

from l10n.model import Unit
from l10n.po.formats import entry_problem, entry_rejection
from l10n.po.review import TM_NOTE, near_copy_note
from l10n.sync.candidates import RARE, NearCopies, OldStrings, Scores

# How much less similar than the fuzzy threshold a segment may be when it kept its place.
IN_PLACE_MARGIN = 15.0
SOURCE_FLAG_PREFIXES = ("max-length:",)
Key = tuple[str | None, str]


@dataclass
class MergeOptions:
    """What a merge needs besides the template and the old catalog."""

    nplurals: int
    fuzzy_threshold: float = 75.0
    memory: Mapping[str, str] | None = None
    near_copies: NearCopies | None = None  # the same language's memory, by close English
    scores: Scores | None = None  # pairs already scored (by other languages' merges)


def merge_catalog(
    units: list[Unit], old: polib.POFile | None, target: polib.POFile, options: MergeOptions
) -> polib.POFile:
    """Fill `target` (a catalog with its header set) from the template and the old catalog."""
    old_entries = [entry for entry in old or [] if not entry.obsolete]
    obsolete = [entry for entry in old or [] if entry.obsolete]
    scores = options.scores if options.scores is not None else Scores()
    matches = _match(units, old_entries, obsolete, options.fuzzy_threshold, scores)
    used = {id(entry) for entry, _ in matches.values()}
    for index, unit in enumerate(units):
        if index in matches:
            entry, changed = matches[index]
            if changed or entry.obsolete or not _kept_as_is(unit, entry, options.nplurals):
                entry = _carried(unit, entry, changed, options.nplurals)
            target.append(entry)  # an entry the merge keeps as it is: itself, not a copy
        else:
            target.append(_fresh(unit, options))
    for entry in old_entries + obsolete:
        if id(entry) not in used and _has_text(entry):
            if not entry.obsolete:  # as msgmerge: where the source said it is no longer true
                entry.comment, entry.occurrences = "", []
            entry.obsolete = True
            target.append(entry)
    return target


def _match(
    units: list[Unit],
    old_entries: list[polib.POEntry],
    obsolete: list[polib.POEntry],
    threshold: float,
    scores: Scores,
) -> dict[int, tuple[polib.POEntry, bool]]:
    """Return unit index -> (old entry, whether the English changed)."""
    matches: dict[int, tuple[polib.POEntry, bool]] = {}
    _match_exact(units, old_entries, matches)
    _match_identity(units, old_entries, matches)
    _match_exact(units, obsolete, matches)
    _match_identity(units, obsolete, matches)
    _match_fuzzy(units, old_entries, matches, threshold, scores)
    _match_in_place(units, old_entries, matches, threshold - IN_PLACE_MARGIN, scores)
    return matches


def _free(
    entries: Iterable[polib.POEntry], matches: dict[int, tuple[polib.POEntry, bool]]
) -> list[polib.POEntry]:
    taken = {id(entry) for entry, _ in matches.values()}
    return [entry for entry in entries if id(entry) not in taken]


def _match_exact(
    units: list[Unit], entries: list[polib.POEntry], matches: dict[int, tuple[polib.POEntry, bool]]
) -> None:
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in _free(entries, matches)}
    for index, unit in enumerate(units):
        if index not in matches and unit.key in by_key:
            matches[index] = (by_key.pop(unit.key), False)


def _match_identity(
    units: list[Unit], entries: list[polib.POEntry], matches: dict[int, tuple[polib.POEntry, bool]]
) -> None:
    free = _free(entries, matches)
    old_counts = Counter(entry.msgctxt for entry in free)
    everywhere = Counter(entry.msgctxt for entry in entries)
    new_counts = Counter(unit.context for unit in units)
    by_context = {entry.msgctxt: entry for entry in free if old_counts[entry.msgctxt] == 1}
    for index, unit in enumerate(units):
        if index in matches or unit.context is None or new_counts[unit.context] != 1:
            continue
        names_it = unit.identity_is_context or everywhere[unit.context] == 1
        if names_it and unit.context in by_context:
            matches[index] = (by_context.pop(unit.context), True)


def _match_fuzzy(
    units: list[Unit],
    entries: list[polib.POEntry],
    matches: dict[int, tuple[polib.POEntry, bool]],
    threshold: float,
    scores: Scores,
) -> None:
    """Pair edited segments with their old selves, the most similar pairs first."""
    free = [entry for entry in _free(entries, matches) if _has_text(entry)]
    waiting = [index for index in range(len(units)) if index not in matches]
    if not free or not waiting:
        return
    old = OldStrings(
        [entry.msgid for entry in free], [[name for name, _ in entry.occurrences] for entry in free]
    )
    pairs: list[tuple[float, int, int]] = []
    for index in waiting:
        unit = units[index]
        for choice in old.candidates(unit.source, unit.references):
            score = scores.ratio(unit.source, free[choice].msgid, threshold)
            if score:
                pairs.append((score, index, choice))
    _take_best(pairs, free, matches)


def _take_best(
    pairs: list[tuple[float, int, int]],
    choices: list[polib.POEntry],
    matches: dict[int, tuple[polib.POEntry, bool]],
) -> None:
    """Match (score, unit index, choice) pairs, the best first, each side at most once."""
    taken_units: set[int] = set()
    taken_entries: set[int] = set()
    for _, index, choice in sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2])):
        if index not in taken_units and choice not in taken_entries:
            matches[index] = (choices[choice], True)
            taken_units.add(index)
            taken_entries.add(choice)


def _match_in_place(
    units: list[Unit],
    entries: list[polib.POEntry],
    matches: dict[int, tuple[polib.POEntry, bool]],
    threshold: float,
    scores: Scores,
) -> None:
    """Pair segments left between the same two matched neighbours, a little less similar.

    A short heading with a word changed ("Key figures" -> "Key blended figures") falls
    under the fuzzy threshold; still between the same neighbours in the old order and
    the new, it is the same segment. Only segments keyed by their English (article
    paragraphs), never units with an identity of their own.
    """
    place = {id(entry): number for number, entry in enumerate(entries)}
    free = [entry for entry in _free(entries, matches) if _has_text(entry) and id(entry) in place]
    if not free:
        return
    numbers = [place[id(entry)] for entry in free]  # in the old order, as `entries` is
    anchored = sorted(
        (index, place[id(entry)]) for index, (entry, _) in matches.items() if id(entry) in place
    )
    news = [new for new, _ in anchored]
    highest = list(accumulate((old for _, old in anchored), max))  # up to each anchor
    lowest = list(accumulate((old for _, old in reversed(anchored)), min))[::-1]  # from each
    pairs: list[tuple[float, int, int]] = []
    for index, unit in enumerate(units):
        if index in matches or unit.identity_is_context:
            continue
        cut = bisect_left(news, index)
        before = highest[cut - 1] if cut else -1
        after = lowest[cut] if cut < len(news) else len(entries)
        first, last = bisect_right(numbers, before), bisect_left(numbers, after)
        if last - first > RARE:  # no neighbours to speak of: this is not a place
            continue
        for choice in range(first, last):
            score = scores.ratio(unit.source, free[choice].msgid, threshold)
            if score:
                pairs.append((score, index, choice))
    _take_best(pairs, free, matches)


def _has_text(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _new_entry(unit: Unit) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=unit.source,
        msgctxt=unit.context,
        comment="\n".join(unit.notes),
        occurrences=[_occurrence(ref) for ref in unit.references],
        flags=list(unit.flags),
    )
    if unit.plural is not None:
        entry.msgid_plural = unit.plural
    return entry


def _occurrence(reference: str) -> tuple[str, str]:
    name, _, line = reference.rpartition(":")
    return (name, line) if name and line.isdigit() else (reference, "")


def _carried(unit: Unit, old: polib.POEntry, changed: bool, nplurals: int) -> polib.POEntry:
    """The new entry for a unit that had an old one: text kept, stale if the English changed."""
    entry = _new_entry(unit)
    entry.tcomment = old.tcomment
    entry.flags = _carried_flags(entry.flags, old.flags)
    _copy_text(old, entry, nplurals)
    entry.previous_msgctxt = old.previous_msgctxt
    entry.previous_msgid = old.previous_msgid
    entry.previous_msgid_plural = old.previous_msgid_plural
    if changed and _has_text(entry):
        _mark_stale(entry, old)
    if not _has_text(entry):
        _clear_review_state(entry)
    elif "fuzzy" not in entry.flags and entry_rejection(entry) is not None:
        entry.flags.insert(0, "fuzzy")  # as msgmerge: a format flag the text breaks
    return entry


def _carried_flags(unit_flags: list[str], old_flags: list[str]) -> list[str]:
    """The unit's flags, then the old entry's own (those the English sets are the unit's)."""
    kept = [
        flag
        for flag in old_flags
        if flag not in unit_flags
        and not flag.startswith(SOURCE_FLAG_PREFIXES)
        and not flag.endswith("-format")
    ]
    return _fuzzy_first(unit_flags + kept)


def merge_keeps(units: list[Unit], old: polib.POFile, nplurals: int) -> bool:
    """Whether merging `units` into `old` gives back `old`'s entries, unchanged and in order.

    True only when every entry in use is the unit at its place and already what `_carried`
    makes of it, and the obsolete entries all come last and hold a translation: then no
    entry is built to find out (a large site's catalogs are nearly all like that).
    """
    active = [entry for entry in old if not entry.obsolete]
    if len(active) != len(units) or not obsolete_last_with_text(old):
        return False
    if len({unit.key for unit in units}) != len(units):
        return False
    pairs = zip(units, active, strict=True)
    return all(_kept_as_is(unit, entry, nplurals) for unit, entry in pairs)


def run_kept(
    places: Mapping[bytes, int],
    flags: Sequence[tuple[str, ...]],
    start: int,
    active: list[polib.POEntry],
    nplurals: int,
) -> bool:
    """Whether the entries in use `active` are the units from place `start` on, in order,
    each already what `_carried` makes of it: `merge_keeps`'s test on a run of a catalog's
    entries (a part of a big catalog, read on its own), asked of the units' marks
    (`unit_mark` -> place) and flags instead of the units themselves."""
    if start < 0:
        return not active
    found = places.get
    for place, entry in enumerate(active, start):
        if found(entry_mark(entry)) != place:
            return False
        if not _text_and_flags_kept(flags[place], entry, nplurals):
            return False
    return True


def unit_mark(unit: Unit) -> bytes:
    """A digest of what `_kept_as_is` compares of a unit, its flags aside: equal to the
    `entry_mark` of an entry exactly when `_unit_fields` equal its `_entry_fields`."""
    return _mark(*_unit_fields(unit))


def entry_mark(entry: polib.POEntry) -> bytes:
    """The `unit_mark` of the unit `entry` is kept for, as far as its fields say."""
    return _mark(entry.msgctxt, entry.msgid, entry.msgid_plural, entry.comment, entry.occurrences)


def _unit_fields(unit: Unit) -> tuple[str | None, str, str, str, list[tuple[str, str]]]:
    plural = unit.plural if unit.plural is not None else ""
    references = [_occurrence(ref) for ref in unit.references]
    return unit.context, unit.source, plural, "\n".join(unit.notes), references


def _entry_fields(entry: polib.POEntry) -> tuple[str | None, str, str, str, list[tuple[str, str]]]:
    return entry.msgctxt, entry.msgid, entry.msgid_plural, entry.comment, entry.occurrences


def _mark(
    context: str | None, source: str, plural: str, notes: str, references: list[tuple[str, str]]
) -> bytes:
    """A 128-bit digest of the fields (`_entry_fields`' order): their UTF-8 bytes joined by
    a byte UTF-8 never holds (0xFF), after 0 for no msgctxt or 1 for one, hashed in one
    call (each entry of a big catalog's part is marked: its fields taken as arguments, not
    unpacked from a tuple)."""
    pieces = [source, plural, notes] if context is None else [context, source, plural, notes]
    for reference in references:
        pieces += reference
    data = b"\xff".join([piece.encode("utf-8", "surrogatepass") for piece in pieces])
    return _blake2b(b"\x00" + data if context is None else b"\x01" + data, digest_size=16).digest()


_blake2b = hashlib.blake2b


def obsolete_last_with_text(catalog: polib.POFile) -> bool:
    """Whether every obsolete entry comes after the entries in use and holds a translation."""
    seen_obsolete = False
    for entry in catalog:
        if entry.obsolete:
            seen_obsolete = True
            if not _has_text(entry):
                return False
        elif seen_obsolete:
            return False
    return True


def _kept_as_is(unit: Unit, old: polib.POEntry, nplurals: int) -> bool:
    """Whether `_carried(unit, old, False, nplurals)` has exactly `old`'s fields."""
    if (old.msgctxt, old.msgid) != unit.key or _entry_fields(old) != _unit_fields(unit):
        return False
    return _text_and_flags_kept(unit.flags, old, nplurals)


def _text_and_flags_kept(unit_flags: Sequence[str], old: polib.POEntry, nplurals: int) -> bool:
    """`_kept_as_is` past the fields `_unit_fields` holds: the flags and the translation."""
    flags = old.flags
    if (unit_flags or flags) and flags != _carried_flags(list(unit_flags), flags):
        return False  # (no flags on either side: `_carried_flags` gives none)
    if old.msgid_plural:
        if old.msgstr or old.msgstr_plural != _plural_forms(old, nplurals):
            return False
    elif old.msgstr_plural:
        return False
    if _has_text(old):
        if "fuzzy" in flags:
            return True
        if old.msgid_plural:
            return entry_rejection(old) is None
        return entry_problem(old.msgid, None, (old.msgstr,), flags) is None  # `entry_rejection`
    return (
        "fuzzy" not in flags
        and old.previous_msgid is None
        and old.previous_msgid_plural is None
        and old.previous_msgctxt is None
    )


def _fuzzy_first(flags: list[str]) -> list[str]:
    """One order for flags, whatever path made them, so a second merge changes no byte."""
    return (["fuzzy"] if "fuzzy" in flags else []) + [flag for flag in flags if flag != "fuzzy"]


def _mark_stale(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Keep the English the text was written against, across repeated changes."""
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if old.previous_msgid is None:
        entry.previous_msgid = old.msgid
        entry.previous_msgid_plural = old.msgid_plural or None
        if old.msgctxt != entry.msgctxt:
            entry.previous_msgctxt = old.msgctxt
    if entry.previous_msgid == entry.msgid and entry.previous_msgctxt in (None, entry.msgctxt):
        _clear_review_state(entry)  # the English came back to what was translated


def _clear_review_state(entry: polib.POEntry) -> None:
    entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None


def _plural_forms(old: polib.POEntry, nplurals: int) -> dict[int, str]:
    """The old entry's forms for a plural unit, as msgmerge keeps them: never one dropped.

    A plural entry keeps the forms it has, as many as it has (a translator's third form
    under a two-form header is for a person to look at; msgfmt --check names it); a
    singular one gives its text to the first of `nplurals` forms.
    """
    if old.msgid_plural and old.msgstr_plural:
        return dict(sorted(old.msgstr_plural.items()))
    forms = {0: old.msgstr}
    return {index: forms.get(index, "") for index in range(nplurals)}


def _copy_text(old: polib.POEntry, entry: polib.POEntry, nplurals: int) -> None:
    if entry.msgid_plural:
        entry.msgstr_plural = _plural_forms(old, nplurals)
    else:
        entry.msgstr = old.msgstr if not old.msgid_plural else old.msgstr_plural.get(0, "")


def _fresh(unit: Unit, options: MergeOptions) -> polib.POEntry:
    """A new entry: empty, or from translation memory as needs-review."""
    entry = _new_entry(unit)
    if unit.plural is not None:
        entry.msgstr_plural = dict.fromkeys(range(options.nplurals), "")
        return entry
    memory = options.memory or {}
    if unit.source in memory:
        entry.msgstr, entry.tcomment = memory[unit.source], TM_NOTE
    elif options.near_copies is not None and (close := options.near_copies.find(unit.source)):
        entry.msgstr, entry.tcomment = memory[close], near_copy_note(close)
    if entry.msgstr:
        entry.flags.insert(0, "fuzzy")
    return entry
