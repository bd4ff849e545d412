"""`brief serve` in headless Chromium: each tab is a session of its own on the shared library,
two tabs tagging one briefing keep both their tags, a token server lets in only the token, and
no session outlives the server, however it ends.

Built on the browser rig (tests/tools/browser.py, tests/tools/served.py; see test_served_rig.py).
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from briefings.edits import AddTag
from briefings.history import login_name
from briefings.readers import read_file
from store import Desk, Library
from tests.tools.browser import Browser, Tab
from tests.tools.served import ServerProcess

BRIEF = str(Path(sys.executable).parent / "brief")
TOKEN = "test-token-0123456789"


def brief_serve(library: Path, *options: str) -> Callable[[int], list[str]]:
    return lambda port: [BRIEF, "serve", "--port", str(port), "--library", str(library), *options]


def wait_until(condition: Callable[[], object], timeout: float = 30, what: str = "the condition", state: Callable[[], object] = lambda: None) -> None:
    """Wait for `condition`; fail naming `what` and showing `state()` if it never holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout:.0f} s; found {state()!r}")
        time.sleep(0.05)


def sessions(server: ServerProcess) -> list[int]:
    """The app processes the server runs (each tab's), itself left out."""
    return [pid for pid in server.processes() if pid != server.process.pid]


def a_library_with_one_briefing(library_dir: Path, sample_path: Path) -> str:
    return Library.open(library_dir).add_article(read_file(sample_path)).id


def open_the_briefing(tab: Tab) -> None:
    """From the library screen (the library is not empty), as the analyst does: give the page
    the keyboard, then Enter on the only briefing."""
    tab.wait_for_text("imported ")  # the library screen's line about the briefing under the cursor
    tab.press()
    tab.wait_for_text("Undo delete")  # the footer: the app has the keyboard
    tab.press("Enter")
    tab.wait_for_text("0/15 reviewed")


def tags_on_disk(library_dir: Path, briefing_id: str) -> dict[int, set[str]]:
    """The tags of ¶1-¶3 as a new reader of the library finds them."""
    briefing = Library.open(library_dir).load(briefing_id)
    return {number: set(briefing.annotation(number - 1).tags) for number in (1, 2, 3)}


def test_two_tabs_tag_one_briefing_and_both_tags_are_kept(browser: Browser, serve, library_dir: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    briefing_id = a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir))
    first, second = browser.new_tab(server.url), browser.new_tab(server.url)
    wait_until(lambda: len(sessions(server)) == 2, what="a session for each tab", state=lambda: sessions(server))
    open_the_briefing(first)
    open_the_briefing(second)
    first.press("2")  # ¶1: fact
    second.press("j", "2")  # ¶2: fact
    second.press("k", "3")  # ¶1 too, the paragraph the first tab tagged: claim
    expected = {1: {"fact", "claim"}, 2: {"fact"}, 3: set()}
    wait_until(lambda: tags_on_disk(library_dir, briefing_id) == expected, what=f"the tags {expected} on disk", state=lambda: tags_on_disk(library_dir, briefing_id))
    # Each tab follows the disk: the first shows the tag the second put on ¶2.
    first.wait_for_text("¶2  fact")
    first.close()
    second.close()
    wait_until(lambda: sessions(server) == [], what="the sessions ending with their tabs")
    assert tags_on_disk(library_dir, briefing_id) == expected


