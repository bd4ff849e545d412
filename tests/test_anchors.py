"""Re-attaching annotations to a changed version of an article (briefings.anchors)."""

from __future__ import annotations

import pytest

import subprocess
from dataclasses import replace
import sys

from briefings.anchors import reattach, rebase
from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.model import Article, make_paragraphs
from briefings.summary import Judgment, Summary

pytestmark = pytest.mark.unit

TEXTS = [
    "The United States is providing intelligence to an Iranian-led offensive on the city of Tikrit.",
    "The attack has been openly master-minded by an Iranian general, Qassem Suleimani.",
    "An official from the US-led coalition said that surveillance flights had begun over the city.",
    "Some 18,000 Shia militiamen are taking part, according to Iraqi officials in Baghdad.",
    "The Pentagon declined to say whether air strikes would follow a formal request.",
    "Islamic State fighters have held Tikrit since June of last year.",
]


def anchors(texts: list[str]):
    return [paragraph.anchor for paragraph in make_paragraphs(texts)]


def test_unchanged_text_maps_to_itself() -> None:
    assert reattach(anchors(TEXTS), make_paragraphs(TEXTS)) == {i: i for i in range(len(TEXTS))}


def test_inserted_and_deleted_paragraphs_shift_exact_matches() -> None:
    new = ["A new first paragraph about something else entirely."] + TEXTS[:2] + TEXTS[3:]
    assert reattach(anchors(TEXTS), make_paragraphs(new)) == {0: 1, 1: 2, 2: None, 3: 3, 4: 4, 5: 5}


def test_whitespace_changes_are_exact_matches() -> None:
    new = [" ".join(text.split()).replace(" ", "  ", 2) + "  " for text in TEXTS]
    assert reattach(anchors(TEXTS), make_paragraphs(new)) == {i: i for i in range(len(TEXTS))}


def test_lightly_edited_paragraphs_match_by_quote_and_context() -> None:
    new = list(TEXTS)
    new[1] = new[1].replace("openly master-minded", "masterminded")
    new[3] = new[3].replace("18,000", "about 20,000")
    new.insert(4, "An inserted paragraph that did not exist before at all.")
    assert reattach(anchors(TEXTS), make_paragraphs(new)) == {0: 0, 1: 1, 2: 2, 3: 3, 4: 5, 5: 6}


def test_rewritten_paragraph_does_not_match() -> None:
    new = list(TEXTS)
    new[2] = "Nobody from the coalition would comment on any flights on Tuesday."
    assert reattach(anchors(TEXTS), make_paragraphs(new))[2] is None


def test_duplicate_paragraphs_keep_their_order() -> None:
    old = ["Same text here.", "Other text one.", "Same text here.", "Other text two."]
    new = ["Inserted at the top.", *old]
    assert reattach(anchors(old), make_paragraphs(new)) == {0: 1, 1: 2, 2: 3, 3: 4}


def test_no_new_paragraph_is_given_twice() -> None:
    old = [f"Paragraph {i}: the coalition said forces moved near Tikrit on day {i}." for i in range(6)]
    new = [old[0], "Paragraph 9: the coalition said forces moved near Tikrit on day 9.", old[5]]
    result = reattach(anchors(old), make_paragraphs(new))
    targets = [target for target in result.values() if target is not None]
    assert len(targets) == len(set(targets)) and result[0] == 0 and result[5] == 2


def test_long_document_with_half_its_paragraphs_edited() -> None:
    old = [f"Paragraph number {i} talks about subject {i * 31 % 997} in some detail." for i in range(5000)]
    new = old[:2500] + ["An inserted paragraph."] + [text.replace("some", "great") for text in old[2500:]]
    result = reattach(anchors(old), make_paragraphs(new))
    assert result[0] == 0 and result[2499] == 2499 and result[2500] == 2501 and result[4999] == 5000


def briefing_on(texts: list[str]) -> Briefing:
    return Briefing(
        id="b1",
        article=Article("Tikrit", make_paragraphs(texts)),
        annotations={
            0: Annotation(frozenset({"fact"})),
            2: Annotation(frozenset({"sourcing"}), "single official"),
            4: Annotation(reviewed=True),
        },
        questions={"q1": Question("q1", "Which official?", paragraph=2), "q2": Question("q2", "Formal request?", paragraph=4)},
        summary=Summary("BLUF", (Judgment("j1", "Likely air support.", "likely", "moderate", (2, 4, 5)),)),
        imported="2025-01-01T00:00:00+00:00",
    )


