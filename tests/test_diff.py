"""The stale diff a translator reads: phrases grouped, sentences aligned, rewrites named.

Real examples are paragraphs of the bundled site's articles (content/), edited the way the
site's writers edit them; hand-made ones pin each rule.
"""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from l10n.diff import DiffPart, SentenceChange, rewritten, sentence_diff, sentences, word_diff
from tui.widgets.panels import changes_text

ARTICLES = Path(__file__).resolve().parent.parent / "content" / "articles"
AIX = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days.md"


def paragraph(name: str, starts: str) -> str:
    """A paragraph of a bundled article (one line each), as sync cuts it into a segment."""
    text = (ARTICLES / name).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(starts))


def marked(parts: tuple[DiffPart, ...] | list[DiffPart]) -> list[str]:
    """The changed phrases of one side."""
    return [part.text for part in parts if part.tag != "equal"]


def joined(parts: tuple[DiffPart, ...]) -> str:
    return "".join(part.text for part in parts)


def test_a_reworded_phrase_is_one_change_on_each_side_not_words_interleaved() -> None:
    """The issue's example read 'that held took in place late in November'."""
    old = "Read the related news about CIVIS that held in late November"
    new = "Read the related news about CIVIS that took place late in November"
    (change,) = sentence_diff(old, new)
    assert change.kind == "changed"
    assert marked(change.old) == ["held in late"]
    assert marked(change.new) == ["took place late in"]
    assert [part.tag for part in word_diff(old, new)] == ["equal", "delete", "insert", "equal"]


def test_changes_apart_stay_apart() -> None:
    """Two shared words that are not both short are a landmark: two phrases, not one."""
    parts = word_diff("Read the CIVIS news", "Read all CIVIS news, today")
    assert marked(parts) == ["the", "all", ", today"]


def test_a_real_paragraph_reworded_in_one_place() -> None:
    was = "that took place in November 2021 at Université libre de Bruxelles"
    now = "held at Université libre de Bruxelles in late November 2021"
    old = paragraph(AIX, "After the success")
    new = old.replace(was, now)
    (change,) = sentence_diff(old, new)
    assert change.kind == "changed"
    assert marked(change.old) == [
        "that took place in November 2021 at Université libre de Bruxelles"
    ]
    assert marked(change.new) == ["held at Université libre de Bruxelles in late November 2021"]
    assert joined(change.old) == old and joined(change.new) == new


def test_a_real_paragraph_with_a_sentence_rewritten_one_reworded_and_one_added() -> None:
    old = paragraph(AIX, "On 3 February 2022, Aix-Marseille")
    first, second, *rest = sentences(old)
    new = (
        first.replace("organized a webinar", "held an online seminar")
        + "Citizens, students and partners from nine countries took part. "
        + "".join(rest)
        + " The recording is online."
    )
    changes = sentence_diff(old, new)
    kinds = [change.kind for change in changes]
    assert kinds == ["changed", "rewritten", *["same"] * len(rest), "added"]
    assert marked(changes[0].old) == ["organized a webinar"]
    assert marked(changes[0].new) == ["held an online seminar"]
    assert joined(changes[1].old) == second  # shown whole, as it was
    assert not rewritten(changes)


def test_a_whole_text_replaced_is_said_to_be_rewritten() -> None:
    changes = sentence_diff("Read the related news about CIVIS in late November", "Related news")
    assert [change.kind for change in changes] == ["rewritten"]
    assert rewritten(changes)


def test_similar_words_in_another_case_only_are_a_rewrite() -> None:
    changes = sentence_diff("Read related news about [CIVIS]", "Related news")
    assert [change.kind for change in changes] == ["rewritten"]


def test_sentences_removed_and_moved() -> None:
    old = "The alliance has eleven members. It was founded in 2018. Its seat is in Brussels."
    new = "It was founded in 2018. Its seat is in Brussels."
    assert [change.kind for change in sentence_diff(old, new)] == ["removed", "same", "same"]
    kinds = [change.kind for change in sentence_diff(new, old)]
    assert kinds == ["added", "same", "same"]


def test_a_changed_end_mark_is_a_change_of_that_sentence_only() -> None:
    changes = sentence_diff("Join us. Everyone came.", "Join us. Everyone came!")
    assert [change.kind for change in changes] == ["same", "changed"]
    assert marked(changes[1].old) == ["."] and marked(changes[1].new) == ["!"]


texts = st.lists(
    st.sampled_from(["CIVIS", "news", "in", "late", "November", ".", "!", " ", "\n", "the", "é"]),
    max_size=30,
).map("".join)


@given(texts, texts)
def test_each_side_gives_its_text_back(old: str, new: str) -> None:
    changes = sentence_diff(old, new)
    assert "".join(joined(change.old) for change in changes).strip() == old.strip()
    assert "".join(joined(change.new) for change in changes).strip() == new.strip()
    assert all(isinstance(change, SentenceChange) for change in changes)
    parts = word_diff(old, new)
    assert "".join(part.text for part in parts if part.tag != "insert") == old
    assert "".join(part.text for part in parts if part.tag != "delete") == new


def rendered(old: str, new: str, width: int = 80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(changes_text(old, new))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return [line.rstrip() for line in output.splitlines()]


def test_the_editor_shows_old_above_new_aligned() -> None:
    lines = rendered(
        "Read the related news about CIVIS that held in late November",
        "Read the related news about CIVIS that took place late in November",
    )
    assert lines[0] == "Changed  1 sentence: 1 reworded"
    was, now = lines[1], lines[2]
    assert was.startswith("was ") and now.startswith("now ")
    assert was.index("Read") == now.index("Read")  # both start in the same column
    assert "held in late November" in was and "took place late in November" in now


def test_the_editor_names_a_whole_rewrite_and_data_stays_data() -> None:
    lines = rendered("Read the [bold]news[/bold]", "Related news")
    assert "rewritten as a whole" in lines[0]
    assert "[bold]news[/bold]" in lines[1]
