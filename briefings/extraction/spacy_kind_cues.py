"""What a name's sentence says about its kind: a person's or a body's.

NER labels a name from its letters and a few neighbours, and often takes a company for a person
("Sagem", "Biogen Idec") or a person for a company ("Nikola Tesla", "Colton Sceviour"). News
style gives the kind away in the words around the name: a person "was a brilliant man", "died"
or "said he would"; a body is "which" (and, in British style, "who are"); a person works "of" or
"at" a body ("Mike Powell of Dresdner Kleinwort"); a body's name qualifies its people ("Piper
Jaffray analyst Gene Munster"); one buys "shares in" a body; a plural class before names makes
them bodies ("mortgage giants Fannie Mae and Freddie Mac"); a name listed with people is one
too. One sentence can mislead, so each cue is a weighted vote that actor building counts over
the whole article (`actor_drafts.Draft.add`), not a verdict.
"""

from __future__ import annotations

from typing import Any

from briefings.extraction import syntax
from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.name_forms import singular
from briefings.extraction.personal_names import is_given_name
from briefings.extraction.spacy_name_context import name_root
from briefings.extraction.world_places import is_world_place

Token = Any

PERSON = "person"
BODY = "organisation"
#: Relatives and friends: "the son of X" says nothing about X being a body.
KINSHIP = {
    "father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "uncle", "aunt",
    "nephew", "niece", "cousin", "widow", "widower", "friend", "child", "parent", "grandson",
    "granddaughter", "grandfather", "grandmother", "partner", "colleague", "fan", "victim",
}  # fmt: skip
#: Plurals of people that `singular` does not undo ("minister for women Jacqui Smith").
PEOPLE_PLURALS = {"men", "women", "people", "children", "folk", "police"}
#: What one holds in a company: "shares in X".
HOLDINGS = {"shares", "share", "stake", "stakes", "stock", "holding", "holdings", "investment"}
#: Verbs of a life, said of people only.
LIFE_VERBS = {"died", "dies"}


def kind_cue(gazetteer: Gazetteer, tokens: list[Token], label: str, full_name: bool) -> str:
    """PERSON or BODY when the words around the name say which it is, else "". `full_name`: the
    name reads as a given name and a surname, which outweighs "of" ("a colleague of John Smith")."""
    root = name_root(tokens)
    relative = _relative_pronoun(root)
    if relative and not (relative == BODY and full_name):
        return relative  # "spin-off from Quentin Tarantino, which ...": "which" is the spin-off
    if _qualifies_named_person(gazetteer, tokens, root) or _held(root) or _plural_class(gazetteer, tokens):
        return BODY
    if _works_there(gazetteer, tokens, root) and not full_name:
        return BODY
    if _called_a_person(gazetteer, root) or label != "PERSON" and _listed_with_people(tokens, root):
        return PERSON
    return ""


def _relative_pronoun(root: Token) -> str:
    """ "X, who ..." is a person; "X, which ..." a body."""
    for clause in root.children:
        if clause.dep_ != "relcl":
            continue
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ == "which":
                return BODY
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ == "who":
                # "St Helens, who are proud", "Nomad Digital (who provide ...)": a team or a firm
                # in the plural, as British news writes them; "X, who has" is one person.
                return BODY if clause.tag_ == "VBP" else PERSON if clause.tag_ == "VBZ" else ""
    return ""


def _role_noun(gazetteer: Gazetteer, token: Token) -> bool:
    """A noun naming someone by what they do ("analyst", "chief executive"), not a relative."""
    word = token.lower_
    return (
        token.pos_ in ("NOUN", "PROPN")
        and word not in KINSHIP
        and singular(word) not in KINSHIP
        and (word in gazetteer.person_nouns or gazetteer.is_role_word(word) or bool(gazetteer.title_role([token.text])))
    )