def test_rebase_moves_annotations_links_and_judgments() -> None:
    new = ["Breaking: a new lead paragraph."] + TEXTS[:4] + [TEXTS[4].replace("declined", "refused")] + TEXTS[5:]
    rebased, orphaned = rebase(briefing_on(TEXTS), Article("Tikrit", make_paragraphs(new)))
    assert orphaned == 0
    assert rebased.annotations == {1: Annotation(frozenset({"fact"})), 3: Annotation(frozenset({"sourcing"}), "single official"), 5: Annotation(reviewed=True)}
    assert (rebased.questions["q1"].paragraph, rebased.questions["q2"].paragraph) == (3, 5)
    assert rebased.summary.judgments[0].paragraphs == (3, 5, 6)
    assert (rebased.id, rebased.imported, rebased.summary.bluf) == ("b1", "2025-01-01T00:00:00+00:00", "BLUF")


def test_rebase_orphans_what_is_gone_and_brings_it_back_later() -> None:
    original = briefing_on(TEXTS)
    gone = original.article.paragraphs[2].anchor
    without = TEXTS[:2] + TEXTS[3:]
    rebased, orphaned = rebase(original, Article("Tikrit", make_paragraphs(without)))
    assert orphaned == 3
    assert rebased.orphans == [
        Orphan(gone, original.annotations[2]),
        Orphan(gone, Annotation(), question="q1"),
        Orphan(gone, Annotation(), judgment="j1"),
    ]
    assert rebased.questions["q1"].paragraph is None and rebased.questions["q1"].text == "Which official?"
    assert rebased.summary.judgments[0].paragraphs == (3, 4)

    still_without, orphaned = rebase(rebased, Article("Tikrit", make_paragraphs([*without, "A closing line."])))
    assert orphaned == 0 and still_without.orphans == rebased.orphans  # kept once, not again

    restored, orphaned_again = rebase(still_without, Article("Tikrit", make_paragraphs(TEXTS)))
    assert orphaned_again == 0 and restored.orphans == []
    assert restored.annotations[2] == original.annotations[2]
    assert restored.questions == original.questions
    assert restored.summary == original.summary


def test_a_link_orphan_with_no_place_to_go_back_to_is_kept() -> None:
    original = briefing_on(TEXTS)
    rebased, _ = rebase(original, Article("Tikrit", make_paragraphs(TEXTS[:2] + TEXTS[3:])))
    rebased.questions["q1"] = replace(rebased.questions["q1"], paragraph=0)  # linked again by hand
    rebased.summary = replace(rebased.summary, judgments=())  # the judgment was deleted
    restored, _ = rebase(rebased, Article("Tikrit", make_paragraphs(TEXTS)))
    assert restored.questions["q1"].paragraph == 0
    assert [(o.question, o.judgment) for o in restored.orphans] == [("q1", ""), ("", "j1")]


def test_anchors_module_is_headless() -> None:
    code = "import sys, briefings.anchors; print(any(m in sys.modules for m in ('textual', 'tinydb', 'store')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def edited_version(paragraphs: list[str]) -> tuple[list[str], dict[int, int | None]]:
    """A revised article: one paragraph deleted, one lightly edited, one inserted; and the truth."""
    deleted, edited = 1, len(paragraphs) // 2
    new: list[str] = []
    truth: dict[int, int | None] = {}
    for index, text in enumerate(paragraphs):
        if index == deleted:
            truth[index] = None
            continue
        if index == edited:
            words = text.split()
            words[len(words) // 2] = "reportedly"
            text = " ".join(words)
        if index == edited + 1:
            new.append("Update: this paragraph was added in a later version of the story.")
        truth[index] = len(new)
        new.append(text)
    return new, truth


def test_reattach_on_real_articles_with_an_edit_a_deletion_and_an_insertion(eval_dir) -> None:
    articles = sorted((eval_dir / "bbc-articles").glob("*/*.txt"))
    assert len(articles) >= 20
    for path in articles:
        body = path.read_text(encoding="utf-8").split("\n\n")[1:]
        paragraphs = [" ".join(p.split()) for p in body if p.strip()]
        if len(paragraphs) < 5:
            continue
        new, truth = edited_version(paragraphs)
        assert reattach(anchors(paragraphs), make_paragraphs(new)) == truth, path.name
