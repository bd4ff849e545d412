"""Start-up in a real terminal: `brief open FILE` draws the article first, and what the analyst
types at once (before the library is open, or as it opens) is neither lost nor misdirected
(issue 14, point 6). The time itself is measured in `benchmarks/startup.py`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from benchmarks.startup import SAMPLE
from store import Library
from tests.tmux import TmuxSession, require_tmux

pytestmark = pytest.mark.e2e

BRIEF = str(Path(sys.executable).parent / "brief")
DATELINE = "The Telegraph UK 25 March 2015"


def test_a_note_typed_as_soon_as_the_article_shows_is_saved(library_dir: Path, tmp_path: Path) -> None:
    require_tmux()
    article = tmp_path / "article.txt"
    shutil.copy(SAMPLE, article)
    with TmuxSession([BRIEF, "open", str(article), "--library", str(library_dir)]) as term:
        term.wait_for(DATELINE)
        # At once, in one burst: a tag, then a note on the second paragraph (its q is a letter).
        term.type("2ja")
        term.type("quite sure")
        term.send("Escape")
        term.wait_for("✎ quite sure")
        term.wait_for("¶1  fact")
        term.send("q")
        term.wait_for("[exited 0]")
    (entry,) = Library.open(library_dir).entries()
    briefing = Library.open(library_dir).load(entry.id)
    assert briefing.annotation(0).tags == {"fact"}
    assert briefing.annotation(1).note == "quite sure"
