"""The format registry, the digest and its table of contents, and what each document contains."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from briefings.briefing import Annotation, Briefing
from briefings.edits import LibrarySettings
from briefings.exporters import FORMATS, ExportBundle, ExportError, export, export_digest, get_format
from briefings.exporters.markdown import inline
from briefings.exporters.view import cite, figure, number_value, visible
from briefings.extraction.model import NumberFact
from briefings.model import Article, make_paragraphs
from briefings.taxonomy import DEFAULT_TAGS
from tests.tools.html_page import Page
from tests.tools.sample_briefing import GENERATED, digest_bundles, sample_bundle

pytestmark = pytest.mark.unit


def test_registry_lists_markdown_json_and_html() -> None:
    assert [(f.id, f.name, f.suffix) for f in FORMATS.values()] == [
        ("md", "Markdown", ".md"),
        ("json", "JSON", ".json"),
        ("html", "HTML", ".html"),
    ]
    assert get_format("html") is FORMATS["html"]
    assert [f.id for f in FORMATS.values() if f.render_digest is not None] == ["md", "html"]


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(
        ExportError, match=r"unknown export format 'pdf'; the formats are md \(Markdown\), json \(JSON\), html \(HTML\)"
    ):
        export(sample_bundle(), "pdf")


def test_digest_refuses_json_and_an_empty_selection() -> None:
    with pytest.raises(ExportError, match="JSON has no digest; choose one of md, html"):
        export_digest(digest_bundles(), "json", title="t", generated=GENERATED)
    with pytest.raises(ExportError, match="at least one briefing"):
        export_digest([], "md", title="t", generated=GENERATED)


def _markdown_targets(markdown: str) -> tuple[list[str], set[str]]:
    """The links of a rendered Markdown document, and the ids its elements carry."""
    page = Page(MarkdownIt("gfm-like").render(markdown))
    return page.attribute_values("href"), set(page.attribute_values("id"))


def test_markdown_digest_has_a_contents_list_whose_links_all_land() -> None:
    digest = export_digest(digest_bundles(), "md", title="Morning digest", generated=GENERATED)
    hrefs, ids = _markdown_targets(digest)
    contents = [href for href in hrefs if href.startswith("#")]
    assert contents == ["#briefing-1", "#briefing-2", "#briefing-3"]
    assert {href[1:] for href in contents} <= ids
    # Each anchor sits right before its briefing's title.
    titles = re.findall(r'<a id="(briefing-\d)"></a>\n\n## (.+)', digest)
    assert [title for _, title in titles] == [inline(bundle.briefing.article.title) for bundle in digest_bundles()]


def test_html_digest_has_a_contents_list_whose_links_all_land() -> None:
    page = Page(export_digest(digest_bundles(), "html", title="Morning digest", generated=GENERATED))
    contents = [href for href in page.attribute_values("href") if href.startswith("#")]
    assert contents == ["#briefing-1", "#briefing-2", "#briefing-3"]
    articles = [attrs.get("id") for tag, attrs in page.elements if tag == "article"]
    assert articles == ["briefing-1", "briefing-2", "briefing-3"]
    assert page.text_by_tag["nav"][0].count("The Telegraph") == 2
    assert page.text_by_tag["h2"][1:4] == [bundle.briefing.article.title for bundle in digest_bundles()]


def test_markdown_briefing_has_every_part_of_the_briefing() -> None:
    text = export(sample_bundle(), "md")
    for expected in (
        "- **Source grade:** B2 (source usually reliable; information probably true)",
        "*likely (55-80%) · moderate confidence · rests on ¶5, ¶14*",
        "| Qassem Suleimani | person | head of the internationally-focused Al Quds division of the Revolutionary "
        "Guard | 1 | ¶3 |",
        "| 18,000 | Shia militiamen | count | 18,000 | ¶11 |",
        "- **Answered:** Who is the coalition official quoted by Reuters? (¶4; concerns Reuters)",
        "  *Source of the answer:* analyst's reading of the cited Reuters report",
        "## Tagged and noted paragraphs",
        "**key judgment** ¶5, ¶13; **fact** ¶1, ¶4, ¶11",
        "## Orphaned annotations",
        "Corroborate with wire copy before wider distribution.",
        "from 000\\_6ec8421da3f37b6e.txt (text), content hash ",
    ):
        assert expected in text, expected


def test_tags_are_indexed_in_taxonomy_order_and_unknown_tags_last() -> None:
    bundle = sample_bundle()
    bundle.briefing.set_annotation(1, Annotation(frozenset({"retired-tag", "fact"})))
    markdown = export(bundle, "md")
    index = next(line for line in markdown.splitlines() if line.startswith("**key judgment**"))
    assert re.findall(r"\*\*(.+?)\*\*", index) == [
        "key judgment",
        "fact",
        "claim",
        "background",
        "military",
        "diplomatic",
        "sourcing concern",
        "follow-up",
        "retired-tag",
    ]
    assert "> **¶2** " in markdown and "*tagged fact, retired-tag*" in markdown


@pytest.mark.parametrize("format_id", ["md", "html"])
def test_a_paragraph_with_two_tags_is_quoted_once_with_both(format_id: str) -> None:
    bundle = sample_bundle()
    bundle.briefing.set_annotation(1, Annotation(frozenset({"military", "fact"}), "two tags"))
    document = export(bundle, format_id)
    quote = bundle.briefing.article.paragraphs[1].text[:60]
    assert document.count(quote) == 1
    if format_id == "md":
        assert "*tagged fact, military*" in document
    else:
        figure = Page(document).text_by_tag["figure"]
        assert any(quote in text and "fact" in text and "military" in text for text in figure)


@pytest.mark.parametrize("format_id", ["md", "html"])
def test_the_analysts_work_comes_before_the_extraction_tables(format_id: str) -> None:
    document = export(sample_bundle(), format_id)
    sections = ["Bottom line up front", "Key judgments", "Analyst comments", "Open questions", "Tagged and noted paragraphs", "Orphaned annotations", "Actors", "Places", "Numbers"]
    positions = [document.index(heading) for heading in sections]
    assert positions == sorted(positions)


def test_an_untouched_briefing_has_no_empty_sections() -> None:
    bundle = digest_bundles()[2]
    markdown = export(bundle, "md")
    assert re.findall(r"^#+ .*", markdown, re.MULTILINE) == ["# Untitled wire item"]
    page = Page(export(bundle, "html"))
    assert [tag for tag, _ in page.elements if re.fullmatch(r"h\d|section", tag)] == ["h1"]
    for text in (markdown, page.text):
        assert "not graded" in text and "0 of 1 paragraph reviewed" in text


def test_renamed_tags_and_colours_come_from_the_library_settings() -> None:
    bundle = sample_bundle()
    tags = tuple(
        replace(tag, name="Assessment", colour="#123456") if tag.id == "key-judgment" else tag for tag in DEFAULT_TAGS
    )
    bundle = replace(bundle, settings=LibrarySettings(tags, bundle.settings.decisions))
    assert "**Assessment** ¶5, ¶13" in export(bundle, "md")
    assert '<span class="chip" style="--tag: #123456">Assessment</span>' in export(bundle, "html")


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("# not a heading", "<p># not a heading</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("- not a list", "<p>- not a list</p>"),
        ("+ not a list", "<p>+ not a list</p>"),
        ("> not a quote", "<p>&gt; not a quote</p>"),
        ("---", "<p>---</p>"),
        ("***", "<p>***</p>"),
        ("`code`", "<p>`code`</p>"),
        ("**bold** and _em_", "<p>**bold** and _em_</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("<b>tag</b> &amp; &copy;", "<p>&lt;b&gt;tag&lt;/b&gt; &amp;amp; &amp;copy;</p>"),
        ("a \\* b", "<p>a \\* b</p>"),
        ("~~struck~~", "<p>~~struck~~</p>"),
        ("between $5 and $6 million", "<p>between $5 and $6 million</p>"),
    ],
)
def test_markdown_inline_escaping_renders_the_text_itself(text: str, rendered: str) -> None:
    assert MarkdownIt("gfm-like").render(inline(text)).strip() == rendered


def test_setext_underline_in_a_note_does_not_make_a_heading() -> None:
    bundle = sample_bundle()
    bundle.briefing.set_annotation(2, Annotation(frozenset({"claim"}), "Heading?\n===\nand\n---"))
    page = Page(MarkdownIt("gfm-like").render(export(bundle, "md")))
    assert "Heading?" not in "".join(page.text_by_tag.get("h3", []) + page.text_by_tag["h2"])
    assert "===" in page.text and "Heading?" in page.text


def test_citations_collapse_runs() -> None:
    assert cite([0, 2, 3, 4, 8, 9, 12]) == "¶1, ¶3–5, ¶9–10, ¶13"
    assert cite([]) == ""
    assert cite([5, 5, 1]) == "¶2, ¶6"


def test_visible_shows_control_characters_as_symbols() -> None:
    assert visible("a\x1b[2Jb\x00\x07\x7f\x9b\r\nc\td") == "a␛[2Jb␀␇\u2421\ufffd\nc d"


def test_html_page_is_self_contained() -> None:
    text = export(sample_bundle(), "html")
    page = Page(text)
    assert not {"script", "link", "img", "iframe", "object", "embed", "base", "form"} & page.tags()
    assert page.attribute_values("src") == []
    assert "@import" not in text and "url(" not in text and "@font-face" not in text
    assert "@media print" in text


def test_bundle_without_settings_tags_still_names_tag_ids() -> None:
    article = Article("T", make_paragraphs(["Only paragraph."]))
    briefing = Briefing("b", article)
    briefing.set_annotation(0, Annotation(frozenset({"fact"}), "n"))
    bundle = ExportBundle(briefing, None, LibrarySettings(()), GENERATED, "0.1.0")
    assert "**fact** ¶1" in export(bundle, "md") and "*tagged fact*" in export(bundle, "md")


def _reopened_bundle() -> ExportBundle:
    """The sample with its answered question reopened: the answer and its source stay in the record."""
    bundle = sample_bundle()
    question = bundle.briefing.questions["q-official"]
    assert question.answer and question.answer_source
    bundle.briefing.questions["q-official"] = replace(question, status="open")
    return bundle


def test_a_reopened_question_shows_no_answer_in_markdown_or_html() -> None:
    bundle = _reopened_bundle()
    question = bundle.briefing.questions["q-official"]
    markdown = export(bundle, "md")
    assert f"- **Open:** {question.text}" in markdown
    assert "*Answer:*" not in markdown and "Source of the answer" not in markdown
    assert "Not named in the article" not in markdown
    page = Page(export(bundle, "html"))
    items = [text for text in page.text_by_tag["li"] if question.text in text]
    assert len(items) == 1 and items[0].startswith("open ")
    assert "Answer:" not in page.text and "Not named in the article" not in page.text
    assert "Source of the answer" not in page.text


def test_a_reopened_question_keeps_its_answer_in_json() -> None:
    question = json.loads(export(_reopened_bundle(), "json"))["questions"][1]
    assert question["status"] == "open"
    assert question["answer"].startswith("Not named in the article")
    assert question["answer_source"] == "analyst's reading of the cited Reuters report"


def test_an_answered_question_shows_its_answer_in_markdown_and_html() -> None:
    bundle = sample_bundle()
    markdown = export(bundle, "md")
    assert "  *Answer:* Not named in the article" in markdown
    page = Page(export(bundle, "html"))
    answered = [text for text in page.text_by_tag["li"] if text.startswith("answered ")]
    assert len(answered) == 1 and "Answer: Not named in the article" in answered[0]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1200.0, "1,200"),
        (1.0, "1"),
        (18000, "18,000"),
        (-3.0, "-3"),
        (0.0, "0"),
        (1e20, "100,000,000,000,000,000,000"),
        (12.5, "12.5"),
        (0.125, "0.125"),
        (1234567.25, "1,234,567.25"),
        (1e-05, "0.00001"),
    ],
)
def test_figures_are_grouped_and_integral_values_have_no_decimals(value: float, shown: str) -> None:
    assert figure(value) == shown


def _number(text: str, kind: str, value: float | str | None, unit: str = "", high: float | None = None) -> NumberFact:
    mention = sample_bundle().extraction.numbers[2].mention  # type: ignore[union-attr]
    return NumberFact(text, kind, value, mention, unit, "troops", high=high)


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (_number("1,200 troops", "count", 1200.0), "1,200"),
        (_number("one", "count", 1.0), "1"),
        (_number("12.5%", "percent", 12.5, "%"), "12.5%"),
        (_number("45 per cent", "percent", 45.0, "%"), "45%"),
        (_number("$3 million", "money", 3000000.0, "USD"), "3,000,000 USD"),
        (_number("$5-6bn", "money", 5e9, "USD", 6e9), "5,000,000,000\u20136,000,000,000 USD"),
        (_number("10-19%", "percent", 10.0, "%", 19.0), "10\u201319%"),
        (_number("half a percentage point", "percent", 0.5, "pp"), "0.5 pp"),
        (_number("2.5 km", "quantity", 2.5, "km"), "2.5 km"),
        (_number("one in 13", "ratio", 0.0769), "0.0769"),
        (_number("March 2", "date", "2015-03-02"), "2015-03-02"),
        (_number("2230GMT", "time", "22:30", "GMT"), "22:30 GMT"),
        (_number("1960s", "period", "1960/1969"), "1960\u20131969"),
        (_number("four months", "duration", 4.0, "month"), "4 months"),
        (_number("a year", "duration", 1.0, "year"), "1 year"),
        (_number("48-year-old", "age", 48.0, "year"), "48 years"),
        (_number("recent days", "date", None), ""),
    ],
)
def test_number_values_are_worded_as_the_numbers_pane_words_them(number: NumberFact, shown: str) -> None:
    assert number_value(number, str.upper) == shown.upper()


def test_number_value_escapes_only_what_extraction_wrote() -> None:
    assert number_value(_number("5 <b>", "quantity", 5.0, "<b>"), lambda text: f"[{text}]") == "5 [<b>]"
    assert number_value(_number("x", "money", 2.0, "USD"), lambda text: f"[{text}]") == "2 [USD]"


def test_exported_numbers_are_integers_where_integral_and_json_keeps_numbers() -> None:
    bundle = sample_bundle()
    numbers = (_number("1,200 troops", "count", 1200.0), _number("one and a half", "count", 1.5))
    bundle = replace(bundle, extraction=replace(bundle.extraction, numbers=numbers))
    markdown = export(bundle, "md")
    assert "| 1,200 troops | troops | count | 1,200 | ¶11 |" in markdown
    assert "| one and a half | troops | count | 1.5 | ¶11 |" in markdown
    cells = Page(export(bundle, "html")).text_by_tag["td"]
    figures = [cells.index("1,200 troops"), cells.index("one and a half")]
    assert [cells[index + 3] for index in figures] == ["1,200", "1.5"]
    values = [number["value"] for number in json.loads(export(bundle, "json"))["extraction"]["numbers"]]
    assert values == [1200, 1.5] and all(isinstance(value, float) for value in values)



def test_questions_name_their_actors_as_the_actors_are_called_now() -> None:
    """A question keeps the names it was asked with; a rename or merge since is followed."""
    from briefings.decisions import ActorDecision
    from briefings.extraction import apply_decisions

    bundle = sample_bundle()
    assert bundle.extraction is not None
    renamed = apply_decisions(bundle.extraction, [ActorDecision("d1", "rename", "reuters", "Reuters news agency", "")], bundle.briefing.article)
    text = export(replace(bundle, extraction=renamed), "md")
    assert "(¶4; concerns Reuters news agency)" in text
    assert "concerns Reuters news agency" in export(replace(bundle, extraction=renamed), "html")
