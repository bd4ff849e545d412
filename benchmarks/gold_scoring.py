"""Scoring extraction against the hand-written gold of benchmarks/gold/ (see its README).

A gold set is a folder of JSON files, one per article: the article's source, its date when known,
the actors and the numbers an analyst expects. `evaluate_set` runs an extractor over a set's
articles and scores actors (precision, recall, F1, duplicates, kind accuracy) and numbers (found,
value right, kind right, repeated entries). `benchmarks/extraction_eval.py` prints the figures
of the development and held-out sets side by side.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefings.extraction.model import Extraction, NumberFact
from briefings.model import Article
from briefings.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold"
SETS = {"development": GOLD / "dev", "held-out": GOLD / "heldout"}
#: Relative tolerance for a number's value: gold ratios are written with four significant digits.
VALUE_TOLERANCE = 5e-4


@dataclass
class GoldArticle:
    """One article of a gold set: where its text is, its date, and what an analyst expects."""

    name: str
    source: str
    date: dt.date | None
    actors: list[dict]
    numbers: list[dict] | None  # None: this article's numbers were not annotated

    def path(self, eval_dir: Path) -> Path:
        where, _, relative = self.source.partition(":")
        base = {"eval": eval_dir, "gold": GOLD, "project": ROOT}[where]
        return base / relative

    def read(self, eval_dir: Path) -> Article:
        """The article as Brief reads it, dated as the annotator dated it: relative dates are
        scored against what the annotator knew (a page's metadata date the annotator did not
        see would make "Tuesday" resolvable for Brief and vague in the gold)."""
        return dataclasses.replace(read_file(self.path(eval_dir)), date=self.date)


def load_set(folder: Path) -> list[GoldArticle]:
    articles = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        articles.append(GoldArticle(path.stem, data["source"], date, data.get("actors", []), data.get("numbers")))
    return articles


# Actors ----------------------------------------------------------------------------------------


def normal(name: str) -> str:
    """A name for comparison: case-folded, "the" and possessives dropped, hyphens as spaces."""
    name = name.replace("\u2019", "'").casefold()
    name = re.sub(r"'s?$", "", name.strip())
    name = re.sub(r"^the\s+", "", name)
    return " ".join(name.replace("-", " ").replace(".", "").split())


def score_actors(gold: list[dict], predicted: list[tuple[str, str, tuple[str, ...]]]) -> Counter:
    """Match predicted (name, kind, aliases) to gold actors.

    A predicted actor matches a gold actor when its name, or failing that one of its aliases,
    equals a gold name or alias. Each gold actor is matched once; a second predicted actor for
    the same gold actor is a duplicate and counts against precision. Optional gold actors are
    neither rewarded nor penalised.
    """
    names = [{normal(g["name"]), *(normal(a) for a in g.get("aliases", ()))} for g in gold]
    matched: set[int] = set()
    result: Counter = Counter()
    errors = []
    for name, kind, aliases in predicted:
        options = [n for n, known in enumerate(names) if normal(name) in known]
        if not options:
            options = [n for n, known in enumerate(names) if known & {normal(a) for a in aliases}]
        if not options:
            result["fp"] += 1
            errors.append(f"extra {name} ({kind})")
            continue
        free = [n for n in options if n not in matched]
        if not free:
            if all(gold[n].get("optional") for n in options):
                continue
            result["fp"] += 1
            result["duplicates"] += 1
            errors.append(f"duplicate {name} of {gold[options[0]]['name']}")
            continue
        index = free[0]
        matched.add(index)
        if gold[index].get("optional"):
            continue
        result["tp"] += 1
        result["kind_right"] += kind == gold[index]["kind"]
        if kind != gold[index]["kind"]:
            errors.append(f"kind {name}: {kind}, gold {gold[index]['kind']}")
    required = [n for n, g in enumerate(gold) if not g.get("optional")]
    result["gold"] = len(required)
    result["found"] = sum(1 for n in required if n in matched)
    errors.extend(f"missed {gold[n]['name']}" for n in required if n not in matched)
    result["errors"] = errors  # type: ignore[assignment]
    return result


# Numbers ---------------------------------------------------------------------------------------

#: Kinds whose unit must be right too for the value to count as right.
UNIT_KINDS = {"money", "percent", "quantity", "duration", "age", "time"}


def _positions(text: str, part: str) -> list[int]:
    found, start = [], text.find(part)
    while start >= 0:
        found.append(start)
        start = text.find(part, start + 1)
    return found


def occurrences(article: Article, gold: dict) -> list[tuple[int, int, int]]:
    """Where a gold number's text is in the article: (paragraph, start, end), narrowed to the
    gold's `context` when it gives one (the same figure can stand for several things), and to
    where it stands as a figure of its own: "6 percent" is not in "2.6 percent", "seven" not in
    "seventh", "10" not in "112-107" (unless the text is nowhere else)."""
    found = []
    for paragraph in article.paragraphs:
        text = paragraph.text
        windows = [(0, len(text))]
        if gold.get("context"):
            windows = [(i, i + len(gold["context"])) for i in _positions(text, gold["context"])] or windows
        for low, high in windows:
            found.extend((paragraph.index, i, i + len(gold["text"])) for i in _positions(text, gold["text"]) if low <= i < high)
    whole = [(index, start, end) for index, start, end in found if _whole(article.paragraphs[index].text, start, end)]
    return whole or found


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word or figure."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if text[start].isalnum() and (before.isalnum() or before in ".," and text[start - 2 : start - 1].isdigit()):
        return False
    return not (text[end - 1].isalnum() and (after.isalnum() or after in ".," and text[end + 1 : end + 2].isdigit() and text[end - 1].isdigit()))


def _covers(fact: NumberFact, places: list[tuple[int, int, int]]) -> bool:
    mentions = (fact.mention, *getattr(fact, "repeats", ()))
    return any(m.paragraph == p and m.start < end and start < m.end for m in mentions for p, start, end in places)


def _same(gold: object, ours: object) -> bool:
    if gold is None or ours is None:
        return gold is None and ours is None
    if isinstance(gold, (int, float)) and isinstance(ours, (int, float)):
        return abs(gold - ours) <= VALUE_TOLERANCE * max(1.0, abs(gold), abs(ours))
    return str(gold) == str(ours)


def value_right(gold: dict, fact: NumberFact) -> bool:
    """Kind, value, a range's upper bound and, where it matters, the unit as the gold gives them."""
    if fact.kind != gold["kind"] or not _same(gold.get("value"), fact.value):
        return False
    if not _same(gold.get("high"), getattr(fact, "high", None)):
        return False
    return fact.kind not in UNIT_KINDS or fact.unit == (gold.get("unit") or "")


