"""Extraction is cached per content and pipeline: reopening never loads the language model."""

from __future__ import annotations

import pytest

import subprocess
import sys
import textwrap
from pathlib import Path

from briefings.extraction import MODEL_PACKAGE, PIPELINE_VERSION, installed_pipeline, load_extractor
from briefings.readers import read_file
from store import Library
from store.desk.extracting import cached_or_extracted

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parent.parent


def test_the_extractor_reports_the_pipeline_the_cache_is_keyed_by() -> None:
    assert load_extractor().pipeline == installed_pipeline()


def test_the_pipeline_names_the_installed_model_version() -> None:
    """The cache key carries the model's version, read from the model without importlib.metadata;
    the installed distribution's own record is the reference."""
    import importlib.metadata

    version = importlib.metadata.version(MODEL_PACKAGE)
    assert installed_pipeline() == f"{PIPELINE_VERSION}/spacy-{MODEL_PACKAGE}-{version}"


def test_a_cache_hit_does_not_import_spacy(library_dir: Path, sample_path: Path) -> None:
    library = Library.open(library_dir)
    article = read_file(sample_path)
    library.add_article(article)
    first = cached_or_extracted(library, article, installed_pipeline(), load_extractor)
    assert first.actors
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        sys.path.insert(0, {str(ROOT)!r})
        from tests.pilot import make_app, open_review

        async def main():
            app = make_app(__import__("pathlib").Path({str(library_dir)!r}), __import__("pathlib").Path({str(sample_path)!r}))
            async with app.run_test(size=(140, 45)) as pilot:
                screen = await open_review(pilot, extraction=True)
                print(len(screen.extraction.actors), "spacy" in sys.modules)

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    actors, spacy_loaded = result.stdout.split()
    assert int(actors) == len(first.actors)
    assert spacy_loaded == "False"
