"""The analyst's summary of a briefing: BLUF, key judgments, source grade and comments.

The scales are the ones analysts are trained on: likelihood words from ICD 203 (US Intelligence
Community Directive 203, Analytic Standards, 2015) with their probability ranges, three levels of
analytic confidence, and the Admiralty (NATO) grading of source reliability and information
credibility.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Likelihood:
    """One step of the ICD 203 likelihood scale, with its probability range in percent."""

    id: str
    words: str
    low: int
    high: int

    @property
    def label(self) -> str:
        """The words with their range, as shown to the analyst: "likely (55-80%)"."""
        return f"{self.words} ({self.low}-{self.high}%)"


LIKELIHOODS: tuple[Likelihood, ...] = (
    Likelihood("almost-no-chance", "almost no chance", 1, 5),
    Likelihood("very-unlikely", "very unlikely", 5, 20),
    Likelihood("unlikely", "unlikely", 20, 45),
    Likelihood("roughly-even", "roughly even chance", 45, 55),
    Likelihood("likely", "likely", 55, 80),
    Likelihood("very-likely", "very likely", 80, 95),
    Likelihood("almost-certain", "almost certain", 95, 99),
)
LIKELIHOOD_BY_ID = {likelihood.id: likelihood for likelihood in LIKELIHOODS}

CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")

#: Admiralty scale, source reliability.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
#: Admiralty scale, information credibility.
CREDIBILITY: dict[str, str] = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}


@dataclass(frozen=True, slots=True)
class SourceGrade:
    """An Admiralty grade such as B2; either half may be missing while the analyst decides."""

    reliability: str = ""
    credibility: str = ""

    def __post_init__(self) -> None:
        if self.reliability and self.reliability not in RELIABILITY:
            raise ValueError(f"source reliability must be one of A-F, not {self.reliability!r}")
        if self.credibility and self.credibility not in CREDIBILITY:
            raise ValueError(f"information credibility must be one of 1-6, not {self.credibility!r}")

    @property
    def code(self) -> str:
        """The grade as analysts write it ("B2"), or "" when ungraded."""
        return f"{self.reliability}{self.credibility}"

    @property
    def description(self) -> str:
        """The grade in words, for exports and help."""
        parts = []
        if self.reliability:
            parts.append(f"source {RELIABILITY[self.reliability]}")
        if self.credibility:
            parts.append(f"information {CREDIBILITY[self.credibility]}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Judgment:
    """A key judgment: the statement, how likely, how confident, and the paragraphs it rests on."""

    id: str
    text: str
    likelihood: str = ""
    confidence: str = ""
    paragraphs: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.likelihood and self.likelihood not in LIKELIHOOD_BY_ID:
            raise ValueError(f"unknown likelihood {self.likelihood!r}")
        if self.confidence and self.confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"unknown confidence {self.confidence!r}")


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the analyst writes about the article as a whole."""

    bluf: str = ""
    judgments: tuple[Judgment, ...] = ()
    grade: SourceGrade = field(default_factory=SourceGrade)
    comments: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing has been written yet."""
        return not (self.bluf or self.judgments or self.grade.code or self.comments)
