"""Contested claims read from the parse: a denial, rejection or accusation by someone, of something.

"Deny" counts as a verb of speech with a claim ("denied that ...", "denied the reports"), not as
withholding ("denied entry", "was denied bail", "denying them seats") and never as the noun of
"a state of denial". A rejection is asked about when its object is a claim or a plan rather than a
person ("questioned Morrison" is asking, not disputing) and when the sentence does not already give
the grounds; an accusation names who is accused, and who accuses when the text says.
"""

from __future__ import annotations

from typing import Any

from briefings.extraction import claims, syntax
from briefings.extraction.questions import CueSpec, participle
from briefings.extraction.spacy_slots import PERSONAL, WEAK, Result, agree, definite, phrase

Token = Any

ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: Words that introduce the reasons for a rejection: the question "on what grounds" is answered.
GROUNDS = {"saying", "arguing", "insisting", "because", "citing", "claiming", "since"}
#: Nouns for bodies of people: "rejected the Trump administration as a mediator" rejects an actor.
INSTITUTIONS = {"administration", "government", "regime", "leadership", "party", "council", "committee", "board", "union", "opposition"}
#: Objects of "deny" that are claims; other objects are withheld ("denied access", "denied bail").
DENIABLE = {
    "report", "reports", "claim", "claims", "allegation", "allegations", "accusation", "accusations",
    "charge", "charges", "suggestion", "suggestions", "rumour", "rumours", "rumor", "rumors", "story",
    "stories", "wrongdoing", "involvement", "responsibility", "knowledge", "link", "links", "existence",
    "prospect", "account", "assertion", "assertions", "speculation", "plan", "plans",
}  # fmt: skip


def deniable(verb: Token) -> bool:
    """Whether a form of "deny" contests a claim: "denied that ...", "denied the reports", not "denied entry"."""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and (objects[0].lower_ in DENIABLE or _has_clause(objects[0]))


def _is_actor(noun: Token) -> bool:
    """People and bodies ("Morrison", "critics", "the Trump administration"), whom one rejects or
    questions as a person, not as a claim."""
    if noun.lower_ in INSTITUTIONS:
        return True
    return noun.ent_type_ in ACTOR_ENTS or noun.pos_ == "PROPN" or noun.lower_ in PERSONAL or noun.tag_ == "NNS" and noun.lower_.endswith(("ers", "ists", "ians", "ants", "nations", "people"))


