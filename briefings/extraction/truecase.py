"""Case-normalise shouting text so the language model can read it.

All-caps headlines and paragraphs defeat a cased NER model: "OBAMA & THE MULLAHS" comes out as an
organisation "OBAMA &". Extraction therefore reads a case-normalised copy of such text, with every
character at the same offset as in the original, so offsets found in the copy point straight back
into the article. Each shouted word takes the form the same article uses for it elsewhere (the
"document casing" of truecasing systems), or its form in the gazetteer, or stays lower case for
function words; anything else is written with a capital, as names are.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from briefings.extraction.gazetteer import WORD, Gazetteer

SENTENCE_END = re.compile(r"[.!?:\"\u201c\u201d]\s*$")


def is_shouting(text: str) -> bool:
    """True when most words of two letters or more are in capitals ("BELGRADE 1996-08-30" too)."""
    words = [word for word in WORD.findall(text) if len(word) > 1]
    if len(words) < 2:
        return bool(words) and len(words[0]) > 3 and words[0].isupper() and not any(c.islower() for c in text)
    upper = sum(1 for word in words if word.isupper())
    return upper >= 0.6 * len(words)


def has_shouting(text: str) -> bool:
    """True when `normalise_case` would change something in the text."""
    return is_shouting(text) or bool(_shouted_runs(list(WORD.finditer(text))))


def document_casing(texts: Iterable[str]) -> dict[str, str]:
    """The usual written form of each word in the article's ordinary (non-shouting) text.

    Words at the start of a sentence are skipped: their capital says nothing about the word.
    """
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        if is_shouting(text):
            continue
        for match in WORD.finditer(text):
            word = match.group()
            if word.isupper() and len(word) > 5:
                continue  # a shouted word inside ordinary text is no evidence of its case
            before = text[: match.start()]
            if not before.strip() or SENTENCE_END.search(before):
                continue
            forms[word.casefold()][word] += 1
    return {folded: counter.most_common(1)[0][0] for folded, counter in forms.items()}


def normalise_case(text: str, gazetteer: Gazetteer, casing: dict[str, str] | None = None) -> str:
    """A copy of `text` with its shouted stretches in ordinary case, the same length.

    A stretch is the whole text when it is mostly capitals, or else any run of three or more
    words in capitals (a shouted headline run into the body, as some feeds deliver them).
    """
    casing = casing or {}
    words = [match for match in WORD.finditer(text)]
    if is_shouting(text):
        runs = [words]
    else:
        runs = _shouted_runs(words)
    if not runs:
        return text
    chars = list(text)
    for run in runs:
        for position, match in enumerate(run):
            after_hyphen = match.start() > 0 and text[match.start() - 1] == "-"
            form = _recase(match.group(), position == 0, after_hyphen, gazetteer, casing)
            chars[match.start() : match.end()] = form
    return "".join(chars)


def _shouted_runs(words: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in words:
        if match.group().isupper():
            current.append(match)
            continue
        if sum(1 for word in current if len(word.group()) > 1) >= 3:
            runs.append(current)
        current = []
    if sum(1 for word in current if len(word.group()) > 1) >= 3:
        runs.append(current)
    return runs


def _recase(word: str, first: bool, after_hyphen: bool, gazetteer: Gazetteer, casing: dict[str, str]) -> str:
    if not word.isupper() or word in gazetteer.acronyms:
        return word
    folded = word.casefold()
    if len(word) == 1:
        form = word if word == "I" else folded
    elif folded in casing:
        form = casing[folded]
    elif folded in gazetteer.lowercase_words:
        form = folded
    elif folded in gazetteer.cased_words:
        form = gazetteer.cased_words[folded]
    elif after_hyphen:
        form = folded
    else:
        form = word[0] + word[1:].lower()
    if first:
        form = form[0].upper() + form[1:]
    # Casing never changes length for ASCII; guard against the rare letters whose case forms differ.
    return form if len(form) == len(word) else word
