"""Where exports go, and what they are called (issue 13, point 10).

Exports are offered in an exports folder: the platform's documents folder unless the settings
file names another (`[exports] folder`), or `-o DIR` on the command line. A settings file that
cannot be used is named with its line, and the app still starts. File names come from the title,
cut after a whole word.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from click.testing import CliRunner

from briefings.exporters import title_slug
from briefings.readers import read_file
from store import Library
from tests.conftest import SAMPLE
from tests.pilot import make_app, open_review, wait_for
from tui.cli import main
from store import config_path, load_config
from tui.screens.export import ExportDialog

pytestmark = pytest.mark.unit

TITLE_SLUG = "mesop-joint-forces-for-peace-democracy-obama-the-mullahs"


def test_file_names_are_cut_after_a_whole_word() -> None:
    slug = title_slug("MESOP : JOINT FORCES FOR PEACE & DEMOCRACY = OBAMA & THE MULLAHS – America & Iran ‘taking part’")
    assert slug == TITLE_SLUG and len(slug) <= 60
    assert title_slug("Short title") == "short-title"
    assert title_slug("a" * 80) == "a" * 60  # one word longer than the limit is all there is to cut
    assert title_slug("§§§") == ""


def test_the_settings_file_and_its_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    assert config_path() == path
    missing = load_config()
    assert missing.exports_folder == Path(platformdirs.user_documents_dir()) and missing.problem == ""
    path.write_text('# where exports go\n[exports]\nfolder = "~/briefings out"\n', encoding="utf-8")
    assert load_config().exports_folder == Path.home() / "briefings out"
    monkeypatch.delenv("BRIEF_CONFIG")
    assert config_path() == Path(platformdirs.user_config_dir("brief")) / "config.toml"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[exports]\nfolder = ~/out\n", "not valid TOML: Invalid value (at line 2, column 10)"),
        ("[exports]\n\nfolder = 3\n", "line 3: exports.folder must be a folder path in quotes"),
        ("[exports]\nfolder = \"/tmp/x\"\ncolour = \"red\"\n", "unknown setting 'exports.colour' (line 3)"),
        ("theme = \"dark\"\n", "unknown setting 'theme'"),
    ],
)
def test_a_settings_file_that_cannot_be_used_says_why_and_on_which_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert problem in config.problem and str(path) in config.problem
    if "folder = \"/tmp/x\"" in text:
        assert config.exports_folder == Path("/tmp/x")  # what can be used, is
    else:
        assert config.exports_folder == Path(platformdirs.user_documents_dir())


async def test_the_app_starts_with_a_bad_settings_file_and_says_so(library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[exports\nfolder = 1\n", encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        warnings = [str(n.message) for n in app._notifications if n.title == "Settings file"]
        assert len(warnings) == 1 and "(at line 1, column 9)" in warnings[0] and "the defaults apply" in warnings[0]


async def test_the_export_dialog_offers_the_exports_folder_and_makes_it(library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "exports" / "briefings"
    path = tmp_path / "config.toml"
    path.write_text(f'[exports]\nfolder = "{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    app = make_app(library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot)
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path").value == str(folder / f"{TITLE_SLUG}.md")
        await wait_for(pilot, lambda: "Rendering" not in dialog.query_one("#export-preview").text, what="the preview")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: (folder / f"{TITLE_SLUG}.md").exists(), what="the export written")
        text = (folder / f"{TITLE_SLUG}.md").read_text(encoding="utf-8")
        assert text.startswith("# MESOP : JOINT FORCES FOR PEACE & DEMOCRACY")


def test_the_command_line_writes_into_a_folder_or_the_exports_folder(library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefing_id = Library.open(library_dir).add_article(read_file(SAMPLE)).id
    runner = CliRunner()
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(main, ["export", briefing_id, "-o", str(out), "--format", "html", "--library", str(library_dir)])
    assert result.exit_code == 0, result.output
    assert (out / f"{TITLE_SLUG}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    folder = tmp_path / "exports"
    config = tmp_path / "config.toml"
    config.write_text(f'[exports]\nfolder = "{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    result = runner.invoke(main, ["export", "--all", "--save", "--library", str(library_dir)])
    assert result.exit_code == 0, result.output
    digests = list(folder.glob("digest-*.md"))
    assert len(digests) == 1 and f"wrote {digests[0]}" in result.output
    result = runner.invoke(main, ["export", briefing_id, "--save", "-o", str(out), "--library", str(library_dir)])
    assert result.exit_code == 2 and "give -o or --save, not both" in result.output
