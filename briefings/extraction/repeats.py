"""One entry per fact: later mentions of the same figure for the same thing fold into the first.

News repeats its figures: the headline's "$21m" comes back in the third paragraph, "19 October" in
the ninth. Listing each again would crowd the Numbers pane and count one fact several times. Two
mentions are the same fact when their kind, value, range and unit agree, they are written the
same way or said of the same thing ("Tuesday" and "October 9" are listed apart, as the analyst
reads them; "19 October" and "October 19" are one), and they are in different sentences: a figure said twice in one sentence is said of two things ("lower by two inches and
two inches wider", "the dollar rose 0.05%, the euro 0.05%"). A day or a month named again is the
same occasion whatever is said of it; other figures, years included ("a 2010 allegation",
"greenlit in 2016"), must be said of the same thing: "10 people died" and "10 schools closed"
stay two facts, "10 people" and "10 people killed" are one, and two bare "two"s are seldom the
same two. A small count (below `CHANCE_BELOW`) said again in another sentence is another fact:
news repeats a small number by chance far more often than by design ("two goals" for each
scorer, "10 assists" in two games), while "$17 million" or "150 Indians" said again is the same
figure. A percentage is the same only when said of the same thing. An open span named again,
narrowed ("this week", "later this week") or as a possessive ("next week's"), is the same span.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from briefings.extraction.model import NumberFact

#: The end of a sentence within a paragraph; not the full stop of an abbreviation ("Dec. 15",
#: "Mr. Smith", "U.S. Senate"), which ends a short word or a single letter.
SENTENCE_END = re.compile(
    r"(?<!\b[A-Za-z])(?<!\b(?:Mr|Ms|Dr|St|Mt|No|Jr|Sr|vs|Co))(?<!\b(?:Mrs|Gen|Gov|Sen|Rep|Col|Inc|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?<!\bSept)"
    r"[.!?][\"\u201d\u2019')]*\s+(?=[\"\u201c\u2018'(]?[A-Z0-9])"
)
#: Counts below this are told apart when said again (see the module's docstring).
CHANCE_BELOW = 100


def merge_repeats(facts: Iterable[NumberFact], texts: Sequence[str] = ()) -> tuple[NumberFact, ...]:
    """The facts in order of first mention, each repeat added to the first entry's `repeats`.

    `texts` are the article's paragraphs, to tell whether two mentions share a sentence.
    """
    merged: list[NumberFact] = []
    for fact in facts:
        for index, earlier in enumerate(merged):
            if _same(earlier, fact) and not _one_sentence(earlier, fact, texts):
                merged[index] = dataclasses.replace(earlier, repeats=(*earlier.repeats, fact.mention, *fact.repeats))
                break
        else:
            merged.append(fact)
    return tuple(merged)


def _one_sentence(first: NumberFact, second: NumberFact, texts: Sequence[str]) -> bool:
    """Whether the second mention is in the sentence of the first's latest mention."""
    last = (first.mention, *first.repeats)[-1]
    mention = second.mention
    if last.paragraph != mention.paragraph or mention.paragraph >= len(texts):
        return False
    low, high = sorted((last.end, mention.start))
    return SENTENCE_END.search(texts[mention.paragraph], low, high) is None


def _same(first: NumberFact, second: NumberFact) -> bool:
    if (first.kind, first.value, first.high, first.unit, first.vague) != (second.kind, second.value, second.high, second.unit, second.vague):
        return False
    one, other = _words(first.counts), _words(second.counts)
    one_way, other_way = _written(first.text), _written(second.text)
    if one_way != other_way:
        shorter, longer = sorted((one_way, other_way), key=len)
        if first.kind == "date" and first.value is None and " " in shorter and longer.endswith(" " + shorter):
            return True  # "this week" and "later this week": the same open span, narrowed (not "Tuesday" and "next Tuesday")
        if first.kind == "date":  # "19 October" and "October 19"; not "Tuesday", nor "May" and "May 2019"
            return str(first.value).count("-") == 2 and bool(MONTH.search(first.text) and MONTH.search(second.text))
        return first.kind != "period" and bool(one & other)  # "$21m" and "21 million dollars" for one aid package
    if first.value is None or first.kind == "time" or first.kind == "date" and "-" in str(first.value):
        return True  # a day or month said again the same way: a news story's "Tuesday" is one occasion
    if first.kind == "count" and isinstance(first.value, (int, float)) and abs(first.value) < CHANCE_BELOW:
        return False  # "two goals" for each of two scorers
    if not one or not other:
        return first.kind not in ("count", "percent")  # "3.5 percent" of revenue, then of sales; "$48m" said again is the same sum
    return bool(one & other)


MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b\.?")


def _written(text: str) -> str:
    """A mention as written, for comparison: "on Tuesday" and "Tuesday" are one, and so are "next
    week's" and "next week"."""
    return re.sub(r"^(?:the|on|in|at)\s+|'s$", "", " ".join(text.replace("\u2019", "'").casefold().split()))


def _words(counts: str) -> set[str]:
    """The content words of what a figure counts, singular and in lower case."""
    words = {word.strip(".,'\u2019").casefold() for word in counts.split()}
    return {word[:-1] if word.endswith("s") and not word.endswith("ss") else word for word in words if len(word) > 3 and word not in STOP}


STOP = {"what", "that", "with", "from", "into", "their", "this", "were", "have", "been", "than", "more", "about"}
