"""Imports refuse what is not a regular file at once, show progress inside one long article, and
leave an article over the extraction limit unextracted, saying so (issue 17, point 8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.extraction import EXTRACT_LIMIT, installed_pipeline, load_extractor
from briefings.model import Article, make_paragraphs
from store import Library
from store.bulk_extract import extract_articles
from tui.cli import main

pytestmark = pytest.mark.unit

BRIEF = str(Path(sys.executable).parent / "brief")


def brief(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed `brief`, with a timeout: a FIFO used to block the import for ever."""
    return subprocess.run([BRIEF, *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.json", "pipe"])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, name: str) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)
    result = brief("import", str(pipe), "--library", str(tmp_path / "lib"))
    assert result.returncode == 1
    assert f"failed: {pipe}: is a named pipe, not a file" in " ".join(result.stderr.split())


def test_a_device_behind_a_file_name_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zeros.txt"
    link.symlink_to("/dev/zero")
    result = brief("import", str(link), "--library", str(tmp_path / "lib"), "--no-extract")
    assert result.returncode == 1 and "is a device, not a file" in result.stderr


def test_brief_open_of_a_named_pipe_is_one_line_and_no_wait(tmp_path: Path) -> None:
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    result = brief("open", str(pipe), "--library", str(tmp_path / "lib"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {pipe}: is a named pipe, not a file"


def test_a_named_pipe_in_a_folder_is_skipped(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "a.txt").write_text("A title\n\nA paragraph with enough words to count as one.\n", encoding="utf-8")
    result = brief("import", str(inbox), "--library", str(tmp_path / "lib"), "--no-extract")
    assert result.returncode == 0 and "1 imported" in result.stderr and "1 file in folders skipped" in result.stderr


def long_article(words: int) -> Article:
    paragraph = "The minister said officials in Baghdad would meet on Tuesday to discuss aid for Tikrit."
    count = len(paragraph.split())
    return Article("A long report", make_paragraphs([paragraph] * (words // count)), origin="long.txt")


def test_an_article_over_the_limit_is_imported_without_extraction_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    article = long_article(3_000)
    path.write_text(article.title + "\n\n" + "\n\n".join(p.text for p in article.paragraphs), encoding="utf-8")
    library = tmp_path / "lib"
    result = CliRunner().invoke(main, ["import", str(path), "--library", str(library), "--extract-limit", "1000"])
    assert result.exit_code == 0
    output = " ".join(result.output.split())
    assert "1 imported" in output
    assert "not extracted: long.txt (3,000 words, over the limit of 1,000); the app extracts it when it is opened" in output
    opened = Library.open(library)
    entry = opened.entries()[0]
    assert opened.load_extraction(entry.content_hash, installed_pipeline()) is None
    # The way to extract it later: import it again without the limit.
    again = CliRunner().invoke(main, ["import", str(path), "--library", str(library), "--extract-limit", "0"])
    assert again.exit_code == 0 and "Extracted 1 article" in again.output
    assert opened.load_extraction(entry.content_hash, installed_pipeline()) is not None
    assert f"{EXTRACT_LIMIT:,}" in CliRunner().invoke(main, ["import", "--help"]).output


def test_one_long_article_shows_progress_inside_itself(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    article = long_article(4_000)
    library.add_article(article)
    seen: list[tuple[int, int]] = []
    report = extract_articles(library, [article], load_extractor(), on_words=lambda done, total: seen.append((done, total)))
    assert report.extracted == 1
    total = article.word_count
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    steps = [done for done, _ in seen]
    assert steps == sorted(steps) and len(set(steps)) > 20  # many steps inside the one article
