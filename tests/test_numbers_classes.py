"""Classes of number errors found on the articles that were held out until December 2026 (issue 12,
point 1), each on text written for the test: figures told apart or merged, ages, spans of time,
dates named from the article's date and amounts whose currency comes first."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from briefings.extraction.model import Mention, NumberFact
from briefings.extraction.repeats import merge_repeats

pytestmark = pytest.mark.unit


def _fact(text: str, value: object, counts: str, paragraph: int, start: int, kind: str = "count") -> NumberFact:
    return NumberFact(text, kind, value, Mention(paragraph, start, start + len(text), text), counts=counts)


def test_a_small_count_said_again_is_another_fact_and_a_large_one_the_same() -> None:
    paragraphs = ["Lee had two goals and Ortiz had 10 saves.", "Park also had two goals.", "Kim made 10 saves late on.", "The club paid 240,000 fans.", "All 240,000 fans were refunded."]
    facts = [
        _fact("two", 2.0, "goals", 0, 8),
        _fact("10", 10.0, "saves", 0, 32),
        _fact("two", 2.0, "goals", 1, 14),
        _fact("10", 10.0, "saves", 2, 9),
        _fact("240,000", 240000.0, "fans", 3, 14),
        _fact("240,000", 240000.0, "fans refunded", 4, 4),
    ]
    merged = merge_repeats(facts, paragraphs)
    assert [(fact.text, fact.mention.paragraph, len(fact.repeats)) for fact in merged] == [
        ("two", 0, 0), ("10", 0, 0), ("two", 1, 0), ("10", 2, 0), ("240,000", 3, 1),
    ]  # fmt: skip


def test_a_percentage_is_one_fact_only_when_said_of_the_same_thing() -> None:
    paragraphs = ["Revenue rose 3.5 percent.", "The firm sees growth of 3.5 percent next year.", "Revenue growth of 3.5 percent beat forecasts."]
    facts = [
        _fact("3.5 percent", 3.5, "Revenue", 0, 13, "percent"),
        _fact("3.5 percent", 3.5, "", 1, 26, "percent"),
        _fact("3.5 percent", 3.5, "Revenue growth", 2, 18, "percent"),
    ]
    merged = merge_repeats(facts, paragraphs)
    assert [(fact.mention.paragraph, [m.paragraph for m in fact.repeats]) for fact in merged] == [(0, [2]), (1, [])]


def test_an_abbreviation_does_not_end_the_sentence_a_figure_is_repeated_in() -> None:
    paragraphs = ["A 15 percent tariff was due Dec. 15 on toys, or a 15 percent tariff on shoes would stay. The 15 percent tariff on toys was dropped."]
    text = paragraphs[0]
    starts = [text.index("15 percent", start) for start in (0, 40, 90)]
    facts = [_fact("15 percent", 15.0, "tariff", 0, start, "percent") for start in starts]
    merged = merge_repeats(facts, paragraphs)
    assert [(fact.mention.start, [m.start for m in fact.repeats]) for fact in merged] == [(starts[0], [starts[2]]), (starts[1], [])]


def reading(extractor, paragraphs: list[str], date: dt.date | None = None) -> dict[str, tuple]:
    from briefings.model import Article, make_paragraphs

    article = Article(title="Test", paragraphs=make_paragraphs(paragraphs), date=date)
    return {fact.text: (fact.kind, fact.value, fact.unit) for fact in extractor.extract(article).numbers}


@pytest.mark.model
def test_a_figure_named_as_an_age_is_an_age(extractor) -> None:
    facts = reading(
        extractor,
        [
            "The survey found that 812,000 residents age 16 and older had moved house.",
            "Teachers who retire before age 58 will get smaller pensions.",
            "The senator said the pension age should be raised to 68 for younger workers.",
        ],
    )
    ages = {text: value for text, value in facts.items() if value[0] == "age"}
    assert sorted(value[1] for value in ages.values()) == [16, 58, 68]
    assert all(value[2] == "year" for value in ages.values())
    assert facts["812,000"][:2] == ("count", 812000)


def test_a_month_named_from_the_articles_date_is_fixed_though_the_day_is_open() -> None:
    from briefings.extraction.dates import resolve

    assert resolve("late last month", dt.date(2016, 3, 9)).value == "2016-02"
    assert resolve("earlier this month", dt.date(2016, 3, 9)).value == "2016-03"
    assert resolve("early next month", dt.date(2016, 12, 9)).value == "2017-01"
    assert resolve("earlier this year", dt.date(2016, 3, 9)).vague  # the guidelines: no month, no value
    assert resolve("late last month", None).vague


def test_a_month_named_from_another_is_open_without_the_articles_date() -> None:
    from briefings.extraction.dates import resolve

    assert resolve("last March", None).vague
    assert resolve("March", None).value == "--03"
    assert resolve("last March", dt.date(2016, 7, 1)).value == "2016-03"


def test_a_span_counted_from_an_event_is_a_length() -> None:
    from briefings.extraction.dates import resolve

    assert resolve("the following 12 years", None) == resolve("the next 12 years", None)
    assert resolve("the following 12 years", None).kind == "duration"
    assert resolve("the following 12 years", None).value == 12


@pytest.mark.model
def test_a_figure_after_a_currency_is_an_amount_whatever_the_model_took_it_for(extractor) -> None:
    from spacy.tokens import Span

    from briefings.extraction.spacy_numbers import read_numbers

    text = "Losses fell to dollars 300m (pounds 160m) this year."
    doc = extractor.nlp(text)
    figure = next(token for token in doc if token.text == "160")
    doc.set_ents([Span(doc, figure.i, figure.i + 1, label="PRODUCT")], default="outside")
    facts = {fact.text: (fact.kind, fact.value, fact.unit) for fact in read_numbers(doc, 0, text, None, extractor.gazetteer)}
    assert facts["pounds 160m"] == ("money", 160e6, "GBP")
    written = reading(extractor, ["The union will give the USdollars 35,000 prize to a hospital fund."])
    assert written["USdollars 35,000"] == ("money", 35000, "USD")


@pytest.mark.model
def test_a_year_before_what_it_dates_is_a_year_though_the_model_missed_it(extractor) -> None:
    from briefings.extraction.spacy_numbers import read_numbers

    text = "Holm, known for the classic 1979 film The Long Way Home, sold 1979 copies of it."
    doc = extractor.nlp(text)
    doc.set_ents([], default="outside")  # as the model reads it in some long paragraphs
    facts = [(fact.text, fact.kind, fact.value) for fact in read_numbers(doc, 0, text, None, extractor.gazetteer)]
    assert facts == [("1979", "date", "1979"), ("1979", "count", 1979)]


def test_a_time_ago_given_as_a_bound_keeps_its_length() -> None:
    from briefings.extraction.dates import DateReading, resolve

    assert resolve("more than 40 years ago", dt.date(2016, 6, 13)) == DateReading("duration", 40, "year")
    assert resolve("nearly three decades ago", None) == DateReading("duration", 30, "year")
    assert resolve("31 years ago", dt.date(2016, 6, 13)).value == "1985"  # a date the article's date fixes


def test_a_count_the_model_took_for_a_date_is_a_count() -> None:
    from briefings.extraction.dates import resolve
    from briefings.extraction.figures import Figure, read

    assert read("their last seven", "DATE") == Figure("count", 7)  # "won four of their last seven"
    assert read("the first three", "DATE") == Figure("count", 3)
    assert resolve("the past two seasons", None).vague  # a word of time keeps it a date
    assert resolve("last three days", None).kind == "duration"


def test_an_open_span_named_again_narrowed_or_possessive_is_one_fact() -> None:
    paragraphs = ["Talks open this week.", "A deal may come later this week.", "Voting is next week.", "Next week's vote matters.", "Shares fell Tuesday.", "The listing is next Tuesday."]
    facts = [
        _fact("this week", None, "Talks open", 0, 11, "date"),
        _fact("later this week", None, "deal come", 1, 16, "date"),
        _fact("next week", None, "Voting is", 2, 10, "date"),
        _fact("Next week's", None, "vote matters", 3, 0, "date"),
        _fact("Tuesday", None, "Shares fell", 4, 12, "date"),
        _fact("next Tuesday", None, "listing is", 5, 15, "date"),
    ]
    facts = [dataclasses.replace(fact, vague=True) for fact in facts]
    merged = merge_repeats(facts, paragraphs)
    assert [(fact.text, len(fact.repeats)) for fact in merged] == [("this week", 1), ("next week", 1), ("Tuesday", 0), ("next Tuesday", 0)]
