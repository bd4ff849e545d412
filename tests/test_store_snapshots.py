"""Edits that cost what they change: briefing files kept in parts, snapshots, and their checks.

What is checked here is that the shortcuts never change a result: a file written from parts is
the file a full encoding gives, counts and search keys kept up to date step by step are the ones
counted afresh, and a snapshot is never used once the file on disk is another one.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.edits import AddTag, BriefingEdit, PutQuestion, RemoveTag, SetNote, SetReviewed, SetSummary
from briefings.model import Article, make_paragraphs
from briefings.summary import Judgment, Summary
from store import Library
from store.documents import briefing_to_db
from store.encoding import changed_paragraphs, encode_briefing, read_briefing
from store.errors import CorruptFile
from store.index import entry_for
from store.snapshots import Snapshots, copy, derive, editable
from store.snapshots import read as read_snapshot
from store.storage import parse, parse_tables
from store.textlines import text_key

pytestmark = pytest.mark.unit

TAGS = ("fact", "claim", "military", "sourcing")


def long_article(n: int = 40, title: str = "Tikrit") -> Article:
    return Article(title, make_paragraphs([f"Paragraph {i} of {title}: «quoted» forces near the city, day {i}." for i in range(n)]))


def random_edit(rng: random.Random, briefing: Briefing) -> BriefingEdit:
    n = len(briefing.article.paragraphs)
    choice = rng.randrange(7)
    if choice == 0:
        return RemoveTag(rng.randrange(n), rng.choice(TAGS))
    if choice == 1:
        return SetNote(rng.randrange(n), rng.choice(["", "a note", "Suleimani \"quoted\"\nline"]))
    if choice == 2:
        return SetReviewed(rng.randrange(n), rng.random() < 0.7)
    if choice == 3:
        return PutQuestion(Question(f"q{rng.randrange(4)}", f"Question {rng.randrange(100)}?", paragraph=rng.randrange(n)))
    if choice == 4:
        summary = Summary(f"BLUF {rng.randrange(5)}", (Judgment("j", "Likely", paragraphs=(rng.randrange(n),)),))
        return SetSummary(summary, briefing.summary)
    return AddTag(rng.randrange(n), rng.choice(TAGS))


def assert_same_as_fresh(derived_briefing: Briefing, derived) -> None:  # type: ignore[no-untyped-def]
    encoded = derived.encoded
    assert parse(encoded.data(), "x") == briefing_to_db(derived_briefing, encoded.version)
    assert derived.text_key == text_key(derived_briefing)
    assert derived.reviewed == derived_briefing.reviewed_count
    assert derived.tag_counts == derived_briefing.tag_counts()


def test_parts_written_step_by_step_are_the_full_encoding() -> None:
    rng = random.Random(5)
    article = long_article()
    briefing = Briefing("b1", article, {3: Annotation(frozenset({"fact"}), "first", True)}, orphans=[])
    snapshot = derive(briefing, None).written((0, 0, 0))
    for step in range(150):
        working = editable(snapshot) if step % 3 else copy(snapshot.briefing)  # tracked, and compared
        for _ in range(rng.randrange(1, 4)):
            random_edit(rng, working).apply(working)
        if step % 25 == 24:  # an orphan appears (as after a re-import)
            working.orphans.append(Orphan(article.paragraphs[0].anchor, Annotation(frozenset({"claim"}), f"orphan {step}")))
        derived = derive(working, snapshot)
        assert_same_as_fresh(working, derived)
        snapshot = derived.written((step, 0, 0))
    assert entry_for(snapshot.briefing) == snapshot.entry()


def test_a_briefing_read_back_and_edited_is_the_full_encoding() -> None:
    tricky = Annotation(frozenset({"fact"}), 'a note with },"1":{"paragraph":0, inside', True)
    briefing = Briefing("b1", long_article(), {i: tricky if i % 5 == 0 else Annotation(reviewed=True) for i in range(0, 40, 2)})
    raw = encode_briefing(briefing).data()
    for edit in (AddTag(4, "claim"), SetNote(1, "new"), SetReviewed(0, False), RemoveTag(0, "fact")):
        read = read_briefing(raw, "x", "b1")
        assert read.members is None and read.briefing == briefing
        working = copy(read.briefing)
        edit.apply(working)
        encoded = encode_briefing(working, read)
        assert parse(encoded.data(), "x") == briefing_to_db(working, encoded.version)


def test_an_edit_that_replaces_the_annotations_is_found_by_comparison() -> None:
    @dataclass(frozen=True)
    class ClearAll:
        def apply(self, briefing: Briefing) -> None:
            briefing.annotations = {7: Annotation(frozenset({"claim"}))}

    briefing = Briefing("b1", long_article(), {1: Annotation(frozenset({"fact"})), 2: Annotation(note="n")})
    snapshot = derive(briefing, None).written((0, 0, 0))
    working = editable(snapshot)
    ClearAll().apply(working)
    derived = derive(working, snapshot)
    assert_same_as_fresh(working, derived)
    assert derived.tag_counts == {"claim": 1} and derived.reviewed == 0


def test_changed_paragraphs_compares_identities() -> None:
    same = Annotation(frozenset({"fact"}))
    before = {1: same, 2: Annotation(note="x"), 3: Annotation(reviewed=True)}
    after = {1: same, 2: Annotation(note="x"), 4: Annotation(reviewed=True)}
    assert changed_paragraphs(before, after) == {2, 3, 4}  # 2 is equal but another object: re-encoded, harmless


def test_reading_keeps_the_article_when_its_bytes_are_unchanged() -> None:
    briefing = Briefing("b1", long_article(), {0: Annotation(frozenset({"fact"}))}, questions={"q": Question("q", "Why?")})
    first = encode_briefing(briefing)
    other = replace(briefing, annotations={5: Annotation(note="another window")})
    second = encode_briefing(other, first)
    read = read_briefing(second.data(), "x", "b1", first)
    assert read.briefing.article is briefing.article and read.article is first.article
    assert read.briefing == other
    plain = read_briefing(second.data(), "x", "b1")
    assert plain.briefing == other and plain.briefing.article is not briefing.article
    changed = replace(briefing, article=long_article(title="Mosul"))
    fresh = read_briefing(encode_briefing(changed).data(), "x", "b1", first)
    assert fresh.briefing.article == changed.article and fresh.article != first.article


def test_known_members_are_used_only_at_the_top_level_right_after_the_head() -> None:
    known = b'"article":{"1":{"title":"T"}},"paragraphs":{}'
    names = ("article", "paragraphs")
    top = b'{"briefing":{"1":{"id":"b"}},' + known + b',"annotations":{}}'
    assert parse_tables(top, "x", known, names).known
    nested = b'{"briefing":{"1":{"id":"b","x":{"y":{},' + known + b'}}},"annotations":{}}'
    tables = parse_tables(nested, "x", known, names)
    assert not tables.known and tables.data == json.loads(nested)
    repeated = top[:-1] + b',"article":{}}'  # a later member of the same name counts in JSON
    tables = parse_tables(repeated, "x", known, names)
    assert not tables.known and tables.data["article"] == {}


@pytest.mark.parametrize(
    "raw",
    [b"", b"  ", b"{", b"[1]", b'{"a":1}', b'{"a":{}} x', b'{"a" {}}', b'{"a":{},}', b'{"a":{}"b":{}}', b"\xff{}", b"[" * 100_000],
)
def test_tables_are_as_strict_as_parse(raw: bytes) -> None:
    with pytest.raises(CorruptFile) as expected:
        parse(raw, "f")
    with pytest.raises(CorruptFile) as found:
        parse_tables(raw, "f", b'"a":{}', ("a",))
    assert found.value.reason == expected.value.reason


@pytest.mark.parametrize("raw", [b"{}", b' {"a" : {"1": {"x": [1, {"y": null}]}} , "b":{}}\n', b'{"a":{},"a":{"1":{}}}'])
def test_tables_hold_what_json_reads(raw: bytes) -> None:
    tables = parse_tables(raw, "f")
    assert tables.data == json.loads(raw)
    for name, table in tables.data.items():
        assert json.loads(b"{" + tables.member(name) + b"}") == {name: table}  # type: ignore[operator]


def test_snapshots_are_bounded_by_count_and_by_bytes() -> None:
    made = derive(Briefing("b", long_article(3)), None)
    snapshots = Snapshots()
    snapshots.SIZE, snapshots.BYTES = 3, 1000
    for name in "abcd":
        snapshots.put(name, made.written((0, 100, 0)))
    assert [snapshots.get(name) is not None for name in "abcd"] == [False, True, True, True]
    snapshots.get("b")  # used: kept over c and d
    snapshots.put("big", made.written((0, 950, 0)))
    assert [name for name in ("b", "c", "d", "big") if snapshots.get(name)] == ["big"]  # the last one always stays
    snapshots.put("e", made.written((0, 10, 0)))
    assert snapshots.get("big") is not None and snapshots.get("e") is not None
    snapshots.drop("big")
    assert snapshots.get("big") is None and snapshots.get("e") is not None


# Through the library


@pytest.fixture
def library(library_dir: Path) -> Library:
    return Library.open(library_dir)


def test_a_same_stamp_replacement_by_someone_else_is_noticed(library: Library) -> None:
    briefing_id = library.add_article(long_article()).id
    library.apply(briefing_id, AddTag(0, "fact"))
    path = library.path / "briefings" / f"{briefing_id}.json"
    status = os.stat(path)
    data = json.loads(path.read_bytes())
    head = data["briefing"]["1"]
    head["version"] = "f" * len(head["version"])  # another writer's version
    data["annotations"]["1"]["tags"] = ["fakt"]  # same length: same size
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(raw) == status.st_size
    with open(path, "r+b") as file:  # in place: same inode
        file.write(raw)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the same time, as within one clock tick
    assert os.stat(path).st_ino == status.st_ino and os.stat(path).st_mtime_ns == status.st_mtime_ns
    assert library.load(briefing_id).annotation(0).tags == {"fakt"}
    library.apply(briefing_id, AddTag(1, "claim"))  # applied to what is on disk, not to the snapshot
    assert {i: set(a.tags) for i, a in Library.open(library.path).load(briefing_id).annotations.items()} == {0: {"fakt"}, 1: {"claim"}}


def test_two_handles_take_turns_without_losing_anything(library: Library) -> None:
    other = Library.open(library.path)
    briefing_id = library.add_article(long_article(200)).id
    expected: dict[int, set[str]] = {}
    for step in range(40):
        writer = (library, other)[step % 3 == 0]
        index = (step * 7) % 200
        writer.apply(briefing_id, AddTag(index, f"t{step}"))
        expected.setdefault(index, set()).add(f"t{step}")
    for handle in (library, other, Library.open(library.path)):
        assert {i: set(a.tags) for i, a in handle.load(briefing_id).annotations.items()} == expected
    (entry,) = Library.open(library.path).entries()
    assert entry.tag_counts == {f"t{step}": 1 for step in range(40)}


def test_loaded_briefings_are_copies(library: Library) -> None:
    briefing_id = library.add_article(long_article()).id
    library.apply(briefing_id, AddTag(0, "fact"))
    mine = library.load(briefing_id)
    AddTag(1, "claim").apply(mine)  # the review screen changes its own copy in place
    mine.questions["q"] = Question("q", "Mine only?")
    again = library.load(briefing_id)
    assert set(again.annotations) == {0} and again.questions == {}
    library.apply(briefing_id, SetNote(2, "saved"))
    assert set(library.load(briefing_id).annotations) == {0, 2}


def test_a_file_with_the_earlier_annotation_ids_is_edited_without_collisions(library: Library) -> None:
    briefing_id = library.add_article(long_article()).id
    path = library.path / "briefings" / f"{briefing_id}.json"
    data = json.loads(path.read_bytes())
    data["briefing"]["1"].pop("version")  # as written before file versions existed
    data["annotations"] = {  # numbered 1, 2, ... in order, not by paragraph
        "1": {"paragraph": 3, "tags": ["fact"], "note": "", "reviewed": False},
        "2": {"paragraph": 5, "tags": [], "note": "five", "reviewed": True},
    }
    path.write_bytes(json.dumps(data).encode())
    reopened = Library.open(library.path)
    reopened.apply(briefing_id, AddTag(0, "claim"))  # paragraph 0 gets document id 1
    reopened.apply(briefing_id, AddTag(1, "claim"))
    loaded = Library.open(library.path).load(briefing_id)
    assert {i: (set(a.tags), a.note) for i, a in loaded.annotations.items()} == {
        0: ({"claim"}, ""),
        1: ({"claim"}, ""),
        3: ({"fact"}, ""),
        5: (set(), "five"),
    }


def test_a_note_on_a_long_article_appends_only_the_notes_to_the_search_text(library: Library) -> None:
    briefing_id = library.add_article(long_article(2000)).id
    journal = library.path / "index" / "search.tsv"
    size = journal.stat().st_size
    assert size > 100_000  # the article's text, once
    library.apply(briefing_id, AddTag(3, "fact"))
    assert journal.stat().st_size == size  # a tag changes no searchable text
    library.apply(briefing_id, SetNote(3, "Suleimani was seen"))
    assert journal.stat().st_size - size < 500
    reopened = Library.open(library.path)
    assert [(hit.field, hit.paragraph) for hit in reopened.search("suleimani")] == [("note", 3)]
    assert [(hit.field, hit.paragraph) for hit in reopened.search("1999")] == [("text", 1999)]


def test_a_text_index_of_the_earlier_format_is_replaced(library: Library) -> None:
    briefing_id = library.add_article(long_article()).id
    library.apply(briefing_id, SetNote(1, "Zanzibar"))
    old = library.path / "index" / "text.tsv"
    old.write_bytes(b"x\tkey\tspecs\t[]\tstale text\n")
    reopened = Library.open(library.path)
    assert not old.exists()
    assert [hit.id for hit in reopened.search("zanzibar")] == [briefing_id]


def test_a_snapshot_read_while_the_file_changes_is_never_current(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    briefing_id = library.add_article(long_article()).id
    path = library.path / "briefings" / f"{briefing_id}.json"
    snapshot = read_snapshot(path, briefing_id, None)
    assert snapshot.is_current(path)
    path.write_bytes(path.read_bytes())  # rewritten in place: the same bytes, a new time
    assert not snapshot.is_current(path)
    path.unlink()
    assert not snapshot.is_current(path)
