"""The actors tally of a server library as SQL aggregates (`store.backend.TalliesActors`).

The library's current briefings are joined to their extraction's actor rows
(`store.postgres.actors`) and grouped, in one pass, by extracted key: briefings, mentions, how
often each name and kind is shown, and the roles and aliases first met. The library-wide
decisions that move an actor to another key or change what it is shown as (merge, hide, rename,
kind) are applied to those few thousand aggregate rows, each extracted key by its fate
(`briefings.extraction.decisions.fates`: the key it ends under, its name and kind, or hidden),
and in SQL where one actor's details are asked for. That is exact for every actor never folded
with another one of its briefing, so the briefings where it cannot be are found by index, walked
through `apply` as a folder is, and left out of the aggregate:

- a briefing with a decision of its own;
- one with an actor a library-wide split reaches (the split goes by its mentions' text);
- one whose paragraphs may name an added actor (an "add" looks for the name in the text: a
  paragraph holding each word of the name, compared case-blind, is enough to be walked);
- one where two actors end under one key (a merge of two actors it both names: folded, their
  mentions united, the target's name kept), or whose extraction has no exact rows.

One actor's briefings and its company are asked for by query when the actors view shows it
(`ServerActorDetails`), not held for every actor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefings.decisions import ActorDecision
from briefings.extraction.decisions import Fate, fates
from briefings.extraction.model import Mention
from store.desk.tallies import ActorTally, Counted, tally_basis, walk, walked_counts
from store.index import IndexEntry
from store.postgres.actors import decode_mentions
from store.postgres.core import ServerCore
from store.postgres.rows import decode_entry

#: Each named key's fate, as a table (see `Plan.parameters`).
_FATE = "unnest(%(raw)s::text[], %(final)s::text[], %(name)s::text[], %(kind)s::text[], %(hidden)s::boolean[]) AS f(raw, final, name, kind, hidden)"

#: The articles (content hashes) of the briefings the query cannot count exactly (see the
#: module docstring): an actor a split reaches, an extraction without exact rows, or an actor
#: moved to a key another actor of its briefing ends under. All by index.
_UNSURE = f"""
WITH fate AS (SELECT * FROM {_FATE})
SELECT content_hash FROM extraction_actors WHERE pipeline = %(pipeline)s AND key = ANY(%(split)s)
UNION SELECT content_hash FROM extractions WHERE pipeline = %(pipeline)s AND NOT actors_kept
UNION SELECT a.content_hash FROM fate f
    JOIN extraction_actors a ON a.pipeline = %(pipeline)s AND a.key = f.raw
    JOIN extraction_actors o ON o.content_hash = a.content_hash AND o.pipeline = a.pipeline AND o.position <> a.position
    LEFT JOIN fate g ON g.raw = o.key
    WHERE f.final <> f.raw AND NOT f.hidden AND g.hidden IS NOT TRUE AND coalesce(g.final, o.key) = f.final
"""

_WALKED = "SELECT id FROM briefings WHERE NOT trashed AND (content_hash = ANY(%(unsure)s) OR id = ANY(%(scoped)s))"

#: The briefings with a paragraph holding every word of an added name (see `add_patterns`).
_ADDED = """
SELECT DISTINCT p.briefing_id FROM search_places p JOIN briefings b ON b.id = p.briefing_id
WHERE NOT b.trashed AND NOT p.own AND p.field = 'text' AND p.body ILIKE ALL(%(words)s)
"""

#: The aggregate, in one pass over the current briefings' actor rows as extracted (the walked
#: briefings left out): by key, name and kind (first met, briefings, mentions), by key and role
#: (first met), by key and alias (first met, and where in the actor's aliases). A row is
#: repeated for each of its aliases: counted once. The decisions are applied to what it returns
#: (`_counted`): every actor here ends under its key's fate alone.
_COUNTS = """
SELECT GROUPING(a.role, x.alias), a.key, a.name, a.kind, a.role, x.alias, min(b.seq), min(ARRAY[b.seq, x.n]),
       count(*) FILTER (WHERE x.n IS NULL OR x.n = 1), sum(a.mention_count) FILTER (WHERE x.n IS NULL OR x.n = 1)
