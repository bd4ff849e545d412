"""Read articles from files: plain text, Markdown, HTML and PDF, gzip-compressed or not.

Everything a reader returns is safe to show (see `briefings.cleaning`), and everything it refuses
is refused with a `ReadError` whose message is one line naming the file ("notes.pdf: this is a
PDF file, not an article"), so the command line and the app can show it as it is.

The HTML reader needs trafilatura, which takes a quarter of a second to import; it is imported only
when an HTML page is read. The PDF reader's pypdf likewise, only when a PDF is read.
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from pathlib import PurePath

from briefings.cleaning import ReadError, clean_text, decode_bytes
from briefings.model import Article
from briefings.readers.building import check_not_empty

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "read_bytes",
    "read_file",
    "read_limited",
    "read_text",
]

#: The largest input Brief reads, before and after gzip decompression (50 MB). An article is a
#: few kilobytes and a saved web page a few megabytes; anything larger is not an article.
MAX_BYTES = 50 * 1024 * 1024

_FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
_GZIP_SUFFIX = ".gz"
#: File name endings `read_file` understands, for importers that pick files from a folder.
#: ".gz" stands for any of the others compressed with gzip ("page.html.gz").
SUPPORTED_SUFFIXES: tuple[str, ...] = (*_FORMAT_BY_SUFFIX, _GZIP_SUFFIX)
FORMATS = ("text", "markdown", "html")

_GZIP_MAGIC = b"\x1f\x8b"
# A PDF opens with this (after whitespace, in some files).
_PDF_MAGIC = b"%PDF-"
# Markup that only HTML opens with (after a BOM, whitespace and comments): the sniffing rule for
# files whose name does not say what they are.
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def read_file(path: str | os.PathLike[str]) -> Article:
    """Read the article in the file at `path`.

    The format comes from the name: .txt, .text and no suffix are plain text, .md and .markdown
    Markdown, .html, .htm and .xhtml HTML, .pdf PDF; any other name is sniffed (PDF or HTML if it
    opens like one, else text). Gzip-compressed files (recognised by their content, e.g. page.html.gz) are
    decompressed first. `Article.origin` is the file's name.

    Raises:
        ReadError: The file cannot be read (missing, a directory, unreadable, over `MAX_BYTES`) or
            is not an article (empty, binary, no text found); the message names the file.
    """
    return read_bytes(read_limited(path), name=os.fspath(path))


def read_limited(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (more means too large).

    Anything that is not a regular file is refused at once: a named pipe or a terminal would
    block the read for ever, a device would feed it without end. Opening does not wait (a named
    pipe with no writer would block `open` itself).

    Raises:
        ReadError: Not a regular file, missing or unreadable; the message names the file.
    """
    name = os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise ReadError(f"{name}: is a directory, not a file") from None
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except OSError as error:
        raise ReadError(f"{name}: cannot read it ({error.strerror or error})") from None
    kind = _not_a_file(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise ReadError(f"{name}: {kind}, not a file")
    with os.fdopen(fd, "rb") as file:
        try:
            # Read one byte past the limit rather than trusting the size on disk: files that
            # grow while read report sizes that mean nothing.
            return file.read(limit + 1)
        except OSError as error:
            raise ReadError(f"{name}: cannot read it ({error.strerror or error})") from None


def _not_a_file(mode: int) -> str:
    """What a file of this mode is when it is not a regular file (or a folder), else ""."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is something else"


def read_bytes(data: bytes, *, name: str, format: str | None = None) -> Article:
    """Read an article from the bytes of a file called `name`.

    `format` is "text", "markdown", "html" or "pdf", or None to decide from `name` and the content as
    `read_file` does. Gzip-compressed data is decompressed first, up to `MAX_BYTES`.

    Raises:
        ReadError: See `read_file`.
    """
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: too large ({_megabytes(len(data))}; Brief reads up to {_megabytes(MAX_BYTES)})")
    inner_name = name
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, name)
        stem, suffix = os.path.splitext(name)
        inner_name = stem if suffix.lower() == _GZIP_SUFFIX else name
    if format is None:
        format = _format_for(inner_name, data)
    if format == "html":
        from briefings.readers.html import read_html_bytes

        return read_html_bytes(data, name)
    if format == "pdf":
        from briefings.readers.pdf import read_pdf_bytes

        return read_pdf_bytes(data, name)
    return read_text(decode_bytes(data, name), name=name, format=format)


def read_text(text: str, *, name: str, format: str = "text") -> Article:
    """Read an article from text already decoded; `name` is used for the origin and messages.

    Raises:
        ReadError: The text is empty or whitespace, holds no article text, or `format` is unknown.
    """
    text = clean_text(text)
    check_not_empty(text, name)
    if format == "text":
        from briefings.readers.plain import read_plain

        return read_plain(text, name)
    if format == "markdown":
        from briefings.readers.markdown import read_markdown

        return read_markdown(text, name)
    if format == "html":
        from briefings.readers.html import read_html

        return read_html(text, name)
    raise ReadError(f"{name}: unknown format {format!r} (expected one of {', '.join(FORMATS)})")


def _format_for(name: str, data: bytes) -> str:
    if data[:1024].lstrip().startswith(_PDF_MAGIC):
        return "pdf"  # whatever it is called: a PDF's own bytes say what it is
    suffix = PurePath(name).suffix.lower()
    if suffix in _FORMAT_BY_SUFFIX:
        return _FORMAT_BY_SUFFIX[suffix]
    return "html" if _HTML_START.match(data[:4096]) else "text"


def _gunzip(data: bytes, name: str) -> bytes:
    """Decompress gzip data, all members of it, refusing more than `MAX_BYTES` of output.

    The output limit is enforced while decompressing, so a gzip bomb (a few kilobytes that
    inflate to gigabytes) costs at most `MAX_BYTES` of memory before it is refused.
    """
    output = bytearray()
    remaining = data
    while remaining:
        inflater = zlib.decompressobj(wbits=31)
        try:
            output += inflater.decompress(remaining, MAX_BYTES + 1 - len(output))
        except zlib.error as error:
            raise ReadError(f"{name}: damaged gzip data ({error})") from None
        if len(output) > MAX_BYTES:
            raise ReadError(f"{name}: decompresses to more than {_megabytes(MAX_BYTES)}; refusing it")
        if not inflater.eof:
            raise ReadError(f"{name}: the gzip data is truncated")
        remaining = inflater.unused_data.lstrip(b"\x00")  # some tools pad members with NULs
    return bytes(output)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
