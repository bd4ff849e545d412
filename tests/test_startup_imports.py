"""Start-up: the first frame of `brief open FILE` imports only what it draws (issue 14, point 6).

The modules `benchmarks.startup` names as the first frame's are imported in a fresh interpreter;
what only a later key, a command or a worker after the first paint needs must not come with them.
The time itself is measured in `benchmarks/startup.py`, not here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.startup import FIRST_FRAME_MODULES

pytestmark = pytest.mark.unit

#: Modules the first frame does not draw with, and where each is imported instead.
NOT_IN_THE_FIRST_FRAME = {
    "store.feeds": "the feeds and the inbox (a method of the library)",
    "store.similar": "the same story twice (looked for after the article is painted)",
    "briefings.similarity": "the same story twice",
    "briefings.exporters.html": "an export",
    "briefings.exporters.markdown": "an export",
    "briefings.exporters.json_export": "an export",
    "tui.widgets.panes": "the side panes (mounted after the first frame)",
    "tui.widgets.footer": "the footer (mounted after the first frame)",
}


def first_frame_modules() -> set[str]:
    code = f"import importlib, sys\nfor name in {FIRST_FRAME_MODULES!r}: importlib.import_module(name)\nprint('\\n'.join(sys.modules))"
    return set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())


def test_the_first_frame_imports_nothing_it_does_not_draw() -> None:
    loaded = first_frame_modules()
    assert {"tui.screens.review", "store.folder"} <= loaded  # the check itself imported them
    assert sorted(name for name in NOT_IN_THE_FIRST_FRAME if name in loaded) == []
