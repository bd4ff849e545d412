"""Re-attaching and discarding orphans by hand, with undo."""

from __future__ import annotations

import pytest

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.edits import DiscardOrphan
from briefings.model import Anchor, Article, make_paragraphs
from briefings.orphans import reattach
from briefings.summary import Judgment, Summary

pytestmark = pytest.mark.unit


def briefing_with_orphans() -> tuple[Briefing, Orphan, Orphan, Orphan]:
    article = Article("Title", make_paragraphs(["First.", "Second.", "Third."]))
    briefing = Briefing("b1", article)
    briefing.annotations[1] = Annotation(frozenset({"fact"}), "kept note", False)
    briefing.questions["q"] = Question("q", "Who?", paragraph=None)
    briefing.summary = Summary(judgments=(Judgment("j", "Likely so.", "likely", "low", (0,)),))
    gone = Anchor(7, "d1gest", "A paragraph that is gone.", "", "")
    annotation = Orphan(gone, Annotation(frozenset({"claim", "fact"}), "orphan note", True))
    question_link = Orphan(gone, Annotation(), question="q")
    judgment_link = Orphan(gone, Annotation(), judgment="j")
    briefing.orphans = [annotation, question_link, judgment_link]
    return briefing, annotation, question_link, judgment_link


def test_reattaching_an_annotation_merges_it_into_the_paragraph_and_undo_restores_all() -> None:
    briefing, annotation, *_ = briefing_with_orphans()
    before = (dict(briefing.annotations), list(briefing.orphans))
    edit = reattach(briefing, annotation, 1)
    edit.apply(briefing)
    assert briefing.annotation(1) == Annotation(frozenset({"claim", "fact"}), "kept note\norphan note", True)
    assert annotation not in briefing.orphans
    edit.inverse().apply(briefing)
    assert (briefing.annotations, sorted(briefing.orphans, key=repr)) == (before[0], sorted(before[1], key=repr))


def test_reattaching_lost_links_gives_the_question_and_judgment_their_paragraph() -> None:
    briefing, _, question_link, judgment_link = briefing_with_orphans()
    reattach(briefing, question_link, 2).apply(briefing)
    reattach(briefing, judgment_link, 2).apply(briefing)
    assert briefing.questions["q"].paragraph == 2
    assert briefing.summary.judgments[0].paragraphs == (0, 2)
    assert question_link not in briefing.orphans and judgment_link not in briefing.orphans


def test_discard_and_undo() -> None:
    briefing, annotation, *_ = briefing_with_orphans()
    DiscardOrphan(annotation).apply(briefing)
    assert annotation not in briefing.orphans
    DiscardOrphan(annotation).inverse().apply(briefing)
    assert annotation in briefing.orphans
