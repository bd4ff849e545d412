"""Clauses as a question repeats them: without the words the question puts itself ("to", "will",
the subject), without the hedge it asks about ("appear to be" -> "are"), and whether they already
say when something happens (so that the question need not ask)."""

from __future__ import annotations

import re
from typing import Any

from briefings.extraction import claims
from briefings.extraction.dates import resolve

Token = Any
Span = Any

#: The tense and number a hedging auxiliary gives its clause ("is said to", "are believed to").
FINITE_TENSE = {"is": "VBZ", "are": "VBP", "was": "VBD", "were": "VBD"}
#: Verbs that hedge the clause after them ("appear to", "seem to"), dropped from the question.
HEDGING_VERBS = {"appear", "appears", "appeared", "seem", "seems", "seemed"}


def no_to(verb: Token) -> set[int]:
    """The infinitive marker, "will" and the subject of a verb, left out when the question puts its
    own subject and auxiliary before it ("did the summit agree", "when will they unveil")."""
    return {c.i for c in verb.children if c.dep_ == "aux" and c.lower_ in ("to", "will", "'ll", "shall") or c.dep_ in ("nsubj", "nsubjpass", "expl")}


def unhedged(content: Token, tense: str, subject: Token) -> str:
    """What a hedged clause says without its hedge, in the hedge's tense ("appears to be the result"
    -> "is the result", "appear to back up" -> "back up", "was said to have left" -> "had left"), or
    "" when it cannot be said so without inflecting a verb ("appears to show")."""
    rest = claims.render(content, skip=no_to(content), max_words=14)
    first, _, remainder = rest.partition(" ")
    plural = subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we", "you")
    if not tense or not remainder and first in ("be", "have"):
        return ""
    if first == "be":
        return f"{ {'VBZ': 'is', 'VBP': 'are', 'VBD': 'were' if plural else 'was'}[tense] } {remainder}"
    if first == "have":
        return f"{ {'VBZ': 'has', 'VBP': 'have', 'VBD': 'had'}[tense] } {remainder}"
    return rest if tense == "VBP" else ""


def dated(verb: Token, said: str) -> bool:
    """Whether the words the question repeats (`said`, rendered from the verb's clause) say when
    ("later on Wednesday", "next Tuesday", "in February"), not only how long or how often ("a
    month", "for five years")."""
    return any(
        ent.label_ == "TIME" or ent.label_ == "DATE" and resolve(ent.text, None).kind in ("date", "period")
        for ent in verb.sent.ents
        if verb.left_edge.i <= ent.start and ent.end <= verb.right_edge.i + 1 and ent.text in said
    )


#: Times said from the day of writing ("next Tuesday", "in the coming weeks", "later this year"):
#: a question asked afterwards ("Did ... next Tuesday as expected?") cannot repeat them cleanly.
RELATIVE_TIME = re.compile(r"\b(?:next|coming|later|tomorrow|tonight|this (?:week|weekend|month|year|morning|afternoon|evening))\b", re.IGNORECASE)
#: Nouns that report someone's view of what follows ("speculation about possible cuts").
REPORT_NOUNS = {"speculation", "report", "reports", "claim", "claims", "forecast", "forecasts", "fears", "hopes", "expectations", "predictions"}


def voiced(token: Token) -> bool:
    """Whether a hedge is someone's the article reports ("Phytopharm said it was likely", "is
    thought unlikely", "speculation about possible cuts", "according to ...") rather than the
    writer's own forecast or musing ("Horowitz is likely to ...", "It is possible that ..."),
    which is no claim a desk editor could test."""
    if "according to" in token.sent.text.casefold():
        return True
    current = token
    for _ in range(10):
        if current.head == current:
            return False
        current = current.head
        if current.lower_ in claims.REPORTING and current.pos_ in ("VERB", "AUX") or current.lower_ in REPORT_NOUNS:
            return True
    return False


def overtaken(carrier: Token) -> bool:
    """ "was expected to", "had been set to", "planned to": an expectation the article reports as
    overtaken (the drug was then withdrawn) or already met, unless it is reported speech; and
    "will be expected to make changes", a duty, not a forecast."""
    if carrier.dep_ == "ccomp" and carrier.head.lower_ in claims.REPORTING:
        return False  # "he said the summit was expected to agree": the tense of the telling
    return carrier.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had", "will", "would") for c in carrier.children)


