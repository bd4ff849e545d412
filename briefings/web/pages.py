"""A fetched page as an `Article`: read as a saved file is, with the feed item's metadata filling gaps.

The page goes through the reader its media type calls for: HTML through the HTML reader (the
article without boilerplate, and the page's own title, site name, author, date and canonical
address), a PDF through the PDF reader, plain text through the text reader. What the page does
not say, the feed item it came from does (`with_item_metadata`): its title, its author, its
date (so relative dates resolve without a dateline) and its link, and the feed's title as the
source when the page names no site. A page has no file name: its address is the article's `url`.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from briefings.cleaning import ReadError, decode_bytes
from briefings.model import Article
from briefings.readers.building import derive_title
from briefings.web.feeds import FeedItem
from briefings.web.fetching import Response, shown_address

_HTML = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})
_FEEDS = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
#: Types that say nothing about what the bytes are: the bytes are sniffed.
_UNKNOWN = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/x-unknown"})


def article_from_response(response: Response, *, item: FeedItem | None = None, feed_title: str = "") -> Article:
    """Read the article in a fetched page.

    Raises:
        ReadError: The page is not an article (an image, an archive, a feed) or holds no
            article text; the message is one line naming the address.
    """
    from briefings.readers import read_bytes, read_text

    name = shown_address(response.url)
    kind = response.content_type
    data = response.content
    if kind in _FEEDS:
        raise ReadError(f"{name}: this is a feed, not an article page; add it with `brief feeds add`")
    if kind == "application/pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        article = read_bytes(data, name=name, format="pdf")
    elif kind in _HTML:
        from briefings.readers.html import read_html_bytes

        article = read_html_bytes(data, name, response.charset)
    elif kind == "text/plain":
        article = read_text(decode_bytes(data, name, declared=response.charset), name=name)
    elif kind in _UNKNOWN:
        article = read_bytes(data, name=name)
    else:
        raise ReadError(f"{name}: not an article page (the server says it is {kind})")
    return with_item_metadata(article, response.url, item, feed_title)


def with_item_metadata(article: Article, url: str, item: FeedItem | None, feed_title: str) -> Article:
    """The article with what its page lacks taken from the feed item, and its address set."""
    title, source, date, byline = article.title, article.source, article.date, article.byline
    if item is not None:
        if item.title and article.paragraphs and title == derive_title(article.paragraphs[0].text, url):
            title = item.title  # the page has no headline of its own: the reader made one up
        date = date or item.date
        byline = byline or item.author or None
    if feed_title and (not source or _is_host(source, url)):
        source = feed_title
    address = article.url or (item.link if item is not None and item.link else "") or url
    return dataclasses.replace(article, title=title, source=source, date=date, byline=byline, url=address, origin=None)


def _is_host(source: str, url: str) -> bool:
    """Whether a source is only the page's host name ("www.example.com"), i.e. the page named no site."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    name = source.casefold().removeprefix("www.")
    return " " not in name and "." in name and (name == host or host.endswith("." + name) or name.endswith(host))
