"""What the store accepts, every export can write (issue 17, point 9).

Lone surrogates cannot come from a file (the readers strip them) but can from the Python API. The
store now saves them as U+FFFD; a library an older Brief wrote with them escaped in its JSON still
exports, in every format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.edits import SetNote, SetSummary
from briefings.readers import read_file
from briefings.summary import Summary
from store import Library
from tui.cli import main

pytestmark = pytest.mark.unit


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def briefing_with_surrogates(library_dir: Path, sample_path: Path) -> str:
    library = Library.open(library_dir)
    briefing_id = library.add_article(read_file(sample_path)).id
    library.apply(briefing_id, SetNote(0, "lone \ud800 high, lone \udfff low"))
    library.apply(briefing_id, SetSummary(Summary(bluf="bluf \udc80 here"), Summary()))
    return briefing_id


def test_the_store_saves_lone_surrogates_as_replacement_characters(library_dir: Path, briefing_with_surrogates: str) -> None:
    raw = (library_dir / "briefings" / f"{briefing_with_surrogates}.json").read_bytes()
    raw.decode("utf-8")  # plain UTF-8 all through
    assert b"\\ud800" not in raw.lower()
    assert Library.open(library_dir).load(briefing_with_surrogates).annotation(0).note == "lone \ufffd high, lone \ufffd low"


@pytest.mark.parametrize("format_id", ["md", "json", "html"])
def test_every_format_exports_what_the_store_accepted(library_dir: Path, briefing_with_surrogates: str, format_id: str, tmp_path: Path) -> None:
    output = tmp_path / f"out.{format_id}"
    result = run("export", briefing_with_surrogates, "--format", format_id, "--library", str(library_dir), "-o", str(output))
    assert result.exit_code == 0, result.output
    text = output.read_text("utf-8")
    assert "lone \ufffd high" in text or "lone \\ufffd high" in text


def test_a_library_written_with_escaped_surrogates_still_exports(library_dir: Path, briefing_with_surrogates: str, tmp_path: Path) -> None:
    """As an older Brief saved them: the note's text with JSON escapes for the lone surrogates."""
    path = library_dir / "briefings" / f"{briefing_with_surrogates}.json"
    path.write_bytes(path.read_bytes().replace("lone \ufffd high".encode(), b"lone \\ud800 high"))
    assert Library.open(library_dir).load(briefing_with_surrogates).annotation(0).note.startswith("lone \ud800 high")
    for format_id in ("md", "json", "html"):
        result = run("export", briefing_with_surrogates, "--format", format_id, "--library", str(library_dir))
        assert result.exit_code == 0
    digest = run("export", "--all", "--format", "html", "--library", str(library_dir))
    assert digest.exit_code == 0
    exported = tmp_path / "briefing.json"
    assert run("export", briefing_with_surrogates, "--format", "json", "--library", str(library_dir), "-o", str(exported)).exit_code == 0
    json.loads(exported.read_text("utf-8"))
    assert run("import", str(exported), "--no-extract", "--library", str(tmp_path / "other")).exit_code == 0
