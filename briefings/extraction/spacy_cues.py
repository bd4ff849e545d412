"""Checking question cues against the parse: is the cue used in its cue sense, and what does it ask about?

Plain matching (`questions.find_cues`) proposes cues; the parse decides. "May" must be a modal
verb, "some" a weasel quantifier (not "some 3,000"), an "official" an unnamed one who says
something. A contested cue counts only as a verb of speech with a claim: "X denied the reports",
not "a state of denial", "denied due process" or "was denied bail". Hedges and pending events
count when they qualify what the article asserts, not a relative clause or a fixed phrase ("as
soon as possible"). The slots of the question templates come from `claims` (whole clauses and
noun phrases) and from the family modules below; a cue whose slots cannot be filled still counts
as uncertainty but suggests nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefings.extraction import questions, spacy_clauses, spacy_contested, spacy_slots, syntax
from briefings.extraction.questions import CueSpec

Token = Any
Span = Any

NUMBER_ENTS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PEOPLE = {"people", "analysts", "experts", "observers", "critics", "commentators", "scholars", "historians", "economists", "officials", "sources", "diplomats", "insiders", "residents", "witnesses", "members", "researchers", "scientists", "others", "some", "many"}
DENY = {"deny", "denies", "denied", "denying"}
#: Sources whose job is to speak for a body: named with the body, they are its voice, not anonymous.
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
#: Marks that open an item of a list: its words before the verb are a heading in telegraphic style.
LIST_MARKERS = {"-", "\u2013", "\u2014", "\u2022", "*"}
#: Words that add a source to ones already cited ("another official", "a second person"): the
#: question about who they are was asked of the first.
FURTHER = {"another", "second", "third", "other"}
#: Words before a source noun that do not describe who they are ("a", "one", "another").
NOT_DESCRIPTIVE = {"a", "an", "one", "another", "the", "two", "three", "four", "some", "several", "other", "many", "senior", "later"}


@dataclass(frozen=True, slots=True)
class CheckedCue:
    """A cue that the parse confirms, with its question slots and what it asks about."""

    spec: CueSpec
    start: int  # character offsets within the doc
    end: int
    strong: bool
    slots: dict[str, str]
    topic: str = ""
    source: tuple[str, ...] = ()
    party: str = ""  # the name the question turns on, in lower case ("toyota", "machine")
    unless: str = ""  # what the rest of the article must not say about the party (see `spacy_parties`)


def sentence_cues(sentence: Span) -> list[CheckedCue]:
    """Every confirmed cue of a sentence: plain matches checked against the parse, plus unnamed sources."""
    found: list[CheckedCue] = []
    listed = sentence.text.lstrip()[:1] in LIST_MARKERS
    for hit in questions.find_cues(sentence.text):
        start = sentence.start_char + hit.start
        end = sentence.start_char + hit.end
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if listed and span.end <= sentence.root.i:
            continue  # "- Possible help for pensioners": a list item's heading run into the next sentence, no claim
        checked = _check(hit.spec, span)
        if checked is not None and checked[0] and spacy_clauses.conditional(span.root):
            checked = False, {}  # "if the talks fail, the union is expected to strike": a hypothetical
        if checked is not None:
            strong, slots = checked
            topic = slots.pop("topic", "")
            party, unless = slots.pop("party", ""), slots.pop("unless", "")
            if "@" in topic:  # a topic of this sentence's own clause: the same only in the same sentence
                topic += "|" + sentence.text
            found.append(CheckedCue(hit.spec, start, end, strong and hit.strong, slots, topic, party=party, unless=unless))
    found.extend(_unnamed_sources(sentence))
    return found


def _check(spec: CueSpec, span: Span) -> tuple[bool, dict[str, str]] | None:  # noqa: C901, PLR0911 - one branch a family
    token = span[0]
    family = spec.family
    if family == "modal":
        return (False, {}) if token.tag_ == "MD" else None
    if family == "weasel":
        return _weasel(token)
    if family == "unnamed":
        return False, {}  # the parse finds unnamed sources itself (`_unnamed_sources`)
    if family == "single":
        return _single_source(span)
    if token.ent_type_ in NAME_ENTS and token.ent_type_:
        return None  # a cue word inside a name ("Possible Worlds Ltd")
    if family == "attributed":
        return spacy_slots.attributed(span)
    if family == "likelihood":
        return spacy_slots.likelihood(token)
    if family == "unclear":
        return spacy_slots.unclear(token)
    if family == "speculation":
        return spacy_slots.speculation(token)
    if family == "inference":
        return spacy_slots.inference(span)
    if family == "awaiting":
        return spacy_slots.awaited(span)
    if family == "expected":
        return spacy_slots.expected(span)
    if family == "not-yet":
        return spacy_slots.outstanding(span)
    if family in ("accused", "denied", "rejected"):
        return spacy_contested.contested(spec, token)
    return True, {}


def _weasel(token: Token) -> tuple[bool, dict[str, str]] | None:
    if token.ent_type_ in NUMBER_ENTS or token.head.ent_type_ in NUMBER_ENTS:
        return None  # "some 3,000 troops" is an approximate figure, not a weasel
    if token.lower_ == "widely":
        return (False, {}) if token.head.tag_ == "VBN" else None
    if token.dep_ not in ("det", "amod", "nsubj", "nsubjpass", "dobj", "pobj", "nummod", "ROOT"):
        return None
    noun = token.head if token.dep_ in ("det", "amod", "nummod") else token
    speaks = noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lower_ in questions.spec("unnamed").verbs
    if speaks and (noun.lower_ in PEOPLE or noun == token):
        return True, {"speakers": noun.text if noun != token else "people", "topic": f"source:{_singular(noun)}"}
    return False, {}


def _speaker_slots(noun: Token) -> dict[str, str]:
    text = syntax.inline(syntax.phrase(noun, max_words=10), noun)
    if _cut_name(noun, text):  # "experts from the National Oceanic [and Atmospheric Administration]"
        text = syntax.inline(syntax.phrase(noun, skip=[c for c in noun.children if c.dep_ == "prep"], max_words=10), noun)
    words = text.split()
    while len(words) > 1 and words[0].casefold() in ("one", "another", "a", "an", "two", "three", "some", "several"):
        words = words[1:]  # "one legal expert" -> "legal expert"
    text = " ".join(words)
    if noun.tag_ in ("NNS", "NNPS"):
        return {"speakers": syntax.without_quantifier(text)}
    return {"speaker": text}


def _cut_name(noun: Token, text: str) -> bool:
    """Whether a phrase about a source holds the start of a name but not the whole of it."""
    words = text.split()
    return any(
        ent[0].text in words and ent.text not in text
        for ent in noun.sent.ents
        if noun.left_edge.i <= ent.start and ent.end <= noun.right_edge.i + 1 and len(ent) > 1
    )


def _named(noun: Token) -> bool:
    """True when a name goes with the noun ("spokesman Mark Oaten", "Netcraft's president")."""
    if noun.ent_type_ in ("PERSON", "ORG"):
        return True
    for child in noun.children:
        affiliation = child.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC")  # "PG&E officials": named body, unnamed people
        if child.ent_type_ == "PERSON" or child.dep_ in ("appos", "compound", "flat") and child.pos_ == "PROPN" and not affiliation:
            return True
    return noun.dep_ in ("compound", "appos") and noun.head.ent_type_ == "PERSON"


def _known_by_role(noun: Token) -> bool:
    """ "The prime minister said", "the official added", "the officials said": a definite noun is
    someone the article has already introduced, or the one holder of an office; not a new source."""
    determiners = [child for child in noun.children if child.dep_ == "det"]
    return any(d.lower_ in ("the", "this", "that", "these", "those") for d in determiners)


def _qualified(noun: Token, spec: CueSpec) -> bool:
    """ "figures", "ministers", "people": sources only when a word beside them says who."""
    if noun.lower_ not in spec.qualified:
        return True
    return any(child.lower_ in spec.qualifiers for child in noun.children)


def _unnamed_sources(sentence: Span) -> list[CheckedCue]:
    """ "An official ... confirmed", "officials said": a source who speaks but is not named."""
    spec = questions.spec("unnamed")
    found = []
    for token in sentence:
        if token.lower_ not in spec.sources or token.pos_ != "NOUN":
            continue
        speaking = token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ in spec.verbs or _inverted_speaker(token, spec)
        according = token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"
        if not (speaking or according) or _named(token) or _known_by_role(token) or not _qualified(token, spec):
            continue
        if any(child.dep_ == "poss" for child in token.children):
            continue  # "his spokesman": the owner is named elsewhere
        if any(child.lower_ in FURTHER for child in token.children if child.dep_ in ("det", "amod")):
            continue  # "a second person briefed on the call": the sourcing already asked about, again
        if token.lower_ in SPOKESPEOPLE and _speaks_for_named_body(token):
            continue  # "an Apple spokesman", "a spokesman for Dell": the company's word, on the record
        if speaking and any(child.dep_ == "neg" for child in token.head.children):
            continue  # "officials did not say": no claim to source
        if speaking and token.head.lower_ in DENY and not spacy_contested.deniable(token.head):
            continue  # "officials denied entry to reporters": an act, not a statement
        describing = tuple(
            _singular(word) for word in [*(c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i), token]
            if word.lower_ not in NOT_DESCRIPTIVE
        )
        # "officials" and "an official from the coalition" are different sources; "the officials" the same ones.
        affiliation = [g.lower_ for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # Several unnamed sources of one kind ("analysts", "Washington-based analysts") are one question.
        topic = f"sources:{describing[-1]}" if token.tag_ == "NNS" else f"source:{' '.join(describing)}:{' '.join(affiliation)}"
        cue = CheckedCue(spec, token.idx, token.idx + len(token.text), True, _speaker_slots(token), topic, describing)
        found.append(cue)
    return found


def _speaks_for_named_body(noun: Token) -> bool:
    """Whether a spokesperson speaks for a body the sentence names ("a Saints spokesman", "a
    spokeswoman for Dell"): what they say is the body's statement, as good as on the record."""
    for child in noun.children:
        if child.dep_ in ("compound", "nmod") and (child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "GPE", "NORP")):
            return True
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            if any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "GPE", "NORP")) for g in child.children):
                return True
    return False


