"""Run every benchmark in turn: `python -m benchmarks` (or `make benchmarks`).

Each one prints its own figures and its reference measured in the same run. Those that read
`../shared/eval/` say so and stop when it is absent.
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = (
    "benchmarks.startup",
    "benchmarks.keys",
    "benchmarks.panes",
    "benchmarks.store",
    "benchmarks.library_scale",
    "benchmarks.import_throughput",
    "benchmarks.extraction_eval",
    "benchmarks.html_extraction",
    "benchmarks.boilerplate_eval",
    "benchmarks.durability",
    "benchmarks.faults",
    "benchmarks.terminal_close",
    "benchmarks.hostile_import",
    "benchmarks.postgres_screen",
)


def main() -> int:
    failed = []
    for module in BENCHMARKS:
        print(f"\n=== {module} ===", flush=True)
        if subprocess.run([sys.executable, "-m", module]).returncode != 0:
            failed.append(module)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
