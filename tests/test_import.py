"""Importing files into a library: every format, bad files, duplicates, updates, JSON round trips.

Extraction here uses the rule-based extractor or a small fake one: what is tested is the import
and the cache, not the language model (the CLI tests load it).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from briefings import __version__
from briefings.briefing import Question, new_id
from briefings.decisions import ActorDecision
from briefings.edits import (
    AddDecision,
    AddTag,
    DismissSuggestion,
    LibrarySettings,
    PutQuestion,
    SetNote,
    SetReviewed,
    SetSummary,
    SetTaxonomy,
)
from briefings.exporters import ExportBundle, export
from briefings.extraction import RULES_PIPELINE, apply_decisions
from briefings.extraction.model import Extraction
from briefings.extraction.rules_engine import RuleExtractor
from briefings.model import Article
from briefings.summary import Judgment, SourceGrade, Summary
from briefings.taxonomy import DEFAULT_TAGS, Tag
from store import Library
from store.batch import (
    ImportOutcome,
    MergeSettings,
    collect_files,
    import_file,
    import_files,
    importable,
)
from store.bulk_extract import extract_articles, load_articles, pending_extractions
from store.imports import merged_note

pytestmark = pytest.mark.unit

DATA = Path(__file__).resolve().parent / "data" / "readers"
GENERATED = "2026-01-15T09:30:00+00:00"

ARTICLE = """Port reopens after the storm

The port of Vestby reopened to shipping on Monday morning, three days after a storm tore two cranes from their rails.

Harbour master Jonas Berg said the first container ship had docked at dawn and that the other berths would open over the week.

Insurers estimate the damage at between 40 and 55 million kronor, although the final figure depends on the second crane.

The town council will meet on Thursday to decide whether the quay wall should be raised before the winter storms.
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a library folder and its bytes (the lock file aside: taking it is not a change)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "library.lock"
    }


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# Formats


@pytest.mark.parametrize(
    ("name", "data", "format", "title"),
    [
        ("port.txt", ARTICLE.encode("utf-8"), "text", "Port reopens after the storm"),
        ("grain.md", (DATA / "article.md").read_bytes(), "markdown", "Grain shipments resume from the southern ports"),
        ("port.html", (DATA / "structure.html").read_bytes(), "html", "Port reopens after storm"),
        ("port.html.gz", gzip.compress((DATA / "structure.html").read_bytes(), mtime=0), "html", "Port reopens after storm"),
    ],
    ids=["text", "markdown", "html", "html.gz"],  # stable across processes (pytest -n)
)
def test_each_article_format_imports(library_dir: Path, tmp_path: Path, name: str, data: bytes, format: str, title: str) -> None:
    library = Library.open(library_dir)
    outcome = import_file(library, write(tmp_path / "in", name, data))
    assert outcome.status == "imported", outcome.reason
    article = library.load(outcome.briefing_id or "").article
    assert article.format == format
    assert article.title == title
    assert len(article.paragraphs) >= 3
    assert article.word_count > 50


