"""The hostile import corpus: inputs an analyst's inbox can hold that are not polite articles.

Built fresh into a folder by `build`, so that nothing large or strange is checked in. Used by
`tests/test_hostile_corpus.py` (each input imported or refused, in one line, nothing hanging) and
`benchmarks/hostile_import.py` (how long each takes: the bound the README states).
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

from briefings.readers import MAX_BYTES

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"
_WORDS = "the minister said officials in Baghdad would meet on Tuesday to discuss 300 million dollars of aid for Tikrit".split()


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _paragraphs(rng: random.Random, count: int, words: int) -> str:
    return "A long report\n\n" + "\n\n".join(_prose(rng, words) + "." for _ in range(count))


def _markup() -> str:
    return (
        "[bold]Not markup[/bold] [/] [Reuters] [@click=app.quit]Click[/]\n\n"
        "A paragraph with \x1b[31mANSI red\x1b[0m, an OSC title \x1b]0;pwned\x07, a NUL \x00 and bidi \u202e override.\n\n"
        "Another paragraph [link=https://example.com]with a link[/link] and enough words to count.\n"
    )


def _nested_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def _gzip_bomb() -> bytes:
    # About 60 MB of zeros in a few tens of kilobytes: refused before it is all inflated.
    return gzip.compress(b"\0" * (MAX_BYTES + (10 << 20)), compresslevel=9)


def build(folder: Path) -> dict[str, Path]:
    """Write every input of the corpus into `folder`; returns them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    written: dict[str, Callable[[Path], None]] = {
        "markup-and-escapes.txt": lambda path: path.write_text(_markup(), encoding="utf-8"),
        "nul-bytes.txt": lambda path: path.write_bytes(b"Title\n\nSome text\x00with NULs\x00 inside it and more words.\n"),
        "invalid-utf8.txt": lambda path: path.write_bytes(b"Title\n\nCaf\xe9 \xff\xfe broken bytes in a paragraph of words.\n"),
        "utf16-bom.txt": lambda path: path.write_bytes("Title\n\nA paragraph written in UTF-16 with a BOM.\n".encode("utf-16")),
        "binary.txt": lambda path: path.write_bytes(bytes(rng.randrange(256) for _ in range(20_000))),
        "empty.txt": lambda path: path.write_bytes(b""),
        "whitespace.txt": lambda path: path.write_bytes(b" \n\t\n  \n"),
        "hostile.html": lambda path: path.write_bytes((DATA / "hostile.html").read_bytes()),
        "script-only.html": lambda path: path.write_text("<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"),
        "one-line-5mb.txt": lambda path: path.write_text(_prose(rng, 5_000_000 // 6)[:5_000_000], encoding="utf-8"),
        "paragraphs-20000.txt": lambda path: path.write_text(_paragraphs(rng, 20_000, 8), encoding="utf-8"),
        "just-under-the-extract-limit.txt": lambda path: path.write_text(_paragraphs(rng, 725, 40), encoding="utf-8"),
        "near-the-size-limit.txt": lambda path: path.write_text(_paragraphs(rng, 45_000, 160)[: MAX_BYTES - 1024], encoding="utf-8"),
        "over-the-size-limit.txt": lambda path: path.write_bytes(b"x" * (MAX_BYTES + 1)),
        "gzip-bomb.html.gz": lambda path: path.write_bytes(_gzip_bomb()),
        "truncated.html.gz": lambda path: path.write_bytes(gzip.compress(b"<p>Some article text here.</p>" * 50)[:-20]),
        "deeply-nested.json": lambda path: path.write_text(_nested_json(100_000)),
        "not-an-export.json": lambda path: path.write_text(json.dumps({"hello": "world"})),
        "a-folder.txt": lambda path: path.mkdir(),
        "named-pipe.txt": lambda path: os.mkfifo(path),
        "device.txt": lambda path: path.symlink_to("/dev/zero"),
        "dangling-link.txt": lambda path: path.symlink_to(folder / "nowhere.txt"),
        "link-loop.txt": lambda path: path.symlink_to(path),
    }
    paths = {}
    for name, write in written.items():
        path = folder / name
        if not os.path.lexists(path):
            write(path)
        paths[name] = path
    return paths
