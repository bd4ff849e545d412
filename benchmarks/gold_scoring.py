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
        """The article as Brief reads it, with the gold's date when the file gives none."""
        article = read_file(self.path(eval_dir))
        if article.date is None and self.date is not None:
            article = dataclasses.replace(article, date=self.date)
        return article


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


def _surface(text: str) -> str:
    text = text.casefold().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    return " ".join(text.split())


def _overlaps(gold_text: str, fact: NumberFact) -> bool:
    gold = _surface(gold_text)
    return any(gold in _surface(text) or _surface(text) in gold for text in _texts(fact))


def _texts(fact: NumberFact) -> list[str]:
    return [fact.text, *(mention.text for mention in getattr(fact, "repeats", ()))]


def _same_value(gold: object, ours: object) -> bool:
    if gold is None or ours is None:
        return gold is None and ours is None
    if isinstance(gold, (int, float)) and isinstance(ours, (int, float)):
        return abs(gold - ours) <= VALUE_TOLERANCE * max(1.0, abs(gold), abs(ours))
    return str(gold) == str(ours)


def value_right(gold: dict, fact: NumberFact) -> bool:
    """The value (and for ranges the upper bound) as the gold gives it; vague for vague gold."""
    if gold.get("value") is None:
        return fact.vague or fact.value is None
    if not _same_value(gold["value"], fact.value):
        return False
    return "high" not in gold or _same_value(gold["high"], getattr(fact, "high", None))


def score_numbers(gold: list[dict], predicted: tuple[NumberFact, ...]) -> Counter:
    """Match gold numbers to predicted ones by their text (one to one, in article order).

    found: required gold numbers some predicted number covers (its text contains the gold's or
    the other way round); value right and kind right: of those found with a value, how many
    carry the gold's value (and bounds) and kind; repeats: predicted entries that repeat another's
    fact (same kind, value and unit), which the pane should have merged.
    """
    result: Counter = Counter()
    errors = []
    free = list(predicted)
    for entry in gold:
        match = next((fact for fact in free if _overlaps(entry["text"], fact)), None)
        if match is not None:
            free.remove(match)
        if entry.get("optional"):
            continue
        result["gold"] += 1
        has_value = entry.get("value") is not None
        result["with_value"] += has_value
        if match is None:
            errors.append(f"missed {entry['text']!r} ({entry['kind']} {entry.get('value')})")
            continue
        result["found"] += 1
        right = value_right(entry, match)
        if has_value:
            result["value_right"] += right
            result["found_with_value"] += 1
        result["kind_right"] += match.kind == entry["kind"]
        if not right or match.kind != entry["kind"]:
            ours = f"{match.kind} {match.value}" + (f"-{match.high}" if getattr(match, "high", None) is not None else "")
            theirs = f"{entry['kind']} {entry.get('value')}" + (f"-{entry['high']}" if "high" in entry else "")
            errors.append(f"wrong {entry['text']!r}: {ours} {match.unit}, gold {theirs} {entry.get('unit', '')}")
    seen = Counter((fact.kind, str(fact.value), fact.unit, fact.counts) for fact in predicted if fact.value is not None)
    result["repeats"] = sum(count - 1 for count in seen.values())
    result["predicted"] = len(predicted)
    result["unmatched"] = len(free)
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
        extraction = extract(gold.read(eval_dir))
        actors = score_actors(gold.actors, [(a.name, a.kind, a.aliases) for a in extraction.actors])
        numbers = score_numbers(gold.numbers, extraction.numbers) if gold.numbers is not None else None
        score.add(gold.name, actors, numbers)
    return score
