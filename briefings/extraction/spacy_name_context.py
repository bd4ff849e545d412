"""Where a name stands in its sentence: the parse says what NER's label cannot.

The same word is a state, a town, a body or a person depending on its place in the sentence:
"Tehran said" is Iran speaking but "Tehran is expensive" is a city, "voters in Bethnal Green" is a
place whatever NER calls it, "Pepsi, Costco and Winnebago" are companies listed together, and
"Home" in "Home Secretary" is a word of a title. These checks read the parse around a name (its
root token, the verb it is the subject of, the words it is listed with) and need nothing else but
the paragraph's parse and the gazetteer, so the name reader and the article-wide pass share them.
"""

from __future__ import annotations

from typing import Any

from briefings.extraction import syntax
from briefings.extraction.actor_drafts import Candidate
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.name_forms import singular
from briefings.extraction.world_places import is_world_place

Doc = Any
Token = Any

#: Prepositions after which a "person" is more likely a place ("in Belmarsh").
LOCATIVE = {"in", "near", "outside", "inside", "across", "throughout", "around"}
#: Words of UK-style portfolio titles: a "name" made of them before a title is part of the title.
PORTFOLIO_WORDS = {
    "home", "foreign", "shadow", "trade", "industry", "defence", "defense", "health", "education",
    "treasury", "justice", "interior", "transport", "energy", "environment", "culture", "media",
    "sport", "work", "pensions", "business", "cabinet", "state", "chief", "deputy", "acting",
    "junior", "development", "international", "northern", "ireland", "scotland", "wales", "and", "of",
    "finance", "economy", "security", "communities", "local", "government", "family", "women",
}  # fmt: skip


