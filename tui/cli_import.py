"""`brief import`: many files into the library with a progress bar, then bulk extraction.

Everything goes to standard error: the progress bar, one line per file that did not import
cleanly, and the summary. The exit status is 1 when any file (or any extraction) failed, so
scripts can tell. File names and reasons come from the user's files and are shown as plain
text with control characters removed: a file name can hold a terminal escape sequence.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.text import Text

from briefings.extraction import EXTRACT_LIMIT
from briefings.wording import counted
from store import IMPORT_SUFFIXES, Desk, ExtractionReport, ImportOutcome, IndexEntry, ItemOutcome, collect_files
from tui.cli_common import opened_desk, shown

if TYPE_CHECKING:
    from store import LibraryLocation

STATUSES = ("imported", "updated", "duplicate", "failed")


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


def run_import(
    library_path: LibraryLocation,
    paths: Sequence[Path],
    *,
    recursive: bool,
    extract: bool,
    extract_limit: int = EXTRACT_LIMIT,
    console: Console | None = None,
    urls: Sequence[str] = (),
) -> int:
    """Import (files, folders, and the pages at `urls`), extract, print the summary; return the exit status."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    collected = collect_files(paths, recursive=recursive, exclude=[library_path] if isinstance(library_path, Path) else [])
    if not collected.files and not collected.failures and not urls:
        kinds = ", ".join(IMPORT_SUFFIXES)
        hint = ""
        if not recursive and any(child.is_dir() for path in paths if path.is_dir() for child in path.iterdir()):
            hint = "; there are sub-folders: add --recursive to look into them"
        console.print(Text(f"brief: no importable files found ({kinds}, and .gz of the article formats){hint}"))
        return 1
    outcomes: list[ImportOutcome] = list(collected.failures)
    report = ExtractionReport()
    seconds = 0.0
    with opened_desk(library_path) as desk, _progress(console) as progress:
        if urls:
            # A page is an outcome like a file's, named by its address (kept as text: a Path would
            # fold its "//").
            fetched = import_addresses(desk, urls, progress)
            outcomes += [ImportOutcome(page.address, page.status, page.briefing_id, page.reason, page.orphans) for page in fetched]  # type: ignore[arg-type]
        # Files that could not even be opened are in the summary; the bar counts the rest.
        task = progress.add_task("Importing", total=len(collected.files), detail="", visible=bool(collected.files))

        def advance(outcome: ImportOutcome) -> None:
            outcomes.append(outcome)
            progress.update(task, advance=1, detail=shown(outcome.path.name, 40).plain)

        desk.import_files(collected.files, advance)
        same = same_stories(desk, [o.briefing_id for o in outcomes if o.briefing_id and o.status in ("imported", "updated")])
        if extract:
            report, seconds = extract_with_progress(desk, progress, [o.briefing_id for o in outcomes if o.briefing_id], extract_limit)
    _print_summary(console, outcomes, collected.skipped, report, seconds, extract_limit)
    for line in same:
        console.print(line)
    failed = any(outcome.status == "failed" for outcome in outcomes) or bool(report.failures)
    return 1 if failed else 0


def import_addresses(desk: Desk, urls: Sequence[str], progress: Progress) -> list[ItemOutcome]:
    """Fetch pages by address and import them, with a progress bar; failures are outcomes."""
    task = progress.add_task("Fetching", total=len(urls), detail="")
    return desk.import_addresses(
        urls,
        on_page=lambda url: progress.update(task, detail=shown(url, 40).plain),
        on_outcome=lambda outcome: progress.advance(task),
    )


def same_stories(desk: Desk, briefing_ids: list[str]) -> list[Text]:
    """Index new briefings for near-duplicates; a line for each that is a story already here."""
    if not briefing_ids:
        return []
    lines = []
    for briefing_id, others in desk.note_imports(briefing_ids).items():
        entry = desk.entry(briefing_id)
        if entry is None:
            continue
        also = [_named(desk.entry(other)) for other in others]
        line = Text("same story: ").append_text(shown(_named(entry), 80)).append(" is also reported by ")
        line.append_text(shown("; ".join(name for name in also if name), 120))
        lines.append(line.append(" (the library offers to file it as a new version or keep it apart)"))
    return lines


def _named(entry: IndexEntry | None) -> str:
    if entry is None:
        return ""
    return f"“{entry.title}”" + (f" ({entry.source})" if entry.source else "")


def extract_with_progress(
    desk: Desk, progress: Progress, briefing_ids: list[str], limit: int = EXTRACT_LIMIT
) -> tuple[ExtractionReport, float]:
    """Extract what is not cached yet, with its own progress bar; the report and the seconds it took.

    The bar counts articles; beside it, the words the model has read of the articles in hand, so
    that one long article shows it is moving."""
    from briefings.extraction import load_extractor

    pending = desk.pending_extractions(briefing_ids)
    if not pending:
        return ExtractionReport(), 0.0
    task: TaskID = progress.add_task("Extracting", total=len(pending), detail="loading the language model")
    extractor = load_extractor()
    progress.update(task, detail="")
    started = time.perf_counter()
    report = desk.extract_all(
        pending,
        lambda article: progress.advance(task),
        extractor=extractor,
        limit=limit,
        on_words=lambda done, total: progress.update(task, detail=f"{done:,}/{total:,} words"),
    )
    return report, time.perf_counter() - started


def _print_summary(console: Console, outcomes: list[ImportOutcome], skipped: int, report: ExtractionReport, seconds: float, limit: int) -> None:
    for outcome in outcomes:
        if outcome.status == "failed":
            console.print(Text("failed: ").append_text(shown(outcome.reason)))
        elif outcome.status == "updated":
            detail = f"briefing {outcome.briefing_id}"
            if outcome.orphans:
                detail += f"; {counted(outcome.orphans, 'annotation or paragraph link', 'annotations or paragraph links')} could not be re-attached and are kept as orphans (O in the review screen)"
            console.print(Text("updated: ").append_text(shown(str(outcome.path))).append(f" ({detail})"))
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in STATUSES}
    line = f"{counts['imported']:,} imported, {counts['updated']:,} updated, {counted(counts['duplicate'], 'duplicate')}, {counts['failed']:,} failed"
    if skipped:
        line += f" ({counted(skipped, 'file')} in folders skipped: hidden, backups or not articles)"
    console.print(Text(line + "."))
    print_extraction(console, report, seconds, limit)


def print_extraction(console: Console, report: ExtractionReport, seconds: float, limit: int = EXTRACT_LIMIT) -> None:
    """What bulk extraction did: articles left unextracted, its failures, its speed, its notices."""
    for title, words in report.too_long:
        console.print(
            Text("not extracted: ").append_text(shown(title, 80)).append(
                f" ({words:,} words, over the limit of {limit:,}); the app extracts it when it is opened, "
                "or import the file again with --extract-limit 0"
            )
        )
    for title, reason in report.failures:
        console.print(Text("extraction failed: ").append_text(shown(f"{title}: {reason}")).append(" (the app tries again when it is opened)"))
    if report.extracted:
        rate = f" ({report.words / seconds:,.0f} words/s)" if seconds > 0 else ""
        console.print(Text(f"Extracted {counted(report.extracted, 'article')}{rate}."))
    for notice in report.notices:
        console.print(Text("note: ").append_text(shown(notice)))
