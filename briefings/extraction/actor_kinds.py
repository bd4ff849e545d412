"""Kinds decided over the whole article: what one mention cannot tell.

NER and the gazetteer judge a name from its letters; the article says more. When it keeps
calling a name the gazetteer knows as a company a person ("Tesla quit. He formed ...", "Tesla was
a brilliant man"), it is the person. When a one-word "person" is never introduced by a full name,
a title or a role — news style names people in full before the surname alone — and is no census
given name or surname, it is a company or a team ("Sagem", "Inktomi"). And a one-word name the
gazetteer knows only as another name of a state ("Emirates") is the article's own body when the
article named that body first ("Emirates Airline ... Emirates had a fleet of 270"); an acronym
("UK" after "UK Athletics") is left to the state. A nationality the gazetteer cannot place
("Koreans") is the people of the one state of that name the article names ("South Korea").
"""

from __future__ import annotations

from briefings.extraction.actor_drafts import Candidate, Draft
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.name_forms import singular
from briefings.extraction.personal_names import is_given_name, is_surname

#: A one-word name the article repeats more often than this is someone its readers know by that
#: name alone ("Obama declined ...", "Obama's foreign policy"), whatever the census says.
MONONYM_MENTIONS = 2
#: Mentions that must say "he", "who" or "a man" before the article outweighs the gazetteer.
PERSON_CUES_OVER_GAZETTEER = 2


def people_the_gazetteer_calls_bodies(actors: dict[str, Draft]) -> None:
    """A name the gazetteer knows as a body, which the article again and again writes as a
    person's and never as a body's ("Tesla ... he", "Tesla was a brilliant man"), is a person."""
    for draft in actors.values():
        person, body = draft.cues["person"], draft.cues["organisation"]
        if draft.canonical and draft.fixed_kind == "organisation" and person >= PERSON_CUES_OVER_GAZETTEER and not body:
            draft.canonical, draft.fixed_kind = "", "person"


def unintroduced_people(actors: dict[str, Draft]) -> None:
    """One-word "people" the article never introduces: no full name it is part of (nor a family
    named in the plural, "the Bidens"), no title, role or cue ("X said he would"), not a given
    name or surname in the census lists. News names a person in full first, so such a name is a
    company, a site or a team that NER took for a person ("Sagem", "Radioscape", "Inktomi")."""
    words = {word for key in actors if " " in key for word in key.split()}
    for key, draft in actors.items():
        if " " in key or draft.fixed_kind or draft.kind != "person" or draft.evidence or draft.titled or draft.cues["person"]:
            continue
        name = draft.name
        if key in words or singular(key) in words or len(draft.mentions) > MONONYM_MENTIONS or not name.isalpha() or is_given_name(name) or is_surname(name):
            continue
        draft.fixed_kind = "organisation"


def bodies_named_by_state_aliases(candidates: list[Candidate], gazetteer: Gazetteer) -> set[tuple[int, int]]:
    """Mentions of a one-word other name of a state ("Emirates") that open the name of a body the
    article named before them ("Emirates Airline"): the body's short form, by where they are."""
    bodies: dict[str, tuple[int, int]] = {}
    for candidate in candidates:
        words = candidate.name.split()
        if candidate.label == "ORG" and len(words) > 1 and gazetteer.lookup(candidate.name) is None:
            bodies.setdefault(words[0], (candidate.mention.paragraph, candidate.mention.start))
    found = set()
    for candidate in candidates:
        place = (candidate.mention.paragraph, candidate.mention.start)
        if " " in candidate.name or candidate.name.isupper() or candidate.name not in bodies or bodies[candidate.name] >= place:
            continue
        entry = gazetteer.lookup(candidate.name)
        if entry is not None and entry.kind == "state" and entry.form == "alias" and not candidate.state_sense:
            found.add(place)
    return found


#: Endings of a demonym, and what its state's name ends in instead: "Koreans" -> "Korea",
#: "Sudanese" -> "Sudan", "Iraqis" -> "Iraq".
DEMONYM_ENDINGS = (("ans", "a"), ("an", "a"), ("ese", ""), ("is", ""), ("ians", "ia"))


def states_of_demonyms(candidates: list[Candidate], gazetteer: Gazetteer) -> dict[tuple[int, int], tuple[str, str]]:
    """Nationalities the gazetteer does not know ("Koreans", as Korea is two states) that are the
    people of the one state the article names with that word ("South Korea"): that state, as a
    known demonym is ("Iraqis" -> Iraq). By where each mention is: (key, name) of the state."""
    states: dict[str, set[str]] = {}
    for candidate in candidates:
        entry = gazetteer.lookup(candidate.name)
        if entry is not None and entry.kind == "state" and entry.form in ("name", "alias"):
            states.setdefault(entry.name.split()[-1], set()).add(entry.name)
    found = {}
    for candidate in candidates:
        name = candidate.name
        if candidate.label != "NORP" or " " in name or gazetteer.lookup(name) is not None or gazetteer.is_label(name):
            continue
        owners = {state for ending, stem in DEMONYM_ENDINGS if name.endswith(ending) for state in states.get(name[: -len(ending)] + stem, ())}
        if len(owners) == 1:
            state = owners.pop()
            found[(candidate.mention.paragraph, candidate.mention.start)] = (fold(state), state)
    return found
