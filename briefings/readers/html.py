"""The HTML reader: the article body and metadata of a saved web page, through trafilatura.

trafilatura finds the main text and the metadata (title, author, date, site name, canonical URL).
Its plain-text output is not used: it flattens a page's structure into lines, and Brief needs one
paragraph of the page to be one paragraph of the briefing. The reader walks trafilatura's
extracted element tree instead, where every paragraph, heading, list item, quote and table row is
its own element.

Extraction runs in trafilatura's precision mode without comments, which keeps a page's "related
stories" and reader comments out, and then in its balanced mode, whose blocks are taken up to the
last block both modes kept, and after it while they are paragraphs of the article's own element
of the page: precision mode also drops subheadings, short quotes, parts of paragraphs and at
times the article's last paragraphs (see `_with_leads`). When precision mode finds fewer than
`MIN_ARTICLE_WORDS` words (in scripts written without spaces, a word per two characters), the
balanced defaults are used alone. A page file without any markup is read as text.

Only the article is imported. Before extraction, the containers the page itself names as
boilerplate (comments, related stories, newsletter boxes) are removed (`page_markup`); after
it, the lines that are prompts, credits or lists of links, and what trails the article's last
paragraph, are dropped (`boilerplate`, the same rules as for text and Markdown). A paragraph
that is all links is a list of other stories. trafilatura is not asked to keep links (with
them it cuts paragraphs at every link in text set with line breaks), so each paragraph's share
of link text is looked up, by its text, among the blocks of the page itself
(`page_markup.link_shares`). The title is the page's headline without the site's name
(`titles`).

trafilatura is imported inside the functions: it takes about a quarter of a second to import, and
reading text or Markdown must not pay for it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefings.cleaning import ReadError, clean_text, decode_bytes
from briefings.model import Article
from briefings.readers.boilerplate import TAIL_LINK_SHARE, Block, drop_boilerplate, is_boilerplate_line, is_link_list
from briefings.readers.building import build_article, check_not_empty, one_line, same_text
from briefings.readers.datelines import opening_dateline
from briefings.readers.dates import parse_date
from briefings.readers.page_markup import block_parents, headlines, link_key, link_shares, prune_boilerplate
from briefings.readers.titles import page_title, site_names

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

# Elements of trafilatura's output that start a paragraph of their own; everything else (hi, ref,
# del, lb, graphic) is inline.
_BLOCKS = frozenset({"ab", "body", "cell", "code", "div", "head", "item", "list", "note", "p", "quote", "row", "table"})
# The charset a page declares, in the first bytes: <meta charset="..."> or the http-equiv form.
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DECLARATION_BYTES = 4096
# Numeric character references (&#27; &#x1b;), to check for ones that denote control characters.
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# A tag, a comment or a doctype: a "page" with none of these is text saved under a page's name.
_MARKUP = re.compile(r"<[A-Za-z!/?]")
#: Fewer words than this is not an article but the remains of a page without one (a menu, a
#: cookie notice, a title).
MIN_ARTICLE_WORDS = 10
# Scripts written without spaces between words: Thai, Lao, Burmese, Khmer, kana, CJK ideographs.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: In those scripts, this many characters count as a word (a Chinese word is one or two).
UNSPACED_CHARS_PER_WORD = 2
#: A precise block that opens as a balanced one with this many characters, the rest of its
#: characters in the balanced one in order, is that block with text between links dropped.
OPENING_CHARS = 12
# Blocks of the balanced reading that can continue the article after the last block precision
# mode kept: paragraphs and quotes.
_CONTINUING_KINDS = frozenset({"p", "quote"})


@dataclass(frozen=True, slots=True)
class _Page:
    """What the reader measured on the page before extraction: each block's link share and link
    count (`link_shares`) and the element that holds it (`block_parents`), by `link_key`."""

    links: dict[str, tuple[float, int]]
    parents: dict[str, Any]


def read_html_bytes(data: bytes, name: str, charset: str | None = None) -> Article:
    """Read a page from its bytes: the charset it was served with (`charset`, from an HTTP
    header), else the one it declares, is used when the bytes are not UTF-8.

    Raises:
        ReadError: The input is binary or empty, or the page holds no article text.
    """
    declared = _META_CHARSET.search(data[:_DECLARATION_BYTES])
    text = decode_bytes(data, name, declared=charset or (declared.group(1).decode("ascii") if declared else None))
    return read_html(text, name)


def read_html(text: str, name: str) -> Article:
    """Read a page from its text: the extracted body, one paragraph per block of the page.

    The title is the page's own headline when the body opens with a level-one heading or with
    the page's headline element (it is then not repeated as a paragraph), else the metadata
    title without the site's name (see `titles`), else the first sentence. Metadata the page
    lacks is taken from a dateline opening the body, as for text. Scripts, styles and other
    non-text elements never reach the paragraphs, and neither does boilerplate (see the module
    docstring). Long paragraphs are split as in every reader. A "page" without any markup is
    text saved under a page's name, and is read as text.

    Raises:
        ReadError: The page is empty or has no article body, or one shorter than
            `MIN_ARTICLE_WORDS` ("<name>: no article text found").
    """
    check_not_empty(text, name)
    if not _MARKUP.search(text):
        # No markup at all: an article's text saved as a page (a copy from a reader view, an
        # export). trafilatura finds no document in it; the text reader reads it as it is.
        from briefings.readers.plain import read_plain

        return read_plain(clean_text(text), name)
    markup = _defuse_references(text)
    page = _parse(markup)
    page_headlines = headlines(page) if page is not None else []
    links = link_shares(page) if page is not None else {}
    pruned = prune_boilerplate(page) if page is not None else 0
    parents = block_parents(page) if page is not None else {}
    for source, precise in _attempts(markup, page, pruned):
        document = _extract(source, name, precise=precise)
        texts = _block_texts(document.body) if document is not None and document.body is not None else []
        if precise and texts and page is not None:
            texts = _with_leads(texts, _extract(copy.deepcopy(page), name, precise=False), _Page(links, parents))
        blocks = drop_boilerplate([Block(kind, text, *links.get(link_key(text), (0.0, 0))) for kind, text in texts])
        if sum(_word_count(block.text) for block in blocks) >= MIN_ARTICLE_WORDS:
            break
    else:
        raise ReadError(f"{name}: no article text found")
    title = page_title(document.title, page_headlines, site_names(document.sitename, document.hostname))
    opening = _opening_headline(blocks, title)
    if opening is not None:
        # The body opens with the headline, after any level-one labels (a blog's or a
        # section's name set as a heading above it): the labels go with it.
        title = blocks[opening].text
        del blocks[: opening + 1]
    elif blocks and title and same_text(blocks[0].text, title):
        blocks.pop(0)
    elif blocks and any(same_text(blocks[0].text, headline) for headline in page_headlines):
        # The body opens with the page's headline element, set as a paragraph: the metadata
        # title is the site's ("News from The Associated Press").
        title = blocks.pop(0).text
    paragraphs = [block.text for block in blocks]
    dateline = opening_dateline([one_line(paragraph) for paragraph in paragraphs[:2]])
    return build_article(
        paragraphs,
        name=name,
        format="html",
        title=title,
        source=document.sitename or dateline.source or document.hostname,
        date=parse_date(document.date) or dateline.date,
        byline=document.author or dateline.byline,
        url=document.url,
    )


def _word_count(text: str) -> int:
    """The words of `text`: what spaces separate, and in scripts written without spaces one per
    `UNSPACED_CHARS_PER_WORD` characters, so that a Chinese article of three paragraphs (seven
    runs between spaces) is not taken for the remains of a page without one."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // UNSPACED_CHARS_PER_WORD


