"""One entry per fact: later mentions of the same figure for the same thing fold into the first.

News repeats its figures: the headline's "$21m" comes back in the third paragraph, "19 October" in
the ninth. Listing each again would crowd the Numbers pane and count one fact several times. Two
mentions are the same fact when their kind, value, range and unit agree and they count the same
thing: a day (or a time) is one occasion in a news story whatever is said of it, while other
figures must share a word of what they count ("10 people died" and "10 schools closed" stay two
facts, "10 people" and "10 people killed" are one; so do "2010" for two different events). A
figure that says nothing of what it counts repeats an earlier one, unless it is a bare count: two
"two"s are seldom the same two.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from briefings.extraction.model import NumberFact


def merge_repeats(facts: Iterable[NumberFact]) -> tuple[NumberFact, ...]:
    """The facts in order of first mention, each repeat added to the first entry's `repeats`."""
    merged: list[NumberFact] = []
    for fact in facts:
        for index, earlier in enumerate(merged):
            if _same(earlier, fact):
                merged[index] = dataclasses.replace(earlier, repeats=(*earlier.repeats, fact.mention, *fact.repeats))
                break
        else:
            merged.append(fact)
    return tuple(merged)


def _same(first: NumberFact, second: NumberFact) -> bool:
    if (first.kind, first.value, first.high, first.unit, first.vague) != (second.kind, second.value, second.high, second.unit, second.vague):
        return False
    if first.value is None:
        return first.text.casefold() == second.text.casefold()
    if first.kind == "time" or first.kind == "date" and len(str(first.value)) >= 7 and str(first.value).count("-") == 2:
        return True  # one day: a news story's "Tuesday" is one occasion, whatever is said of it
    if first.kind in ("date", "period") and first.text.casefold() != second.text.casefold():
        return False  # "a year ago" and "last year" are said of different things
    one, other = _words(first.counts), _words(second.counts)
    if not one or not other:
        return first.kind != "count"  # two bare "two"s are two counts; "$48m" said again is the same sum
    return bool(one & other)


def _words(counts: str) -> set[str]:
    """The content words of what a figure counts, singular and in lower case."""
    words = {word.strip(".,'\u2019").casefold() for word in counts.split()}
    return {word[:-1] if word.endswith("s") and not word.endswith("ss") else word for word in words if len(word) > 3 and word not in STOP}


STOP = {"what", "that", "with", "from", "into", "their", "this", "were", "have", "been", "than", "more", "about"}
