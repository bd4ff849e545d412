"""The line-API article view, on its own: cursor keys, layout, highlights, hostile text."""

from __future__ import annotations

import pytest

from textual.app import App, ComposeResult

from briefings.briefing import Annotation
from briefings.model import make_paragraphs
from briefings.taxonomy import DEFAULT_TAGS
from tui.widgets.article_view import ArticleView, Highlight

pytestmark = pytest.mark.app


class Host(App[None]):
    def __init__(self, texts: list[str], annotations: dict[int, Annotation] | None = None) -> None:
        super().__init__()
        self.paragraphs = make_paragraphs(texts)
        self.annotations = annotations or {}
        self.moves: list[int] = []

    def compose(self) -> ComposeResult:
        yield ArticleView()

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.load(self.paragraphs, lambda i: self.annotations.get(i, Annotation()), DEFAULT_TAGS)
        view.focus()

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        self.moves.append(message.index)


def screen_lines(view: ArticleView) -> list[str]:
    return ["".join(segment.text for segment in view.render_line(y)) for y in range(view.size.height)]


async def test_keys_move_the_cursor_and_post_messages() -> None:
    app = Host([f"Paragraph number {n}." for n in range(50)])
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("j", "j", "down")
        assert view.cursor == 3
        await pilot.press("k")
        assert view.cursor == 2
        await pilot.press("G")
        assert view.cursor == 49
        assert any("Paragraph number 49." in line for line in screen_lines(view))
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("pagedown")
        assert view.cursor > 0
        await pilot.pause()
        assert app.moves[:3] == [1, 2, 3]


async def test_cursor_paragraph_is_marked_and_tags_are_shown_by_name() -> None:
    annotations = {1: Annotation(tags=frozenset({"fact", "military"}), note="check this", reviewed=True)}
    app = Host(["First paragraph.", "Second paragraph."], annotations)
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("j")
        lines = screen_lines(view)
        header = next(line for line in lines if "¶2" in line)
        assert header.startswith("▌")
        assert "fact" in header and "military" in header and "✓" in header
        assert any("✎ check this" in line for line in lines)
        first_header = next(line for line in lines if "¶1" in line)
        assert not first_header.startswith("▌")


async def test_long_paragraphs_wrap_to_the_width_without_losing_words() -> None:
    text = " ".join(f"word{n}" for n in range(200))
    app = Host([text])
    async with app.run_test(size=(40, 60)):
        view = app.query_one(ArticleView)
        lines = [line.rstrip() for line in screen_lines(view)]
        assert all(len(line) <= view.size.width for line in lines)
        shown = " ".join(line[2:].strip() for line in lines[1:] if line.strip())
        assert "word0" in shown and "word199" in shown


async def test_markup_in_article_text_is_shown_literally() -> None:
    hostile = "[/foo] [Reuters] [@click=app.quit]quit[/] [bold]not bold[/bold]"
    app = Host([hostile])
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        assert any(hostile in line for line in screen_lines(app.query_one(ArticleView)))
        assert app.is_running


async def test_filter_and_highlights() -> None:
    app = Host([f"Paragraph {n} mentions Iran." for n in range(10)])
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.set_filter([2, 5, 7])
        await pilot.pause()
        assert view.cursor == 2
        await pilot.press("j")
        assert view.cursor == 5
        view.set_highlights({5: [Highlight(21, 25, "mention")]})
        await pilot.pause()
        line = next(view.render_line(y) for y in range(view.size.height) if "Paragraph 5" in "".join(s.text for s in view.render_line(y)))
        styled = [segment for segment in line if segment.text == "Iran"]
        assert styled and styled[0].style != line._segments[1].style
        view.set_filter(None)
        await pilot.pause()
        assert view.visible == list(range(10))
        assert view.cursor == 5


async def test_the_first_frame_already_shows_the_article() -> None:
    """The view is loaded on mount, before its size is known; the first frame must not be blank."""
    first_frame: list[str] = []

    class RecordingView(ArticleView):
        def render_line(self, y: int):  # type: ignore[no-untyped-def]
            strip = super().render_line(y)
            if len(first_frame) < self.size.height:
                first_frame.append(strip.text)
            return strip

    class FirstFrameHost(Host):
        def compose(self) -> ComposeResult:
            yield RecordingView()

    app = FirstFrameHost(["Opening words of the article.", "Second paragraph."])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
    assert any("Opening words of the article." in line for line in first_frame)
