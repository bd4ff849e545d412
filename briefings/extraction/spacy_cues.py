"""Checking question cues against the parse and filling the question slots from it.

Plain matching (`questions.find_cues`) proposes cues; the parse decides: "may" must be a modal
verb (not the month, not Theresa May), "some" a weasel quantifier (not "some 3,000"), an
"official" an unnamed one (no name beside it) who says something. The slots of the question
templates (`{speaker}`, `{object}`, `{claim}`...) come from the same parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefings.extraction import questions, syntax
from briefings.extraction.questions import CueSpec

Token = Any
Span = Any

NUMBER_ENTS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
BE = {"be", "is", "are", "was", "were", "been", "being", "'s", "'re"}
HAVE = {"have", "has", "had", "having", "'ve"}
PEOPLE = {"people", "analysts", "experts", "observers", "critics", "commentators", "scholars", "historians", "economists", "officials", "sources", "diplomats", "insiders", "residents", "witnesses", "members", "researchers", "scientists", "others", "some", "many"}


@dataclass(frozen=True, slots=True)
class CheckedCue:
    """A cue that the parse confirms, with its question slots."""

    spec: CueSpec
    start: int  # character offsets within the doc
    end: int
    strong: bool
    slots: dict[str, str]


def sentence_cues(sentence: Span) -> list[CheckedCue]:
    """Every confirmed cue of a sentence: plain matches checked against the parse, plus unnamed sources."""
    found: list[CheckedCue] = []
    for hit in questions.find_cues(sentence.text):
        start = sentence.start_char + hit.start
        end = sentence.start_char + hit.end
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        checked = _check(hit.spec, span)
        if checked is not None:
            strong, slots = checked
            found.append(CheckedCue(hit.spec, start, end, strong and hit.strong, slots))
    found.extend(_unnamed_sources(sentence))
    return found


def _check(spec: CueSpec, span: Span) -> tuple[bool, dict[str, str]] | None:  # noqa: C901 - one branch a family
    token = span[0]
    family = spec.family
    if family == "modal":
        return (False, {}) if token.tag_ == "MD" else None
    if family == "weasel":
        return _weasel(token)
    if family == "unnamed":
        head = _source_noun(span)
        return (True, _speaker_slots(head) if head is not None else {})
    if family == "single":
        return _single_source(span)
    if token.ent_type_ in NAME_ENTS and token.ent_type_ and family != "rejected":
        return None  # a cue word inside a name ("Possible Worlds Ltd")
    if family == "attributed":
        return True, _attributed(span)
    if family == "likelihood":
        return True, _likelihood(token)
    if family == "inference":
        return True, _inference(span)
    if family == "awaiting":
        return True, _awaited(span)
    if family == "expected":
        return True, _expected(span)
    if family == "not-yet":
        return True, _outstanding(span)
    if family in ("accused", "denied", "rejected"):
        if token.pos_ not in ("VERB", "NOUN"):
            return None
        return True, _contested(token)
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
        return True, {"speakers": noun.text if noun != token else "people"}
    return False, {}


def _source_noun(span: Span) -> Token | None:
    for token in span:
        if token.lower_ in questions.spec("unnamed").sources:
            return token
    return None


def _speaker_slots(noun: Token) -> dict[str, str]:
    text = syntax.inline(syntax.phrase(noun, max_words=10), noun)
    if noun.tag_ in ("NNS", "NNPS"):
        return {"speakers": syntax.without_quantifier(text)}
    return {"speaker": text}


def _named(noun: Token) -> bool:
    """True when a name goes with the noun ("spokesman Mark Oaten", "Netcraft's president")."""
    if noun.ent_type_ in ("PERSON", "ORG"):
        return True
    for child in noun.children:
        if child.ent_type_ == "PERSON" or child.dep_ in ("appos", "compound", "flat") and child.pos_ == "PROPN":
            return True
    return noun.dep_ in ("compound", "appos") and noun.head.ent_type_ == "PERSON"


def _unnamed_sources(sentence: Span) -> list[CheckedCue]:
    """ "An official ... confirmed", "officials said": a source who speaks but is not named."""
    spec = questions.spec("unnamed")
    found = []
    for token in sentence:
        if token.lower_ not in spec.sources or token.pos_ != "NOUN":
            continue
        speaking = token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ in spec.verbs
        according = token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"
        if not (speaking or according) or _named(token):
            continue
        if any(child.dep_ == "poss" for child in token.children):
            continue  # "his spokesman": the owner is named elsewhere
        found.append(CheckedCue(spec, token.idx, token.idx + len(token.text), True, _speaker_slots(token)))
    return found


def _single_source(span: Span) -> tuple[bool, dict[str, str]] | None:
    according = span[0]
    objects = [grand for child in according.children for grand in child.children if grand.dep_ == "pobj"]
    objects += [child for child in according.children if child.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    if source.ent_type_ not in ("PERSON", "ORG") or any(child.dep_ == "conj" for child in source.children):
        return None
    return True, {"source": syntax.lower_article(syntax.phrase(source, drop_determiner=False, max_words=6))}


def _verb_group(verb: Token, skip: set[Token]) -> str:
    """The verb with its auxiliaries, negation and particles, and its first complement."""
    skipped = {token.i for token in skip}
    before = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i and c.i not in skipped and c.lower_ != "to"]
    particles = [c for c in verb.children if c.dep_ == "prt"]
    words = [syntax.text_of([*before, verb, *particles])]
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "acomp", "oprd", "prep") and child.i not in skipped:
            words.append(syntax.phrase(child, drop_determiner=False, max_words=8))
            break
    return " ".join(word for word in words if word)


def _clause(verb: Token, skip: set[Token]) -> str:
    subject = syntax.subject_text(verb)
    if not subject:
        return ""
    return f"{subject} {_verb_group(verb, skip)}"


def _attributed(span: Span) -> dict[str, str]:
    token = span[-1] if span[-1].lower_ == "to" else span[0]
    participle = next((t for t in span if t.tag_ == "VBN"), None)
    slots: dict[str, str] = {}
    if participle is not None:
        slots["subject"] = syntax.subject_text(participle)
        content = next((c for c in participle.children if c.dep_ in ("xcomp", "ccomp")), None)
        finite = next((c.text for c in participle.children if c.dep_ == "auxpass"), "")
        if content is not None and finite and slots["subject"]:
            auxes = {c.lower_ for c in content.children if c.dep_ == "aux"}
            skip = {c for c in content.children if c.dep_ == "aux"}
            if content.lower_ in BE:
                slots["claim"] = f"{slots['subject']} {finite} {_verb_group(content, skip).removeprefix('be ').strip()}"
            elif auxes & BE:
                slots["claim"] = f"{slots['subject']} {finite} {_verb_group(content, skip)}"
            elif auxes & HAVE:
                has = "has" if finite.lower() == "is" else "have" if finite.lower() == "are" else "had"
                slots["claim"] = f"{slots['subject']} {has} {_verb_group(content, skip)}"
        return slots
    if token.pos_ == "ADV" and token.head.pos_ in ("VERB", "AUX"):
        slots["subject"] = syntax.subject_text(token.head)
        slots["claim"] = _clause(token.head, {token})
    elif token.dep_ == "amod":
        slots["subject"] = syntax.phrase(token.head, skip=[token], max_words=6)
    return slots


def _likelihood(token: Token) -> dict[str, str]:
    if token.pos_ == "VERB":
        return _inference([token])  # "speculated that ...": the claim is what is speculated
    if token.dep_ == "amod" and token.head.pos_ == "NOUN":
        return {"object": syntax.phrase(token.head, skip=[token], drop_determiner=False, max_words=9)}
    if token.pos_ == "ADV" and token.head.pos_ in ("VERB", "AUX"):
        return {"claim": _clause(token.head, {token}), "subject": syntax.subject_text(token.head)}
    if token.dep_ == "acomp":
        verb = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if verb is not None:
            subject = syntax.subject_text(token.head)
            claim = f"{subject} will {_verb_group(verb, set())}" if subject else ""
            return {"claim": claim, "subject": subject}
    return {"subject": syntax.subject_text(token.head) if token.head.pos_ in ("VERB", "AUX") else ""}


def _inference(span: Span) -> dict[str, str]:
    token = span[0]
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    slots = {"subject": syntax.subject_text(verb)}
    if clause is not None:
        words = [t for t in clause.subtree if t.dep_ != "mark" or t.head != clause]
        if len(words) <= 16:
            slots["claim"] = syntax.inline(syntax.text_of(words), clause)
        else:
            slots["claim"] = _clause(clause, set())  # the core of a long clause
    return slots


def _awaited(span: Span) -> dict[str, str]:
    token = span[0]
    objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
    objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    objects += [g for c in span for g in c.children if g.dep_ == "pobj"]
    if not objects:
        return {}
    return {"object": syntax.noun_phrase_with_the(objects[0], max_words=8)}


def _expected(span: Span) -> dict[str, str]:
    cue = span[0]
    verb = next((c for t in span for c in t.children if c.dep_ == "xcomp"), None)
    if verb is None and span[-1].pos_ == "VERB" and span[0].lower_ in ("will", "to"):
        verb = span[-1]  # "will announce", "will be outlined"
    subject = syntax.subject_text(verb if verb is not None else cue if cue.pos_ in ("VERB", "AUX") else cue.head)
    slots = {"subject": subject}
    if verb is not None and subject and verb.lower_ not in BE | HAVE:
        skip = {c for c in verb.children if c.dep_ == "aux"}
        if any(c.dep_ == "auxpass" for c in verb.children):
            be = "Were" if syntax.subject_of(verb) is not None and syntax.subject_of(verb).tag_ in ("NNS", "NNPS") else "Was"
            slots["passive"] = f"{be} {subject} {verb.text}"
        else:
            skip |= {c for c in verb.children if c.dep_ == "neg"}
            slots["claim"] = f"{subject} {_base_form(verb)} {_complement(verb, skip)}".strip()
    return slots


def _base_form(verb: Token) -> str:
    """The verb as it follows "did": "stabilise" stays, "announces" -> "announce" (regular forms)."""
    if verb.tag_ in ("VB", "VBP"):
        return verb.text
    text = verb.text
    if verb.tag_ == "VBZ" and text.endswith("s"):
        return text[:-2] if text.endswith(("ches", "shes", "sses", "xes")) else text[:-1]
    return text


def _complement(verb: Token, skip: set[Token]) -> str:
    skipped = {token.i for token in skip}
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "acomp", "oprd", "prep") and child.i not in skipped:
            return syntax.phrase(child, drop_determiner=False, max_words=8)
    return ""


def _outstanding(span: Span) -> dict[str, str]:
    verb = next((t for t in span if t.pos_ in ("VERB", "AUX")), span[0].head)
    while (verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass", "neg")) and verb.head != verb:
        verb = verb.head
    subject = syntax.subject_of(verb)
    if subject is None or syntax.is_pronoun(subject):
        return {}
    return {"object": syntax.noun_phrase_with_the(subject, max_words=8), "subject": syntax.phrase(subject, max_words=6)}


def _contested(token: Token) -> dict[str, str]:
    if token.pos_ != "VERB":
        return {}
    subject = syntax.subject_of(token)
    named = subject is not None and (subject.ent_type_ in NAME_ENTS or subject.pos_ == "PROPN")
    # Only a named accuser: when the parse gives "American support" for "he", better say nothing.
    slots = {"speaker": syntax.subject_text(token) if named else ""}
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if objects and not (syntax.is_pronoun(objects[0]) and not list(objects[0].children)):
        slots["object"] = syntax.noun_phrase_with_the(objects[0], max_words=8)
    return slots
