"""Extraction of texts written for a test (with the `extractor` fixture of tests/conftest.py)."""

from __future__ import annotations

from briefings.extraction.model import Extraction
from briefings.model import Article, make_paragraphs


def extract(extractor, *paragraphs: str) -> Extraction:  # type: ignore[no-untyped-def]
    """The extraction of an article titled "Test" made of these paragraphs."""
    return extractor.extract(Article(title="Test", paragraphs=make_paragraphs(list(paragraphs))))