FROM briefings b
JOIN extraction_actors a ON a.content_hash = b.content_hash AND a.pipeline = %(pipeline)s
LEFT JOIN LATERAL unnest(a.aliases) WITH ORDINALITY AS x(alias, n) ON true
WHERE NOT b.trashed AND NOT (b.id = ANY(%(walked)s))
GROUP BY GROUPING SETS ((a.key, a.name, a.kind), (a.key, a.role), (a.key, x.alias))
"""

#: What a tally depends on (every current briefing and its article: a count and a sum of
#: hashes), how many have an extraction, and the ids of those that have none.
_BRIEFINGS = """
SELECT count(*), coalesce(sum(hashtextextended(b.id || ' ' || b.content_hash, 0)), 0), count(e.content_hash),
       coalesce(array_agg(b.id ORDER BY b.seq) FILTER (WHERE e.content_hash IS NULL), '{}')
FROM briefings b LEFT JOIN extractions e ON e.content_hash = b.content_hash AND e.pipeline = %(pipeline)s
WHERE NOT b.trashed
"""

#: The rows of the briefings counted by query where one actor appears (under one of its raw keys).
_APPEARS = """
SELECT b.seq, b.id, b.entry, b.content_hash, a.mentions FROM briefings b
JOIN extraction_actors a ON a.content_hash = b.content_hash AND a.pipeline = %(pipeline)s
WHERE NOT b.trashed AND a.key = ANY(%(raws)s) AND NOT (b.id = ANY(%(walked)s))
"""

_SHARED = f"""
WITH mine AS ({_APPEARS}), fate AS (SELECT * FROM {_FATE})
SELECT coalesce(f.final, a.key), count(*) FROM mine
JOIN extraction_actors a ON a.content_hash = mine.content_hash AND a.pipeline = %(pipeline)s
LEFT JOIN fate f ON f.raw = a.key
WHERE f.hidden IS NOT TRUE GROUP BY 1
"""

#: ASCII letters that Python's case-blind matching also finds as another letter (K, ſ, ı, İ):
#: an added name's pattern leaves them, as every non-ASCII character, to any character.
_CASE_WILD = set("iksIKS")


def add_patterns(name: str) -> list[str]:
    """ILIKE patterns, one per word of an added name, that every paragraph `mentions_of` finds
    the name in matches (a superset: each character a case-blind match may find as something
    else matches any one character)."""
    patterns = []
    for word in name.split():
        kept = "".join(char if char.isascii() and char.isalnum() and char not in _CASE_WILD else "_" for char in word)
        patterns.append(f"%{kept}%")
    return patterns


@dataclass(frozen=True, slots=True)
class Plan:
    """How the decisions are counted: each named key's fate, and what sends a briefing to `apply`."""

    fates: dict[str, Fate]
    scoped: tuple[str, ...]
    added: tuple[str, ...]

    @classmethod
    def of(cls, decisions: tuple[ActorDecision, ...]) -> Plan:
        scoped = tuple(dict.fromkeys(decision.briefing for decision in decisions if decision.briefing))
        added = tuple(decision.actor for decision in decisions if decision.action == "add" and not decision.briefing)
        return cls(fates(decisions), scoped, added)

    def parameters(self, pipeline: str) -> dict[str, Any]:
        """The query parameters: the fates as columns (`_FATE`), the keys a split reaches and
        the briefings with decisions of their own."""
        mapped = [(raw, fate) for raw, fate in self.fates.items() if not fate.walk]
        return {
            "pipeline": pipeline,
            "raw": [raw for raw, _ in mapped],
            "final": [fate.key for _, fate in mapped],
            "name": [fate.name for _, fate in mapped],
            "kind": [fate.kind for _, fate in mapped],
            "hidden": [fate.hidden for _, fate in mapped],
            "split": [raw for raw, fate in self.fates.items() if fate.walk],
            "scoped": list(self.scoped),
        }

    def raw_keys(self, key: str) -> list[str]:
        """The extracted keys that end under `key`."""
        raws = [raw for raw, fate in self.fates.items() if fate.key == key and not fate.hidden and not fate.walk]
        return raws if key in self.fates else [key, *raws]


class ServerActorDetails:
    """One actor's briefings and company in the briefings a tally counted by query."""

    def __init__(self, library: ServerCore, pipeline: str, plan: Plan, walked: list[str]) -> None:
        self.library = library
        self.parameters = plan.parameters(pipeline) | {"walked": walked}
        self.plan = plan

    def appearances(self, key: str) -> list[tuple[int, IndexEntry, tuple[Mention, ...]]]:
        wanted = self.parameters | {"raws": self.plan.raw_keys(key)}
        rows = self.library._db.reading(lambda connection: connection.execute(_APPEARS, wanted).fetchall())
        return [(seq, decode_entry(entry), decode_mentions(mentions)) for seq, _, entry, _, mentions in rows]

    def shared(self, key: str) -> Counter[str]:
        wanted = self.parameters | {"raws": self.plan.raw_keys(key)}
        return Counter(dict(self.library._db.reading(lambda connection: connection.execute(_SHARED, wanted).fetchall())))


