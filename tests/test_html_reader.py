"""Reading saved web pages through trafilatura (briefings.readers.html)."""

from __future__ import annotations

import datetime as dt
import gzip
import statistics
from pathlib import Path

import pytest

from benchmarks.html_extraction import load_pages, score, summary
from briefings.readers import ReadError, read_bytes, read_file, read_text

pytestmark = pytest.mark.unit

DATA = Path(__file__).parent / "data" / "readers"

STRUCTURE_PARAGRAPHS = [
    "The port of Vestby reopened to shipping on Monday morning, three days after a storm tore two "
    "cranes from their rails and left the main quay under a metre of water.",
    "Harbour master Jonas Berg said the first container ship had docked at 6.40 a.m. and that the "
    "remaining berths would open gradually over the week as divers inspect them.",
    "Damage still being counted",
    "Insurers estimate the damage at between 40 and 55 million kronor, although the final figure "
    "depends on whether the second crane can be repaired rather than replaced.",
    "Two cranes were knocked off their rails by gusts of more than 120 km/h.",
    "The main quay was flooded for nearly eleven hours before the pumps caught up.",
    '"We were lucky that nobody was on the quay when the water came in," Berg said.',
    "Shipping companies have been told to expect delays of up to two days until Friday.",
]


def test_one_block_of_the_page_is_one_paragraph() -> None:
    article = read_file(DATA / "structure.html")
    assert article.format == "html"
    assert article.origin == "structure.html"
    # The level-one heading is the title and is not repeated; the h2, the list items and the
    # quote are paragraphs of their own; navigation and footer are not the article.
    assert article.title == "Port reopens after storm"
    assert [p.text for p in article.paragraphs] == STRUCTURE_PARAGRAPHS


def test_page_metadata() -> None:
    article = read_file(DATA / "structure.html")
    assert article.source == "The Harbour Gazette"
    assert article.byline == "Maria Lindqvist"
    assert article.date == dt.date(2021, 6, 14)
    assert article.url == "https://gazette.example/2021/06/14/port-reopens"


def test_gzip_compressed_page(tmp_path: Path) -> None:
    path = tmp_path / "port.html.gz"
    path.write_bytes(gzip.compress((DATA / "structure.html").read_bytes()))
    article = read_file(path)
    assert article.format == "html"
    assert [p.text for p in article.paragraphs] == STRUCTURE_PARAGRAPHS


def test_scripts_styles_and_handlers_never_reach_the_text() -> None:
    article = read_file(DATA / "hostile.html")
    texts = [article.title, *(p.text for p in article.paragraphs)]
    joined = "\n".join(texts)
    markers = ("SCRIPT", "STYLE", "ONLOAD", "ONERROR", "IMG-ALT", "IFRAME", "NOSCRIPT", "TEMPLATE", "alert", "cookie")
    assert [marker for marker in markers if marker in joined] == []
    assert article.title == "Council votes on the new bridge"
    assert len(article.paragraphs) == 4
    # Bracketed text is kept as written: it is not markup here.
    assert "[Reuters]" in joined and "[/foo]" in joined and "[@click=app.quit]" in joined
    # Escape and bidi characters written as character references never reach the text.
    assert "A resident's sign read [2Jclear[0m and another read esrever in protest" in joined
    assert all(text.isprintable() for text in texts)


def test_control_character_references_do_not_lose_the_page() -> None:
    references = ["&#x1b;[2J", "&#27;", "&#xffff;", "&#0;", "&#150;", "&#xd800;"]
    body = "".join(
        f"<p>Paragraph {n} of a page that carries {reference} strange references.</p>"
        for n, reference in enumerate(references)
    )
    article = read_text(f"<html><body><article>{body}</article></body></html>", name="refs.html", format="html")
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 6
    assert all(text.isprintable() for text in texts)
    assert texts[4] == "Paragraph 4 of a page that carries \u2013 strange references."