def _opening_headline(blocks: list[Block], title: str) -> int | None:
    """Where the run of level-one headings that opens the body has its headline: the heading
    that is the page's metadata title, else the first; None when the body opens otherwise."""
    run = 0
    while run < len(blocks) and blocks[run].kind == "h1":
        run += 1
    if not run:
        return None
    return next((index for index in range(run) if title and same_text(blocks[index].text, title)), 0)


def _with_leads(precise: list[tuple[str, str]], balanced_document: Any, page: _Page) -> list[tuple[str, str]]:
    """The precise extraction with what it dropped of the article put back.

    Precision mode keeps boilerplate out but also drops parts of the article: a standfirst, a
    lead set apart, a subheading, a short quote, the end of a paragraph after an inline element,
    and at times the paragraphs after the last it kept. The balanced extraction keeps those, and
    more boilerplate after the article. So the balanced blocks are taken up to the last block
    both modes kept (`_shared_end`), and after it while they continue the article
    (`_continues_article`); what follows (related stories, partner news) stays out. The
    boilerplate rules then run on the result as on any extraction.
    """
    if balanced_document is None or balanced_document.body is None:
        return precise
    balanced = _block_texts(balanced_document.body)
    end = _shared_end(precise, balanced)
    if end is None:
        return precise  # the modes disagree on the article itself: keep the precise reading
    container = page.parents.get(link_key(balanced[end - 1][1]))
    while end < len(balanced) and container is not None and _continues_article(balanced[end], container, page):
        end += 1
    return balanced[:end]


def _continues_article(block: tuple[str, str], container: Any, page: _Page) -> bool:
    """Whether a balanced block after the last one both modes kept goes on with the article: a
    paragraph or quote in the same element of the page as the article's last shared paragraph,
    and not mostly links to other pages. A promotion set after the article in a box of its own
    ("Track and share business topics across the Web.") is not in the article's element; a
    list is not prose. A prompt inside the article's element ("Sign up for our newsletter")
    does not end it: the boilerplate rules drop it afterwards."""
    kind, text = block
    if kind not in _CONTINUING_KINDS:
        return False
    key = link_key(text)
    share, count = page.links.get(key, (0.0, 0))
    return (
        page.parents.get(key) is container
        and share < TAIL_LINK_SHARE
        and not is_link_list(Block(kind, text, share, count))
    )


