"""`brief fetch` and `brief import URL`: the web's articles into the library, with a progress bar.

As for `brief import`, everything goes to standard error: the bar, one line per failure, the
summary; the exit status is 1 when a feed, a page or an extraction failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from briefings.model import Article
from briefings.wording import counted
from store import ExtractionReport, FetchReport, Progress
from tui.cli_common import opened_desk, shown
from tui.cli_import import _progress, extract_with_progress, print_extraction, same_stories

if TYPE_CHECKING:
    from store import LibraryLocation


def run_fetch(library_path: LibraryLocation, feeds: Sequence[str] | None, *, extract: bool, console: Console | None = None) -> int:
    """Fetch the feeds, import what is new, extract it; print the summary and return the exit status."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    with opened_desk(library_path) as desk:
        followed = desk.feeds().feeds
        if not followed:
            console.print(Text("brief: no feeds yet: brief feeds add URL, or brief feeds import FILE.opml"))
            return 1
        unknown = [url for url in feeds or () if url not in followed]
        if unknown:
            console.print(Text("brief: not following ").append_text(shown(unknown[0])).append("; `brief feeds list` shows the feeds"))
            return 1
        extraction, seconds = ExtractionReport(), 0.0
        with _progress(console) as progress:
            tasks: dict[str, int] = {}

            def show(step: Progress) -> None:
                label = "Reading feeds" if step.stage == "feeds" else "Fetching articles"
                if step.stage not in tasks:
                    tasks[step.stage] = progress.add_task(label, total=step.total, detail="")
                progress.update(tasks[step.stage], completed=step.done, detail=shown(step.what, 40).plain)

            report = desk.fetch_feeds(feeds, on_progress=show)
            same = same_stories(desk, [item.briefing_id for item in report.items if item.briefing_id and item.status in ("imported", "updated")])
            if extract:
                extraction, seconds = extract_with_progress(desk, progress, [item.briefing_id for item in report.items if item.briefing_id])
    _print_fetch(console, report)
    for line in same:
        console.print(line)
    print_extraction(console, extraction, seconds)
    failed = bool(report.failures) or any(item.status == "failed" for item in report.items) or bool(extraction.failures)
    return 1 if failed else 0


def fetch_article(url: str) -> Article:
    """The article at a web address, fetched and read (`brief open https://…`)."""
    from briefings.web.fetching import Fetcher
    from briefings.web.pages import article_from_response

    with Fetcher() as fetcher:
        return article_from_response(fetcher.get(url))


def _print_fetch(console: Console, report: FetchReport) -> None:
    for failure in report.failures:
        console.print(Text("feed failed: ").append_text(shown(failure)))
    for note in report.notes:
        console.print(Text("note: ").append_text(shown(note)))
    for item in report.items:
        if item.status == "failed":
            console.print(Text("failed: ").append_text(shown(item.reason)))
    feeds = counted(report.feeds, "feed") + " read" + (f" ({report.unchanged:,} unchanged)" if report.unchanged else "")
    items = f"{report.count('imported'):,} imported, {report.count('updated'):,} updated, {counted(report.count('duplicate'), 'duplicate')}, {report.count('failed'):,} failed"
    new = report.count("imported") + report.count("updated")
    inbox = f" {counted(new, 'article')} new in the inbox (`brief` shows them first)." if new else " Nothing new."
    console.print(Text(f"{feeds}: {items}.{inbox}"))
