"""When a figure's day or hour falls, from the parse and the words before it.

A day or month named without a date lies on one side of the article's date or the other: the
tense of the verb it is said of decides ("fell on Tuesday" is behind, "will meet on Tuesday" and
"the board meets on Tuesday" ahead), and so do words before it whatever the verb ("ahead of
Tuesday's vote", "since Monday"). A clock time of one to six without am or pm that times an event
("a 4:25 kickoff") is in the afternoon. Used by `spacy_numbers`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from briefings.extraction import syntax
from briefings.extraction.figures import Figure

Token = Any

#: Words before a date that put it ahead of the time of writing, whatever the verb.
AHEAD_OF = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to|in\s+the\s+lead-up\s+to)\s+$", re.IGNORECASE)
SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
#: Events news times by the clock alone: "a 4:25 kickoff", "the 2:30 race".
EVENT_STARTS = {
    "kickoff", "kick-off", "tipoff", "tip-off", "start", "game", "match", "show", "concert", "performance", "broadcast",
    "race", "fight", "bout", "curtain", "screening", "matinee", "session", "fixture",
}  # fmt: skip
CLOCK_ONLY = re.compile(r"[1-6]:[0-5]\d")


@dataclass(frozen=True, slots=True)
class Tense:
    """The side of the article's date a date is said on (see `briefings.extraction.figures.read`)."""

    future: bool = False
    past: bool = False
    present: bool = False


def tense(text: str, start: int, root: Token, verb: Token | None) -> Tense:
    """The tense a figure at `text[start:]`, whose syntactic root is `root`, is said in."""
    if SINCE.search(text, max(0, start - 8), start):
        return Tense(past=True)  # "since Monday": behind, whatever the verb
    return Tense(
        future=syntax.is_future(verb) or bool(AHEAD_OF.search(text, max(0, start - 24), start)),
        past=syntax.is_past(verb),
        present=_said_of(root, verb) and syntax.is_present(verb),
    )


def _said_of(root: Token, verb: Token | None) -> bool:
    """Whether a figure belongs to the verb itself ("meets on Tuesday", "Saturday is"), not to a
    noun under it ("is in hospital after a stabbing on Saturday")."""
    return verb is not None and (root.head == verb or root.head.dep_ == "prep" and root.head.head == verb)


def afternoon(figure: Figure, written: str, root: Token) -> Figure:
    """A clock time of one to six without am or pm that times an event ("a 4:25 kickoff") is in
    the afternoon: events are not held before dawn."""
    if figure.kind != "time" or figure.unit or not CLOCK_ONLY.fullmatch(written.strip()) or root.head.lower_ not in EVENT_STARTS:
        return figure
    hour, minute = str(figure.value).split(":")
    return dataclasses.replace(figure, value=f"{int(hour) + 12:02d}:{minute}")
