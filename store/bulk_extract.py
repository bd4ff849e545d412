"""Extracting what many articles say, in bulk: after an import, and in the actors view.

Extraction runs over the articles whose result is not cached yet, loaded a batch at a time and
extracted through the extractor's `extract_many` (spaCy's `nlp.pipe`); each result goes to the
library's extraction cache as it comes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from briefings.extraction import EXTRACT_LIMIT, Extractor
from briefings.extraction.model import Extraction
from briefings.model import Article
from store.backend import LibraryStore
from store.errors import StoreError

#: Articles handed to the extractor at a time: enough for `nlp.pipe` to fill its batches, few
#: enough that the progress bar moves and memory stays small. Measured in
#: benchmarks/import_throughput.py.
EXTRACT_BATCH = 16



def pending_extractions(library: LibraryStore, briefing_ids: Iterable[str], pipeline: str) -> list[str]:
    """The briefings among these whose article has no extraction cached for `pipeline`.

    One briefing per article content; the listing index gives the content, so no briefing file
    is read.
    """
    pending: dict[str, str] = {}
    done: set[str] = set()
    for briefing_id in dict.fromkeys(briefing_ids):
        entry = library.entry(briefing_id)
        if entry is None or entry.content_hash in pending or entry.content_hash in done:
            continue
        if library.load_extraction(entry.content_hash, pipeline, basis=None) is None:
            pending[entry.content_hash] = briefing_id
        else:
            done.add(entry.content_hash)
    return list(pending.values())


def load_articles(library: LibraryStore, briefing_ids: Iterable[str]) -> Iterator[Article]:
    """The articles of these briefings, read one at a time as they are consumed (gone ones skipped)."""
    for briefing_id in briefing_ids:
        try:
            yield library.load(briefing_id).article
        except StoreError:
            continue


@dataclass(slots=True)
class ExtractionReport:
    """What bulk extraction did.

    Attributes:
        extracted: Articles extracted and cached.
        words: Words in them.
        failures: (article title, reason) for each article the extractor failed on.
        notices: The extractor's messages about its results (a missing model), each once.
        too_long: (file name, or title, and words) for each article left unextracted for being
            longer than the limit.
    """

    extracted: int = 0
    words: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    too_long: list[tuple[str, int]] = field(default_factory=list)


def extract_articles(
    library: LibraryStore,
    articles: Iterable[Article],
    extractor: Extractor,
    on_article: Callable[[Article], None] = lambda article: None,
    *,
    batch_size: int = EXTRACT_BATCH,
    limit: int = EXTRACT_LIMIT,
    on_words: Callable[[int, int], None] = lambda done, total: None,
) -> ExtractionReport:
    """Extract in batches through `extract_many` and cache each result as it comes.

    `articles` may be a generator: only one batch is in memory at a time. An article the
    extractor fails on is reported and skipped (the app tries again when it is opened); the
    others in its batch are extracted one by one so that they are not lost with it. An article
    of more than `limit` words (0: no limit) is left unextracted and reported. `on_words` hears,
    as the model reads, the words read and the words in the current batch, so that one long
    article shows progress inside itself.
    """
    report = ExtractionReport()

    def within_limit(article: Article) -> bool:
        words = article.word_count
        if limit and words > limit:
            report.too_long.append((article.origin or article.title, words))
            on_article(article)
            return False
        return True

    def done(article: Article, extraction: Extraction) -> None:
        library.save_extraction(article.content_hash, extraction.pipeline, extraction, article.extraction_basis)
        report.extracted += 1
        report.words += article.word_count
        if extraction.notice and extraction.notice not in report.notices:
            report.notices.append(extraction.notice)
        on_article(article)

    for batch in _batches(filter(within_limit, articles), batch_size):
        total, read = sum(article.word_count for article in batch), 0

        def words_read(count: int) -> None:
            nonlocal read
            read += count
            on_words(min(read, total), total)

        on_words(0, total)
        try:
            results = list(extractor.extract_many(batch, batch_size=len(batch), on_words=words_read))
        except Exception:  # noqa: BLE001 - heuristics over untrusted text; isolate the article below
            results = None
        if results is not None:
            for article, extraction in zip(batch, results, strict=True):
                done(article, extraction)
            continue
        for article in batch:
            try:
                extraction = extractor.extract(article)
            except Exception as error:  # noqa: BLE001 - one article's failure must not stop the rest
                report.failures.append((article.title, f"{type(error).__name__}: {error}"))
                on_article(article)
                continue
            done(article, extraction)
    return report


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
