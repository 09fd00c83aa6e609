"""A catalog entry translated two ways in a merge: both texts kept in a valid catalog.

The merge driver (`l10n.po.merge`) keeps one side's text as the entry's translation and
marks the entry `#, fuzzy, merge-conflict`; the other side's text(s) go in a translator
comment line of their own, `# Merge conflict, theirs: ["…"]` (a JSON list, one string per
plural form). So `msgfmt` leaves the entry out (fuzzy) and reads the file as any catalog,
`status` counts the entry as not translated, `check` reports it as a `conflict` finding
and the TUI offers keep mine / take theirs / edit. Saving a text without the flag (a
person decided) takes the comment line away. This module imports only `l10n.po.lines`.
"""

from __future__ import annotations

import json

from l10n.po.lines import comment_lines

CONFLICT_FLAG = "merge-conflict"
_PREFIX = "Merge conflict, theirs: "


def conflict_note(theirs: tuple[str, ...]) -> str:
    """The comment line that holds the other side's text(s)."""
    return _PREFIX + json.dumps(list(theirs), ensure_ascii=False)


def is_conflict_note(line: str) -> bool:
    return line.startswith(_PREFIX)


def theirs_of(comment: str | None) -> tuple[str, ...] | None:
    """The other side's text(s) kept in a translator comment, or None."""
    for line in comment_lines(comment):
        if is_conflict_note(line):
            try:
                texts = json.loads(line[len(_PREFIX) :])
            except ValueError:
                return None
            if isinstance(texts, list) and all(isinstance(text, str) for text in texts):
                return tuple(texts)
    return None


def with_conflict_note(comment: str | None, theirs: tuple[str, ...]) -> str:
    """The translator comment with the conflict line last (an older one replaced)."""
    kept = without_conflict_note(comment)
    note = conflict_note(theirs)
    return f"{kept}\n{note}" if kept else note


def without_conflict_note(comment: str | None) -> str:
    """The translator comment without its conflict line (other lines kept, in order)."""
    if not comment:
        return ""
    return "\n".join(line for line in comment_lines(comment) if not is_conflict_note(line))