class ServerTally(ServerCore):
    """The actors tally by query (mixed into `store.postgres.library.PostgresLibrary`)."""

    def tally_actors(
        self,
        pipeline: str,
        decisions: tuple[ActorDecision, ...],
        previous: ActorTally | None = None,
        *,
        cancelled: Callable[[], bool] = lambda: False,
        on_progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> ActorTally | None:
        """Every actor of the library's extracted briefings, with the decisions applied, counted
        by query (see the module docstring); `previous` when nothing it counted changed."""
        plan = Plan.of(decisions)
        parameters = plan.parameters(pipeline)

        def read(connection: Any) -> tuple[Any, ...]:
            # Every query of the tally sees the library as it was at the first (one snapshot).
            # At 100,000 briefings the aggregate is costly enough for PostgreSQL to compile it
            # (JIT), which took 1.5 s here for a query that runs in a fraction of that; and its
            # few thousand groups are hashed in memory rather than sorted on disk.
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            connection.execute("SET LOCAL jit = off")
            connection.execute("SET LOCAL work_mem = '64MB'")
            count, hashes, extracted, missing = connection.execute(_BRIEFINGS, parameters).fetchone()
            briefings = (count, hashes)
            if previous is not None and previous.basis == tally_basis(pipeline, decisions, briefings) and not previous.not_extracted:
                return briefings, None
            unsure = [row[0] for row in connection.execute(_UNSURE, parameters)]
            walked = {row[0] for row in connection.execute(_WALKED, parameters | {"unsure": unsure})}
            for name in plan.added:
                if patterns := add_patterns(name):
                    walked.update(row[0] for row in connection.execute(_ADDED, {"words": patterns}))
            rows = connection.execute(_COUNTS, parameters | {"walked": sorted(walked)}).fetchall()
            listed = connection.execute("SELECT id, seq, entry FROM briefings WHERE id = ANY(%s) AND NOT trashed", (sorted(walked | set(missing)),)).fetchall()
            return briefings, (walked, rows, extracted, set(missing), {briefing_id: (seq, decode_entry(entry)) for briefing_id, seq, entry in listed})

        briefings, found = self._db.reading(read)
        if found is None:
            return previous
        walked_ids, rows, extracted, missing, listed = found
        to_walk = sorted(listed[briefing_id] for briefing_id in walked_ids if briefing_id in listed)
        walked = walk(self, to_walk, pipeline, decisions, cancelled=cancelled, on_progress=on_progress)
        if walked is None:
            return None
        extractions, unreadable = walked
        not_extracted = sorted({briefing_id: listed[briefing_id] for briefing_id in [*missing, *(entry.id for entry in unreadable)]}.values(), key=lambda item: item[0])
        tally = ActorTally(
            not_extracted=[entry for _, entry in not_extracted],
            elsewhere=ServerActorDetails(self, pipeline, plan, sorted(walked_ids)),
            basis=tally_basis(pipeline, decisions, briefings),
        )
        # Counted by query: every briefing with an extraction but those walked (which count themselves).
        tally.count(_counted(rows, plan, extracted - len(walked_ids - missing)), walked_counts(extractions))
        for place, entry, extraction in extractions:
            tally.hold(entry, extraction, place)
        return tally


def _counted(rows: list[tuple[Any, ...]], plan: Plan, extracted: int) -> Counted:
    """The aggregate rows of `_COUNTS` with the decisions applied (each extracted key's fate:
    the key it ends under, the name and kind it is shown with, or hidden), as `ActorTally.count`
    takes them."""
    shown, roles, aliases, briefings = [], [], [], Counter[str]()
    for grouped, raw, name, kind, role, alias, seq, (_, at), times, mentions in rows:
        fate = plan.fates.get(raw, Fate(raw))
        if fate.hidden:
            continue
        if grouped == 3:  # by key, name and kind
            shown.append((fate.key, fate.name or name, fate.kind or kind, (seq, 0, 0), times, mentions))
            briefings[fate.key] += times  # in as many briefings: no two of one briefing end under one key here
        elif grouped == 1 and role:
            roles.append((fate.key, role, (seq, 0, 0)))
        elif grouped == 2 and alias is not None:
            aliases.append((fate.key, alias, (seq, 0, at)))
    return Counted(shown, list(briefings.items()), roles, aliases, extracted)
