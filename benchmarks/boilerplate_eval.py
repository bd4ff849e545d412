"""Boilerplate in imported web pages: Brief's HTML reader beside `trafilatura.extract()` defaults.

Run: `.venv/bin/python -m benchmarks.boilerplate_eval [--set dev|heldout] [--verbose] [--eval-dir DIR]`.

The gold is hand-written (benchmarks/gold/boilerplate/README.md): for each page of a set,
`<set>.json` gives the article's title, snippets that must appear in the imported text ("with":
sentences of the article, from paragraphs spread over it) and snippets that must not ("without":
related lists, sign-up prompts, share and comment text, credits, "Read more" lines near the
article). The pages are `pages/<name>.gz` ("cnn.html.gz" for the key "cnn.html"; a key
without ".html" gets it added). Figures, for both extractors, in the same run:

- article recall: the share of "with" snippets found in the extracted text;
- boilerplate kept: the share of "without" snippets found in it (lower is better);
- title right: the share of pages whose title equals the gold title (Brief's article title;
  for trafilatura the title of its metadata, as `extract()` itself returns none).

Without `--verbose` nothing names a page: a page Brief refuses is counted, not named, so that
reading a held-out set's totals tells nothing about its pages.

Matching is on text folded the same way on both sides: NFKC, every run of whitespace (paragraph
breaks included) one space, and case folded. Case is folded because a page's CSS often shows in
capitals what its source writes in lower case ("READ MORE"), and the extractors see the source;
a snippet of three words or more is specific enough that folding does not make false matches.
Totals are over all snippets of the set (pages with more snippets weigh more).

When ../shared/eval/html-articles exists, the shingle precision, recall and F1 of
benchmarks/html_extraction.py on its 24 pages are printed too, from that module's own code.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "benchmarks" / "gold" / "boilerplate"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import html_extraction  # noqa: E402


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One page of a set: its file and the hand-written gold for it."""

    name: str
    path: Path
    title: str | None  # None: the page shows no headline, and titles are not scored on it
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Extracted:
    """What one extractor made of a page: its text (paragraphs joined) and its title."""

    text: str
    title: str
    refused: str | None = None  # why Brief refused the page, when it did


@dataclass(frozen=True, slots=True)
class PageScore:
    """The snippets one extractor found on one page, and whether its title is right."""

    found: tuple[str, ...]
    missed: tuple[str, ...]
    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    title_right: bool
    titled: bool = True  # the gold gives a title to compare with


def fold(text: str) -> str:
    """The form both snippets and extracted text are compared in (see the module docstring)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def load_set(name: str, gold_dir: Path = GOLD_DIR) -> list[GoldPage]:
    """The pages of set `name`, in the order of its gold file."""
    gold = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
    return [
        GoldPage(page, _page_path(gold_dir / "pages", page), entry["title"], tuple(entry["with"]), tuple(entry["without"]))
        for page, entry in gold.items()
    ]


def _page_path(folder: Path, page: str) -> Path:
    """`<page>.gz` for a key that is a file name ("cnn.html"), else `<page>.html.gz` ("cnn")."""
    named = folder / f"{page}.gz"
    return named if named.is_file() or page.endswith((".html", ".htm")) else folder / f"{page}.html.gz"


def brief_extract(page: GoldPage) -> Extracted:
    """Brief's HTML reader on the page file, as `brief import` reads it."""
    from briefings.readers import ReadError, read_file

    try:
        article = read_file(page.path)
    except ReadError as error:  # a page Brief refuses keeps nothing, and is reported
        return Extracted("", "", refused=str(error))
    return Extracted("\n".join(paragraph.text for paragraph in article.paragraphs), article.title)


def trafilatura_extract(page: GoldPage) -> Extracted:
    """The reference: `trafilatura.extract()` with its defaults, and its metadata's title."""
    import trafilatura

    html = gzip.decompress(page.path.read_bytes())
    metadata = trafilatura.extract_metadata(html)
    return Extracted(trafilatura.extract(html) or "", (metadata.title if metadata else None) or "")


