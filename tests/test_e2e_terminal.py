"""End to end in a real terminal: small and large windows, and `brief` from the shell (issue 13,
points 9 and 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.tmux import TmuxSession, require_tmux

pytestmark = pytest.mark.e2e

BRIEF = str(Path(sys.executable).parent / "brief")
DATELINE = "The Telegraph UK 25 March 2015"


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_tmux()


def test_at_80x24_help_quit_and_every_tag_are_on_screen_and_the_layout_follows_a_resize(library_dir: Path) -> None:
    with TmuxSession([BRIEF, "--library", str(library_dir)], width=80, height=24) as term:
        term.wait_for(DATELINE)
        term.wait_for("follow-up")  # the legend's last tag
        screen = term.wait_for("q Quit")
        footer = screen.rstrip("\n").splitlines()[-1]
        assert "? Help" in footer and "q Quit" in footer, screen
        for name in ("key judgment", "background", "military", "sourcing concern", "follow-up"):
            assert name in screen, name
        term.wait_for("Actors ")
        term.send("z")  # the panes go, the article takes the width
        screen = term.wait_until_gone("Actors ")
        term.send("z")
        term.wait_for("Actors ")
        term.resize(220, 60)
        screen = term.wait_for("Iran ‘taking part in joint military operations in Iraq’")  # the whole title fits now
        article = [line.split("││")[0].strip("│▌ ") for line in screen.splitlines()[2:20] if "││" in line]
        assert 80 <= max(map(len, article)) <= 100, screen  # the article at a readable measure
        term.send("q")
        term.wait_for("[exited 0]")


def test_make_install_puts_brief_on_the_path_and_says_when_its_folder_is_not(tmp_path: Path) -> None:
    """`make link` (what `make install` and `make run` do after installing) links the venv's
    `brief` into BIN_DIR; a shell with that folder on its PATH runs `brief`."""
    assert (ROOT / ".venv" / "bin" / "brief").exists(), "needs the project's .venv: run the tests with `make test`, which creates it"
    bin_dir = tmp_path / "bin"
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "link", f"BIN_DIR={bin_dir}"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f"brief is linked in {bin_dir}" in result.stdout
    assert f"{bin_dir} is not on your PATH" in result.stdout and f'export PATH="{bin_dir}:$PATH"' in result.stdout
    assert (bin_dir / "brief").resolve() == (ROOT / ".venv" / "bin" / "brief").resolve()
    # On the PATH, it says nothing more; a file of that name that is not a link is left alone.
    quiet = subprocess.run(["make", "-s", "-C", str(ROOT), "link", f"BIN_DIR={bin_dir}"], capture_output=True, text=True, env={**env, "PATH": f"{bin_dir}:/usr/bin:/bin"})
    assert "not on your PATH" not in quiet.stdout
    other = tmp_path / "other"
    other.mkdir()
    (other / "brief").write_text("#!/bin/sh\necho mine\n", encoding="utf-8")
    kept = subprocess.run(["make", "-s", "-C", str(ROOT), "link", f"BIN_DIR={other}"], capture_output=True, text=True, env=env)
    assert "is not a link to Brief: left as it is" in kept.stdout and (other / "brief").read_text(encoding="utf-8").endswith("mine\n")
    # A shell finds it by name.
    with TmuxSession(["sh", "-c", "brief --version"], env={"PATH": f"{bin_dir}:/usr/bin:/bin"}, cwd=tmp_path) as term:
        term.wait_for("brief 0.1.0")
        term.wait_for("[exited 0]")