def test_each_tab_works_as_the_analyst_its_address_names(browser: Browser, serve, library_dir: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`?analyst=NAME` names the tab's analyst in the briefing's history, and the review screen
    says who tagged; a tab without it works as the user running the server."""
    briefing_id = a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir))
    assert "analyst=NAME" in server.said()
    ada = browser.new_tab(server.url + "?analyst=Ada%20Lovelace")
    wait_until(lambda: len(sessions(server)) == 1, what="Ada's session")
    open_the_briefing(ada)
    ada.press("2")  # ¶1: fact
    ada.wait_for_text("tagged fact by Ada Lovelace")
    plain = browser.new_tab(server.url + "?analyst=")  # clears the name the browser kept
    open_the_briefing(plain)
    plain.press("j", "3")  # ¶2: claim
    wait_until(lambda: len(Desk.open(library_dir).history_of(briefing_id)) >= 3, what="both tags in the history")
    tagged = {(entry.who, entry.detail) for entry in Desk.open(library_dir).history_of(briefing_id) if entry.kind == "tag"}
    assert tagged == {("Ada Lovelace", "fact"), (login_name(), "claim")}, tagged


def test_two_named_analysts_share_a_server_library_in_the_browser(browser: Browser, serve, postgres_url: str, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The team's case: `brief serve --library postgresql://...`, each tab an analyst of its own;
    a tag made in one tab reaches the other, and the history says who made each."""
    desk = Desk.open(postgres_url)
    briefing_id = desk.library.add_article(read_file(sample_path)).id
    desk.library.close()  # type: ignore[attr-defined]
    server = serve(lambda port: [BRIEF, "serve", "--port", str(port), "--library", postgres_url])
    assert postgres_url in server.said()  # as given, not made a folder
    ada = browser.new_tab(server.url + "?analyst=Ada")
    wait_until(lambda: len(sessions(server)) == 1, what="Ada's session")
    bo = browser.new_tab(server.url + "?analyst=Bo")
    open_the_briefing(ada)
    open_the_briefing(bo)
    ada.press("2")  # ¶1: fact
    bo.wait_for_text("tagged fact by Ada")  # Ada's tag, on Bo's screen
    bo.press("j", "3")  # ¶2: claim
    ada.press("j")
    ada.wait_for_text("tagged claim by Bo")

    def tags() -> set[tuple[str, str]]:
        history = Desk.open(postgres_url)
        try:
            return {(entry.who, entry.detail) for entry in history.history_of(briefing_id) if entry.kind == "tag"}
        finally:
            history.library.close()  # type: ignore[attr-defined]

    wait_until(lambda: tags() == {("Ada", "fact"), ("Bo", "claim")}, what="both tags in the history", state=tags)


def test_a_session_ends_when_its_tab_closes_and_keeps_what_was_just_done(browser: Browser, serve, library_dir: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    briefing_id = a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir))
    staying, leaving = browser.new_tab(server.url), browser.new_tab(server.url)
    wait_until(lambda: len(sessions(server)) == 2, what="a session for each tab", state=lambda: sessions(server))
    open_the_briefing(leaving)
    leaving.press("j", "j", "4")  # ¶3: opinion
    leaving.wait_for_text("¶3  opinion")  # the session has it (keys still in the page would be lost with it)
    leaving.close()  # at once: the change may not be on disk yet
    wait_until(lambda: len(sessions(server)) == 1, what="the closed tab's session ending")
    assert tags_on_disk(library_dir, briefing_id)[3] == {"opinion"}
    staying.press()
    staying.wait_for_text("Undo delete")  # the other tab's session goes on


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_stopping_the_server_ends_every_session_once_it_has_saved(browser: Browser, serve, library_dir: Path, sample_path: Path, signum: int) -> None:  # type: ignore[no-untyped-def]
    """The server ends its sessions and waits for them: each saves, or keeps in a recovery file
    what the disk refuses (here another Brief holds the lock), and none is left when it exits."""
    briefing_id = a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir))
    tabs = [browser.new_tab(server.url), browser.new_tab(server.url)]
    wait_until(lambda: len(sessions(server)) == 2, what="a session for each tab")
    open_the_briefing(tabs[0])
    tabs[0].press("2")  # ¶1: fact, saved
    wait_until(lambda: tags_on_disk(library_dir, briefing_id)[1] == {"fact"}, what="the first tag on disk")
    with FileLock(str(library_dir / "library.lock")):
        tabs[0].press("j", "3")  # ¶2: claim, which the disk cannot take while the lock is held
        tabs[0].wait_for_text("NOT SAVED")
        server.process.send_signal(signum)  # the server alone, not its process group
        assert server.process.wait(timeout=60) == 0, server.said()
        assert server.processes() == []  # at once: the server waited for its sessions
    kept = Desk.open(library_dir).kept_changes()
    assert [(briefing, edit) for rescued in kept for briefing, edit, _ in rescued.items] == [(briefing_id, AddTag(1, "claim"))], kept
    wait_until(lambda: all(tab.session_ended() for tab in tabs), what="the pages saying their session ended")


def test_a_server_killed_leaves_no_session_behind(browser: Browser, serve, library_dir: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir))
    tab = browser.new_tab(server.url)
    wait_until(lambda: len(sessions(server)) == 1, what="the tab's session")
    tab.wait_for_text("imported ")
    server.process.kill()
    server.process.wait(timeout=30)
    wait_until(lambda: server.processes() == [], what="the session ending with the killed server")


def test_with_a_token_the_tab_opens_the_app(browser: Browser, serve, library_dir: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The token in the address lets the page in; the cookie it leaves carries it to the page's
    scripts and the websocket, whose address has no token."""
    a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir, "--host", "0.0.0.0", "--token", TOKEN), page=f"?token={TOKEN}")
    assert f"http://127.0.0.1:{server.url.split(':')[2].split('/')[0]}/?token={TOKEN}" in server.said()
    tab = browser.new_tab(server.url)
    open_the_briefing(tab)
    assert len(sessions(server)) == 1


def test_a_tab_closed_while_the_disk_refuses_keeps_its_change_for_later(browser: Browser, serve, library_dir: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Closing the tab tells the session to exit at once, not as `q` does: what the disk has not
    taken yet (another Brief holds the library's lock) goes to a recovery file, offered back."""
    briefing_id = a_library_with_one_briefing(library_dir, sample_path)
    server = serve(brief_serve(library_dir))
    tab = browser.new_tab(server.url)
    open_the_briefing(tab)
    lock = FileLock(str(library_dir / "library.lock"))
    with lock:
        tab.press("4")  # ¶1: opinion, which cannot be saved while the lock is held
        tab.wait_for_text("NOT SAVED")
        tab.close()
        wait_until(lambda: sessions(server) == [], what="the session ending with its tab")
    kept = Desk.open(library_dir).kept_changes()
    assert [(briefing, edit) for rescued in kept for briefing, edit, _ in rescued.items] == [(briefing_id, AddTag(0, "opinion"))], kept
    assert tags_on_disk(library_dir, briefing_id)[1] == set()
