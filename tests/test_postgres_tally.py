"""The actors tally of a server library beyond the contract suite: the actor rows a schema-3
library is given when it opens, the rows written with the extraction or not at all, and added
names found however their letters are cased (the query must send every briefing an "add" reaches
through `apply`)."""

from __future__ import annotations

import secrets

import psycopg
import pytest

from briefings.decisions import ActorDecision
from briefings.edits import AddDecision
from briefings.extraction import installed_pipeline
from briefings.extraction.model import Actor, Extraction
from briefings.model import Article, make_paragraphs
from store.postgres import POSTGRES
from tests.contract.test_contract_tally import BRIEFINGS, assert_same, build, tallies

pytestmark = pytest.mark.postgres


def actor_rows(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT content_hash, key FROM extraction_actors ORDER BY content_hash, position").fetchall()


def test_a_schema_three_library_gets_its_actor_rows_when_it_opens(postgres_url: str) -> None:
    library = POSTGRES.open(postgres_url)
    ids = build(library)
    damaged = library.entry(ids["Budget talks stall"]).content_hash
    library.close()
    kept = [row for row in actor_rows(postgres_url) if row[0] != damaged]
    assert len(kept) == sum(len(actors or ()) for _, actors in BRIEFINGS.values()) - 4
    with psycopg.connect(postgres_url) as connection:  # as a Brief of schema 3 left it, one cache entry damaged
        connection.execute("DROP TABLE extraction_actors; DROP INDEX briefings_listed; ALTER TABLE extractions DROP COLUMN actors_kept; UPDATE schema_version SET version = 3")
        connection.execute("UPDATE extractions SET doc = 'not a document' WHERE content_hash = %s", (damaged,))
    upgraded = POSTGRES.open(postgres_url)
    assert upgraded.schema == 4 and "upgraded from schema 3 to schema 4" in " ".join(upgraded.warnings)
    assert actor_rows(postgres_url) == kept
    counted, walked = tallies(upgraded)
    assert_same(counted, walked)
    assert not counted.entries  # every readable one counted by query; the damaged one walked, and found so
    assert {entry.id for entry in counted.not_extracted} == {ids["Budget talks stall"], ids["Not extracted yet"]}


def test_an_extraction_is_cached_with_its_actor_rows_or_not_at_all(postgres_url: str) -> None:
    library = POSTGRES.open(postgres_url)
    briefing_id = library.add_article(Article("Vilnius", make_paragraphs(["Gitanas Nausėda spoke."]))).id
    content = library.entry(briefing_id).content_hash
    pipeline = installed_pipeline()
    with psycopg.connect(postgres_url) as connection:  # the actor rows refuse: the extraction must not be cached either
        connection.execute("ALTER TABLE extraction_actors ADD CONSTRAINT refuse CHECK (key <> 'gitanas nausėda')")
    extraction = Extraction((Actor("gitanas nausėda", "Gitanas Nausėda", "person"),), engine="test", pipeline=pipeline)
    with pytest.raises(psycopg.Error):
        library.save_extraction(content, pipeline, extraction)
    assert library.load_extraction(content, pipeline) is None
    library.save_extraction(content, pipeline, Extraction((Actor("lithuania", "Lithuania", "state"),), engine="test", pipeline=pipeline))
    assert actor_rows(postgres_url) == [(content, "lithuania")]


@pytest.fixture
def ascii_ctype_url(postgres_server) -> str:  # type: ignore[no-untyped-def]
    """A new database whose character type is C: its ILIKE folds ASCII letters only."""
    name = f"brief_ctype_{secrets.token_hex(4)}"
    with postgres_server.connect() as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
    url = postgres_server.url(name)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE EXTENSION unaccent")
    yield url
    postgres_server.drop_database(name)


def test_added_names_are_found_however_their_letters_are_cased(ascii_ctype_url: str) -> None:
    """Python's case-blind matching finds "k" as the Kelvin sign and "i" as a dotted capital I:
    the query's search for briefings an addition reaches must find them too, whatever the
    database's locale folds."""
    library = POSTGRES.open(ascii_ctype_url)
    texts = {"Zurich": "The ZÜRICH ENVOY left.", "Kurds": "The \u212aurds met.", "Istanbul": "İSTANBUL is large.", "None": "Nobody here."}
    pipeline = installed_pipeline()
    ids = {}
    for title, text in texts.items():
        ids[title] = library.add_article(Article(title, make_paragraphs([text]))).id
        library.save_extraction(library.entry(ids[title]).content_hash, pipeline, Extraction((), engine="test", pipeline=pipeline))
    for number, name in enumerate(("Zürich envoy", "kurds", "istanbul", "Nowhere Man")):
        library.apply_settings(AddDecision(ActorDecision(f"d{number}", "add", name, "group")))
    counted, walked = tallies(library)
    assert_same(counted, walked)
    assert sorted(counted.actors) == ["istanbul", "kurds", "zürich envoy"]
    assert set(counted.entries) == {ids["Zurich"], ids["Kurds"], ids["Istanbul"]}  # "Nobody here." was never a candidate
