"""RSS and Atom feeds read from bytes: the feed's title and its items, newest first.

feedparser reads RSS 0.9x, 1.0 and 2.0 and Atom, whatever their encoding, and forgives what
feeds get wrong. It is given the bytes `Fetcher` fetched, wrapped in a file object: given a
string or bytes it would take one that looks like an address or a path for one and open it,
so a hostile feed saying "/etc/passwd" would be read from the disk.

Before feedparser sees a feed, its prolog is read with defusedxml: a feed that declares XML
entities (the billion laughs bomb grows a kilobyte into gigabytes; an external entity reads a
file or an address) is refused at once. No feed needs them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import io
import re
from dataclasses import dataclass
from typing import Any

from briefings.cleaning import ReadError, clean_text
from briefings.web.fetching import shown_address

_TAG = re.compile(r"<[^>]*>")
# The encoding an XML declaration names: <?xml version="1.0" encoding="ISO-8859-1"?>
_DECLARED_ENCODING = re.compile(rb"""(<\?xml[^>]*?encoding\s*=\s*["'])[A-Za-z0-9._-]+(["'])""")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed.

    Attributes:
        key: What identifies the item across fetches: its id (guid), else its link, else a
            digest of its title and summary.
        link: The address of its page, or "".
        title: Its title, plain text, or "".
        author: Its author, or "".
        published: When it was published (or updated), in UTC, or None.
        summary: Its summary as plain text, or "" (the article when the page cannot be had).
    """

    key: str
    link: str
    title: str = ""
    author: str = ""
    published: dt.datetime | None = None
    summary: str = ""

    @property
    def date(self) -> dt.date | None:
        """The day it was published, or None."""
        return self.published.date() if self.published else None


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed as read.

    Attributes:
        title: The feed's title (the source of its articles), or "".
        link: The site it belongs to, or "".
        version: feedparser's name for the format ("rss20", "atom10", ...).
        items: Its items, newest first (undated ones last, in feed order).
    """

    title: str
    link: str
    version: str
    items: tuple[FeedItem, ...]


class _Prolog(Exception):
    """The first element was reached: the prolog held nothing to refuse."""


def parse_feed(data: bytes, *, url: str, content_type: str = "", charset: str | None = None) -> Feed:
    """Read a feed fetched from `url` (the headers it came with help find its encoding).

    Raises:
        ReadError: The bytes are not an RSS or Atom feed, or declare XML entities; the
            message is one line naming the address.
    """
    import feedparser

    _check_prolog(data, url)
    data, charset = _utf8_first(data, charset)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    except Exception as error:  # a parser handed hostile bytes: one line whatever happens
        raise ReadError(f"{shown_address(url)}: not a feed that can be read ({type(error).__name__})") from None
    if not parsed.get("version"):
        raise ReadError(f"{shown_address(url)}: not an RSS or Atom feed ({_what_it_is(data, parsed)})")
    feed = parsed.get("feed", {})
    items = [_item(entry) for entry in parsed.get("entries", [])]
    dated = sorted((item for item in items if item.published), key=lambda item: item.published, reverse=True)  # type: ignore[arg-type, return-value]
    undated = [item for item in items if not item.published]
    return Feed(_text(feed.get("title", "")), _address(feed.get("link", "")), str(parsed.get("version", "")), tuple(dated + undated))


def _utf8_first(data: bytes, charset: str | None) -> tuple[bytes, str | None]:
    """Valid UTF-8 is read as UTF-8, whatever the feed or its server declare.

    As for pages (`briefings.cleaning.decode_bytes`): feeds often declare ISO-8859-1 and send
    UTF-8, and text in another encoding that happens to be valid UTF-8 is vanishingly rare. The
    XML declaration is rewritten so that feedparser, which trusts it, reads the bytes right.
    """
    if data.isascii():
        return data, charset
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data, charset
    return _DECLARED_ENCODING.sub(rb"\1UTF-8\2", data[:512], count=1) + data[512:], "utf-8"


def _check_prolog(data: bytes, url: str) -> None:
    """Refuse entity declarations and external entities, reading only up to the first element."""
    import defusedxml.sax
    from defusedxml import DefusedXmlException
    from xml.sax import SAXException
    from xml.sax.handler import ContentHandler

    class StopAtRoot(ContentHandler):
        def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - the SAX interface
            raise _Prolog

        def startElementNS(self, name: Any, qname: Any, attrs: Any) -> None:  # noqa: N802
            raise _Prolog

    try:
        # An external DTD (RSS 0.91 names Netscape's) is never fetched: Python's SAX parser does
        # not load external entities; declaring an entity of any kind is what is refused.
        defusedxml.sax.parseString(data, StopAtRoot(), forbid_dtd=False, forbid_entities=True, forbid_external=False)
    except _Prolog:
        return
    except DefusedXmlException as error:
        raise ReadError(f"{shown_address(url)}: the feed declares XML entities ({type(error).__name__}); refusing it, as no feed needs them") from None
    except (SAXException, ValueError, UnicodeError):
        return  # not well-formed XML: feedparser's lenient reading decides what it is


def _what_it_is(data: bytes, parsed: Any) -> str:
    head = data[:1024].lstrip().lower()
    if not head:
        return "it is empty"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "it is a web page; look on it for the address of its feed"
    if not head.startswith(b"<"):
        return "it is not XML"
    error = parsed.get("bozo_exception")
    return f"the XML is not a feed{f': {clean_text(str(error))[:80]}' if error else ''}"


def _text(value: Any) -> str:
    """Feed text as plain text: markup removed, entities decoded, on one line."""
    text = html.unescape(_TAG.sub(" ", str(value or "")))
    return " ".join(clean_text(text).split())


def _address(value: Any) -> str:
    text = "".join(clean_text(str(value or "")).split())
    return text if text.lower().startswith(("http://", "https://")) else ""


def _item(entry: Any) -> FeedItem:
    link = _address(entry.get("link", ""))
    title = _text(entry.get("title", ""))
    summary = _text(entry.get("summary", ""))
    key = _text(entry.get("id", "")) or link
    if not key:
        key = "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode("utf-8", "replace")).hexdigest()
    return FeedItem(key, link, title, _text(entry.get("author", "")), _published(entry), summary)


def _published(entry: Any) -> dt.datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None
