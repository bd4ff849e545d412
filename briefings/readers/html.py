"""The HTML reader: the article body and metadata of a saved web page, through trafilatura.

trafilatura finds the main text and the metadata (title, author, date, site name, canonical URL).
Its plain-text output is not used: it flattens a page's structure into lines, and Brief needs one
paragraph of the page to be one paragraph of the briefing. The reader walks trafilatura's
extracted element tree instead, where every paragraph, heading, list item, quote and table row is
its own element.

Extraction runs in trafilatura's precision mode without comments: an analyst would rather lose a
stray line than review a page's "related stories" and reader comments as if they were the article.
On the evaluation pages this also scores higher than the defaults (see
benchmarks/html_extraction.py); when precision mode finds nothing, the balanced defaults are tried.

trafilatura is imported inside the functions: it takes about a quarter of a second to import, and
reading text or Markdown must not pay for it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from briefings.cleaning import ReadError, decode_bytes
from briefings.model import Article
from briefings.readers.building import build_article, check_not_empty, one_line, same_text
from briefings.readers.dates import parse_date

if TYPE_CHECKING:
    from lxml.etree import _Element

# Elements of trafilatura's output that start a paragraph of their own; everything else (hi, ref,
# del, lb, graphic) is inline.
_BLOCKS = frozenset({"ab", "body", "cell", "code", "div", "head", "item", "list", "note", "p", "quote", "row", "table"})
# The charset a page declares, in the first bytes: <meta charset="..."> or the http-equiv form.
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DECLARATION_BYTES = 4096


def read_html_bytes(data: bytes, name: str) -> Article:
    """Read a page from its bytes: the charset it declares is used when the bytes are not UTF-8.

    Raises:
        ReadError: The input is binary or empty, or the page holds no article text.
    """
    declared = _META_CHARSET.search(data[:_DECLARATION_BYTES])
    text = decode_bytes(data, name, declared=declared.group(1).decode("ascii") if declared else None)
    return read_html(text, name)


def read_html(text: str, name: str) -> Article:
    """Read a page from its text: the extracted body, one paragraph per block of the page.

    The title is the page's own headline when the body opens with one (it is then not repeated
    as a paragraph), else the page's metadata title, else the first sentence. Scripts, styles
    and other non-text elements never reach the paragraphs. Long paragraphs are split as in every
    reader.

    Raises:
        ReadError: The page is empty or has no article body ("<name>: no article text found").
    """
    check_not_empty(text, name)
    document = _extract(text, name)
    if document is None or document.body is None:
        raise ReadError(f"{name}: no article text found")
    blocks = _block_texts(document.body)
    title = document.title
    if blocks and blocks[0][0] == "head" and blocks[0][1].strip():
        title = blocks.pop(0)[1]
    elif blocks and title and same_text(blocks[0][1], title):
        blocks.pop(0)
    return build_article(
        [text for _, text in blocks],
        name=name,
        format="html",
        title=title,
        source=document.sitename or document.hostname,
        date=parse_date(document.date),
        byline=document.author,
        url=document.url,
    )


def _extract(text: str, name: str) -> Any:
    """trafilatura's Document for the page (None when it finds no text), never an exception."""
    import trafilatura

    options = {"with_metadata": True, "include_comments": False, "include_tables": True}
    try:
        document = trafilatura.bare_extraction(text, favor_precision=True, **options)
        if document is None:
            document = trafilatura.bare_extraction(text, **options)
    except Exception as error:
        # Untrusted pages reach parsers and heuristics written for the web at large; whatever
        # they raise on a hostile or broken page, the user gets one line, never a traceback.
        raise ReadError(f"{name}: cannot extract an article from this page ({type(error).__name__})") from error
    return document


def _block_texts(body: _Element) -> list[tuple[str, str]]:
    """(tag, text) of every paragraph-level block in trafilatura's body element, in order.

    A block is an element with no block children (a paragraph, a heading, a list item, a quote
    without paragraphs inside); a table row of plain cells is one block with its cells joined by
    " | "; text loose between blocks is a block of its own. Walks iteratively: pages can nest
    deeper than Python's recursion limit.
    """
    for line_break in body.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    blocks: list[tuple[str, str]] = []
    # The stack holds elements to visit and, between them, loose text (the tails of blocks).
    stack: list[Any] = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            blocks.append(item)
            continue
        element: _Element = item
        if element.tag == "row" and not any(_has_blocks(cell) for cell in element):
            cells = (one_line("".join(cell.itertext())) for cell in element)
            blocks.append(("row", " | ".join(cell for cell in cells if cell)))
        elif not _has_blocks(element):
            blocks.append((str(element.tag), "".join(element.itertext())))
        else:
            stack.extend(reversed(_children_and_loose_text(element)))
    return [(tag, text) for tag, text in blocks if text.strip()]


def _children_and_loose_text(element: _Element) -> list[Any]:
    """The block children of `element`, with the inline text around them as (tag, text) blocks."""
    items: list[Any] = []
    loose = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            loose.append(child.tail or "")
        elif child.tag in _BLOCKS:
            items.append(("p", "".join(loose)))
            items.append(child)
            loose = [child.tail or ""]
        else:
            loose.append("".join(child.itertext()) + (child.tail or ""))
    items.append(("p", "".join(loose)))
    return items


def _has_blocks(element: _Element) -> bool:
    return any(child.tag in _BLOCKS for child in element)
