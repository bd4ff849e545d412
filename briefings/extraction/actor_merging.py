"""Merging the drafts of one actor: acronyms, person names, shorter names, abbreviations, spellings.

An article names one actor many ways: "the National Statistics Institute (INSEE)" and "INSEE",
"Jack Straw" and "Mr Straw", "Care" and "Care International", "Lib Dems" and "Liberal Democrats",
"al-Qaida" and "al-Qaeda", "the US-led coalition" and then "the coalition". Each step here joins
drafts that one of these habits split, in the order `actors.build` runs them.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from briefings.extraction.actor_drafts import Candidate, Draft
from briefings.extraction.gazetteer import Gazetteer
from briefings.extraction.name_forms import (
    acronym_letters,
    initials_of,
    initials_of_endings,
    looks_like_acronym,
    match_key,
    singular,
    spelled_initials,
)
from briefings.extraction.personal_names import is_full_name, same_given_name

#: Names at least this similar (0-100, after normalising) are one actor.
FUZZY_SIMILARITY = 90
#: Shorter names are left alone: "Ameri" and "Amerli" are 91% alike and unrelated.
FUZZY_MIN_LENGTH = 7
ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,10})\s*\)")
OPENING_BRACKET = re.compile(r"\s*\(\s*(?:the\s+)?")


def _merge(actors: dict[str, Draft], source: str, target: str) -> None:
    if source != target and source in actors and target in actors:
        actors[target].absorb(actors.pop(source))


def merge_defined_acronyms(
    actors: dict[str, Draft], candidates: list[Candidate], texts: list[str], gazetteer: Gazetteer
) -> None:
    """ "the National Statistics Institute (INSEE)" or "Cepes (Peruvian Centre for Social
    Studies)": the short form is the long one wherever it occurs."""
    by_mention = {
        (mention.paragraph, mention.start): key for key, draft in actors.items() for mention in draft.mentions
    }
    long_forms = {(candidate.mention.paragraph, candidate.mention.start): candidate for candidate in candidates}
    for candidate in candidates:
        mention = candidate.mention
        key = by_mention.get((mention.paragraph, mention.start))
        if key is None or key not in actors:
            continue
        text = texts[mention.paragraph]
        match = ACRONYM_AFTER.match(text, mention.end)
        if match and " " in candidate.name:
            short = match_key(match.group(1))
            if short in actors and actors[short].kind != "person":
                _merge(actors, short, key)
            continue
        # "Cepes (Peruvian Centre for Social Studies)": the short form first, the long one in brackets.
        bracket = OPENING_BRACKET.match(text, mention.end)
        long_form = long_forms.get((mention.paragraph, bracket.end())) if bracket else None
        if long_form is None or " " not in long_form.name or not looks_like_acronym(candidate.name):
            continue
        long_key = by_mention.get((mention.paragraph, long_form.mention.start))
        if long_key in actors and actors[long_key].kind == "organisation" and actors[key].kind == "organisation":
            _merge(actors, key, long_key)


def merge_initials(actors: dict[str, Draft]) -> None:
    """An acronym ("FCO", "Isil") and a long form in the same article with those initials are one."""
    long_forms: dict[str, str] = {}
    for key, draft in actors.items():
        for form in draft.forms:
            if len(form.split()) > 1:
                long_forms.setdefault(initials_of(form), key)
                long_forms.setdefault(spelled_initials(form), key)
    for key, draft in actors.items():
        for form in draft.forms:
            for initials in initials_of_endings(form):
                long_forms.setdefault(initials, key)
    for key in list(actors):
        draft = actors.get(key)
        if draft is None or draft.kind == "person":
            continue
        for form in list(draft.forms):
            if looks_like_acronym(form) and acronym_letters(form) in long_forms:
                target = long_forms[acronym_letters(form)]
                if target in actors and target != key:
                    # The long form is the better name unless the gazetteer already named this one.
                    if actors[key].canonical and not actors[target].canonical:
                        _merge(actors, target, key)
                    else:
                        _merge(actors, key, target)
                break