def test_html_pages_keep_their_metadata(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    outcome = import_file(library, write(tmp_path, "page.html.gz", gzip.compress((DATA / "structure.html").read_bytes())))
    article = library.load(outcome.briefing_id or "").article
    assert (article.source, article.byline, str(article.date)) == ("The Harbour Gazette", "Maria Lindqvist", "2021-06-14")
    assert article.url == "https://gazette.example/2021/06/14/port-reopens"


def test_every_eval_html_page_imports_with_a_title_and_paragraphs(eval_dir: Path, library_dir: Path) -> None:
    pages = eval_dir / "html-articles" / "html"
    gold = json.loads((eval_dir / "html-articles" / "ground-truth.json").read_text(encoding="utf-8"))
    collected = collect_files([pages])
    assert len(collected.files) == len(gold) and not collected.failures
    library = Library.open(library_dir)
    outcomes = import_files(library, collected.files)
    assert [o.reason for o in outcomes if o.status != "imported"] == []
    for outcome in outcomes:
        article = library.load(outcome.briefing_id or "").article
        assert article.format == "html" and article.title.strip(), outcome.path.name
        assert len(article.paragraphs) >= 5, outcome.path.name
        assert article.source, outcome.path.name
        # The body is the page's article: its words are the gold text's words.
        body = set(" ".join(p.text for p in article.paragraphs).casefold().split())
        expected = set(gold[outcome.path.name.split(".")[0]]["articleBody"].casefold().split())
        assert len(body & expected) >= 0.9 * len(expected), outcome.path.name
    assert len(library.entries()) == len(gold)


# Choosing files


def test_folders_give_articles_and_leave_out_hidden_files_backups_and_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    for name in ("b.html.gz", "a.txt", "c.md", "export.json", ".hidden.txt", "a.txt~", "#a.txt#", "~$a.txt", "notes.pdf", "logs.tar.gz", "sub/d.htm", ".git/e.txt"):
        write(root, name, "x")
    os.mkfifo(root / "pipe.txt")  # opening a named pipe would block the import forever
    (root / "dead.txt").symlink_to(root / "missing.txt")  # reported, not skipped
    (root / "loop").symlink_to(root)  # never followed
    library = Library.open(root / "library")
    write(root / "library", "briefings/zz.json", "{}")  # the library itself is never imported
    flat = collect_files([root])
    assert [p.name for p in flat.files] == ["a.txt", "b.html.gz", "c.md", "dead.txt", "export.json", "notes.pdf"]
    assert flat.skipped == 7  # hidden, three backups, tar.gz, pipe, link to a folder
    deep = collect_files([root, root / "a.txt"], recursive=True, exclude=[library.path])
    assert [p.relative_to(root).as_posix() for p in deep.files] == ["a.txt", "b.html.gz", "c.md", "dead.txt", "export.json", "notes.pdf", "sub/d.htm"]
    missing = collect_files([tmp_path / "nowhere"])
    assert missing.files == [] and "no such file or folder" in missing.failures[0].reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.TXT", True), ("a.html.gz", True), ("a.json", True), ("a.gz", False), (".a.txt", False), ("a.txt~", False), ("a.txt.swp", False)],
)
def test_importable_names(name: str, expected: bool) -> None:
    assert importable(name) is expected


# Bad files


