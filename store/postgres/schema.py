"""The PostgreSQL library's schema, its version, and the step migrations that bring an older one up.

One row in `schema_version` says which schema a database holds. Opening a library runs, in one
transaction under an advisory lock (so two Briefs opening one old library migrate it once), every
step from its version to `SCHEMA`; a database of a newer schema is left as it is and opened
read-only. Each step is a function of a connection: tables made, rows derived.

    1  briefings (each a row: its article and its work as the store's TinyDB documents, its
       listing entry, revision), settings and feeds (one document each), extraction cache,
       reading positions, journals (the near-duplicate index), quarantine
    2  search and questions: one row per searchable place (title, paragraph, note, summary,
       question) with its text as a tsvector folded by unaccent, under a GIN index, and each
       briefing's questions and time of change as columns (search ranks by it); built from every
       briefing
    3  who changed what: `briefing_history` (a briefing's changes, numbered from 1 in the order
       they were made, removed with the briefing) and `settings_history` (changes to the taxonomy
       and the actor decisions); a library from before starts with empty histories
    4  the actors tally as a query: each cached extraction's actors as `extraction_actors`
       rows (key, name, kind, role, aliases, mentions), and `extractions.actors_kept`; filled
       from the extraction cache already there (see `store.postgres.actors`)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: The schema this Brief reads and writes.
SCHEMA = 4
#: The advisory lock key taken while a library is created or migrated ("brief" in ASCII).
MIGRATION_LOCK = 0x6272696566

_STEP_ONE = """
CREATE TABLE schema_version (version integer NOT NULL);
CREATE TABLE briefings (
    id text PRIMARY KEY,
    seq bigserial UNIQUE,
    revision bigint NOT NULL DEFAULT 1,
    article_revision bigint NOT NULL DEFAULT 1,
    trashed boolean NOT NULL DEFAULT false,
    content_hash text NOT NULL,
    text_key text NOT NULL,
    entry text NOT NULL,
    article bytea NOT NULL,
    work bytea NOT NULL
);
CREATE INDEX briefings_content ON briefings (content_hash) WHERE NOT trashed;
CREATE TABLE documents (name text PRIMARY KEY, doc bytea NOT NULL);
CREATE TABLE extractions (
    content_hash text NOT NULL,
    pipeline text NOT NULL,
    doc bytea NOT NULL,
    PRIMARY KEY (content_hash, pipeline)
);
CREATE TABLE positions (briefing_id text PRIMARY KEY, paragraph integer NOT NULL);
CREATE TABLE journals (name text NOT NULL, seq bigserial, line bytea NOT NULL, PRIMARY KEY (name, seq));
CREATE TABLE quarantine (
    id bigserial PRIMARY KEY,
    briefing_id text NOT NULL,
    title text NOT NULL,
    article text,
    work text,
    reason text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
"""

_STEP_TWO = """
ALTER TABLE briefings ADD COLUMN questions text NOT NULL DEFAULT '[]';
ALTER TABLE briefings ADD COLUMN updated text NOT NULL DEFAULT '';
CREATE TABLE search_places (
    briefing_id text NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    own boolean NOT NULL,
    number integer NOT NULL,
    field text NOT NULL,
    paragraph integer,
    body text NOT NULL,
    words tsvector NOT NULL,
    PRIMARY KEY (briefing_id, own, number)
);
CREATE INDEX search_places_words ON search_places USING gin (words);
"""

_STEP_THREE = """
CREATE TABLE briefing_history (
    briefing_id text NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    position integer NOT NULL,
    at text NOT NULL,
    who text NOT NULL,
    kind text NOT NULL,
    paragraph integer,
    detail text NOT NULL,
    ref text NOT NULL,
    PRIMARY KEY (briefing_id, position)
);
CREATE TABLE settings_history (
    position bigserial PRIMARY KEY,
    at text NOT NULL,
    who text NOT NULL,
    kind text NOT NULL,
    paragraph integer,
    detail text NOT NULL,
    ref text NOT NULL
);
"""

_STEP_FOUR = """
ALTER TABLE extractions ADD COLUMN actors_kept boolean NOT NULL DEFAULT false;
CREATE TABLE extraction_actors (
    content_hash text NOT NULL,
    pipeline text NOT NULL,
    position integer NOT NULL,
    key text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    role text NOT NULL,
    aliases text[] NOT NULL,
    mention_count integer NOT NULL,
    mentions text NOT NULL,
    PRIMARY KEY (content_hash, pipeline, position)
);
CREATE INDEX extraction_actors_key ON extraction_actors (pipeline, key);
CREATE INDEX extractions_unkept ON extractions (pipeline) WHERE NOT actors_kept;
CREATE INDEX briefings_listed ON briefings (content_hash) INCLUDE (id, seq) WHERE NOT trashed;
"""


def _one(connection: Any) -> None:
    connection.execute(_STEP_ONE)
    connection.execute("INSERT INTO schema_version VALUES (0)")


def _two(connection: Any) -> None:
    from store.postgres.rows import decode_row, derived, write_places

    connection.execute(_STEP_TWO)
    rows = connection.execute("SELECT id, article, work FROM briefings").fetchall()
    for briefing_id, article, work in rows:
        try:
            briefing = decode_row(briefing_id, article, work)
        except Exception:  # a damaged row is set aside when it is next read; it has no text meanwhile
            continue
        columns = derived(briefing)
        connection.execute("UPDATE briefings SET questions = %s, updated = %s WHERE id = %s", (columns["questions"], columns["updated"], briefing_id))
        write_places(connection, briefing, article=True, work=True)


def _three(connection: Any) -> None:
    connection.execute(_STEP_THREE)


def _four(connection: Any) -> None:
    from store.postgres.actors import fill_actors

    connection.execute(_STEP_FOUR)
    fill_actors(connection)


#: Step n brings a database from schema n - 1 to n.
STEPS: dict[int, Callable[[Any], None]] = {1: _one, 2: _two, 3: _three, 4: _four}


def read_version(connection: Any) -> int:
    """The schema of the database: 0 when it holds no Brief library yet."""
    exists = connection.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: Any, *, upto: int = SCHEMA) -> tuple[int, int]:
    """Bring the database to schema `upto` (in the caller's transaction, under the migration
    lock); (the schema it was at, the one it is at now). A newer one is left as it is."""
    connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    found = read_version(connection)
    if found >= upto:
        return found, found
    for step in range(found + 1, upto + 1):
        STEPS[step](connection)
    connection.execute("UPDATE schema_version SET version = %s", (upto,))
    return found, upto
