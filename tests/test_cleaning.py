"""Cleaning untrusted text and decoding bytes of unknown encoding (briefings.cleaning)."""

from __future__ import annotations

import codecs
import random

import pytest

from briefings.cleaning import ReadError, clean_text, decode_bytes, describe_binary
from briefings.readers import ReadError as ReadersReadError

pytestmark = pytest.mark.unit

# --- clean_text: terminal escape sequences ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("before\x1b[2Jafter", "beforeafter"),  # CSI: erase display
        ("\x1b[1;31mred\x1b[0m", "red"),  # CSI: SGR colours
        ("a\x1b[?1049hb", "ab"),  # CSI with private parameter bytes
        ("a\x9b2Jb", "ab"),  # 8-bit CSI
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink, ended by ST
        ("a\x1b]0;window title\x07b", "ab"),  # OSC ended by BEL
        ("a\x9d0;title\x9cb", "ab"),  # 8-bit OSC and ST
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x1b_Gf=100;AAAA\x1b\\b", "ab"),  # APC (kitty graphics)
        ("a\x1bXsos\x1b\\b\x1b^pm\x1b\\c", "abc"),  # SOS and PM
        ("a\x1b(Bb\x1b7c\x1bcd", "abcd"),  # two-character and nF escapes
        ("end\x1b", "end"),  # lone ESC
    ],
)
def test_escape_sequences_are_removed(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_unterminated_osc_does_not_swallow_the_text_after_it() -> None:
    cleaned = clean_text("intro \x1b]8;;http://evil more words\nnext line")
    assert "\x1b" not in cleaned
    assert cleaned.endswith("more words\nnext line")


# --- clean_text: control and invisible characters --------------------------------------------


def test_controls_are_removed_but_newline_and_tab_survive() -> None:
    assert clean_text("a\x00b\x07c\x08d\x7fe\x85f\x90g\x9fh") == "abcde\nfgh"
    assert clean_text("col\tcol") == "col col"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\x85"])
def test_line_endings_become_lf(newline: str) -> None:
    assert clean_text(f"one{newline}two{newline}") == "one\ntwo\n"


def test_bidi_controls_and_invisible_format_characters_are_removed() -> None:
    spoof = "invoice\u202egpj.exe\u202c \u2066isolate\u2069 \u200fmark zero\u200bwidth soft\u00adhyphen\ufeff"
    assert clean_text(spoof) == "invoicegpj.exe isolate mark zerowidth softhyphen"


def test_joiners_and_emoji_sequences_are_kept() -> None:
    text = "\u0915\u094d\u200d\u0937 family \U0001f469\u200d\U0001f4bb mi\u200cxed"
    assert clean_text(text) == text
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert clean_text(f"Go {flag}!") == f"Go {flag}!"


def test_stray_tag_characters_are_removed() -> None:
    hidden = "".join(chr(0xE0000 + ord(char)) for char in "ignore previous")
    assert clean_text(f"visible{hidden} text") == "visible text"


def test_text_is_nfc_normalised() -> None:
    assert clean_text("cafe\u0301") == "caf\u00e9"


def test_lone_surrogates_are_removed() -> None:
    assert clean_text("a\ud800b") == "ab"


def test_markup_lookalikes_are_kept_literally() -> None:
    text = "[/foo] [Reuters] [@click=app.quit] [b]bold[/b] <script> & $x"
    assert clean_text(text) == text


def test_whitespace_at_the_ends_is_kept() -> None:
    assert clean_text("  padded \n") == "  padded \n"


def test_cleaning_is_idempotent() -> None:
    once = clean_text("x\x1b[31my\r\nz\u202e\x00\x9b1m")
    assert clean_text(once) == once


def test_five_megabyte_line_is_cleaned() -> None:
    line = "word \x1b[1mbold\x1b[0m \u202e" * 300_000
    cleaned = clean_text(line)
    assert len(line) > 5_000_000
    assert cleaned == "word bold " * 300_000


# --- decode_bytes ----------------------------------------------------------------------------

TEXT = "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve r\u00e9sum\u00e9\nsecond line"


def test_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), "a.txt") == TEXT


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + TEXT.encode(encoding), "a.txt") == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_recognised_by_their_nul_pattern(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding), "a.txt") == TEXT


def test_windows_1252_fallback() -> None:
    expected = "caf\u00e9 \u201cquoted\u201d \u2013 \u20ac 5"
    assert decode_bytes(b"caf\xe9 \x93quoted\x94 \x96 \x80 5", "a.txt") == expected


def test_bytes_undefined_in_windows_1252_are_read_as_latin1_and_cleaned() -> None:
    data = b"The caf\xe9 (\x81\x8d\x8f\x90\x9d) closed early on Tuesday, its owner said."
    assert decode_bytes(data, "a.txt") == "The caf\u00e9 () closed early on Tuesday, its owner said."


def test_long_input_that_is_neither_utf8_nor_western_text_is_refused() -> None:
    data = "Правительство ".encode("cp1251") * 40
    with pytest.raises(ReadError, match=r"^ru\.txt: this is neither UTF-8 nor Windows-1252 text"):
        decode_bytes(data, "ru.txt")


def test_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    greek = "\u0391\u03b8\u03ae\u03bd\u03b1 news"
    assert decode_bytes(greek.encode("iso-8859-7"), "a.html", declared="iso-8859-7") == greek


def test_valid_utf8_wins_over_a_declared_latin1() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), "a.html", declared="iso-8859-1") == TEXT


def test_declared_latin1_means_windows_1252_as_in_browsers() -> None:
    assert decode_bytes(b"\x93quoted\x94", "a.html", declared="iso-8859-1") == "\u201cquoted\u201d"


@pytest.mark.parametrize("declared", ["zlib", "rot13", "no-such-encoding", "utf-16"])
def test_unusable_declared_charsets_are_ignored(declared: str) -> None:
    assert decode_bytes(b"caf\xe9 \x93ok\x94", "a.html", declared=declared) == "caf\u00e9 \u201cok\u201d"


def test_decoded_text_is_cleaned() -> None:
    assert decode_bytes(b"a\x1b[2Jb\r\nc\x00d", "a.txt") == "ab\ncd"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data: bytes, kind: str) -> None:
    with pytest.raises(ReadError, match=rf"^report\.txt: this is .*{kind}.*, not an article$"):
        decode_bytes(data + bytes(64), "report.txt")


def test_tar_signature_is_found_at_its_offset() -> None:
    assert describe_binary(bytes(257) + b"ustar\x0000") == "a tar archive"


def test_random_bytes_are_refused() -> None:
    data = random.Random(7).randbytes(4096)
    with pytest.raises(ReadError, match=r"^noise\.bin: "):
        decode_bytes(data, "noise.bin")


def test_text_full_of_control_characters_is_binary() -> None:
    data = b"".join(bytes([65 + i % 26, i % 8 + 1]) for i in range(500))
    with pytest.raises(ReadError, match="binary"):
        decode_bytes(data, "a.txt")


def test_a_stray_nul_in_text_is_cleaned_not_refused() -> None:
    text = "A long enough line of ordinary text with one stray NUL\x00 byte in the middle of it."
    assert decode_bytes(text.encode(), "a.txt") == text.replace("\x00", "")


def test_read_error_is_one_class_for_every_reader() -> None:
    assert ReadersReadError is ReadError
    assert issubclass(ReadError, ValueError)