def _inverted_speaker(token: Token, spec: CueSpec) -> bool:
    """ '"We have had an approach," confirmed a club spokesman': the parse takes the speaker after
    the verb of an opening quotation for its object."""
    verb = token.head
    return token.dep_ == "dobj" and token.i > verb.i and verb.lower_ in spec.verbs and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)


def _singular(token: Token) -> str:
    word = token.lower_
    if token.tag_ in ("NNS", "NNPS") and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _single_source(span: Span) -> tuple[bool, dict[str, str]] | None:
    according = span[0]
    objects = [grand for child in according.children for grand in child.children if grand.dep_ == "pobj"]
    objects += [child for child in according.children if child.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    if source.ent_type_ not in ("PERSON", "ORG") or any(child.dep_ == "conj" for child in source.children):
        return None
    name = syntax.lower_article(syntax.phrase(source, drop_determiner=False, max_words=6))
    slots = {"source": name, "topic": f"single:{name.casefold()}"}
    if _figure(span.sent, according):
        # A figure from a data source (Box Office Mojo, a statistics office) is that source's own
        # count: worth a second source only when the source has a stake, i.e. acts in the story.
        slots |= {"party": source.lower_, "unless": "bystander"}
    else:
        # Someone who speaks on the record elsewhere in the article (an interviewee, a ministry
        # answering a charge) gives their own account: judged not worth a "second source" question.
        slots |= {"party": source.lower_, "unless": "speaks"}
    return True, slots


def _figure(sentence: Span, according: Token) -> bool:
    """Whether a sentence's claim is a figure in digits (an amount, a share, a count), outside the
    "according to" phrase: a statistic rather than a report of what happened."""
    source = {t.i for t in according.subtree}
    for token in sentence:
        if token.i in source or not any(ch.isdigit() for ch in token.text):
            continue
        if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
            return True
    return False

