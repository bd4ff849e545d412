"""Actors across the library: who appears in which briefings, how often, and with whom.

Built from each briefing's cached extraction with the library's actor decisions already applied
(so a merge made in one briefing joins the actor everywhere), one briefing at a time, in a
worker (`Desk.actor_tally`). Plain data: the actors view only shows it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefings.decisions import ActorDecision, actor_key
from briefings.extraction.model import Extraction, Mention
from store.index import IndexEntry


@dataclass(slots=True)
class ActorAcross:
    """One actor (by key) across every briefing that mentions it.

    Attributes:
        key: The actor's identity (see `briefings.decisions.actor_key`), after decisions.
        names: How often each name is shown for it, one count per briefing.
        kinds: How often each kind is given to it, one count per briefing.
        roles: Roles the briefings give it, each once, in the order first met.
        aliases: Other names it goes by, each once.
        mentions: Its mentions by briefing id.
    """

    key: str
    names: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The name most briefings show; on a tie, the one the key comes from, then A-Z."""
        return min(self.names, key=lambda name: (-self.names[name], actor_key(name) != self.key, name))

    @property
    def briefing_count(self) -> int:
        """In how many briefings it appears."""
        return len(self.mentions)

    @property
    def mention_count(self) -> int:
        """How often it is mentioned in all of them."""
        return sum(len(mentions) for mentions in self.mentions.values())

    @property
    def kind_label(self) -> str:
        """Its kinds, the most common first ("person", or "organisation/group")."""
        return "/".join(kind for kind, _ in self.kinds.most_common())


def tally_basis(pipeline: str, decisions: tuple[ActorDecision, ...], entries: list[IndexEntry]) -> tuple[object, ...]:
    """What a tally of these briefings depends on (see `ActorTally.basis`)."""
    return pipeline, decisions, tuple((entry.id, entry.content_hash) for entry in entries)


@dataclass(slots=True)
class ActorTally:
    """Every actor in the library's extracted briefings, and the briefings not extracted yet.

    Attributes:
        actors: By key.
        entries: The index entry of every briefing with an extraction, by id.
        not_extracted: Briefings whose extraction is not in the cache yet.
        keys_by_briefing: The actor keys of each extracted briefing (for co-occurrence).
        basis: What it was counted from: the pipeline, the actor decisions and each briefing's
            (id, content hash). A tally with the same basis and nothing left to extract is
            still true, and is reused instead of read again.
    """

    actors: dict[str, ActorAcross] = field(default_factory=dict)
    entries: dict[str, IndexEntry] = field(default_factory=dict)
    not_extracted: list[IndexEntry] = field(default_factory=list)
    keys_by_briefing: dict[str, set[str]] = field(default_factory=dict)
    basis: tuple[object, ...] = ()

    def add(self, entry: IndexEntry, extraction: Extraction) -> None:
        """Count one briefing's actors (its extraction with the decisions applied)."""
        self.entries[entry.id] = entry
        keys = self.keys_by_briefing.setdefault(entry.id, set())
        for actor in extraction.actors:
            across = self.actors.get(actor.key)
            if across is None:
                across = self.actors[actor.key] = ActorAcross(actor.key)
            across.names[actor.name] += 1
            across.kinds[actor.kind] += 1
            if actor.role and actor.role not in across.roles:
                across.roles.append(actor.role)
            for alias in actor.aliases:
                if alias not in across.aliases:
                    across.aliases.append(alias)
            previous = across.mentions.get(entry.id, ())
            across.mentions[entry.id] = previous + actor.mentions
            keys.add(actor.key)

    def ranked(self) -> list[ActorAcross]:
        """Every actor, the one in most briefings first, then by mentions, then by name."""
        return sorted(self.actors.values(), key=lambda actor: (-actor.briefing_count, -actor.mention_count, actor.name.casefold()))

    def co_occurring(self, key: str, limit: int = 30) -> list[tuple[ActorAcross, int]]:
        """The actors that share briefings with this one, with how many, most shared first."""
        actor = self.actors.get(key)
        if actor is None:
            return []
        shared: Counter[str] = Counter()
        for briefing_id in actor.mentions:
            shared.update(self.keys_by_briefing.get(briefing_id, ()))
        shared.pop(key, None)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], self.actors[item[0]].name.casefold()))
        return [(self.actors[other], count) for other, count in ranked[:limit]]
