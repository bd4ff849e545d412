"""How much of a page is the article: what trafilatura's precision mode drops is put back from its
balanced mode, and no more (briefings.readers.html).

Every page here is written for these tests. Their paragraphs open with an empty inline element
(`<span class="marker"></span>`, as blog engines and news templates leave them): precision mode
then loses a paragraph's text up to its next inline element, and the paragraphs that have none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.readers import read_text
from tests.test_boilerplate import ARTICLE

pytestmark = pytest.mark.unit

LINKED = ARTICLE[1].replace("first container ship", "<b><a href='/ships'>first container ship</a></b>")


def marked_page(*, inside: str = "", heading: str = "<h1>Port reopens after storm</h1>") -> str:
    """The article in an `<article>`, each paragraph opening with an empty span, the second with a
    link inside; `inside` ends the `<article>` element."""
    paragraphs = [f"<p><span class='marker'></span>{text}</p>" for text in (ARTICLE[0], LINKED, *ARTICLE[2:])]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Port reopens after storm</title>"
        f"</head><body><article>{heading}{''.join(paragraphs)}{inside}</article></body></html>"
    )


def paragraphs_of(page: str) -> list[str]:
    return [paragraph.text for paragraph in read_text(page, name="port.html", format="html").paragraphs]


def test_a_paragraph_precision_mode_cuts_at_an_inline_element_comes_back_whole() -> None:
    """Precision mode keeps "first container ship had docked…" of the second paragraph: the
    balanced paragraph that holds it is the article's."""
    assert ARTICLE[1] in paragraphs_of(marked_page())


def test_the_paragraphs_precision_mode_drops_after_its_last_are_kept() -> None:
    """Precision mode keeps nothing after the second paragraph; the third and fourth are in the
    article's element, prose, and not boilerplate, so they continue the article."""
    assert paragraphs_of(marked_page()) == ARTICLE


def test_a_promotion_after_the_article_in_a_box_of_its_own_stays_out() -> None:
    """A sentence after the article in a box of its own, which the balanced reading keeps and
    the precise one does not, is not in the article's element: it does not continue it."""
    promotion = "<p><span class='marker'></span>Track and share the shipping topics that matter to you across the Web.</p>"
    assert paragraphs_of(marked_page(inside=f"<div class='box'>{promotion}</div>")) == ARTICLE


def test_a_prompt_inside_the_article_does_not_end_it() -> None:
    """Between paragraphs precision mode dropped, a sign-up prompt does not stop the article: the
    paragraph after it is kept, and the boilerplate rules drop the prompt."""
    page = marked_page().replace(
        f"<p><span class='marker'></span>{ARTICLE[3]}",
        f"<p><span class='marker'></span>Sign up for our daily newsletter</p><p><span class='marker'></span>{ARTICLE[3]}",
    )
    assert paragraphs_of(page) == ARTICLE


def test_a_label_set_as_a_heading_above_the_headline_is_neither_title_nor_paragraph() -> None:
    """A blog's name set as a level-one heading above the headline: the headline, which is the
    page's title, is the article's title, and the label goes."""
    article = read_text(
        marked_page(heading="<h1>Harbour Desk</h1><h1>Port reopens after storm</h1>"), name="port.html", format="html"
    )
    assert article.title == "Port reopens after storm"
    assert [paragraph.text for paragraph in article.paragraphs] == ARTICLE


def test_links_to_other_stories_end_the_article() -> None:
    """A paragraph of links to other stories in the article's element ends it: the note about the
    publisher after it is not the article's, although it is prose."""
    links = (
        "<p><a href='/ferries'><span class='marker'></span>Ferry services suspended</a> "
        "<a href='/jobs'><span class='marker'></span>Harbour jobs at risk</a></p>"
    )
    note = (
        "<p><span class='marker'></span>The Kelby Courier is published every weekday by the Kelby Press "
        "Cooperative, which has printed a newspaper in the town since 1887.</p>"
    )
    assert paragraphs_of(marked_page(inside=links + note)) == ARTICLE


