"""Start-up time of `brief` in a real terminal, beside a bare Textual app measured in the same run.

For each case the command is started in a detached tmux session and the screen is polled until
the article text appears (first paint) and until the actors pane shows its count (panes filled).
The CPU time the process had used when the article was seen is read too (from /proc, in ticks of
10 ms): on a machine shared with other work, wall time stretches with the load, CPU time much less.

Cases:
    bare      the reference: a Textual app that paints one line.
    modules   the same app after importing the modules Brief needs for its first frame: the
              floor for any Brief screen, apart from reading, opening and drawing anything.
    cold      `brief open SAMPLE` on a new library: import, and extraction computed (spaCy loaded).
    cached    `brief open SAMPLE` on a library that has the article and its extraction cached.

Run: .venv/bin/python -m benchmarks.startup [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
BRIEF = Path(sys.executable).parent / "brief"
PAINTED = "The Telegraph UK 25 March 2015"
FILLED = re.compile(r"Actors \d+")
#: What `brief open SAMPLE --library DIR` imports before its first frame (the rest of what it
#: loads, they import): the entry point's short way to the app (no click), the reader, the app
#: and the screen that draws the article from the file; the store, the desk and the review screen
#: come after it, in the worker that opens the library (`tests/test_startup_imports.py` checks
#: this list against what a real start has imported when the library starts opening).
FIRST_FRAME_MODULES = ["tui.launch", "tui.starting", "briefings.web.fetching", "store.location", "briefings.readers.plain", "tui.app", "tui.screens.opening"]
#: The aim: the article on screen, extraction cached, within this many times the bare app.
TARGET_RATIO = 1.5


def cpu_seconds(pid: int) -> float:
    """CPU time the process has used so far (user and system, in clock ticks of 10 ms)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_screen(command: list[str], *, wait_filled: bool) -> tuple[float, float | None, float]:
    """Seconds until the article text is on screen and until the panes are filled, and the CPU
    seconds the process had used when the article was seen (less sensitive to other load)."""
    socket = f"brief-bench-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket]
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-x", "160", "-y", "45", "env", "TERM=xterm-256color", *command], check=True)
    pid = int(subprocess.run([*tmux, "display-message", "-p", "#{pane_pid}"], capture_output=True, text=True, check=True).stdout)
    painted = filled = None
    cpu = 0.0
    try:
        deadline = start + 30
        while time.perf_counter() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            now = time.perf_counter() - start
            if painted is None and PAINTED in screen:
                painted = now
                cpu = cpu_seconds(pid)
            if painted is not None and (not wait_filled or FILLED.search(screen)):
                filled = now if wait_filled else None
                break
            time.sleep(0.005)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    if painted is None:
        raise RuntimeError(f"{command} never painted the article")
    return painted, filled, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    bare_text = SAMPLE.read_text(encoding="utf-8").split("\n\n")[1][:120]
    results: dict[str, list[tuple[float, float | None, float]]] = {"bare": [], "modules": [], "cold": [], "cached": []}
    bare_app = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), bare_text]
    with tempfile.TemporaryDirectory() as scratch:
        cached_library = Path(scratch) / "cached"
        # Warm the cache once: the article and its extraction are then in the library.
        time_to_screen([str(BRIEF), "open", str(SAMPLE), "--library", str(cached_library)], wait_filled=True)
        for run in range(arguments.runs):
            results["bare"].append(time_to_screen(bare_app, wait_filled=False))
            results["modules"].append(time_to_screen([*bare_app, "--imports", *FIRST_FRAME_MODULES], wait_filled=False))
            cold_library = Path(scratch) / f"cold-{run}"
            results["cold"].append(time_to_screen([str(BRIEF), "open", str(SAMPLE), "--library", str(cold_library)], wait_filled=True))
            results["cached"].append(time_to_screen([str(BRIEF), "open", str(SAMPLE), "--library", str(cached_library)], wait_filled=True))
    bare = statistics.median(painted for painted, _, _ in results["bare"])
    bare_cpu = statistics.median(cpu for _, _, cpu in results["bare"])
    print(f"Start-up, median of {arguments.runs} runs in tmux (160x45), this machine:")
    print()
    print("| case | article on screen | ratio to bare app | panes filled | CPU to the article | CPU ratio |")
    print("|---|---|---|---|---|---|")
    for case, rows in results.items():
        painted = statistics.median(p for p, _, _ in rows)
        filled_values = [f for _, f, _ in rows if f is not None]
        filled = f"{statistics.median(filled_values) * 1000:.0f} ms" if filled_values else "-"
        cpu = statistics.median(c for _, _, c in rows)
        print(f"| {case} | {painted * 1000:.0f} ms | {painted / bare:.2f}x | {filled} | {cpu * 1000:.0f} ms | {cpu / bare_cpu:.2f}x |")
    cached = statistics.median(painted for painted, _, _ in results["cached"])
    print()
    print(f"Article on screen with its extraction cached: {cached / bare:.2f}x the bare Textual app in this run (target {TARGET_RATIO}x or less).")


if __name__ == "__main__":
    main()
