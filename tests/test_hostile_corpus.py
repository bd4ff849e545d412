"""Every input of the hostile corpus is imported or refused in one line, and nothing hangs
(issue 17, point 8; the time each takes is measured by `benchmarks/hostile_import.py`, and the
bound is in the README)."""

from __future__ import annotations

import pytest

import subprocess
import sys
from pathlib import Path

from store import Library
from tests.tools.hostile import build

pytestmark = pytest.mark.unit

BRIEF = str(Path(sys.executable).parent / "brief")
REFUSED = {
    "binary.txt": "binary data",
    "empty.txt": "the file is empty",
    "whitespace.txt": "the file is empty",
    "script-only.html": "no article text found",
    "over-the-size-limit.txt": "too large",
    "gzip-bomb.html.gz": "decompresses to more than 50 MB",
    "truncated.html.gz": "truncated",
    "deeply-nested.json": "nested too deeply",
    "not-an-export.json": "not a valid Brief briefing export",
    "named-pipe.txt": "is a named pipe, not a file",
    "device.txt": "is a device, not a file",
    "dangling-link.txt": "no such file",
    "link-loop.txt": "Too many levels of symbolic links",
}
NOT_EXTRACTED = ("one-line-5mb.txt", "paragraphs-20000.txt", "near-the-size-limit.txt", "just-under-the-extract-limit.txt")


def test_every_hostile_input_is_imported_or_refused_in_one_line(tmp_path: Path) -> None:
    corpus = build(tmp_path / "corpus")
    library = tmp_path / "library"
    files = [str(path) for name, path in corpus.items() if name != "a-folder.txt"]
    result = subprocess.run(
        [BRIEF, "import", *files, "--library", str(library), "--extract-limit", "2000"],
        capture_output=True, text=True, timeout=600,
    )
    lines = [" ".join(line.split()) for line in result.stderr.splitlines()]
    assert "Traceback" not in result.stderr
    assert result.returncode == 1  # some were refused
    for name, reason in REFUSED.items():
        (line,) = [line for line in lines if line.startswith(f"failed: {corpus[name]}:")]
        assert reason in line
    for name in NOT_EXTRACTED:
        assert any(line.startswith(f"not extracted: {name} (") for line in lines)
    imported = len(corpus) - 1 - len(REFUSED)
    assert f"{imported} imported, 0 updated, 0 duplicates, {len(REFUSED)} failed." in lines
    assert len(Library.open(library).entries()) == imported
    folder = subprocess.run([BRIEF, "import", str(corpus["a-folder.txt"]), "--library", str(library)], capture_output=True, text=True, timeout=60)
    assert folder.returncode == 1 and folder.stderr.startswith("brief: no importable files found")