def merge_nicknames(actors: dict[str, Draft]) -> None:
    """ "Dave Collins" and "David Collins", "Pat Carlineo" and "Patrick W. Carlineo": one surname
    with a given name and its nickname is one person. The fuller name (more words, else more
    mentions, else the one named first) is kept."""
    people = sorted(
        (key for key, draft in actors.items() if draft.kind == "person" and not draft.canonical and len(key.split()) > 1),
        key=lambda key: (len(key.split()), actors[key].forms.total(), tuple(-place for place in actors[key].first)),
    )
    for index, key in enumerate(people):
        words = key.split()
        for other in people[index + 1 :]:
            longer = other.split()
            if other not in actors or words[-1] != longer[-1] or words[0] == longer[0]:
                continue
            middle_fits = all(word in longer[1:-1] or len(word) == 1 for word in words[1:-1])
            if middle_fits and same_given_name(words[0], longer[0]):
                _merge(actors, key, other)
                break


def merge_person_names(actors: dict[str, Draft]) -> None:
    """Surnames ("Mr Straw" -> Straw) and first names ("Saddam") join the full name they belong to.

    A one-word name the model took for an organisation or a place joins a person too, since
    "Hewitt" or "Clarke" (or a first name, "Nikola") alone rarely means anything else in the same
    article. When two people
    share the word, the mention goes to the one named most recently before it.
    """
    _people_named_in_full(actors)
    full = {key: draft for key, draft in actors.items() if draft.kind == "person" and len(draft.name.split()) > 1}
    if not full:
        return
    for key in list(actors):
        draft = actors.get(key)
        if draft is None or draft.canonical or key in full or len(key.split()) != 1:
            continue
        surname = [other for other in full if _same_surname(key, other.split()[-1])]
        first_name = [other for other in full if _first_names(actors[other]) & {key}]
        owners = surname or first_name
        if not owners:
            continue
        if len(owners) > 1:
            _split_by_recency(actors, key, owners)
        else:
            actors[owners[0]].absorb(actors.pop(key))


def _first_names(draft: Draft) -> set[str]:
    """The first words of a person's full names ("Larry" of "Larry Page", merged into "Lawrence
    Edward Page")."""
    return {match_key(form).split()[0] for form in draft.forms if " " in form.strip()}


def _people_named_in_full(actors: dict[str, Draft]) -> None:
    """A full name the model took for a body is a person when it is a given name and a surname
    (census lists) or its last word is a person named alone in the article ("Mason Rudolph"
    beside "Rudolph"). The census alone does not outweigh the article naming its first word as
    a body of its own ("Mercedes" beside "Mercedes Benz"): then it is that body's longer name."""
    alone = {key for key, draft in actors.items() if draft.kind == "person" and " " not in key}
    bodies = {key for key, draft in actors.items() if draft.kind != "person" and " " not in key}
    for draft in actors.values():
        words = draft.name.split()
        if draft.kind == "person" or draft.canonical or draft.head or len(words) not in (2, 3) or draft.cues["organisation"]:
            continue  # "mortgage giants Fannie Mae": the words around it said body
        if match_key(words[-1]) in alone or is_full_name(words) and match_key(words[0]) not in bodies:
            draft.fixed_kind = "person"


def _same_surname(word: str, surname: str) -> bool:
    """ "Zelenskyy" and "Zelensky": one surname spelt two ways (long words only)."""
    return word == surname or min(len(word), len(surname)) >= 6 and fuzz.ratio(word, surname) >= 88


def _split_by_recency(actors: dict[str, Draft], key: str, owners: list[str]) -> None:
    draft = actors.pop(key)
    for mention in draft.mentions:
        position = (mention.paragraph, mention.start)

        def latest_before(owner: str, position: tuple[int, int] = position) -> tuple[int, int]:
            earlier = [(m.paragraph, m.start) for m in actors[owner].mentions if (m.paragraph, m.start) < position]
            return max(earlier) if earlier else (-1, -1)

        owner = max(owners, key=latest_before)
        actors[owner].mentions.append(mention)


