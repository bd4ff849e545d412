"""Write a PNG screenshot of the sample briefing's HTML export, for the README.

Usage (from the project folder):

    .venv/bin/python tests/tools/screenshot_export.py docs/export.png [--width 1100] [--height 1600]

Needs Debian's `chromium` on PATH. Chromium runs headless with networking features off and a
throw-away profile; the page itself loads nothing (see briefings/exporters/html.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, the project is not on the path
    sys.path.insert(0, str(ROOT))

from briefings.exporters import export  # noqa: E402
from tests.tools.sample_briefing import sample_bundle  # noqa: E402

#: The switches every headless run uses: no sandbox (CI runs as root), nothing fetched in the background.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str | None:
    """The Chromium command on PATH, if any."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(page: Path, profile: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local page with a throw-away profile; `args` choose the output."""
    command = chromium()
    if command is None:
        raise FileNotFoundError("chromium is not installed")
    return subprocess.run(
        [command, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def screenshot(html: str, output: Path, width: int, height: int) -> None:
    """Render `html` in headless Chromium and write a PNG of the first `width` x `height` pixels."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        result = run_chromium(
            page, Path(folder) / "profile", f"--screenshot={output.resolve()}", f"--window-size={width},{height}"
        )
    if not output.is_file():
        raise RuntimeError(f"chromium wrote no screenshot: {result.stderr.strip()[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=1600)
    options = parser.parse_args()
    if chromium() is None:
        print("chromium not installed; on Debian: apt-get install -y chromium", file=sys.stderr)
        return 1
    options.output.parent.mkdir(parents=True, exist_ok=True)
    screenshot(export(sample_bundle(), "html"), options.output, options.width, options.height)
    print(options.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