def score_page(page: GoldPage, extracted: Extracted) -> PageScore:
    """Which of the page's snippets `extracted` holds."""
    text = fold(extracted.text)
    return PageScore(
        found=tuple(s for s in page.with_ if fold(s) in text),
        missed=tuple(s for s in page.with_ if fold(s) not in text),
        kept=tuple(s for s in page.without if fold(s) in text),
        dropped=tuple(s for s in page.without if fold(s) not in text),
        title_right=page.title is not None and " ".join(extracted.title.split()) == " ".join(page.title.split()),
        titled=page.title is not None,
    )


def totals(scores: list[PageScore]) -> tuple[float, float, float]:
    """Article recall, boilerplate kept and title right over a set."""
    found = sum(len(s.found) for s in scores)
    expected = found + sum(len(s.missed) for s in scores)
    kept = sum(len(s.kept) for s in scores)
    boilerplate = kept + sum(len(s.dropped) for s in scores)
    titled = [score for score in scores if score.titled]
    return found / expected, kept / boilerplate, sum(s.title_right for s in titled) / len(titled)


def _report_page(page: GoldPage, ours: PageScore, theirs: PageScore, title: str) -> None:
    print(
        f"{page.name[:34]:<34} {len(ours.found)}/{len(page.with_):<3} {len(ours.kept)}/{len(page.without):<3}"
        f" {'yes' if ours.title_right else 'no':<4}   {len(theirs.found)}/{len(page.with_):<3}"
        f" {len(theirs.kept)}/{len(page.without):<3} {'yes' if theirs.title_right else 'no'}"
    )
    for label, snippets in (("Brief missed", ours.missed), ("Brief kept", ours.kept)):
        for snippet in snippets:
            print(f"    {label}: {snippet}")
    if not ours.title_right:
        print(f"    Brief title: {title!r} (gold {page.title!r})")


def _shingle_figures(eval_dir: Path) -> None:
    """The 24-page shingle benchmark, through benchmarks/html_extraction.py's own functions."""
    if not (eval_dir / "html-articles").is_dir():
        print(f"\n(no shingle figures: {eval_dir / 'html-articles'} is absent)")
        return
    pages = html_extraction.load_pages(eval_dir)
    print(f"\nShingle figures on {len(pages)} pages of {eval_dir / 'html-articles'}:")
    for label, extractor in (("Brief", html_extraction.brief_body), ("trafilatura defaults", html_extraction.trafilatura_body)):
        scores, _ = html_extraction.measure(extractor, pages)
        precision, recall, f1 = html_extraction.summary(scores)
        print(f"  {label:<22} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev", help="gold set: benchmarks/gold/boilerplate/<set>.json")
    parser.add_argument("--verbose", action="store_true", help="figures per page and the snippets behind them")
    parser.add_argument("--eval-dir", type=Path, default=html_extraction.DEFAULT_EVAL_DIR)
    args = parser.parse_args(argv)
    if not (GOLD_DIR / f"{args.set}.json").is_file():
        print(f"no gold set {GOLD_DIR / (args.set + '.json')}", file=sys.stderr)
        return 1
    import trafilatura

    pages = load_set(args.set)
    ours, theirs = [], []
    if args.verbose:
        print(f"{'page':<34} {'Brief with':<5} {'kept':<4} {'title':<5} {'trafilatura with':<5} {'kept':<4} title")
    refused = 0
    for page in pages:
        brief = brief_extract(page)
        refused += brief.refused is not None
        if brief.refused and args.verbose:
            print(f"    Brief refused {page.name}: {brief.refused}")
        ours.append(score_page(page, brief))
        theirs.append(score_page(page, trafilatura_extract(page)))
        if args.verbose:
            _report_page(page, ours[-1], theirs[-1], brief.title)
    print(f"\nset {args.set!r}: {len(pages)} pages, {sum(len(p.with_) for p in pages)} article snippets, "
          f"{sum(len(p.without) for p in pages)} boilerplate snippets")
    if refused:
        # Which pages, only with --verbose: a held-out set is read as totals, never page by page.
        print(f"Brief refused {refused} page{'s' if refused > 1 else ''} (named with --verbose)")
    print(f"{'':<36} {'article recall':>14} {'boilerplate kept':>17} {'title right':>12}")
    for label, scores in (("Brief HTML reader", ours), (f"trafilatura {trafilatura.__version__} extract() defaults", theirs)):
        recall, kept, title = totals(scores)
        print(f"{label:<36} {recall:>14.3f} {kept:>17.3f} {title:>12.3f}")
    _shingle_figures(args.eval_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
