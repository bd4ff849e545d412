"""End to end: `brief import` of a folder in a real terminal (tmux), then `brief` lists and opens the articles."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from tests.tmux import TmuxSession, require_tmux

pytestmark = pytest.mark.e2e

BRIEF = str(Path(sys.executable).parent / "brief")
DATA = Path(__file__).resolve().parent / "data" / "readers"

#: Each article's title, and a sentence of its body that only the review screen shows.
ARTICLES = {
    "Port reopens after storm": "Harbour master Jonas Berg said the first container ship",
    "Grain shipments resume from the southern ports": "The first grain ship in five months",
    "Council votes to raise the quay wall": "The town council voted by eleven to four",
}
COUNCIL = """Council votes to raise the quay wall

The town council voted by eleven to four on Thursday to raise the quay wall by half a metre before the winter storms.

The work will cost about 12 million kronor and should be finished by the end of November, the mayor said.
"""


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_tmux()


def test_import_a_folder_then_browse_and_open_an_article(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "port.html.gz").write_bytes(gzip.compress((DATA / "structure.html").read_bytes()))
    (inbox / "grain.md").write_bytes((DATA / "article.md").read_bytes())
    (inbox / "council.txt").write_text(COUNCIL, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / ".council.txt.swp").write_bytes(b"\x00vim swap")
    library = str(tmp_path / "library")

    with TmuxSession([BRIEF, "import", str(inbox), "--library", library], height=30) as term:
        screen = term.wait_for("[exited 1]", timeout=90)  # the empty file failed
        assert "Importing" in screen and "4/4" in screen
        assert f"failed: {inbox / 'empty.txt'}: the file is empty" in screen
        assert "3 imported, 0 updated, 0 duplicates, 1 failed (1 file in folders skipped" in screen
        assert "Extracted 3 articles" in screen
        assert "Traceback" not in screen

    with TmuxSession([BRIEF, "--library", library], height=40) as term:
        for title in ARTICLES:
            screen = term.wait_for(title)
        # The cursor starts on the first row: the title that comes first on screen.
        first = min(ARTICLES, key=screen.index)
        term.send("Enter")
        screen = term.wait_for(ARTICLES[first])
        assert first in screen
        term.send("Escape")
        term.wait_for(next(title for title in ARTICLES if title != first))  # back on the library screen
        term.send("q")
        term.wait_for("[exited 0]")