def _speaker(verb: Token) -> str:
    """Who contests ("the Tories"); "" for a pronoun, which the question alone could not resolve."""
    subject = claims.subject(verb)
    if subject is None:
        return ""
    name = next((c for c in subject.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")), None)
    return phrase(name, max_words=6) if name is not None else phrase(subject, max_words=8, around=verb)


def contested(spec: CueSpec, token: Token) -> Result:  # noqa: PLR0911 - one return per reading
    """A denial, rejection or accusation by someone, of something: "Mr Chirac denied there was a snub"."""
    if token.pos_ == "NOUN":
        owned = any(c.dep_ == "poss" for c in token.children) or any(c.lower_ == "by" for c in token.children)
        if token.lower_ == "denial" and not owned:
            return None  # "a state of denial": no one denies anything
        return WEAK
    if token.pos_ != "VERB":
        return None
    base = spec.bases.get(token.lower_)
    if any(c.dep_ == "neg" for c in token.children) or base is None or token.tag_ == "VBG" and token.dep_ != "ROOT":
        return WEAK
    if token.dep_ in ("advcl", "amod") and claims.subject(token) is None and not any(c.dep_ == "nsubjpass" for c in token.children):
        return None  # "as opposed to last year"
    if token.dep_ == "acl":
        return WEAK  # "people accused of offences": who they are, not a charge in this story
    if token.dep_ == "relcl" and spec.family != "denied" and _restrictive(token):
        return WEAK  # "the Never Trumpers who oppose his presidency": which ones, not a dispute in this story
    if sum(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in token.children) > 1:
        return WEAK  # "accused of rape by a woman and sexual assault by another": charges the parse mixes up
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if any(c.dep_ == "dative" for c in token.children) or len(objects) > 1:
        return None  # "denying them seats": withholding, not contesting
    if passive:
        return _contested_passive(spec, token, agent, objects)
    slots = {"speaker": _speaker(token), "verb": _finite(token), "base": base, "participle": participle(base)}
    target = objects[0] if objects else token.head if token.dep_ == "relcl" else None
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if spec.family == "denied":
        if clause is not None:
            if clause.i < token.i and not slots["speaker"]:
                return WEAK  # "Y, a prospect X denied": who denies what, the parse is unsure
            return True, {**slots, "claim": claims.clause(clause), "topic": f"contested@{clause.i}"}
        if target is None or token.dep_ != "relcl" and not deniable(token):
            return None if objects else WEAK  # "denied access": withholding
        if _cut_content(target):
            return WEAK  # "denied an earlier report [that he planned ...]": the report, but not what it says
        return True, {**slots, "object": definite(target) if target.pos_ != "PROPN" else phrase(target), "topic": f"contested:{target.lower_}"}
    if target is None:
        return WEAK
    did = {"VBZ": "does", "VBP": "do", "VB": "do"}.get(token.tag_, "did")
    if spec.family == "accused" and base != "accuse":
        return WEAK  # "blamed high fuel prices", "condemned the move": judged never worth asking on development
    if spec.family == "accused":
        if syntax.is_pronoun(target) or target.lower_ in DENIABLE or _characterisation(token) or _characterisation(target) or _quoted_charge(token) or _quoted_charge(target):
            return WEAK
        return True, {**slots, "accused": phrase(target, max_words=6, skip=_of(target)), "topic": f"contested:{target.lower_}", **_answerable(target)}
    reasons = any(t.lower_ in GROUNDS for t in token.subtree if t.i > token.i) or any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
    if spec.family == "rejected" and _is_actor(target) or reasons:
        return WEAK  # "questioned Morrison" (asked, not disputed); or the grounds are given in the sentence
    if _vague(target):
        return WEAK  # "dismissed the claims" whose content was too long to quote: a question about nothing
    # The grounds may follow from the one who rejects: 'He rejected claims ... "The issue is ...," he said.'
    subject = syntax.subject_of(token)
    explains = {"party": subject.lower_ if subject is not None else "", "unless": "explains"}
    return True, {**slots, "object": phrase(target, max_words=14), "did": did, "is": agree(target, "is", "are"), "topic": f"contested:{target.lower_}", **explains}


def _contested_passive(spec: CueSpec, token: Token, agent: Token | None, objects: list[Token]) -> Result:
    subject = claims.subject(token)
    if spec.family == "denied":
        if objects or agent is None or subject is None:
            return None  # "were denied due process", "the request was denied": refused, not disputed
        return True, {"speaker": phrase(agent, max_words=6, skip=_of(agent)), "verb": "denies", "object": definite(subject, skip={c.i for c in subject.children if c.left_edge.i <= token.i <= c.right_edge.i}), "topic": f"contested:{subject.lower_}"}
    if spec.family == "accused" and subject is not None and subject.lower_ not in DENIABLE:
        if _characterisation(token):
            return WEAK
        speaker = phrase(agent, max_words=6, skip=_of(agent)) if agent is not None else ""
        return True, {"speaker": speaker, "accused": phrase(subject, max_words=6, around=token), "charge": _charge(token), "topic": f"contested:{subject.lower_}", **_answerable(subject)}
    return WEAK


def _quoted_charge(head: Token) -> bool:
    """ 'accused the Lib Dems of offering "false promises"': a charge in the accuser's own words is
    a political jibe, not an allegation with evidence to ask for."""
    charge = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    return any(claims.QUOTE_MARKS.fullmatch(t.text) for t in charge)


def _characterisation(head: Token) -> bool:
    """ "accused the Democrats of being blinded by their hatred": a charge of what someone is, not
    of anything they did, is a taunt; there is no evidence to ask for."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            inner = next((g for g in child.children if g.dep_ in ("pcomp", "pobj")), None)
            if inner is not None and (inner.lower_ == "being" or any(g.dep_ in ("auxpass", "aux") and g.lower_ == "being" for g in inner.children)):
                return True
    return False


def _answerable(accused: Token) -> dict[str, str]:
    """The accused by name, so that their answer elsewhere in the article drops the question
    ("Big Machine have twice denied doing anything wrong"; see `spacy_parties`)."""
    if accused.pos_ != "PROPN" and accused.ent_type_ not in ACTOR_ENTS:
        return {}
    return {"party": accused.lower_, "unless": "speaks"}


def _restrictive(clause: Token) -> bool:
    """A relative clause that says which ones ("customers who accused the utility"), not one set
    off by a comma or a dash that adds news about a noun ("Assange, who denies the accusation")."""
    start = clause.left_edge.i
    return start > 0 and clause.doc[start - 1].text not in {",", "(", "-", "\u2014", "\u2013"}


def _of(noun: Token) -> set[int]:
    """ "accused by critics of promoting ...", "accused the utility of overkill": the "of" phrase is
    the charge, even where the parse hangs it on the accuser or the accused."""
    return {c.i for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"}


def _charge(verb: Token) -> str:
    """What someone is accused of: the object of "of" or "for" ("of keeping its currency weak")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            inner = next((g for g in child.children if g.dep_ in ("pcomp", "pobj")), None)
            if inner is not None:
                return claims.render(inner, max_words=10, cut={"punct", "cc", "conj", "dep", "advcl"})
    return ""


def _vague(noun: Token) -> bool:
    """A claim noun whose content did not fit in the question ("the notion", "the claims")."""
    words = phrase(noun, max_words=14).split()
    content = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if content is not None:
        return content.text not in words
    return noun.lower_ in DENIABLE and len(words) <= 2


def _cut_content(noun: Token) -> bool:
    """A claim noun with a "that" clause the question could not hold ("an earlier report that he
    planned to make a direct appeal ..." cut to "the earlier report")."""
    content = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")), None)
    return content is not None and content.text not in definite(noun).split()


def _has_clause(noun: Token) -> bool:
    return any(c.dep_ in ("acl", "ccomp", "relcl") for c in noun.children)


def _finite(verb: Token) -> str:
    """The verb with its auxiliaries as written ("has rejected"), no negation."""
    auxes = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
    return syntax.text_of([*auxes, verb])
