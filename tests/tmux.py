"""Drive a real terminal: run a command in a detached tmux session, type, and read the screen.

Used by the end-to-end tests, which run the installed `brief` exactly as a user would. Each
session has its own tmux server socket, so tests never touch the user's tmux.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest


def require_tmux() -> str:
    """The tmux executable, or fail the test saying what to install (CI has tmux: these tests never skip)."""
    path = shutil.which("tmux")
    if path is None:
        pytest.fail("tmux is not installed: install Debian's tmux (`apt-get install tmux`), or run `make test` as root, which installs it", pytrace=False)
    return path


class TmuxSession:
    """One detached tmux session of a fixed size running one command."""

    def __init__(self, command: list[str], *, width: int = 140, height: int = 40, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.tmux = require_tmux()
        self.socket = f"brief-test-{uuid.uuid4().hex[:8]}"
        self.name = "brief"
        environment = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8", **(env or {})}
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
        shell_command = f"cd {shlex.quote(str(cwd or os.getcwd()))} && env -u COLUMNS -u LINES {exports} {shlex.join(command)}; echo '[exited '$?']'; sleep 600"
        self._run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), shell_command)

    def _run(self, *args: str) -> str:
        result = subprocess.run([self.tmux, "-L", self.socket, *args], capture_output=True, text=True, check=True)
        return result.stdout

    def send(self, *keys: str) -> None:
        """Press keys (tmux key names such as Enter, Escape, Tab, C-r, or literal text)."""
        for key in keys:
            self._run("send-keys", "-t", self.name, key)
            # Keys come at a person's pace. A lone ESC is told apart from the start of an escape
            # sequence (Alt+key) by a pause, as in any terminal program; a focus move (Tab) is
            # given time to land before the next key, as a person would look first.
            time.sleep(0.3 if key in ("Escape", "Tab", "BTab") else 0.05)

    def type(self, text: str) -> None:
        """Type literal text."""
        self._run("send-keys", "-t", self.name, "-l", text)

    def resize(self, width: int, height: int) -> None:
        """Resize the terminal, as a user dragging the window's corner."""
        self._run("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def screen(self) -> str:
        """The visible screen as text."""
        return self._run("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Wait until `text` is on screen; fail with the screen's content if it never comes."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; the screen was:\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = 30.0) -> str:
        """Wait until `text` is no longer on screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} was still on screen after {timeout}s:\n{screen}")

    def close(self) -> None:
        """Kill the session and its server."""
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True)

    def __enter__(self) -> TmuxSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