def name_root(tokens: list[Token]) -> Token:
    """The token a name's words hang from in the parse (its last token when none does)."""
    ids = {token.i for token in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head == token:
            return token
    return tokens[-1]


def state_sense(gazetteer: Gazetteer, root: Token) -> bool:
    """Whether a seat of government stands for its state here: "Tehran said", "Washington
    imposed sanctions", "Beijing's policy", but not "Delhi's air" or "London is expensive"."""
    if root.dep_ in ("nsubj", "nsubjpass", "agent"):
        verb = root.head.head if root.dep_ == "agent" else root.head
        return verb.lower_ in gazetteer.speech_verbs or verb.lower_ in gazetteer.state_verbs
    if root.dep_ == "poss":
        return root.head.lower_ in gazetteer.state_nouns
    return False


def speaks(doc: Doc, gazetteer: Gazetteer, candidate: Candidate) -> bool:
    """Whether the text treats the name as a person's: the subject of a verb of saying or
    thinking ("X said", "X believes"), or the owner of a person ("X's chancellor", "X's wife")."""
    span = doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = name_root(list(span))
    head = root.head
    if root.dep_ == "poss":
        return head.ent_type_ == "PERSON" or head.lower_ in gazetteer.person_nouns or bool(gazetteer.title_role([head.text]))
    return root.dep_ in ("nsubj", "nsubjpass") and head.lower_ in gazetteer.speech_verbs


def placed(root: Token) -> bool:
    """Whether the text places the name: after "in", "near"…, or itself "in" a country."""
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return True
    return any(
        child.dep_ == "prep" and child.lower_ in ("in", "near") and any(obj.ent_type_ in ("GPE", "LOC") for obj in child.children)
        for child in root.children
    )


def located(root: Token) -> bool:
    """Whether the name is where something happens: the object of "in", "near", "across"…
    ("gunfire in Senkata", "a rally outside Westgate")."""
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


def plainly_placed(doc: Doc, gazetteer: Gazetteer, tokens: list[Token], root: Token) -> bool:
    """Contexts only places have: "the area/district of X", "X-based", "based in/out of X"."""
    after = tokens[-1].i + 1
    if after + 1 < len(doc) and doc[after].text == "-" and doc[after + 1].lower_ == "based":
        return True
    head = root.head
    if root.dep_ != "pobj":
        return False
    if head.lower_ == "of" and head.head.lower_ in gazetteer.place_nouns:
        return True
    return head.lower_ in ("in", "of") and any(token.lower_ == "based" for token in (head.head, head.head.head))


def listed_with_bodies(root: Token) -> bool:
    """True when the name is listed with two organisations or more and no place ("Pepsi,
    Coca-Cola, Costco and Winnebago")."""
    neighbours = [child for child in root.children if child.dep_ == "conj"]
    current = root
    while current.dep_ == "conj" and current.head != current:
        current = current.head
        neighbours.append(current)
    kinds = [other.ent_type_ for other in neighbours if other.ent_type_]
    return kinds.count("ORG") >= 2 and not set(kinds) & {"GPE", "LOC", "FAC"}


def listed_with_place(gazetteer: Gazetteer, root: Token, single: bool) -> bool:
    """True when the name is coordinated with a town or region ("Dallas, Bordeaux and Oporto")."""
    if not single:
        return False
    neighbours = [child for child in root.children if child.dep_ == "conj"]
    current = root
    while current.dep_ in ("conj", "appos") and current.head != current:
        current = current.head
        neighbours.append(current)
    for other in neighbours:
        if other.ent_type_ in ("LOC", "FAC"):
            return True
        if other.ent_type_ == "GPE":
            entry = gazetteer.lookup(other.text)
            if entry is None or entry.form in ("seat", "place"):
                return True
    return False


def part_of_title(doc: Doc, gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """ "Home" in "Home Secretary", "State" in "Secretary of State": words of a title, not a body."""
    following = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    portfolio = [token for token in tokens if not _state_word(gazetteer, token.text)]  # "UK Home Secretary"
    if (
        following is not None
        and following.text[:1].isupper()
        and gazetteer.title_role([following.text])
        and portfolio
        and all(fold(token.text) in PORTFOLIO_WORDS for token in portfolio)
    ):
        return True
    first = tokens[0].i
    if first >= 2 and doc[first - 1].lower_ in ("of", "for"):
        title = doc[first - 2]
        return bool(title.text[:1].isupper() and gazetteer.title_role([title.text]))
    return False


def address_after_place(doc: Doc, gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """ "Stuttgart, Germany", "Karachi, Pakistan": a country or region written after a town, as
    in an address, is where the town is, not an actor. A country after another country ("France,
    Germany and Italy") is a list, not an address."""
    first = tokens[0].i
    if first < 2 or doc[first - 1].text != ",":
        return False
    before = doc[first - 2]
    if not before.text[:1].isupper() or before.ent_type_ not in ("GPE", "LOC", "FAC") and not is_world_place(before.text):
        return False
    town = [token for token in doc[before.left_edge.i : before.i + 1] if token.ent_type_ == before.ent_type_] or [before]
    entry = gazetteer.lookup(" ".join(token.text for token in town))
    return entry is None or entry.kind != "state"


def address_before_region(doc: Doc, gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """ "Jacksonville, Florida-based", "Bury, Lancashire": a town written before its region or
    country, as in an address."""
    after = tokens[-1].i + 1
    if after + 1 >= len(doc) or doc[after].text != "," or not is_world_place(syntax.text_of(tokens)):
        return False
    region = doc[after + 1]
    entry = gazetteer.lookup(region.text)
    known = entry is not None and (entry.kind in ("state", "region") or entry.form == "place")
    return region.text[:1].isupper() and (known or region.ent_type_ == "GPE" and is_world_place(region.text))


#: Last words of a street's name, which a house number before it makes an address.
STREET_WORDS = {
    "street", "road", "avenue", "lane", "drive", "place", "boulevard", "way", "court", "terrace",
    "crescent", "close", "parkway", "highway", "square", "row", "st", "rd", "ave", "blvd", "dr", "ln",
}  # fmt: skip


def residence_or_address(doc: Doc, gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """ "Christopher Tays, 32, of Franklin", "Jane Doe of Springfield": where a person lives;
    "2134 Caldwell Place": a street address. Places either way."""
    first = tokens[0].i
    before = doc[first - 1] if first else None
    if before is None:
        return False
    if before.text.isdigit() and before.ent_type_ not in ("MONEY", "PERCENT"):
        return fold(tokens[-1].text).rstrip(".") in STREET_WORDS and len(tokens) > 1
    if before.lower_ != "of" or first < 2 or not is_world_place(syntax.text_of(tokens)):
        return False
    owner = doc[first - 2]
    if owner.text == "," and first >= 3:
        owner = doc[first - 3]
    return owner.ent_type_ == "PERSON" or owner.like_num and owner.ent_type_ in ("", "DATE", "CARDINAL")


def _state_word(gazetteer: Gazetteer, word: str) -> bool:
    """A state's name or demonym ("UK", "British") before a portfolio title."""
    entry = gazetteer.lookup(word)
    return entry is not None and entry.kind == "state"


#: Words before "as" that make the name after it a part someone plays ("his role as Kirk", "stars
#: as Lucy").
PLAYED_AS = {
    "role", "roles", "part", "character", "cast", "play", "plays", "played", "playing", "portray",
    "portrays", "portrayed", "portraying", "star", "stars", "starred", "starring", "appear",
    "appears", "appeared", "appearing", "reprise", "reprises", "reprised", "reprising", "voice",
    "voices", "voiced", "voicing", "dressed", "disguised",
}  # fmt: skip


def played_as(tokens: list[Token]) -> bool:
    """Whether the name is a part someone plays ("his role as George Kirk", "starring as Lucy"):
    a character, not an actor of the story."""
    root = name_root(tokens)
    return root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lower_ in PLAYED_AS


def after_work_noun(gazetteer: Gazetteer, tokens: list[Token]) -> bool:
    """Whether the name comes right after a kind of work written in lower case ("the film
    Harbour Lights", "the musical Mamma Mia"): the work's title, whoever it is named after."""
    before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i else None
    return before is not None and before.is_lower and before.lower_ in gazetteer.work_nouns


def qualifies_people(gazetteer: Gazetteer, token: Token) -> bool:
    """Whether a noun names people, a body or what a state does ("senators", "troops", "coach",
    "government"): what a party, a state or a team qualifies ("Republican senators", "Wild
    coach"), unlike a thing ("West African countries", "a Nordic operator")."""
    word = singular(token.lower_)
    nouns = (
        gazetteer.person_nouns, gazetteer.group_nouns, gazetteer.institution_nouns,
        gazetteer.organisation_role_nouns, gazetteer.armed_nouns, gazetteer.state_nouns,
    )  # fmt: skip
    return any(word in group or token.lower_ in group for group in nouns) or gazetteer.is_role_word(word)
