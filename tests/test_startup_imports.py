"""Start-up: the first frame of `brief open FILE` imports only what it draws (issue 14, point 6).

The modules `benchmarks.startup` names as the first frame's are imported in a fresh interpreter;
what only a later key, a command or a worker after the first paint needs must not come with them.
The list itself is checked against a real start: what Brief has imported at the moment the
library starts opening, which is after the first frame. The time is measured in
`benchmarks/startup.py`, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.startup import FIRST_FRAME_MODULES, SAMPLE

pytestmark = pytest.mark.unit

#: Modules the first frame does not draw with, and where each is imported instead.
NOT_IN_THE_FIRST_FRAME = {
    "click": "the command line, for anything but the plain `brief open FILE` (see `tui.launch`)",
    "tui.cli": "the command line",
    "store.desk": "the desk, imported by the worker that opens the library after the first frame",
    "store.folder": "the library folder, opened after the first frame",
    "store.library": "the library folder",
    "store.queue": "the save queue, started once the library is open",
    "tinydb": "the library folder's files",
    "filelock": "the library's lock",
    "briefings.edits": "changes, made once the review screen is there",
    "tui.screens.review": "the review screen, which takes the first frame's place once the library is open",
    "tui.search": "finding in the article, on the review screen",
    "store.feeds": "the feeds and the inbox (a method of the library)",
    "store.similar": "the same story twice (looked for after the article is painted)",
    "briefings.similarity": "the same story twice",
    "briefings.exporters.html": "an export",
    "briefings.exporters.markdown": "an export",
    "briefings.exporters.json_export": "an export",
    "tui.widgets.panes": "the side panes (mounted after the first frame)",
    "tui.widgets.footer": "the footer (mounted after the first frame)",
}

#: Run in a fresh interpreter: `brief open SAMPLE --library DIR` through the entry point, headless,
#: up to the moment the library starts opening (the first frame is drawn by then), printing
#: whether the article's first line was on screen and Brief's own modules imported so far.
REAL_START = """
import sys
import tui.app
first_line = sys.argv[3]
sys.argv = ["brief", "open", sys.argv[1], "--library", sys.argv[2]]
class FirstFrameOnly(tui.app.BriefApp):
    def run(self, **kwargs):
        return super().run(headless=True, size=(140, 40), **kwargs)
    def _open_library(self):
        text = "\\n".join(strip.text for strip in self.screen._compositor.render_strips())
        print(first_line in text)
        print("\\n".join(sorted(sys.modules)), flush=True)
        self.exit()
tui.app.BriefApp = FirstFrameOnly
from tui.launch import main
main()
"""


def own(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in {"briefings", "store", "tui", "click", "tinydb", "filelock"}}


def first_frame_modules() -> set[str]:
    code = f"import importlib, sys\nfor name in {FIRST_FRAME_MODULES!r}: importlib.import_module(name)\nprint('\\n'.join(sys.modules))"
    return set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())


def test_the_first_frame_imports_nothing_it_does_not_draw() -> None:
    loaded = first_frame_modules()
    assert {"tui.screens.opening", "tui.app", "briefings.readers.plain"} <= loaded  # the check itself imported them
    assert sorted(name for name in NOT_IN_THE_FIRST_FRAME if name in loaded) == []


def test_the_benchmark_names_what_a_real_start_imports_before_its_first_frame(tmp_path: Path) -> None:
    first_line = SAMPLE.read_text(encoding="utf-8").split("\n\n")[1][:40]
    run = subprocess.run(
        [sys.executable, "-c", REAL_START, str(SAMPLE), str(tmp_path / "library"), first_line], capture_output=True, text=True, check=True, timeout=120
    )
    painted, *modules = run.stdout.split()
    assert painted == "True", "the article was not on screen when the library started opening"
    assert own(set(modules)) == own(first_frame_modules())
