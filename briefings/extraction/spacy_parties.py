"""Who speaks and who acts in an article, read from the parse: what some questions turn on.

A question about a party is answered, or not worth asking, by what the rest of the article says
about them. An accused who answers elsewhere ("Big Machine have twice denied doing anything
wrong") has answered "how do they answer it". A rumour about a team that someone confirms on the
record in the same paragraph ("'We have had an approach from Wales,' confirmed a spokesman") has
its source. A rejection whose author speaks next in the paragraph ('"The issue is a legitimate
part of public debate," he said') has its grounds. A figure from a source that plays no part in
the story (Box Office Mojo, a statistics office, a rich list's own estimates) is that source's own
count, which no second source could confirm; a carmaker's figure for its own car is a claim by an
interested party, worth checking.

Names are compared by their head word in lower case ("machine" for "Big Machine"), which is what
the cue modules record as a question's party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefings.extraction import claims
from briefings.extraction.spacy_cues import CheckedCue

Doc = Any
Token = Any

#: Verbs by which a party answers for itself: speech, and the denials and rebuttals of a charge.
ANSWERS = claims.REPORTING | {"deny", "denied", "denies", "respond", "responded", "responds", "reply", "replied", "replies", "reject", "rejected", "rejects", "dispute", "disputed", "disputes", "rebut", "rebutted", "rebuts"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: Who speaks in a sentence after someone is named: that someone, as a rule.
PRONOUNS = {"he", "she", "they"}


@dataclass(frozen=True, slots=True)
class Parties:
    """The named parties of an article by what they do in it.

    Attributes:
        speakers: Names that are the subject of a verb of speech or denial somewhere.
        agents: Names that are the subject of any other verb somewhere: they act in the story.
        on_record: For each verb of speech with a subject: its paragraph, the start of its
            sentence, who speaks (the head word, "he" for a pronoun) and the names in what is said.
    """

    speakers: frozenset[str]
    agents: frozenset[str]
    on_record: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """Someone saying something in the article, reduced to what the checks here need."""

    paragraph: int
    start: int
    speaker: str
    names: frozenset[str]


def read(docs: Sequence[Doc]) -> Parties:
    """Who speaks, who acts and who is spoken of on the record, over an article's paragraphs."""
    speakers: set[str] = set()
    agents: set[str] = set()
    on_record: list[Statement] = []
    for index, doc in enumerate(docs):
        for sentence in doc.sents:
            for token in sentence:
                if token.dep_ == "nsubj" and _named(token):
                    (speakers if token.head.lower_ in ANSWERS else agents).add(token.lower_)
                speaker = _speaker(token) if token.lower_ in claims.REPORTING and token.pos_ == "VERB" else None
                if speaker is not None:
                    said = frozenset(t.lower_ for c in token.children if _content(token, c) for t in c.subtree if t.pos_ == "PROPN")
                    on_record.append(Statement(index, sentence.start_char, speaker.lower_, said))
    return Parties(frozenset(speakers), frozenset(agents), tuple(on_record))


def asks(cue: CheckedCue, paragraph: int, sentence_start: int, parties: Parties) -> bool:
    """Whether the article leaves the cue's question open, given what its party says and does.

    `cue.unless` says what would close it: "speaks" (the party speaks or denies anywhere),
    "on-record" (another sentence of the paragraph has someone say something about the party),
    "explains" (the party, or a pronoun, speaks later in the paragraph), "bystander" (the party
    never acts in the story: its figure is its own count).
    """
    if not cue.party and cue.unless != "explains":
        return True
    if cue.unless == "speaks":
        return cue.party not in parties.speakers
    if cue.unless == "bystander":
        return cue.party in parties.agents
    if cue.unless == "on-record":
        return not any(s.paragraph == paragraph and s.start != sentence_start and cue.party in s.names for s in parties.on_record)
    if cue.unless == "explains":  # the one who rejects speaks next in the paragraph: the grounds follow
        return not any(s.paragraph == paragraph and s.start > sentence_start and s.speaker in {cue.party, *PRONOUNS} for s in parties.on_record)
    return True


def _speaker(verb: Token) -> Token | None:
    """Who says it: the subject, or the object of an inverted quotation ('"...," confirmed a spokesman')."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    quoted_before = any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None) if quoted_before else None


def _content(verb: Token, clause: Token) -> bool:
    """Whether a clause is what the verb's subject says: after the verb ("said that ..."), or before
    it and set off by a comma or a quotation mark ('"We have had an approach," confirmed ...'), not
    a clause of the writer's joined by a semicolon ("... the trend; Reed has said ...")."""
    if clause.dep_ not in ("ccomp", "parataxis"):
        return False
    if clause.i > verb.i:
        return True
    after = clause.right_edge.i + 1
    return after < len(verb.doc) and verb.doc[after].text in {",", '"', "\u201d", "'", "\u2019"}


def _named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTS
