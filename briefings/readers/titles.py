"""A web page's title without the site's name: "Headline - Site", "Headline | Site", "Site: Headline".

A page's `<title>` (and often its og:title) is written for browser tabs and search results: the
headline plus the site's name, sometimes a section ("| CNN Politics") or a kicker ("Analysis:").
The analyst's title is the headline. Two signals, neither a per-site rule:

- The site's own name, from the page's metadata (trafilatura's sitename and hostname): a segment
  at either end of the title, cut off by a separator (` - `, ` -- `, ` | `, ` – `, ` — `, ` · `,
  ` : `, ` » `, or a colon after a leading site name), that names the site is removed, but only
  when what remains still reads as a headline (several words, not just the site's name).
- The page's headline element (`<h1>` and the like, see `page_markup.headlines`): when the title
  holds it and it is most of the title, it is the headline and the rest was decoration
  ("Analysis: …"), and so it is when it is the title's whole first segment, whatever sections
  and site names follow ("How to Save Money - Your Money - Your Life - MSN Lifestyle"). When
  the two say the same in other words (an SEO title beside the visible headline: most words
  shared, neither holding the other), the visible headline is the one the analyst saw. A headline element that holds the whole title plus more ("Currently Reading …")
  is the decorated one, and the title stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SEPARATOR = re.compile(r"\s+(?:-{1,2}|[|\u2013\u2014\u00b7\u2022\u00bb:]|::)\s+")
# A site name opening the title, then a separator: "LinkNaija | ...: Headline", "Site: Headline".
_LEADING_SEPARATOR = re.compile(r"\s*(?:-{1,2}|[|\u2013\u2014\u00b7\u2022\u00bb:]|::)\s+")
_NOT_ALNUM = re.compile(r"\W+")
#: What remains of a title once the site's name is cut off must have this many words.
MIN_HEADLINE_WORDS = 3
#: A segment this long (in words) that starts with the site's name still names the site
#: ("CNN Politics", "BBC News Africa"); a longer one is a headline about the site.
MAX_SITE_SEGMENT_WORDS = 4
#: A headline element is taken for the title when it is at least this share of the title's words.
MIN_HEADLINE_SHARE = 0.5
#: A headline element rewording the title shares at least this share of their words (Jaccard).
MIN_REWORDED_OVERLAP = 0.6


def site_names(sitename: str | None, hostname: str | None) -> list[str]:
    """The forms a site's name takes in its titles: "CNN", "cnn.com", "cnn"."""
    names = [name for name in (sitename, hostname) if name]
    if hostname:
        host = hostname.lower().removeprefix("www.")
        names.extend([host, host.split(".")[0]])
    return [name for name in names if len(_folded(name)) >= 2]


def strip_site_name(title: str, names: Sequence[str]) -> str:
    """`title` without the site's name at either end, when a headline remains; else `title`."""
    title = " ".join(title.split())
    headline = _without_leading_name(title, names)
    segments = _SEPARATOR.split(headline)
    separators = _SEPARATOR.findall(headline)
    while len(segments) > 1 and _names_site(segments[-1], names):
        segments.pop()
        separators.pop()
    while len(segments) > 1 and _names_site(segments[0], names):
        segments.pop(0)
        separators.pop(0)
    rest = segments[0] + "".join(separator + segment for separator, segment in zip(separators, segments[1:]))
    if len(rest.split()) >= MIN_HEADLINE_WORDS and not _names_site(rest, names):
        return rest
    return title


def page_title(metadata_title: str | None, headlines: Iterable[str], names: Sequence[str]) -> str | None:
    """The article's title: the page's headline element when the metadata title holds it or
    rewords it (see the module docstring), else the metadata title without the site's name."""
    if not metadata_title:
        return None
    title = strip_site_name(metadata_title, names)
    title_words = _words(title)
    opening = _SEPARATOR.split(title)[0]
    for headline in headlines:
        # "Headline - Section - Section - Site": a headline element that is the whole first
        # segment is the headline, however much decoration follows it.
        if len(headline.split()) >= MIN_HEADLINE_WORDS and _words(headline) == _words(opening) != title_words:
            return " ".join(headline.split())
    reworded: tuple[float, str] | None = None
    for headline in headlines:
        words = _words(headline)
        if not words or len(words) < MIN_HEADLINE_SHARE * len(title_words):
            continue
        if _holds(title_words, words):
            return " ".join(headline.split())
        if _holds(words, title_words):
            continue
        overlap = len(set(words) & set(title_words)) / len(set(words) | set(title_words))
        if overlap >= MIN_REWORDED_OVERLAP and (reworded is None or overlap > reworded[0]):
            reworded = (overlap, " ".join(headline.split()))
    return reworded[1] if reworded else title


def _without_leading_name(title: str, names: Sequence[str]) -> str:
    """`title` without a site name and separator opening it, when a headline follows."""
    for name in sorted(names, key=len, reverse=True):
        name = " ".join(name.split())
        if title.casefold().startswith(name.casefold()):
            separator = _LEADING_SEPARATOR.match(title, len(name))
            if separator:
                rest = title[separator.end() :]
                if len(rest.split()) >= MIN_HEADLINE_WORDS:
                    return rest
    return title


def _names_site(segment: str, names: Sequence[str]) -> bool:
    folded = _folded(segment)
    if not folded:
        return False
    for name in names:
        site = _folded(name)
        if folded == site:
            return True
        if folded.startswith(site) and len(segment.split()) <= MAX_SITE_SEGMENT_WORDS:
            return True
        if site.startswith(folded) and len(folded) >= 0.6 * len(site):
            return True
    return False


def _folded(text: str) -> str:
    """`text` as names are compared: lower case, letters and digits only, without "The"."""
    return _NOT_ALNUM.sub("", text.casefold().removeprefix("the "))


def _words(text: str) -> list[str]:
    return [word for word in _NOT_ALNUM.split(text.casefold()) if word]


def _holds(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))
