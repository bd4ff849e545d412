"""The dateline that opens many articles ("The Telegraph UK 25 March 2015 – ..."), left out of extraction.

The readers keep the dateline in the first paragraph (the article is never altered) and record the
source and date it gives. Its words are metadata, not content: the publisher is not an actor of
the story and the publication date is not one of its figures, so extraction skips them.
"""

from __future__ import annotations

import re

from briefings.model import Article

#: How far into the first paragraph the source name and, after it, the separating dash may be.
SOURCE_WITHIN = 80
DASH_WITHIN = 80
DASH = re.compile(r"\s(?:--?|[\u2013\u2014|])\s")


def dateline_end(article: Article) -> int:
    """Where the dateline in the first paragraph ends, or 0 when the article has none."""
    if not article.paragraphs or not article.source:
        return 0
    text = article.paragraphs[0].text
    position = text.find(article.source, 0, SOURCE_WITHIN)
    if position < 0:
        return 0
    after = position + len(article.source)
    match = DASH.search(text, after, after + DASH_WITHIN)
    return match.end() if match else 0
