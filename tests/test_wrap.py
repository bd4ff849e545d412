"""Word wrapping by offsets for the article view."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.wrap import wrap_offsets

pytestmark = pytest.mark.unit


def lines_of(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap_offsets(text, width)]


def test_short_text_is_one_line() -> None:
    assert lines_of("hello world", 40) == ["hello world"]


def test_breaks_at_spaces_and_drops_the_break_space() -> None:
    assert lines_of("aaa bbb ccc ddd", 7) == ["aaa bbb", "ccc ddd"]


def test_long_word_is_broken_hard() -> None:
    assert lines_of("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_empty_text_is_one_empty_line() -> None:
    assert wrap_offsets("", 10) == [(0, 0)]


def test_runs_of_spaces_do_not_start_a_line() -> None:
    assert lines_of("aaaa     bbbb", 6) == ["aaaa", "bbbb"]


@pytest.mark.parametrize("width", [1, 3, 7, 20, 79])
def test_no_line_exceeds_the_width_and_no_text_is_lost(width: int) -> None:
    text = "The attack began on March 2, and made good ground in the first week. " * 5
    lines = lines_of(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(text.split()) == "".join("".join(lines).split())


def test_wide_characters_are_measured_in_cells() -> None:
    text = "中文字符 和 English words 混合"
    lines = lines_of(text, 8)
    assert all(cell_len(line) <= 8 for line in lines)
    assert "".join(text.split()) == "".join("".join(lines).split())


def test_curly_quotes_and_dashes_take_the_fast_path_and_wrap_the_same() -> None:
    from tui.wrap import _wrap_ascii, _wrap_cells

    text = "“Officials admit” – the assault on Isil-held Tikrit… has stalled ‘in recent days’. " * 4
    assert wrap_offsets(text, 30) == _wrap_ascii(text, 30) == _wrap_cells(text, 30)