def score_numbers(gold: list[dict], article: Article, predicted: tuple[NumberFact, ...]) -> Counter:
    """Match gold numbers to predicted ones by where they are in the article, one to one.

    found: required gold numbers a predicted number covers; value right and kind right: of those
    found (value right of those with a value); extra: predicted numbers covering no gold number;
    repeats: further predicted entries for a gold number, which the pane should have merged.
    """
    result: Counter = Counter()
    errors = []
    used: set[int] = set()
    covered: set[int] = set()
    for entry in gold:
        places = occurrences(article, entry)
        candidates = [index for index, fact in enumerate(predicted) if _covers(fact, places)]
        covered.update(candidates)
        free = [index for index in candidates if index not in used]
        chosen = next((index for index in free if value_right(entry, predicted[index])), free[0] if free else None)
        if chosen is not None:
            used.add(chosen)
        if entry.get("optional"):
            continue
        result["gold"] += 1
        label = f"{entry['text']!r} ({entry['kind']} {entry.get('value')}" + (f"-{entry['high']}" if "high" in entry else "") + ")"
        if chosen is None:
            errors.append(f"missed {label}")
            continue
        fact = predicted[chosen]
        result["found"] += 1
        result["kind_right"] += fact.kind == entry["kind"]
        if entry.get("value") is not None:
            result["found_with_value"] += 1
            result["value_right"] += value_right(entry, fact)
        if not value_right(entry, fact):
            high = getattr(fact, "high", None)
            errors.append(f"wrong {label}: {fact.kind} {fact.value}" + (f"-{high}" if high is not None else "") + f" {fact.unit}".rstrip())
    result["predicted"] = len(predicted)
    result["extra"] = len(predicted) - len(covered | used)
    result["repeats"] = len(covered - used)
    result["errors"] = errors  # type: ignore[assignment]
    return result


# Sets ------------------------------------------------------------------------------------------


@dataclass
class SetScore:
    """Totals over a set, and per-article errors for --verbose."""

    articles: int = 0
    skipped: int = 0
    actors: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    numbered_articles: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, actors: Counter, numbers: Counter | None) -> None:
        self.articles += 1
        self.errors[name] = list(actors.pop("errors"))
        self.actors.update(actors)
        if numbers is not None:
            self.numbered_articles += 1
            self.errors[name] += list(numbers.pop("errors"))
            self.numbers.update(numbers)

    def actor_figures(self) -> dict[str, float]:
        tp, fp = self.actors["tp"], self.actors["fp"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = self.actors["found"] / self.actors["gold"] if self.actors["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        kinds = self.actors["kind_right"] / tp if tp else 0.0
        return {"P": precision, "R": recall, "F": f1, "duplicates": self.actors["duplicates"], "kind right": kinds}

    def number_figures(self) -> dict[str, float]:
        numbers = self.numbers
        return {
            "found": numbers["found"] / numbers["gold"] if numbers["gold"] else 0.0,
            "value right": numbers["value_right"] / numbers["found_with_value"] if numbers["found_with_value"] else 0.0,
            "kind right": numbers["kind_right"] / numbers["found"] if numbers["found"] else 0.0,
            "repeats": numbers["repeats"],
            "extra": numbers["extra"],
            "gold": numbers["gold"],
        }


def evaluate_set(
    folder: Path, eval_dir: Path, extract: Callable[[Article], Extraction]
) -> SetScore:
    """Score an extractor on every article of a gold set whose text is available here."""
    score = SetScore()
    for gold in load_set(folder):
        path = gold.path(eval_dir)
        if not path.exists():
            score.skipped += 1
            continue
        article = gold.read(eval_dir)
        extraction = extract(article)
        actors = score_actors(gold.actors, [(a.name, a.kind, a.aliases) for a in extraction.actors])
        numbers = score_numbers(gold.numbers, article, extraction.numbers) if gold.numbers is not None else None
        score.add(gold.name, actors, numbers)
    return score
