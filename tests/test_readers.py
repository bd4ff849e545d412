"""Reading articles from text and Markdown files, and every way a file can be bad (briefings.readers)."""

from __future__ import annotations

import datetime as dt
import gzip
import random
import subprocess
import sys
from pathlib import Path

import pytest

import briefings.readers as readers
from briefings.model import QUOTE_CHARS, text_digest
from briefings.readers import MAX_BYTES, SUPPORTED_SUFFIXES, ReadError, read_bytes, read_file, read_text
from briefings.readers.building import MAX_PARAGRAPH_CHARS, MAX_TITLE_CHARS
from briefings.readers.dates import parse_date

pytestmark = pytest.mark.unit

DATA = Path(__file__).parent / "data" / "readers"

ARTICLE = (
    "Storm closes the port\n"
    "\n"
    "The port of Vestby closed on Friday as a storm brought gusts of more than 120 km/h.\n"
    "\n"
    "Ships were told to stay at anchor until the wind drops, the harbour master said.\n"
)


def blocks(text: str) -> list[str]:
    """Blank-line separated blocks, each on one line: what a simple text file's paragraphs are."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


# --- the bundled sample ----------------------------------------------------------------------


def test_sample_metadata(sample_path: Path) -> None:
    article = read_file(sample_path)
    first_line = sample_path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert article.title == first_line
    # The dateline names the paper as "The Telegraph UK"; the reader keeps the name as written.
    assert article.source == "The Telegraph UK"
    assert article.date == dt.date(2015, 3, 25)
    assert article.origin == sample_path.name
    assert article.format == "text"


def test_sample_paragraphs(sample_path: Path) -> None:
    """16 blank-line separated blocks: the headline (the title) and 15 body paragraphs."""
    article = read_file(sample_path)
    expected = blocks(sample_path.read_text(encoding="utf-8"))
    assert len(expected) == 16
    assert len(article.paragraphs) == 15
    assert [paragraph.text for paragraph in article.paragraphs] == expected[1:]
    # The dateline fills source and date but stays in the text.
    assert article.paragraphs[0].text.startswith("The Telegraph UK 25 March 2015 \u2013 Officials admit")


def test_sample_anchors(sample_path: Path) -> None:
    paragraphs = read_file(sample_path).paragraphs
    for index, paragraph in enumerate(paragraphs):
        anchor = paragraph.anchor
        assert paragraph.index == anchor.index == index
        assert anchor.digest == text_digest(paragraph.text)
        assert anchor.quote == paragraph.text[:QUOTE_CHARS]
        assert anchor.prefix == (paragraphs[index - 1].text[-len(anchor.prefix) :] if index else "")
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        assert anchor.suffix == following[: len(anchor.suffix)]
    assert len({paragraph.anchor.digest for paragraph in paragraphs}) == len(paragraphs)


def test_bbc_articles_read_with_headline_and_paragraphs(eval_dir: Path) -> None:
    """The BBC files are a headline line, a blank line, then one paragraph (or list item) per line."""
    files = sorted((eval_dir / "bbc-articles").rglob("*.txt"))
    assert len(files) == 25
    for path in files:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        lines = [line for line in lines if line]
        article = read_file(path)
        assert article.title == lines[0], path
        assert [paragraph.text for paragraph in article.paragraphs] == lines[1:], path


# --- plain text: paragraphs ------------------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Council approves the bridge\n\n"
        "The city council voted by nine votes to four on Tuesday to build a\n"
        "second bridge over the river, ending a debate that has run for more\n"
        "than a decade.\n\n"
        "Opponents said the bridge would cost far more than the estimate of\n"
        "80 million kronor.\n"
    )
    article = read_text(text, name="bridge.txt")
    assert article.title == "Council approves the bridge"
    assert [p.text for p in article.paragraphs] == [
        "The city council voted by nine votes to four on Tuesday to build a second bridge over the "
        "river, ending a debate that has run for more than a decade.",
        "Opponents said the bridge would cost far more than the estimate of 80 million kronor.",
    ]


def test_hard_wrapped_text_without_blank_lines_splits_where_lines_stop_short() -> None:
    text = (
        "Council approves the bridge\n"
        "The city council voted by nine votes to four on Tuesday to build a\n"
        "second bridge over the river, ending a debate that has run for more\n"
        "than a decade.\n"
        "Opponents said the bridge would cost far more than the estimate of\n"
        "80 million kronor.\n"
        "The mayor disagreed, saying that most of the money would come from\n"
        "the state and not from the city.\n"
    )
    article = read_text(text, name="bridge.txt")
    assert article.title == "Council approves the bridge"
    assert [p.text for p in article.paragraphs] == [
        "The city council voted by nine votes to four on Tuesday to build a second bridge over the "
        "river, ending a debate that has run for more than a decade.",
        "Opponents said the bridge would cost far more than the estimate of 80 million kronor.",
        "The mayor disagreed, saying that most of the money would come from the state and not from the city.",
    ]


def test_one_paragraph_per_line_without_blank_lines() -> None:
    paragraphs = [
        "The port of Vestby closed on Friday as a storm brought gusts of more than 120 km/h to the "
        "coast, tearing two cranes from their rails and flooding the main quay.",
        "Ships were told to stay at anchor until the wind drops, the harbour master said.",
        "Insurers have not yet put a figure on the damage, which is expected to run to millions of "
        "kronor once the cranes have been inspected by the manufacturer.",
    ]
    article = read_text("Storm closes the port\n" + "\n".join(paragraphs), name="storm.txt")
    assert article.title == "Storm closes the port"
    assert [p.text for p in article.paragraphs] == paragraphs


def test_short_sentence_lines_stay_separate() -> None:
    text = "Minutes\n\nThe meeting opened at nine.\nThe budget was approved.\nNo other business was raised.\n"
    assert [p.text for p in read_text(text, name="m.txt").paragraphs] == [
        "The meeting opened at nine.",
        "The budget was approved.",
        "No other business was raised.",
    ]


def test_list_items_stay_separate() -> None:
    text = (
        "What the deal covers\n\n"
        "The agreement has three parts:\n"
        "- safe passage through a corridor cleared of mines\n"
        "- inspections in Istanbul by a joint centre\n"
        "  with staff from four parties\n"
        "* a review after 120 days\n"
        "1. signed in July\n"
        "2) renewed in November\n"
    )
    assert [p.text for p in read_text(text, name="deal.txt").paragraphs] == [
        "The agreement has three parts:",
        "- safe passage through a corridor cleared of mines",
        "- inspections in Istanbul by a joint centre with staff from four parties",
        "* a review after 120 days",
        "1. signed in July",
        "2) renewed in November",
    ]


# --- plain text: title -----------------------------------------------------------------------


def test_headline_followed_by_blank_line() -> None:
    article = read_text(ARTICLE, name="storm.txt")
    assert article.title == "Storm closes the port"
    assert len(article.paragraphs) == 2


def test_short_headline_directly_above_the_body() -> None:
    text = "Storm closes the port\nThe port of Vestby closed on Friday as a storm brought gusts of 120 km/h.\n"
    article = read_text(text, name="storm.txt")
    assert article.title == "Storm closes the port"
    assert [p.text for p in article.paragraphs] == [text.splitlines()[1]]


def test_a_first_line_of_two_sentences_is_body_text_not_a_headline() -> None:
    text = "The minister said “we’ll act” – costing €5m. Café owners were told on Friday.\n\nA second paragraph.\n"
    article = read_text(text, name="minister.txt")
    assert article.title == "The minister said “we’ll act” – costing €5m."
    assert [p.text for p in article.paragraphs] == ["The minister said “we’ll act” – costing €5m. Café owners were told on Friday.", "A second paragraph."]
    assert len(read_text("He said so. Then he left the room quietly.\n\nA second paragraph.\n", name="s.txt").paragraphs) == 2
    # A one-sentence headline with a full stop is still a headline, abbreviations and all.
    for headline in (
        "Storm closes the port.",
        "Dr. Smith resigns as port chief.",
        "U.S. Navy Sends Carrier To Gulf.",
        "Port authority and the U.S. Navy agree on access.",
        "Court hears case against Dr. Smith of St. Mary Hospital.",
        "J. K. Rowling opens the new library.",
    ):
        article = read_text(f"{headline}\n\nShips were told to stay at anchor.\n", name="s.txt")
        assert (article.title, len(article.paragraphs)) == (headline, 1)


def test_a_first_line_that_is_a_lead_sentence_is_body_text_not_a_headline() -> None:
    """An article body saved without its headline starts with its lead: one long sentence ending
    with a full stop, on a line of its own. It stays in the text (its figures and names with it)."""
    lead = "Harbour officials in Vestby said on Friday that 1,200 containers would wait at anchor until the storm had passed the coast."
    article = read_text(f"{lead}\n\nShips were told to stay at anchor.\n", name="s.txt")
    assert [p.text for p in article.paragraphs] == [lead, "Ships were told to stay at anchor."]
    assert article.title.startswith("Harbour officials in Vestby said on Friday")  # derived from it, shortened
    # A headline ending in an ellipsis, or in an abbreviation's stop, is still a headline.
    for headline in ("Rivals of the new tablet line up against it in a crowded market this winter...",
                     "Harbour officials in Vestby and Tromso agree on new rules for ships from the U.S."):
        assert read_text(f"{headline}\n\nShips were told to stay at anchor.\n", name="s.txt").title == headline


def test_without_a_headline_the_title_is_the_first_sentence() -> None:
    text = "The port of Vestby closed on Friday. Ships were told to stay at anchor, the harbour master said."
    article = read_text(text, name="storm.txt")
    assert article.title == "The port of Vestby closed on Friday."
    assert [p.text for p in article.paragraphs] == [text]


def test_an_abbreviation_does_not_end_the_derived_title() -> None:
    text = "Mr. Berg, the harbour master, said the port would reopen. Ships queued outside."
    assert read_text(text, name="p.txt").title == "Mr. Berg, the harbour master, said the port would reopen."


def test_a_long_first_sentence_is_shortened_at_a_word() -> None:
    sentence = "The port " + "and the quay " * 30 + "closed."
    title = read_text(sentence, name="storm.txt").title
    assert len(title) <= MAX_TITLE_CHARS + 1
    assert title.endswith("\u2026")
    assert sentence.startswith(title[:-1])


def test_the_file_name_is_the_last_resort_title() -> None:
    assert read_text("--- *** ---", name="notes/2015-03-25 minutes.txt").title == "2015-03-25 minutes"


def test_a_single_line_is_both_title_and_body() -> None:
    article = read_text("Hello world\n", name="h.txt")
    assert article.title == "Hello world"
    assert [p.text for p in article.paragraphs] == ["Hello world"]


# --- plain text: metadata --------------------------------------------------------------------


def test_header_block() -> None:
    text = (
        "Title: Port reopens after storm\n"
        "Source: The Harbour Gazette\n"
        "Date: 14 June 2021\n"
        "Author: Maria Lindqvist\n"
        "URL: https://gazette.example/port\n"
        "\n"
        "LONDON (Reuters) - The port reopened on Monday.\n"
    )
    article = read_text(text, name="port.txt")
    assert article.title == "Port reopens after storm"
    assert article.source == "The Harbour Gazette"  # the header wins over the dateline
    assert article.date == dt.date(2021, 6, 14)
    assert article.byline == "Maria Lindqvist"
    assert article.url == "https://gazette.example/port"
    assert [p.text for p in article.paragraphs] == ["LONDON (Reuters) - The port reopened on Monday."]


def test_header_block_alone_is_not_an_article() -> None:
    with pytest.raises(ReadError, match=r"^h\.txt: no article text found$"):
        read_text("Title: Nothing here\nSource: Nobody\n", name="h.txt")


@pytest.mark.parametrize(
    ("opening", "source", "date", "byline"),
    [
        ("The Telegraph UK 25 March 2015 \u2013 Officials admit", "The Telegraph UK", dt.date(2015, 3, 25), None),
        ("The Times of India, March 25, 2015 - Officials admit", "The Times of India", dt.date(2015, 3, 25), None),
        ("25 March 2015 \u2014 Officials admit", None, dt.date(2015, 3, 25), None),
        ("LONDON (Reuters) - Officials admit", "Reuters", None, None),
        ("NEW YORK, Nov. 20, 2019 (Reuters) - Officials admit", "Reuters", dt.date(2019, 11, 20), None),
        ("WASHINGTON, March 3 (AP) \u2014 Officials admit", "AP", None, None),  # no year: no date
        ("Washington (CNN) -- Officials admit", "CNN", None, None),
        ("By Jane Doe, The Guardian, 3 March 2015 Officials admit", "The Guardian", dt.date(2015, 3, 3), "Jane Doe"),
        ("By Jane Doe and John Roe | Reuters | 2015-03-03", "Reuters", dt.date(2015, 3, 3), "Jane Doe and John Roe"),
        ("Friday 25 March 2015 - Officials admit", None, dt.date(2015, 3, 25), None),
        ("Officials said on 25 March 2015 - that", None, None, None),
        ("By March 2015 the army had retreated", None, None, None),
        ("london (reuters) - lowercase is prose", None, None, None),
    ],
)
def test_datelines(opening: str, source: str | None, date: dt.date | None, byline: str | None) -> None:
    text = f"Officials admit more than they meant to\n\n{opening} more than they meant to.\n\nSecond paragraph."
    article = read_text(text, name="d.txt")
    assert (article.source, article.date, article.byline) == (source, date, byline)
    assert article.paragraphs[0].text.startswith(opening)  # the article is never altered


def test_byline_line_then_dateline() -> None:
    text = "Port reopens\n\nBy Maria Lindqvist\n\nOSLO, June 14, 2021 (Reuters) - The port reopened on Monday."
    article = read_text(text, name="p.txt")
    assert (article.byline, article.source, article.date) == ("Maria Lindqvist", "Reuters", dt.date(2021, 6, 14))
    assert [p.text for p in article.paragraphs][0] == "By Maria Lindqvist"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25 March 2015", dt.date(2015, 3, 25)),
        ("Wednesday 25th March 2015", dt.date(2015, 3, 25)),
        ("March 25, 2015", dt.date(2015, 3, 25)),
        ("Mar. 25 2015", dt.date(2015, 3, 25)),
        ("Sept 3, 2019", dt.date(2019, 9, 3)),
        ("3rd of September 2019", dt.date(2019, 9, 3)),
        ("2015-03-25", dt.date(2015, 3, 25)),
        ("2015-03-25T10:00:00+00:00", dt.date(2015, 3, 25)),
        ("Wed, 25 Mar 2015 10:00:00 +0000", dt.date(2015, 3, 25)),
        ("25/03/2015", dt.date(2015, 3, 25)),
        ("03/25/2015", dt.date(2015, 3, 25)),
        ("04/04/2015", dt.date(2015, 4, 4)),
        ("03/04/2015", None),  # 3 April or March 4: ambiguous
        ("31 February 2015", None),
        ("March 3", None),
        ("25 March 20155", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


# --- long paragraphs -------------------------------------------------------------------------


def test_five_megabyte_single_line_is_split_at_sentences() -> None:
    sentence = "The quick brown fox jumps over the lazy dog near the river bank. "
    text = sentence * (5_000_000 // len(sentence) + 1)
    article = read_bytes(text.encode(), name="long.txt")
    texts = [p.text for p in article.paragraphs]
    assert len(text) > 5_000_000
    assert len(texts) >= len(text) // MAX_PARAGRAPH_CHARS
    assert all(len(piece) <= MAX_PARAGRAPH_CHARS for piece in texts)
    assert all(piece.endswith(".") for piece in texts)
    assert " ".join(texts) == text.strip()
    assert article.title == sentence.strip()


def test_a_long_line_without_spaces_is_split_hard() -> None:
    text = "x" * (3 * MAX_PARAGRAPH_CHARS + 5)
    texts = [p.text for p in read_text(text, name="x.txt").paragraphs]
    assert [len(piece) for piece in texts] == [MAX_PARAGRAPH_CHARS] * 3 + [5]
    assert "".join(texts) == text


# --- hostile text ----------------------------------------------------------------------------


def test_markup_lookalikes_are_kept_literally() -> None:
    text = "[/foo] and [Reuters]\n\nHe typed [@click=app.quit] and [b]bold[/b] and [link=x]y[/link]."
    article = read_text(text, name="m.txt")
    assert article.title == "[/foo] and [Reuters]"
    assert article.paragraphs[0].text == "He typed [@click=app.quit] and [b]bold[/b] and [link=x]y[/link]."


def test_escape_sequences_and_controls_never_reach_the_article() -> None:
    data = (
        b"Title\x1b[2J here\r\n\r\n"
        b"Body \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ text \xc2\x9b31mred\x00 "
        b"\xe2\x80\xaeevil\xe2\x80\xac end\x07.\r\n"
    )
    article = read_bytes(data, name="hostile.txt")
    assert article.title == "Title here"
    assert [p.text for p in article.paragraphs] == ["Body link text red evil end."]
    for text in [article.title, *(p.text for p in article.paragraphs)]:
        assert text.isprintable()


# --- bad input -------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"the file is empty$"),
        (b" \n\t\r\n  \n", r"the file is empty \(only whitespace\)$"),
        (b"\xef\xbb\xbf\n\n", r"the file is empty \(only whitespace\)$"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), r"this is a PNG image, not an article$"),
        # Read as the PDF it is (whatever its name), and refused as a damaged one.
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n" * 20, r"a damaged PDF that cannot be read"),
        (b"\x7fELF\x02\x01\x01" + bytes(200), r"this is an ELF executable, not an article$"),
        (random.Random(3).randbytes(8192), r"binary|neither UTF-8"),
    ],
)
def test_files_that_are_not_articles(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "notes.txt", data)
    with pytest.raises(ReadError, match=rf"^{path}: .*{message}"):
        read_file(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(ReadError, match=rf"^{path}: no such file$"):
        read_file(path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=rf"^{tmp_path}: is a directory"):
        read_file(tmp_path)


def test_unreadable_path(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", ARTICLE.encode()) / "child.txt"
    with pytest.raises(ReadError, match=r"plain\.txt/child\.txt: cannot read it \(Not a directory\)$"):
        read_file(path)


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    path = write(tmp_path, "big.txt", b"word " * 40)
    with pytest.raises(ReadError, match=r"big\.txt: too large"):
        read_file(path)


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = gzip.compress(bytes(MAX_BYTES + 1024), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(ReadError, match=r"bomb\.txt\.gz: decompresses to more than 50 MB"):
        read_file(write(tmp_path, "bomb.txt.gz", bomb))


def test_truncated_and_damaged_gzip(tmp_path: Path) -> None:
    compressed = gzip.compress(ARTICLE.encode())
    with pytest.raises(ReadError, match=r"cut\.txt\.gz: the gzip data is truncated$"):
        read_file(write(tmp_path, "cut.txt.gz", compressed[: len(compressed) // 2]))
    with pytest.raises(ReadError, match=r"bad\.txt\.gz: damaged gzip data"):
        read_file(write(tmp_path, "bad.txt.gz", b"\x1f\x8b" + bytes(range(40))))


def test_gzip_compressed_text_and_multiple_members(tmp_path: Path) -> None:
    reference = read_text(ARTICLE, name="storm.txt")
    half = len(ARTICLE) // 2
    two_members = gzip.compress(ARTICLE[:half].encode()) + gzip.compress(ARTICLE[half:].encode())
    article = read_file(write(tmp_path, "storm.txt.gz", two_members))
    assert article.content_hash == reference.content_hash
    assert article.origin == "storm.txt.gz"


# --- encodings and line endings --------------------------------------------------------------

ACCENTED = "Caf\u00e9 reopens\n\nThe caf\u00e9 said \u201cwe are back\u201d \u2013 na\u00efvely, perhaps.\n"


@pytest.mark.parametrize(
    "data",
    [
        ACCENTED.encode("cp1252"),
        b"\xef\xbb\xbf" + ACCENTED.encode("utf-8"),
        b"\xff\xfe" + ACCENTED.encode("utf-16-le"),
        b"\xfe\xff" + ACCENTED.encode("utf-16-be"),
        ACCENTED.encode("utf-16-le"),
        ACCENTED.encode("utf-16-be"),
        ACCENTED.replace("\n", "\r\n").encode("utf-8"),
        ACCENTED.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["cp1252", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "crlf", "cr"],
)
def test_encodings_and_line_endings_give_the_same_article(tmp_path: Path, data: bytes) -> None:
    reference = read_text(ACCENTED, name="cafe.txt")
    article = read_file(write(tmp_path, "cafe.txt", data))
    assert article.title == "Caf\u00e9 reopens"
    assert [p.text for p in article.paragraphs] == [p.text for p in reference.paragraphs]
    assert article.content_hash == reference.content_hash


def test_invalid_utf8_is_read_as_windows_1252() -> None:
    article = read_bytes(b"caf\xe9 \x93quoted\x94", name="c.txt")
    assert article.paragraphs[0].text == "caf\u00e9 \u201cquoted\u201d"


# --- dispatch --------------------------------------------------------------------------------

HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Port reopens</title></head><body><article>"
    b"<p>The port of Vestby reopened to shipping on Monday morning, three days after the storm.</p>"
    b"<p>The harbour master said the remaining berths would open over the week.</p>"
    b"</article></body></html>"
)


@pytest.mark.parametrize(
    ("name", "data", "format"),
    [
        ("a.txt", ARTICLE.encode(), "text"),
        ("a.TEXT", ARTICLE.encode(), "text"),
        ("README", ARTICLE.encode(), "text"),
        ("a.md", ARTICLE.encode(), "markdown"),
        ("a.markdown", ARTICLE.encode(), "markdown"),
        ("a.html", HTML_PAGE, "html"),
        ("a.htm", HTML_PAGE, "html"),
        ("a.xhtml", HTML_PAGE, "html"),
        ("saved_page", HTML_PAGE, "html"),  # no suffix: sniffed
        ("a.article", HTML_PAGE, "html"),  # unknown suffix: sniffed
        ("a.article", ARTICLE.encode(), "text"),
        ("a.html.gz", gzip.compress(HTML_PAGE, mtime=0), "html"),  # mtime=0: the same test id in every xdist worker
        ("a.md.gz", gzip.compress(ARTICLE.encode(), mtime=0), "markdown"),
    ],
)
def test_format_is_chosen_by_suffix_then_content(tmp_path: Path, name: str, data: bytes, format: str) -> None:
    article = read_file(write(tmp_path, name, data))
    assert article.format == format
    assert article.origin == name


def test_txt_suffix_is_trusted_over_content() -> None:
    assert read_bytes(HTML_PAGE, name="page.txt").format == "text"


def test_explicit_format() -> None:
    assert read_bytes(ARTICLE.encode(), name="a.txt", format="markdown").format == "markdown"
    with pytest.raises(ReadError, match=r"^a\.txt: unknown format 'pdf'"):
        read_text(ARTICLE, name="a.txt", format="pdf")


def test_supported_suffixes() -> None:
    assert {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".gz"} == set(SUPPORTED_SUFFIXES)


def test_reading_text_imports_neither_trafilatura_nor_markdown_it(sample_path: Path) -> None:
    code = (
        "import sys; from briefings.readers import read_file; read_file(sys.argv[1]); "
        "print(sorted(m for m in ('trafilatura', 'markdown_it', 'dateparser', 'lxml', 'pypdf') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(sample_path)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_front_matter_and_syntax_removal() -> None:
    article = read_file(DATA / "article.md")
    assert article.format == "markdown"
    assert article.title == "Grain shipments resume from the southern ports"
    assert article.source == "The Example Courier"
    assert article.date == dt.date(2022, 8, 1)
    assert article.byline == "Ana Pereira, Tom Okafor"
    assert article.url == "https://courier.example/grain"
    assert [p.text for p in article.paragraphs] == [
        "The first grain ship in five months left the port of Odessa on Monday, carrying 26,000 "
        "tonnes of maize, according to the ministry.",
        "What the deal covers",
        "Safe passage through a corridor cleared of mines",
        "Inspections in Istanbul, run by a joint centre with staff from four parties",
        '"This is a first step," an official said. "Others must follow."',
        "corridor: 111 nautical miles width: 3 nautical miles",
        "Analysts expect more ships this week.",
        "Port | Ships",
        "Odessa | 1",
        "Prices fell 2% on the news, a trader said, using CBOT futures as the benchmark guide.",
    ]


def test_markdown_heading_is_the_title_without_front_matter() -> None:
    article = read_text("# Port *reopens*\n\nThe port reopened on **Monday**.\n", name="p.md", format="markdown")
    assert article.title == "Port reopens"
    assert [p.text for p in article.paragraphs] == ["The port reopened on Monday."]


def test_markdown_without_heading_derives_the_title_and_finds_the_dateline() -> None:
    text = "LONDON (Reuters) - The port *reopened* on Monday. Ships\nqueued outside.\n\n## Background\n\nMore."
    article = read_text(text, name="p.md", format="markdown")
    assert article.title == "LONDON (Reuters) - The port reopened on Monday."
    assert article.source == "Reuters"
    assert [p.text for p in article.paragraphs] == [
        "LONDON (Reuters) - The port reopened on Monday. Ships queued outside.",
        "Background",
        "More.",
    ]


def test_markdown_html_is_text_not_markup() -> None:
    text = (
        "Intro <b>bold</b> <script>alert('inline')</script>after &amp; <img src=x onerror=alert(1)>\n\n"
        "<div onclick=\"steal()\">Block <em>text</em> &#x1b;[2J<script>\nalert('block')\n</script></div>\n\n"
        "<!-- hidden comment -->\n\n"
        "[/foo] [@click=app.quit]\n"
    )
    article = read_text(text, name="h.md", format="markdown")
    assert [p.text for p in article.paragraphs] == ["Intro bold after &", "Block text [2J", "[/foo] [@click=app.quit]"]


def test_unclosed_front_matter_is_text() -> None:
    article = read_text("---\ntitle: Not front matter\n\nBody text here.", name="f.md", format="markdown")
    assert article.title != "Not front matter"
    assert "Body text here." in [p.text for p in article.paragraphs]


def test_front_matter_source_that_is_a_url() -> None:
    text = "---\ntitle: T\nsource: https://example.com/a\n---\nBody text here."
    article = read_text(text, name="f.md", format="markdown")
    assert (article.source, article.url) == (None, "https://example.com/a")
