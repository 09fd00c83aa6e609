"""The translator comments that mark a suggestion waiting for a person's review.

A machine translation saved by `l10n pretranslate` carries `# Machine translation (P): review
it.` (P is the provider's name in config.yaml); a translation-memory suggestion saved by sync
carries `# Suggested by translation memory: review it.`, or, when it was translated for a
close English (a near-copy), `# Suggested by translation memory, translated for "<that
English>": review it.`. All go together with `#, fuzzy` and
no `#| msgid` (the needs-review state). Once a person accepts or rewrites the text, the note is
no longer true and must go: `without_review_note` removes it and keeps every other line a
translator wrote. This module imports only `l10n.po.lines`, so any saving path can use it.
"""

from __future__ import annotations

import re

from l10n.po.lines import comment_lines

MT_NOTE = "Machine translation ({provider}): review it."
TM_NOTE = "Suggested by translation memory: review it."
NEAR_COPY_NOTE = 'Suggested by translation memory, translated for "{english}": review it.'
NEAR_COPY_SHOWN = 80  # characters of that English named in the note
_NOTE_LINE = re.compile(
    r"^(?:Machine translation \(.+\): review it\.|"
    + re.escape(TM_NOTE)
    + r'|Suggested by translation memory, translated for ".*": review it\.)$'
)


def machine_note(provider: str) -> str:
    """The note that records which provider wrote a needs-review text."""
    return MT_NOTE.format(provider=provider)


def near_copy_note(english: str) -> str:
    """The note on a translation carried from a close English: that English, on one line."""
    shown = " ".join(english.split())
    if len(shown) > NEAR_COPY_SHOWN:
        shown = shown[: NEAR_COPY_SHOWN - 1].rstrip() + "…"
    return NEAR_COPY_NOTE.format(english=shown)


def is_review_note(line: str) -> bool:
    """True for a machine-translation or translation-memory review note."""
    return _NOTE_LINE.match(line.strip()) is not None


def review_notes(comment: str | None) -> list[str]:
    """The review-note lines of a translator comment, in order."""
    return [line for line in comment_lines(comment) if is_review_note(line)]


def without_review_note(comment: str | None) -> str:
    """The translator comment without its review notes (other lines kept, in order)."""
    if not comment:
        return ""
    return "\n".join(line for line in comment_lines(comment) if not is_review_note(line))


def with_review_note(comment: str | None, note: str) -> str:
    """The translator comment with `note` as its last line (older review notes replaced)."""
    kept = without_review_note(comment)
    return f"{kept}\n{note}" if kept else note