def _works_there(gazetteer: Gazetteer, tokens: list[Token], root: Token) -> bool:
    """ "Mike Powell of X", "the analyst at X": where a person works. A town is where a person is
    from ("the singer from Devon", "Jane Roe of Leeds"), so a place of the world gives no cue."""
    if root.dep_ != "pobj" or root.head.lower_ not in ("of", "at") or is_world_place(syntax.text_of(tokens)):
        return False
    owner = root.head.head
    return owner.ent_type_ == "PERSON" and owner.pos_ == "PROPN" or _role_noun(gazetteer, owner)


def _qualifies_named_person(gazetteer: Gazetteer, tokens: list[Token], root: Token) -> bool:
    """ "Piper Jaffray analyst Gene Munster", "Saints coach Ian Millward": the name before a role
    and a person's name is where the person works."""
    role = root.head
    if root.i == tokens[0].i or role.i <= tokens[-1].i:
        return False  # "Obama adviser David Axelrod": one word before a role is often a person's
    if root.dep_ != "compound" or role.i != root.i + 1 and role.i != root.right_edge.i + 1 or not _role_noun(gazetteer, role):
        return False
    following = role.doc[role.i + 1] if role.i + 1 < len(role.doc) else None
    return following is not None and following.ent_type_ == "PERSON"


def _held(root: Token) -> bool:
    """ "shares in X", "a stake in X": one holds part of a body."""
    return root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lower_ in HOLDINGS


def _plural_class(gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """ "mortgage giants Fannie Mae and Freddie Mac", "mobile operators O2 and Vodafone": a plural
    class written before names, not one of people ("Senators", "actors")."""
    root = first = name_root(tokens)
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    doc = first.doc
    start = tokens[0].i if first.i == root.i else first.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # the first name of the list, from its first word
    if start < 1:
        return False
    noun = doc[start - 1]
    return (
        noun.tag_ == "NNS"
        and start <= noun.head.i <= first.i
        and noun.dep_ in ("compound", "nmod", "amod")
        and noun.lower_ not in PEOPLE_PLURALS
        and singular(noun.lower_) not in gazetteer.person_nouns
        and not gazetteer.is_role_word(singular(noun.lower_))
        and not gazetteer.title_role([noun.text])
        and not gazetteer.is_label(noun.text)
    )


def _called_a_person(gazetteer: Gazetteer, root: Token) -> bool:
    """ "X was a brilliant man", "X died", "X said he would ...": said of a person only. (A "he"
    elsewhere in the sentence is not enough: "Apple was foundering as he returned".)"""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    if verb.lower_ in LIFE_VERBS:
        return True
    if verb.lower_ in gazetteer.speech_verbs and any(
        clause.dep_ == "ccomp" and any(child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("he", "she") for child in clause.children)
        for clause in verb.children
    ):
        return True  # a body says "it would"
    return verb.lower_ in ("is", "was") and any(child.dep_ == "attr" and child.lower_ in gazetteer.person_nouns for child in verb.children)


def _listed_with_people(tokens: list[Token], root: Token) -> bool:
    """ "Jonathan Huberdeau, Colton Sceviour and Mike Hoffman scored": a name of two or three
    capitalised words listed with people named in full (a census given name first), and with no
    body or place, is a person's."""
    if not 2 <= len(tokens) <= 3 or not all(token.text[:1].isupper() and not token.text.isupper() for token in tokens):
        return False
    neighbours = [child for child in root.children if child.dep_ == "conj"]
    current = root
    while current.dep_ == "conj" and current.head != current:
        current = current.head
        neighbours.append(current)
        neighbours.extend(child for child in current.children if child.dep_ == "conj" and child != root)
    kinds = [other.ent_type_ for other in neighbours if other.ent_type_]
    full_names = [
        other
        for other in neighbours
        if other.ent_type_ == "PERSON" and other.i > 0 and other.doc[other.i - 1].ent_type_ == "PERSON" and is_given_name(other.doc[other.i - 1].text)
    ]
    return bool(full_names) and not set(kinds) - {"PERSON"}
