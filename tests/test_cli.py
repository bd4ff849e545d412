"""The `brief` command line: every subcommand, its output and its exit status.

Most tests run the click command in-process with `CliRunner`; a few run the installed `brief`
to prove the entry point and that errors never end in a traceback. The language model loads
twice in this module (one import with extraction, one `extract`); everything else uses the cache
or `--no-extract`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from briefings import __version__
from briefings.edits import AddTag, SetNote
from briefings.extraction import installed_pipeline
from briefings.extraction.model import Actor, Extraction
from briefings.taxonomy import DEFAULT_TAGS, loads_toml
from store import Library
from tui.cli import main

pytestmark = pytest.mark.unit

BRIEF = str(Path(sys.executable).parent / "brief")
COMMANDS = ("open", "import", "export", "extract", "doctor", "tags", "schema")

PORT = """Port reopens after the storm

The port of Vestby reopened to shipping on Monday morning, three days after a storm tore two cranes from their rails.

Harbour master Jonas Berg said the first container ship had docked at dawn and that the other berths would open over the week.

Insurers estimate the damage at between 40 and 55 million kronor, although the final figure depends on the second crane.
"""
GRAIN = """Grain shipments resume from the southern ports

The first grain ship in five months left the port of Odessa on Monday, carrying 26,000 tonnes of maize.

