"""Schema versions: migrations from schema-1 and schema-2 libraries, and a newer library opened read-only."""

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

pytestmark = pytest.mark.unit

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "schema1"
#: Written by the store of schema 2 (commit 412a232): annotation documents numbered 1, 2, ... in
#: order, no file versions, the text index in index/text.tsv; an update of the article orphaned
#: the tag on paragraph 7 (and, as that store did, silently dropped a question's link and a
#: judgment's paragraph there).
FIXTURE_2 = Path(__file__).parent / "fixtures" / "store" / "schema2"
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

    assert read_db(old_library / "library.json")["library"]["1"]["schema"] == SCHEMA == 4
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


def test_schema_2_library_is_migrated_and_keeps_everything(tmp_path: Path) -> None:
    root = tmp_path / "v2"
    shutil.copytree(FIXTURE_2, root)
    originals = {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}
    library = Library.open(root)
    assert read_db(root / "library.json")["library"]["1"]["schema"] == SCHEMA == 4
    (backup,) = (root / "backups").glob("before-schema-3-*")
    assert (backup / "library.json").read_bytes() == originals[Path("library.json")]
    assert any("upgraded from schema 2 to 3" in warning for warning in library.warnings)
    assert any("upgraded from schema 3 to 4" in warning for warning in library.warnings)
    assert list((root / "backups").glob("before-schema-4-*"))
    (entry,) = library.entries()
    briefing_file = Path("briefings") / f"{entry.id}.json"
    assert (root / briefing_file).read_bytes() == originals[briefing_file]  # valid as it was

    briefing = library.load(entry.id)
    assert {i: (set(a.tags), a.note, a.reviewed) for i, a in briefing.annotations.items()} == {
        2: ({"fact"}, "", False),
        5: (set(), "Single unnamed official", False),
        6: (set(), "", True),
    }
    assert [(o.anchor.index, set(o.annotation.tags), o.question) for o in briefing.orphans] == [(7, {"claim"}, "")]
    assert [(hit.field, hit.paragraph) for hit in library.search("unnamed")] == [("note", 5)]
    assert not (root / "index" / "text.tsv").exists()  # the earlier text index, rebuilt in the new format

    assert library.history(entry.id) == []  # kept from schema 4 on: it starts with the next change
    library.analyst = "Ada"
    library.apply(entry.id, AddTag(0, "claim"))  # document id 1 was paragraph 2's in that file
    assert [(e.who, e.kind, e.paragraph, e.detail) for e in library.history(entry.id)] == [("Ada", "tag", 0, "claim")]
    again = Library.open(root)
    assert again.warnings == []
    assert {i: set(a.tags) for i, a in again.load(entry.id).annotations.items()} == {0: {"claim"}, 2: {"fact"}, 5: set(), 6: set()}
    texts = [paragraph.text for paragraph in briefing.article.paragraphs]
    texts.append("Paragraph 7: Iraqi forces and Shia militias advanced on Tikrit on day 7 of the offensive, officials said.")
    article = Article(briefing.article.title, make_paragraphs(texts), source="Fixture", date=briefing.article.date, url=briefing.article.url)
    assert again.add_article(article).status == "updated"
    restored = again.load(entry.id)
    assert restored.orphans == [] and restored.annotations[7].tags == {"claim"}


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
