"""From name mentions to actors and places: canonical names, kinds, aliases, roles and merging.

Both engines find name mentions (`Candidate`) their own way; this module turns them into the
Actors and Places panes. A mention becomes the state, organisation or group the gazetteer knows
it as (Iranian and Tehran are Iran), or keeps its own name. Then mentions of one actor are merged:
acronyms with their long forms (defined in the text as "long form (ACRONYM)" or matching its
initials), surnames and first names with the full name, near-identical spellings (rapidfuzz),
and a definite back-reference ("the coalition") with the only group it can mean.

This module is the whole path in one place: `build` resolves each mention, gathers them into
drafts (`actor_drafts`), runs the merge steps in order (`actor_merging`) and makes the records
the panes show.
"""

from __future__ import annotations

import re

from briefings.decisions import actor_key
from briefings.extraction import actor_kinds
from briefings.extraction import actor_merging as merging
from briefings.extraction.actor_drafts import Candidate, Draft
from briefings.extraction.gazetteer import Gazetteer, fold
from briefings.extraction.model import Actor, Mention, Place
from briefings.extraction.name_forms import match_key

PLACE_KINDS = {"GPE": "place", "LOC": "region", "FAC": "site"}


def build(
    candidates: list[Candidate], texts: list[str], gazetteer: Gazetteer
) -> tuple[tuple[Actor, ...], tuple[Place, ...]]:
    """Turn an article's name mentions into actors and places, most mentioned first."""
    actors: dict[str, Draft] = {}
    places: dict[str, Draft] = {}
    references = [candidate for candidate in candidates if candidate.label == "REF"]
    short_forms = actor_kinds.bodies_named_by_state_aliases(candidates, gazetteer)
    demonyms = actor_kinds.states_of_demonyms(candidates, gazetteer)
    resolved_candidates = [
        (candidate, resolved)
        for candidate in candidates
        if candidate.label != "REF"
        and (resolved := _read_in_article(candidate, short_forms, demonyms) or _resolve(candidate, gazetteer)) is not None
    ]
    only_located = _bodies_only_located(resolved_candidates)
    for candidate, (table, key, kind, canonical) in resolved_candidates:
        if key in only_located:
            table, kind = "place", "place"
        draft = (actors if table == "actor" else places).setdefault(key, Draft(key))
        draft.add(candidate, kind)
        if canonical:
            draft.canonical, draft.fixed_kind = canonical, kind
        if candidate.label in ("GROUP", "GROUPORG"):
            draft.head = candidate.name.split()[-1].casefold()
    actor_kinds.people_the_gazetteer_calls_bodies(actors)
    merging.merge_defined_acronyms(actors, candidates, texts, gazetteer)
    merging.merge_initials(actors)
    merging.merge_nicknames(actors)
    merging.merge_person_names(actors)
    merging.merge_subsets(actors)
    merging.merge_known_short_forms(actors)
    merging.merge_abbreviations(actors)
    merging.merge_fuzzy(actors)
    actor_kinds.unintroduced_people(actors)
    merging.attach_references(actors, references)
    merging.move_places_to_people(actors, places)
    actors = {key: draft for key, draft in actors.items() if not _only_in_headings(draft, texts)}
    return _actor_records(actors), _place_records(places)


def _bodies_only_located(resolved: list[tuple[Candidate, tuple[str, str, str, str]]]) -> set[str]:
    """Names the model called organisations that the article only ever names as where something
    happens ("gunfire near the depot in Senkata", "a crowd in KeyBank Center"): places. Decided
    over the whole article, so one mention of the name acting keeps it a body everywhere; a body
    the gazetteer knows is left alone."""
    located: set[str] = set()
    acting: set[str] = set()
    for candidate, (table, key, kind, canonical) in resolved:
        if table == "actor":
            only_where = kind == "organisation" and not canonical and candidate.label == "ORG" and candidate.located
            (located if only_where else acting).add(key)
    return located - acting


#: Characters around a name that still leave it alone in its paragraph ("Rainbow!", "— Jane Roe").
HEADING_PUNCTUATION = " .,:;!?-–—|\"'‘’“”"


