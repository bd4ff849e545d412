"""A briefing opened for review: the briefing, its version, its cached extraction, its place."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.briefing import Briefing
from briefings.extraction import installed_pipeline
from briefings.extraction.model import Extraction
from briefings.history import HistoryEntry
from briefings.model import Article
from store.backend import LibraryStore


@dataclass(frozen=True, slots=True)
class Opened:
    """A briefing read for review.

    Attributes:
        briefing: The briefing.
        version: The library's version of it when it was read (see `LibraryStore.version`).
        extraction: Its cached raw extraction, if the cache had one (the cache is read here,
            once per opening; on a miss the extraction is computed, not looked up again).
        position: The paragraph the analyst last visited in it, if known.
        history: Who changed it when, oldest first (read after the briefing).
    """

    briefing: Briefing
    version: int
    extraction: Extraction | None
    position: int | None = None
    history: tuple[HistoryEntry, ...] = ()


def read_for_review(library: LibraryStore, briefing_id: str) -> Opened:
    """Read a briefing, its version and its cached extraction (in a worker: this reads files).

    The version is taken first: a change that lands between the two reads then makes the window
    read the briefing again, where the other order would let it go unseen.
    """
    version = library.version(briefing_id)
    briefing = library.load(briefing_id)
    article = briefing.article
    cached = library.load_extraction(article.content_hash, installed_pipeline(), article.extraction_basis)
    return Opened(briefing, version, cached, library.position(briefing_id), tuple(library.history(briefing_id)))


def extraction_subject(article: Article) -> str:
    """What an extraction of the article depends on: its text (content hash) and its extraction basis."""
    return f"{article.content_hash}/{article.extraction_basis}"


def same_work(one: Briefing, other: Briefing) -> bool:
    """True when two versions of a briefing hold the same article and the same analyst work."""
    return (
        one.article.content_hash == other.article.content_hash
        and one.article.facts == other.article.facts
        and one.annotations == other.annotations
        and one.questions == other.questions
        and one.dismissed == other.dismissed
        and one.summary == other.summary
        and one.orphans == other.orphans
    )
