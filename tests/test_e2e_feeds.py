"""End to end, in a real terminal (tmux), the issue's "done when": a new user adds three feeds,
runs `brief fetch`, reviews the new articles from the inbox, imports a PDF report and a web
address, and sees a wire story from two outlets recognised as one. Feeds and pages come from
the test's server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_similar import WIRE
from tests.tmux import TmuxSession, require_tmux
from tests.tools.make_pdf import report_pdf
from tests.tools.web_content import Item, headline, page, rss20, story
from tests.tools.web_server import WebServer

pytestmark = pytest.mark.e2e

BRIEF = str(Path(sys.executable).parent / "brief")


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_tmux()


def brief(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BRIEF, *args], capture_output=True, text=True, timeout=120)


def test_a_new_users_day_from_feeds_to_the_inbox(web: WebServer, tmp_path: Path) -> None:
    library = str(tmp_path / "library")
    march = dt.datetime(2024, 3, 4, 8, tzinfo=dt.UTC)
    feeds = {}
    for number, (name, site) in enumerate((("wire", "Wire Service"), ("daily", "The Daily"), ("port", "Port Gazette"))):
        items = [Item(headline(500 + 10 * number + n), web.add(f"/{name}/{n}", page(headline(500 + 10 * number + n), story(500 + 10 * number + n))), f"{name}{n}", march + dt.timedelta(hours=n)) for n in range(2)]
        feeds[name] = (site, items)
    # The same wire story, carried by two outlets under their own headlines.
    feeds["wire"][1].append(Item("Ceasefire talks resume in Geneva", web.add("/wire/talks", page("Ceasefire talks resume in Geneva", WIRE, site="Wire Service")), "wire-talks", march))
    feeds["daily"][1].append(Item("Geneva talks back on", web.add("/daily/talks", page("Geneva talks back on, officials say", ["GENEVA - " + WIRE[0], *WIRE[1:]], site="The Daily")), "daily-talks", march))
    for name, (site, items) in feeds.items():
        url = web.add(f"/{name}.rss", rss20(site, items), content_type="application/rss+xml")
        assert brief("feeds", "add", url, "--tag", "news", "--library", library).returncode == 0

    with TmuxSession([BRIEF, "fetch", "--no-extract", "--library", library], height=30) as term:
        screen = term.wait_for("[exited 0]", timeout=90)
        assert "3 feeds read: 8 imported, 0 updated, 0 duplicates, 0 failed. 8 articles new in the inbox" in screen
        assert "same story: “Geneva talks back on, officials say” (The Daily) is also reported by “Ceasefire talks resume in Geneva” (Wire Service)" in " ".join(screen.split()) or "same story: “Ceasefire talks resume in Geneva” (Wire Service) is also reported by “Geneva talks back on, officials say” (The Daily)" in " ".join(screen.split())

    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(report_pdf(story(700, 8) * 3, title="Annual review of port security", running_head="Port security review"))
    imported = brief("import", str(pdf), web.add("/sent", page("A page a colleague sent", story(800), site="Colleague Times")), "--no-extract", "--library", library)
    assert imported.returncode == 0 and "2 imported, 0 updated, 0 duplicates, 0 failed." in imported.stderr

    with TmuxSession([BRIEF, "--library", library], width=150, height=40) as term:
        term.wait_for("8 new (i)")
        term.send("i")
        screen = term.wait_for("inbox: 8 new articles")
        assert "Annual review of port security" not in screen  # imported by hand: not in the inbox
        term.send("Enter")
        term.wait_for("¶1")  # an article of the inbox, on the review screen
        term.send("Escape")
        term.wait_for("inbox: 7 new articles")  # opened: read
        term.send("i")
        term.wait_for("Annual review of port security")
        term.send("f")
        term.type("Geneva talks back")
        term.wait_for("1 match")
        term.send("Enter", "Enter")
        screen = term.wait_for("≈ Also reported by Wire Service")
        assert "Geneva talks back on, officials say" in screen
        term.wait_until_gone("Reading the article…", timeout=90)  # extraction done: quitting waits for nothing
        term.send("q")
        term.wait_for("[exited 0]", timeout=60)
