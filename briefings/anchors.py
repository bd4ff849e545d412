"""Re-attaching an analyst's work to a changed version of an article.

When an article is imported again in a changed version, each annotation must find its paragraph
in the new text. As Hypothesis does for web annotations, an anchor is tried in order of
confidence:

1. Exact: a new paragraph with the same digest (same text, whitespace aside). When the same text
   occurs more than once, the occurrence nearest the old position, after the shift seen so far,
   wins.
2. Fuzzy: for what is left, the quote (the paragraph's opening) is compared with the openings of
   the new paragraphs in the same gap between exactly matched neighbours, and the context on
   each side with the new neighbours. A pair is accepted when the quote is at least
   `QUOTE_THRESHOLD` similar and the weighted score at least `SCORE_THRESHOLD`; the best pairs
   are taken first and each new paragraph is used once.

Whatever finds no paragraph becomes an `Orphan`: kept, shown, never dropped. So does a question's
or a judgment's link to a paragraph that is gone.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.model import Anchor, Article, Paragraph
from briefings.summary import Judgment

#: Minimum similarity (0-100) between an old quote and a new paragraph's opening.
QUOTE_THRESHOLD = 70.0
#: Minimum combined score: 80% quote, 20% context (the neighbours' text on each side).
SCORE_THRESHOLD = 75.0
#: How far beyond the gap between exact matches a fuzzy candidate may lie.
SLACK = 3
#: Candidates considered on each side of the expected position when the gap is wide.
WINDOW = 25


Ratio = Callable[[str, str], float]


def _similarity(a: str, b: str, ratio: Ratio) -> float:
    return 100.0 if a == b else ratio(a, b)


def _score(old: Anchor, new: Anchor, ratio: Ratio) -> float:
    """How well a new paragraph's anchor matches an old one, 0-100; 0 when the quotes differ too much."""
    if not old.quote:
        return 0.0
    quote = _similarity(old.quote, new.quote, ratio)
    if quote < QUOTE_THRESHOLD:
        return 0.0
    context = (_similarity(old.prefix, new.prefix, ratio) + _similarity(old.suffix, new.suffix, ratio)) / 2
    return 0.8 * quote + 0.2 * context


def reattach(old: Sequence[Anchor], new: Sequence[Paragraph]) -> dict[int, int | None]:
    """Find each old anchor's paragraph in a new version of the text.

    Args:
        old: Anchors of the paragraphs that carry work, with distinct `index` values (their
            positions in the old text).
        new: The paragraphs of the new text, in order.

    Returns:
        For each old anchor's `index`, the `index` of its new paragraph, or None when it cannot be
        found. No new paragraph is given to two anchors.
    """
    # Imported here, not at the top: re-attachment runs only on re-import, and rapidfuzz would add
    # its import time to every start of the app (which imports the store, which imports this).
    from rapidfuzz.fuzz import ratio

    ordered = sorted(old, key=lambda anchor: anchor.index)
    found: dict[int, int] = {}  # old index -> position in `new`
    used: set[int] = set()

    by_digest: dict[str, list[int]] = {}
    for position, paragraph in enumerate(new):
        by_digest.setdefault(paragraph.anchor.digest, []).append(position)
    shift, last = 0, -1
    for anchor in ordered:
        candidates = [position for position in by_digest.get(anchor.digest, ()) if position not in used]
        if not candidates:
            continue
        expected = anchor.index + shift
        best = min(candidates, key=lambda position: (position <= last, abs(position - expected)))
        found[anchor.index] = best
        used.add(best)
        shift, last = best - anchor.index, max(last, best)

    pairs: list[tuple[float, int, int, int]] = []
    exact = sorted(found.items())
    exact_old = [old_index for old_index, _ in exact]
    for anchor in ordered:
        if anchor.index in found:
            continue
        cut = bisect.bisect_left(exact_old, anchor.index)
        before = exact[cut - 1] if cut else None
        after = exact[cut] if cut < len(exact) else None
        low = before[1] + 1 if before else 0
        high = after[1] if after else len(new)
        expected = low + (anchor.index - before[0] - 1 if before else anchor.index)
        start, stop = max(0, low - SLACK), min(len(new), high + SLACK)
        if stop - start > 2 * WINDOW:
            start, stop = max(0, expected - WINDOW), min(len(new), expected + WINDOW + 1)
        for position in range(start, stop):
            if position in used:
                continue
            score = _score(anchor, new[position].anchor, ratio)
            if score >= SCORE_THRESHOLD:
                pairs.append((score, -abs(position - expected), anchor.index, position))
    for _score_, _distance, index, position in sorted(pairs, reverse=True):
        if index not in found and position not in used:
            found[index] = position
            used.add(position)

    return {anchor.index: (new[found[anchor.index]].index if anchor.index in found else None) for anchor in ordered}