def whole(verb: Token, skip: set[int], max_words: int) -> str:
    """A pending event's clause as `claims.render` gives it, or "" when it had to be shortened to
    fit: "make savings of pounds 100m by making changes" without "to local government pension
    schemes" was judged a question about something else."""
    text = claims.render(verb, skip=skip, max_words=max_words)
    return text if text and text == claims.render(verb, skip=skip, max_words=4 * max_words) else ""


def present_inside(verb: Token, said: str) -> bool:
    """Whether the words a past-tense question repeats hold a verb in the present ("Did Kennedy
    attack Blair's words as he begins a tour on Monday as expected?"): it cannot be worded cleanly."""
    words = set(said.split())
    return any(t.tag_ in ("VBZ", "VBP") and t.text in words for t in verb.subtree if t.i != verb.i)


def contradicted(carrier: Token) -> bool:
    """ "have been expected to sign a deal for a month, but those negotiations hit another snag":
    the sentence itself says how the expectation fared."""
    return any(c.dep_ == "conj" and any(g.dep_ == "cc" and g.lower_ in ("but", "yet") for g in (*carrier.children, *c.children)) for c in carrier.children)


#: Verbs (as written: there is no lemmatizer) that tell a plan's end: it no longer waits on anything.
ABANDONING = {
    "abandon", "abandoned", "abandons", "drop", "dropped", "drops", "scrap", "scrapped", "scraps",
    "shelve", "shelved", "shelves", "cancel", "cancelled", "canceled", "cancels", "ditch", "ditched",
    "axe", "axed", "withdraw", "withdrew", "withdrawn", "reject", "rejected", "rejects", "veto", "vetoed",
    "block", "blocked", "halt", "halted", "suspend", "suspended", "deny", "denied", "denies", "overturn",
    "overturned", "kill", "killed", "reverse", "reversed",
}  # fmt: skip


def abandoned(verb: Token) -> bool:
    """ "Plans to build the bridge were dropped", "rejected plans to ...", "announced plans ... and
    later scrapped them": the sentence that reports a plan also says it was abandoned, dropped or
    denied, so whether it went ahead is answered."""
    return any(t.lower_ in ABANDONING for t in (verb, *(c for c in verb.children if c.dep_ in ("conj", "parataxis"))))


#: Conjunctions that make a clause hang on a condition ("if the talks fail, ...").
CONDITIONAL_MARKS = {"if", "unless"}
#: Verbs (as written) whose "if" clause is an embedded question, not a condition ("asked if ...").
ASKING = {
    "ask", "asks", "asked", "asking", "include", "includes", "included", "including", "know", "knows",
    "knew", "wonder", "wonders", "wondered", "see", "check", "checks", "checked", "checking", "decide",
    "decides", "decided", "question", "questioned", "investigate", "investigates", "investigated",
    "investigating", "examine", "examined", "examining", "determine", "determined", "consider",
    "considering", "considered", "probe", "probing", "probed", "clear", "unclear", "sure", "tell", "told",
}  # fmt: skip


def conditional(token: Token) -> bool:
    """ "If the talks fail, the union is expected to strike": a cue whose clause, or a clause above
    it, holds only on a condition is a hypothetical, not an open claim of the article. An embedded
    question ("unclear if ...") is a complement, not a condition, and does not count."""
    current = token
    for _ in range(12):
        asks = current.lower_ in ASKING  # "questions include if he engaged in self-dealing": an embedded question the parse took for a condition
        if not asks and any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in c.children) for c in current.children):
            return True
        if current.head == current:
            return False
        current = current.head
    return False


#: Conjunctions that give what a forecast turns on or rests on ("unless", "because").
CONDITIONS = {"unless", "if", "because", "since", "until", "once"}


def decided(sentence: Span) -> bool:
    """Whether a sentence says what a forecast depends on or rests on: "pending a review", "if it
    goes ahead", "so it's possible ...", "because ...": "what would decide it?" is answered."""
    for token in sentence:
        if token.lower_ in ("pending", "depending") or token.lower_ in CONDITIONS and token.dep_ == "mark":
            return True
        if token.lower_ == "so" and token.dep_ in ("advmod", "mark", "cc") and token.head.pos_ in ("VERB", "AUX"):
            return True
    return False
