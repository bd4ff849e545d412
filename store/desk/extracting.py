"""The shared extractor, and the extraction as the analyst sees it.

Loading the extractor takes seconds (spaCy), so one is loaded per process, on first use, in a
worker, and shared by every desk. An extraction comes from the library's cache (read once when a
briefing is opened for review) or is computed and cached; the analyst always sees it with the
library's actor decisions applied (`Desk.seen`), on every face: the review panes, the exports,
the digests and the actors across the library.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from briefings.extraction import Extractor
from briefings.extraction.model import Extraction
from briefings.model import Article
from store.backend import LibraryStore

_extractor_lock = threading.Lock()
_extractor: Extractor | None = None


def shared_extractor() -> Extractor:
    """The extractor, loaded on first use (seconds: spaCy) and then shared by every desk.

    Call from a worker thread only.
    """
    global _extractor
    with _extractor_lock:
        if _extractor is None:
            from briefings.extraction import load_extractor

            _extractor = load_extractor()
        return _extractor


def extracted(library: LibraryStore, article: Article, extractor: Callable[[], Extractor]) -> Extraction:
    """Extract an article (loading the extractor) and cache the result; the cache is not read."""
    extraction = extractor().extract(article)
    library.save_extraction(article.content_hash, extraction.pipeline, extraction, article.extraction_basis)
    return extraction


def cached_or_extracted(library: LibraryStore, article: Article, pipeline: str, extractor: Callable[[], Extractor]) -> Extraction:
    """The article's extraction from the cache, or computed (loading the extractor) and cached.

    A cached one made before the analyst corrected the article's date or source is stale (see
    `Article.extraction_basis`): it is computed again.
    """
    extraction = library.load_extraction(article.content_hash, pipeline, article.extraction_basis)
    return extraction if extraction is not None else extracted(library, article, extractor)
