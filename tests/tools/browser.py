"""Headless Chromium for served sessions: open a tab on a served app, press keys, read its screen.

The driver is Playwright's Python package, launching Debian's Chromium (`/usr/bin/chromium`, found
on the PATH) with the switches every headless run here uses (tests/tools/screenshot_export.py):
Playwright's own browser download (`playwright install`) is never used, so nothing is fetched.
Playwright gives each launch a new temporary profile and removes it on close, and its driver
process ends the browser if the test process dies.

Reading the screen. textual-serve's page draws the terminal with xterm.js on a canvas, so neither
the DOM nor the accessibility tree holds the text, and its client keeps the xterm.js Terminal in
a closure, not in a global. The DevTools protocol finds it without changing the page:
`Runtime.queryObjects` lists the page's objects, and textual-serve's client is the one holding
`terminal` and `websocket_url`. The Terminal's buffer is the grid of cells the canvas shows
(`buffer.active.getLine(y).translateToString()`), which `Tab.lines` returns row by row.

The sync API marks its event loop as running on the calling thread while it is started, so a
Browser belongs to one test (the `browser` fixture is function-scoped), never to a session.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from tests.tools.screenshot_export import CHROMIUM_FLAGS, chromium

INSTALL_HINT = "install Debian's chromium (`apt-get install chromium`), or run `make test` as root, which installs it"
TIMEOUT = 30.0
"""Seconds a tab waits for the page, the app or a text: a served app is a new process per tab."""

_FIND_TERMINAL = """function () {
    const clients = this.filter(o => o && typeof o.websocket_url === "string" && o.terminal && o.terminal.buffer);
    if (clients.length === 1) window.__servedTerminal = clients[0].terminal;
    return clients.length;
}"""
_LINES = """() => {
    const terminal = window.__servedTerminal;
    if (!terminal) return null;
    const buffer = terminal.buffer.active, lines = [];
    for (let y = 0; y < terminal.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        lines.push(line ? line.translateToString(true) : "");
    }
    return lines;
}"""
_SHOWS = f"""(text) => {{ const lines = ({_LINES})(); return lines !== null && lines.join("\\n").includes(text); }}"""


class ChromiumMissing(RuntimeError):
    """Chromium is not on this machine; the message says what to install."""


class Tab:
    """One browser tab on a served app: with textual-serve, a session (an app process) of its own."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, url: str, timeout: float = TIMEOUT) -> None:
        """Load the page and wait until the app has drawn on its terminal."""
        self.page.goto(url, timeout=timeout * 1000)
        # textual-serve's client marks the body once the app's first output arrived.
        self.page.wait_for_selector("body.-first-byte", state="attached", timeout=timeout * 1000)
        self._find_terminal()

    def lines(self) -> list[str]:
        """The terminal's rows as the page shows them, trailing blanks removed."""
        lines = self.page.evaluate(_LINES)
        if lines is None:
            raise AssertionError(f"no terminal on the page; it says: {self.page_text()!r}")
        return [line.rstrip() for line in lines]

    def screen(self) -> str:
        return "\n".join(self.lines())

    def wait_for_text(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until `text` is on the terminal's screen; fail showing the screen if it never is."""
        try:
            self.page.wait_for_function(_SHOWS, arg=text, timeout=timeout * 1000)
        except PlaywrightError:
            raise AssertionError(f"{text!r} not on the screen after {timeout:.0f} s; it shows:\n{self._shown()}") from None

    def press(self, *keys: str) -> None:
        """Press keys as a person would, each one by Playwright's name: "x", "Enter", "Escape",
        "ArrowDown", "Control+r"... They reach the terminal, which sends them to the app."""
        self._focus_terminal()
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        """Type text, one key per character."""
        self._focus_terminal()
        self.page.keyboard.type(text)

    def page_text(self) -> str:
        """The page's own text outside the terminal, such as textual-serve's "Session ended."."""
        return self.page.inner_text("body")

    def session_ended(self) -> bool:
        """Whether textual-serve's client shows that the app's session is over."""
        return bool(self.page.evaluate("document.body.classList.contains('-closed')"))

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))

    def close(self) -> None:
        self.page.close()

    def _find_terminal(self) -> None:
        cdp = self.page.context.new_cdp_session(self.page)
        try:
            prototype = cdp.send("Runtime.evaluate", {"expression": "Object.prototype", "objectGroup": "served"})
            objects = cdp.send(
                "Runtime.queryObjects", {"prototypeObjectId": prototype["result"]["objectId"], "objectGroup": "served"}
            )
            found = cdp.send(
                "Runtime.callFunctionOn",
                {"objectId": objects["objects"]["objectId"], "functionDeclaration": _FIND_TERMINAL, "returnByValue": True},
            )
            cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "served"})
        finally:
            cdp.detach()
        count = found["result"].get("value")
        if count != 1:
            raise AssertionError(f"expected one textual-serve terminal on the page, found {count}")

    def _focus_terminal(self) -> None:
        self.page.focus("textarea.xterm-helper-textarea")

    def _shown(self) -> str:
        try:
            return self.screen()
        except AssertionError as error:
            return str(error)


class Browser:
    """Headless Chromium with one window; each `new_tab` is a tab in it (tabs share cookies, as
    one person's tabs do)."""

    def __init__(self, width: int = 1200, height: int = 800) -> None:
        command = chromium()
        if command is None:
            raise ChromiumMissing(f"chromium was not found on the PATH: {INSTALL_HINT}")
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=command,
                headless=True,  # Playwright adds --headless itself
                args=[flag for flag in CHROMIUM_FLAGS if flag != "--headless"],
            )
            self._context = self._browser.new_context(viewport={"width": width, "height": height})
        except BaseException:
            self._playwright.stop()
            raise

    def new_tab(self, url: str, timeout: float = TIMEOUT) -> Tab:
        """A new tab on a served app's page, once the app has drawn."""
        tab = Tab(self._context.new_page())
        tab.open(url, timeout)
        return tab

    def close(self) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()
