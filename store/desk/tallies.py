"""Actors across the library: who appears in which briefings, how often, and with whom.

Built from each briefing's cached extraction with the library's actor decisions already applied
(so a merge made in one briefing joins the actor everywhere), in a worker (`Desk.actor_tally`).
A library folder is walked one briefing at a time (`walk`); a backend with a query engine counts
by query (`store.backend.TalliesActors`, the PostgreSQL library) and answers what one actor's
details need when they are asked for (`ActorDetails`). Plain data: the actors view only shows it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Protocol

from briefings.briefing import Briefing
from briefings.decisions import ActorDecision, actor_key
from briefings.extraction.model import Extraction, Mention
from briefings.model import Article
from store.index import IndexEntry

#: Briefings read between two progress reports of a tally (and in one query of their extractions).
PROGRESS_EVERY = 500

#: Where a count was first met: (the briefing's place in the library, the actor's place in it,
#: the place in the actor's aliases). Roles, aliases and kinds are listed in that order.
First = tuple[int, int, int]


@dataclass(slots=True)
class ActorAcross:
    """One actor (by key) across every briefing that mentions it.

    Attributes:
        key: The actor's identity (see `briefings.decisions.actor_key`), after decisions.
        names: How often each name is shown for it, one count per briefing.
        kinds: How often each kind is given to it, one count per briefing.
        roles: Roles the briefings give it, each once, in the order first met.
        aliases: Other names it goes by, each once.
        briefing_count: In how many briefings it appears.
        mention_count: How often it is mentioned in all of them.
        mentions: Its mentions by briefing id, in the briefings this tally walked: every one in
            a library folder; on a server only those the decisions sent through `apply` (ask
            `ActorTally.appearances` for all of them).
    """

    key: str
    names: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    briefing_count: int = 0
    mention_count: int = 0
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The name most briefings show; on a tie, the one the key comes from, then A-Z."""
        return min(self.names, key=lambda name: (-self.names[name], actor_key(name) != self.key, name))

    @property
    def kind_label(self) -> str:
        """Its kinds, the most common first ("person", or "organisation/group"; a tie in the
        order first met)."""
        return "/".join(kind for kind, _ in self.kinds.most_common())


class ActorDetails(Protocol):
    """One actor's details, asked of the backend that counted the tally (by query)."""

    def appearances(self, key: str) -> list[tuple[int, IndexEntry, tuple[Mention, ...]]]:
        """The briefings the actor appears in, as (place in the library, entry, its mentions)."""
        ...

    def shared(self, key: str) -> Counter[str]:
        """The other actors of the briefings it appears in, with in how many."""
        ...


class Walkable(Protocol):
    """What a walk reads of a library (`store.backend.LibraryStore` has it)."""

    def load_extractions(self, content_hashes: Iterable[str], pipeline: str, basis: str | None = "") -> dict[str, Extraction]: ...

    def load(self, briefing_id: str) -> Briefing: ...

    def entries(self) -> list[IndexEntry]: ...


@dataclass(frozen=True, slots=True)
class Counted:
    """What a query counted of the briefings it covered, to be added to a tally (`ActorTally.count`).

    Attributes:
        shown: (key, name, kind, first met, times, mentions): how often an actor was shown
            with this name and kind, and its mentions there.
        briefings: (key, briefings): in how many briefings each actor appears.
        roles: (key, role, first met).
        aliases: (key, alias, first met).
        extracted: How many briefings it covered.
    """

    shown: Sequence[tuple[str, str, str, First, int, int]] = ()
    briefings: Sequence[tuple[str, int]] = ()
    roles: Sequence[tuple[str, str, First]] = ()
    aliases: Sequence[tuple[str, str, First]] = ()
    extracted: int = 0


def tally_basis(pipeline: str, decisions: tuple[ActorDecision, ...], briefings: object) -> tuple[object, ...]:
    """What a tally depends on (see `ActorTally.basis`): the pipeline, the decisions, and what
    names the briefings and their articles (each (id, content hash), or a digest of them)."""
    return pipeline, decisions, briefings


