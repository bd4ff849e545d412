"""Print every question suggestion for the given article files, for a person to rate.

Run: `.venv/bin/python benchmarks/questions_sample.py FILE... [--rules] [--tsv]`

Each file is read as Brief imports it (plain text, Markdown or HTML, gzipped or not). For each
suggestion the script prints its rank, kind, cue, paragraph, the question and the sentence it
comes from; a judge marks each one keep or drop. `--rules` uses the rule-based fallback instead of
the spaCy extractor; `--tsv` prints one tab-separated line per suggestion (file, rank, kind, cue,
paragraph, question, sentence), handy for a spreadsheet of ratings.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.extraction import RULES_PIPELINE, load_extractor  # noqa: E402
from briefings.extraction.rules_engine import RuleExtractor  # noqa: E402
from briefings.readers import read_file  # noqa: E402


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str]) -> int:
    files = [arg for arg in argv if not arg.startswith("--")]
    if not files:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    extractor = RuleExtractor(RULES_PIPELINE) if "--rules" in argv else load_extractor()
    tsv = "--tsv" in argv
    total = 0
    for name in files:
        article = read_file(name)
        suggestions = extractor.extract(article).suggestions
        total += len(suggestions)
        if not tsv:
            print(f"\n=== {name}  ({article.title[:70]!r}, {len(article.paragraphs)} paragraphs, {len(suggestions)} suggestions)")
        for rank, item in enumerate(suggestions, 1):
            fields = (item.kind, item.cue, f"¶{item.paragraph}", item.question, _one_line(item.sentence))
            if tsv:
                print("\t".join((name, str(rank), *fields)))
            else:
                print(f"{rank}. [{item.kind}] cue {item.cue!r} {fields[2]}\n   Q: {item.question}\n   S: {fields[4]}")
    if not tsv:
        print(f"\n{total} suggestions in {len(files)} articles ({extractor.pipeline})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
