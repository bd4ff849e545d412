"""Exports say who did what: the JSON export always carries the history; Markdown and HTML say
who tagged, noted and judged what when asked (`brief export --who`), each escaped for its format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.edits import AddTag, SetNote, SetSummary
from briefings.exporters import read_json_export
from briefings.exporters.json_export import render as render_json
from briefings.summary import Judgment, Summary
from store import Desk, load_config
from tests.test_cli import run

pytestmark = pytest.mark.unit

ARTICLE = """Port reopens after the storm

The port of Vestby reopened to shipping on Monday morning, three days after a storm tore two cranes from their rails.

Harbour master Jonas Berg said the first container ship had docked at dawn.
"""
JUDGMENT = Judgment("j1", "Shipping will be back to normal within a week.", "likely", "moderate", (1,))


def as_analyst(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[analyst]\nname = {json.dumps(name)}\n", encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))


@pytest.fixture
def briefing(tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "port.txt").write_text(ARTICLE, encoding="utf-8")
    as_analyst(tmp_path, "Ada", monkeypatch)
    assert run("import", str(tmp_path / "port.txt"), "--library", str(library_dir)).exit_code == 0
    desk = Desk.open(library_dir, config=load_config())
    briefing_id = desk.entries()[0].id
    desk.apply(briefing_id, AddTag(1, "fact"))
    desk.apply(briefing_id, SetNote(1, "Berg is the harbour master"))
    as_analyst(tmp_path, "*Bob* <b>B</b>", monkeypatch)
    desk = Desk.open(library_dir, config=load_config())
    desk.apply(briefing_id, AddTag(1, "claim"))
    desk.apply(briefing_id, SetSummary(Summary("The port is open.", (JUDGMENT,)), Summary()))
    return briefing_id


def export(library_dir: Path, briefing_id: str, format_id: str, *extra: str) -> str:
    result = run("export", briefing_id, "--format", format_id, *extra, "--library", str(library_dir))
    assert result.exit_code == 0, result.output
    return result.output


def test_markdown_says_who_did_what_only_when_asked(briefing: str, library_dir: Path) -> None:
    plain = export(library_dir, briefing, "md")
    assert "Ada" not in plain and "Bob" not in plain
    shown = export(library_dir, briefing, "md", "--who")
    assert r"- **Analysts:** Ada, \*Bob\* \<b>B\</b>" in shown
    assert r"*tagged fact by Ada, claim by \*Bob\* \<b>B\</b> · note by Ada*" in shown
    assert r"*likely (55-80%) · moderate confidence · rests on ¶2 · written by \*Bob\* \<b>B\</b>*" in shown
    assert "<b>B</b>" not in shown


def test_html_says_who_did_what_escaped(briefing: str, library_dir: Path) -> None:
    assert "Ada" not in export(library_dir, briefing, "html")
    shown = export(library_dir, briefing, "html", "--who")
    assert '<p class="aside who">tagged fact by Ada, claim by *Bob* &lt;b&gt;B&lt;/b&gt; · note by Ada</p>' in shown
    assert '<span class="who">written by *Bob* &lt;b&gt;B&lt;/b&gt;</span>' in shown
    assert "<dt>Analysts</dt><dd>Ada, *Bob* &lt;b&gt;B&lt;/b&gt;</dd>" in shown
    assert "<b>B</b>" not in shown


def test_json_always_carries_the_history_and_reads_back_exactly(briefing: str, library_dir: Path) -> None:
    text = export(library_dir, briefing, "json")
    history = json.loads(text)["history"]
    assert [(e["who"], e["kind"], e.get("paragraph")) for e in history] == [
        ("Ada", "import", None),
        ("Ada", "tag", 1),
        ("Ada", "note", 1),
        ("*Bob* <b>B</b>", "tag", 1),
        ("*Bob* <b>B</b>", "bluf", None),
        ("*Bob* <b>B</b>", "judgment", None),
    ]
    assert history[-1]["ref"] == "j1"
    assert render_json(read_json_export(text)) == text