@dataclass(slots=True)
class ActorTally:
    """Every actor in the library's extracted briefings, and the briefings not extracted yet.

    Attributes:
        actors: By key.
        extracted: How many briefings were counted (those with an extraction).
        not_extracted: Briefings whose extraction is not in the cache yet.
        entries: The index entry of every briefing walked, by id.
        places: Each walked briefing's place in the library (for the order of its details).
        keys_by_briefing: The actor keys of each walked briefing (for co-occurrence).
        elsewhere: The details of the briefings counted by query, if any.
        basis: What it was counted from (see `tally_basis`). A tally with the same basis and
            nothing left to extract is still true, and is reused instead of read again.
    """

    actors: dict[str, ActorAcross] = field(default_factory=dict)
    extracted: int = 0
    not_extracted: list[IndexEntry] = field(default_factory=list)
    entries: dict[str, IndexEntry] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    keys_by_briefing: dict[str, set[str]] = field(default_factory=dict)
    elsewhere: ActorDetails | None = None
    basis: tuple[object, ...] = ()

    def _actor(self, key: str) -> ActorAcross:
        across = self.actors.get(key)
        if across is None:
            across = self.actors[key] = ActorAcross(key)
        return across

    def add(self, entry: IndexEntry, extraction: Extraction, place: int | None = None) -> None:
        """Count one briefing's actors (its extraction with the decisions applied); `place`:
        where it stands in the library (by default, after those added before)."""
        place = len(self.places) if place is None else place
        self.hold(entry, extraction, place)
        self.count(walked_counts([(place, entry, extraction)]))

    def hold(self, entry: IndexEntry, extraction: Extraction, place: int) -> None:
        """Keep what one actor's details need of a walked briefing (not counting it: `count`)."""
        self.entries[entry.id] = entry
        self.places[entry.id] = place
        keys = self.keys_by_briefing.setdefault(entry.id, set())
        for actor in extraction.actors:
            across = self._actor(actor.key)
            across.mentions[entry.id] = across.mentions.get(entry.id, ()) + actor.mentions
            keys.add(actor.key)

    def count(self, *parts: Counted) -> None:
        """Count what was counted of some briefings (by a query, or `walked_counts`), in the
        order a walk over every briefing would have met it: kinds, roles and aliases are
        listed as first met."""
        self.extracted += sum(part.extracted for part in parts)
        for key, name, kind, _, times, mentions in sorted((row for part in parts for row in part.shown), key=lambda row: row[3]):
            across = self._actor(key)
            across.names[name] += times
            across.kinds[kind] += times
            across.mention_count += mentions
        for part in parts:
            for key, briefings in part.briefings:
                self._actor(key).briefing_count += briefings
        for listed in ("roles", "aliases"):
            for key, text, _ in sorted((row for part in parts for row in getattr(part, listed)), key=lambda row: row[2]):
                found: list[str] = getattr(self._actor(key), listed)
                if text not in found:
                    found.append(text)

    def ranked(self) -> list[ActorAcross]:
        """Every actor, the one in most briefings first, then by mentions, then by name."""
        return sorted(self.actors.values(), key=lambda actor: (-actor.briefing_count, -actor.mention_count, actor.name.casefold(), actor.key))

    def appearances(self, key: str) -> list[tuple[IndexEntry, tuple[Mention, ...]]]:
        """The briefings the actor appears in, with its mentions there, in library order (asked
        of the backend for the briefings it counted by query: call it from a worker)."""
        actor = self.actors.get(key)
        if actor is None:
            return []
        found = [(self.places[briefing_id], self.entries[briefing_id], mentions) for briefing_id, mentions in actor.mentions.items()]
        if self.elsewhere is not None:
            found += self.elsewhere.appearances(key)
        return [(entry, mentions) for _, entry, mentions in sorted(found, key=lambda item: item[0])]

    def co_occurring(self, key: str, limit: int = 30) -> list[tuple[ActorAcross, int]]:
        """The actors that share briefings with this one, with how many, most shared first."""
        actor = self.actors.get(key)
        if actor is None:
            return []
        shared: Counter[str] = Counter()
        for briefing_id in actor.mentions:
            shared.update(self.keys_by_briefing.get(briefing_id, ()))
        if self.elsewhere is not None:
            shared.update(self.elsewhere.shared(key))
        shared.pop(key, None)
        ranked = sorted((item for item in shared.items() if item[0] in self.actors), key=lambda item: (-item[1], self.actors[item[0]].name.casefold(), item[0]))
        return [(self.actors[other], count) for other, count in ranked[:limit]]


