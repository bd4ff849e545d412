"""Pages and feeds for the tests' web server: news pages, and feeds in each format Brief reads."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape

WORDS = (
    "ministers officials talks border ceasefire aid convoy harbour inspectors election council budget "
    "report agency drought harvest pipeline refinery strike union court appeal ruling minister envoy "
    "summit sanctions exports grain tanker airport runway bridge flood levee hospital vaccine clinic"
).split()


def story(seed: int, paragraphs: int = 6) -> list[str]:
    """Paragraphs of a made-up news story, different for each seed, the same for the same seed."""
    chooser = random.Random(seed)
    out = []
    for number in range(paragraphs):
        words = [chooser.choice(WORDS) for _ in range(24)]
        out.append(f"Paragraph {number + 1} of story {seed}: the " + " ".join(words) + f", officials said on day {seed % 28 + 1}.")
    return out


def headline(seed: int) -> str:
    """A made-up headline, different for each seed (numbers alone would make titles alike)."""
    chooser = random.Random(-seed - 1)
    return " ".join(chooser.choice(WORDS) for _ in range(6)).capitalize() + f" ({seed})"


def page(title: str, paragraphs: list[str], *, site: str = "", date: str = "", author: str = "", canonical: str = "") -> str:
    """A news page: navigation, the article with its headline, a footer of links."""
    head = [f"<title>{escape(title)}{' | ' + escape(site) if site else ''}</title>"]
    if site:
        head.append(f'<meta property="og:site_name" content="{escape(site)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{escape(date)}">')
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    body = "".join(f"<p>{escape(text)}</p>\n" for text in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>" + "".join(head) + "</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a></nav>"
        f"<article><h1>{escape(title)}</h1>\n{body}</article>"
        "<footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer></body></html>"
    )


@dataclass(frozen=True, slots=True)
class Item:
    """An item to put in a feed."""

    title: str
    link: str
    guid: str = ""
    date: dt.datetime | None = None
    author: str = ""
    summary: str = ""


def rss20(title: str, items: list[Item], link: str = "http://127.0.0.1/") -> str:
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>", f"<link>{escape(item.link)}</link>"]
        if item.guid:
            parts.append(f"<guid isPermaLink='false'>{escape(item.guid)}</guid>")
        if item.date:
            parts.append(f"<pubDate>{format_datetime(item.date)}</pubDate>")
        if item.author:
            parts.append(f"<author>{escape(item.author)}</author>")
        if item.summary:
            parts.append(f"<description>{escape(item.summary)}</description>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>{escape(link)}</link><description>news</description>{''.join(entries)}</channel></rss>"
    )


def rss091(title: str, items: list[Item]) -> str:
    entries = "".join(f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link></item>" for i in items)
    return (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        f'<rss version="0.91"><channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>'
        f"<description>news</description><language>en</language>{entries}</channel></rss>"
    )


def rss10(title: str, items: list[Item]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{escape(i.link)}"/>' for i in items)
    entries = "".join(
        f'<item rdf:about="{escape(i.link)}"><title>{escape(i.title)}</title><link>{escape(i.link)}</link>'
        + (f"<dc:date>{i.date.isoformat()}</dc:date>" if i.date else "")
        + (f"<dc:creator>{escape(i.author)}</dc:creator>" if i.author else "")
        + "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://127.0.0.1/"><title>{escape(title)}</title><link>http://127.0.0.1/</link>'
        f"<description>news</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>{entries}</rdf:RDF>"
    )


def atom(title: str, items: list[Item]) -> str:
    entries = "".join(
        f"<entry><title>{escape(i.title)}</title><link rel='alternate' href='{escape(i.link)}'/>"
        f"<id>{escape(i.guid or i.link)}</id>"
        + (f"<updated>{i.date.isoformat()}</updated>" if i.date else "")
        + (f"<author><name>{escape(i.author)}</name></author>" if i.author else "")
        + (f"<summary>{escape(i.summary)}</summary>" if i.summary else "")
        + "</entry>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>'
        f"<id>urn:test:{escape(title)}</id><updated>2024-03-05T10:00:00Z</updated>{entries}</feed>"
    )


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
    "<link>http://127.0.0.1/x</link></item></channel></rss>"
)
