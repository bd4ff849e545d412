"""Odd shapes on disk: a folder where a file should be, a file where a folder should be, a named
pipe anywhere. Each is moved to quarantine/ and reported in one line; nothing hangs, the library
opens, and `brief doctor` (with or without --repair) always finishes its report (issue 17, point 6).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.edits import AddTag
from briefings.model import Article, make_paragraphs
from store import Library
from store.doctor import check
from tui.cli import main

pytestmark = pytest.mark.unit


def article(title: str) -> Article:
    return Article(title, make_paragraphs([f"{title}: paragraph {i} with enough words to be a paragraph." for i in range(5)]))


def odd_library(root: Path) -> dict[str, str]:
    """A library with every odd shape at once; returns the briefing ids by role."""
    library = Library.open(root)
    ids = {name: library.add_article(article(name)).id for name in ("folder", "pipe", "fine")}
    for paragraph in (0, 1):
        library.apply(ids["folder"], AddTag(paragraph, "fact"))
    library.apply(ids["fine"], AddTag(0, "claim"))
    library.apply(ids["fine"], AddTag(2, "claim"))
    library.settings()
    del library
    briefings = root / "briefings"
    (briefings / f"{ids['folder']}.json").unlink()
    (briefings / f"{ids['folder']}.json").mkdir()
    (briefings / f"{ids['pipe']}.json").unlink()
    os.mkfifo(briefings / f"{ids['pipe']}.json")
    (root / "quarantine").rmdir()
    (root / "quarantine").write_text("a file where the quarantine folder goes")
    (root / "trash").rmdir()
    (root / "trash").write_text("a file where the trash folder goes")
    (root / "extractions" / f"{'cd' * 32}.p.json").mkdir()
    (root / "library.lock").unlink(missing_ok=True)
    (root / "library.lock").mkdir()
    backup = root / "backups" / "briefings" / f"{ids['fine']}.json"
    backup.unlink()
    backup.mkdir()
    os.unlink(root / "index" / "entries.jsonl")
    os.mkfifo(root / "index" / "entries.jsonl")
    return ids


def test_the_doctor_reports_every_odd_shape_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    ids = odd_library(root)
    report = check(root)
    problems = "\n".join(line for line in report.lines if line.startswith("problem:"))
    assert not report.ok
    for expected in (
        "quarantine is a file, not a folder",
        "trash is a file, not a folder",
        "library.lock is a folder, not a file",
        "entries.jsonl is a named pipe, not a file",
        f"briefings/{ids['folder']}.json is damaged: a folder where a file should be",
        f"briefings/{ids['pipe']}.json is damaged: a named pipe where a file should be",
        "damaged extraction cache entries",
    ):
        assert expected in problems
    assert (root / "quarantine").is_file() and (root / "briefings" / f"{ids['folder']}.json").is_dir()


def test_doctor_repair_sets_every_odd_shape_aside_and_ends_well(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    ids = odd_library(root)
    report = check(root, repair=True)
    assert report.ok, report.lines
    assert report.lines[-1] == "no problems found"
    library = Library.open(root)
    assert library.warnings == []
    assert {entry.id for entry in library.entries()} == {ids["folder"], ids["fine"]}
    assert library.load(ids["folder"]).annotation(0).tags == {"fact"}  # from its backup
    library.apply(ids["fine"], AddTag(3, "claim"))  # a folder in the backup's place is no obstacle
    assert sorted(library.load(ids["fine"]).annotations) == [0, 2, 3]
    moved = sorted(path.name.split("--", 1)[1] for path in (root / "quarantine").iterdir())
    for name in ("quarantine", "trash", "library.lock", "index--entries.jsonl", f"briefings--{ids['pipe']}.json", f"briefings--{ids['folder']}.json"):
        assert name in moved


def test_the_library_opens_sets_odd_shapes_aside_and_says_so(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    ids = odd_library(root)
    library = Library.open(root)
    warnings = "\n".join(library.warnings)
    for expected in (
        "quarantine was not a folder",
        "the lock file library.lock was a folder",
        "the library folder trash/ was a file",
        "index/entries.jsonl was a named pipe",
        f"{ids['pipe']}.json was damaged (a named pipe where a file should be) and no good copy was found",
        f"{ids['folder']}.json was damaged (a folder where a file should be); restored the backup",
    ):
        assert expected in warnings
    assert {entry.id for entry in library.entries()} == {ids["folder"], ids["fine"]}


@pytest.mark.parametrize("repair", [False, True])
def test_brief_doctor_never_aborts(tmp_path: Path, repair: bool) -> None:
    root = tmp_path / "lib"
    odd_library(root)
    args = ["doctor", "--library", str(root)] + (["--repair"] if repair else [])
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.output.startswith(f"Library {root}")
    assert "Errno" not in result.output
    assert result.exit_code == (0 if repair else 1)
    assert result.output.rstrip().endswith("all well" if repair else "fixes what it safely can")


def test_a_plain_file_where_a_library_folder_goes_does_not_stop_the_library(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    briefing_id = library.add_article(article("Alpha")).id
    for name in ("quarantine", "index", "backups"):
        folder = root / name
        for path in folder.rglob("*"):
            path.unlink() if path.is_file() else None
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir()
        folder.rmdir()
        folder.write_text(f"{name} as a file")
    reopened = Library.open(root)
    assert [entry.id for entry in reopened.entries()] == [briefing_id]
    reopened.apply(briefing_id, AddTag(0, "fact"))
    assert Library.open(root).load(briefing_id).annotation(0).tags == {"fact"}
    kept = {path.name.split("--", 1)[1]: path.read_text() for path in (root / "quarantine").iterdir()}
    assert kept == {name: f"{name} as a file" for name in ("quarantine", "index", "backups")}
