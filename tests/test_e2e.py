"""End to end: the installed `brief` in a real terminal (tmux), driven by keys, read off the screen."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from briefings.readers import read_file
from store import Library
from tests.tmux import TmuxSession, require_tmux

pytestmark = pytest.mark.e2e

BRIEF = str(Path(sys.executable).parent / "brief")
DATELINE = "The Telegraph UK 25 March 2015"


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_tmux()


def test_brief_opens_the_sample_tags_and_keeps_them_after_a_restart(library_dir: Path) -> None:
    with TmuxSession([BRIEF, "--library", str(library_dir)]) as term:
        screen = term.wait_for(DATELINE)
        assert "0/15 reviewed" in screen
        term.wait_for("Actors ")  # the pane has its title; extraction fills it in the background
        term.send("j", "2", "6")
        term.wait_for("¶2  fact   military")  # the tag chips on the paragraph's header line
        term.send("q")
        term.wait_for("[exited 0]")
    with TmuxSession([BRIEF, "--library", str(library_dir)]) as term:
        term.wait_for("MESOP : JOINT FORCES")  # the library screen lists the briefing
        term.send("Enter")
        term.wait_for(DATELINE)
        term.wait_for("¶2  fact   military")
        term.send("q")
        term.wait_for("[exited 0]")


def test_a_full_review_is_all_there_after_a_restart(library_dir: Path) -> None:
    with TmuxSession([BRIEF, "--library", str(library_dir)], height=50) as term:
        term.wait_for(DATELINE)
        term.wait_for("suggested)", timeout=60)  # extraction done: suggestions are listed
        # Tag and note the second paragraph.
        term.send("j", "3")
        term.send("a")
        term.wait_for("Note on ¶2")
        term.type("one unnamed source only")
        term.wait_for("one unnamed source only")
        term.send("Escape")
        term.wait_for("✎ one unnamed source only")
        term.wait_for("¶2  claim")
        # Promote the first suggested question.
        term.send("Tab", "Tab", "Tab")
        term.send("End")
        term.send("e")
        term.wait_for("Open question")
        term.send("C-s")
        term.wait_until_gone("Ctrl+S saves")
        # Summary: BLUF, a judgment with a likelihood, and the source grade.
        term.send("Escape")
        term.wait_until_gone("Edit/answer/promote")  # back in the article: the pane's keys have left the footer
        term.send("s")
        term.wait_for("Bottom line up front")
        term.type("US flies ISR for an Iranian-led offensive.")
        term.wait_for("US flies ISR for an Iranian-led offensive.")  # typed keys handled before the next
        term.send("C-j")
        term.wait_for("rests on paragraphs")
        term.type("Coalition air support is likely if requested.")
        term.wait_for("Coalition air support is likely if requested.")
        term.send("Tab", "Enter")  # open the likelihood list
        term.wait_for("likely (55-80%)")
        term.send("Down", "Down", "Down", "Down", "Down", "Enter")  # the fifth step: likely
        term.wait_until_gone("roughly even chance")  # the list has closed on the choice
        term.send("C-s")
        term.wait_for("Coalition air support is likely if requested.")
        term.send("Tab", "Tab", "Enter")  # source reliability
        term.wait_for("B — usually reliable")
        term.send("Down", "Down", "Enter")
        term.wait_until_gone("C — fairly reliable")  # the list has closed on the choice
        term.send("Tab", "Enter")  # information credibility
        term.wait_for("2 — probably true")
        term.send("Down", "Down", "Enter")
        term.wait_until_gone("3 — possibly true")
        term.send("Escape")
        screen = term.wait_for("BLUF: US flies ISR")
        assert " B2 " in screen
        term.send("q")
        term.wait_for("[exited 0]")

    briefing_id = Library.open(library_dir).entries()[0].id
    briefing = Library.open(library_dir).load(briefing_id)
    assert briefing.annotation(1).tags == {"claim"}
    assert briefing.annotation(1).note == "one unnamed source only"
    assert len(briefing.questions) == 1 and next(iter(briefing.questions.values())).suggestion
    assert briefing.summary.bluf == "US flies ISR for an Iranian-led offensive."
    (judgment,) = briefing.summary.judgments
    assert judgment.likelihood == "likely"
    assert briefing.summary.grade.code == "B2"

    with TmuxSession([BRIEF, "--library", str(library_dir)], height=50) as term:
        term.wait_for("MESOP : JOINT FORCES")
        term.send("Enter")
        screen = term.wait_for("BLUF: US flies ISR")
        assert "✎ one unnamed source only" in screen and "¶2  claim" in screen and " B2 " in screen
        term.send("q")
        term.wait_for("[exited 0]")


def test_bad_file_is_one_clear_line_and_a_non_zero_exit(tmp_path: Path, library_dir: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with TmuxSession([BRIEF, "open", str(binary), "--library", str(library_dir)]) as term:
        screen = term.wait_for("[exited 1]")
        assert "photo.txt" in screen and "Traceback" not in screen


def test_two_windows_on_one_library_see_each_others_work_and_lose_none(library_dir: Path, sample_path: Path) -> None:
    """Two `brief` processes review the same article: each shows what the other saved, and a
    note written in both keeps both texts."""
    Library.open(library_dir).add_article(read_file(sample_path))
    command = [BRIEF, "open", str(sample_path), "--library", str(library_dir)]
    with TmuxSession(command) as first, TmuxSession(command) as second:
        first.wait_for(DATELINE)
        second.wait_for(DATELINE)
        first.send("2")  # ¶1 fact, in the first window
        second.send("j", "6")  # ¶2 military, in the second
        first.wait_for("¶2  military")
        second.wait_for("¶1  fact")
        # Both open the note editor on ¶1 before either saves.
        first.send("a")
        second.send("k", "a")
        first.wait_for("Note on ¶1")
        second.wait_for("Note on ¶1")
        first.type("seen by the first analyst")
        first.send("C-s")
        first.wait_until_gone("Note on ¶1")
        second.type("seen by the second analyst")
        second.send("C-s")
        second.wait_until_gone("Note on ¶1")
        second.wait_for("✎ seen by the first analyst")
        first.wait_for("seen by the second analyst", timeout=10)
        first.send("q")
        second.send("q")
        first.wait_for("[exited 0]")
        second.wait_for("[exited 0]")
    library = Library.open(library_dir)
    saved = library.load(library.entries()[0].id)
    assert saved.annotation(0).tags == {"fact"} and saved.annotation(1).tags == {"military"}
    assert saved.annotation(0).note == "seen by the first analyst\n\nseen by the second analyst"


def test_closing_the_terminal_saves_the_note_being_typed_and_the_tags(library_dir: Path) -> None:
    """The analyst closes the terminal window (SIGHUP) with a note half written: the note and the
    tag made just before are on disk."""
    with TmuxSession([BRIEF, "--library", str(library_dir)]) as term:
        term.wait_for(DATELINE)
        term.send("j", "3", "a")
        term.wait_for("Note on ¶2")
        term.type("written as the window closed")
        term.wait_for("written as the window closed")  # on screen, so in the editor
    # Closing the session hung up the terminal; Brief saves and leaves within a few seconds.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        (entry,) = Library.open(library_dir).entries()
        annotation = Library.open(library_dir).load(entry.id).annotation(1)
        if annotation.note:
            break
        time.sleep(0.2)
    assert annotation.note == "written as the window closed"
    assert annotation.tags == {"claim"}
    # And the process is gone: Textual's own shutdown could block on the vanished terminal.
    while time.monotonic() < deadline and _processes_using(library_dir):
        time.sleep(0.2)
    assert not _processes_using(library_dir)


def _processes_using(library_dir: Path) -> list[str]:
    """Process ids whose command line names the library folder."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(library_dir).encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:  # ended while we looked
            continue
    return found
