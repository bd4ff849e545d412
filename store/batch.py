"""Importing many files into a library, and extracting what they say in bulk.

Used by `brief import` and by the app. Each file is read and added on its own: a file that fails
is reported with its reason and harms nothing else. Extraction then runs over every article whose
result is not cached yet, in batches through the extractor's `extract_many` (spaCy's `nlp.pipe`),
and the results go to the library's extraction cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefings.edits import AddDecision, SetTaxonomy
from briefings.exporters import ExportError, read_json_export
from briefings.extraction import Extractor
from briefings.extraction.model import Extraction
from briefings.model import Article
from briefings.readers import SUPPORTED_SUFFIXES, ReadError, read_file
from store.errors import StoreError
from store.library import Library

#: Files `brief import` takes from a folder: the readers' formats and Brief's own JSON exports.
IMPORT_SUFFIXES = (*SUPPORTED_SUFFIXES, ".json")


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file.

    Attributes:
        path: The file.
        status: "imported", "updated", "duplicate" or "failed".
        briefing_id: The briefing it became (None when it failed).
        reason: Why it failed, in one line.
        orphans: Annotations an update could not re-attach (kept as orphans).
        words: Words in the article, for throughput figures.
    """

    path: Path
    status: str
    briefing_id: str | None = None
    reason: str = ""
    orphans: int = 0
    words: int = 0


def _importable(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and any(name.endswith(suffix) for suffix in IMPORT_SUFFIXES)


def collect_files(paths: Iterable[Path], *, recursive: bool = False) -> list[Path]:
    """The files to import: files as given, and the importable files in folders, sorted.

    A path that does not exist is kept, so that it is reported as a failure rather than ignored.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            walk: Iterator[Path] = path.rglob("*") if recursive else path.iterdir()
            files.extend(sorted(p for p in walk if p.is_file() and _importable(p)))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _import_json(library: Library, path: Path) -> ImportOutcome:
    """Import a Brief JSON export with its annotations, its tags and its actor decisions."""
    bundle = read_json_export(path.read_text(encoding="utf-8-sig"))
    settings = library.settings()
    known = {tag.id for tag in settings.tags}
    missing_tags = tuple(tag for tag in bundle.settings.tags if tag.id not in known)
    if missing_tags:
        library.apply_settings(SetTaxonomy(settings.tags + missing_tags, settings.tags))
    decided = {decision.id for decision in settings.decisions}
    for decision in bundle.settings.decisions:
        if decision.id not in decided:
            library.apply_settings(AddDecision(decision))
    result = library.add_briefing(bundle.briefing)
    if bundle.extraction is not None:
        article = bundle.briefing.article
        library.save_extraction(article.content_hash, bundle.extraction.pipeline, bundle.extraction)
    return ImportOutcome(path, result.status, result.id, orphans=result.orphans, words=bundle.briefing.article.word_count)


def import_file(library: Library, path: Path) -> ImportOutcome:
    """Read one file and add it to the library; any failure becomes an outcome, not an exception."""
    try:
        if path.name.lower().endswith(".json"):
            return _import_json(library, path)
        article = read_file(path)
        result = library.add_article(article)
        return ImportOutcome(path, result.status, result.id, orphans=result.orphans, words=article.word_count)
    except (ReadError, ExportError) as error:
        return ImportOutcome(path, "failed", reason=str(error))
    except (StoreError, OSError, UnicodeDecodeError) as error:
        return ImportOutcome(path, "failed", reason=f"{path.name}: {error}")


def import_files(
    library: Library,
    files: Sequence[Path],
    on_outcome: Callable[[ImportOutcome], None] = lambda outcome: None,
) -> list[ImportOutcome]:
    """Import files one by one, reporting each outcome as it happens."""
    outcomes = []
    for path in files:
        outcome = import_file(library, path)
        on_outcome(outcome)
        outcomes.append(outcome)
    return outcomes


def articles_to_extract(library: Library, briefing_ids: Iterable[str], pipeline: str) -> list[Article]:
    """The articles among these briefings whose extraction is not cached for this pipeline."""
    articles: dict[str, Article] = {}
    for briefing_id in dict.fromkeys(briefing_ids):
        article = library.load(briefing_id).article
        if article.content_hash not in articles and library.load_extraction(article.content_hash, pipeline) is None:
            articles[article.content_hash] = article
    return list(articles.values())


def extract_articles(
    library: Library,
    articles: Sequence[Article],
    extractor: Extractor,
    on_article: Callable[[Article], None] = lambda article: None,
    *,
    batch_size: int = 16,
) -> int:
    """Extract in bulk and cache each result; returns how many articles were extracted."""
    done = 0
    for article, extraction in zip(articles, extractor.extract_many(articles, batch_size=batch_size)):
        library.save_extraction(article.content_hash, extraction.pipeline, extraction)
        on_article(article)
        done += 1
    return done



def cached_or_extracted(library: Library, article: Article, pipeline: str, extractor: Callable[[], Extractor]) -> Extraction:
    """The article's extraction from the cache, or computed (loading the extractor) and cached."""
    extraction = library.load_extraction(article.content_hash, pipeline)
    if extraction is None:
        extraction = extractor().extract(article)
        library.save_extraction(article.content_hash, extraction.pipeline, extraction)
    return extraction
