"""OPML: the list of feeds that feed readers (newsboat, Feedly, NetNewsWire) import and export.

An OPML file is an outline; every `<outline>` with an `xmlUrl` is a feed, titled by its `title`
or `text`. Readers put feeds in folders (outlines without an `xmlUrl`) or give them categories;
both become Brief's tags for the feed. Exported files put each feed under its first tag, and
name all its tags in `category`, so they come back whole. Files are read with defusedxml: an
OPML file is someone else's XML too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from briefings.cleaning import ReadError, clean_text


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A feed in a list: its address, its title and its tags."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = field(default=())


def read_opml(data: bytes, name: str) -> list[FeedEntry]:
    """The feeds of an OPML file, in order, each once.

    Raises:
        ReadError: Not XML, not OPML, declares entities, or lists no feed.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=False)
    except DefusedXmlException:
        raise ReadError(f"{name}: the file declares XML entities; refusing it, as no OPML file needs them") from None
    except (ParseError, ValueError, UnicodeError) as error:
        raise ReadError(f"{name}: not an OPML file (the XML cannot be read: {clean_text(str(error))[:80]})") from None
    if _local(root.tag) != "opml":
        raise ReadError(f"{name}: not an OPML file (it is XML, but its root is <{clean_text(_local(root.tag))[:30]}>)")
    found: dict[str, FeedEntry] = {}
    body = next((child for child in root if _local(child.tag) == "body"), None)
    stack = [(child, ()) for child in reversed(list(body))] if body is not None else []
    while stack:
        outline, folders = stack.pop()
        if _local(outline.tag) != "outline":
            continue
        title = _one_line(outline.get("title") or outline.get("text") or "")
        url = "".join(clean_text(outline.get("xmlUrl") or outline.get("xmlurl") or "").split())
        if url:
            categories = [part for value in (outline.get("category") or "").split(",") for part in value.split("/")]
            tags = tuple(dict.fromkeys(tag for tag in (*folders, *map(_one_line, categories)) if tag))
            found.setdefault(url, FeedEntry(url, title, tags))
        inside = (*folders, title) if not url and title else folders
        stack.extend((child, inside) for child in reversed(list(outline)))
    if not found:
        raise ReadError(f"{name}: the OPML file lists no feed (no outline has an xmlUrl)")
    return list(found.values())


def write_opml(feeds: Iterable[FeedEntry], title: str = "Brief feeds") -> str:
    """An OPML 2.0 document of the feeds: untagged ones at the top, the others in a folder
    named by their first tag, every tag in `category`."""
    feeds = list(feeds)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_escape(title)}</title></head>",
        "  <body>",
    ]
    folders: dict[str, list[FeedEntry]] = {}
    for feed in feeds:
        if feed.tags:
            folders.setdefault(feed.tags[0], []).append(feed)
        else:
            lines.append("    " + _outline(feed))
    for folder, members in folders.items():
        lines.append(f"    <outline text={quoteattr(_xml_text(folder))} title={quoteattr(_xml_text(folder))}>")
        lines.extend("      " + _outline(feed) for feed in members)
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _outline(feed: FeedEntry) -> str:
    title = _xml_text(feed.title or feed.url)
    attributes = [f"type={quoteattr('rss')}", f"text={quoteattr(title)}", f"title={quoteattr(title)}", f"xmlUrl={quoteattr(_xml_text(feed.url))}"]
    if feed.tags:
        attributes.append(f"category={quoteattr(','.join(_xml_text(tag).replace(',', ' ') for tag in feed.tags))}")
    return f"<outline {' '.join(attributes)}/>"


def _escape(text: str) -> str:
    return _xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: control characters (which it cannot) removed by cleaning."""
    return " ".join(clean_text(text).split())


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]