def walked_counts(seen: Sequence[tuple[int, IndexEntry, Extraction]]) -> Counted:
    """What `ActorTally.count` needs of briefings walked by `apply` (each (place, entry, its
    extraction with the decisions applied)), counted as a walk counts them."""
    shown: Counter[tuple[str, str, str]] = Counter()
    mentions: Counter[tuple[str, str, str]] = Counter()
    firsts: dict[tuple[str, str, str], First] = {}
    briefings: Counter[str] = Counter()
    roles: list[tuple[str, str, First]] = []
    aliases: list[tuple[str, str, First]] = []
    for place, _, extraction in seen:
        for number, actor in enumerate(extraction.actors):
            shown_as = (actor.key, actor.name, actor.kind)
            shown[shown_as] += 1
            mentions[shown_as] += len(actor.mentions)
            firsts.setdefault(shown_as, (place, number, 0))
            if actor.role:
                roles.append((actor.key, actor.role, (place, number, 0)))
            aliases += [(actor.key, alias, (place, number, at)) for at, alias in enumerate(actor.aliases)]
        briefings.update({actor.key for actor in extraction.actors})
    rows = [(*shown_as, firsts[shown_as], times, mentions[shown_as]) for shown_as, times in shown.items()]
    return Counted(rows, list(briefings.items()), roles, aliases, len(seen))


def walk(
    library: Walkable,
    entries: Sequence[tuple[int, IndexEntry]],
    pipeline: str,
    decisions: tuple[ActorDecision, ...],
    *,
    cancelled: Callable[[], bool] = lambda: False,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> tuple[list[tuple[int, IndexEntry, Extraction]], list[IndexEntry]] | None:
    """Read these briefings' cached extractions (a batch at a time) and apply the decisions to
    each as the review screen does: (place, entry, extraction as seen) of each extracted one,
    and the entries of those not extracted yet. None when cancelled."""
    from briefings.extraction import apply_decisions

    # Only "add" decisions read an article's text (to find the added name in it); without
    # them no briefing is read, only the extraction cache.
    adds = any(decision.action == "add" for decision in decisions)
    found: list[tuple[int, IndexEntry, Extraction]] = []
    missing: list[IndexEntry] = []
    for start in range(0, len(entries), PROGRESS_EVERY):
        if cancelled():
            return None
        batch = entries[start : start + PROGRESS_EVERY]
        cached = library.load_extractions([entry.content_hash for _, entry in batch], pipeline, basis=None)  # actors do not depend on it
        for place, entry in batch:
            raw = cached.get(entry.content_hash)
            if raw is None:
                missing.append(entry)
            else:
                article = library.load(entry.id).article if adds else Article(entry.title, ())
                found.append((place, entry, apply_decisions(raw, decisions, article, entry.id)))
        on_progress(start + len(batch), len(entries))
    return found, missing


def walked_tally(
    library: Walkable,
    pipeline: str,
    decisions: tuple[ActorDecision, ...],
    entries: Sequence[IndexEntry] | None = None,
    *,
    basis: tuple[object, ...] = (),
    cancelled: Callable[[], bool] = lambda: False,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> ActorTally | None:
    """The tally of every briefing (`entries`, else the library's), walked one at a time; None
    when cancelled."""
    walked = walk(library, list(enumerate(library.entries() if entries is None else entries)), pipeline, decisions, cancelled=cancelled, on_progress=on_progress)
    if walked is None:
        return None
    tally = ActorTally(not_extracted=walked[1], basis=basis)
    for place, entry, extraction in walked[0]:
        tally.add(entry, extraction, place)
    return tally
