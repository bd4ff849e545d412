"""`brief history ID`: a briefing's changes, newest first, with who made them (the config file's
`[analyst] name`, else the login name) and when; `--json` for scripts."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from briefings.edits import AddTag, SetNote
from briefings.history import login_name
from store import Desk, load_config
from tests.test_cli import assert_clear_error, run

pytestmark = pytest.mark.unit

ARTICLE = """Port reopens after the storm

The port of Vestby reopened to shipping on Monday morning, three days after a storm tore two cranes from their rails.

Harbour master Jonas Berg said the first container ship had docked at dawn.
"""


def config_naming(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(f'[analyst]\nname = "{name}"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    return path


@pytest.fixture
def briefing(tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    article = tmp_path / "port.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    config_naming(tmp_path, "Ada", monkeypatch)
    assert run("import", str(article), "--library", str(library_dir)).exit_code == 0
    assert run("edit", Desk.open(library_dir).entries()[0].id, "--source", "Reuters", "--library", str(library_dir)).exit_code == 0
    config_naming(tmp_path, "Bob", monkeypatch)
    desk = Desk.open(library_dir)
    briefing_id = desk.entries()[0].id
    desk.apply(briefing_id, AddTag(1, "fact"))
    desk.apply(briefing_id, SetNote(1, "berth \x1b[31mred\x1b[0m count"))
    yield briefing_id
    monkeypatch.delenv("TZ")
    time.tzset()


def test_the_config_names_the_analyst_else_the_login_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(config_naming(tmp_path, "Ada", monkeypatch)).analyst == "Ada"
    (tmp_path / "odd.toml").write_text('[analyst]\nname = 3\n', encoding="utf-8")
    odd = load_config(tmp_path / "odd.toml")
    assert odd.analyst == "" and "line 2: analyst.name must be a name in quotes" in odd.problem
    (tmp_path / "none.toml").write_text("", encoding="utf-8")
    assert load_config(tmp_path / "none.toml").analyst == ""
    assert Desk.open(tmp_path / "library", config=load_config(tmp_path / "none.toml")).analyst == login_name()


def test_brief_analyst_names_the_analyst_before_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `brief serve` names each tab's session; an empty value is unset, an unusable one is
    said and ignored."""
    path = config_naming(tmp_path, "Ada", monkeypatch)
    monkeypatch.setenv("BRIEF_ANALYST", "  Bo\x1b[31m  Lind\n")
    assert load_config(path).analyst == "Bo[31m Lind"
    assert Desk.open(tmp_path / "library", config=load_config(path)).analyst == "Bo[31m Lind"
    monkeypatch.setenv("BRIEF_ANALYST", "")
    assert load_config(path).analyst == "Ada"
    monkeypatch.setenv("BRIEF_ANALYST", "x" * 81)
    config = load_config(path)
    assert config.analyst == "Ada" and "$BRIEF_ANALYST must be a name of at most 80 characters" in config.problem


def test_history_prints_newest_first_with_who_and_when(briefing: str, library_dir: Path) -> None:
    result = run("history", briefing[:6], "--library", str(library_dir))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line[18:] for line in lines] == [
        "Bob  wrote the note on ¶2: “berth red count”",
        "Bob  tagged ¶2 'fact'",
        "Ada  corrected the article's facts (source “Reuters”)",
        "Ada  imported",
    ]
    assert "\x1b" not in result.output
    assert all(line[:4].isdigit() and line[10] == " " and line[13] == ":" for line in lines)


def test_history_json_is_oldest_first_for_scripts(briefing: str, library_dir: Path) -> None:
    result = run("history", briefing, "--json", "--library", str(library_dir))
    entries = json.loads(result.output)
    assert [(e["who"], e["kind"], e.get("paragraph"), e.get("detail")) for e in entries] == [
        ("Ada", "import", None, None),
        ("Ada", "facts", None, "source “Reuters”"),
        ("Bob", "tag", 1, "fact"),
        ("Bob", "note", 1, "“berth \x1b[31mred\x1b[0m count”"),
    ]
    assert entries[2]["description"] == "tagged ¶2 'fact'" and entries[0]["when"].endswith("+00:00")


def test_history_of_no_such_briefing_is_one_clear_line(library_dir: Path) -> None:
    assert_clear_error(run("history", "nope", "--library", str(library_dir)), "no briefing with id 'nope'")