def test_declared_charset_is_honoured() -> None:
    text = "\u041f\u043e\u0440\u0442 \u0441\u043d\u043e\u0432\u0430 \u043e\u0442\u043a\u0440\u044b\u0442."  # "Port open again."
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"</head><body><article><p>{text} {text} {text}</p><p>{text}</p></article></body></html>"
    )
    article = read_bytes(page.encode("cp1251"), name="ru.html")
    assert [p.text for p in article.paragraphs] == [f"{text} {text} {text}", text]


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"   \n  ",
        b"<html></html>",
        b"<html><head><title>Only a title</title></head><body></body></html>",
        b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        b"<html><body><script>" + b"var x = 1;" * 500 + b"</script></body></html>",
        b"<<<>>><<</\x00>",
    ],
    ids=["empty", "whitespace", "bare", "title-only", "nav-only", "script-only", "garbage"],
)
def test_pages_without_an_article_give_a_clear_error(page: bytes) -> None:
    with pytest.raises(ReadError, match=r"^page\.html: (no article text found|the file is empty)"):
        read_bytes(page, name="page.html")


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.7, 0.9])
def test_truncated_page_gives_text_or_a_clear_error(fraction: float) -> None:
    data = (DATA / "structure.html").read_bytes()
    cut = data[: int(len(data) * fraction)]
    try:
        article = read_bytes(cut, name="cut.html")
    except ReadError as error:
        assert str(error) == "cut.html: no article text found"
    else:
        texts = [p.text for p in article.paragraphs]
        assert texts and all(text.isprintable() for text in texts)
        assert " ".join(texts) in " ".join(STRUCTURE_PARAGRAPHS) or texts[0] == STRUCTURE_PARAGRAPHS[0]


def test_unclosed_and_misnested_tags() -> None:
    page = (
        b"<html><body><div><p>The council voted on Tuesday to build a second bridge <b>over the river"
        b"<p>Opponents said it would cost <i>far more</b> than the estimate of 80 million</i>"
        b"<table><tr><td>stray cell</div></span></body>"
    )
    article = read_bytes(page, name="broken.html")
    joined = " ".join(p.text for p in article.paragraphs)
    assert "The council voted on Tuesday to build a second bridge over the river" in joined
    assert "Opponents said it would cost far more than the estimate of 80 million" in joined


# --- the evaluation pages --------------------------------------------------------------------


def test_all_evaluation_pages_read_with_title_and_paragraphs(eval_dir: Path) -> None:
    pages = load_pages(eval_dir)
    assert len(pages) == 24
    scores = []
    structure = []
    for page in pages:
        article = read_bytes(page.html, name=f"{page.id}.html")
        assert article.format == "html"
        assert article.title.strip(), page.id
        assert len(article.paragraphs) >= 3, page.id
        scores.append(score(page.gold, "\n".join(p.text for p in article.paragraphs)))
        ours = {p.text for p in article.paragraphs}
        gold = [" ".join(line.split()) for line in page.gold.split("\n") if line.strip()]
        structure.append(sum(line in ours for line in gold) / len(gold))
    precision, recall, f1 = summary(scores)
    assert f1 >= 0.97, f"shingle F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"
    # One paragraph of the page is one paragraph in Brief: most gold paragraphs are exactly one
    # of ours (trafilatura's own text output reaches 0.94 on these pages).
    assert statistics.fmean(structure) >= 0.9


def test_shingle_measure() -> None:
    """The benchmark's measure, on cases whose answer is known by hand."""
    gold = "one two three four five six"  # shingles: 1234, 2345, 3456
    assert (score(gold, gold).precision, score(gold, gold).recall) == (1.0, 1.0)
    half = score(gold, "one two three four five")  # 1234, 2345
    assert (half.precision, half.recall) == (1.0, 2 / 3)
    extra = score(gold, gold + " seven")  # adds 4567
    assert (extra.precision, extra.recall) == (0.75, 1.0)
    empty = score(gold, "")
    assert (empty.precision, empty.recall) == (None, 0.0)
    assert summary([half, extra, empty]) == pytest.approx((0.875, 5 / 9, 2 * 0.875 * (5 / 9) / (0.875 + 5 / 9)))


def test_what_precision_mode_drops_inside_the_article_comes_back_but_not_what_follows_it() -> None:
    from types import SimpleNamespace

    from lxml import etree

    from briefings.readers.html import _Page, _with_leads

    body = etree.fromstring(
        "<body><p>A standfirst set apart from the body.</p><p>First paragraph.</p><head>A subheading</head>"
        "<p>Last paragraph.</p><p>Related: another story</p></body>"
    )
    balanced = SimpleNamespace(body=body)
    precise = [("p", "First paragraph."), ("p", "Last paragraph.")]
    unmeasured = _Page(links={}, parents={})  # no block's place known: nothing continues the article
    assert [text for _, text in _with_leads(precise, balanced, unmeasured)] == [
        "A standfirst set apart from the body.",
        "First paragraph.",
        "A subheading",
        "Last paragraph.",
    ]
    # When the two readings disagree on the article itself, the precise one stands.
    assert _with_leads([("p", "Something else.")], balanced, unmeasured) == [("p", "Something else.")]
