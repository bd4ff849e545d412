"""The article-wide pass over names: what one paragraph's reading cannot know.

NER reads each sentence on its own and is inconsistent across an article: it finds "Alexander
Lebed" and misses "Lebed" three sentences later, calls "Wang" a person here and a body there, or
takes a town ("Sedgefield") for a person because the name is also a surname. Once every paragraph
has been read (`spacy_names`), the names of the whole article are compared: a name found once is
found again where NER missed it, one name gets one label, towns taken for people and common words
capitalised by a heading are corrected. `conll_label` maps the corrected names to CoNLL-2003
labels for scoring against NER gold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from briefings.extraction.actor_drafts import Candidate
from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.personal_names import is_given_name, is_surname
from briefings.extraction.spacy_kind_cues import BODY
from briefings.extraction.spacy_name_context import name_root, speaks
from briefings.extraction.spacy_names import NameReader
from briefings.extraction.world_places import is_world_place


def propagate(readers: Iterable[NameReader]) -> None:
    """Across an article: a person's surname or a body's one-word name, found once, is found again.

    A name of two words or more read as a work once ("the musical Mamma Mia") is that work
    wherever the article names it without a role.

    NER is inconsistent within a document: it finds "Alexander Lebed" and misses "Lebed" three
    sentences later, or calls "Wang" a person in one place and an organisation in another. Single
    proper nouns outside any entity that match a word of a multi-word person's name, or a one-word
    name NER gave one label to, become mentions with that label; a one-word name that is a word of
    a person's name is that person even if the gazetteer knows it as something else ("Jordan").
    """
    readers = list(readers)
    gazetteer = readers[0].gazetteer if readers else None
    person_words: set[str] = set()
    bodies = {candidate.name for reader in readers for candidate in reader.names if candidate.cue == BODY}
    for reader in readers:
        for candidate in reader.names:
            words = candidate.name.split()
            if candidate.label == "PERSON" and len(words) > 1 and candidate.name not in bodies:
                person_words.update(word for word in words if word[:1].isupper() and not _nationality(gazetteer, word))
    common = {token.text for reader in readers for token in reader.doc if token.is_lower and token.is_alpha}
    known = {candidate.name for reader in readers for candidate in reader.names}
    for reader in readers:
        reader.names = [
            candidate
            for candidate in reader.names
            if not _common_word(gazetteer, candidate, common) and not _derived_label(gazetteer, candidate.name, known)
        ]
    works = {candidate.name for reader in readers for candidate in reader.names if candidate.label == "WORK" and " " in candidate.name}
    things = _things(readers)
    for reader in readers:
        for candidate in reader.names:
            if candidate.name in works and not (candidate.person_evidence or candidate.role):
                candidate.label = "WORK"  # "the musical Mamma Mia" ... "Mamma Mia has ...": the work again
            elif candidate.name in things and not (candidate.person_evidence or candidate.role):
                candidate.label = "MISC"  # "the Dreamforce conference" ... "at Dreamforce": the event again
    places = _places_taken_for_people(readers, person_words) - bodies  # "St Helens, who are proud": the club
    teams = _teams_taken_for_people(readers, person_words)
    labels: dict[str, Counter[str]] = {}
    for reader in readers:
        for candidate in reader.names:
            if candidate.name in places:
                candidate.label = "GPE"
            elif candidate.name in teams:
                candidate.label = "ORG"
            if " " not in candidate.name and candidate.label in ("PERSON", "ORG", "GPE"):
                labels.setdefault(candidate.name, Counter())[candidate.label] += 1
    votes: dict[str, Counter[str]] = {}
    for reader in readers:
        for candidate in reader.names:
            if candidate.label in ("PERSON", "ORG", "GPE") and not candidate.role:
                votes.setdefault(candidate.name, Counter())[candidate.label] += 1
    for reader in readers:
        for candidate in reader.names:
            if candidate.name in person_words and candidate.label != "PERSON":
                candidate.label, candidate.person_evidence = "PERSON", True
            elif candidate.name in votes and not candidate.role and not candidate.cue and candidate.label in ("PERSON", "ORG", "GPE"):
                (label, count), *rest = votes[candidate.name].most_common()
                if votes[candidate.name]["PERSON"] and is_surname(candidate.name):
                    candidate.label = "PERSON"  # "Trump" read once as a person is the person
                elif not rest or count > rest[0][1]:
                    candidate.label = label  # one name, one label in an article: the majority's
        covered = {token.i for ent in reader.doc.ents for token in ent}
        for token in reader.doc:
            if token.i in covered or token.i in reader.consumed or token.pos_ != "PROPN" or len(token.text) < 3:
                continue
            if token.text in person_words:
                label = "PERSON"
            elif token.text in labels and len(labels[token.text]) == 1:
                label = next(iter(labels[token.text]))
            else:
                continue
            reader.names.append(reader.candidate(reader.extend_left([token]), label, evidence=label == "PERSON"))


def _things(readers: list[NameReader]) -> set[str]:
    """Names the article once writes as a thing ("its Dreamforce conference", "IBM's Workplace
    software"), unknown to the gazetteer, that never act as a body or a person anywhere in it
    (never speak, never own a person): the same thing wherever the article names it."""
    read_as_thing = {
        candidate.name for reader in readers for candidate in reader.names if candidate.label == "MISC" and _written_as_thing(reader, candidate)
    }
    acting = {
        candidate.name
        for reader in readers
        for candidate in reader.names
        if candidate.name in read_as_thing and (candidate.person_evidence or candidate.role or speaks(reader.doc, reader.gazetteer, candidate))
    }
    return {name for name in read_as_thing - acting if readers[0].gazetteer.lookup(name) is None}


def _written_as_thing(reader: NameReader, candidate: Candidate) -> bool:
    """Whether the words say the name is a thing's: it modifies a thing's noun ("the Dreamforce
    conference") or ends in one ("the Davis Cup"); NER's label alone does not."""
    span = reader.doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand")
    if span is None:
        return False
    gazetteer = reader.gazetteer
    root = name_root(list(span))
    return root.dep_ == "compound" and root.head.lower_ in gazetteer.thing_nouns or span[-1].lower_ in gazetteer.not_actor_heads


def _places_taken_for_people(readers: list[NameReader], person_words: set[str]) -> set[str]:
    """Names the model took for people that are towns or areas ("Sedgefield", "Bethnal Green").

    A known place name is a place when nothing in the article says it is a person: no title, role
    or appositive, no first name or surname shared with a person named in full, and it never
    speaks ("Obama said" is the president, whatever Japan has a town called).
    """
    people: dict[str, bool] = {}
    for reader in readers:
        gazetteer = reader.gazetteer
        for candidate in reader.names:
            if candidate.label != "PERSON":
                continue
            evidence = candidate.person_evidence or bool(candidate.role) or speaks(reader.doc, gazetteer, candidate)
            people[candidate.name] = people.get(candidate.name, False) or evidence
    named_in_full = [name.split() for name in people if " " in name]
    return {
        name
        for name, evidence in people.items()
        if not evidence
        and (name not in person_words if " " not in name else not _inside_other(name.split(), named_in_full))
        and is_world_place(name)
        and not gazetteer.lookup(name)
    }


def _teams_taken_for_people(readers: list[NameReader], person_words: set[str]) -> set[str]:
    """One plural word the model took for a person that is no one's name, in the census lists or
    in the article ("the Steelers", "the Canadiens"; but "the Bidens" beside "Joe Biden"), or is
    written with "the" and names no one in the article ("the Browns" of Cleveland): a team or a
    company."""
    people: dict[str, bool] = {}
    for reader in readers:
        for candidate in reader.names:
            if candidate.label == "PERSON" and not (candidate.person_evidence or candidate.role or candidate.titled):
                before = reader.text[: candidate.mention.start].rstrip().rsplit(" ", 1)[-1].casefold()
                people[candidate.name] = people.get(candidate.name, False) or before == "the"
    return {
        name
        for name, definite in people.items()
        if " " not in name
        and name.endswith("s")
        and not name.endswith("ss")
        and name[:-1] not in person_words
        and (definite or not any(is_surname(word) or is_given_name(word) for word in (name, name[:-1])))
        and not is_world_place(name)
    }


def _common_word(gazetteer: Gazetteer | None, candidate: Candidate, common: set[str]) -> bool:
    """A one-word "body" or "place" the article also writes in lower case ("Education",
    "Theatre") is a common word capitalised by a heading or the start of a sentence."""
    name = candidate.name
    return (
        " " not in name
        and candidate.label in ("ORG", "GPE", "LOC", "FAC", "NORP", "MISC", "WORK")
        and not candidate.person_evidence
        and name.lower() in common
        and gazetteer is not None
        and gazetteer.lookup(name) is None
    )


#: Endings that make a word for the people or the style of a place or a name ("Delhiites",
#: "Clintonian"), and those that do so only from a name in the article ("Googlers").
DERIVED_ENDINGS = ("ites", "ite", "ians", "ian", "ans", "ese", "esque")
DERIVED_FROM_NAMES = ("ers",)


def _derived_label(gazetteer: Gazetteer | None, name: str, known: set[str]) -> bool:
    """A word made from a place or a name in the article ("Delhiites", "Googlers", "Clintonian",
    "Afghan-Americans"): a label for its people or its style, not an actor."""
    if " " in name or gazetteer is None or gazetteer.lookup(name) is not None:
        return False
    if "-" in name and all(gazetteer.lookup(part) is not None for part in name.split("-")):
        return True  # "Afghan-Americans"
    for ending in (*DERIVED_ENDINGS, *DERIVED_FROM_NAMES):
        stem = name[: -len(ending)]
        if not name.endswith(ending) or len(stem) < 3:
            continue
        for base in (stem, stem + "e", stem.rstrip("i")):
            if base in known or ending in DERIVED_ENDINGS and (is_world_place(base) or gazetteer.lookup(base) is not None):
                return True
    return False


def _inside_other(words: list[str], others: list[list[str]]) -> bool:
    """Whether a name shares a word with another multi-word name ("Milton" of "John Milton")."""
    return any(other != words and set(words) & set(other) for other in others)


def _nationality(gazetteer: Gazetteer | None, word: str) -> bool:
    """A demonym or a label ("Rwandan", "Hutu"): never a person's name, whatever NER says."""
    if gazetteer is None:
        return False
    entry = gazetteer.lookup(word)
    return gazetteer.is_label(word) or entry is not None and entry.form == "demonym"


def conll_label(gazetteer: Gazetteer, candidate: Candidate) -> str:
    """The CoNLL-2003 label of a corrected name (PER, ORG, LOC, MISC), or "" to leave it out."""
    label = candidate.label
    if label in ("GROUP", "GROUPORG", "REF"):
        return ""
    if label in ("MISC", "WORK"):
        return "MISC"
    entry = gazetteer.lookup(candidate.name)
    if candidate.person_evidence or label == "PERSON" and entry is None:
        return "PER"
    if entry is not None:
        if entry.form == "demonym":
            return "MISC"
        return "LOC" if entry.kind == "state" or entry.form in ("seat", "place") else "ORG"
    return {"ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}.get(label, "")
