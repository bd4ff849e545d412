"""The estimative-language check on good and bad wording (ICD 203)."""

from __future__ import annotations

import pytest

from briefings.estimative import EstimativeIssue, check_summary, check_text
from briefings.summary import Judgment, Summary
from tests.tools.sample_briefing import sample_briefing

pytestmark = pytest.mark.unit

GOOD = [
    ("Coalition air strikes are likely within weeks of a formal Iraqi request.", "likely", "moderate"),
    (
        "A government consensus on asking for US air support is unlikely while Badr leaders oppose it.",
        "unlikely",
        "low",
    ),
    ("Iran will very likely keep advisers in Tikrit.", "very-likely", "high"),
    ("Strikes are almost certainly coming.", "almost-certain", ""),
    ("It is a roughly even chance that the militias withdraw.", "roughly-even", ""),
    ("There is a 60% chance of a formal request this month.", "likely", ""),
    ("A deal is very unlikely (10%).", "", ""),
    ("The militias could not advance after the first week.", "", ""),  # past fact, not an estimate
    ("The attack began on 2 May. Troops reached the palace on May 9.", "", ""),  # the month
    ("Turnout rose 40% and a coalition request is likely.", "", ""),  # a percentage that is not a probability
    ("Report any change as soon as possible.", "", ""),
    ("We assess this with high confidence.", "likely", "high"),
    ("The United States is flying surveillance for an Iranian-led offensive on Tikrit.", "", ""),
]


@pytest.mark.parametrize(("text", "likelihood", "confidence"), GOOD)
def test_good_wording_gives_no_issues(text: str, likelihood: str, confidence: str) -> None:
    assert check_text(text, likelihood=likelihood, confidence=confidence) == []


BAD = [
    # (text, likelihood, confidence, the flagged words, words the message must contain)
    ("Iran could send more advisers.", "", "", ["could"], ["vague", "“likely” (55-80%)"]),
    ("Iran might send more advisers; this possibly includes artillery.", "", "", ["might", "possibly"], ["vague"]),
    ("The report suggests a buildup.", "", "", ["suggests"], ["ICD 203 scale"]),
    ("Perhaps the militia will withdraw. Potentially, they stay.", "", "", ["Perhaps", "Potentially"], ["vague"]),
    ("Further strikes cannot be ruled out.", "", "", ["cannot be ruled out"], ["vague"]),
    ("May the coalition join?", "", "", ["May"], ["vague"]),
    ("Iran will probably send more advisers.", "", "", ["probably"], ["write “likely” (55-80%)"]),
    ("A deal is highly likely.", "", "", ["highly likely"], ["“very likely” (80-95%)"]),
    ("Iraqi consent is highly improbable.", "", "", ["highly improbable"], ["“very unlikely” (5-20%)"]),
    ("A formal request is nearly certain.", "", "", ["nearly certain"], ["“almost certain” (95-99%)"]),
    ("Strikes will definitely follow.", "", "", ["definitely"], ["almost certain"]),
    ("There is a remote chance of a ceasefire.", "", "", ["remote chance"], ["almost no chance"]),
    ("Iran will probably send more advisers.", "unlikely", "", ["probably"], ["judgment's likelihood", "“unlikely”"]),
    (
        "Coalition strikes are likely within weeks.",
        "unlikely",
        "",
        ["likely"],
        ["judgment's likelihood is “unlikely” (20-45%)"],
    ),
    ("A deal is very likely.", "likely", "", ["very likely"], ["“likely” (55-80%)"]),
    ("A deal is likely, perhaps very likely.", "", "", ["very likely"], ["mix two likelihoods"]),
    ("Strikes are likely but a deal is unlikely.", "", "", ["unlikely"], ["its own sentence"]),
    (
        "There is a 90% chance of a deal.",
        "likely",
        "",
        ["90%"],
        ["outside the judgment's likelihood", "“very likely” (80-95%)"],
    ),
    ("A deal is likely (90%).", "", "", ["90%"], ["outside the sentence's likelihood"]),
    (
        "A deal is unlikely (a 20-60 percent chance).",
        "",
        "",
        ["20-60 percent"],
        ["make the figure and the likelihood agree"],
    ),
    (
        "We have high confidence that Iran will attack.",
        "",
        "",
        ["high confidence"],
        ["not how likely", "state a likelihood"],
    ),
    (
        "We assess with high confidence that an attack is likely.",
        "likely",
        "high",
        ["high confidence"],
        ["do not combine a confidence level and a likelihood in one sentence"],
    ),
    (
        "We assess with medium confidence that Iran will attack.",
        "likely",
        "",
        ["medium confidence"],
        ["“moderate confidence”"],
    ),
    (
        "We assess with low confidence that Iran will attack.",
        "likely",
        "high",
        ["low confidence"],
        ["judgment's confidence level is high"],
    ),
]


@pytest.mark.parametrize(("text", "likelihood", "confidence", "flagged", "advice"), BAD)
def test_bad_wording_is_flagged_with_a_fix(
    text: str, likelihood: str, confidence: str, flagged: list[str], advice: list[str]
) -> None:
    issues = check_text(text, likelihood=likelihood, confidence=confidence)
    assert [issue.text for issue in issues] == flagged
    for issue in issues:
        assert text[issue.start : issue.end] == issue.text
        assert issue.where == ""
    for words in advice:
        assert any(words in issue.message for issue in issues), (words, [i.message for i in issues])


def test_vague_words_are_accepted_when_the_sentence_or_the_judgment_gives_a_likelihood() -> None:
    assert check_text("Iran could send advisers, which is likely.") == []
    assert check_text("Iran could send advisers.", likelihood="likely") == []
    assert [i.text for i in check_text("Iran could send advisers. A deal is likely.")] == ["could"]


def test_issues_come_in_text_order_one_per_span() -> None:
    issues = check_text("Probably a deal. It might fail. A likely and an unlikely outcome.")
    assert [(i.text, i.start) for i in issues] == [("Probably", 0), ("might", 20), ("unlikely", 48)]


def test_check_summary_says_where_each_issue_is() -> None:
    summary = Summary(
        bluf="Iran might escalate.",
        judgments=(
            Judgment("j-good", "Strikes are likely within weeks.", "likely", "moderate", (4,)),
            Judgment("j-bad", "A deal is probably coming.", "very-likely", "high"),
        ),
    )
    issues = check_summary(summary)
    assert [(i.where, i.text) for i in issues] == [("bluf", "might"), ("j-bad", "probably")]
    assert isinstance(issues[0], EstimativeIssue)


def test_the_sample_briefing_summary_is_well_worded() -> None:
    assert check_summary(sample_briefing().summary) == []


def test_unknown_likelihood_or_confidence_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown likelihood"):
        check_text("text", likelihood="probable")
    with pytest.raises(ValueError, match="unknown confidence"):
        check_text("text", confidence="medium")