def test_a_copyright_line_only_precision_mode_kept_is_no_disagreement() -> None:
    """Where the modes' blocks end together: a precise block found in no balanced one means the
    modes disagree on the article, unless it is a boilerplate line such as a copyright notice."""
    from briefings.readers.html import _shared_end

    balanced = [("p", ARTICLE[0]), ("p", ARTICLE[1]), ("item", "Ferry services suspended")]
    fragment = ("p", "first container ship had docked at dawn")
    assert _shared_end([fragment, ("p", "© 2011 The Kelby Courier")], balanced) == 2
    assert _shared_end([fragment, ("p", "The Courier's harbour reporter saw the ship come in.")], balanced) is None


def test_a_page_file_without_any_markup_is_read_as_text() -> None:
    """An article's text saved under a page's name (a reader-view copy): no tag, so no document
    for trafilatura, but every paragraph is the article's."""
    from briefings.readers import read_bytes

    article = read_bytes("\n\n".join(["Port reopens after storm", *ARTICLE]).encode(), name="port.html")
    assert article.title == "Port reopens after storm"
    assert [paragraph.text for paragraph in article.paragraphs] == ARTICLE


@pytest.mark.parametrize(
    "line",
    [
        "Anna Holm can be reached at aholm@courier.example.",
        "Please share your videos, pictures and stories at Courier Witness.",
        "More from the Kelby Courier Lifestyle Desk: Get more tips on saving on your grocery bill",
    ],
)
def test_contact_appeal_and_more_from_lines_are_boilerplate(line: str) -> None:
    """Shapes that end articles: a reporter's contact line, an appeal for readers' pictures, a
    "More from <section>:" teaser."""
    from briefings.readers.boilerplate import is_boilerplate_line

    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said Anna Holm can be reached at +46 555 123 456 only through the port authority.",
        "Share your experiences of the storm with the harbour office, the mayor urged residents on Tuesday.",
        "More on this later: the council meets on Friday to decide on the repairs.",
    ],
)
def test_article_sentences_of_those_shapes_are_kept(sentence: str) -> None:
    from briefings.readers.boilerplate import is_boilerplate_line

    assert not is_boilerplate_line(sentence)


def test_a_headline_that_is_the_first_segment_of_a_long_title_is_the_title() -> None:
    """"Headline - Section - Section - Site": the sections are decoration, however many."""
    from briefings.readers.titles import page_title, site_names

    title = "Port reopens after storm - Harbour News - Business and Shipping - The Kelby Courier"
    names = site_names("The Kelby Courier", "courier.example")
    assert page_title(title, ["Port reopens after storm"], names) == "Port reopens after storm"


def test_an_article_in_a_script_written_without_spaces_is_not_refused() -> None:
    """Three paragraphs of Chinese hold seven runs between spaces, fewer than the ten words below
    which a page is refused; counted as words of one or two characters, they are an article."""
    paragraphs = [
        "新华社基尔比电 基尔比港在风暴过后三天于星期一早上重新开放，两台起重机被风暴从轨道上吹落。",
        "港务长安娜·霍尔姆说，第一艘集装箱船已在黎明时分靠岸，其余泊位将在本周内逐步开放。",
        "保险公司估计损失在四千万至五千五百万克朗之间。",
    ]
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    page = f"<html><head><meta charset='utf-8'><title>基尔比港重新开放</title></head><body><article><h1>基尔比港重新开放</h1>{body}</article></body></html>"
    assert [paragraph.text for paragraph in read_text(page, name="port.html", format="html").paragraphs] == paragraphs


def test_a_paragraph_of_which_precision_mode_kept_the_opening_and_the_links_is_found_in_it() -> None:
    from briefings.readers.html import _part_of

    paragraph = "The port of Kelby said on Monday that Maersk and CMA CGM would call again from Friday, before MSC."
    assert _part_of("The port of Kelby said on Monday that Maersk CMA CGM MSC", paragraph)
    assert not _part_of("The harbour of Kelby said on Monday that Maersk CMA CGM MSC", paragraph)  # another opening
    assert not _part_of("Maersk CMA CGM MSC", paragraph)  # not the paragraph's opening


def test_the_benchmark_counts_a_refused_page_without_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A held-out set is read as totals: a page Brief refuses must not be named unless asked."""
    import gzip

    from benchmarks.boilerplate_eval import GoldPage, brief_extract

    path = tmp_path / "empty.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    extracted = brief_extract(GoldPage("empty.html", path, "Port reopens", ("port",), ()))
    assert extracted.refused is not None and extracted.text == ""
    assert capsys.readouterr() == ("", "")
