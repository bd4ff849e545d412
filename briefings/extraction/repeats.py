"""One entry per fact: later mentions of the same figure for the same thing fold into the first.

News repeats its figures: the headline's "$21m" comes back in the third paragraph, "19 October" in
the ninth. Listing each again would crowd the Numbers pane and count one fact several times. Two
mentions are the same fact when their kind, value, range and unit agree and they count the same
thing: dates, times and periods name one moment whatever they are said of, an amount of money is
one sum, and other figures must count the same head noun ("10 people died" and "10 schools
closed" stay two facts, "10 people" and "10 people killed" are one), or one of them says nothing
of what it counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from briefings.extraction.model import NumberFact

#: Kinds whose value alone says what the figure is.
SELF_EVIDENT = ("date", "time", "period", "money")


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
    if first.kind in SELF_EVIDENT:
        return True
    one, other = _words(first.counts), _words(second.counts)
    return bool(one & other) or not one or not other


def _words(counts: str) -> set[str]:
    """The content words of what a figure counts, singular and in lower case."""
    words = {word.strip(".,'\u2019").casefold() for word in counts.split()}
    return {word[:-1] if word.endswith("s") and not word.endswith("ss") else word for word in words if len(word) > 3 and word not in STOP}


STOP = {"what", "that", "with", "from", "into", "their", "this", "were", "have", "been", "than", "more", "about"}
