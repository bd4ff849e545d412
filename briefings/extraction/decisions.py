"""Laying the analyst's actor decisions over an extraction: rename, merge, split, kind, hide, add.

Decisions are keyed by `actor_key` of the name extraction gives an actor, so one library-wide
decision applies to every article that mentions the actor; a decision with a scope applies to
its own briefing only. They are applied in order, each to the result of the ones before, and
never change the stored extraction: undoing a decision is dropping it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from briefings.decisions import ActorDecision, actor_key, decisions_for
from briefings.extraction.model import ACTOR_KINDS, Actor, Extraction, Mention
from briefings.model import Article


def apply(extraction: Extraction, decisions: Iterable[ActorDecision], article: Article, briefing_id: str = "") -> Extraction:
    """The extraction with each decision applied in turn; decisions about absent actors do nothing.

    Only the library-wide decisions and those of briefing `briefing_id` apply.
    """
    actors = list(extraction.actors)
    places = list(extraction.places)
    for decision in decisions_for(decisions, briefing_id):
        index = next((n for n, actor in enumerate(actors) if actor.key == decision.actor), None)
        if decision.action == "add":
            actors, places = _add(actors, places, decision, article)
            continue
        if index is None:
            continue
        actor = actors[index]
        if decision.action == "rename" and decision.value.strip():
            actors[index] = dataclasses.replace(actor, name=" ".join(decision.value.split()))
        elif decision.action == "kind" and decision.value in ACTOR_KINDS:
            actors[index] = dataclasses.replace(actor, kind=decision.value)
        elif decision.action == "hide":
            del actors[index]
        elif decision.action == "merge":
            actors = _merge(actors, index, decision.value)
        elif decision.action == "split":
            actors = _split(actors, index, decision.value)
    actors.sort(key=lambda actor: (-actor.count, actor.mentions[0].paragraph if actor.mentions else 0))
    return dataclasses.replace(extraction, actors=tuple(actors), places=tuple(places))


def _mentions(first: Iterable[Mention], second: Iterable[Mention]) -> tuple[Mention, ...]:
    unique = {(m.paragraph, m.start, m.end): m for m in (*first, *second)}
    return tuple(sorted(unique.values(), key=lambda m: (m.paragraph, m.start)))


def _merge(actors: list[Actor], index: int, target_key: str) -> list[Actor]:
    source = actors[index]
    target_index = next((n for n, actor in enumerate(actors) if actor.key == target_key), None)
    if target_index == index:
        return actors
    if target_index is None:
        # The target is not in this article: the actor takes its identity, so later decisions
        # about the target (a rename, a kind) reach it here too.
        actors[index] = dataclasses.replace(source, key=target_key)
        return actors
    target = actors[target_index]
    aliases = [alias for alias in (*target.aliases, source.name, *source.aliases) if actor_key(alias) != target.key and alias != target.name]
    merged = dataclasses.replace(
        target,
        aliases=tuple(dict.fromkeys(aliases)),
        role=target.role or source.role,
        mentions=_mentions(target.mentions, source.mentions),
    )
    actors[target_index] = merged
    del actors[index]
    return actors


def _split(actors: list[Actor], index: int, alias: str) -> list[Actor]:
    actor = actors[index]
    wanted = _normal(alias)
    moved = tuple(mention for mention in actor.mentions if _normal(mention.text) == wanted)
    if not moved and alias not in actor.aliases:
        return actors
    kept = tuple(mention for mention in actor.mentions if _normal(mention.text) != wanted)
    actors[index] = dataclasses.replace(
        actor, aliases=tuple(a for a in actor.aliases if _normal(a) != wanted), mentions=kept
    )
    key = actor_key(alias)
    existing = next((n for n, other in enumerate(actors) if other.key == key), None)
    if existing is not None:
        other = actors[existing]
        actors[existing] = dataclasses.replace(other, mentions=_mentions(other.mentions, moved))
    else:
        actors.append(Actor(key=key, name=alias, kind=actor.kind, mentions=moved))
    if not kept:
        actors = [other for other in actors if other is not actors[index]]
    return actors


def _normal(text: str) -> str:
    """A mention's text compared with an alias: case-folded, without a possessive ending."""
    return actor_key(re.sub(r"['\u2019]s?$", "", text.strip()))


def mentions_of(name: str, article: Article) -> tuple[Mention, ...]:
    """Where `name` occurs in the article as whole words, ignoring case and spacing."""
    words = name.split()
    if not words:
        return ()
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
    return tuple(
        Mention(paragraph.index, match.start(), match.end(), match.group())
        for paragraph in article.paragraphs
        for match in pattern.finditer(paragraph.text)
    )


def _add(actors: list[Actor], places: list, decision: ActorDecision, article: Article) -> tuple[list[Actor], list]:
    """An added actor, in an article that mentions it (an addition is library-wide: articles
    that never name the actor must not list it)."""
    name = " ".join(decision.actor.split())
    key = actor_key(name)
    kind = decision.value if decision.value in ACTOR_KINDS else "person"
    if not name or any(actor.key == key for actor in actors):
        return actors, places
    taken = {(m.paragraph, m.start) for actor in actors for m in actor.mentions}
    mentions = tuple(m for m in mentions_of(name, article) if (m.paragraph, m.start) not in taken)
    if not mentions:
        return actors, places
    actors.append(Actor(key=key, name=name, kind=kind, mentions=mentions))
    # What the analyst calls an actor is no longer shown as a place.
    return actors, [place for place in places if place.key != key]


@dataclasses.dataclass(frozen=True, slots=True)
class Fate:
    """What the library-wide decisions make of an actor extracted under one key, as long as it
    stands alone in its briefing (see `fates`).

    Attributes:
        key: The key it ends under.
        name: Its name after renames ("" when none reached it).
        kind: Its kind after kind changes ("" when none reached it).
        hidden: True when a hide reached it.
        walk: True when a split reached it: only `apply` can tell what that does.
    """

    key: str
    name: str = ""
    kind: str = ""
    hidden: bool = False
    walk: bool = False


def fates(decisions: Iterable[ActorDecision]) -> dict[str, Fate]:
    """The fate of every extracted key the library-wide decisions name (a key not listed is left
    as it is), for counting actors across the library without running `apply` briefing by
    briefing.

    Why it is exact: `apply` finds an actor by its key at each step, and a merge moves the actor
    to the target's key whether the target is there (folded into it) or not (the actor takes its
    key), so the key an extracted actor ends under, or its hiding, depends on its own key and
    the decisions alone. Its name and kind do too as long as it is never folded with another
    actor of its briefing, that is, as long as no other actor of the briefing ends under the
    same key. A briefing where two do, where a split reaches an actor (`walk`), or which a
    decision of its own or an "add" may touch, must go through `apply`.
    """
    library = [decision for decision in decisions if not decision.briefing and decision.action != "add"]
    found: dict[str, Fate] = {}
    for start in dict.fromkeys(decision.actor for decision in library):
        fate = Fate(start)
        for decision in library:
            if decision.actor != fate.key:
                continue
            if decision.action == "rename" and decision.value.strip():
                fate = dataclasses.replace(fate, name=" ".join(decision.value.split()))
            elif decision.action == "kind" and decision.value in ACTOR_KINDS:
                fate = dataclasses.replace(fate, kind=decision.value)
            elif decision.action == "merge":
                fate = dataclasses.replace(fate, key=decision.value)
            elif decision.action in ("hide", "split"):
                fate = dataclasses.replace(fate, hidden=decision.action == "hide", walk=decision.action == "split")
                break
        found[start] = fate
    return found
