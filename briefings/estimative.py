"""The estimative-language check: wording in the BLUF and key judgments that would mislead a reader.

ICD 203 (US Intelligence Community Directive 203, Analytic Standards) asks analysts to say how
likely something is with the words of one fixed scale, each with its probability range, and not to
mix that scale with other wording or with the confidence level. This check flags:

- vague terms ("could", "might", "possibly", "suggests" ...) in a sentence that gives no likelihood,
  in a judgment that has none set either;
- likelihood words off the scale ("probably", "highly likely", "nearly certain" ...), with the
  scale word to use instead;
- mixed scales: a scale word that disagrees with the judgment's likelihood, two different scale
  words in one sentence, a percentage outside the likelihood's range, a confidence level used in
  place of a likelihood or in the same sentence as one (ICD 203 says not to combine them), and a
  confidence level in the text that disagrees with the judgment's.

It is a writing aid: every issue says what to write instead. Good wording gives no issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefings.summary import CONFIDENCE_LEVELS, LIKELIHOOD_BY_ID, LIKELIHOODS, Summary


@dataclass(frozen=True, slots=True)
class EstimativeIssue:
    """One piece of wording to fix.

    Attributes:
        text: The offending words, as written.
        start: Where they start in the checked text.
        end: Where they end.
        message: What is wrong and what to write instead.
        where: "bluf", or the id of the judgment (empty from `check_text`).
    """

    text: str
    start: int
    end: int
    message: str
    where: str = ""


#: The scale words, and the adverb ICD 203 itself gives for the top step ("almost certain(ly)").
_ON_SCALE = {likelihood.words: likelihood.id for likelihood in LIKELIHOODS} | {"almost certainly": "almost-certain"}
#: Likelihood wording off the scale, with the step it most nearly means. ICD 203 offers a second
#: row of synonyms ("probable", "highly improbable", "remote"); Brief keeps to the first row so
#: that every briefing reads the same.
_OFF_SCALE = {
    "probably": "likely",
    "probable": "likely",
    "more likely than not": "likely",
    "highly likely": "very-likely",
    "highly probable": "very-likely",
    "very probably": "very-likely",
    "very probable": "very-likely",
    "improbable": "unlikely",
    "improbably": "unlikely",
    "not likely": "unlikely",
    "doubtful": "unlikely",
    "highly unlikely": "very-unlikely",
    "highly improbable": "very-unlikely",
    "remote chance": "almost-no-chance",
    "remote possibility": "almost-no-chance",
    "slim chance": "very-unlikely",
    "even chance": "roughly-even",
    "even odds": "roughly-even",
    "roughly even odds": "roughly-even",
    "fifty-fifty": "roughly-even",
    "50-50": "roughly-even",
    "toss-up": "roughly-even",
    "nearly certain": "almost-certain",
    "virtually certain": "almost-certain",
    "certainly": "almost-certain",
    "certain to": "almost-certain",
    "definitely": "almost-certain",
    "undoubtedly": "almost-certain",
    "without doubt": "almost-certain",
}


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    # Longest first, so that "very unlikely" wins over "unlikely" and "roughly even chance" over "even chance".
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_LIKELIHOOD_WORDS = _phrase_pattern([*_ON_SCALE, *_OFF_SCALE])
_VAGUE = re.compile(
    r"\b(?:could(?!\s+not\b)|might|may|maybe|perhaps|possibly|possible|potentially|conceivably"
    r"|suggests?|suggested|suggesting|cannot\s+(?:be\s+)?rul(?:e|ed)\s+out|appears?\s+to|seems?\s+to)\b",
    re.IGNORECASE,
)
_CONFIDENCE = re.compile(r"\b(low|moderate|medium|high)(?:-|\s+)confidence\b", re.IGNORECASE)
_PERCENT_UNIT = r"\s*(?:%|\bper\s*cent\b|\bpercent\b)"
_PERCENT = re.compile(
    rf"\b(\d{{1,3}}(?:\.\d+)?)(?:(?:{_PERCENT_UNIT})?\s*(?:-|–|to)\s*(\d{{1,3}}(?:\.\d+)?))?{_PERCENT_UNIT}",
    re.IGNORECASE,
)
# A percentage is a probability only when it says so: "a 90% chance", "likely (60%)", "odds of 30%".
_PROBABILITY_AFTER = re.compile(
    r"^\s*\)?\s*(?:\w+\s+){0,2}?(?:chance|probability|likelihood|odds|likely|certain|sure)\b", re.IGNORECASE
)
_PROBABILITY_BEFORE = re.compile(
    r"(?:(?:chance|probability|likelihood|odds)\s+(?:of|is|at)\s+(?:about\s+|around\s+|roughly\s+|some\s+)?"
    r"|(?:likely|unlikely|certain|chance)\s*\(\s*)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _label(likelihood_id: str) -> str:
    likelihood = LIKELIHOOD_BY_ID[likelihood_id]
    return f"“{likelihood.words}” ({likelihood.low}-{likelihood.high}%)"


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() > start:
            spans.append((start, boundary.start()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class _Found:
    """A match inside one sentence, with offsets into the whole text."""

    text: str
    start: int
    end: int
    value: str = ""


def _find_likelihoods(text: str, start: int, end: int) -> list[_Found]:
    found = []
    for match in _LIKELIHOOD_WORDS.finditer(text, start, end):
        phrase = " ".join(match.group().lower().split())
        found.append(_Found(match.group(), match.start(), match.end(), phrase))
    return found


def _find_vague(text: str, start: int, end: int) -> list[_Found]:
    found = []
    for match in _VAGUE.finditer(text, start, end):
        word = match.group()
        # "May" with a capital is the month or a name unless it opens the sentence ("May 2", "Theresa May").
        if word == "May" and (match.start() != start or re.match(r"\s+\d", text[match.end() : end])):
            continue
        if word.lower() == "possible" and re.search(r"\bas\s+$", text[start : match.start()], re.IGNORECASE):
            continue  # "as soon as possible" estimates nothing
        found.append(_Found(word, match.start(), match.end()))
    return found


def _find_percentages(text: str, start: int, end: int) -> list[_Found]:
    """Probabilities written as numbers; value is "low-high" (equal for a single figure)."""
    found = []
    for match in _PERCENT.finditer(text, start, end):
        before = text[max(start, match.start() - 40) : match.start()]
        after = text[match.end() : min(end, match.end() + 40)]
        if not (_PROBABILITY_BEFORE.search(before) or _PROBABILITY_AFTER.match(after)):
            continue
        low = float(match.group(1))
        high = float(match.group(2)) if match.group(2) else low
        found.append(_Found(match.group(), match.start(), match.end(), f"{low:g}-{high:g}"))
    return found


def _percent_issue(percent: _Found, likelihood_id: str, whose: str) -> EstimativeIssue | None:
    likelihood = LIKELIHOOD_BY_ID[likelihood_id]
    low, high = (float(part) for part in percent.value.split("-"))
    if likelihood.low <= low and high <= likelihood.high:
        return None
    fitting = [step for step in LIKELIHOODS if step.low <= low and high <= step.high]
    hint = f"; {percent.text.strip()} is {_label(fitting[0].id)}" if fitting else ""
    return EstimativeIssue(
        percent.text,
        percent.start,
        percent.end,
        f"“{percent.text.strip()}” is outside {whose} likelihood, {_label(likelihood_id)}: "
        f"make the figure and the likelihood agree{hint}",
    )


def _confidence_issues(
    text: str,
    span: tuple[int, int],
    states_likelihood: bool,
    text_has_likelihood: bool,
    likelihood: str,
    confidence: str,
) -> list[EstimativeIssue]:
    issues = []
    for match in _CONFIDENCE.finditer(text, *span):
        level = match.group(1).lower()
        words = match.group()
        if level == "medium":
            message = "Brief's confidence levels are low, moderate and high: write “moderate confidence”"
        elif states_likelihood:
            message = (
                "ICD 203: do not combine a confidence level and a likelihood in one sentence; keep the likelihood "
                "in the wording and put the confidence in the judgment's confidence level"
            )
        elif not likelihood and not text_has_likelihood:
            message = (
                f"“{words}” says how sound the analysis is, not how likely the event is: state a likelihood "
                "from the ICD 203 scale (e.g. “likely” (55-80%)) and set the confidence level apart"
            )
        elif confidence and level != confidence:
            message = (
                f"the text says {level} confidence but the judgment's confidence level is {confidence}: "
                "make them agree, or leave the confidence out of the wording"
            )
        else:
            continue
        issues.append(EstimativeIssue(words, match.start(), match.end(), message))
    return issues


def check_text(text: str, *, likelihood: str = "", confidence: str = "") -> list[EstimativeIssue]:
    """Check one piece of estimative wording; issues in text order.

    Args:
        text: A BLUF or the text of a key judgment.
        likelihood: The judgment's likelihood id, when it has one (see `briefings.summary.LIKELIHOODS`).
        confidence: The judgment's confidence level, when it has one.
    """
    if likelihood and likelihood not in LIKELIHOOD_BY_ID:
        raise ValueError(f"unknown likelihood {likelihood!r}")
    if confidence and confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"unknown confidence {confidence!r}")
    sentences = _sentences(text)
    text_has_likelihood = any(_find_likelihoods(text, *span) for span in sentences)
    issues: list[EstimativeIssue] = []
    for span in sentences:
        words = _find_likelihoods(text, *span)
        on_scale = [word for word in words if word.value in _ON_SCALE]
        percentages = _find_percentages(text, *span)
        first = _ON_SCALE[on_scale[0].value] if on_scale else ""
        for word in words:
            if word.value in _OFF_SCALE:
                meant = _OFF_SCALE[word.value]
                message = f"“{word.text}” is not on the ICD 203 scale Brief uses: write {_label(meant)}"
                if likelihood and meant != likelihood:
                    message += f", or rather {_label(likelihood)}, the judgment's likelihood"
                issues.append(EstimativeIssue(word.text, word.start, word.end, message))
            elif likelihood and _ON_SCALE[word.value] != likelihood:
                issues.append(
                    EstimativeIssue(
                        word.text,
                        word.start,
                        word.end,
                        f"the text says “{word.text}” but the judgment's likelihood is {_label(likelihood)}: "
                        "change the wording or the likelihood so they agree",
                    )
                )
            elif _ON_SCALE[word.value] != first:
                issues.append(
                    EstimativeIssue(
                        word.text,
                        word.start,
                        word.end,
                        f"“{on_scale[0].text}” and “{word.text}” in one sentence mix two likelihoods: "
                        "give each estimate its own sentence, or keep one scale word",
                    )
                )
        reference = likelihood or first
        for percent in percentages:
            whose = "the judgment's" if likelihood else "the sentence's"
            issue = _percent_issue(percent, reference, whose) if reference else None
            if issue:
                issues.append(issue)
        states_likelihood = bool(on_scale or percentages)
        issues += _confidence_issues(text, span, states_likelihood, text_has_likelihood, likelihood, confidence)
        if not (likelihood or on_scale or percentages):
            for vague in _find_vague(text, *span):
                issues.append(
                    EstimativeIssue(
                        vague.text,
                        vague.start,
                        vague.end,
                        f"“{vague.text}” is vague: state how likely it is with a term from the ICD 203 scale, "
                        "such as “likely” (55-80%) or “unlikely” (20-45%)",
                    )
                )
    unique = {(issue.start, issue.end): issue for issue in reversed(issues)}  # the first issue on a span wins
    return sorted(unique.values(), key=lambda issue: (issue.start, issue.end))


def check_summary(summary: Summary) -> list[EstimativeIssue]:
    """Check the BLUF and every key judgment; each issue says where it is ("bluf" or a judgment id)."""
    issues = [replace(issue, where="bluf") for issue in check_text(summary.bluf)]
    for judgment in summary.judgments:
        found = check_text(judgment.text, likelihood=judgment.likelihood, confidence=judgment.confidence)
        issues += [replace(issue, where=judgment.id) for issue in found]
    return issues
