"""The browser rig works: an app served with textual-serve, opened in headless Chromium, answers
keys pressed in the page, each tab is a session of its own, and nothing outlives the test.

`brief serve` is tested on this ground (tests/tools/browser.py, tests/tools/served.py); the app
served here is the smallest one that shows a key arriving (tests/tools/served_counter.py).
"""

from __future__ import annotations

import pytest

import shlex
import sys
import time
from pathlib import Path

from tests.tools.browser import Browser
from tests.tools.hangups import processes_using
from tests.tools.inner_pytest import run_pytest
from tests.tools.served import textual_serve_argv

pytestmark = pytest.mark.browser

COUNTER = Path(__file__).resolve().parent / "tools" / "served_counter.py"
SERVE_COUNTER = textual_serve_argv(f"{shlex.quote(sys.executable)} {shlex.quote(str(COUNTER))}")


def _counters() -> list[int]:
    """The served counter apps running now: those running the script itself, not the shell or
    the server whose command line names it."""
    found = []
    for pid in processes_using(COUNTER):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(COUNTER).encode() in argv:
            found.append(pid)
    return found


def _wait_until(condition, timeout: float = 30) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return bool(condition())


def test_a_key_pressed_in_the_page_reaches_the_app_and_its_answer_the_screen(browser: Browser, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(SERVE_COUNTER)
    tab = browser.new_tab(server.url)
    tab.wait_for_text("presses: 0")
    assert tab.lines()[:2] == ["presses: 0", "last key: none"]
    tab.press("x")
    tab.wait_for_text("presses: 1")
    tab.press("Escape")
    tab.wait_for_text("last key: escape")
    tab.type("xx")
    tab.wait_for_text("presses: 3")
    assert "presses: 3\nlast key: x" in tab.screen()


def test_each_tab_is_a_session_of_its_own_and_closing_it_ends_that_session(browser: Browser, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(SERVE_COUNTER)
    first, second = browser.new_tab(server.url), browser.new_tab(server.url)
    first.press("x", "x")
    second.press("x")
    first.wait_for_text("presses: 2")
    second.wait_for_text("presses: 1")
    assert _wait_until(lambda: len([pid for pid in _counters() if pid in server.processes()]) == 2)
    first.close()
    assert _wait_until(lambda: len([pid for pid in _counters() if pid in server.processes()]) == 1)
    second.press("x")
    second.wait_for_text("presses: 2")


def test_stopping_the_server_ends_every_session(browser: Browser, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(SERVE_COUNTER)
    tab = browser.new_tab(server.url)
    tab.wait_for_text("presses: 0")
    assert len(server.processes()) >= 2  # the server and the app of the tab
    server.stop()
    assert server.processes() == []
    assert _wait_until(tab.session_ended)


def test_without_chromium_a_browser_test_fails_saying_what_to_install(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, "def test_needs_a_browser(browser):\n    pass\n", ["browser"], PATH=str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout and "skipped" not in result.stdout
    assert "apt-get install chromium" in result.stdout
