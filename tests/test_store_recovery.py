"""Damaged files: quarantined and reported, recovered where possible, never silently lost; the doctor."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from briefings.briefing import Question
from briefings.edits import AddDecision, AddTag, PutQuestion, SetNote, SetTaxonomy
from briefings.decisions import ActorDecision
from briefings.model import Article, make_paragraphs
from briefings.taxonomy import DEFAULT_TAGS
from store import BriefingNotFound, Library
from store.doctor import check

pytestmark = [pytest.mark.unit, pytest.mark.faults]

DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda good: random.Random(7).randbytes(700),
    "truncated": lambda good: good[: len(good) // 2],
    "zero-byte": lambda good: b"",
    "whitespace only": lambda good: b"  \n",
    "wrong shape (a list)": lambda good: b"[1, 2, 3]",
    "wrong shape (bad documents)": lambda good: b'{"briefing": {"1": {"id": 5}}, "article": {"1": {"title": []}}}',
    "invalid UTF-8": lambda good: good.replace(b'"title":"', b'"title":"\xff\xfe', 1),
}


def article(title: str, n: int = 5) -> Article:
    return Article(title, make_paragraphs([f"{title}: paragraph {i} with enough words to be a paragraph." for i in range(n)]))


def two_briefings(root: Path) -> tuple[Library, str, str]:
    library = Library.open(root)
    a = library.add_article(article("Alpha")).id
    b = library.add_article(article("Bravo")).id
    library.apply(a, AddTag(0, "fact"))
    library.apply(b, AddTag(1, "claim"))
    return library, a, b


def replace_file(path: Path, data: bytes) -> None:
    """Change a file the way another program would: a new file renamed over the old one."""
    temp = path.with_name("other-program.tmp-write")
    temp.write_bytes(data)
    os.replace(temp, path)


def quarantined(root: Path) -> list[bytes]:
    return [path.read_bytes() for path in sorted((root / "quarantine").iterdir())]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_briefing_found_on_load_is_quarantined_and_reported(tmp_path: Path, kind: str) -> None:
    _, a, b = two_briefings(tmp_path / "lib")
    path = tmp_path / "lib" / "briefings" / f"{a}.json"
    damaged = DAMAGE[kind](path.read_bytes())
    path.write_bytes(damaged)  # in place: the folder does not change, so only reading finds it
    library = Library.open(tmp_path / "lib")
    recovered = library.load(a)
    if kind == "invalid UTF-8":
        assert recovered.article.title == "\ufffd\ufffdAlpha" and recovered.annotation(0).tags == {"fact"}
        assert "unreadable characters replaced" in library.warnings[0]
    else:
        # The backup taken before the last save: the briefing as imported, without that tag.
        assert recovered.article.title == "Alpha" and recovered.annotations == {}
        assert "restored the backup" in library.warnings[0] and "before the last save" in library.warnings[0]
    assert sorted(entry.id for entry in library.entries()) == sorted([a, b])
    assert quarantined(library.path) == [damaged]
    assert len(library.warnings) == 1 and "Alpha" in library.warnings[0] and "damaged" in library.warnings[0]
    assert library.load(b).annotation(1).tags == {"claim"}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_briefing_found_on_open_does_not_stop_the_library(tmp_path: Path, kind: str) -> None:
    library = Library.open(tmp_path / "lib")
    a = library.add_article(article("Alpha")).id  # written once: no backup to fall back on
    b = library.add_article(article("Bravo")).id
    path = tmp_path / "lib" / "briefings" / f"{a}.json"
    damaged = DAMAGE[kind](path.read_bytes())
    replace_file(path, damaged)
    library = Library.open(tmp_path / "lib")
    assert quarantined(library.path) == [damaged]
    assert len(library.warnings) == 1
    if kind == "invalid UTF-8":
        assert "unreadable characters replaced" in library.warnings[0]
        assert sorted(entry.id for entry in library.entries()) == sorted([a, b])
    else:
        assert "no good copy" in library.warnings[0]
        assert [entry.id for entry in library.entries()] == [b]
        with pytest.raises(BriefingNotFound):
            library.load(a)


def test_complete_newer_json_at_the_head_of_a_file_is_recovered(tmp_path: Path) -> None:
    library, a, _ = two_briefings(tmp_path / "lib")
    path = library.path / "briefings" / f"{a}.json"
    old = path.read_bytes()
    library.apply(a, SetNote(2, "x" * 10))
    new = path.read_bytes()
    library.apply(a, SetNote(2, "y" * 400))  # the stale tail comes from a longer version
    longer = path.read_bytes()
    assert len(new) < len(longer)
    path.write_bytes(new + longer[len(new) :])  # what an in-place rewrite killed before truncating leaves
    reopened = Library.open(library.path)
    briefing = reopened.load(a)
    assert briefing.annotation(2).note == "x" * 10 and briefing.annotation(0).tags == {"fact"}
    assert "recovered its last complete version" in reopened.warnings[0]
    assert quarantined(library.path) == [new + longer[len(new) :]]
    assert Library.open(library.path).load(a) == briefing  # the recovered version was written back
    assert old != new


def test_newest_backup_is_restored_when_nothing_else_can_be(tmp_path: Path) -> None:
    library, a, _ = two_briefings(tmp_path / "lib")
    Library.open(library.path).apply(a, AddTag(3, "later"))  # a new session backs up the version before it
    path = library.path / "briefings" / f"{a}.json"
    path.write_bytes(b"")
    reopened = Library.open(library.path)
    briefing = reopened.load(a)
    assert briefing.annotation(0).tags == {"fact"} and 3 not in briefing.annotations
    assert "restored the backup" in reopened.warnings[0]
    assert quarantined(library.path) == [b""]
    # The backup it came from is still there, should the restored file be damaged again.
    backup = library.path / "backups" / "briefings" / f"{a}.json"
    assert backup.exists() and 3 not in Library.open(library.path).load(a).annotations


def test_an_edit_to_a_damaged_briefing_applies_to_the_recovered_one(tmp_path: Path) -> None:
    library, a, _ = two_briefings(tmp_path / "lib")
    Library.open(library.path).apply(a, AddTag(3, "later"))
    path = library.path / "briefings" / f"{a}.json"
    path.write_bytes(path.read_bytes()[:-20])
    other = Library.open(library.path)
    other.apply(a, AddTag(4, "after"))
    briefing = other.load(a)
    assert briefing.annotation(0).tags == {"fact"} and briefing.annotation(4).tags == {"after"}
    assert len(other.warnings) == 1


def test_damaged_settings_fall_back_to_a_backup_or_the_defaults(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    library.apply_settings(AddDecision(ActorDecision("d1", "hide", "reuters")))
    Library.open(library.path).apply_settings(AddDecision(ActorDecision("d2", "hide", "afp")))
    settings_file = library.path / "settings.json"
    settings_file.write_bytes(b'{"tags": {"1": ')
    reopened = Library.open(library.path)
    assert [d.id for d in reopened.settings().decisions] == ["d1"]
    assert "restored the backup" in reopened.warnings[0]

    (library.path / "backups" / "settings.json").unlink()
    settings_file.write_bytes(b"\x00" * 64)
    again = Library.open(library.path)
    assert again.settings().tags == DEFAULT_TAGS
    assert "using the default tags" in again.warnings[0]
    assert len(quarantined(library.path)) == 2


def test_damaged_store_file_is_quarantined_and_recreated(tmp_path: Path) -> None:
    library, a, _ = two_briefings(tmp_path / "lib")
    (library.path / "library.json").write_bytes(b"{not json")
    reopened = Library.open(library.path)
    assert "store file was damaged" in reopened.warnings[0]
    assert reopened.load(a).annotation(0).tags == {"fact"} and not reopened.read_only
    assert quarantined(library.path) == [b"{not json"]


def test_damaged_text_index_is_recomputed(tmp_path: Path) -> None:
    library, a, _ = two_briefings(tmp_path / "lib")
    library.apply(a, SetNote(0, "Suleimani"))
    text = library.path / "index" / "search.tsv"
    text.write_bytes(b"\xff\xfe garbage\tline\n" + text.read_bytes()[:30])
    assert [hit.id for hit in Library.open(library.path).search("suleimani")] == [a]


def test_doctor_reports_a_healthy_library(tmp_path: Path) -> None:
    two_briefings(tmp_path / "lib")
    report = check(tmp_path / "lib")
    assert report.ok and report.lines[-1] == "no problems found"
    assert "2 briefings read correctly" in report.lines


def test_doctor_finds_problems_without_changing_anything_and_repairs_them(tmp_path: Path) -> None:
    library, a, b = two_briefings(tmp_path / "lib")
    library.add_article(article("Bravo", n=3))  # same title, other text: a separate briefing
    root = library.path
    (root / "briefings" / f"{a}.json").write_bytes(b"")
    (root / "briefings" / ".x.json.999999.dead.tmp").write_bytes(b"{")
    (root / "briefings" / ".hidden-stray.json").write_bytes(b"not a briefing")  # not ours: left alone
    (root / "extractions" / f"{'ab' * 32}.p.json").write_bytes(b"[")
    snapshot = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}

    report = check(root)
    assert not report.ok
    problems = [line for line in report.lines if line.startswith("problem:")]
    assert any(f"briefings/{a}.json is damaged" in line for line in problems)
    assert any("1 temp file left" in line for line in problems)
    assert not any("hidden-stray" in line for line in problems)
    assert any("index is out of date" in line for line in problems)
    assert any("extraction cache" in line for line in problems)
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == snapshot

    repaired = check(root, repair=True)
    assert repaired.ok, repaired.lines
    assert any(line.startswith("repaired:") and "damaged" in line for line in repaired.lines)
    assert "repaired: removed leftover temp file briefings/.x.json.999999.dead.tmp" in repaired.lines
    assert (root / "briefings" / ".hidden-stray.json").read_bytes() == b"not a briefing"
    assert quarantined(root) == [b""]
    assert check(root).ok
    assert {entry.id for entry in Library.open(root).entries()} >= {b}


def test_doctor_counts_orphaned_annotations(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    texts = [f"Paragraph {i} says something distinct about topic number {i * 13}." for i in range(6)]
    first = library.add_article(Article("T", make_paragraphs(texts), url="https://e.com/x"))
    library.apply(first.id, AddTag(2, "fact"))
    library.add_article(Article("T", make_paragraphs(texts[:2] + texts[3:]), url="https://e.com/x"))
    report = check(library.path)
    assert report.ok
    assert "1 orphaned annotation in 1 briefing (kept; re-attach or discard them in the app)" in report.lines
    distinct = ["Rain is expected in Oslo.", "The cabinet met on Monday.", "Markets fell sharply.", "A bridge was reopened."]
    second = library.add_article(Article("U", make_paragraphs(distinct), url="https://e.com/y"))
    library.apply(second.id, PutQuestion(Question("q", "Who met?", paragraph=1)))
    library.add_article(Article("U", make_paragraphs(distinct[:1] + distinct[2:]), url="https://e.com/y"))
    assert (
        "1 orphaned annotation and 1 orphaned paragraph link of questions and judgments in 2 briefings "
        "(kept; re-attach or discard them in the app)"
    ) in check(library.path).lines


def test_doctor_on_a_missing_folder(tmp_path: Path) -> None:
    report = check(tmp_path / "nothing")
    assert not report.ok and "not a library folder" in report.lines[0]


def test_settings_edit_survives_taxonomy_replacement(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    tags = DEFAULT_TAGS[:3]
    assert library.apply_settings(SetTaxonomy(tags, DEFAULT_TAGS)).tags == tags


def test_a_briefing_file_that_cannot_be_read_does_not_stop_the_library_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk error on one file while the index is rebuilt from the files: the library opens,
    says which file, lists the others, and reads it again on the next open."""
    import store.folder_core

    library, a, b = two_briefings(tmp_path)
    del library
    for path in (tmp_path / "index").iterdir():
        path.unlink()  # lost: the index is rebuilt from the files
    real_read = store.folder_core.read_snapshot

    def failing_read(path: Path, *args: object) -> object:
        if path.name == f"{b}.json":
            raise OSError(5, "Input/output error")
        return real_read(path, *args)

    monkeypatch.setattr(store.folder_core, "read_snapshot", failing_read)
    library = Library.open(tmp_path)
    assert any(f"{b}.json cannot be read (Input/output error)" in warning for warning in library.warnings)
    assert {entry.id for entry in library.entries()} == {a}
    assert library.load(a).annotation(0).tags == {"fact"}
    monkeypatch.setattr(store.folder_core, "read_snapshot", real_read)
    # Readable again: the next open reads it and lists it.
    library = Library.open(tmp_path)
    assert {entry.id for entry in library.entries()} == {a, b}
    assert library.load(b).annotation(1).tags == {"claim"}


