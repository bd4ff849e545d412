"""The HTML export in a real browser: headless Chromium runs no script from it and shows text literally.

The hostile briefing's text carries `<script>` that would set document.title and replace the body,
`<img onerror=...>` that would do the same, and javascript: links. Chromium loads the exported
file and dumps the DOM after the page has run whatever it could: the title and the body must be
untouched, no script or img element may exist, and the text must be there as text. A control page
with the same script left unescaped proves that this Chromium does run scripts, so the check is
not passing merely because scripts are off.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from briefings.exporters import export
from briefings.exporters.view import one_line
from tests.tools.html_page import Page
from tests.tools.sample_briefing import HOSTILE, hostile_bundle, sample_bundle
from tests.tools.screenshot_export import run_chromium, screenshot

pytestmark = pytest.mark.browser

SCRIPT = "<script>document.title='pwned';document.body.innerHTML='pwned'</script>"


def dump_dom(page: Path, tmp_path: Path) -> str:
    """The DOM Chromium built from a local page, after its scripts (if any) ran."""
    result = run_chromium(page, tmp_path / "profile", "--dump-dom", "--virtual-time-budget=2000")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


def test_chromium_runs_scripts_in_a_plain_page(tmp_path: Path) -> None:
    """The control: the same script, unescaped in a page without a policy, does run."""
    page = tmp_path / "control.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>control</title></head><body><p>text</p>{SCRIPT}</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(page, tmp_path)
    assert "<title>pwned</title>" in dom


def test_hostile_export_runs_no_script_and_shows_the_text(tmp_path: Path) -> None:
    exported = export(hostile_bundle(), "html")
    page = tmp_path / "hostile.html"
    page.write_text(exported, encoding="utf-8")
    dom = Page(dump_dom(page, tmp_path))
    title = f"Title {one_line(HOSTILE)}"
    assert dom.text_by_tag["title"] == [f"{title} — briefing"]  # a script would have made it "pwned"
    assert dom.text_by_tag["h1"] == [title]  # and replaced the body
    assert not {"script", "img", "iframe"} & dom.tags()
    for href in dom.attribute_values("href"):
        assert not href.lower().startswith("javascript:")
    # The browser shows the hostile text, as text, wherever the exported file has it.
    for literal in (
        SCRIPT,
        "<img src=x onerror=\"document.title='pwned'\">",
        "[x](javascript:alert(1))",
        "<javascript:alert(2)>",
        "| pipes |",
        "``` code ``` *em* _em_ &amp;",
        "␛[2J",
    ):
        assert dom.text.count(literal) == Page(exported).text.count(literal) >= 15, literal
    assert "javascript:alert(document.domain)" in dom.text


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_the_sample_and_the_hostile_export(tmp_path: Path) -> None:
    for name, bundle in (("sample", sample_bundle()), ("hostile", hostile_bundle())):
        output = tmp_path / f"{name}.png"
        screenshot(export(bundle, "html"), output, 900, 1200)
        assert _png_size(output) == (900, 1200)
        assert output.stat().st_size > 20_000  # a rendered page, not a blank image
