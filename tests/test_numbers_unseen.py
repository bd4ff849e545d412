"""Numbers as an analyst reads them in articles the rules were not written from (issue 12, point 1).

Each test covers a class of error found on the development gold, on text written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.gold_scoring import occurrences
from briefings.extraction.dates import DateReading, resolve
from briefings.exporters.view import number_value
from briefings.extraction.model import Mention, NumberFact
from briefings.extraction.repeats import merge_repeats
from briefings.model import Article, make_paragraphs

pytestmark = [pytest.mark.unit, pytest.mark.model]


def numbers(extractor, paragraphs: list[str], date: dt.date | None = None) -> list[NumberFact]:
    article = Article(title="Test", paragraphs=make_paragraphs(paragraphs), date=date)
    return list(extractor.extract(article).numbers)


def reading(extractor, paragraphs: list[str], date: dt.date | None = None) -> dict[str, tuple]:
    return {fact.text: (fact.kind, fact.value, fact.high, fact.unit, fact.vague) for fact in numbers(extractor, paragraphs, date)}


def test_a_day_or_month_without_a_year_is_in_the_articles_year_unless_far_from_it() -> None:
    november = dt.date(2019, 11, 19)
    assert resolve("as of March 20", november).value == "2019-03-20"
    assert resolve("in April", november).value == "2019-04"
    assert resolve("January 5", dt.date(2019, 12, 28)).value == "2020-01-05"
    assert resolve("December 30", dt.date(2020, 1, 4)).value == "2019-12-30"


def test_a_month_in_a_participle_clause_is_in_the_past(extractor) -> None:
    facts = reading(extractor, ["The levy, approved by the council in October, doubles the fee."], dt.date(2021, 3, 10))
    assert facts["October"][:2] == ("date", "2020-10")


def test_a_date_that_modifies_a_noun_takes_no_tense_from_the_clause(extractor) -> None:
    facts = reading(extractor, ["Reporters will ask about the mayor's June 4 speech."], dt.date(2018, 10, 2))
    assert facts["June 4"][:2] == ("date", "2018-06-04")


def test_words_the_model_runs_into_a_figure_are_left_out(extractor) -> None:
    facts = reading(
        extractor,
        [
            "She was joking about my nine fouls, the coach said.",
            "Forty firms applied for an additional six licences.",
            "Officials expect the fleet to grow to as many as 70 ships, and between 300,000 and one million visitors.",
            "Several hundred people marched.",
        ],
    )
    assert facts["nine"][:2] == ("count", 9)
    assert facts["six"][:2] == ("count", 6)
    assert facts["70"][:2] == ("count", 70)
    assert facts["between 300,000 and one million"][:3] == ("count", 300000, 1000000)
    assert facts["Several hundred"][0] == "count" and facts["Several hundred"][4] is True


def test_a_figure_after_a_persons_name_is_not_part_of_a_name(extractor) -> None:
    facts = reading(extractor, ["Voters who handed Gordon Brown three election defeats stayed home."])
    assert facts["three"][:2] == ("count", 3)


def test_ages_said_of_a_person(extractor) -> None:
    facts = reading(
        extractor,
        [
            "Rahimi, who is about 65, lives in Herat.",
            "Grant, now 41, disliked the job. The board wanted Grant, then 39, to resign.",
            "Karen T. Walsh 37, of Leeds, was charged.",
            "The film is not suitable for children under twelve.",
            "Brown scored 22 points.",
        ],
    )
    assert facts["65"][:4] == ("age", 65, None, "year")
    assert facts["41"][:2] == ("age", 41) and facts["39"][:2] == ("age", 39)
    assert facts["37"][:2] == ("age", 37)
    assert facts["twelve"][:2] == ("age", 12)
    assert facts["22"][:2] == ("count", 22)


def test_lengths_of_time_in_their_many_forms(extractor) -> None:
    facts = reading(
        extractor,
        [
            "Lopez left after six-and-a-half years as manager.",
            "For the last two or three weeks, prices have risen.",
            "The strike could bring a month or two of disruption.",
            "Nine days later, the firm moved out.",
            "Phones are replaced every 24 months.",
            "The team has a week's camp in Spain.",
        ],
    )
    assert facts["six-and-a-half years"][:4] == ("duration", 6.5, None, "year")
    assert facts["last two or three weeks"][:4] == ("duration", 2, 3, "week")
    assert facts["a month or two"][:4] == ("duration", 1, 2, "month")
    assert facts["Nine days later"][:4] == ("duration", 9, None, "day")
    assert facts["every 24 months"][:4] == ("duration", 24, None, "month")
    assert facts["a week"][:4] == ("duration", 1, None, "week")
    those = resolve("those three years", None)
    assert (those.kind, those.value, those.unit) == ("duration", 3, "year")


def test_a_week_after_a_verb_is_a_length_and_after_an_amount_a_rate(extractor) -> None:
    found = numbers(extractor, ["The vote comes a week after the deal collapsed.", "The plant makes 400 cars a week."])
    weeks = [(fact.mention.paragraph, fact.kind, fact.value, fact.unit) for fact in found if "week" in fact.text]
    assert weeks == [(0, "duration", 1, "week")]


def test_years_the_model_hides_in_a_count_or_a_name(extractor) -> None:
    facts = reading(
        extractor,
        [
            "No vote is expected until at least 2031.",
            "Prague changed after the 1989 Velvet Revolution.",
            "The fund gave $2m toward Smith’s 2018 Senate campaign.",
        ],
    )
    assert facts["2031"][:2] == ("date", "2031")
    assert facts["1989"][:2] == ("date", "1989")
    assert facts["2018"][:2] == ("date", "2018")


def test_figures_the_model_takes_for_ordinals(extractor) -> None:
    facts = reading(extractor, ["The bank kept its deposit rate at 50bp, against forecasts of a cut."])
    assert facts["50bp"][:4] == ("percent", 0.5, None, "%")


def test_a_length_and_a_multiple_run_together_are_two_figures(extractor) -> None:
    facts = reading(extractor, ["It earned $9.1m in four days - six times more than its rival."])
    assert facts["four days"][:4] == ("duration", 4, None, "day")
    assert facts["six times"][:2] == ("ratio", 6)


def _fact(text: str, value: object, counts: str, paragraph: int, start: int, kind: str = "count") -> NumberFact:
    mention = Mention(paragraph, start, start + len(text), text)
    return NumberFact(text, kind, value, mention, counts=counts)


def test_a_figure_said_twice_in_one_sentence_is_said_of_two_things() -> None:
    paragraphs = ["The index rose 0.4%, and the pound rose 0.4% too. Later the index held its 0.4% gain."]
    first, second, third = (paragraphs[0].index("0.4%", start) for start in (0, 20, 60))
    facts = [
        _fact("0.4%", 0.4, "index", 0, first, "percent"),
        _fact("0.4%", 0.4, "index", 0, second, "percent"),
        _fact("0.4%", 0.4, "index gain", 0, third, "percent"),
    ]
    merged = merge_repeats(facts, paragraphs)
    assert [(fact.mention.start, [m.start for m in fact.repeats]) for fact in merged] == [(first, [third]), (second, [])]


def test_a_year_is_one_fact_only_for_one_thing_and_a_day_always() -> None:
    paragraphs = ["The film came out in 2012.", "Its sequel was approved in 2012.", "Voting ends on Friday.", "On Friday, results follow."]
    facts = [
        _fact("2012", "2012", "film came", 0, 21, "date"),
        _fact("2012", "2012", "sequel approved", 1, 27, "date"),
        _fact("Friday", "2020-05-08", "voting ends", 2, 16, "date"),
        _fact("Friday", "2020-05-08", "results follow", 3, 3, "date"),
        _fact("8 May", "2020-05-08", "results follow", 3, 3, "date"),
    ]
    merged = merge_repeats(facts, paragraphs)
    assert [(fact.text, fact.mention.paragraph, len(fact.repeats)) for fact in merged] == [
        ("2012", 0, 0),
        ("2012", 1, 0),
        ("Friday", 2, 1),
        ("8 May", 3, 0),
    ]


def test_spans_of_days_months_and_years_keep_both_ends(extractor) -> None:
    assert resolve("9 to 12 March", dt.date(2021, 11, 30)) == DateReading("date", "2021-03-09", inferred=True, high="2021-03-12")
    assert resolve("from 2011 to the present", dt.date(2020, 6, 1)) == DateReading("period", "2011/2020")
    facts = reading(extractor, ["Sales will run between October 2023 and January 2024, the firm said."])
    assert [value[:2] for text, value in facts.items() if "October" in text] == [("period", "2023-10/2024-01")]
    fact = NumberFact("9 to 12 March", "date", "2021-03-09", Mention(0, 0, 13, "9 to 12 March"), high="2021-03-12")
    assert number_value(fact, str) == "2021-03-09\u20132021-03-12"


def test_the_previous_year_counts_from_the_year_just_named(extractor) -> None:
    facts = reading(
        extractor,
        ["Imports fell to $4bn in 2016, down from $7bn the previous year.", "They met in June 2012. The following year, they married."],
        dt.date(2020, 5, 1),
    )
    assert facts["previous year"][:2] == ("date", "2015")
    assert facts["following year"][:2] == ("date", "2013")


def test_shares_of_a_point_rates_of_units_and_a_ranked_few(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The central bank cut its main rate by a quarter-point, then raised it by half a point.",
            "The hybrid manages 60 miles per gallon (25 kilometres per litre) and the cable weighs 2 kg/m.",
            "She is among the top five 1500m runners in Europe.",
        ],
    )
    assert facts["a quarter-point"][:4] == ("percent", 0.25, None, "pp")
    assert facts["half a point"][:4] == ("percent", 0.5, None, "pp")
    assert facts["60 miles per gallon"][:4] == ("quantity", 60, None, "mpg")
    assert facts["25 kilometres per litre"][:4] == ("quantity", 25, None, "km/l")
    assert facts["2 kg/m"][:4] == ("quantity", 2, None, "kg/m")
    assert facts["five"][:2] == ("count", 5)
    assert facts["1500m"][:4] == ("quantity", 1500, None, "m")


def test_temperatures_percent_ranges_clock_times_centuries_and_holidays(extractor) -> None:
    facts = reading(
        extractor,
        [
            "It reached 38C (100F) and fell to -4C overnight.",
            "Fares will rise between 2% and 4% next year.",
            "The rocket lifts off at 0815 GMT.",
            "Mills spread across the north in the late 1700s.",
            "The shop promised delivery by Christmas 2014.",
        ],
        dt.date(2014, 6, 2),
    )
    assert facts["38C"][:4] == ("quantity", 38, None, "°C")
    assert facts["100F"][:4] == ("quantity", 100, None, "°F")
    assert facts["-4C"][:4] == ("quantity", -4, None, "°C")
    assert facts["between 2% and 4%"][:4] == ("percent", 2, 4, "%")
    assert facts["0815 GMT"][:4] == ("time", "08:15", None, "GMT")
    assert facts["late 1700s"][:2] == ("period", "1700/1799")
    assert facts["Christmas 2014"][:2] == ("date", "2014-12-25")
    assert resolve("Good Friday", dt.date(2024, 1, 10)) == DateReading("date", "2024-03-29", inferred=True)
    assert resolve("on Thanksgiving", dt.date(2021, 9, 1)).value == "2021-11-25"


def test_listed_days_of_a_month_seasons_and_one_word_lengths(extractor) -> None:
    facts = reading(
        extractor,
        ["The squad plays on 14 May, 3 and 10 June.", "Last winter the mill closed after a weeklong strike."],
        dt.date(2022, 9, 1),
    )
    assert facts["3"][:2] == ("date", "2022-06-03")
    assert facts["10 June"][:2] == ("date", "2022-06-10")
    assert facts["Last winter"][0] == "date" and facts["Last winter"][4] is True
    assert facts["weeklong"][:4] == ("duration", 1, None, "week")


def test_money_ranges_with_and_clock_times_the_model_misses_and_quarters_of_a_year(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The stadium will cost between £300m and £450m.",
            "The suspect was seen at about 10:45pm near the station.",
            "The bank earned $2bn for the quarter, and a quarter of its staff left.",
        ],
    )
    assert facts["between £300m and £450m"][:4] == ("money", 300e6, 450e6, "GBP")
    assert facts["10:45pm"][:2] == ("time", "22:45")
    assert [value[:2] for text, value in facts.items() if "quarter" in text] == [("date", None), ("ratio", 0.25)]


def test_multiples_and_ages_by_decade_of_life_or_birthday(extractor) -> None:
    facts = reading(
        extractor,
        ["Complaints rose fivefold, and exports grew 12-fold.", "The victim, in his 60s, lived with a woman in her late 40s.", "She turned 50 in June."],
    )
    assert facts["fivefold"][:2] == ("ratio", 5)
    assert facts["12-fold"][:2] == ("ratio", 12)
    assert facts["his 60s"][:4] == ("age", 60, 69, "year")
    assert facts["her late 40s"][:4] == ("age", 46, 49, "year")
    assert facts["50"][:4] == ("age", 50, None, "year")


def test_the_gold_scorer_finds_a_figure_only_where_it_stands_alone() -> None:
    article = Article(title="Test", paragraphs=make_paragraphs(["Sales fell 2.6 percent; his seventh goal.", "Costs rose 6 percent and he scored seven."]))
    assert occurrences(article, {"text": "6 percent"}) == [(1, 11, 20)]
    assert occurrences(article, {"text": "seven"}) == [(1, 35, 40)]
    only_inside = Article(title="Test", paragraphs=make_paragraphs(["Sales fell 2.6 percent."]))
    assert occurrences(only_inside, {"text": "6 percent"}) == [(0, 13, 22)]


def test_ranges_given_with_or(extractor) -> None:
    facts = reading(
        extractor,
        ["We met 30 or 40-year-old farmers, and two or three officials; one or two left.", "Fees rose 4 or 5 percent."],
    )
    assert facts["30 or 40-year-old"][:4] == ("age", 30, 40, "year")
    assert facts["two or three"][:3] == ("count", 2, 3)
    assert facts["one or two"][:3] == ("count", 1, 2)
    assert facts["4 or 5 percent"][:4] == ("percent", 4, 5, "%")