def test_a_folder_named_like_a_briefing_is_set_aside_and_reported(tmp_path: Path) -> None:
    """A folder in a briefing file's place: quarantined, reported, the briefing restored from its
    backup; before, the briefing left the list with no word (issue 17, point 6)."""
    library, a, b = two_briefings(tmp_path)
    library.apply(a, AddTag(2, "claim"))
    path = tmp_path / "briefings" / f"{a}.json"
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("someone's file")
    library = Library.open(tmp_path)
    assert {entry.id for entry in library.entries()} == {a, b}
    assert library.load(a).annotation(0).tags == {"fact"}  # the backup: before the last save
    (warning,) = library.warnings
    assert "a folder where a file should be" in warning and "quarantine" in warning
    (moved,) = (tmp_path / "quarantine").iterdir()
    assert (moved / "inside.txt").read_text() == "someone's file"


def test_a_damaged_file_loses_at_most_the_last_save_not_the_session(tmp_path: Path) -> None:
    """Backups are taken before every save, so restoring one loses the last save only; they used
    to be taken once a session, losing everything since it began (issue 17, point 10)."""
    library = Library.open(tmp_path / "lib")
    a = library.add_article(article("Alpha", n=25)).id
    session = Library.open(tmp_path / "lib")  # a later session: twenty changes, one save each
    for paragraph in range(20):
        session.apply(a, AddTag(paragraph, "fact"))
    path = library.path / "briefings" / f"{a}.json"
    path.write_bytes(b"")  # emptied in place by something else
    fresh = Library.open(library.path)  # no copy in memory: only the backup can help
    recovered = fresh.load(a)
    assert sorted(recovered.annotations) == list(range(19))
    assert "restored the backup" in fresh.warnings[0]
