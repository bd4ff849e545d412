"""Hostile text in every field, for every format: it must come out as literal text and nothing else.

`HOSTILE` (tests/tools/sample_briefing.py) holds a script, an image with onerror, a javascript:
link and autolink, pipes, a leading `#`, `>`, `-`, `1.` and `===`, backticks, emphasis, `&amp;`,
quotes, newlines and terminal escape sequences; `hostile_bundle` puts it in the title, source,
byline, origin, paragraphs, notes, tag names, questions, answers, actors, places, numbers, BLUF,
judgments, comments, orphans and the app version.

The Markdown is rendered with markdown-it-py (GitHub-like preset, with link validation switched
off, as a careless renderer would) and the HTML is parsed, so the tests check what a reader gets.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from briefings.briefing import Annotation
from briefings.exporters import ExportBundle, export, export_digest, read_json_export
from briefings.exporters.html import CSP
from briefings.exporters.view import blocks, one_line, visible
from tests.tools.html_page import Page
from tests.tools.sample_briefing import GENERATED, HOSTILE, hostile_bundle, sample_bundle

pytestmark = pytest.mark.unit

TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE_LINES = [line.strip() for line in visible(HOSTILE).split("\n")]
HOSTILE_ONE_LINE = one_line(HOSTILE)
MARKDOWN_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "hr",
    "br",
}
HTML_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "article",
    "header",
    "footer",
    "section",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "b",
    "small",
    "span",
    "i",
    "br",
    "dl",
    "dt",
    "dd",
    "div",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "blockquote",
    "a",
    "time",
}


def render_markdown(text: str) -> Page:
    renderer = MarkdownIt("gfm-like")
    renderer.validateLink = lambda url: True  # a careless renderer: any link scheme goes through
    return Page(renderer.render(text))


def hostile_documents(format_id: str) -> list[str]:
    bundle = hostile_bundle()
    documents = [export(bundle, format_id)]
    if format_id != "json":
        documents.append(export_digest([bundle, sample_bundle()], format_id, title=HOSTILE, generated=HOSTILE))
    return documents


@pytest.mark.parametrize("format_id", ["md", "json", "html"])
def test_no_terminal_control_character_reaches_the_output(format_id: str) -> None:
    for document in hostile_documents(format_id):
        assert TERMINAL_CONTROLS.search(document) is None


@pytest.mark.parametrize("format_id", ["md", "html"])
def test_control_characters_are_shown_not_dropped(format_id: str) -> None:
    for document in hostile_documents(format_id):
        shown = render_markdown(document).text if format_id == "md" else Page(document).text
        assert "␛[2J\ufffd31m" in shown


def test_markdown_makes_no_markup_out_of_hostile_text() -> None:
    for document in hostile_documents("md"):
        page = render_markdown(document)
        assert page.tags() <= MARKDOWN_TAGS, page.tags() - MARKDOWN_TAGS
        for href in page.attribute_values("href"):  # only the sample's address and the contents became links
            assert re.match(r"^(https://example\.org/|#briefing-\d+$)", href), href
        # Escaped for Markdown: every "<" that could open a tag carries a backslash (the address's
        # autolink and the digest's anchors are the export's own).
        assert re.search(r"(?<!\\)<(?!https://example\.org/)[A-Za-z/!?]", re.sub(r'<a id="briefing-\d+"></a>', "", document)) is None


def test_markdown_is_escaped_for_markdown_only_without_html_entities() -> None:
    """"&" stays "&" (the sample's "PEACE & DEMOCRACY"), "a < b" stays as written; only what would
    make an entity, a tag or a quote is escaped, with a backslash, and reads the same rendered."""
    bundle = sample_bundle()
    title = "AT&T & Co: a < b, 3 > 2 &amp; <b>bold</b>"
    bundle = replace(bundle, briefing=replace(bundle.briefing, article=replace(bundle.briefing.article, title=title)))
    digest = export_digest([bundle, sample_bundle()], "md", title="Q&A digest", generated=GENERATED)
    for document in (export(bundle, "md"), digest):
        assert "&amp;" not in document.replace("\\&amp;", "") and "&lt;" not in document and "&gt;" not in document
        assert "AT&T & Co: a < b, 3 > 2 \\&amp; \\<b>bold\\</b>" in document
        assert title in render_markdown(document).text
    assert "# Q&A digest" in digest and "PEACE & DEMOCRACY" in digest


def test_markdown_shows_hostile_text_literally_in_every_field() -> None:
    page = render_markdown(export(hostile_bundle(), "md"))
    h1 = page.text_by_tag["h1"]
    assert h1 == [f"Title {HOSTILE_ONE_LINE}"]
    # One-line fields: title, source, byline, tag names, question, actor, role, alias, place, number cells.
    for label in ("Source", "Byline", "tag", "Question", "actor", "role", "alias", "place", "number", "counts"):
        assert f"{label} {HOSTILE_ONE_LINE}" in page.text, label
    assert "javascript:alert(document.domain)" in page.text
    # Multi-line fields keep their lines: paragraphs, notes, answer, BLUF, judgment, comments, orphan.
    for label in (
        "First paragraph",
        "Note",
        "Untagged note",
        "Answer",
        "BLUF",
        "Judgment",
        "Comments",
        "Orphan",
        "Orphan note",
    ):
        assert f"{label} {HOSTILE_LINES[0]}" in page.text, label
    for line in HOSTILE_LINES[1:]:
        assert page.text.count(line) >= 9, line


def test_markdown_structure_is_not_changed_by_hostile_text() -> None:
    markdown = export(hostile_bundle(), "md")
    page = render_markdown(markdown)
    assert page.text_by_tag["h2"] == [
        "Bottom line up front",
        "Key judgments",
        "Analyst comments",
        "Open questions",
        "Tagged and noted paragraphs",
        "Orphaned annotations",
        "Actors",
        "Places",
        "Numbers",
    ]
    assert "h3" not in page.text_by_tag  # no heading came out of a tag name or a note
    # Three tables, each a header row and one body row of 5, 3 and 5 cells: no pipe or newline made more.
    assert _cells_per_row(markdown) == [5, 5, 3, 3, 5, 5]


def _cells_per_row(markdown: str) -> list[int]:
    renderer = MarkdownIt("gfm-like")
    counts: list[int] = []
    for token in renderer.parse(markdown):
        if token.type == "tr_open":
            counts.append(0)
        elif token.type in ("th_open", "td_open"):
            counts[-1] += 1
    return counts


def test_html_makes_no_markup_out_of_hostile_text() -> None:
    for document in hostile_documents("html"):
        page = Page(document)
        assert page.tags() <= HTML_TAGS, page.tags() - HTML_TAGS
        assert "script" not in page.tags() and "img" not in page.tags()
        for _, attrs in page.elements:
            assert not any(name.startswith("on") for name in attrs)
        for href in page.attribute_values("href"):
            assert re.match(r"^(https://example\.org/|#briefing-\d+$)", href), href
        for style in page.attribute_values("style"):
            assert re.fullmatch(r"--tag: (#[0-9a-fA-F]{6}|[a-zA-Z]+)", style), style
        assert "url(" not in document
        csp = [attrs for tag, attrs in page.elements if attrs.get("http-equiv") == "Content-Security-Policy"]
        assert csp == [{"http-equiv": "Content-Security-Policy", "content": CSP}]


def test_html_shows_hostile_text_literally_in_every_field() -> None:
    page = Page(export(hostile_bundle(), "html"))
    assert page.text_by_tag["title"] == [f"Title {HOSTILE_ONE_LINE} — briefing"]
    assert page.text_by_tag["h1"] == [f"Title {HOSTILE_ONE_LINE}"]
    for label in (
        "Source",
        "Byline",
        "tag",
        "Question",
        "actor",
        "role",
        "alias",
        "place",
        "number",
        "counts",
        "Answer source",
    ):
        assert f"{label} {HOSTILE_ONE_LINE}" in page.text, label
    for label in ("First paragraph", "Untagged note", "BLUF", "Judgment", "Comments", "Orphan"):
        assert f"{label} {HOSTILE_LINES[0]}" in page.text, label
    for line in HOSTILE_LINES[1:]:
        assert page.text.count(line) >= 9, line
    assert "javascript:alert(document.domain)" in page.text_by_tag["dd"][3]
    assert "a" not in {tag for tag, _ in page.elements}  # the javascript: address did not become a link


def test_html_links_only_web_addresses() -> None:
    page = Page(export(sample_bundle(), "html"))
    assert page.attribute_values("href") == ["https://example.org/telegraph/2015-03-25-tikrit"]


def test_json_keeps_hostile_text_exactly() -> None:
    bundle = hostile_bundle()
    text = export(bundle, "json")
    document = json.loads(text)
    assert document["article"]["title"] == f"Title {HOSTILE}"
    assert document["paragraphs"][0]["note"] == f"Note {HOSTILE}"
    assert document["taxonomy"][0]["name"] == f"tag {HOSTILE}"
    assert document["questions"][0]["answer_source"] == f"Answer source {HOSTILE}"
    assert document["extraction"]["actors"][0]["role"] == f"role {HOSTILE}"
    assert document["summary"]["judgments"][0]["text"] == f"Judgment {HOSTILE}"
    assert document["decisions"][0]["value"] == f"renamed {HOSTILE}"
    assert document["app_version"] == f"0.1.0 {HOSTILE}"
    assert "\\u001b[2J\\u009b31m" in text  # escaped in the file, so printing it is harmless
    assert read_json_export(text) == bundle


def test_hostile_digest_title_is_literal() -> None:
    markdown = render_markdown(export_digest([hostile_bundle()], "md", title=HOSTILE, generated=GENERATED))
    assert markdown.text_by_tag["h1"] == [HOSTILE_ONE_LINE]
    page = Page(export_digest([hostile_bundle()], "html", title=HOSTILE, generated=GENERATED))
    assert page.text_by_tag["title"] == [HOSTILE_ONE_LINE]


INDENTED = (
    "Steps:\n    if ready:\n        send()\n\tdone\n"
    "    - not a list\n    # not a heading\n    | a | b |\n    `x` <b>y</b>"
)


def _indented_bundle() -> ExportBundle:
    """The sample with indented lines in a note, the BLUF and the comments."""
    bundle = sample_bundle()
    briefing = bundle.briefing
    briefing.set_annotation(2, Annotation(frozenset({"claim"}), f"Note {INDENTED}"))
    briefing.summary = replace(briefing.summary, bluf=f"BLUF {INDENTED}", comments=f"Comments {INDENTED}")
    return bundle


def test_markdown_keeps_indentation_without_making_code_or_markup() -> None:
    markdown = export(_indented_bundle(), "md")
    page = render_markdown(markdown)
    assert not {"pre", "code"} & page.tags()
    assert page.tags() <= MARKDOWN_TAGS, page.tags() - MARKDOWN_TAGS
    nbsp = "\u00a0"
    for line in (
        f"{nbsp * 4}if ready:",
        f"{nbsp * 8}send()",
        f"{nbsp * 4}done",  # a tab indents to the next multiple of four
        f"{nbsp * 4}- not a list",
        f"{nbsp * 4}# not a heading",
        f"{nbsp * 4}| a | b |",
        f"{nbsp * 4}`x` <b>y</b>",
    ):
        assert page.text.count(line) == 3, line  # note, BLUF and comments
    # The indented `|`, `#` and `-` lines made no table, heading or list item.
    original = export(sample_bundle(), "md")
    assert _cells_per_row(markdown) == _cells_per_row(original)
    structure = {"h2", "h3", "li", "table"}
    assert [tag for tag, _ in page.elements if tag in structure] == [
        tag for tag, _ in render_markdown(original).elements if tag in structure
    ]


def test_html_keeps_indentation_as_no_break_spaces() -> None:
    page = Page(export(_indented_bundle(), "html"))
    assert page.text.count("\u00a0" * 8 + "send()") == 3
    assert page.text.count("\u00a0" * 4 + "`x` <b>y</b>") == 3
    assert "pre" not in page.tags() and "code" not in page.tags()


def test_blocks_keep_indentation_and_collapse_other_whitespace() -> None:
    assert blocks("  a   b  \n\tc\n   \n\n x") == [["  a b", "    c"], [" x"]]