def rebase(briefing: Briefing, article: Article) -> tuple[Briefing, int]:
    """Move a briefing's work onto a changed version of its article.

    Annotations, question links and judgment paragraphs follow their paragraphs. What finds no
    paragraph becomes an orphan, never dropped: an annotation with what it held, a question's
    link or a judgment's paragraph as a link orphan (the question keeps its text, the judgment its
    other paragraphs). Orphans from earlier imports are tried again and re-attach when their
    paragraph is back (a link only while its question has no paragraph and its judgment exists).
    The analyst's corrections of the article's facts (a title, a date) are laid over the new version.

    Returns:
        The rebased briefing (same id, same import time) and how many orphans this change made.
    """
    old = briefing.article.paragraphs
    # Every old paragraph takes part, not only the annotated ones: a paragraph that is still there
    # verbatim must not be claimed by a fuzzy match of a deleted neighbour.
    anchors = [p.anchor if p.anchor.index == p.index else replace(p.anchor, index=p.index) for p in old]
    mapping = reattach(anchors, article.paragraphs)

    def lost(index: int, **link: str) -> None:
        if 0 <= index < len(anchors):  # a link to no paragraph of the old text held nothing
            orphans.append(Orphan(anchors[index], _EMPTY, **link))

    annotations: dict[int, Annotation] = {}
    orphans: list[Orphan] = []
    for index, annotation in sorted(briefing.annotations.items()):
        target = mapping.get(index)
        if target is None:
            orphans.append(Orphan(anchors[index], annotation))
        else:
            annotations[target] = annotation
    questions = {}
    for key, question in briefing.questions.items():
        if question.paragraph is not None:
            target = mapping.get(question.paragraph)
            if target is None:
                lost(question.paragraph, question=question.id)
            question = replace(question, paragraph=target)
        questions[key] = question
    judgments = []
    for judgment in briefing.summary.judgments:
        kept = []
        for index in judgment.paragraphs:
            target = mapping.get(index)
            if target is None:
                lost(index, judgment=judgment.id)
            else:
                kept.append(target)
        judgments.append(replace(judgment, paragraphs=tuple(kept)))

    earlier: list[Orphan] = []
    for orphan in briefing.orphans:
        if orphan.question or orphan.judgment:
            target = reattach([orphan.anchor], article.paragraphs).get(orphan.anchor.index)
            if target is None or not _relink(orphan, target, questions, judgments):
                earlier.append(orphan)
            continue
        free = [paragraph for paragraph in article.paragraphs if paragraph.index not in annotations]
        target = reattach([orphan.anchor], free).get(orphan.anchor.index)
        if target is None:
            earlier.append(orphan)
        else:
            annotations[target] = orphan.annotation

    rebased = Briefing(
        id=briefing.id,
        article=article.with_corrections_of(briefing.article),
        annotations=annotations,
        questions=questions,
        dismissed=set(briefing.dismissed),
        summary=replace(briefing.summary, judgments=tuple(judgments)),
        orphans=earlier + orphans,
        imported=briefing.imported,
        updated=briefing.updated,
    )
    return rebased, len(orphans)


def _relink(orphan: Orphan, target: int, questions: dict[str, Question], judgments: list[Judgment]) -> bool:
    """Give a link orphan's question or judgment its paragraph back; False if it has no place."""
    question = questions.get(orphan.question)
    if orphan.question and question is not None and question.paragraph is None:
        questions[orphan.question] = replace(question, paragraph=target)
        return True
    for number, judgment in enumerate(judgments):
        if orphan.judgment and judgment.id == orphan.judgment:
            if target not in judgment.paragraphs:
                judgments[number] = replace(judgment, paragraphs=tuple(sorted((*judgment.paragraphs, target))))
            return True
    return False


_EMPTY = Annotation()
