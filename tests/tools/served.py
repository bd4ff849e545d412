"""Serve a terminal app in the browser for tests, as `brief serve` will: a web server process on
127.0.0.1 and a free port, one app process per browser tab (textual-serve's model), all ended after.

`ServerProcess.start(argv_for_port)` runs any command that serves HTTP on the port it is given
(this module's own textual-serve runner via `textual_serve_argv`, or later `brief serve --port N`),
waits until its page answers, and `stop` ends it with every app it started: the server leads a
process session of its own, which its apps join, so the whole session is ended and checked empty.

Run as `python -m tests.tools.served --port N COMMAND` it serves COMMAND (a shell command line, as
textual-serve takes it) with textual-serve's own Server, unchanged.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.tools.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
PARENT_ENV = "BRIEF_SERVED_PARENT"
"""The test process's id, given to the textual-serve runner so that it ends with that process."""


def textual_serve_argv(command: str) -> Callable[[int], list[str]]:
    """The argv that serves `command` with textual-serve on a given port."""
    return lambda port: [sys.executable, "-m", "tests.tools.served", "--port", str(port), command]


def session_members(session: int) -> list[int]:
    """Live processes in a process session (zombies excluded)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended while we looked
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@dataclass
class ServerProcess:
    """A running web server process and the URL of its page."""

    process: subprocess.Popen[bytes]
    url: str
    output: Path
    """Where the server's stdout and stderr go, to show when something fails."""

    @classmethod
    def start(cls, argv_for_port: Callable[[int], list[str]], *, page: str = "", retries: int = 3, timeout: float = 60) -> ServerProcess:
        """Start the server on a free port and wait until its page answers. Another process may
        take the free port first (two test workers run side by side): then try a new one.
        `page` follows the port in the URL (such as "?token=..." for a server that needs one)."""
        for attempt in range(retries + 1):
            port = free_port()
            handle, name = tempfile.mkstemp(prefix="brief-served-", suffix=".log")
            process = subprocess.Popen(
                argv_for_port(port),
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT), PARENT_ENV: str(os.getpid())},
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            os.close(handle)
            server = cls(process, f"http://127.0.0.1:{port}/{page}", Path(name))
            if server._wait_until_ready(timeout):
                return server
            said = server.said()
            server.stop()
            if "address already in use" not in said.lower() or attempt == retries:
                raise RuntimeError(f"the server did not start ({' '.join(argv_for_port(port))}):\n{said}")
        raise AssertionError("unreachable")

    def said(self) -> str:
        """What the server printed so far."""
        try:
            return self.output.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def processes(self) -> list[int]:
        """The server and the apps it runs."""
        return session_members(self.process.pid)

    def stop(self, grace: float = 10) -> None:
        """SIGTERM to the server and its apps, SIGKILL to whatever is left after `grace` seconds."""
        for signum in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + grace
            while (self.process.poll() is None or self.processes()) and time.monotonic() < deadline:
                time.sleep(0.05)
            if self.process.poll() is not None and not self.processes():
                break
        self.process.wait(timeout=grace)
        self.output.unlink(missing_ok=True)

    def _wait_until_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as answer:
                    if answer.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        return False


def _end_with_parent(parent: int) -> None:
    """Ask Linux to send us SIGTERM when the process that started us dies (even by SIGKILL), so
    that a served test app never outlives its test run."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before we asked
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a Textual app's command with textual-serve on 127.0.0.1.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("command", help="the shell command that runs the app")
    options = parser.parse_args()
    if parent := os.environ.get(PARENT_ENV):
        _end_with_parent(int(parent))
    from textual_serve.server import Server

    Server(options.command, host="127.0.0.1", port=options.port, title="served by the tests").serve()


if __name__ == "__main__":
    main()
