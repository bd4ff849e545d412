"""Run one test again as an unprivileged user, for what root is exempt from (a folder made read-only
with chmod stops every user but root from writing in it). Used when the suite runs as root, as it
does in CI, so that such a test runs there instead of skipping."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The user and group the test runs as: Debian's `nobody` and `nogroup`.
NOBODY = 65534


def run_as_nobody(node_id: str) -> subprocess.CompletedProcess[str]:
    """Run the test `node_id` (as pytest names it) in a pytest session of its own as `nobody`, with
    a temporary folder that user owns; returns what it said. Nothing is written in the project
    (no cache, no bytecode)."""
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "setpriv (util-linux) is needed to run a test as an unprivileged user"
    scratch = Path(tempfile.mkdtemp(prefix="brief-nobody-"))
    try:
        os.chown(scratch, NOBODY, NOBODY)
        environment = {**os.environ, "HOME": str(scratch), "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(scratch)}
        return subprocess.run(
            [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-m", "pytest", "-q",
             "-p", "no:cacheprovider", "-p", "no:xdist", f"--basetemp={scratch / 'pytest'}", node_id],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=240, check=False,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
