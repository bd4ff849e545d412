"""What a page's own markup says, read before trafilatura: its boilerplate containers, its headline.

Sites name their boilerplate: `<div class="visitors_comment_block">`, `<div id="related_items">`,
`<aside class="newsletter-signup">`. trafilatura prunes many such names, but not all (it looks
for a class that starts with "comment", not one that merely contains the word), and once a
comment section or a "Further reading" box is inside what it takes for the article, it stays.
`prune_boilerplate` removes, before extraction, every element whose class or id holds one of
the words or phrases of `[markup]` in `briefings/data/boilerplate.toml`, as whole words of the
name ("visitors_comment_block", "relatedContent", "further-reading"), never as substrings
("commentary", "shareholder" are other words).

A name is a weak signal, and a wrapper around the whole article can carry one (Business
Insider's "ad-wallpaper"). So nothing is removed that holds the article: the page's `<h1>`, its
`itemprop="articleBody"`, its largest `<article>` or `<main>`, its first long paragraph (the
article's opening, which comes before comments and "more stories"), or the element whose own
paragraphs (or text between line breaks) hold the most words; and inside that container, no
named element holding a large share of its text.

`link_shares` measures, for each paragraph-level block of the page, how much of its text is
links to other pages, for the reader to recognise lists of other stories.

`headlines` lists the page's headline elements (`<h1>`, `itemprop="headline"`, classes such as
"headline" or "entry-title"), for the reader to recognise the article's title among them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from briefings.readers.boilerplate import vocabulary

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CAMEL_CASE = re.compile(r"([a-z])([A-Z])")
_NOT_LETTERS = re.compile(r"[^A-Za-z0-9]+")
# Whole pages and articles, and the elements of prose: a class on a paragraph says how it looks
# ("paywall", "share-quote"), not that it is not the article.
_NEVER_PRUNED = frozenset({"html", "head", "body", "article", "main", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
#: A paragraph of this many words is prose; the page's first one opens the article.
LEAD_WORDS = 30
#: Inside the article's own container, a named element is pruned only when it holds less than
#: this share of the container's text (a related box or a sign-up prompt, not a part of the text).
MAX_INNER_SHARE = 0.25
#: Headline elements longer or shorter than this (in words) are not headlines.
HEADLINE_WORDS = (2, 40)
# Elements that make a paragraph-level block of their own when they hold no other such element.
_BLOCK_TAGS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "section",
     "figcaption", "caption", "pre", "address", "header", "footer", "aside", "ul", "ol", "dl", "table", "tr",
     "article", "main", "body", "figure", "form", "nav", "center"}
)  # fmt: skip
_TITLE_WORDS = frozenset({"entry", "post", "article", "story", "content", "page"})
_MAX_HEADLINES = 12


def name_words(element: HtmlElement) -> list[list[str]]:
    """The words of the class and of the id of `element`, lower case ("relatedContent" gives
    ["related", "content"], "further_reading_block" ["further", "reading", "block"]); a word with
    digits stays whole, so a hash ("52ebf452-4b5a") never yields an "ad"."""
    names = []
    for value in (element.get("class"), element.get("id")):
        if value:
            words = _NOT_LETTERS.split(_CAMEL_CASE.sub(r"\1 \2", value))
            names.append([word.lower() for word in words if word])
    return names


def is_boilerplate_container(element: HtmlElement) -> bool:
    """Whether the class or id of `element` holds a boilerplate word or phrase of the data file."""
    if not (element.get("class") or element.get("id")):
        return False
    terms = vocabulary()
    for words in name_words(element):
        if terms.markup_words.intersection(words) or terms.markup_phrases.search(" ".join(words)):
            return True
    return False


def prune_boilerplate(tree: HtmlElement) -> int:
    """Remove the page's boilerplate containers from `tree` (see the module docstring); return
    how many were removed. The text that follows a removed element stays."""
    held, container = _holders_of_the_article(tree)
    container_size = len(container.text_content()) if container is not None else 0
    doomed = []
    for element in tree.iter():
        if (
            not isinstance(element.tag, str)
            or element.tag in _NEVER_PRUNED
            or element in held
            or not is_boilerplate_container(element)
        ):
            continue
        if (
            container is not None
            and container in element.iterancestors()
            and len(element.text_content()) > MAX_INNER_SHARE * container_size
        ):
            continue
        doomed.append(element)
    for element in doomed:
        element.drop_tree()
    return len(doomed)


def _holders_of_the_article(tree: HtmlElement) -> tuple[set[HtmlElement], HtmlElement | None]:
    """The elements that hold the article, and all their ancestors, which are never pruned; and
    the article's container: the element whose paragraphs, and text of its own between line
    breaks (pages written without `<p>`), hold the most words."""
    anchors: list[HtmlElement] = [*tree.iter("h1"), *tree.xpath("//*[@itemprop='articleBody']")]
    for tag in ("article", "main"):
        largest = max(tree.iter(tag), key=lambda element: len(element.text_content()), default=None)
        if largest is not None:
            anchors.append(largest)
    words_in: Counter[HtmlElement] = Counter()
    lead = None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.tag == "p":
            words = len(element.text_content().split())
            if lead is None and words >= LEAD_WORDS:
                lead = element
                anchors.append(element)
            parent = element.getparent()
            if parent is not None:
                words_in[parent] += words
        else:
            own = [element.text or "", *(child.tail or "" for child in element)]
            words_in[element] += sum(len(text.split()) for text in own)
    container = words_in.most_common(1)[0][0] if words_in else None
    if container is not None:
        anchors.append(container)
    held: set[HtmlElement] = set()
    for anchor in anchors:
        held.add(anchor)
        held.update(anchor.iterancestors())
    return held, container


def link_shares(tree: HtmlElement) -> dict[str, tuple[float, int]]:
    """For the text of each paragraph-level block of the page (its `link_key`): the share
    of its characters inside links to other pages, and how many such links it holds.

    A block is an element of `_BLOCK_TAGS` without such elements inside, or a run of text and
    inline elements between the blocks of one ("<section><p>…</p> <a>About our reviews</a>").
    A text the page shows more than once keeps its lowest share: a sentence that is prose
    somewhere is prose, even if a teaser elsewhere links it. In-page links ("#comments") are not
    counted: a table of contents is not a list of other stories.
    """
    containers: set[HtmlElement] = set()
    for element in tree.iter(*_BLOCK_TAGS):
        for ancestor in element.iterancestors():
            if ancestor in containers:
                break
            containers.add(ancestor)
    shares: dict[str, tuple[float, int]] = {}
    for element in tree.iter(*_BLOCK_TAGS):
        if element not in containers:
            _record(shares, [element])
            continue
        run: list[Any] = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and (child.tag in _BLOCK_TAGS or child in containers):
                _record(shares, run)
                run = [child.tail or ""]
            else:
                run.extend((child, child.tail or ""))
        _record(shares, run)
    return shares


def block_parents(tree: HtmlElement) -> dict[str, HtmlElement]:
    """For the text of each paragraph-level block of the page without blocks inside (its
    `link_key`), the element that holds it: the container a paragraph shares with the article's
    other paragraphs, or not. A text the page shows more than once keeps its first place."""
    parents: dict[str, HtmlElement] = {}
    for element in tree.iter(*_BLOCK_TAGS):
        parent = element.getparent()
        if parent is not None and not any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in element):
            parents.setdefault(link_key(element.text_content()), parent)
    return parents


def _record(shares: dict[str, tuple[float, int]], run: list[Any]) -> None:
    """Add a block made of `run` (texts and inline elements) to `shares`."""
    texts: list[str] = []
    links: list[int] = []
    for item in run:
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item.tag, str):
            texts.append(item.text_content())
            anchors = [item] if item.tag == "a" else item.iter("a")
            links.extend(len("".join(a.text_content().split())) for a in anchors if _leaves_page(a))
    text = link_key("".join(texts))
    if text:
        share = min(1.0, sum(links) / len(text))
        if text not in shares or share < shares[text][0]:
            shares[text] = (share, len(links))


def link_key(text: str) -> str:
    """The key of a block's text in `link_shares`: its characters without any whitespace, as line
    breaks and spaces between inline elements come out differently in the page and in the
    extracted text."""
    return "".join(text.split())


def _leaves_page(anchor: HtmlElement) -> bool:
    href = anchor.get("href") or ""
    return bool(href) and not href.startswith("#")


def headlines(tree: HtmlElement) -> list[str]:
    """The texts of the page's headline elements, in page order, each once."""
    found: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _is_headline_element(element):
            continue
        text = " ".join(element.text_content().split())
        if HEADLINE_WORDS[0] <= len(text.split()) <= HEADLINE_WORDS[1] and text not in found:
            found.append(text)
            if len(found) == _MAX_HEADLINES:
                break
    return found


def _is_headline_element(element: HtmlElement) -> bool:
    if element.tag == "h1" or element.get("itemprop") == "headline":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    if "headline" not in names and "title" not in names:
        return False
    return any("headline" in words or ("title" in words and _TITLE_WORDS.intersection(words)) for words in name_words(element))
