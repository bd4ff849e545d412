"""HTML extraction quality and speed: Brief's HTML reader beside plain `trafilatura.extract()`.

Run: `.venv/bin/python benchmarks/html_extraction.py [EVAL_DIR]` (default ../shared/eval).

The measure is the one of the article-extraction benchmark the pages come from
(../shared/eval/html-articles/README): the gold body and the extracted body are cut into word
4-gram shingles (words are runs of `\\w`), and each page gets a precision and a recall over the
multiset of shingles. Precision and recall are averaged over the pages, and F1 is computed from
the two averages, as the benchmark's evaluate.py does; the mean of per-page F1 is printed too.
The reference, trafilatura 2.3.1's `extract()` with its defaults, is measured in the same run.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Page:
    """One evaluation page: its id, its HTML (decompressed bytes) and the gold article body."""

    id: str
    html: bytes
    gold: str


@dataclass(frozen=True, slots=True)
class Score:
    """Shingle counts of one extraction against its gold body: true and false positives, false
    negatives. Precision (recall) is None when there is nothing to measure it on: no shingle
    extracted (none in the gold), as the benchmark's evaluate.py leaves such pages out of the mean."""

    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float | None:
        if self.false_positive == self.false_negative == 0:
            return 1.0
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        if self.false_positive == self.false_negative == 0:
            return 1.0
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else None

    @property
    def f1(self) -> float:
        return _f1(self.precision or 0.0, self.recall or 0.0)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_pages(eval_dir: Path) -> list[Page]:
    """The pages of `eval_dir/html-articles`, in the order of the gold file."""
    folder = eval_dir / "html-articles"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(page_id, gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()), entry["articleBody"])
        for page_id, entry in gold.items()
    ]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of word 4-grams of `text` (a text shorter than that is one shingle)."""
    words = _WORD.findall(text)
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    return Counter(tuple(words[i : i + SHINGLE_WORDS]) for i in range(count) if words[i : i + SHINGLE_WORDS])


def score(gold: str, extracted: str) -> Score:
    """Shingle counts of `extracted` against `gold`."""
    expected, found = shingles(gold), shingles(extracted)
    return Score(
        sum((expected & found).values()), sum((found - expected).values()), sum((expected - found).values())
    )


def summary(scores: list[Score]) -> tuple[float, float, float]:
    """Mean precision, mean recall (each over the pages where it is defined) and the F1 of those
    two means: the benchmark's own summary figure."""
    precision = statistics.fmean(s.precision for s in scores if s.precision is not None)
    recall = statistics.fmean(s.recall for s in scores if s.recall is not None)
    return precision, recall, _f1(precision, recall)


def brief_body(page: Page) -> str:
    """The body Brief's HTML reader extracts: its paragraphs, one per line."""
    from briefings.readers import read_bytes

    article = read_bytes(page.html, name=f"{page.id}.html")
    return "\n".join(paragraph.text for paragraph in article.paragraphs)


def trafilatura_body(page: Page) -> str:
    """The reference: `trafilatura.extract()` with its defaults, on the same decoded text."""
    import trafilatura

    return trafilatura.extract(page.html.decode("utf-8")) or ""


def measure(extractor: Callable[[Page], str], pages: list[Page]) -> tuple[list[Score], float]:
    """Scores per page and the pages per second of one extractor."""
    started = time.perf_counter()
    bodies = [extractor(page) for page in pages]
    elapsed = time.perf_counter() - started
    return [score(page.gold, body) for page, body in zip(pages, bodies)], len(pages) / elapsed


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main(argv: list[str]) -> int:
    eval_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_EVAL_DIR
    if not (eval_dir / "html-articles").is_dir():
        print(f"no evaluation pages at {eval_dir / 'html-articles'}", file=sys.stderr)
        return 1
    pages = load_pages(eval_dir)
    import trafilatura  # imported before timing, so neither side pays for it

    # Warm up: the first page pays for lazy imports and caches (dateparser, via htmldate).
    brief_body(pages[0])
    trafilatura_body(pages[0])
    ours, ours_rate = measure(brief_body, pages)
    reference, reference_rate = measure(trafilatura_body, pages)

    print(f"{'page':<10} {'Brief P':>8} {'R':>6} {'F1':>6}   {'trafilatura P':>13} {'R':>6} {'F1':>6}")
    for page, mine, theirs in zip(pages, ours, reference):
        print(
            f"{page.id[:8]:<10} {_figure(mine.precision):>8} {_figure(mine.recall):>6} {mine.f1:6.3f}"
            f"   {_figure(theirs.precision):>13} {_figure(theirs.recall):>6} {theirs.f1:6.3f}"
        )
    print()
    for label, scores, rate in (
        ("Brief HTML reader", ours, ours_rate),
        (f"trafilatura {trafilatura.__version__} extract() defaults", reference, reference_rate),
    ):
        precision, recall, f1 = summary(scores)
        mean_f1 = statistics.fmean(s.f1 for s in scores)
        print(
            f"{label:<40} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}"
            f"  (mean per-page F1 {mean_f1:.3f})  {rate:5.1f} pages/s"
        )
    print(f"\nspeed ratio Brief / trafilatura defaults: {ours_rate / reference_rate:.2f}  ({len(pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv))
