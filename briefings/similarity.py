"""The same story told twice: how alike two articles' texts are, by MinHash over word shingles.

Five outlets carry one wire story with their own headlines, a line of their own at the top or
the bottom, and cuts; a page is re-published with a correction. Their bodies still share most
runs of words. An article's text is cut into shingles (every run of `SHINGLE_WORDS` words, case
and punctuation aside) and summed up by a MinHash signature (datasketch): `NUM_PERM` numbers
from which the Jaccard similarity of two shingle sets is estimated without the texts.

Two articles are the same story when their shingle sets overlap by at least `MIN_JACCARD`, and
the overlap is at least `MIN_CONTAINMENT` of the shorter one: a story cut to half its length by
one outlet is still contained in the other's. Articles of fewer than `MIN_SHINGLES` shingles
are not compared: a short notice shares its few phrases with too much.

The store keeps signatures in an LSH index (datasketch's `MinHashLSH`), so an import finds the
candidates among 10,000 briefings without comparing it with each (see `store.similar`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefings.model import Article

NUM_PERM = 128
SEED = 1
#: datasketch's hashing scheme for the signatures (its default since 2.0); stored signatures
#: are only comparable with ones made the same way.
SCHEME = "affine32"
SHINGLE_WORDS = 4
MIN_SHINGLES = 20
MIN_JACCARD = 0.1
MIN_CONTAINMENT = 0.6

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """An article's MinHash signature and the number of its shingles.

    Attributes:
        signature: `NUM_PERM` unsigned 32-bit numbers (a numpy array).
        shingles: How many distinct shingles the text has.
    """

    signature: Any
    shingles: int


def shingles(article: Article) -> set[bytes]:
    """The article body's runs of `SHINGLE_WORDS` words, lower case, punctuation aside.

    The title is left out: outlets write their own headlines over the same story.
    """
    words = [word for paragraph in article.paragraphs for word in _WORD.findall(paragraph.text.casefold())]
    return {" ".join(words[start : start + SHINGLE_WORDS]).encode("utf-8") for start in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(article: Article) -> Fingerprint | None:
    """The article's fingerprint, or None when it is too short to compare."""
    from datasketch import MinHash

    found = shingles(article)
    if len(found) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(found))
    return Fingerprint(minhash.hashvalues.copy(), len(found))


def minhash_of(signature: Any) -> Any:
    """A signature as a MinHash the LSH index takes (the lean kind: no permutations to build)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME)


def resemblance(first: Fingerprint, second: Fingerprint) -> tuple[float, float]:
    """(Jaccard, containment) of two texts, estimated from their fingerprints.

    The containment is the share of the shorter text's shingles found in the other:
    |A ∩ B| = J |A ∪ B| and |A ∪ B| = (|A| + |B|) / (1 + J).
    """
    import numpy

    jaccard = float(numpy.count_nonzero(first.signature == second.signature)) / NUM_PERM
    union = (first.shingles + second.shingles) / (1 + jaccard)
    containment = min(1.0, jaccard * union / min(first.shingles, second.shingles))
    return jaccard, containment


def same_story(first: Fingerprint, second: Fingerprint) -> bool:
    """Whether two fingerprints are of the same story (see the module docstring)."""
    jaccard, containment = resemblance(first, second)
    return jaccard >= MIN_JACCARD and containment >= MIN_CONTAINMENT
