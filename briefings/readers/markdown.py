"""The Markdown reader: front matter, title and paragraphs with the Markdown syntax removed.

Markdown is parsed with markdown-it-py (CommonMark, plus tables and strikethrough) rather than
with regular expressions: emphasis, nested lists, lazy continuation lines and code spans have
rules that regular expressions get wrong on real files. Each heading, paragraph, list item, quote
paragraph, table row and code block becomes one paragraph of text. Links keep their text, images
are dropped, code keeps its text without fences, and raw HTML is treated as text with its tags
stripped (script and style contents dropped): nothing in the file is ever interpreted.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from briefings.model import Article
from briefings.readers.boilerplate import Block, kept_in_text
from briefings.readers.building import build_article, one_line, same_text
from briefings.readers.datelines import opening_dateline
from briefings.readers.dates import parse_date

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_MATTER_KEYS = {
    "title": "title", "headline": "title",
    "source": "source", "publisher": "source", "publication": "source", "site": "source",
    "sitename": "source", "site_name": "source",
    "date": "date", "published": "date", "pubdate": "date", "date_published": "date",
    "author": "byline", "authors": "byline", "by": "byline", "byline": "byline",
    "url": "url", "link": "url", "canonical": "url", "canonical_url": "url", "source_url": "url",
}  # fmt: skip
_FRONT_MATTER_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)")
_YAML_ITEM = re.compile(r"\s+-\s+(?P<value>.+)")
_FRONT_MATTER_END = ("---", "...")

# Raw HTML inside Markdown: elements whose content is code, comments, and every other tag.
_HTML_CODE = re.compile(r"<(script|style|template)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>?|<![^>]*>|<\?[^>]*>")

# Inline tokens whose content is text the reader sees.
_TEXT_TOKENS = {"text", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}
_CODE_ELEMENTS = ("<script", "<style", "<template")
_CODE_ELEMENTS_END = ("</script", "</style", "</template")


def read_markdown(text: str, name: str) -> Article:
    """Read clean Markdown text as an article.

    The title is the front matter's `title`, else a level-one heading that opens the document
    (which then is not repeated as a paragraph), else the first sentence, else the file name.
    Source, date, byline and URL come from the front matter (`---` block of `key: value` lines),
    else from a dateline opening the body. Boilerplate is dropped as for every format ("Read
    more: …", "Sign up for our newsletter", lists of links to other stories; see
    `briefings.readers.boilerplate`). Long paragraphs are split as in every reader.

    Raises:
        ReadError: Nothing but front matter and markup ("<name>: no article text found").
    """
    from markdown_it import MarkdownIt

    meta, body = split_front_matter(text)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    found = _blocks(parser.parse(body))
    blocks = [block for block, keep in zip(found, kept_in_text(found)) if keep]
    title = meta.get("title")
    if blocks and blocks[0].kind == "h1" and (not title or same_text(title, blocks[0].text)):
        heading = blocks.pop(0).text
        title = title or heading
    paragraphs = [block.text for block in blocks]
    dateline = opening_dateline([one_line(paragraph) for paragraph in paragraphs[:2]])
    source = meta.get("source")
    url = meta.get("url")
    if source and source.startswith(("http://", "https://")):
        source, url = None, url or source
    return build_article(
        paragraphs,
        name=name,
        format="markdown",
        title=title,
        source=source or dateline.source,
        date=parse_date(meta.get("date")) or dateline.date,
        byline=meta.get("byline") or dateline.byline,
        url=url,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines off `text`; return its fields and the rest.

    Only the fields Brief uses are kept, under Brief's names (title, source, date, byline, url);
    a YAML list (`authors: [A, B]` or `- A` lines) becomes "A, B". Without a closing `---` or
    `...` line there is no front matter and the text comes back whole.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in _FRONT_MATTER_END:
            break
    else:
        return {}, text
    fields: dict[str, str] = {}
    key = None
    for line in lines[1:end]:
        item = _YAML_ITEM.fullmatch(line)
        if item and key:
            fields[key] = ", ".join(filter(None, [fields.get(key), _scalar(item["value"])]))
            continue
        match = _FRONT_MATTER_LINE.fullmatch(line.strip())
        key = _FRONT_MATTER_KEYS.get(match["key"].lower()) if match else None
        if key and key not in fields:
            fields[key] = _scalar(match["value"])  # type: ignore[index]
        elif key:
            key = None  # a second spelling of a field already read: keep the first
    return {key: value for key, value in fields.items() if value}, "\n".join(lines[end + 1 :])


def _scalar(value: str) -> str:
    """A YAML-ish scalar as text: quotes removed, a flow list `[a, b]` as "a, b"."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return ", ".join(_scalar(part) for part in value[1:-1].split(",") if part.strip())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _blocks(tokens: list[Token]) -> list[Block]:
    """Each block that holds text: its kind is the HTML tag, "code" or "html"; the share of its
    text that is link text is kept, to tell lists of links from prose."""
    blocks: list[Block] = []
    row: list[str] | None = None
    heading = ""
    for token in tokens:
        if token.type == "heading_open":
            heading = token.tag
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(Block("tr", " | ".join(cell for cell in row if cell)))
            row = None
        elif token.type == "inline":
            text, link_chars, links = _inline_text(token.children or [])
            if row is not None:
                row.append(text.strip())
            else:
                size = len("".join(text.split()))
                blocks.append(Block(heading or "p", text, min(1.0, link_chars / size) if size else 0.0, links))
            heading = ""
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("code", token.content))
        elif token.type == "html_block":
            blocks.append(Block("html", strip_html(token.content)))
    return [block for block in blocks if block.text.strip()]


def _inline_text(children: list[Token]) -> tuple[str, int, int]:
    """The text of an inline run (emphasis and link markup gone, images and raw HTML dropped),
    the characters of it inside links to other pages (not "#anchors"), and how many such links."""
    parts = []
    in_code_element = False
    link_depth = link_chars = links = 0
    for child in children:
        if child.type == "html_inline":
            tag = child.content.lower()
            if tag.startswith(_CODE_ELEMENTS):
                in_code_element = True
            elif tag.startswith(_CODE_ELEMENTS_END):
                in_code_element = False
        elif in_code_element:
            continue
        elif child.type == "link_open" and not str(child.attrs.get("href", "")).startswith("#"):
            link_depth += 1
            links += 1
        elif child.type == "link_close" and link_depth:
            link_depth -= 1
        elif child.type in _TEXT_TOKENS:
            parts.append(child.content)
            if link_depth:
                link_chars += len("".join(child.content.split()))
        elif child.type in _BREAK_TOKENS:
            parts.append(" ")
    return "".join(parts), link_chars, links


def strip_html(markup: str) -> str:
    """The text of a piece of raw HTML: code elements and comments dropped, tags removed,
    entities decoded. The result is text to be cleaned, never markup to be rendered."""
    markup = _HTML_CODE.sub(" ", markup)
    markup = _HTML_COMMENT.sub(" ", markup)
    return html.unescape(_HTML_TAG.sub(" ", markup))
