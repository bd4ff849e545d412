"""Re-attaching an orphan by hand: the analyst says which paragraph its work belongs to now.

Re-import re-attaches what it can find (see `briefings.anchors`); the rest is kept as orphans.
This builds the one undoable edit that moves an orphan's tags, note and review mark onto a
paragraph, or gives a question or a judgment its paragraph back, and lets the orphan go.
"""

from __future__ import annotations

from dataclasses import replace

from briefings.briefing import Briefing, Orphan
from briefings.edits import (
    AddTag,
    BriefingEdit,
    Compound,
    DiscardOrphan,
    PutQuestion,
    SetNote,
    SetReviewed,
    SetSummary,
)


def reattach(briefing: Briefing, orphan: Orphan, paragraph: int) -> Compound:
    """The edit that puts `orphan`'s work on `paragraph` (merged with what is there) and drops it."""
    edits: list[BriefingEdit] = [DiscardOrphan(orphan)]
    current = briefing.annotation(paragraph)
    for tag in sorted(orphan.annotation.tags - current.tags):
        edits.append(AddTag(paragraph, tag))
    if orphan.annotation.note and orphan.annotation.note not in current.note:
        merged = f"{current.note}\n{orphan.annotation.note}" if current.note else orphan.annotation.note
        edits.append(SetNote(paragraph, merged, current.note))
    if orphan.annotation.reviewed and not current.reviewed:
        edits.append(SetReviewed(paragraph, True))
    question = briefing.questions.get(orphan.question) if orphan.question else None
    if question is not None:
        edits.append(PutQuestion(replace(question, paragraph=paragraph), question))
    if orphan.judgment:
        summary = briefing.summary
        judgments = tuple(
            replace(j, paragraphs=tuple(sorted({*j.paragraphs, paragraph}))) if j.id == orphan.judgment else j
            for j in summary.judgments
        )
        if judgments != summary.judgments:
            edits.append(SetSummary(replace(summary, judgments=judgments), summary))
    return Compound(tuple(edits), f"orphan from old ¶{orphan.anchor.index + 1} re-attached to ¶{paragraph + 1}")