def _only_in_headings(draft: Draft, texts: list[str]) -> bool:
    """Whether every mention is a paragraph of its own, but for a word ("NISSAN SENTRA", "By Jane
    Roe", "Larry's Rules For Management"): a heading or a byline names a section, a product or the
    writer, and an actor of the story is named in its text too."""
    for mention in draft.mentions:
        text = texts[mention.paragraph]
        rest = (text[: mention.start] + text[mention.end :]).strip(HEADING_PUNCTUATION)
        if len(rest.split()) > 1:
            return False
    return True


def _read_in_article(
    candidate: Candidate, short_forms: set[tuple[int, int]], demonyms: dict[tuple[int, int], tuple[str, str]]
) -> tuple[str, str, str, str] | None:
    """What the rest of the article makes of a mention: a state's other name standing for a body
    it named before ("Emirates"), or a nationality standing for the one state it names ("Koreans")."""
    place = (candidate.mention.paragraph, candidate.mention.start)
    if place in short_forms:
        return "actor", match_key(candidate.name), "organisation", ""
    if place in demonyms:
        key, state = demonyms[place]
        return "actor", key, "state", state
    return None


def _resolve(candidate: Candidate, gazetteer: Gazetteer) -> tuple[str, str, str, str] | None:
    """Which table, key, kind and canonical name a mention belongs to, or None to drop it."""
    name, label = candidate.name, candidate.label
    if not any(char.isalpha() for char in name):
        return None
    entry = gazetteer.lookup(name)
    if label in ("GROUP", "GROUPORG"):
        kind = "group" if label == "GROUP" else "organisation"
        return "actor", match_key(name), kind, ""
    if entry is not None and not candidate.person_evidence:
        if entry.form == "place" or candidate.placed:
            return "place", fold(entry.name), entry.kind, entry.name
        if entry.form == "seat" and not candidate.state_sense:
            return "place", match_key(name), "place", ""
        if entry.form == "ambiguous" and label not in ("ORG", "NORP"):
            return None
        return "actor", fold(entry.name), entry.kind, entry.name
    if label == "NORP" or gazetteer.is_label(name):
        if gazetteer.is_label(name) or label != "NORP":
            return None
        # A political group NER calls a nationality ("Tories", "Liberal Democrats"): a party.
        return "actor", match_key(name), "organisation", ""
    if candidate.person_evidence or label == "PERSON":
        return "actor", match_key(name), "person", ""
    if label == "ORG":
        return "actor", match_key(name), "organisation", ""
    if label in PLACE_KINDS:
        return "place", match_key(name), PLACE_KINDS[label], ""
    return None


def _unique_mentions(mentions: list[Mention]) -> tuple[Mention, ...]:
    seen: dict[tuple[int, int, int], Mention] = {}
    for mention in mentions:
        seen.setdefault((mention.paragraph, mention.start, mention.end), mention)
    return tuple(sorted(seen.values(), key=lambda m: (m.paragraph, m.start)))


def _actor_records(actors: dict[str, Draft]) -> tuple[Actor, ...]:
    records = []
    for draft in actors.values():
        name = draft.name
        folded = {fold(name)}
        aliases = []
        for form in [*draft.forms, *draft.titled, *(mention.text for mention in draft.mentions)]:
            form = _strip_possessive(form)
            if form.split()[-1:] and form.split()[-1].islower():
                continue  # "Iraqi forces", "Baghdad government": a phrase about the actor, not a name
            if fold(form) not in folded and not form.isspace():
                folded.add(fold(form))
                aliases.append(form)
        records.append(
            (
                draft,
                Actor(
                    key=actor_key(name),
                    name=name,
                    kind=draft.kind,
                    aliases=tuple(aliases),
                    role="; ".join(draft.roles),
                    mentions=_unique_mentions(draft.mentions),
                ),
            )
        )
    records.sort(key=lambda pair: (-pair[1].count, pair[0].first))
    return tuple(actor for _, actor in records)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['\u2019]s?$", "", text.strip())


def _place_records(places: dict[str, Draft]) -> tuple[Place, ...]:
    records = [
        (draft, Place(key=actor_key(draft.name), name=draft.name, kind=draft.kind, mentions=_unique_mentions(draft.mentions)))
        for draft in places.values()
    ]
    records.sort(key=lambda pair: (-pair[1].count, pair[0].first))
    return tuple(place for _, place in records)