def test_a_folder_of_good_and_bad_files(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    kept = import_file(library, write(tmp_path, "kept.txt", ARTICLE.replace("Port", "Airport")))
    before = snapshot(library_dir)
    inbox = tmp_path / "inbox"
    good = {
        "a-port.txt": ARTICLE,
        "b-grain.md": (DATA / "article.md").read_bytes(),
        "c-page.html.gz": gzip.compress((DATA / "structure.html").read_bytes()),
        "d-latin1.txt": "Café society\n\nThe café in Zürich served crème brûlée to the délégués every day.".encode("latin-1"),
    }
    bad = {
        "e-binary.txt": bytes(range(256)) * 20,
        "f-empty.md": b"",
        "g-broken.html": b"<html><head><title>x</title></head><body><div><p>",
        "h-shift-jis.txt": ("東京の会議で首相が発言した。" * 40).encode("shift_jis"),
        "i-pdf.html": b"%PDF-1.4\n%binary",
        "j-vanishes.txt": ARTICLE.replace("Port", "Harbour"),
        "k-not-an-export.json": b'{"name": "package", "version": "1.0"}',
    }
    for name, data in {**good, **bad}.items():
        write(inbox, name, data)
    (inbox / "l-folder.html").mkdir()  # a folder named like a page is not a page
    unreadable = write(inbox, "m-locked.txt", ARTICLE.replace("Port", "Dock"))
    unreadable.chmod(0)

    def vanish(outcome: ImportOutcome) -> None:
        if outcome.path.name == "i-pdf.html":
            (inbox / "j-vanishes.txt").unlink()

    outcomes = {o.path.name: o for o in import_files(library, collect_files([inbox]).files, vanish)}
    imported = {name for name, o in outcomes.items() if o.status == "imported"}
    root = os.geteuid() == 0  # root reads a file whatever its mode
    assert imported == set(good) | ({"m-locked.txt"} if root else set())
    reasons = {name: o.reason for name, o in outcomes.items() if o.status == "failed"}
    assert set(reasons) == set(bad) | (set() if root else {"m-locked.txt"})
    assert "binary data" in reasons["e-binary.txt"]
    assert "empty" in reasons["f-empty.md"]
    assert "no article text" in reasons["g-broken.html"]
    assert "neither UTF-8 nor Windows-1252" in reasons["h-shift-jis.txt"]
    assert "PDF" in reasons["i-pdf.html"]
    assert "no such file" in reasons["j-vanishes.txt"]
    assert "not a valid Brief briefing export" in reasons["k-not-an-export.json"]
    if not root:
        assert "Permission denied" in reasons["m-locked.txt"]
    assert all(reason.startswith(str(inbox / name)) for name, reason in reasons.items())
    latin = library.load(outcomes["d-latin1.txt"].briefing_id or "").article
    assert "crème brûlée" in latin.paragraphs[0].text
    # The briefing that was there before is untouched, and the good files are all there is besides.
    after = snapshot(library_dir)
    assert after[f"briefings/{kept.briefing_id}.json"] == before[f"briefings/{kept.briefing_id}.json"]
    assert len(library.entries()) == 1 + len(imported)


def test_failed_files_leave_every_file_of_the_library_as_it_was(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    first = import_file(library, write(tmp_path, "port.txt", ARTICLE))
    library.apply(first.briefing_id or "", AddTag(1, "fact"))
    before = snapshot(library_dir)
    export_path = write(tmp_path, "edited.json", _export_text(library, first.briefing_id or "").replace("Vestby", "Westby"))
    bad = [
        write(tmp_path, "binary.txt", bytes(range(256)) * 8),
        write(tmp_path, "empty.html", b""),
        export_path,
        write(tmp_path, "truncated.json", b'{"$schema": "urn:brief:schema:briefing-export:1", "para'),
        write(tmp_path, "damaged.html.gz", gzip.compress(ARTICLE.encode())[:-12]),
        tmp_path / "gone.txt",
    ]
    outcomes = import_files(library, bad)
    assert [o.status for o in outcomes] == ["failed"] * len(bad)
    assert "does not match" in outcomes[2].reason and "not JSON" in outcomes[3].reason
    assert snapshot(library_dir) == before


# Duplicates and updates


def test_duplicates_are_recognised_by_content(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    first = import_file(library, write(tmp_path, "port.txt", ARTICLE))
    again = import_file(library, write(tmp_path, "port.txt", ARTICLE))
    renamed = import_file(library, write(tmp_path, "other-name.text", ARTICLE.replace("\n\n", "\r\n\r\n")))
    compressed = import_file(library, write(tmp_path, "port.txt.gz", gzip.compress(ARTICLE.encode())))
    assert first.status == "imported"
    assert [o.status for o in (again, renamed, compressed)] == ["duplicate"] * 3
    assert {o.briefing_id for o in (again, renamed, compressed)} == {first.briefing_id}
    assert len(library.entries()) == 1


def test_a_changed_version_is_an_update_with_annotations_reattached_and_orphans_counted(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    first = import_file(library, write(tmp_path / "v1", "port.txt", ARTICLE))
    briefing_id = first.briefing_id or ""
    paragraphs = library.load(briefing_id).article.paragraphs
    library.apply_all(briefing_id, [AddTag(1, "claim"), SetNote(1, "who told him?"), AddTag(3, "follow-up"), SetReviewed(0, True)])
    changed = ARTICLE.replace(paragraphs[1].text, "").replace("storm tore", "storm had torn")
    changed = changed.replace("Port reopens after the storm\n\n", "Port reopens after the storm\n\nA new opening paragraph was added by the editors this afternoon.\n\n")
    update = import_file(library, write(tmp_path / "v2", "port.txt", changed))
    assert (update.status, update.briefing_id, update.orphans) == ("updated", briefing_id, 1)
    briefing = library.load(briefing_id)
    texts = [p.text for p in briefing.article.paragraphs]
    assert texts[0].startswith("A new opening paragraph") and "storm had torn" in texts[1]
    council = next(i for i, text in enumerate(texts) if text.startswith("The town council"))
    assert briefing.annotation(council).tags == {"follow-up"}
    assert briefing.annotation(1).reviewed  # the edited first paragraph, found again
    assert [(o.annotation.tags, o.annotation.note) for o in briefing.orphans] == [(frozenset({"claim"}), "who told him?")]
    assert len(library.entries()) == 1


# Brief JSON exports


def _export_text(library: Library, briefing_id: str, extraction: Extraction | None = None) -> str:
    """The JSON export of a briefing, as `brief export` makes it (decisions laid over the extraction)."""
    briefing = library.load(briefing_id)
    settings = library.settings()
    shown = apply_decisions(extraction, settings.decisions, briefing.article) if extraction else None
    return export(ExportBundle(briefing, shown, settings, GENERATED, __version__), "json")


def _worked_briefing(library: Library, tmp_path: Path) -> tuple[str, Extraction]:
    """The sample, with every kind of analyst work on it and an orphan, extracted and cached."""
    sample = (Path(__file__).resolve().parent.parent / "briefings" / "samples").glob("*.txt")
    text = next(sample).read_text(encoding="utf-8")
    first = import_file(library, write(tmp_path / "v1", "sample.txt", text))
    briefing_id = first.briefing_id or ""
    article = library.load(briefing_id).article
    custom = Tag("watch", "watch list", "", "#123456", "People to watch.")
    library.apply_settings(SetTaxonomy((*DEFAULT_TAGS, custom), DEFAULT_TAGS))
    last = len(article.paragraphs) - 1
    summary = Summary("US flies ISR for an Iranian-led offensive.", (Judgment("j1", "Air support is likely.", "likely", "moderate", (1, 2)),), SourceGrade("B", "2"), "Single source.")
    library.apply_all(
        briefing_id,
        [
            AddTag(0, "fact"),
            AddTag(2, "watch"),
            SetNote(2, "head of the Quds force"),
            SetReviewed(3, True),
            AddTag(last, "background"),
            SetNote(last, "to be orphaned"),
            PutQuestion(Question(new_id(), "Has the formal request been made?", paragraph=4, actors=("Iraq",), created=GENERATED)),
            DismissSuggestion("suggestion-1"),
            SetSummary(summary, Summary()),
        ],
    )
    shortened = text.replace(article.paragraphs[last].text, "")
    assert import_file(library, write(tmp_path / "v2", "sample.txt", shortened)).orphans == 1
    article = library.load(briefing_id).article
    extraction = RuleExtractor(RULES_PIPELINE).extract(article)
    library.save_extraction(article.content_hash, extraction.pipeline, extraction)
    return briefing_id, extraction


def test_a_json_export_moves_to_another_library_with_nothing_lost(tmp_path: Path) -> None:
    source = Library.open(tmp_path / "source")
    briefing_id, extraction = _worked_briefing(source, tmp_path)
    actor = extraction.actors[0]
    source.apply_settings(AddDecision(ActorDecision("d1", "rename", actor.key, "Renamed actor", GENERATED)))
    exported = _export_text(source, briefing_id, extraction)
    path = write(tmp_path, "briefing.json", exported)

    target = Library.open(tmp_path / "target")
    outcome = import_file(target, path)
    assert outcome.status == "imported", outcome.reason
    original, copy = source.load(briefing_id), target.load(outcome.briefing_id or "")
    assert copy == original  # article, annotations, questions, dismissed, summary, orphans, times, id
    assert copy.orphans and copy.questions and copy.dismissed and copy.summary.judgments
    assert target.settings() == source.settings()  # the custom tag and the actor decision
    # The export shows decisions applied; the raw extraction is made again, not taken from it.
    article = copy.article
    assert target.load_extraction(article.content_hash, RULES_PIPELINE) is None
    pending = pending_extractions(target, [copy.id], RULES_PIPELINE)
    assert extract_articles(target, load_articles(target, pending), RuleExtractor(RULES_PIPELINE)).extracted == 1
    again = target.load_extraction(article.content_hash, RULES_PIPELINE)
    assert _export_text(target, copy.id, again) == exported
    assert "Renamed actor" in exported
    # Importing it once more changes nothing.
    before = snapshot(target.path)
    assert import_file(target, path).status == "duplicate"
    assert snapshot(target.path) == before


def test_a_json_export_without_decisions_brings_its_extraction_into_the_cache(tmp_path: Path) -> None:
    source = Library.open(tmp_path / "source")
    briefing_id, extraction = _worked_briefing(source, tmp_path)
    path = write(tmp_path, "briefing.json", _export_text(source, briefing_id, extraction))
    target = Library.open(tmp_path / "target")
    outcome = import_file(target, path)
    article = target.load(outcome.briefing_id or "").article
    assert target.load_extraction(article.content_hash, RULES_PIPELINE) == extraction


def test_imported_tags_never_clash_with_the_library_and_text_is_cleaned(tmp_path: Path) -> None:
    source = Library.open(tmp_path / "source")
    briefing_id = import_file(source, write(tmp_path, "port.txt", ARTICLE)).briefing_id or ""
    clash = Tag("facts", "Fact", "2", "#ffffff", "Same name and key as the library's fact tag.")
    source.apply_settings(SetTaxonomy((clash,), DEFAULT_TAGS))
    source.apply_all(briefing_id, [AddTag(0, "facts"), SetNote(0, "clean")])
    document = json.loads(_export_text(source, briefing_id))
    document["paragraphs"][0]["note"] = "cl\x1b[2Jea\x1b]8;;http://x\x07n"
    target = Library.open(tmp_path / "target")
    outcome = import_file(target, write(tmp_path, "hostile.json", json.dumps(document)))
    assert outcome.status == "imported", outcome.reason
    assert target.load(outcome.briefing_id or "").annotation(0).note == "clean"
    added = target.settings().tags[-1]
    assert (added.id, added.name, added.key) == ("facts", "Fact (facts)", "")
    assert target.settings().tags[: len(DEFAULT_TAGS)] == DEFAULT_TAGS


def test_merging_settings_adds_only_what_is_missing() -> None:
    decision = ActorDecision("d1", "hide", "someone")
    settings = LibrarySettings(DEFAULT_TAGS, (decision,))
    merge = MergeSettings(DEFAULT_TAGS[:2], (decision,))
    assert not merge.changes(settings) and merge.apply(settings) == settings
    extra = MergeSettings((Tag("new", "new tag", "9"),), (ActorDecision("d2", "rename", "x", "y"),))
    merged = extra.apply(settings)
    assert merged.tags == (*DEFAULT_TAGS, Tag("new", "new tag", ""))  # 9 is the follow-up tag's key
    assert [d.id for d in merged.decisions] == ["d1", "d2"]


@pytest.mark.parametrize(
    ("ours", "theirs", "merged"),
    [
        ("A", "A", "A"),
        ("A edited", "A", "A edited"),  # the export is older than the library's note
        ("A", "A edited", "A edited"),  # the export extends the library's note
        ("", "theirs", "theirs"),
        ("ours", "", "ours"),
        ("Alas", "A", "Alas\n\nA"),  # "A" is not in "Alas": only whole words count
        ("see (x)", "(x)", "see (x)"),
        ("who told him?", "check the date", "who told him?\n\ncheck the date"),
    ],
)
def test_merged_notes_keep_both_only_when_neither_contains_the_other(ours: str, theirs: str, merged: str) -> None:
    assert merged_note(ours, theirs) == merged


def test_re_importing_an_export_after_the_note_changed_is_a_duplicate_not_a_growing_note(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    briefing_id = import_file(library, write(tmp_path, "port.txt", ARTICLE)).briefing_id or ""
    library.apply(briefing_id, SetNote(1, "A"))
    older = write(tmp_path, "older.json", _export_text(library, briefing_id))
    library.apply(briefing_id, SetNote(1, "A edited", "A"))
    newer = write(tmp_path, "newer.json", _export_text(library, briefing_id))

    before = snapshot(library_dir)
    for _ in range(3):
        assert import_file(library, older).status == "duplicate"
        assert import_file(library, newer).status == "duplicate"
    assert snapshot(library_dir) == before
    assert library.load(briefing_id).annotation(1).note == "A edited"

    library.apply(briefing_id, SetNote(1, "A", "A edited"))  # the library falls behind the newer export
    assert import_file(library, newer).status == "updated"
    assert library.load(briefing_id).annotation(1).note == "A edited"  # replaced, not "A\n\nA edited"
    library.apply(briefing_id, SetNote(1, "B", "A edited"))
    assert import_file(library, newer).status == "updated"
    assert library.load(briefing_id).annotation(1).note == "B\n\nA edited"  # different: both kept, once
    assert import_file(library, newer).status == "duplicate"


def test_re_importing_a_newer_export_brings_its_summary_and_answers(library_dir: Path, tmp_path: Path) -> None:
    """An export is imported, the exporting library goes on (a longer BLUF, comments, a grade, an
    answer), and the newer export is imported: all of it arrives, none of the older is lost."""
    library = Library.open(library_dir)
    briefing_id = import_file(library, write(tmp_path, "port.txt", ARTICLE)).briefing_id or ""
    question = Question(new_id(), "Who briefed Reuters?", created=GENERATED)
    library.apply_all(briefing_id, [SetSummary(Summary(bluf="US flies ISR."), Summary()), PutQuestion(question)])
    older = write(tmp_path, "older.json", _export_text(library, briefing_id))
    elsewhere = Library.open(tmp_path / "elsewhere")
    assert import_file(elsewhere, older).status == "imported"
    newer_summary = Summary(bluf="US flies ISR. Coalition air support likely.", grade=SourceGrade("B", ""), comments="Single source.")
    library.apply_all(
        briefing_id,
        [
            SetSummary(newer_summary, Summary(bluf="US flies ISR.")),
            PutQuestion(replace(question, status="answered", answer="A coalition official.")),
        ],
    )
    newer = write(tmp_path, "newer.json", _export_text(library, briefing_id))
    assert import_file(elsewhere, newer).status == "updated"
    (entry,) = elsewhere.entries()
    imported = elsewhere.load(entry.id)
    assert imported.summary == newer_summary
    (answered,) = imported.questions.values()
    assert (answered.status, answered.answer) == ("answered", "A coalition official.")
    assert import_file(elsewhere, older).status == "duplicate"  # the older adds nothing now


def test_re_importing_an_older_export_loses_none_of_the_newer_work(library_dir: Path, tmp_path: Path) -> None:
    """The library rewrote its BLUF and answered a question after exporting: importing that old
    export again keeps the new BLUF (beside the old, as two different notes are kept) and the
    answer."""
    library = Library.open(library_dir)
    briefing_id = import_file(library, write(tmp_path, "port.txt", ARTICLE)).briefing_id or ""
    question = Question(new_id(), "Who briefed Reuters?", created=GENERATED)
    library.apply_all(briefing_id, [SetSummary(Summary(bluf="US flies ISR."), Summary()), PutQuestion(question)])
    older = write(tmp_path, "older.json", _export_text(library, briefing_id))
    rewritten = Summary(bluf="US ISR flights are confirmed.")
    answered = replace(question, status="answered", answer="A Pentagon spokesman.")
    library.apply_all(briefing_id, [SetSummary(rewritten, Summary(bluf="US flies ISR.")), PutQuestion(answered)])
    import_file(library, older)
    kept = library.load(briefing_id)
    assert kept.summary.bluf.startswith("US ISR flights are confirmed.")
    assert kept.questions[question.id] == answered


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        ({"colour": "red;}</style><script>alert(1)</script>"}, "tag 'key judgment' has an invalid colour 'red;}</style><script>alert(1)</script>'"),
        ({"key": "2"}, "key 2 is given to both 'key judgment' and 'fact'"),
        ({"name": " "}, "tag 1 has no name"),
    ],
)
def test_a_json_export_with_a_taxonomy_the_library_refuses_is_not_imported(tmp_path: Path, tag: dict[str, str], reason: str) -> None:
    source = Library.open(tmp_path / "source")
    briefing_id = import_file(source, write(tmp_path, "port.txt", ARTICLE)).briefing_id or ""
    document = json.loads(_export_text(source, briefing_id))
    document["taxonomy"][0].update(tag)
    path = write(tmp_path, "bad.json", json.dumps(document))
    target = Library.open(tmp_path / "target")
    before = snapshot(target.path)
    outcome = import_file(target, path)
    assert outcome.status == "failed" and outcome.briefing_id is None
    assert outcome.reason == f"{path}: not a valid Brief briefing export: in its taxonomy, {reason}"
    assert snapshot(target.path) == before


# Bulk extraction


class FakeExtractor:
    """Extracts nothing, fails on articles whose title says "poison", counts what it is given."""

    pipeline = "fake-1"

    def __init__(self) -> None:
        self.batches: list[int] = []

    def extract(self, article: Article) -> Extraction:
        if "poison" in article.title:
            raise ValueError("cannot read this one")
        return Extraction(engine="fake", pipeline=self.pipeline, notice="fake results")

    def extract_many(self, articles: list[Article], *, batch_size: int = 16, on_words: object = None) -> Iterator[Extraction]:
        self.batches.append(len(articles))
        for article in articles:
            yield self.extract(article)


def test_bulk_extraction_caches_each_result_and_isolates_a_failing_article(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    titles = ["one", "two", "poison three", "four", "five"]
    files = [write(tmp_path, f"{n}.txt", ARTICLE.replace("Port reopens", title)) for n, title in enumerate(titles)]
    ids = [o.briefing_id or "" for o in import_files(library, files)]
    extractor = FakeExtractor()
    pending = pending_extractions(library, [*ids, ids[0]], extractor.pipeline)
    assert pending == ids
    seen: list[str] = []
    report = extract_articles(library, load_articles(library, pending), extractor, lambda a: seen.append(a.title), batch_size=2)
    assert extractor.batches == [2, 2, 1]
    assert (report.extracted, len(seen), report.notices) == (4, 5, ["fake results"])
    assert [(title, reason) for title, reason in report.failures] == [("poison three after the storm", "ValueError: cannot read this one")]
    hashes = [library.load(i).article.content_hash for i in ids]
    assert [library.load_extraction(h, "fake-1") is not None for h in hashes] == [True, True, False, True, True]
    assert pending_extractions(library, ids, extractor.pipeline) == [ids[2]]


def test_bulk_extraction_reads_articles_a_batch_at_a_time(library_dir: Path, tmp_path: Path) -> None:
    library = Library.open(library_dir)
    files = [write(tmp_path, f"{n}.txt", ARTICLE.replace("Port", f"Port {n}")) for n in range(7)]
    ids = [o.briefing_id or "" for o in import_files(library, files)]
    pulled = 0
    pulled_when_done: list[int] = []

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for article in load_articles(library, ids):
            pulled += 1
            yield article

    extract_articles(library, articles(), FakeExtractor(), lambda a: pulled_when_done.append(pulled), batch_size=3)
    assert pulled_when_done == [3, 3, 3, 6, 6, 6, 7]


def test_a_library_inside_the_imported_folder_is_not_imported(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write(inbox, "port.txt", ARTICLE)
    library = Library.open(inbox / "library")
    import_file(library, inbox / "port.txt")
    collected = collect_files([inbox], recursive=True, exclude=[inbox / "library"])
    assert [p.name for p in collected.files] == ["port.txt"]
    shutil.rmtree(inbox / "library")
