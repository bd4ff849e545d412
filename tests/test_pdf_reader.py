"""The PDF reader: paragraphs rebuilt across lines and pages, furniture dropped, pages kept.

Every PDF here is made by the test (`tests/tools/make_pdf.py` writes the PDF operators by hand),
laid out as word processors lay out reports: a title in larger type, a running head on every
page after the first, page numbers, paragraphs set apart by gaps or by first-line indents, and
words hyphenated at line ends.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from briefings.readers import ReadError, read_bytes, read_file
from store import Library
from store.batch import collect_files, import_files
from tests.tools.make_pdf import LEFT, Line, pdf_bytes, report_pdf

pytestmark = pytest.mark.unit

PARAGRAPHS = [
    "The committee met on 3 March 2024 to consider the annual report of the inspection agency, "
    "and heard evidence from its director about the delays in procurement that slowed the work "
    "of the regional offices through the winter.",
    "Members raised concerns about the budget, which rose by 12 per cent to 4.5 million pounds. "
    "It was a well-known problem: the agency had relied on consultants hired to cover vacancies "
    "in the north, and their fees were not disclosed in the accounts laid before parliament.",
    "The director said the vacancies would be filled by the end of the year, and that the "
    "international review of inspection standards would report to the committee in the autumn.",
    "The chair said the inquiry would continue into the next session, and that a further hearing "
    "with the minister would be held before the summer recess.",
]
#: Words the layout breaks at line ends when they fall there.
HYPHENATE = {
    "international": ("inter-", "national"),
    "well-known": ("well-", "known"),
    "parliament.": ("parlia-", "ment."),
    "consultants": ("consul-", "tants"),
}
TITLE = "Annual review of the inspection agency"


def report(paragraphs: list[str] = PARAGRAPHS * 10, **layout: object) -> bytes:
    options: dict[str, object] = {"title": TITLE, "running_head": "Inspection agency: annual review 2024", "hyphenate": HYPHENATE}
    return report_pdf(paragraphs, **(options | layout))


@pytest.mark.parametrize("indent", [False, True], ids=["gaps", "indents"])
@pytest.mark.parametrize("numbers", ["bottom", "top"])
def test_paragraphs_are_rebuilt_across_lines_and_pages(indent: bool, numbers: str) -> None:
    data = report(indent=indent, numbers=numbers)
    article = read_bytes(data, name="review.pdf")
    assert article.format == "pdf"
    assert article.title == TITLE
    assert [paragraph.text for paragraph in article.paragraphs] == PARAGRAPHS * 10
    pages = [paragraph.page for paragraph in article.paragraphs]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] >= 3  # several pages, in order


def test_running_heads_and_page_numbers_are_dropped() -> None:
    article = read_bytes(report(), name="review.pdf")
    text = "\n".join(paragraph.text for paragraph in article.paragraphs)
    assert "annual review 2024" not in text
    assert not any(paragraph.text.isdigit() for paragraph in article.paragraphs)
    article = read_bytes(report(numbers="top"), name="review.pdf")
    assert not any("Page" in paragraph.text and "of" in paragraph.text for paragraph in article.paragraphs)


def test_a_paragraph_continued_on_the_next_page_is_joined() -> None:
    first = [Line(LEFT, 700 - 14 * n, f"word{n} of a long paragraph that runs to the foot of the page and on") for n in range(46)]
    second = [Line(LEFT, 700, "into the next page, where it ends."), Line(LEFT, 660, "A new paragraph follows after a gap.")]
    article = read_bytes(pdf_bytes([first, second]), name="joined.pdf")
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.endswith("and on into the next page, where it ends.")
    assert article.paragraphs[0].page == 1 and article.paragraphs[1].page == 2


def test_hyphenated_words_are_mended_and_real_hyphens_kept() -> None:
    text = " ".join(paragraph.text for paragraph in read_bytes(report(), name="review.pdf").paragraphs)
    assert "international review" in text and "inter- national" not in text and "inter-national" not in text
    assert "well-known" in text
    assert "parliament." in text and "consultants" in text


def test_metadata_title_author_and_date() -> None:
    pages = [[Line(LEFT, 700, "A short report in body type only, with no heading set larger than its text."), Line(LEFT, 686, "It has a second line.")]]
    info = {"Title": "Report on port security", "Author": "Jane Analyst", "CreationDate": "D:20240305120000Z"}
    article = read_bytes(pdf_bytes(pages, info=info), name="port.pdf")
    assert article.title == "Report on port security"
    assert article.byline == "Jane Analyst"
    assert str(article.date) == "2024-03-05"
    # A title software wrote (a file name) is not a title: the first sentence is.
    article = read_bytes(pdf_bytes(pages, info={"Title": "Microsoft Word - draft3.docx"}), name="port.pdf")
    assert article.title.startswith("A short report in body type only")


def test_a_dateline_gives_the_date_when_the_metadata_has_none() -> None:
    pages = [[Line(LEFT, 700, "GENEVA, 4 March 2024 (Reuters) - Talks on the ceasefire resumed on Monday after a"), Line(LEFT, 686, "pause of two weeks, officials said.")]]
    article = read_bytes(pdf_bytes(pages), name="wire.pdf")
    assert str(article.date) == "2024-03-04"


def test_a_scanned_pdf_without_text_is_refused() -> None:
    with pytest.raises(ReadError, match=r"^scan\.pdf: this PDF has no text layer \(a scanned document\?\)"):
        read_bytes(pdf_bytes([[], [], []]), name="scan.pdf")


def test_an_encrypted_pdf_is_refused_and_one_without_an_opening_password_is_read() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(ReadError, match=r"^locked\.pdf: this PDF is encrypted with a password"):
        read_bytes(locked.getvalue(), name="locked.pdf")

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")  # printing rights only
    restricted = io.BytesIO()
    writer.write(restricted)
    assert read_bytes(restricted.getvalue(), name="restricted.pdf").paragraphs[0].text == PARAGRAPHS[0]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"\x00garbage" * 100,
        report()[:400],
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ],
    ids=["garbage", "truncated", "no-pages"],
)
def test_a_broken_pdf_gets_one_line(data: bytes) -> None:
    with pytest.raises(ReadError) as raised:
        read_bytes(data, name="broken.pdf")
    message = str(raised.value)
    assert message.startswith("broken.pdf: ") and "\n" not in message


def test_a_pdf_is_recognised_by_its_bytes_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(report())
    assert read_file(path).format == "pdf"


def test_import_keeps_pages_through_the_store_and_exports_cite_them(tmp_path: Path, library_dir: Path) -> None:
    """The page is stored with each paragraph, survives reopening, and exports cite it."""
    from briefings.briefing import Annotation
    from briefings.edits import LibrarySettings
    from briefings.exporters import ExportBundle, export
    from briefings.taxonomy import DEFAULT_TAGS

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "review.pdf").write_bytes(report())
    (folder / "notes.txt").write_text("A plain text article without pages, long enough to be one.\n")
    library = Library.open(library_dir)
    outcomes = import_files(library, collect_files([folder]).files)
    assert [outcome.status for outcome in outcomes] == ["imported", "imported"]
    pdf_id = next(outcome.briefing_id for outcome in outcomes if outcome.path.suffix == ".pdf")
    briefing = Library.open(library_dir).load(pdf_id)
    last = briefing.article.paragraphs[-1]
    assert last.page is not None and last.page >= 3
    briefing.set_annotation(last.index, Annotation(frozenset({DEFAULT_TAGS[0].id}), "check this"))
    bundle = ExportBundle(briefing, None, LibrarySettings(DEFAULT_TAGS), "2024-03-05T00:00:00+00:00", "test")
    assert f"¶{last.index + 1}, p. {last.page}" in export(bundle, "md")
    assert f"¶{last.index + 1}, p. {last.page}" in export(bundle, "html")
    document = json.loads(export(bundle, "json"))
    assert document["paragraphs"][-1]["page"] == last.page
    text_id = next(outcome.briefing_id for outcome in outcomes if outcome.path.suffix == ".txt")
    raw = (library_dir / "briefings" / f"{text_id}.json").read_text()
    assert '"page"' not in raw  # files of articles without pages are written as before


def test_a_json_export_of_a_pdf_briefing_imports_with_its_pages(tmp_path: Path, library_dir: Path) -> None:
    from briefings.edits import LibrarySettings
    from briefings.exporters import ExportBundle, export
    from briefings.exporters.json_export import read_json_export
    from briefings.taxonomy import DEFAULT_TAGS

    library = Library.open(library_dir)
    path = tmp_path / "review.pdf"
    path.write_bytes(report())
    briefing = library.load(import_files(library, [path])[0].briefing_id or "")
    bundle = ExportBundle(briefing, None, LibrarySettings(DEFAULT_TAGS), "2024-03-05T00:00:00+00:00", "test")
    text = export(bundle, "json")
    again = read_json_export(text)
    assert [p.page for p in again.briefing.article.paragraphs] == [p.page for p in briefing.article.paragraphs]
    assert export(again, "json") == text
