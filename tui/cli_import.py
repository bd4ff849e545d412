"""`brief import`: many files into the library with a progress bar, then bulk extraction.

Prints one line per file that did not import cleanly and a summary; the exit status is 1 when any
file failed, so scripts can tell.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from store import Library
from store.batch import ImportOutcome, articles_to_extract, collect_files, extract_articles, import_files


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}", markup=False),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


def run_import(library_path: Path, paths: list[Path], *, recursive: bool, extract: bool) -> int:
    """Import, extract, print the summary; return the exit status."""
    console = Console(stderr=True, highlight=False)
    files = collect_files(paths, recursive=recursive)
    if not files:
        console.print("brief: no importable files found (.txt, .md, .html, .html.gz, .json)")
        return 1
    library = Library.open(library_path)
    for warning in library.warnings:
        console.print(f"warning: {escape(warning)}")
    outcomes: list[ImportOutcome] = []
    with _progress(console) as progress:
        task = progress.add_task("Importing", total=len(files), detail="")

        def advance(outcome: ImportOutcome) -> None:
            outcomes.append(outcome)
            progress.update(task, advance=1, detail=outcome.path.name[-40:])

        import_files(library, files, advance)
        extracted = words = 0
        seconds = 0.0
        if extract:
            from briefings.extraction import installed_pipeline, load_extractor

            ids = [o.briefing_id for o in outcomes if o.briefing_id and o.status != "failed"]
            articles = articles_to_extract(library, ids, installed_pipeline())
            if articles:
                extract_task = progress.add_task("Extracting", total=len(articles), detail="loading the language model")
                extractor = load_extractor()
                started = time.perf_counter()

                def extracted_one(article: object) -> None:
                    progress.update(extract_task, advance=1, detail="")

                extracted = extract_articles(library, articles, extractor, extracted_one)
                seconds = time.perf_counter() - started
                words = sum(article.word_count for article in articles)
    _print_summary(console, outcomes, extracted, words, seconds)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _print_summary(console: Console, outcomes: list[ImportOutcome], extracted: int, words: int, seconds: float) -> None:
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("imported", "updated", "duplicate", "failed")}
    for outcome in outcomes:
        if outcome.status == "failed":
            console.print(f"failed: {escape(outcome.reason)}")
        elif outcome.status == "updated":
            orphans = f", {outcome.orphans} annotation(s) could not be re-attached and are kept as orphans" if outcome.orphans else ""
            console.print(f"updated: {escape(outcome.path.name)} (briefing {outcome.briefing_id}{escape(orphans)})")
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    console.print(f"{summary}.")
    if extracted:
        rate = f" ({words / seconds:,.0f} words/s)" if seconds > 0 else ""
        console.print(f"Extracted {extracted} article(s){rate}.")
