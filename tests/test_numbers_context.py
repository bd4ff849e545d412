"""Numbers whose reading the words around them decide (issue 12, point 1): the tense a weekday
or month is said in, what "points" and "pounds" measure, ranges that repeat their unit, currency
signs written as letters. Each test is on text written for it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.extraction.model import NumberFact
from briefings.model import Article, make_paragraphs

pytestmark = [pytest.mark.unit, pytest.mark.model]

WEDNESDAY = dt.date(2019, 11, 20)


def reading(extractor, paragraphs: list[str], date: dt.date | None = WEDNESDAY) -> dict[str, tuple]:
    article = Article(title="Test", paragraphs=make_paragraphs(paragraphs), date=date)
    facts: list[NumberFact] = list(extractor.extract(article).numbers)
    return {fact.text: (fact.kind, fact.value, fact.unit, fact.high) for fact in facts}


def test_a_weekday_said_of_a_verb_in_the_present_is_the_coming_one(extractor) -> None:
    facts = reading(
        extractor,
        [
            "Saturday is the 75th anniversary of the act.",
            "The planning board meets on Monday to decide.",
            "Leaders will gather ahead of Tuesday's summit.",
        ],
    )
    assert facts["Saturday"][:2] == ("date", "2019-11-23")
    assert facts["Monday"][:2] == ("date", "2019-11-25")
    assert facts["Tuesday"][:2] == ("date", "2019-11-26")


def test_a_weekday_under_a_noun_or_after_since_stays_in_the_past(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The cyclist is in hospital after a crash on Saturday.",
            "Rescue teams are searching the rubble since Monday.",
        ],
    )
    assert facts["Saturday"][:2] == ("date", "2019-11-16")
    assert facts["Monday"][:2] == ("date", "2019-11-18")


def test_an_infinitive_looks_ahead_only_from_a_verb_not_in_the_past(extractor) -> None:
    facts = reading(
        extractor,
        [
            "After its decision to back the embargo in June, the council wavered.",
            "The envoy flew to Oslo to meet the rebels on Tuesday.",
            "The union plans to strike on Friday.",
        ],
    )
    assert facts["June"][:2] == ("date", "2019-06")
    assert facts["Tuesday"][:2] == ("date", "2019-11-19")
    assert facts["Friday"][:2] == ("date", "2019-11-22")


def test_points_of_an_index_of_a_poll_and_of_a_game(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The FTSE 100 index fell 45.6 points to 7,120.35 in early trade.",
            "The governor won re-election by 12 points, and turnout rose 3 points.",
            "Okafor scored 27 points as the team won the game.",
        ],
    )
    assert facts["45.6 points"][:3] == ("quantity", 45.6, "points")
    assert facts["7,120.35"][:3] == ("quantity", 7120.35, "points")
    assert facts["12 points"][:3] == ("percent", 12, "pp")
    assert facts["3 points"][:3] == ("percent", 3, "pp")
    assert facts["27"][:3] == ("count", 27, "")


def test_pounds_are_a_weight_unless_the_words_make_them_money(extractor) -> None:
    facts = reading(
        extractor,
        [
            "At his last check-up the senator came in at 231 pounds.",
            "Customs officers found 80 pounds of heroin and a 500-pound safe.",
            "The striker, who weighs 190 pounds, was fined 20,000 pounds.",
            "A season ticket costs 450 pounds, and the club lost 3 million pounds.",
            "Entry is £6 for adults and 4 pounds for children.",
        ],
    )
    assert facts["231 pounds"][:3] == ("quantity", 231, "lb")
    assert facts["80 pounds"][:3] == ("quantity", 80, "lb")
    assert facts["500-pound"][:3] == ("quantity", 500, "lb")
    assert facts["190 pounds"][:3] == ("quantity", 190, "lb")
    assert facts["20,000 pounds"][:3] == ("money", 20000, "GBP")
    assert facts["450 pounds"][:3] == ("money", 450, "GBP")
    assert facts["3 million pounds"][:3] == ("money", 3_000_000, "GBP")
    assert facts["4 pounds"][:3] == ("money", 4, "GBP")


def test_ranges_that_repeat_their_unit_or_suspend_it_keep_both_ends(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The new model will travel 190 miles to more than 260 miles on one charge.",
            "The bank will buy bonds with maturities of 5- to 10-years.",
            "The limit was cut from 70 miles to 50 miles.",
        ],
    )
    assert facts["190 miles to more than 260 miles"] == ("quantity", 190, "mi", 260)
    assert facts["5- to 10-years"] == ("duration", 5, "year", 10)
    assert facts["70 miles"][:3] == ("quantity", 70, "mi") and facts["50 miles"][:3] == ("quantity", 50, "mi")


def test_odds_are_not_read_into_a_rate_and_a_figure_does_not_end_in_a_comma(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The governor wants the bank to raise its rate from zero to 1 percent, then hold it.",
            "Debt grew from 15 to 1, to over 22 to 1, peaking at 30 to 1.",
        ],
    )
    assert facts["1 percent"][:3] == ("percent", 1, "%")
    assert facts["22 to 1"][:2] == ("ratio", 22)


def test_currency_signs_written_as_letters(extractor) -> None:
    facts = reading(
        extractor,
        ["The court awarded N250m in damages, and the firm owes KSh4bn and N75,000; staff wore N95 masks on the R2 road."],
    )
    assert facts["N250m"][:3] == ("money", 250_000_000, "NGN")
    assert facts["KSh4bn"][:3] == ("money", 4_000_000_000, "KES")
    assert facts["N75,000"][:3] == ("money", 75_000, "NGN")
    assert not any(text.startswith(("N95", "R2 ", "95", "2")) for text in facts)


def test_rates_ages_counts_and_years_the_words_around_them_give(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The camera records at 120 frames a second.",
            "Her uncle, who is about 80, lives nearby.",
            "The defender was handed a one-game ban.",
            "She won 9 races in 2011 - four of them abroad.",
            "Brokers expect margins to widen over FY2021-23.",
            "Turnout was 61.2pc.",
        ],
    )
    assert facts["120 frames a second"][:3] == ("quantity", 120, "fps")
    assert facts["80"][:3] == ("age", 80, "year")
    assert facts["one"][:2] == ("count", 1)
    assert facts["2011"][:2] == ("date", "2011") and facts["four"][:2] == ("count", 4)
    assert facts["FY2021-23"][:2] == ("period", "2021/2023")
    assert facts["61.2pc"][:3] == ("percent", 61.2, "%")


def test_a_clock_time_without_am_or_pm_that_times_an_event_is_in_the_afternoon(extractor) -> None:
    facts = reading(extractor, ["The league moved the derby from a 3:05 kickoff to an earlier slot, and the tremor struck at 4:40."])
    assert facts["3:05"][:2] == ("time", "15:05")
    assert facts["4:40"][:2] == ("time", "04:40")