def merge_subsets(actors: dict[str, Draft]) -> None:
    """Shorter names inside longer ones: "George Bush" and "George W Bush"; "Care" and "Care
    International"; "Foreign Office" and "Foreign and Commonwealth Office"; "Democrat" and
    "Liberal Democrats"."""
    keys = sorted(actors, key=lambda key: len(key.split()))
    for key in keys:
        draft = actors.get(key)
        if draft is None or draft.canonical or draft.kind == "group":
            continue
        words = key.split()
        # A bare one-word "person" that opens an organisation's name is that organisation
        # ("Baikal" and "Baikal Finance Group"): NER often takes short company names for people.
        bare = draft.voted_kind == "person" and len(words) == 1 and not draft.evidence
        initials = draft.kind == "person" and any(len(word) == 1 for word in words[:-1])
        fitting = [
            other
            for other in actors
            if other != key
            and (len(other.split()) > len(words) or initials and not any(len(word) == 1 for word in other.split()))
            and actors[other].kind != "group"
            and (
                _family(actors[other].kind) == _family(draft.voted_kind)
                and _inside(words, other.split(), draft.kind == "person")
                or bare and actors[other].kind == "organisation" and other.split()[0] == words[0]
            )
        ]
        if len(fitting) > 1 and draft.kind != "person":
            fitting = _party_named(words, fitting) or fitting
        if len(fitting) == 1 or fitting and draft.kind == "person":
            target = max(fitting, key=lambda other: actors[other].forms.total())
            if bare and actors[target].kind == "organisation":
                actors[target].fixed_kind = actors[target].fixed_kind or "organisation"
            _merge(actors, key, target)


#: Last words that make a name the party's own: "Democratic" is the "Democratic Party" rather than
#: the "Democratic National Committee".
PARTY_WORDS = {"party", "parties"}


def _party_named(words: list[str], fitting: list[str]) -> list[str]:
    """Of the longer names a word opens, the party it names ("Democratic" + "Party"): an
    adjective alone stands for its party before the party's committees and groups."""
    return [other for other in fitting if other.split()[: len(words)] == words and other.split()[-1] in PARTY_WORDS and len(other.split()) == len(words) + 1]


def merge_known_short_forms(actors: dict[str, Draft]) -> None:
    """ "Sun Microsystems has launched ..." then "Sun said": a one-word name the gazetteer knows as
    another body ("The Sun") is the article's own longer name it opens, when that name came first,
    is a body too and the gazetteer does not know it. The short form then takes the longer name's
    identity, not the gazetteer's; a state's name is left to the state ("Emirates Airline" does not
    take "Emirates")."""
    for key, draft in list(actors.items()):
        if not draft.canonical or draft.kind != "organisation" or len(draft.forms) != 1 or " " in next(iter(draft.forms)):
            continue
        word = next(iter(draft.forms))
        longer = [
            other
            for other, candidate in actors.items()
            if other != key
            and not candidate.canonical
            and len(candidate.name.split()) > 1
            and candidate.name.split()[0] == word
            and candidate.kind == "organisation"
            and candidate.first < draft.first
        ]
        if len(longer) == 1:
            draft.canonical, draft.fixed_kind = "", ""
            _merge(actors, key, longer[0])


def _inside(words: list[str], longer: list[str], person: bool) -> bool:
    """Whether a name is a shorter form of a longer one."""
    if person:
        # "George Bush" in "George W Bush"; "B. U. Nzeribe" is "Benjamin Nzeribe" (initials).
        if len(words) < 2 or words[-1] != longer[-1]:
            return False
        first = words[0]
        if first not in longer and not (len(first) == 1 and longer[0].startswith(first)):
            return False
        return all(word in longer or len(word) == 1 for word in words[1:-1])
    if longer[: len(words)] == words:
        return True  # "Care" in "Care International", "BBC" in "BBC News"
    if len(words) > 1 and longer[-len(words) :] == words:
        return True  # "Communist Party" in "Chinese Communist Party", "Supreme Court" in "US Supreme Court"
    if len(words) == 1:
        return singular(words[0]) == singular(longer[-1])  # "Democrat" in "Liberal Democrats"
    remaining = iter(longer)
    in_order = all(word in remaining for word in words)
    return in_order and words[0] == longer[0] and words[-1] == longer[-1]