Officials in Kyiv said that a further sixteen ships were waiting to leave once the corridor was confirmed safe.
"""


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def assert_clear_error(result: Result | subprocess.CompletedProcess[str], text: str) -> None:
    """A non-zero exit with one error line saying `text`, and no traceback."""
    output = result.output if isinstance(result, Result) else result.stdout + result.stderr
    status = result.exit_code if isinstance(result, Result) else result.returncode
    assert status != 0, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith(("Error:", "brief:"))]
    assert len(errors) == 1 and text in errors[0], output


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "port.txt").write_text(PORT, encoding="utf-8")
    (folder / "grain.txt").write_text(GRAIN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, articles: Path) -> Path:
    """A library with both articles imported and extracted, and a tagged, noted paragraph in one."""
    path = tmp_path_factory.mktemp("shared") / "library"
    result = run("import", str(articles), "--library", str(path))
    assert result.exit_code == 0, result.output
    assert "2 imported, 0 updated, 0 duplicates, 0 failed." in result.output
    assert "Extracted 2 articles" in result.output
    opened = Library.open(path)
    port = next(entry for entry in opened.entries() if entry.title.startswith("Port"))
    opened.apply_all(port.id, [AddTag(1, "claim"), SetNote(1, "one source only")])
    return path


def ids(library: Path) -> dict[str, str]:
    return {entry.title.split()[0]: entry.id for entry in Library.open(library).entries()}


# The group


def test_version_from_the_installed_command() -> None:
    result = subprocess.run([BRIEF, "--version"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, f"brief {__version__}")


def test_help_lists_every_command_and_each_has_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"  {command} " in result.output
        sub = run(command, "--help")
        assert sub.exit_code == 0 and sub.output.startswith(f"Usage: main {command}"), sub.output


def test_a_folder_that_is_not_a_library_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run([BRIEF, "export", "--all", "--library", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert_clear_error(result, "is not a Brief library")


# open


def test_open_a_missing_file(tmp_path: Path) -> None:
    result = subprocess.run([BRIEF, "open", str(tmp_path / "missing.txt"), "--library", str(tmp_path / "lib")], capture_output=True, text=True, timeout=60)
    assert_clear_error(result, "does not exist")
    assert result.returncode == 2


def test_open_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = subprocess.run([BRIEF, "open", str(path), "--library", str(tmp_path / "lib")], capture_output=True, text=True, timeout=60)
    assert_clear_error(result, "photo.txt: this is a PNG image, not an article")
    assert result.returncode == 1 and not (tmp_path / "lib").exists()


# import


def test_import_exit_codes_and_summary(tmp_path: Path, articles: Path) -> None:
    library = str(tmp_path / "lib")
    first = run("import", str(articles), "--no-extract", "--library", library)
    assert first.exit_code == 0 and "2 imported, 0 updated, 0 duplicates, 0 failed." in first.output
    assert "Importing" in first.output and "Extract" not in first.output
    again = run("import", str(articles / "port.txt"), str(articles), "--no-extract", "--library", library)
    assert again.exit_code == 0 and "0 imported, 0 updated, 2 duplicates, 0 failed." in again.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.md").write_bytes(b"")
    (bad / ".hidden.txt").write_text(PORT, encoding="utf-8")
    mixed = run("import", str(bad), str(articles / "grain.txt"), str(tmp_path / "missing"), "--no-extract", "--library", library)
    assert mixed.exit_code == 1
    assert f"failed: {bad / 'empty.md'}: the file is empty" in mixed.output
    assert f"failed: {tmp_path / 'missing'}: no such file or folder" in mixed.output
    assert "0 imported, 0 updated, 1 duplicate, 2 failed (1 file in folders skipped" in mixed.output
    assert "Traceback" not in mixed.output
    nothing = run("import", str(bad / "nothing-here"), "--library", library)
    assert nothing.exit_code == 1


def test_import_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("import", str(tmp_path / "empty"), "--library", str(tmp_path / "lib"))
    assert_clear_error(result, "no importable files found")


def test_import_of_a_folder_with_only_sub_folders_suggests_recursive(tmp_path: Path, sample_path: Path) -> None:
    (tmp_path / "inbox" / "monday").mkdir(parents=True)
    (tmp_path / "inbox" / "monday" / "article.txt").write_bytes(sample_path.read_bytes())
    flat = run("import", str(tmp_path / "inbox"), "--library", str(tmp_path / "lib"))
    assert_clear_error(flat, "add --recursive")
    deep = run("import", str(tmp_path / "inbox"), "--recursive", "--library", str(tmp_path / "lib"))
    assert deep.exit_code == 0 and "1 imported" in deep.output


def test_import_reports_an_update_and_its_orphans(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    source = tmp_path / "v1" / "port.txt"
    source.parent.mkdir()
    source.write_text(PORT, encoding="utf-8")
    run("import", str(source), "--no-extract", "--library", str(library))
    briefing_id = Library.open(library).entries()[0].id
    Library.open(library).apply_all(briefing_id, [AddTag(2, "fact"), AddTag(1, "claim")])
    changed = tmp_path / "v2" / "port.txt"
    changed.parent.mkdir()
    insurers = PORT.split("\n\n")[3]
    changed.write_text(PORT.replace(insurers, "").rstrip() + "\n", encoding="utf-8")
    result = run("import", str(changed), "--no-extract", "--library", str(library))
    assert result.exit_code == 0, result.output
    assert f"updated: {changed} (briefing {briefing_id}; 1 annotation or paragraph link could not be re-attached" in result.output
    assert "0 imported, 1 updated, 0 duplicates, 0 failed." in result.output


def test_import_shows_hostile_file_names_as_plain_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[bold]x\x1b[2J.md").write_bytes(b"")
    result = run("import", str(folder), "--no-extract", "--library", str(tmp_path / "lib"))
    assert result.exit_code == 1
    assert "[bold]x.md: the file is empty" in result.output  # markup shown as is, the escape sequence removed
    assert "\x1b" not in result.output


# export


def test_export_each_format_to_standard_output(library: Path) -> None:
    port = ids(library)["Port"]
    markdown = run("export", port, "--format", "md", "--library", str(library))
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# Port reopens after the storm")
    assert "one source only" in markdown.stdout
    html = run("export", port[:6], "--format", "html", "--library", str(library))
    assert html.exit_code == 0 and html.stdout.lstrip().lower().startswith("<!doctype html>")
    document = json.loads(run("export", port, "--format", "json", "--library", str(library)).stdout)
    schema = json.loads(run("schema").stdout)
    Draft202012Validator(schema).validate(document)
    assert document["article"]["title"] == "Port reopens after the storm"
    assert document["paragraphs"][1]["tags"] == ["claim"] and document["paragraphs"][1]["note"] == "one source only"
    assert document["extraction"]["engine"]


def test_export_by_article_path_and_to_a_file(library: Path, articles: Path, tmp_path: Path) -> None:
    by_id = run("export", ids(library)["Grain"], "--library", str(library)).stdout
    by_path = run("export", str(articles / "grain.txt"), "--library", str(library)).stdout
    assert by_path == by_id
    target = tmp_path / "grain.md"
    result = run("export", str(articles / "grain.txt"), "-o", str(target), "--library", str(library))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert target.read_text(encoding="utf-8") == by_id


def test_export_errors(library: Path) -> None:
    assert_clear_error(run("export", "nosuchid", "--library", str(library)), "no briefing with id 'nosuchid'")
    assert_clear_error(run("export", ids(library)["Port"], "--format", "pdf", "--library", str(library)), "unknown export format 'pdf'")
    assert_clear_error(run("export", "--library", str(library)), "give a briefing ID or article PATH")
    assert_clear_error(run("export", "--all", "--format", "json", "--library", str(library)), "JSON has no digest")
    assert_clear_error(run("export", "--tag", "military", "--library", str(library)), "no briefing matches")
    assert_clear_error(run("export", "--tag", "nosuchtag", "--library", str(library)), "no tag named 'nosuchtag' in this library (its tags: key judgment")
    assert_clear_error(run("export", "--tag", "military", "--tag", "Nosuch", "--all", "--library", str(library)), "no tag named 'Nosuch'")
    assert_clear_error(run("export", "--since", "March", "--all", "--library", str(library)), "is not a date")


def test_export_digests_of_all_and_by_tag(library: Path) -> None:
    everything = run("export", "--all", "--title", "Morning digest", "--library", str(library))
    assert everything.exit_code == 0
    assert everything.stdout.startswith("# Morning digest")
    assert "Port reopens after the storm" in everything.stdout and "Grain shipments resume" in everything.stdout
    tagged = run("export", "--tag", "claim", "--format", "html", "--library", str(library))
    assert tagged.exit_code == 0
    assert "Port reopens after the storm" in tagged.stdout and "Grain shipments resume" not in tagged.stdout


def test_json_export_imports_into_another_library_through_the_command_line(library: Path, tmp_path: Path) -> None:
    port = ids(library)["Port"]
    exported = tmp_path / "port.json"
    assert run("export", port, "--format", "json", "-o", str(exported), "--library", str(library)).exit_code == 0
    other = tmp_path / "other"
    result = run("import", str(exported), "--no-extract", "--library", str(other))
    assert result.exit_code == 0 and "1 imported" in result.output, result.output
    assert Library.open(other).load(port) == Library.open(library).load(port)
    assert Library.open(other).settings() == Library.open(library).settings()


def test_re_importing_a_json_export_is_a_duplicate_and_a_hostile_colour_is_refused(tmp_path: Path, articles: Path) -> None:
    library = tmp_path / "lib"
    run("import", str(articles / "port.txt"), "--no-extract", "--library", str(library))
    port = ids(library)["Port"]
    Library.open(library).apply(port, SetNote(1, "A"))
    exported = tmp_path / "port.json"
    assert run("export", port, "--format", "json", "-o", str(exported), "--library", str(library)).exit_code == 0
    Library.open(library).apply(port, SetNote(1, "A EDITED", "A"))
    for _ in range(2):
        again = run("import", str(exported), "--no-extract", "--library", str(library))
        assert again.exit_code == 0 and "0 imported, 0 updated, 1 duplicate, 0 failed." in again.output, again.output
    assert Library.open(library).load(port).annotation(1).note == "A EDITED"

    document = json.loads(exported.read_text(encoding="utf-8"))
    document["taxonomy"][0]["colour"] = "red;}</style><script>alert(1)</script>"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    refused = run("import", str(hostile), "--no-extract", "--library", str(tmp_path / "other"))
    assert refused.exit_code == 1
    failures = [line for line in refused.output.splitlines() if line.startswith("failed: ")]
    reason = "in its taxonomy, tag 'key judgment' has an invalid colour 'red;}</style><script>alert(1)</script>'"
    assert failures == [f"failed: {hostile}: not a valid Brief briefing export: {reason}"]
    assert "0 imported, 0 updated, 0 duplicates, 1 failed." in refused.output
    assert Library.open(tmp_path / "other").entries() == []


HEWITT = """Minister defends the trade deal

