"""The entry point's short way to the app for `brief open FILE` (`tui.launch`), and that whatever
it does not take goes to the command line, which answers exactly as before (issue 14, point 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.launch import plain_open, read_quietly

pytestmark = pytest.mark.unit

BRIEF = str(Path(sys.executable).parent / "brief")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("Port reopens\n\nThe port of Vestby reopened on Monday.\n", encoding="utf-8")
    return path


def test_the_plain_open_of_a_file_takes_the_short_way(article: Path, tmp_path: Path) -> None:
    library = tmp_path / "library"
    assert plain_open(["open", str(article)]) == (None, article)
    for arguments in (
        ["open", str(article), "--library", str(library)],
        ["open", "--library", str(library), str(article)],
        ["--library", str(library), "open", str(article)],
        ["open", f"--library={library}", str(article)],
    ):
        assert plain_open(arguments) == (library, article), arguments


def test_anything_else_goes_to_the_command_line(article: Path, tmp_path: Path) -> None:
    library = tmp_path / "library"
    for arguments in (
        [],
        ["open"],
        ["open", str(article), str(article)],
        ["import", str(article)],
        ["open", "--help"],
        ["--version"],
        ["open", "--", str(article)],
        ["open", str(tmp_path)],  # a folder
        ["open", str(tmp_path / "missing.txt")],
        ["open", "https://example.org/news"],
        ["open", str(article), "--library"],  # no value
        ["open", str(article), "--library="],
        ["--library", str(library), "open", str(article), "--library", str(library)],  # twice
        ["open", str(article), "--library", str(article)],  # a library that is a file
    ):
        assert plain_open(arguments) is None, arguments


def test_a_file_that_cannot_be_read_goes_to_the_command_line(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert plain_open(["open", str(binary)]) == (None, binary)
    assert read_quietly(binary) is None


@pytest.mark.parametrize("problem", ["missing", "folder", "library-is-a-file"])
def test_the_command_line_reports_what_the_short_way_leaves_to_it(problem: str, article: Path, tmp_path: Path) -> None:
    arguments = {
        "missing": ["open", str(tmp_path / "missing.txt")],
        "folder": ["open", str(tmp_path)],
        "library-is-a-file": ["open", str(article), "--library", str(article)],
    }[problem]
    result = subprocess.run([BRIEF, *arguments], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Usage: brief open"), result.stderr
