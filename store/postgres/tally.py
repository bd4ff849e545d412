"""The actors tally of a server library as SQL aggregates (`store.backend.TalliesActors`).

The library's current briefings are joined to their extraction's actor rows
(`store.postgres.actors`) and grouped by actor key: briefings, mentions, and how often each name
and kind is shown, with the roles and aliases first met. The library-wide decisions that map one
key to another or change what is shown (merge, hide, rename, kind) are applied in the query, as
a table of each named key's fate (`briefings.extraction.decisions.fates`: the key it ends under,
its name and kind, or hidden). That is exact for every actor that is never folded with another
one of its briefing, so the briefings where the query cannot be exact are walked through `apply`
as a folder is, and left out of the aggregate:

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

#: The current briefings whose extraction has exact actor rows, and those rows as shown after
#: the decisions (hidden ones left out).
_SHOWN = f"""
WITH counted AS (
    SELECT b.id, b.seq, b.content_hash FROM briefings b
    JOIN extractions e ON e.content_hash = b.content_hash AND e.pipeline = %(pipeline)s
    WHERE NOT b.trashed AND e.actors_kept
), fate AS (SELECT * FROM {_FATE}), shown AS (
    SELECT c.id, c.seq, a.key AS raw, coalesce(f.final, a.key) AS key,
           coalesce(nullif(f.name, ''), a.name) AS name, coalesce(nullif(f.kind, ''), a.kind) AS kind,
           a.role, a.aliases, a.mention_count
    FROM counted c
    JOIN extraction_actors a ON a.content_hash = c.content_hash AND a.pipeline = %(pipeline)s
    LEFT JOIN fate f ON f.raw = a.key
    WHERE f.hidden IS NOT TRUE
)
"""

_WALKED = _SHOWN + """
SELECT id FROM shown WHERE raw = ANY(%(split)s)
UNION SELECT id FROM counted WHERE id = ANY(%(scoped)s)
UNION SELECT id FROM shown GROUP BY id, key HAVING count(*) > 1
UNION SELECT b.id FROM briefings b JOIN extractions e ON e.content_hash = b.content_hash AND e.pipeline = %(pipeline)s
      WHERE NOT b.trashed AND NOT e.actors_kept
"""

#: The briefings with a paragraph holding every word of an added name (see `add_patterns`).
_ADDED = """
SELECT DISTINCT p.briefing_id FROM search_places p JOIN briefings b ON b.id = p.briefing_id
WHERE NOT b.trashed AND NOT p.own AND p.field = 'text' AND p.body ILIKE ALL(%(words)s)
"""

_COUNTS = _SHOWN + """
, aggregated AS (SELECT * FROM shown WHERE NOT (id = ANY(%(walked)s)))
SELECT 'shown', key, name, kind, min(seq), 0, count(*), sum(mention_count) FROM aggregated GROUP BY key, name, kind
UNION ALL SELECT 'role', key, role, '', min(seq), 0, 0, 0 FROM aggregated WHERE role <> '' GROUP BY key, role
UNION ALL SELECT 'alias', key, x.alias, '', (min(ARRAY[seq, x.n]))[1], (min(ARRAY[seq, x.n]))[2], 0, 0
          FROM aggregated, unnest(aliases) WITH ORDINALITY AS x(alias, n) GROUP BY key, x.alias
UNION ALL SELECT 'extracted', '', '', '', 0, 0, (SELECT count(*) FROM counted WHERE NOT (id = ANY(%(walked)s))), 0
"""

_NOT_EXTRACTED = """
SELECT b.seq, b.entry FROM briefings b WHERE NOT b.trashed
AND NOT EXISTS (SELECT 1 FROM extractions e WHERE e.content_hash = b.content_hash AND e.pipeline = %s) ORDER BY b.seq
"""

#: What a tally depends on besides the decisions: every current briefing and its article.
_BRIEFINGS = "SELECT count(*), md5(coalesce(string_agg(id || ' ' || content_hash, ',' ORDER BY seq), '')) FROM briefings WHERE NOT trashed"

#: The rows of the briefings counted by query where one actor appears (under one of its raw keys).
_APPEARS = """
SELECT b.seq, b.id, b.entry, b.content_hash, a.mentions FROM briefings b
JOIN extractions e ON e.content_hash = b.content_hash AND e.pipeline = %(pipeline)s
JOIN extraction_actors a ON a.content_hash = b.content_hash AND a.pipeline = %(pipeline)s
WHERE NOT b.trashed AND e.actors_kept AND a.key = ANY(%(raws)s) AND NOT (b.id = ANY(%(walked)s))
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
            briefings = tuple(connection.execute(_BRIEFINGS).fetchone())
            if previous is not None and previous.basis == tally_basis(pipeline, decisions, briefings) and not previous.not_extracted:
                return briefings, None
            walked = {row[0] for row in connection.execute(_WALKED, parameters)}
            for name in plan.added:
                if patterns := add_patterns(name):
                    walked.update(row[0] for row in connection.execute(_ADDED, {"words": patterns}))
            rows = connection.execute(_COUNTS, parameters | {"walked": sorted(walked)}).fetchall()
            missing = [(seq, decode_entry(entry)) for seq, entry in connection.execute(_NOT_EXTRACTED, (pipeline,))]
            to_walk = connection.execute("SELECT seq, entry FROM briefings WHERE id = ANY(%s) AND NOT trashed ORDER BY seq", (sorted(walked),)).fetchall()
            return briefings, (sorted(walked), rows, missing, [(seq, decode_entry(entry)) for seq, entry in to_walk])

        briefings, found = self._db.reading(read)
        if found is None:
            return previous
        walked_ids, rows, missing, to_walk = found
        walked = walk(self, to_walk, pipeline, decisions, cancelled=cancelled, on_progress=on_progress)
        if walked is None:
            return None
        extractions, unreadable = walked
        places = {entry.id: seq for seq, entry in to_walk}
        not_extracted = sorted([*missing, *((places[entry.id], entry) for entry in unreadable)], key=lambda item: item[0])
        tally = ActorTally(not_extracted=[entry for _, entry in not_extracted], elsewhere=ServerActorDetails(self, pipeline, plan, walked_ids), basis=tally_basis(pipeline, decisions, briefings))
        tally.count(_counted(rows), walked_counts(extractions))
        for place, entry, extraction in extractions:
            tally.hold(entry, extraction, place)
        return tally


def _counted(rows: list[tuple[Any, ...]]) -> Counted:
    """The aggregate rows of `_COUNTS` as `ActorTally.count` takes them."""
    shown, roles, aliases, briefings = [], [], [], Counter[str]()
    extracted = 0
    for what, key, text, kind, seq, at, times, mentions in rows:
        if what == "shown":
            shown.append((key, text, kind, (seq, 0, 0), times, mentions))
            briefings[key] += times  # one row per briefing and key here: no two end under one key
        elif what == "role":
            roles.append((key, text, (seq, 0, 0)))
        elif what == "alias":
            aliases.append((key, text, (seq, 0, at)))
        else:
            extracted = times
    return Counted(shown, list(briefings.items()), roles, aliases, extracted)