Patricia Hewitt, the trade secretary, said on Tuesday that the deal would create jobs in every region.

Hewitt told reporters that the unions had been consulted at every stage.
"""


def test_export_by_actor_matches_names_and_aliases_in_any_case(tmp_path: Path, articles: Path) -> None:
    library = tmp_path / "lib"
    (tmp_path / "hewitt.txt").write_text(HEWITT, encoding="utf-8")
    run("import", str(tmp_path / "hewitt.txt"), str(articles / "port.txt"), "--no-extract", "--library", str(library))
    opened = Library.open(library)
    hewitt = Actor("patricia hewitt", "Patricia Hewitt", "person", ("Hewitt",), "the trade secretary")
    for entry in opened.entries():
        # A known extraction in the cache, so that the test depends on the selection, not on the model.
        actors = (hewitt,) if entry.title.startswith("Minister") else ()
        opened.save_extraction(entry.content_hash, installed_pipeline(), Extraction(actors, engine="test", pipeline=installed_pipeline()))
    for name in ("Hewitt", "hewitt", "PATRICIA  HEWITT", "patricia hewitt"):
        result = run("export", "--actor", name, "--library", str(library))
        assert result.exit_code == 0, result.output
        assert "Minister defends the trade deal" in result.stdout and "Port reopens" not in result.stdout
    assert_clear_error(run("export", "--actor", "Patricia", "--library", str(library)), "no briefing mentions the actor 'Patricia'")
    # One actor no briefing mentions, beside one that is found: exported, with a warning naming it.
    result = run("export", "--actor", "Hewitt", "--actor", "Nobody Else", "--library", str(library))
    assert result.exit_code == 0 and "Minister defends the trade deal" in result.stdout
    assert "brief: warning: no briefing mentions the actor 'Nobody Else'" in result.stderr


def test_export_since_after_until_is_a_usage_error(library: Path) -> None:
    result = run("export", "--since", "2015-04-01", "--until", "2015-03-01", "--library", str(library))
    assert_clear_error(result, "--since 2015-04-01 is later than --until 2015-03-01")
    assert result.exit_code == 2
    same_day = run("export", "--all", "--since", "2015-03-01", "--until", "2015-03-01", "--library", str(library))
    assert "later than" not in same_day.output


# extract and schema


def test_extract_prints_json_with_actors_places_numbers_and_suggestions(articles: Path) -> None:
    result = run("extract", str(articles / "port.txt"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"actors", "places", "numbers", "suggestions", "engine", "pipeline"} <= set(data)
    assert "Jonas Berg" in {actor["name"] for actor in data["actors"]}
    assert "Vestby" in {place["name"] for place in data["places"]}
    numbers = [{"kind": n["kind"], "text": n["mention"]["text"], "value": n["value"], "unit": n["unit"], "high": n["high"]} for n in data["numbers"]]
    assert {"kind": "duration", "text": "three days", "value": 3.0, "unit": "day", "high": None} in numbers
    assert {"kind": "money", "text": "between 40 and 55 million kronor", "value": 40e6, "unit": "SEK", "high": 55e6} in numbers


def test_extract_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_clear_error(run("extract", str(empty)), "the file is empty")
    assert_clear_error(run("extract", str(empty), "--format", "xml"), "'xml' is not 'json'")


def test_schema_is_a_valid_json_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    Draft202012Validator.check_schema(json.loads(result.stdout))


# doctor


def test_doctor_on_a_healthy_then_damaged_then_repaired_library(tmp_path: Path, articles: Path) -> None:
    library = tmp_path / "lib"
    run("import", str(articles), "--no-extract", "--library", str(library))
    healthy = run("doctor", "--library", str(library))
    assert healthy.exit_code == 0 and "all well" in healthy.output
    victim = next((library / "briefings").glob("*.json"))
    victim.write_bytes(victim.read_bytes()[:40])
    damaged = run("doctor", "--library", str(library))
    assert damaged.exit_code == 1
    assert f"problem: briefings/{victim.name} is damaged" in damaged.output
    assert "`brief doctor --repair` fixes what it safely can" in damaged.output
    repaired = run("doctor", "--repair", "--library", str(library))
    assert repaired.exit_code == 0, repaired.output
    assert "repaired:" in repaired.output
    assert run("doctor", "--library", str(library)).exit_code == 0
    assert list((library / "quarantine").iterdir())  # the damaged file is kept, never deleted


# tags


def test_tags_show_and_dump(tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    shown = run("tags", "--library", library)
    assert shown.exit_code == 0 and "key judgment" in shown.output and "follow-up" in shown.output
    dumped = run("tags", "--dump", "--library", library)
    assert loads_toml(dumped.stdout) == DEFAULT_TAGS


def test_tags_load_a_file_and_refuse_an_invalid_one(tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    good = tmp_path / "tags.toml"
    good.write_text('[[tag]]\nname = "lead"\nkey = "1"\n\n[[tag]]\nname = "noise"\ncolour = "grey"\n', encoding="utf-8")
    result = run("tags", "--load", str(good), "--library", library)
    assert result.exit_code == 0 and "taxonomy saved: 2 tags" in result.output
    assert "paragraphs keep the removed tags" in result.output
    assert [tag.name for tag in Library.open(Path(library)).settings().tags] == ["lead", "noise"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[tag]]\nname = "lead\n', encoding="utf-8")
    refused = run("tags", "--load", str(bad), "--library", library)
    assert_clear_error(refused, "not valid TOML")
    clash = tmp_path / "clash.toml"
    clash.write_text('[[tag]]\nname = "a"\nkey = "1"\n[[tag]]\nname = "b"\nkey = "1"\n', encoding="utf-8")
    assert_clear_error(run("tags", "--load", str(clash), "--library", library), "key 1 is given to both 'a' and 'b'")
    assert [tag.name for tag in Library.open(Path(library)).settings().tags] == ["lead", "noise"]


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return f"{sys.executable} {script}"


def test_tags_edit_in_the_editor(tmp_path: Path) -> None:
    editor = _editor(
        tmp_path,
        """
        import sys
        path = sys.argv[1]
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(text.replace('name = "follow-up"', 'name = "check later"'))
        """,
    )
    result = run("tags", "--edit", "--library", str(tmp_path / "lib"), env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.output
    assert "taxonomy saved: 9 tags" in result.output
    tags = Library.open(tmp_path / "lib").settings().tags
    assert tags[-1].name == "check later" and tags[-1].id == "follow-up"


def test_tags_edit_refuses_invalid_toml_with_the_reason(tmp_path: Path) -> None:
    editor = _editor(
        tmp_path,
        """
        import sys
        open(sys.argv[1], "w", encoding="utf-8").write('[[tag]]\\nname = "unclosed\\n')
        """,
    )
    result = run("tags", "--edit", "--library", str(tmp_path / "lib"), input="n\n", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 1
    assert "brief: not valid TOML" in result.output
    assert "Error: taxonomy not changed" in result.output
    assert Library.open(tmp_path / "lib").settings().tags == DEFAULT_TAGS


def test_tags_refuse_a_file_that_is_not_utf8_and_an_editor_that_fails(tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    latin = tmp_path / "tags.toml"
    latin.write_bytes('[[tag]]\nname = "café"\n'.encode("utf-16"))
    assert_clear_error(run("tags", "--load", str(latin), "--library", library), "tags.toml is not UTF-8 text")
    failing = _editor(tmp_path, "raise SystemExit(3)\n")
    result = run("tags", "--edit", "--library", library, env={"EDITOR": failing, "VISUAL": ""})
    assert_clear_error(result, "the editor exited with status 3")
    missing = run("tags", "--edit", "--library", library, env={"EDITOR": "no-such-editor-here", "VISUAL": ""})
    assert_clear_error(missing, "cannot run the editor 'no-such-editor-here'")
    assert Library.open(Path(library)).settings().tags == DEFAULT_TAGS


def test_export_to_a_folder_that_does_not_exist(library: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "port.md"
    result = run("export", ids(library)["Port"], "-o", str(target), "--library", str(library))
    assert_clear_error(result, "port.md")
    assert not target.exists()


# library warnings


def _damaged_store_file(library: Path, articles: Path) -> None:
    """A library whose store file lost its end: opening it quarantines and recreates the file."""
    run("import", str(articles / "port.txt"), "--no-extract", "--library", str(library))
    store_file = library / "library.json"
    store_file.write_bytes(store_file.read_bytes()[:-5])


@pytest.mark.parametrize(
    "command",
    [("tags",), ("tags", "--dump"), ("export", "--all"), ("import", "{articles}/port.txt", "--no-extract")],
)
def test_every_command_that_opens_a_library_reports_its_warnings(tmp_path: Path, articles: Path, command: tuple[str, ...]) -> None:
    library = tmp_path / "lib"
    _damaged_store_file(library, articles)
    result = run(*(part.format(articles=articles) for part in command), "--library", str(library))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("brief: warning: ")]
    assert len(warnings) == 1 and "the library's store file was damaged" in warnings[0], result.stderr
    assert "quarantine/" in warnings[0] and "brief: warning:" not in result.stdout
    assert run(*(part.format(articles=articles) for part in command), "--library", str(library)).stderr.count("warning") == 0


def test_tags_report_damaged_settings_instead_of_showing_defaults_silently(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    tags = tmp_path / "tags.toml"
    tags.write_text('[[tag]]\nname = "lead"\nkey = "1"\n', encoding="utf-8")
    assert run("tags", "--load", str(tags), "--library", str(library)).exit_code == 0
    settings = library / "settings.json"
    settings.write_bytes(settings.read_bytes()[:-40])
    result = run("tags", "--library", str(library))
    assert result.exit_code == 0 and "key judgment" in result.stdout  # the defaults, as before...
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("brief: warning: "), result.stderr  # ...but said
    assert "using the default tags" in warnings[0] and "quarantine/" in warnings[0]
