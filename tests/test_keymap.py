"""The analyst's keymap (issue 14, point 4): the settings file's `[keymap]` table gives a binding,
named by its id, new keys in place of its own; what cannot be used is named with its line, in the
app and by `brief keys`, and the app starts with that binding's own keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from store import load_config
from tests.pilot import make_app, open_review, wait_for
from tui.cli import main
from tui.app import BriefApp
from tui.keymap import check_keymap, scopes
from tui.screens.dialogs import NoteEditor
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen

pytestmark = pytest.mark.app

GOOD = '[keymap]\n"review.note" = "ctrl+n"\napp.help = "f2"\n'
BAD = (
    "[keymap]\n"
    '"review.note" = "ctrl+n"\n'  # line 2: fine
    '"review.nte" = "y"\n'  # line 3: no such binding
    '"review.summary" = "ctrl+frob"\n'  # line 4: not a key
    '"review.filter" = "u"\n'  # line 5: u is review.undo's key
    '"review.export" = 7\n'  # line 6: not a string
    '"review.question" = "ctrl+n"\n'  # line 7: ctrl+n was given to review.note on line 2
)


def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    return path


async def test_a_remapped_key_does_the_action_and_its_old_key_no_longer_does(library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys given replace the binding's own (as Textual's keymap and Posting do): ctrl+n
    writes a note, a no longer does; the help screen, on its new key, shows the new one."""
    settings(tmp_path, monkeypatch, GOOD)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("a")
        assert app.screen is screen  # the old key does nothing now
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"remapped", "escape")
        assert app.screen is screen and screen.briefing.annotation(0).note == "remapped"
        await pilot.press("question_mark")
        assert app.screen is screen
        await pilot.press("f2")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen._table()
        keys = dict(zip((str(cell) for cell in table.columns[1]._cells), (str(cell) for cell in table.columns[0]._cells)))
        assert keys["Note"] == "^n" and keys["Help"] == "f2" and keys["Question"] == "o"
        assert not any(n.title == "Settings file" for n in app._notifications)


async def test_a_bad_keymap_is_named_line_by_line_and_the_app_starts_with_the_rest(library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = settings(tmp_path, monkeypatch, BAD)
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_review(pilot)
        warnings = [str(n.message) for n in app._notifications if n.title == "Settings file"]
        text = " ".join(warnings)
        assert str(path) in text
        for expected in ("line 3: no binding has the id 'review.nte' (did you mean review.note?)", "line 4: 'ctrl+frob' for review.summary is not a key", "line 5: 'u' for review.filter is already the key of review.undo", "line 6: keymap 'review.export' must be keys in quotes", "line 7: 'ctrl+n' for review.question is already the key of review.note"):
            assert expected in text, text
        assert "line 2" not in text
        # What was good applies; what was bad keeps its own keys.
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        await pilot.press("o")
        assert type(app.screen).__name__ == "QuestionEditor"
        await pilot.press("escape")
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen is not screen, what="the filter of review.filter's own key")
        assert isinstance(screen, ReviewScreen)


def test_keys_are_checked_against_every_screen_and_the_app(tmp_path: Path) -> None:
    """A key the app answers to everywhere (q, quit) cannot be given to a screen's binding, and
    two entries that want the same key: the first in the file keeps it."""
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\n"library.sort" = "q"\n"review.summary" = "F"\n"review.filter" = "F"\n', encoding="utf-8")
    config = load_config(path)
    assert config.problem == "" and [remap.line for remap in config.keymap] == [2, 3, 4]
    checked = check_keymap(config.keymap, scopes(BriefApp))
    assert checked.keymap == {"review.summary": "F"}
    assert checked.problems == [
        "line 2: 'q' for library.sort is already the key of app.quit in LibraryScreen; library.sort keeps its own keys",
        "line 4: 'F' for review.filter is already the key of review.summary in ReviewScreen; review.filter keeps its own keys",
    ]


def test_a_dotted_id_without_quotes_is_the_same_binding(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[exports]\nfolder = "/tmp/out"\n\n[keymap]\n# notes\napp.help = "f2"\n  "review.undo" = "u,ctrl+z"\n', encoding="utf-8")
    config = load_config(path)
    assert config.problem == "" and config.exports_folder == Path("/tmp/out")
    assert [(remap.binding_id, remap.keys, remap.line) for remap in config.keymap] == [("app.help", "f2", 6), ("review.undo", "u,ctrl+z", 7)]
    assert check_keymap(config.keymap, scopes(BriefApp)).keymap == {"app.help": "f2", "review.undo": "u,ctrl+z"}


def test_brief_keys_lists_the_bindings_as_remapped_and_names_bad_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings(tmp_path, monkeypatch, GOOD)
    result = CliRunner().invoke(main, ["keys"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()}
    assert lines["review.note"] == "ctrl+n" and lines["app.help"] == "f2" and lines["review.undo"] == "u"
    path = settings(tmp_path, monkeypatch, BAD)
    result = CliRunner().invoke(main, ["keys"])
    assert result.exit_code == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 5 and all(line.startswith(f"brief: warning: {path}: ") for line in warnings)
    assert "line 3: no binding has the id 'review.nte'" in warnings[1]
    assert {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()}["review.summary"] == "s"
