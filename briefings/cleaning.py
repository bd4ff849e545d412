"""Make untrusted text safe to render, and turn bytes of unknown encoding into text.

Article text and analyst input end up in a terminal. A terminal obeys escape sequences (`ESC [2J`
clears the screen, OSC 8 makes hidden hyperlinks) and Unicode bidi controls reorder what the reader
sees, so everything Brief shows goes through `clean_text` first. Every step is a single regular
expression or string pass with no backtracking across the input, so cleaning stays linear: a 5 MB
single line takes a few tens of milliseconds.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefings.errors import BriefError


class ReadError(BriefError, ValueError):
    """Input that cannot be read as an article; the message is one line that names the file.

    Defined here rather than in `briefings.readers` (which re-exports it) because `decode_bytes`
    raises it and the readers import this module: keeping it here avoids an import cycle.
    """


# --- clean_text -----------------------------------------------------------------------------

# Terminal escape sequences (ECMA-48), with both 7-bit (ESC x) and 8-bit (C1) introducers. String
# payloads stop at any control character, so an unterminated string never swallows the text after
# it: the optional terminator group then fails and only the introducer is removed (the payload is
# plain printable text once its introducer is gone). Order matters: strings before CSI before the
# generic two-character form, and a lone ESC last.
_ESCAPES = re.compile(
    # OSC: ESC ] or 0x9D, printable payload, ended by BEL or ST (ESC \ or 0x9C).
    r"(?:\x1b\]|\x9d)(?:[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c))?"
    # DCS, SOS, PM, APC: ESC P/X/^/_ or 0x90/0x98/0x9E/0x9F, payload ended by ST.
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])(?:[^\x00-\x1f\x7f-\x9f]*(?:\x1b\\|\x9c))?"
    # CSI: ESC [ or 0x9B, parameter bytes, intermediate bytes, one final byte.
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    # Other escape sequences: ESC, intermediate bytes, one final byte (ESC c, ESC ( B, ESC 7).
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
    r"|\x1b"
)

_ESCAPE_START = re.compile("[\x1b\x90-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_UNUSUAL_BREAK = re.compile("[\x85\u2028\u2029]")

# Characters removed outright: C0 controls but tab and newline, DEL, C1 controls, lone surrogates,
# and invisible format characters that can spoof what is displayed: bidi embeddings, overrides,
# isolates and marks, zero-width space, word joiner and invisible operators, deprecated format
# characters, the BOM / zero-width no-break space, interlinear annotation marks and the soft
# hyphen. ZWJ and ZWNJ (U+200C, U+200D) are kept: scripts and emoji sequences need them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)

# Tag characters hide text from the reader ("ASCII smuggling"); their only visible use is the
# emoji tag sequence of subdivision flags (black flag, tags, cancel tag), which is kept.
_TAG_CHAR = re.compile("[\U000e0000-\U000e007f]")
_TAGS = re.compile(
    "(\U0001f3f4[\U000e0020-\U000e007e]{1,32}\U000e007f)|[\U000e0000-\U000e007f]"
)


def clean_text(text: str) -> str:
    """Return `text` safe to render in a terminal, keeping everything a reader can see.

    Removes ANSI/ECMA-48 escape sequences (CSI including 8-bit 0x9B, OSC ended by BEL or ST,
    DCS/SOS/PM/APC strings, two-character ESC sequences), C0 controls except newline and tab
    (a tab becomes a space), DEL, C1 controls, lone surrogates, bidi overrides and isolates and
    the other invisible format characters listed in `_INVISIBLE`. CRLF, CR, NEL, U+2028 and
    U+2029 become LF. The result is NFC-normalised. Leading and trailing whitespace is kept:
    callers decide about that. Linear in the length of the text.
    """
    # Each pass runs only when a cheap scan finds something for it to do: most text has no
    # escape sequences, and a 5 MB line should cost a few scans, not a few substitutions.
    if _ESCAPE_START.search(text):
        text = _ESCAPES.sub("", text)
    if "\r" in text or _UNUSUAL_BREAK.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    if not text.isascii():
        if _TAG_CHAR.search(text):
            # An unmatched group is replaced by "" (Python 3.5+), so stray tags simply vanish.
            text = _TAGS.sub(r"\1", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return text


# --- decode_bytes ---------------------------------------------------------------------------

# File signatures of formats people may mistake for articles. Each is checked at its offset.
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "a PDF file"),
    (0, b"PK\x03\x04", "a ZIP archive (or an Office, EPUB or OpenDocument file)"),
    (0, b"PK\x05\x06", "an empty ZIP archive"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (0, b"\x00asm", "a WebAssembly module"),
    (0, b"\x1f\x8b", "gzip-compressed data"),
    (0, b"BZh", "bzip2-compressed data"),
    (0, b"\xfd7zXZ\x00", "xz-compressed data"),
    (0, b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (257, b"ustar", "a tar archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"{\\rtf", "an RTF document"),
    (0, b"%!PS", "a PostScript file"),
    (0, b"ID3", "an MP3 file"),
    (0, b"OggS", "an Ogg media file"),
    (0, b"fLaC", "a FLAC audio file"),
    (4, b"ftyp", "an MP4 or QuickTime media file"),
)

_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: How much of the input the encoding and binary checks look at.
_SAMPLE_BYTES = 65536
#: Share of control characters (other than whitespace and ESC) above which input is binary.
_MAX_CONTROL_SHARE = 0.01
#: Share of bytes above 0x7F above which input that is not UTF-8 is not Windows-1252 text either:
#: text in Western European languages is mostly ASCII, random bytes are half high bytes. Only
#: judged on inputs of `_MIN_JUDGED_BYTES` or more: a short phrase ("\xc7a \xe9t\xe9 d\xe9j\xe0") can
#: be a third accented letters.
_MAX_HIGH_BYTE_SHARE = 0.3
_MIN_JUDGED_BYTES = 256
_HIGH_BYTES = bytes(range(0x80, 0x100))
_DECLARATIONS_TO_IGNORE = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252", "utf-8"})
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the five bytes Windows-1252 leaves undefined by their Latin-1 meaning (C1 controls)."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("briefings.latin1", _latin1_fallback)


def describe_binary(data: bytes) -> str | None:
    """Name the kind of file `data` is, when its signature shows it is not text (else None)."""
    for offset, magic, kind in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return kind
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """Detect BOM-less UTF-16 or UTF-32 from where the NUL bytes fall, as in mostly-ASCII text."""
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8:
        return None
    quarters = [sample[i::4].count(0) / (len(sample) / 4) for i in range(4)]
    if quarters[0] < 0.1 and min(quarters[1:]) > 0.7:
        return "utf-32-le"
    if quarters[3] < 0.1 and min(quarters[:3]) > 0.7:
        return "utf-32-be"
    even = (quarters[0] + quarters[2]) / 2
    odd = (quarters[1] + quarters[3]) / 2
    if even < 0.05 and odd > 0.4:
        return "utf-16-le"
    if odd < 0.05 and even > 0.4:
        return "utf-16-be"
    return None


def _check_not_binary(text_sample: str, name: str) -> None:
    """Refuse text with consecutive NULs (everywhere in binary formats, never in text) or with
    more control characters than a stray one or two in a text file."""
    controls = len(_CONTROLS.findall(text_sample))
    if "\x00\x00" in text_sample or controls > max(2, _MAX_CONTROL_SHARE * len(text_sample)):
        raise ReadError(f"{name}: this looks like binary data, not an article")


def decode_bytes(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode the bytes of a file whose encoding is unknown, and clean the text.

    Detection, not assumption, in this order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32
    LE/BE); BOM-less UTF-16/32 when the NUL pattern shows it; strict UTF-8; the encoding the
    container declares (`declared`, e.g. an HTML meta charset), if Python knows it; Windows-1252,
    with the five bytes it leaves undefined read as Latin-1 (C1 controls, then cleaned away),
    unless so many bytes are above 0x7F that the input cannot be Western European text.
    Valid UTF-8 wins over a declared charset because pages often declare Latin-1 and send UTF-8,
    while non-ASCII text that happens to be valid UTF-8 by accident is vanishingly rare.

    Raises:
        ReadError: The input is binary: a known file signature (PDF, ZIP, PNG, JPEG, GIF, ELF, ...),
            consecutive NUL bytes or too many control characters for text; or it is in none of
            the encodings above.
    """
    kind = describe_binary(data)
    if kind:
        raise ReadError(f"{name}: this is {kind}, not an article")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_checked(data[len(bom) :], encoding, name)
    encoding = _utf16_without_bom(data[:_SAMPLE_BYTES])
    if encoding:
        return _decode_checked(data, encoding, name)
    _check_not_binary(data[:_SAMPLE_BYTES].decode("latin-1"), name)
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return clean_text(_decode_declared(data, declared))
        except LookupError:
            pass  # unknown to Python, or not a text encoding ("zlib"): ignore the declaration
    sample = data[:_SAMPLE_BYTES]
    high_bytes = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if len(sample) >= _MIN_JUDGED_BYTES and high_bytes > _MAX_HIGH_BYTE_SHARE * len(sample):
        raise ReadError(f"{name}: this is neither UTF-8 nor Windows-1252 text (binary data or another encoding)")
    return clean_text(data.decode("cp1252", errors="briefings.latin1"))


def _decode_declared(data: bytes, declared: str) -> str:
    """Decode with the declared encoding; LookupError when there is no usable one.

    As browsers do (WHATWG Encoding), a declared Latin-1 or ASCII means Windows-1252, and a
    declared UTF-16 or UTF-32 in a page without a BOM is a mistake (such a page would not have
    been readable as ASCII to find the declaration); both go to the Windows-1252 fallback.
    """
    codec = codecs.lookup(declared).name
    if codec in _DECLARATIONS_TO_IGNORE or codec.startswith(("utf-16", "utf-32")):
        raise LookupError(declared)
    return data.decode(codec, errors="replace")


def _decode_checked(data: bytes, encoding: str, name: str) -> str:
    """Decode with a known encoding (bad sequences become U+FFFD), refuse binary, clean."""
    text = data.decode(encoding, errors="replace")
    _check_not_binary(text[:_SAMPLE_BYTES], name)
    return clean_text(text)
