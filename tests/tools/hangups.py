"""Close Brief's terminal at a random moment, in one of the states Brief can be in, and check that
the process ends within a few seconds and that nothing it acknowledged is lost.

Used by `tests/test_terminal_gone.py` (a few runs of each state) and by
`benchmarks/terminal_close.py` (200 runs). Each run drives the installed `brief` as a person
would: in a tmux terminal, waiting for the title to say "saved" before counting a change as
acknowledged; a served session runs it as textual-serve does, with Textual's web driver on pipes,
and "closes the terminal" by closing them.

States:
    idle        the review screen, a change saved, nothing happening
    quitting    `q` pressed just before the terminal goes
    saving      a change the disk cannot take yet (another Brief holds the library lock): it
                must end up on disk or in a recovery file
    extracting  a new library: the language model is loading and extracting in a worker
    dialog      a note being typed in its editor: it is saved on the way out
    library     the library screen
    served      a served session whose browser went away
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from briefings.edits import AddTag
from store import Library
from store.rescue import STATE_ENV
from tests.tmux import TmuxSession

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
BRIEF = [str(Path(sys.executable).parent / "brief")]
STATES = ("idle", "quitting", "saving", "extracting", "dialog", "library", "served")
#: How long a process may take to end once its terminal is gone before it counts as left behind.
END_WITHIN = 10.0
#: The tags on the keys 1-3 of the default taxonomy.
TAGS = {"1": "key-judgment", "2": "fact", "3": "claim"}


@dataclass
class Run:
    """What one run found."""

    state: str
    delay: float
    ended_after: float | None = None
    """Seconds from closing the terminal to the process being gone; None if it was left behind."""
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    kept_aside: int = 0
    """Changes found in a recovery file rather than on disk."""
    note_saved: bool | None = None
    """For the dialog state: whether the note being typed was saved."""


def processes_using(library: Path) -> list[int]:
    """Process ids whose command line names the library folder."""
    found = []
    needle = str(library).encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if needle in cmdline.read_bytes() and int(cmdline.parent.name) != os.getpid():
                found.append(int(cmdline.parent.name))
        except (OSError, ValueError):
            continue
    return found


def brief_processes(library: Path) -> list[int]:
    """Like `processes_using`, but only Brief itself (not the shell that started it)."""
    found = []
    for pid in processes_using(library):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(os.path.basename(arg) == b"brief" for arg in argv[:2]):
            found.append(pid)
    return found


def make_template(folder: Path) -> Path:
    """A library holding the sample with its extraction cached, copied for each run."""
    library = folder / "template"
    if not library.exists():
        subprocess.run([*BRIEF, "import", str(SAMPLE), "--library", str(library)], check=True, capture_output=True)
    return library


def _title(screen: str) -> str:
    return screen.splitlines()[0] if screen else ""


def _wait(term: TmuxSession, condition, timeout: float = 60.0) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    screen = term.screen()
    while not condition(screen):
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen never got there:\n{screen}")
        time.sleep(0.03)
        screen = term.screen()
    return screen


def _tag_and_wait(term: TmuxSession, key: str, paragraph: int) -> None:
    """Press a tag key on the paragraph under the cursor and wait until the paragraph shows the
    tag and the title says "saved": the change is acknowledged."""
    term.send(key)
    _wait(term, lambda screen: f"¶{paragraph + 1}  {TAGS[key]}" in screen and _title(screen).rstrip().endswith("· saved"))


def run_once(state: str, delay: float, work: Path, template: Path, rng: random.Random) -> Run:
    """One run: set up `state`, close the terminal `delay` seconds later, check the outcome."""
    run = Run(state, delay)
    library = work / "library"
    state_dir = work / "state"
    if state == "extracting":
        library.mkdir(parents=True)  # a new library: nothing cached, the model loads after the first paint
    else:
        shutil.copytree(template, library)
    env = {STATE_ENV: str(state_dir)}
    if state == "served":
        return _served(run, library, env, delay)
    command = [*BRIEF, "--library", str(library)] if state == "library" else [*BRIEF, "open", str(SAMPLE), "--library", str(library)]
    lock: FileLock | None = None
    acknowledged: dict[int, str] = {}
    term = TmuxSession(command, env=env)
    try:
        if state == "library":
            _wait(term, lambda screen: "MESOP" in screen)
        else:
            _wait(term, lambda screen: "reviewed" in _title(screen))
            paragraph = rng.randrange(10)
            term.send(*["j"] * paragraph)
            _tag_and_wait(term, "2", paragraph)
            acknowledged[paragraph] = "fact"
            if state == "saving":
                lock = FileLock(str(library / "library.lock"))
                lock.acquire()
                term.send("3")  # cannot be saved while the lock is held
                _wait(term, lambda screen: f"¶{paragraph + 1}  claim" in screen or f"¶{paragraph + 1}  fact   claim" in screen)
            elif state == "quitting":
                term.send("q")
            elif state == "dialog":
                term.send("a")
                _wait(term, lambda screen: "Note on" in screen)
                term.type("typed as the terminal closed")
                _wait(term, lambda screen: "typed as the terminal closed" in screen)
        time.sleep(delay)
    finally:
        term.close()  # the terminal goes away: its process gets a hang-up
    closed = time.monotonic()
    run.ended_after = _wait_gone(library, closed)
    if lock is not None:
        lock.release()
    if state == "saving":
        acknowledged_or_kept = {paragraph: "claim"}
    else:
        acknowledged_or_kept = {}
    run.acknowledged = len(acknowledged)
    _check(run, library, state_dir, acknowledged, acknowledged_or_kept)
    if state == "dialog":
        briefing = _only_briefing(library)
        run.note_saved = briefing is not None and briefing.annotation(paragraph).note == "typed as the terminal closed"
    return run


def _wait_gone(library: Path, closed: float) -> float | None:
    while processes_using(library):
        if time.monotonic() - closed > END_WITHIN:
            for pid in processes_using(library):
                with_suppressed_kill(pid)
            return None
        time.sleep(0.05)
    return time.monotonic() - closed


def with_suppressed_kill(pid: int) -> None:
    try:
        os.kill(pid, 9)
    except OSError:
        pass


def _only_briefing(library: Path):  # type: ignore[no-untyped-def]
    opened = Library.open(library)
    entries = opened.entries()
    return opened.load(entries[0].id) if entries else None


def _check(run: Run, library: Path, state_dir: Path, acknowledged: dict[int, str], kept_or_saved: dict[int, str]) -> None:
    """Every acknowledged tag on disk; every change that could not be saved on disk or kept."""
    briefing = _only_briefing(library)
    for paragraph, tag in acknowledged.items():
        if briefing is None or tag not in briefing.annotation(paragraph).tags:
            run.lost.append(f"{run.state}: acknowledged tag {tag} on ¶{paragraph + 1} not on disk")
    kept = _kept(state_dir)
    for paragraph, tag in kept_or_saved.items():
        on_disk = briefing is not None and tag in briefing.annotation(paragraph).tags
        if (paragraph, tag) in kept:
            run.kept_aside += 1
        elif not on_disk:
            run.lost.append(f"{run.state}: tag {tag} on ¶{paragraph + 1} neither saved nor kept in a recovery file")


def _kept(state_dir: Path) -> set[tuple[int, str]]:
    from store.rescue import from_doc

    found = set()
    for path in (state_dir / "recovery").glob("recovery-*.json") if (state_dir / "recovery").is_dir() else []:
        for change in json.loads(path.read_text("utf-8"))["changes"]:
            edit = from_doc(change["edit"])
            if isinstance(edit, AddTag):
                found.add((edit.paragraph, edit.tag))
    return found


def _served(run: Run, library: Path, env: dict[str, str], delay: float) -> Run:
    """A served session: Brief on Textual's web driver, its input and output pipes, as
    textual-serve runs it; the browser going away closes them."""
    environment = dict(os.environ, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver", COLUMNS="140", ROWS="40", **env)
    process = subprocess.Popen([*BRIEF, "open", str(SAMPLE), "--library", str(library)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
    seen = b""
    deadline = time.monotonic() + 60
    while b"reviewed" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)  # type: ignore[union-attr]
            if not chunk:
                break
            seen += chunk
    time.sleep(delay)
    process.stdin.close()  # type: ignore[union-attr]
    process.stdout.close()  # type: ignore[union-attr]
    closed = time.monotonic()
    run.ended_after = _wait_gone(library, closed)
    process.wait(timeout=5)
    return run
