"""Numbers against hand-made gold written to the annotation guidelines (one JSON file per article).

Run: `.venv/bin/python benchmarks/numbers_gold.py [GOLD_DIR] [--verbose] [--rules]`
(default ../gold-work/dev). GOLD_DIR holds `gold/<article>.json` and the articles' texts in
`texts/` or `texts-*/` (a "URL:" first line is metadata, not text); each gold file gives the
article's date. `--rules` scores the rule-based fallback instead of spaCy.

A gold entry is found when an extracted number (its first mention or a repeat) overlaps the gold
text where it occurs in the article (inside its `context`, when the gold gives one). Among those
found: kind right, and value right (kind, value, upper bound and unit all right; the unit is
compared for money, percent, quantity, duration, age and time; numbers within 1e-6 relative,
ratios within 0.0005). Extracted entries that match no gold entry are extra; two entries for one
gold entry are duplicates. Optional gold entries neither reward nor penalise.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.extraction import RULES_PIPELINE, load_extractor  # noqa: E402
from briefings.extraction.model import Extraction, NumberFact  # noqa: E402
from briefings.extraction.rules_engine import RuleExtractor  # noqa: E402
from briefings.model import Article, make_paragraphs  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "gold-work" / "dev"
VERBOSE = "--verbose" in sys.argv
UNIT_KINDS = {"money", "percent", "quantity", "duration", "age", "time"}


def load_article(folder: Path, name: str, date: str | None) -> Article | None:
    """The article as the annotators read it: blocks split on blank lines, every block a paragraph;
    None when its text is not in the folder."""
    path = next(iter(folder.glob(f"texts*/{name}")), None)
    if path is None:
        return None
    blocks = [" ".join(block.split()) for block in path.read_text(encoding="utf-8").split("\n\n")]
    blocks = [block for block in blocks if block and not block.startswith("URL: ")]
    return Article(title=blocks[0], paragraphs=make_paragraphs(blocks), date=dt.date.fromisoformat(date) if date else None)


def occurrences(article: Article, gold: dict) -> list[tuple[int, int, int]]:
    """Where the gold text is: (paragraph, start, end), narrowed to its context when given."""
    found = []
    for paragraph in article.paragraphs:
        text = paragraph.text
        windows = [(0, len(text))]
        if gold.get("context"):
            windows = [(i, i + len(gold["context"])) for i in _all(text, gold["context"])] or windows
        for low, high in windows:
            found.extend((paragraph.index, i, i + len(gold["text"])) for i in _all(text, gold["text"]) if low <= i < high)
    return found


def _all(text: str, part: str) -> list[int]:
    positions, start = [], text.find(part)
    while start >= 0:
        positions.append(start)
        start = text.find(part, start + 1)
    return positions


def overlaps(fact: NumberFact, places: list[tuple[int, int, int]]) -> bool:
    return any(m.paragraph == p and m.start < end and start < m.end for m in fact.mentions for p, start, end in places)


def same(a: object, b: object, kind: str) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        tolerance = 5e-4 if kind == "ratio" else 1e-6 * max(1.0, abs(a), abs(b))
        return abs(float(a) - float(b)) <= tolerance
    return a == b


def value_right(fact: NumberFact, gold: dict) -> bool:
    if fact.kind != gold["kind"] or not same(fact.value, gold.get("value"), fact.kind) or not same(fact.high, gold.get("high"), fact.kind):
        return False
    return fact.kind not in UNIT_KINDS or fact.unit == (gold.get("unit") or "")


def score(article: Article, extraction: Extraction, golds: list[dict]) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    errors: list[str] = []
    used: dict[int, int] = {}  # extracted entry -> gold entry
    for number, gold in enumerate(golds):
        places = occurrences(article, gold)
        candidates = [i for i, fact in enumerate(extraction.numbers) if overlaps(fact, places)]
        free = [i for i in candidates if i not in used]
        chosen = next((i for i in free if value_right(extraction.numbers[i], gold)), free[0] if free else None)
        label = f"{gold['text']!r} {gold['kind']} {gold.get('value')!r}" + (f"-{gold['high']!r}" if gold.get("high") is not None else "")
        if gold.get("optional"):
            if chosen is not None:
                used[chosen] = number
            continue
        counts["gold"] += 1
        if chosen is None:
            errors.append(f"missed {label}" + (" (taken by another)" if candidates else ""))
            continue
        used[chosen] = number
        fact = extraction.numbers[chosen]
        counts["found"] += 1
        counts["kind"] += fact.kind == gold["kind"]
        if value_right(fact, gold):
            counts["value"] += 1
        else:
            errors.append(f"wrong {label} <- {fact.text!r} {fact.kind} {fact.value!r}-{fact.high!r} {fact.unit!r}")
    for i, fact in enumerate(extraction.numbers):
        counts["extracted"] += 1
        if i in used:
            continue
        if any(overlaps(fact, occurrences(article, gold)) for gold in golds):
            counts["duplicates"] += 1
            errors.append(f"duplicate {fact.text!r} {fact.kind} {fact.value!r} ({fact.counts})")
        else:
            counts["extra"] += 1
            errors.append(f"extra {fact.text!r} {fact.kind} {fact.value!r} ({fact.counts})")
    return counts, errors


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(arguments[0]) if arguments else DEFAULT_GOLD
    extractor = RuleExtractor(RULES_PIPELINE) if "--rules" in sys.argv else load_extractor()
    totals: Counter = Counter()
    files = sorted((folder / "gold").glob("*.json"))
    skipped = []
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = load_article(folder, gold["article"], gold.get("date"))
        if article is None:
            skipped.append(path.stem)
            continue
        counts, errors = score(article, extractor.extract(article), gold["numbers"])
        totals.update(counts)
        if VERBOSE:
            print(f"   {path.stem}: found {counts['found']}/{counts['gold']}, value {counts['value']}, extra {counts['extra']}")
            for error in errors:
                print(f"      {error}")
    print(f"Numbers against gold: {len(files) - len(skipped)} articles in {folder}, pipeline {extractor.pipeline}")
    if skipped:
        print(f"   skipped, no text in the folder: {', '.join(skipped)}")
    found, gold = totals["found"], totals["gold"]
    print(f"   numbers found          {found}/{gold} = {found / gold:.3f}")
    print(f"   value right (of gold)  {totals['value']}/{gold} = {totals['value'] / gold:.3f}")
    print(f"   value right (of found) {totals['value']}/{found} = {totals['value'] / found:.3f}")
    print(f"   kind right (of found)  {totals['kind']}/{found} = {totals['kind'] / found:.3f}")
    extracted = totals["extracted"]
    print(f"   extracted entries      {extracted}: extra {totals['extra']}, duplicates {totals['duplicates']}, "
          f"precision {(extracted - totals['extra'] - totals['duplicates']) / extracted:.3f}")


if __name__ == "__main__":
    main()
