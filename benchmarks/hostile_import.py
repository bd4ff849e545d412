"""How long `brief import` takes on each input of the hostile corpus (tests/tools/hostile.py):
every input must be imported or refused, in one line, within the bound the README states.

Each input is imported alone, by the installed `brief`, into a new library, with extraction and
the default extraction limit, as an analyst would run it.

Run: .venv/bin/python -m benchmarks.hostile_import [--bound 60]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tools.hostile import build  # noqa: E402

BRIEF = str(Path(sys.executable).parent / "brief")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bound", type=float, default=60.0, help="Seconds within which each input must be done.")
    args = parser.parse_args()
    slowest = 0.0
    over = []
    with tempfile.TemporaryDirectory(prefix="brief-hostile-") as folder:
        corpus = build(Path(folder) / "corpus")
        for number, (name, path) in enumerate(corpus.items()):
            started = time.monotonic()
            try:
                result = subprocess.run(
                    [BRIEF, "import", str(path), "--library", str(Path(folder) / f"library-{number}")],
                    capture_output=True, text=True, timeout=args.bound * 3,
                )
                outcome = _outcome(result.returncode, result.stderr)
            except subprocess.TimeoutExpired:
                outcome = "STILL RUNNING (killed)"
            seconds = time.monotonic() - started
            slowest = max(slowest, seconds)
            if seconds > args.bound or outcome.startswith("STILL") or "Traceback" in outcome:
                over.append(name)
            print(f"{seconds:7.2f} s  {name:<26} {outcome}", flush=True)
    print(f"\n{len(corpus)} inputs; slowest {slowest:.1f} s; over the {args.bound:.0f} s bound or unanswered: {len(over)}" + (f" ({', '.join(over)})" if over else ""))
    return 1 if over else 0


def _outcome(code: int, stderr: str) -> str:
    lines = [" ".join(line.split()) for line in stderr.splitlines() if line.strip()]
    if "Traceback (most recent call last):" in stderr:
        return "Traceback"
    failed = [line for line in lines if line.startswith("failed:")]
    if failed:
        return failed[0].split(": ", 2)[-1][:90]
    extra = [line for line in lines if line.startswith(("not extracted:", "Extracted"))]
    summary = next((line for line in lines if " imported, " in line), lines[0][:90] if lines else f"exit {code}")
    return summary + ("; " + extra[0][:60] if extra else "")


if __name__ == "__main__":
    sys.exit(main())
