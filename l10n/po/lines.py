"""The lines of a comment held in an entry (`tcomment`, `comment`), as they are in the file.

polib and the fast reader join a comment's lines with `\\n` and nothing else, and
`l10n.po.gnu` writes each `\\n`-separated piece back as one `#` line. `str.splitlines`
would also cut at U+2028, U+2029, U+0085, \\v, \\f and \\x1c-\\x1e, which are text inside a
comment line (msgfmt and msgcat keep them), and would drop a last bare `#` line: a save
that rewrites the comment through it would change lines nobody edited.
"""

from __future__ import annotations


def comment_lines(text: str | None) -> list[str]:
    """A comment's lines, exactly as written back (no lines for an empty comment)."""
    return text.split("\n") if text else []
