"""The library store: round trips of every record, import rules, search, questions, trash, cache."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from briefings.briefing import Annotation, Briefing, Orphan, Question
from briefings.decisions import ActorDecision
from briefings.edits import (
    AddDecision,
    AddTag,
    DismissSuggestion,
    PutQuestion,
    RemoveTag,
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.extraction.model import Actor, Extraction, Mention, NumberFact, Place, QuestionSuggestion
from briefings.model import Article, make_paragraphs
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import DEFAULT_TAGS, Tag, check_tags
from store import (
    AtomicJSONStorage,
    BriefingNotFound,
    EditRejected,
    ImportResult,
    Library,
    SaveQueue,
    SaveState,
    StoreError,
    default_library_location,
)

pytestmark = pytest.mark.unit


def article(title: str = "US providing intelligence to Iran-led attack on Tikrit", n: int = 6, **fields: object) -> Article:
    texts = [f"Paragraph {i} of {title}: the coalition said forces moved near the city on day {i}." for i in range(n)]
    return Article(title, make_paragraphs(texts), **fields)  # type: ignore[arg-type]


def full_briefing() -> Briefing:
    """A briefing with one of everything, including awkward text."""
    art = Article(
        "Awkward [/foo] title ‮ with ünïcödé",
        make_paragraphs(["First [Reuters] paragraph.", "Second with \"quotes\" and \\ backslash.", "Third: 18,000 militiamen."]),
        source="The Telegraph",
        date=dt.date(2015, 3, 25),
        byline="By Someone",
        url="https://www.example.com/news/a?id=3",
        origin="article.html",
        format="html",
    )
    question = Question(
        "q1", "Has the request been made?", "answered", 2, ("United States", "Iran"), "Yes", "Reuters", "s9", "2025-01-01T00:00:00+00:00"
    )
    summary = Summary(
        "US flies ISR for an Iranian-led offensive.",
        (Judgment("j1", "Air support is likely if asked.", "likely", "moderate", (0, 2)),),
        SourceGrade("B", "2"),
        "Single source for paragraph 2.",
    )
    gone = make_paragraphs(["Gone paragraph", "x"])[0].anchor
    orphans = [Orphan(gone, Annotation(frozenset({"claim"}), "orphaned note", True)), Orphan(gone, Annotation(), question="q1")]
    return Briefing(
        id="b0000000001",
        article=art,
        annotations={0: Annotation(frozenset({"fact", "military"}), "a note\nwith lines", True), 2: Annotation(reviewed=True)},
        questions={"q1": question, "q2": Question("q2", "Who is the official?")},
        dismissed={"s1", "s2"},
        summary=summary,
        orphans=orphans,
        imported="2025-01-01T00:00:00+00:00",
        updated="2025-01-02T00:00:00+00:00",
    )


@pytest.fixture
def library(library_dir: Path) -> Library:
    return Library.open(library_dir)


def test_default_library_location_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEF_LIBRARY", str(tmp_path / "mine"))
    assert default_library_location() == tmp_path / "mine"
    monkeypatch.setenv("BRIEF_LIBRARY", "postgresql://ada:secret@db.example.org/team")
    assert default_library_location() == "postgresql://ada:secret@db.example.org/team"  # a URL stays a URL
    monkeypatch.delenv("BRIEF_LIBRARY")
    location = default_library_location()
    assert isinstance(location, Path) and location.parts[-2:] == ("brief", "library")


def test_importing_the_store_leaves_what_it_needs_later_unloaded() -> None:
    # Every start of the app imports the store; these come when a library opens or an import runs.
    code = "import sys, store; print(sorted(m for m in ('rapidfuzz', 'filelock', 'platformdirs', 'tinydb') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_open_creates_a_library_folder(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "new" / "lib")
    assert library.entries() == []
    assert library.warnings == [] and not library.read_only
    assert (tmp_path / "new" / "lib" / "library.json").is_file()
    assert library.settings().tags == DEFAULT_TAGS


def test_open_refuses_a_folder_that_is_not_a_library(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "thesis.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a Brief library and not empty"):
        Library.open(tmp_path / "documents")
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["thesis.txt"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is not a folder"):
        Library.open(tmp_path / "file")


def test_briefing_round_trip_keeps_every_field(library: Library) -> None:
    original = full_briefing()
    result = library.add_briefing(original)
    assert result.status == "imported" and result.id == original.id
    loaded = Library.open(library.path).load(original.id)
    assert loaded == original
    assert loaded.article.date == dt.date(2015, 3, 25)
    assert loaded.article.paragraphs == original.article.paragraphs


def test_briefing_files_are_tinydb_databases(library: Library) -> None:
    original = full_briefing()
    library.add_briefing(original)
    with TinyDB(library.path / "briefings" / f"{original.id}.json", storage=AtomicJSONStorage) as db:
        assert db.table("annotations").search(Query().paragraph == 0)[0]["tags"] == ["fact", "military"]
        assert len(db.table("paragraphs")) == 3


def test_settings_round_trip(library: Library) -> None:
    tags = DEFAULT_TAGS + (Tag("rumour", "rumour", "", "#123456", "Unconfirmed."),)
    library.apply_settings(SetTaxonomy(tags, DEFAULT_TAGS))
    decision = ActorDecision("d1", "merge", "isil", "islamic state", "2025-01-01T00:00:00+00:00")
    settings = library.apply_settings(AddDecision(decision))
    assert settings.tags == tags and settings.decisions == (decision,)
    assert Library.open(library.path).settings() == settings


def test_extraction_cache_hit_miss_and_corrupt_entry(library: Library) -> None:
    mention = Mention(3, 10, 16, "Tikrit")
    extraction = Extraction(
        actors=(Actor("iran", "Iran", "state", ("Tehran",), "", (mention,)),),
        places=(Place("tikrit", "Tikrit", "place", (mention,)),),
        numbers=(NumberFact("18,000", "count", 18000.0, mention, "", "militiamen", False),),
        suggestions=(QuestionSuggestion("s1", "Who said so?", "is said to", "hedge", mention, "It is said to be."),),
        engine="spacy",
        pipeline="p1",
        notice="",
    )
    digest = "ab" * 32
    assert library.load_extraction(digest, "p1") is None
    library.save_extraction(digest, "p1", extraction)
    assert library.load_extraction(digest, "p1") == extraction
    assert library.load_extraction(digest, "p2") is None
    (entry,) = (library.path / "extractions").iterdir()
    entry.write_bytes(b'{"extraction": {"1": {"content_hash"')
    assert library.load_extraction(digest, "p1") is None
    assert not entry.exists()


def test_edits_apply_to_disk_and_update_the_index(library: Library) -> None:
    result = library.add_article(article())
    library.apply(result.id, AddTag(1, "fact"))
    library.apply(result.id, AddTag(1, "claim"))
    library.apply(result.id, RemoveTag(1, "claim"))
    library.apply(result.id, SetNote(2, "note"))
    library.apply(result.id, SetReviewed(2, True))
    library.apply(result.id, PutQuestion(Question("q1", "Who?", paragraph=2)))
    library.apply(result.id, DismissSuggestion("s7"))
    library.apply(result.id, SetSummary(Summary("BLUF", grade=SourceGrade("C", "3")), Summary()))
    briefing = library.load(result.id)
    assert briefing.annotations == {1: Annotation(frozenset({"fact"})), 2: Annotation(frozenset(), "note", True)}
    assert briefing.dismissed == {"s7"}
    (entry,) = Library.open(library.path).entries()
    assert (entry.tag_counts, entry.reviewed, entry.questions_open, entry.has_summary, entry.grade) == ({"fact": 1}, 1, 1, True, "C3")


def test_an_edit_that_does_not_fit_is_rejected(library: Library) -> None:
    result = library.add_article(article(n=3))
    with pytest.raises(EditRejected, match="outside the article"):
        library.apply(result.id, AddTag(7, "fact"))
    with pytest.raises(BriefingNotFound):
        library.apply("nope", AddTag(0, "fact"))
    with pytest.raises(BriefingNotFound):
        library.load("../../etc/passwd")


def test_duplicate_and_update_by_url(library: Library) -> None:
    first = library.add_article(article(url="https://www.example.com/a/"))
    assert library.add_article(article(url="https://www.example.com/a/")).status == "duplicate"
    changed = article(n=7, url="http://example.com/a#comments")
    second = library.add_article(changed)
    assert (second.id, second.status) == (first.id, "updated")
    assert len(library.entries()) == 1 and library.load(first.id).article == changed


def test_update_by_origin_needs_a_similar_title_or_shared_text(library: Library) -> None:
    first = library.add_article(article("Tikrit offensive", origin="/inbox/index.html"))
    other = Article("Weather in Oslo", make_paragraphs(["Rain all week.", "Snow later."]), origin="/other/index.html")
    assert library.add_article(other).status == "imported"
    revised = article("Tikrit offensive (updated)", n=8, origin="/inbox/index.html")
    assert library.add_article(revised) == ImportResult(first.id, "updated", 0)
    assert library.add_article(revised) == ImportResult(first.id, "duplicate", 0)
    assert library.entry(first.id).title == "Tikrit offensive (updated)"  # type: ignore[union-attr]


def test_update_by_source_and_title_needs_shared_paragraphs(library: Library) -> None:
    first = library.add_article(article("Iraq army retakes Tikrit", source="BBC"))
    same_title_other_text = Article("Iraq army retakes Tikrit", make_paragraphs(["Entirely different.", "Text here."]), source="BBC")
    assert library.add_article(same_title_other_text).status == "imported"
    edited = article("Iraq army retakes Tikrit!", n=7, source="BBC")
    assert library.add_article(edited).id == first.id


def test_reimport_reattaches_work_and_keeps_orphans(library: Library) -> None:
    texts = [f"Paragraph {i}: the coalition said forces moved near Tikrit on day {i} of the offensive." for i in range(8)]
    first = library.add_article(Article("Tikrit", make_paragraphs(texts), url="https://e.com/t"))
    library.apply(first.id, AddTag(1, "fact"))
    library.apply(first.id, SetNote(3, "edited paragraph note"))
    library.apply(first.id, AddTag(5, "claim"))
    library.apply(first.id, PutQuestion(Question("q", "Why?", paragraph=5)))
    library.apply(first.id, SetSummary(Summary("b", (Judgment("j", "J", paragraphs=(1, 5, 6)),)), Summary()))
    new_texts = ["A new opening paragraph."] + texts[:3] + [texts[3].replace("moved", "advanced")] + texts[4:5] + texts[6:]
    result = library.add_article(Article("Tikrit", make_paragraphs(new_texts), url="https://e.com/t"))
    assert (result.id, result.status, result.orphans) == (first.id, "updated", 3)
    briefing = Library.open(library.path).load(first.id)
    assert briefing.annotations[2].tags == {"fact"}
    assert briefing.annotations[4].note == "edited paragraph note"
    gone = make_paragraphs(texts)[5].anchor
    assert briefing.orphans == [
        Orphan(gone, Annotation(frozenset({"claim"}))),
        Orphan(gone, Annotation(), question="q"),
        Orphan(gone, Annotation(), judgment="j"),
    ]
    assert briefing.questions["q"].paragraph is None and briefing.questions["q"].text == "Why?"
    assert briefing.summary.judgments[0].paragraphs == (2, 6)
    assert library.entry(first.id).orphans == 3  # type: ignore[union-attr]

    back = library.add_article(Article("Tikrit", make_paragraphs(texts), url="https://e.com/t"))
    assert (back.status, back.orphans) == ("updated", 0)
    restored = library.load(first.id)
    assert restored.orphans == [] and restored.annotations[5].tags == {"claim"}
    assert restored.questions["q"].paragraph == 5 and restored.summary.judgments[0].paragraphs == (1, 5, 6)


def test_add_briefing_merges_with_the_library_copy(library: Library) -> None:
    original = full_briefing()
    library.add_briefing(original)
    assert library.add_briefing(original).status == "duplicate"
    library.apply(original.id, SetNote(1, "library note"))
    incoming = full_briefing()
    incoming.annotations[1] = Annotation(frozenset({"claim"}), "export note")
    incoming.questions["q3"] = Question("q3", "New?")
    result = library.add_briefing(incoming)
    assert result.status == "updated"
    merged = library.load(original.id)
    assert merged.annotations[1] == Annotation(frozenset({"claim"}), "library note\n\nexport note")
    assert set(merged.questions) == {"q1", "q2", "q3"}


def test_search_finds_text_notes_summaries_and_questions(library: Library) -> None:
    first = library.add_article(article("Tikrit offensive"))
    second = library.add_article(article("Oslo weather", n=3))
    library.apply(second.id, SetNote(1, "Mentions SULEIMANI in passing"))
    library.apply(first.id, SetSummary(Summary("Suleimani leads the attack."), Summary()))
    library.apply(first.id, PutQuestion(Question("q", "Where is Suleimani now?", paragraph=0)))
    hits = Library.open(library.path).search("suleimani")
    assert {(hit.id, hit.field, hit.paragraph) for hit in hits} == {
        (second.id, "note", 1),
        (first.id, "summary", None),
        (first.id, "question", 0),
    }
    note = next(hit for hit in hits if hit.field == "note")
    assert note.snippet[note.start : note.start + note.length] == "SULEIMANI"
    assert [hit.field for hit in library.search("oslo weather")][0] == "title"
    assert [hit.field for hit in library.search("suleimani leads")] == ["summary"]
    assert not library.search("suleimani rain")
    # Each word is in the briefing, but no one place holds all three.
    assert library.search("suleimani paragraph tikrit") == []
    assert library.search("   ") == [] and library.search("—") == []


def plain(title: str, *texts: str) -> Article:
    return Article(title, make_paragraphs(list(texts)))


def places(hits: list) -> list[tuple[str, str, int | None]]:
    return [(hit.id, hit.field, hit.paragraph) for hit in hits]


def test_search_places_hold_every_word_as_a_whole_word_the_phrase_first(library: Library) -> None:
    # The reviewer's case: "from B" listed every place with "from" or any word starting with b.
    talks = library.add_article(plain("Budget talks from Berlin", "Officials came from Bonn and Brussels.", "The budget was broad."))
    leak = library.add_article(plain("A leak", "Source B said the plan came from the ministry.", "Nothing else."))
    call = library.add_article(plain("A call", "Agent B phoned.", "The call came at noon."))
    library.apply(call.id, SetNote(1, "Heard from B at noon"))
    found = library.search("from B")
    assert places(found) == [(call.id, "note", 1), (leak.id, "text", 0)]
    note = found[0]
    assert note.snippet[note.start : note.start + note.length] == "from B"
    leaked = found[1]
    assert leaked.snippet[leaked.start : leaked.start + leaked.length] == "from"  # the words apart: the first marked
    assert talks.id not in {hit.id for hit in library.search("from b")}  # Berlin, Bonn and budget are not "b"
    assert library.search("FROM b") == found  # case is ignored, and so is the order of briefings' import


def test_search_matches_word_starts_from_three_letters_or_two_for_the_last_word(library: Library) -> None:
    first = library.add_article(plain("Offensive near Tikrit", "Qassem Suleimani leads the offensive.", "Officials of the coalition spoke."))
    assert places(library.search("suleim")) == [(first.id, "text", 0)]
    assert places(library.search("qassem su")) == [(first.id, "text", 0)]  # the last word, two letters
    assert library.search("leiman") == []  # inside a word is not the start of one
    assert library.search("s") == [] and library.search("q") == []  # one letter is a whole word only
    # A two-letter word before the last one is a whole word: "of" is not "offensive".
    assert places(library.search("of coalition")) == [(first.id, "text", 1)]
    assert places(library.search("offens tikrit")) == [(first.id, "title", None)]


def test_search_ranks_the_phrase_then_whole_words_then_prefixes(library: Library) -> None:
    texts = ["Strikers blocked the harbours.", "Harbour workers went on strikes.", "The strike hit the harbour.", "A harbour strike began.", "Harbour strikers marched."]
    library.add_article(plain("Ranking", *texts))
    ranked = [(hit.paragraph, hit.snippet[hit.start : hit.start + hit.length]) for hit in library.search("harbour strike")]
    # The phrase; then both words whole; one a prefix ("strikes", "strikers"), in reading order; both.
    assert ranked == [(3, "harbour strike"), (2, "harbour"), (1, "Harbour"), (4, "Harbour"), (0, "harbours")]
    assert len(library.search("harbour strike", limit=2)) == 2


def test_search_and_its_snippets_ignore_accents(library: Library) -> None:
    first = library.add_article(plain("Talks in Zürich", "The Straße des 17. Juni was closed; ﬁnance ministers met in Zürich."))
    library.apply(first.id, SetNote(0, "ZÜRICH again"))
    for query in ("zurich", "Zürich", "ZURICH"):
        assert places(library.search(query)) == [(first.id, "title", None), (first.id, "text", 0), (first.id, "note", 0)]
    text = library.search("strasse des 17 juni")[0]
    assert text.snippet[text.start : text.start + text.length] == "Straße des 17. Juni"
    finance = library.search("finance")[0]
    assert finance.snippet[finance.start : finance.start + finance.length] == "ﬁnance"


def test_a_text_index_of_the_lower_cased_format_is_recomputed(library: Library) -> None:
    first = library.add_article(plain("Talks in Zürich", "Nothing here."))
    journal = library.path / "index" / "search.tsv"
    # Lines as the earlier format wrote them: text lower-cased only, no format mark.
    old = first_line = journal.read_bytes()
    old = old.replace(b"@w2:", b"@").replace(b"\tw2:", b"\t")
    assert old != first_line
    journal.write_bytes(old)
    assert places(Library.open(library.path).search("zurich")) == [(first.id, "title", None)]


def test_search_sees_changes_made_by_another_process_handle(library: Library) -> None:
    other = Library.open(library.path)
    first = library.add_article(article())
    assert library.search("zanzibar") == []
    other.apply(first.id, SetNote(0, "Zanzibar"))
    assert [hit.id for hit in library.search("zanzibar")] == [first.id]
    other.delete(first.id)
    assert library.search("zanzibar") == []


def test_questions_across_the_library(library: Library) -> None:
    a = library.add_article(article("One"))
    b = library.add_article(article("Two"))
    library.apply(a.id, PutQuestion(Question("q1", "First?", paragraph=1)))
    library.apply(b.id, PutQuestion(Question("q2", "Second?", status="answered", answer="Yes")))
    found = {(entry.id, question.id, question.status) for entry, question in Library.open(library.path).questions()}
    assert found == {(a.id, "q1", "open"), (b.id, "q2", "answered")}


def test_questions_are_rebuilt_when_the_text_index_is_lost(library: Library) -> None:
    a = library.add_article(article("One"))
    library.apply(a.id, PutQuestion(Question("q1", "First?")))
    (library.path / "index" / "search.tsv").unlink()
    assert [question.id for _, question in Library.open(library.path).questions()] == ["q1"]


def test_delete_and_restore(library: Library) -> None:
    result = library.add_article(article())
    library.apply(result.id, AddTag(0, "fact"))
    library.delete(result.id)
    assert library.entries() == [] and Library.open(library.path).entries() == []
    with pytest.raises(BriefingNotFound):
        library.load(result.id)
    with pytest.raises(BriefingNotFound):
        library.delete(result.id)
    library.restore(result.id)
    assert library.load(result.id).annotations[0].tags == {"fact"}
    assert [entry.id for entry in Library.open(library.path).entries()] == [result.id]
    with pytest.raises(BriefingNotFound):
        library.restore(result.id)


def test_index_is_rebuilt_when_missing_or_damaged(library: Library) -> None:
    result = library.add_article(article())
    library.apply(result.id, AddTag(0, "fact"))
    journal = library.path / "index" / "entries.jsonl"
    journal.unlink()
    assert Library.open(library.path).entries()[0].tag_counts == {"fact": 1}
    journal.write_bytes(b"\x00\x00garbage")
    assert Library.open(library.path).entries()[0].tag_counts == {"fact": 1}


def test_index_notices_files_changed_behind_its_back(library: Library, tmp_path: Path) -> None:
    result = library.add_article(article())
    path = library.path / "briefings" / f"{result.id}.json"
    data = json.loads(path.read_text())
    data["annotations"] = {"1": {"paragraph": 0, "tags": ["fact"], "note": "", "reviewed": True}}
    (library.path / "briefings" / "copied.json").write_text(json.dumps(data))
    entries = {entry.id: entry for entry in Library.open(library.path).entries()}
    assert entries["copied"].tag_counts == {"fact": 1} and entries[result.id].tag_counts == {}


def test_save_queue_saves_in_order_and_reports_state(library: Library) -> None:
    result = library.add_article(article())
    states: list[SaveState] = []
    queue = SaveQueue(library, states.append)
    for index in range(5):
        queue.submit(result.id, AddTag(index, "fact"))
    queue.submit(result.id, RemoveTag(0, "fact"))
    queue.submit(None, AddDecision(ActorDecision("d1", "hide", "reuters")))
    assert queue.flush(timeout=10)
    queue.close()
    assert set(library.load(result.id).annotations) == {1, 2, 3, 4}
    assert library.settings().decisions[0].actor == "reuters"
    assert states[-1] == SaveState("saved", 0, "")
    with pytest.raises(StoreError):
        queue.submit(result.id, AddTag(0, "fact"))


def test_save_queue_drops_an_edit_that_can_never_apply(library: Library) -> None:
    result = library.add_article(article(n=3))
    states: list[SaveState] = []
    queue = SaveQueue(library, states.append)
    queue.submit(result.id, AddTag(0, "fact"))
    queue.submit(result.id, AddTag(9, "fact"))
    queue.submit(result.id, AddTag(1, "fact"))
    assert queue.flush(timeout=10)
    queue.close()
    assert set(library.load(result.id).annotations) == {0, 1}
    assert any(state.status == "not-saved" and "¶10" in state.reason for state in states)


def test_library_is_usable_from_several_threads(library: Library) -> None:
    result = library.add_article(article(n=40))
    errors: list[BaseException] = []

    def tag(start: int) -> None:
        try:
            for index in range(start, 40, 4):
                library.apply(result.id, AddTag(index, "fact"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=tag, args=(start,)) for start in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert set(library.load(result.id).annotations) == set(range(40))


def test_version_moves_on_for_writes_made_elsewhere_only(library: Library) -> None:
    """A window compares versions to know it shows what is on disk; its own saves must not count."""
    briefing_id = library.add_article(article()).id
    start = library.version(briefing_id)
    library.apply(briefing_id, AddTag(0, "fact"))
    assert library.version(briefing_id) == start
    Library.open(library.path).apply(briefing_id, AddTag(1, "claim"))  # another window
    seen = library.version(briefing_id)
    assert seen > start
    assert library.version(briefing_id) == seen
    assert "claim" in library.load(briefing_id).annotation(1).tags
    Library.open(library.path).delete(briefing_id)
    with pytest.raises(BriefingNotFound):
        library.version(briefing_id)


def test_edits_made_against_an_older_article_are_refused(library: Library) -> None:
    """Edits name paragraphs by number: after a re-import they would land on other paragraphs."""
    first = library.add_article(article(url="https://example.com/a"))
    old_hash = library.load(first.id).article.content_hash
    texts = [paragraph.text for paragraph in library.load(first.id).article.paragraphs]
    changed = Article("A changed title", make_paragraphs(["A new opening paragraph.", *texts]), url="https://example.com/a")
    assert library.add_article(changed).id == first.id
    with pytest.raises(EditRejected, match="changed by an import"):
        library.apply_all(first.id, [AddTag(1, "fact")], article_hash=old_hash)
    assert library.load(first.id).annotation(1).tags == frozenset()
    new_hash = library.load(first.id).article.content_hash
    library.apply_all(first.id, [AddTag(1, "fact")], article_hash=new_hash)
    assert library.load(first.id).annotation(1).tags == {"fact"}


def test_a_note_changed_elsewhere_while_being_written_keeps_both_texts(library: Library) -> None:
    briefing_id = library.add_article(article()).id
    library.apply(briefing_id, SetNote(0, "first thoughts", ""))
    # Two windows open the editor on "first thoughts"; one saves, then the other.
    Library.open(library.path).apply(briefing_id, SetNote(0, "window A's note", "first thoughts"))
    library.apply(briefing_id, SetNote(0, "window B's note", "first thoughts"))
    assert library.load(briefing_id).annotation(0).note == "window A's note\n\nwindow B's note"
    # Clearing its note takes out this window's words only; a note rewritten since is kept.
    library.apply(briefing_id, SetNote(0, "", "window B's note"))
    assert library.load(briefing_id).annotation(0).note == "window A's note"
    library.apply(briefing_id, SetNote(0, "", "an older note"))
    assert library.load(briefing_id).annotation(0).note == "window A's note"
    # Undoing a change made over another window's note takes back only this window's part.
    merged = SetNote(0, "B's second thought", "window B's note")
    library.apply(briefing_id, merged)
    assert library.load(briefing_id).annotation(0).note == "window A's note\n\nB's second thought"
    library.apply(briefing_id, merged.inverse())
    assert library.load(briefing_id).annotation(0).note == "window A's note\n\nwindow B's note"
    # Without a conflict a note is simply replaced, and undo puts the old one back.
    edit = SetNote(0, "settled", "window A's note\n\nwindow B's note")
    library.apply(briefing_id, edit)
    assert library.load(briefing_id).annotation(0).note == "settled"
    library.apply(briefing_id, edit.inverse())
    assert library.load(briefing_id).annotation(0).note == "window A's note\n\nwindow B's note"


def test_summaries_written_in_two_windows_keep_both_windows_changes(library: Library) -> None:
    briefing_id = library.add_article(article()).id
    start = Summary(bluf="US flies ISR for the offensive.", judgments=(Judgment("j1", "Air support is likely.", "likely", "moderate", (3,)),))
    library.apply(briefing_id, SetSummary(start, Summary()))
    # Window A grades the source and edits the judgment; window B rewrites the BLUF and adds one.
    a_version = replace(start, grade=SourceGrade("B", "2"), judgments=(replace(start.judgments[0], likelihood="very-likely"),))
    Library.open(library.path).apply(briefing_id, SetSummary(a_version, start))
    b_version = replace(start, bluf="US now flies ISR for an Iranian-led offensive.", judgments=(*start.judgments, Judgment("j2", "Tikrit falls within weeks.", "roughly-even", "low", (11,))))
    library.apply(briefing_id, SetSummary(b_version, start))
    saved = library.load(briefing_id).summary
    assert saved.bluf == "US now flies ISR for an Iranian-led offensive."
    assert saved.grade == SourceGrade("B", "2")
    assert [(j.id, j.likelihood) for j in saved.judgments] == [("j1", "very-likely"), ("j2", "roughly-even")]


def test_taxonomies_changed_in_two_windows_keep_both_windows_changes(library: Library) -> None:
    """Window B (or `brief tags --load`) renames a tag and adds one while window A, started from
    the same taxonomy, adds, edits and deletes others: both sets of changes are saved."""
    start = library.settings().tags
    b_tags = tuple(replace(tag, name="Verified fact") if tag.id == "fact" else tag for tag in start)
    b_tags += (Tag("rumour", "rumour", "", "grey", "heard, not confirmed"),)
    Library.open(library.path).apply_settings(SetTaxonomy(b_tags, start))
    a_tags = tuple(tag for tag in start if tag.id != "opinion")  # A deletes one...
    a_tags = tuple(replace(tag, colour="red") if tag.id == "claim" else tag for tag in a_tags)  # ...edits one...
    a_tags += (Tag("rumor", "rumour", "", "yellow", "A's spelling"),)  # ...and adds one named as B's is
    edit = SetTaxonomy(a_tags, start)
    saved = library.apply_settings(edit).tags
    names = {tag.id: tag.name for tag in saved}
    assert names["fact"] == "Verified fact"  # B's rename
    assert {tag.id: tag.colour for tag in saved}["claim"] == "red"  # A's edit
    assert "opinion" not in names  # A's deletion
    assert names["rumour"] == "rumour" and names["rumor"] == "rumour (rumor)"  # both; the later gives way
    check_tags(saved)
    # Undo in window A takes back only A's changes: B's taxonomy is what is left.
    assert library.apply_settings(edit.inverse()).tags == b_tags


def test_a_tag_edited_in_one_window_survives_its_deletion_in_another(library: Library) -> None:
    start = library.settings().tags
    edited = tuple(replace(tag, description="kept") if tag.id == "claim" else tag for tag in start)
    Library.open(library.path).apply_settings(SetTaxonomy(edited, start))
    saved = library.apply_settings(SetTaxonomy(tuple(tag for tag in start if tag.id != "claim"), start)).tags
    assert {tag.id: tag.description for tag in saved}["claim"] == "kept"


def test_another_windows_new_order_of_the_tags_is_kept(library: Library) -> None:
    start = library.settings().tags
    swapped = (start[1], start[0], *start[2:])
    Library.open(library.path).apply_settings(SetTaxonomy(swapped, start))
    recoloured = tuple(replace(tag, colour="red") if tag.id == start[0].id else tag for tag in start)
    saved = library.apply_settings(SetTaxonomy(recoloured, start)).tags
    assert [tag.id for tag in saved] == [tag.id for tag in swapped]
    assert saved[1].colour == "red"
