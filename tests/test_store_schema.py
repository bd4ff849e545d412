"""Schema versions: a migration from a schema-1 library, and a newer library opened read-only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefings.edits import AddTag
from briefings.extraction.model import Extraction
from briefings.model import Article, make_paragraphs
from store import Library, ReadOnlyLibrary, SaveQueue
from store.layout import SCHEMA
from store.storage import read_db

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "schema1"
TIKRIT = "4f2a9c1e7b3d"
OSLO = "9d81b07c22e5"


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    root = tmp_path / "old"
    shutil.copytree(FIXTURE, root)
    return root


def test_schema_1_library_is_migrated_with_a_backup(old_library: Path) -> None:
    originals = {path.relative_to(old_library): path.read_bytes() for path in old_library.rglob("*") if path.is_file()}
    library = Library.open(old_library)

    assert read_db(old_library / "library.json")["library"]["1"]["schema"] == SCHEMA == 2
    assert not (old_library / "articles").exists()
    (backup,) = (old_library / "backups").glob("before-schema-2-*")
    assert {path.relative_to(backup): path.read_bytes() for path in backup.rglob("*") if path.is_file()} == originals

    assert any("upgraded from schema 1 to 2 (2 briefings)" in warning for warning in library.warnings)
    assert any("c0ffee000001.json could not be migrated" in warning for warning in library.warnings)
    assert [path.read_bytes() for path in (old_library / "quarantine").iterdir()] == [originals[Path("articles/c0ffee000001.json")]]

    briefing = library.load(TIKRIT)
    texts = [paragraph.text for paragraph in briefing.article.paragraphs]
    assert briefing.article.paragraphs == make_paragraphs(texts)  # anchors computed by the migration
    assert {index: sorted(a.tags) for index, a in briefing.annotations.items()} == {0: ["fact"], 1: ["rumour"], 3: ["fact", "rumour"]}
    assert briefing.annotation(1).note == "single source" and briefing.annotation(0).reviewed
    question = briefing.questions["q7"]
    assert (question.paragraph, question.status, question.actors) == (2, "open", ())
    assert briefing.article.date.isoformat() == "2015-03-25" and briefing.imported == "2025-06-01T09:05:00+00:00"
    assert [tag.id for tag in library.settings().tags] == ["fact", "rumour"]
    assert sorted(entry.id for entry in library.entries()) == sorted([TIKRIT, OSLO])

    library.apply(OSLO, AddTag(0, "fact"))
    again = Library.open(old_library)
    assert again.warnings == [] and again.load(OSLO).annotation(0).tags == {"fact"}


def test_interrupted_migration_runs_again(old_library: Path) -> None:
    # A migration killed after writing some new files but before the store file moved on.
    (old_library / "briefings").mkdir()
    (old_library / "briefings" / f"{TIKRIT}.json").write_text('{"half": ')
    library = Library.open(old_library)
    assert library.load(TIKRIT).annotation(0).tags == {"fact"}


@pytest.fixture
def newer_library(tmp_path: Path) -> Path:
    root = tmp_path / "newer"
    library = Library.open(root)
    result = library.add_article(Article("Newer", make_paragraphs(["One paragraph.", "Two paragraphs."])))
    library.apply(result.id, AddTag(0, "fact"))
    store_file = root / "library.json"
    data = json.loads(store_file.read_text())
    data["library"]["1"]["schema"] = SCHEMA + 1
    store_file.write_text(json.dumps(data))
    return root


def test_newer_schema_opens_read_only_and_changes_nothing(newer_library: Path) -> None:
    before = {path: path.read_bytes() for path in newer_library.rglob("*") if path.is_file()}
    library = Library.open(newer_library)
    assert library.read_only
    assert "newer version of Brief" in library.warnings[0]
    (entry,) = library.entries()
    assert library.load(entry.id).annotation(0).tags == {"fact"}
    assert library.search("paragraphs")
    with pytest.raises(ReadOnlyLibrary, match="read-only"):
        library.apply(entry.id, AddTag(1, "fact"))
    with pytest.raises(ReadOnlyLibrary):
        SaveQueue(library, lambda state: None).submit(entry.id, AddTag(1, "fact"))
    with pytest.raises(ReadOnlyLibrary):
        library.delete(entry.id)
    library.save_extraction("ab" * 32, "p", Extraction())
    assert {path: path.read_bytes() for path in newer_library.rglob("*") if path.is_file()} == before


def test_newer_schema_with_an_index_it_cannot_read(newer_library: Path) -> None:
    (newer_library / "index" / "entries.jsonl").write_text('{"format": 99}\n')
    library = Library.open(newer_library)
    assert library.read_only and [entry.title for entry in library.entries()] == ["Newer"]