def _shared_end(precise: list[tuple[str, str]], balanced: list[tuple[str, str]]) -> int | None:
    """Where the blocks both modes kept end in `balanced` (the index after the last), or None
    when the precise reading holds article text the balanced one does not.

    A precise block is found in a balanced one when its text is part of the block's (see
    `_part_of`): precision mode can cut a paragraph where an inline element was ("Fed statement
    to be a bit gloomier" of "Some traders found Wednesday's Fed statement to be a bit
    gloomier"), or keep of it only the text around its links. Blocks
    are found in order, each in a later balanced block than the one before: two precise blocks
    in one balanced block are paragraphs the balanced reading ran together (text set with line
    breaks), a disagreement. A precise block found nowhere that is a boilerplate line ("(c) 2011
    CNBC.com") is not one.
    """
    texts = [" ".join(text.split()) for _, text in balanced]
    end = 0
    for _, text in precise:
        wanted = " ".join(text.split())
        found = next((index for index in range(end, len(texts)) if _part_of(wanted, texts[index])), None)
        if found is None and is_boilerplate_line(wanted):
            continue
        if found is None:
            return None
        end = found + 1
    return end or None


def _part_of(wanted: str, text: str) -> bool:
    """Whether `wanted` is part of `text`: in it, or opening alike (`OPENING_CHARS`) with the
    rest of its characters found in `text` in order, as when precision mode keeps of a
    paragraph its opening and its links' text and drops the text between them."""
    if wanted in text:
        return True
    if len(wanted) < OPENING_CHARS or not text.startswith(wanted[:OPENING_CHARS]):
        return False
    remaining = iter(text)
    return all(char in remaining for char in wanted)


def _parse(markup: str) -> HtmlElement | None:
    """The page's tree as trafilatura parses it; None when it does not parse as HTML
    (trafilatura then gets the text, and says what it makes of it)."""
    from trafilatura.utils import load_html

    try:
        return load_html(markup)
    except Exception:  # a hostile page: extraction from the text reports the failure
        return None


def _attempts(markup: str, page: HtmlElement | None, pruned: int) -> Iterator[tuple[Any, bool]]:
    """What to extract from, and whether in precision mode, in the order to try: the pruned page
    (precise, then balanced), then, when `pruned` elements were removed from it, the whole page
    in case they took the article with them. Extraction changes the tree it is given, so each
    attempt gets its own copy."""
    if page is None:
        yield from ((markup, True), (markup, False))
        return
    yield copy.deepcopy(page), True
    yield copy.deepcopy(page), False
    if pruned:
        yield markup, False


def _extract(source: Any, name: str, *, precise: bool) -> Any:
    """trafilatura's Document for the page (None when it finds no text), never an exception.

    `source` is the page's text or its parsed tree. `precise` selects trafilatura's precision
    mode; otherwise its balanced defaults are used. Comments are never extracted, and neither
    is <template> content (inert markup a browser never shows, whose text trafilatura would
    keep).
    """
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            source,
            favor_precision=precise,
            include_comments=False,
            with_metadata=True,
            prune_xpath="//template",
        )
    except Exception as error:
        # Untrusted pages reach parsers and heuristics written for the web at large; whatever
        # they raise on a hostile or broken page, the user gets one line, never a traceback.
        raise ReadError(f"{name}: cannot extract an article from this page ({type(error).__name__})") from error


def _defuse_references(markup: str) -> str:
    """Remove character references to characters XML cannot hold, before parsing.

    A single `&#x1b;` or `&#xffff;` makes trafilatura drop the whole page (its XML tree cannot
    hold the character), and such characters would be cleaned away anyway. References in 128-159 mean, as
    in every browser (WHATWG), the Windows-1252 character at that byte ("&#150;" is a dash).
    """
    if "&#" not in markup:
        return markup
    return _NUMERIC_REFERENCE.sub(_defused, markup)


def _defused(match: re.Match[str]) -> str:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", errors="ignore")
    # What XML 1.0 allows, less DEL and the C1 range handled above.
    if (
        code in (0x09, 0x0A, 0x0D)
        or 0x20 <= code < 0x7F
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ):
        return match.group(0)
    return ""


def _block_texts(body: _Element) -> list[tuple[str, str]]:
    """(kind, text) of every paragraph-level block in trafilatura's body element, in order.

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
            blocks.append((_kind(element), "".join(element.itertext())))
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


def _kind(element: _Element) -> str:
    """The element's tag, or the heading level ("h1") trafilatura keeps in a heading's rend."""
    return element.get("rend") or "head" if element.tag == "head" else str(element.tag)


def _has_blocks(element: _Element) -> bool:
    return any(child.tag in _BLOCKS for child in element)