def merge_abbreviations(actors: dict[str, Draft]) -> None:
    """ "Lib Dems" and "Liberal Democrats", "Fed" and "Federal Reserve": each word a shortening."""
    for key in list(actors):
        draft = actors.get(key)
        if draft is None or draft.canonical:
            continue
        words = key.split()
        targets = [
            other
            for other in actors
            if other != key and not actors[other].kind == "person" and _abbreviates(words, other.split())
        ]
        if len(targets) == 1:
            target = actors[targets[0]]
            target.absorb(actors.pop(key))
            target.fixed_kind = target.fixed_kind or max(target.kind_votes, key=lambda k: (k != "person", target.kind_votes[k]))


def _abbreviates(words: list[str], longer: list[str]) -> bool:
    if len(words) > len(longer) or any(len(word) < 3 for word in words):
        return False
    pairs = list(zip(words, longer, strict=False))
    shortened = any(len(word) < len(full) for word, full in pairs)
    return shortened and all(full.startswith(singular(word)) or full.startswith(word) for word, full in pairs) and (
        len(words) == len(longer) or len(words) == 1
    )


def _family(kind: str) -> str:
    return "person" if kind == "person" else "other"


def merge_fuzzy(actors: dict[str, Draft]) -> None:
    """Near-identical spellings: "Revolutionary Guard(s)", "al-Qaida"/"al-Qaeda" not in the gazetteer."""
    keys = sorted(actors, key=lambda key: -actors[key].forms.total())
    for index, key in enumerate(keys):
        if key not in actors:
            continue
        for other in keys[index + 1 :]:
            if other not in actors or actors[other].canonical and actors[key].canonical:
                continue
            if _family(actors[key].kind) != _family(actors[other].kind):
                continue
            plural = _plural_forms(actors[key]) & _plural_forms(actors[other])  # "Tory" and "Tories"
            if plural or fuzz.ratio(key, other) >= FUZZY_SIMILARITY and min(len(key), len(other)) >= FUZZY_MIN_LENGTH:
                if actors[other].canonical:
                    _merge(actors, key, other)
                    break
                _merge(actors, other, key)


def _plural_forms(draft: Draft) -> set[str]:
    """A draft's key and spellings with their last word in the singular: "Republican" meets the
    "Republicans" of the Republican Party."""
    return {_plural_key(key) for key in (draft.key, *(match_key(form) for form in draft.forms))}


def _plural_key(key: str) -> str:
    words = key.split()
    return " ".join([*words[:-1], singular(words[-1])]) if words else key


def attach_references(actors: dict[str, Draft], references: list[Candidate]) -> None:
    """ "the coalition" after "the US-led coalition": a back-reference to the only group it can mean."""
    for reference in references:
        heads = [draft for draft in actors.values() if draft.head == reference.name.casefold()]
        if len(heads) == 1:
            heads[0].mentions.append(reference.mention)


def move_places_to_people(actors: dict[str, Draft], places: dict[str, Draft]) -> None:
    """A one-word "place" that is the first name or surname of one person in the article is that person."""
    names: dict[str, set[str]] = {}
    for key, draft in actors.items():
        if draft.kind == "person" and " " in key:
            for word in (key.split()[0], key.split()[-1]):
                names.setdefault(word, set()).add(key)
    for key in list(places):
        owners = names.get(key, set())
        if len(owners) == 1:
            actors[owners.pop()].mentions.extend(places.pop(key).mentions)
