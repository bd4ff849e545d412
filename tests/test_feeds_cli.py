"""`brief feeds …`, `brief fetch`, and `brief import` / `brief open` of web addresses, against 127.0.0.1."""

from __future__ import annotations

import pytest

import datetime as dt
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from store import Library
from store.feeds import FeedStore
from tests.tools.web_content import Item, headline, page, rss20, story
from tests.tools.web_server import WebServer
from tui.cli import main

pytestmark = pytest.mark.unit

BRIEF = str(Path(sys.executable).parent / "brief")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def serve(web: WebServer, name: str, count: int) -> str:
    items = []
    for number in range(count):
        path = f"/{name}/{number}"
        web.add(path, page(headline(number + 100 * ord(name[0])), story(number + 100 * ord(name[0]))))
        items.append(Item(headline(number), web.url(path), f"{name}{number}", dt.datetime(2024, 3, 1 + number, tzinfo=dt.UTC)))
    return web.add(f"/{name}.rss", rss20(f"{name.title()} Wire", items), content_type="application/rss+xml")


def test_add_list_remove(web: WebServer, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    url = serve(web, "alpha", 2)
    added = run("feeds", "add", url, "--tag", "wires", "--library", library)
    assert added.exit_code == 0 and added.output == "following Alpha Wire (2 items now; `brief fetch` brings them in)\n"
    again = run("feeds", "add", url, "--tag", "europe", "--library", library)
    assert "already following Alpha Wire" in again.output
    listed = run("feeds", "list", "--library", library)
    assert listed.exit_code == 0
    assert listed.output.splitlines()[:3] == ["Alpha Wire", f"  {url}", "  tags: wires, europe · 0 articles taken · never fetched"]
    removed = run("feeds", "remove", url, "--library", library)
    assert removed.exit_code == 0 and run("feeds", "list", "--library", library).output == "No feeds yet: brief feeds add URL, or brief feeds import FILE.opml\n"
    missing = run("feeds", "remove", url, "--library", library)
    assert missing.exit_code == 1 and "not following" in missing.output


def test_adding_what_is_not_a_feed_is_refused_in_one_line(web: WebServer, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    page_url = web.add("/page", page("A page", story(1)))
    result = run("feeds", "add", page_url, "--library", library)
    assert result.exit_code == 1
    assert result.output == f"Error: {page_url}: not an RSS or Atom feed (it is a web page; look on it for the address of its feed)\n"
    result = run("feeds", "add", "ftp://127.0.0.1/feed", "--library", library)
    assert result.exit_code == 1 and "not a web address" in result.output


def test_opml_import_and_export(web: WebServer, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    opml = tmp_path / "reader.opml"
    opml.write_text(
        f"""<opml version="1.0"><body><outline text="Wires">
        <outline text="Alpha" xmlUrl="{web.url('/a.rss')}"/><outline text="Beta" xmlUrl="{web.url('/b.rss')}"/></outline>
        <outline text="Local file" xmlUrl="file:///etc/passwd"/></body></opml>""",
        encoding="utf-8",
    )
    result = run("feeds", "import", str(opml), "--library", library)
    assert result.exit_code == 0
    assert result.output == "2 feeds added, 0 already followed, 1 skipped (not web addresses). `brief fetch` brings their articles in.\n"
    exported = run("feeds", "export", "--library", library)
    assert exported.output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert f'xmlUrl="{web.url("/a.rss")}" category="Wires"' in exported.output
    out = tmp_path / "out.opml"
    assert run("feeds", "export", "-o", str(out), "--library", library).exit_code == 0
    again = tmp_path / "lib2"
    assert run("feeds", "import", str(out), "--library", str(again)).output.startswith("2 feeds added")


def test_fetch_summary_failures_and_exit_status(web: WebServer, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    for name in ("alpha", "beta", "gamma"):
        assert run("feeds", "add", serve(web, name, 2), "--library", library).exit_code == 0
    first = run("fetch", "--no-extract", "--library", library)
    assert first.exit_code == 0, first.output
    assert "Reading feeds" in first.output and "Fetching articles" in first.output
    assert "3 feeds read: 6 imported, 0 updated, 0 duplicates, 0 failed. 6 articles new in the inbox" in first.output
    second = run("fetch", "--no-extract", "--library", library)
    assert "3 feeds read: 0 imported, 0 updated, 0 duplicates, 0 failed. Nothing new." in second.output
    web.add("/gamma.rss", rss20("Gamma Wire", [Item("Gone", web.url("/gone"), "gone")]), content_type="application/rss+xml")
    third = run("fetch", "--no-extract", "--library", library)
    assert third.exit_code == 1
    assert f"failed: {web.url('/gone')}: the server answered 404 Not Found" in third.output
    assert len(Library.open(tmp_path / "lib").entries()) == 6


def test_fetch_without_feeds(tmp_path: Path) -> None:
    result = run("fetch", "--library", str(tmp_path / "lib"))
    assert result.exit_code == 1 and "no feeds yet" in result.output


def test_import_and_open_a_web_address(web: WebServer, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    url = web.add("/story", page("Harbour talks resume", story(5), site="Daily Port", date="2024-03-04"))
    result = run("import", url, "--no-extract", "--library", str(library))
    assert result.exit_code == 0 and "1 imported, 0 updated, 0 duplicates, 0 failed." in result.output
    entry = Library.open(library).entries()[0]
    assert (entry.title, entry.source, entry.date, entry.url) == ("Harbour talks resume", "Daily Port", "2024-03-04", url)
    assert FeedStore(Library.open(library)).read().inbox == {}  # imported by hand: not in the inbox
    again = run("import", url, "--no-extract", "--library", str(library))
    assert "0 imported, 0 updated, 1 duplicate, 0 failed." in again.output
    mixed = tmp_path / "note.txt"
    mixed.write_text("A note of the analyst's own, long enough to be an article of some words.\n", encoding="utf-8")
    both = run("import", str(mixed), web.url("/missing"), "--no-extract", "--library", str(library))
    assert both.exit_code == 1
    assert f"failed: {web.url('/missing')}: the server answered 404 Not Found" in both.output
    assert "1 imported, 0 updated, 0 duplicates, 1 failed." in both.output


def test_open_a_web_address_that_fails_says_so_before_the_app_starts(web: WebServer, tmp_path: Path) -> None:
    url = web.url("/nothing-here")
    result = subprocess.run([BRIEF, "open", url, "--library", str(tmp_path / "lib")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"Error: {url}: the server answered 404 Not Found\n"
    assert not (tmp_path / "lib").exists()
