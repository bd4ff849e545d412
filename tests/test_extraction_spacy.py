"""Extraction with the spaCy model on the bundled sample and on short texts written for the tests."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import briefings.extraction as extraction_package
from briefings.extraction import PIPELINE_VERSION, RULES_PIPELINE, load_extractor
from briefings.extraction.model import Actor, Extraction
from briefings.extraction.questions import suggestion_id
from briefings.extraction.rules_engine import RuleExtractor
from briefings.model import Article, make_paragraphs
from briefings.readers import read_file

pytestmark = [pytest.mark.unit, pytest.mark.model]


@pytest.fixture(scope="module")
def sample(extractor) -> tuple[Article, Extraction]:
    path = Path(__file__).resolve().parent.parent / "briefings" / "samples" / "000_6ec8421da3f37b6e.txt"
    article = read_file(path)
    assert article.date == dt.date(2015, 3, 25)
    return article, extractor.extract(article)


def actor(result: Extraction, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in result.actors]}"
    return found[0]


def all_names(result: Extraction) -> set[str]:
    return {name.casefold() for a in result.actors for name in (a.name, *a.aliases)}


def text(paragraphs: list[str], date: dt.date | None = None) -> Article:
    return Article(title="Test", paragraphs=make_paragraphs(paragraphs), date=date)


# The sample article ------------------------------------------------------------------------------


def test_iran_iranian_and_tehran_are_one_state(sample) -> None:
    _, result = sample
    iran = actor(result, "Iran")
    assert iran.kind == "state"
    assert {"Iranian", "Tehran"} <= set(iran.aliases)
    assert not {"iranian", "tehran"} & {a.name.casefold() for a in result.actors}


def test_the_united_states_is_one_state(sample) -> None:
    _, result = sample
    united_states = actor(result, "United States")
    assert united_states.kind == "state"
    assert {"US", "American"} <= set(united_states.aliases)
    assert united_states.count >= 8
    assert not {"us", "america", "american"} & {a.name.casefold() for a in result.actors}


def test_isil_and_its_long_form_are_one_actor(sample) -> None:
    _, result = sample
    isil = [a for a in result.actors if "Isil" in (a.name, *a.aliases)]
    assert len(isil) == 1
    assert "Islamic State of Iraq and the Levant" in (isil[0].name, *isil[0].aliases)
    assert isil[0].kind in ("organisation", "group")


def test_people_have_their_roles(sample) -> None:
    _, result = sample
    suleimani = actor(result, "Qassem Suleimani")
    assert suleimani.kind == "person" and "head of the" in suleimani.role
    dempsey = actor(result, "Martin Dempsey")
    assert "chairman of the US joint chiefs of staff" in dempsey.role
    assert "General" in dempsey.role
    assert actor(result, "Hadi al-Ameri").kind == "person"


def test_places_are_apart_from_actors(sample) -> None:
    _, result = sample
    assert "Tikrit" in {place.name for place in result.places}
    assert "tikrit" not in all_names(result)


def test_labels_alone_are_not_actors_but_groups_are(sample) -> None:
    _, result = sample
    assert not {"shia", "sunni", "arab"} & {a.name.casefold() for a in result.actors}
    assert actor(result, "Shia militia").kind == "group"
    assert actor(result, "Sunni tribesmen").kind == "group"
    assert actor(result, "US-led coalition").kind == "group"
    assert actor(result, "Iraqi army").kind in ("group", "organisation")


def test_numbers_say_what_they_count(sample) -> None:
    _, result = sample
    facts = {fact.text: fact for fact in result.numbers}
    assert facts["18,000"].value == 18000 and facts["18,000"].counts == "Shia militiamen"
    assert "members of the regular army" in next(f.counts for f in result.numbers if f.value == 3000)


def test_dates_are_resolved_or_marked_vague(sample) -> None:
    _, result = sample
    facts = {fact.text.casefold(): fact for fact in result.numbers}
    assert facts["march 2"].kind == "date" and facts["march 2"].value == "2015-03-02" and facts["march 2"].inferred
    assert facts["recent days"].vague and facts["recent days"].value is None
    assert (facts["last year"].value, facts["last year"].inferred, facts["last year"].vague) == ("2014", False, False)


def test_the_timeline_holds_the_fixed_dates_in_order(sample) -> None:
    _, result = sample
    values = [fact.value for fact in result.timeline]
    assert values == sorted(values) and "2015-03-02" in values and "2003" in values
    assert all(not fact.vague for fact in result.timeline)


def test_the_dateline_is_not_content(sample) -> None:
    article, result = sample
    assert article.source and article.source.startswith("The Telegraph")
    dateline = article.paragraphs[0].text.index("Officials")
    assert all(m.paragraph or m.start >= dateline for a in result.actors for m in a.mentions)
    assert "united kingdom" not in all_names(result)


def test_question_suggestions_from_hedges_pending_events_and_unnamed_sources(sample) -> None:
    _, result = sample
    awaiting = [s for s in result.suggestions if "said to be awaiting" in s.sentence]
    assert {s.kind for s in awaiting} & {"hedge", "pending"}
    assert any("formal request" in s.question for s in awaiting)
    official = [s for s in result.suggestions if s.kind == "unnamed-source" and "coalition" in s.sentence]
    assert official and "official" in official[0].question and "coalition" in official[0].question
    for item in result.suggestions:
        assert item.question.endswith("?") and item.question != item.sentence


def test_suggestion_ids_are_stable(sample, extractor) -> None:
    article, result = sample
    again = extractor.extract(article)
    assert [s.id for s in again.suggestions] == [s.id for s in result.suggestions]
    first = result.suggestions[0]
    digest = article.paragraphs[first.paragraph].anchor.digest
    assert first.id == suggestion_id(digest, first.cue, first.kind, first.mention.start)


def test_mentions_point_into_the_article(sample) -> None:
    article, result = sample
    for item in (*result.actors, *result.places):
        for mention in item.mentions:
            assert article.paragraphs[mention.paragraph].text[mention.start : mention.end] == mention.text
    for fact in result.numbers:
        assert article.paragraphs[fact.paragraph].text[fact.mention.start : fact.mention.end] == fact.text


def test_round_trip_through_json(sample) -> None:
    _, result = sample
    assert result.engine == "spacy" and result.pipeline.startswith(PIPELINE_VERSION)
    restored = Extraction.from_dict(json.loads(json.dumps(result.to_dict())))
    assert restored == result


# Short texts -----------------------------------------------------------------------------------


def test_an_acronym_defined_in_the_text(extractor) -> None:
    result = extractor.extract(
        text(["The National Fisheries Authority (NFA) said catches fell.", "A spokesman for the NFA declined to comment."])
    )
    authority = actor(result, "National Fisheries Authority")
    assert authority.count == 3 and "NFA" in authority.aliases


def test_an_all_caps_headline_is_read(extractor) -> None:
    shout = "PRIME MINISTER THERESA MAY MEETS ANGELA MERKEL IN BERLIN"
    result = extractor.extract(text([shout, "Theresa May met the German chancellor."]))
    merkel = actor(result, "Angela Merkel")
    assert merkel.kind == "person" and merkel.mentions[0].text == "ANGELA MERKEL"
    assert actor(result, "Theresa May").count == 2
    assert "Berlin" in {place.name for place in result.places}


def test_numbers_in_names_are_not_figures(extractor) -> None:
    result = extractor.extract(text(["The G7 meeting was shown on BBC2 under section 5 of the act to 300 people."]))
    assert [(fact.text, fact.value) for fact in result.numbers] == [("300", 300)]
    result = extractor.extract(text(["The 4x100m relay team met the prime minister at No 10 with 25 fans."]))
    assert [(fact.text, fact.value) for fact in result.numbers] == [("25", 25)]


def test_metres_before_a_dimension_are_not_millions(extractor) -> None:
    facts = facts_of(extractor, ["The mural is 3.5m high and 9m long, and 4.5m people saw it."])
    assert facts["3.5m"] == ("quantity", 3.5, "m", None)
    assert facts["9m"] == ("quantity", 9, "m", None)
    assert facts["4.5m"] == ("count", 4_500_000, "", None)
    race = facts_of(extractor, ["She won the 400m hurdles and pulled away over the last 100m."])
    assert race["400m"] == ("quantity", 400, "m", None) and race["100m"] == ("quantity", 100, "m", None)


def test_a_span_of_time_to_a_date_is_a_duration_and_a_date(extractor) -> None:
    facts = facts_of(extractor, ["Profits rose in the three months to 30 June 2003, the firm said."])
    assert facts["three months"] == ("duration", 3, "month", None)
    assert facts["30 June 2003"] == ("date", "2003-06-30", "", None)


def test_a_year_and_a_count_run_together_are_two_facts(extractor) -> None:
    result = extractor.extract(text(["Since 1998 14 consulates have been closed."]))
    assert [(fact.text, fact.kind, fact.value) for fact in result.numbers] == [("1998", "date", "1998"), ("14", "count", 14)]


def test_a_model_number_named_once_is_a_name_everywhere(extractor) -> None:
    result = extractor.extract(
        text(["The carrier cut its 777x order and bought 40 jets.", "The 777 programme was delayed, and a 2024 launch is planned."])
    )
    assert [(fact.text, fact.kind, fact.value) for fact in result.numbers] == [("40", "count", 40), ("2024", "date", "2024")]


def test_money_percent_and_number_words(extractor) -> None:
    result = extractor.extract(
        text(["The firm paid £2.4bn ($3.1bn) for a 44% stake, and two million people watched as 1.5 million votes were cast."])
    )
    facts = {fact.text: fact for fact in result.numbers}
    assert (facts["£2.4bn"].kind, facts["£2.4bn"].value, facts["£2.4bn"].unit) == ("money", 2.4e9, "GBP")
    assert (facts["$3.1bn"].value, facts["$3.1bn"].unit) == (3.1e9, "USD")
    assert (facts["44%"].kind, facts["44%"].value) == ("percent", 44)
    assert facts["two million"].value == 2_000_000 and facts["two million"].counts == "people"
    assert facts["1.5 million"].value == 1_500_000


def facts_of(extractor, paragraphs: list[str], date: dt.date | None = None) -> dict[str, tuple]:
    """Each number as (kind, value, unit, high), by its text."""
    result = extractor.extract(text(paragraphs, date))
    return {fact.text: (fact.kind, fact.value, fact.unit, fact.high) for fact in result.numbers}


def test_magnitudes_apply_to_money_the_model_splits(extractor) -> None:
    facts = facts_of(extractor, ["The council borrowed $34m from banks and £720m from savers.", "Exports were worth 512m euros."])
    assert facts["$34m"] == ("money", 34_000_000, "USD", None)
    assert facts["£720m"] == ("money", 720_000_000, "GBP", None)
    assert facts["512m euros"] == ("money", 512_000_000, "EUR", None)


def test_money_needs_a_currency_and_magnitude_words_count(extractor) -> None:
    facts = facts_of(extractor, ["More than 1.8 million people fled, 12 million cars were recalled and the state handed out 30 lakh face masks."])
    assert facts["1.8 million"] == ("count", 1_800_000, "", None)
    assert facts["12 million"] == ("count", 12_000_000, "", None)
    assert facts["30 lakh"] == ("count", 3_000_000, "", None)


def test_times_of_day_are_times(extractor) -> None:
    facts = facts_of(extractor, ["Polls close at 2100GMT.", "The raid began at 0430GMT.", "The speech will be broadcast at 1945 GMT."])
    assert facts["2100GMT"] == ("time", "21:00", "GMT", None)
    assert facts["0430GMT"] == ("time", "04:30", "GMT", None)
    assert facts["1945 GMT"] == ("time", "19:45", "GMT", None)


def test_ages_durations_and_periods(extractor) -> None:
    facts = facts_of(
        extractor,
        [
            "A 37-year-old man was held for nearly two years; the talks lasted five months.",
            "Prices rose in the 1970s, and the bridge was built in the 19th century.",
            "The woman, 52, was taken to hospital. Mr Jones, aged 61, was not hurt.",
        ],
    )
    assert facts["37-year-old"] == ("age", 37, "year", None)
    assert facts["two years"] == ("duration", 2, "year", None)
    assert facts["five months"] == ("duration", 5, "month", None)
    assert facts["1970s"] == ("period", "1970/1979", "", None)
    assert facts["19th century"] == ("period", "1800/1899", "", None)
    assert facts["52"] == ("age", 52, "year", None)
    assert facts["61"] == ("age", 61, "year", None)


def test_an_age_beside_a_role_and_points_scored_are_counts_not_quantities(extractor) -> None:
    facts = facts_of(
        extractor,
        ["The former soap star, 42, was voted off on Monday.", "James scored 31 points and had 14 rebounds."],
    )
    assert facts["42"] == ("age", 42, "year", None)
    assert facts["31"] == ("count", 31, "", None)


def test_a_day_and_month_take_the_year_of_the_article(extractor) -> None:
    article = ["The attack happened on 14 August, in the wake of 11 September."]
    dated = extractor.extract(text(article, dt.date(2019, 11, 20))).numbers
    assert [(f.text, f.value, f.inferred, f.vague) for f in dated] == [
        ("14 August", "2019-08-14", True, False),
        ("11 September", "2019-09-11", True, False),
    ]
    undated = extractor.extract(text(article)).numbers
    assert [(f.value, f.inferred, f.vague) for f in undated] == [("--08-14", True, False), ("--09-11", True, False)]


def test_ranges_ratios_and_fractions(extractor) -> None:
    facts = facts_of(
        extractor,
        ["Unemployment was 11-17% and the firm expects $3-4bn in sales.", "One in eight adults smokes, and a third of voters were undecided."],
    )
    assert facts["11-17%"] == ("percent", 11, "%", 17)
    assert facts["$3-4bn"] == ("money", 3e9, "USD", 4e9)
    assert facts["One in eight"] == ("ratio", 0.125, "", None)
    assert facts["a third"] == ("ratio", 0.3333, "", None)


def test_a_repeated_figure_is_one_fact_with_its_mentions(extractor) -> None:
    result = extractor.extract(
        text(["The charity raised $48m for flood victims.", "Ten people died.", "The $48m will go to ten schools.", "The vote is on 3 March."], dt.date(2021, 2, 1))
    )
    money = [fact for fact in result.numbers if fact.kind == "money"]
    assert len(money) == 1 and [m.paragraph for m in money[0].mentions] == [0, 2]
    assert [fact.counts for fact in result.numbers if fact.value == 10] == ["people", "schools"]


def test_what_a_figure_counts_is_a_noun_phrase(extractor) -> None:
    result = extractor.extract(
        text(["About 150,000 jobs were added to US payrolls in October.", "Baikal bought the stake for $9bn.", "Imports rose 3.4%."])
    )
    counts = {fact.text: fact.counts for fact in result.numbers}
    assert counts["150,000"] == "jobs added to US payrolls in October"
    assert counts["$9bn"] == "what Baikal bought"
    assert counts["3.4%"] == "Imports"
    assert facts_of_counts(extractor, "Exports were worth 512m euros.") == {"512m euros": "Exports"}  # not "m"


def facts_of_counts(extractor, paragraph: str) -> dict[str, str]:
    return {fact.text: fact.counts for fact in extractor.extract(text([paragraph])).numbers}


def test_contested_and_pending_claims(extractor) -> None:
    result = extractor.extract(
        text(["The minister denied the report, which rebels disputed. The report is expected to be published in March."])
    )
    kinds = {s.kind for s in result.suggestions}
    assert {"contested", "pending"} <= kinds


def test_extract_many_matches_extract(extractor) -> None:
    articles = [text(["Iran and Iraq signed a deal."]), text([]), text(["Nato met in Brussels on Friday."])]
    many = list(extractor.extract_many(articles, batch_size=2))
    assert many == [extractor.extract(article) for article in articles]
    assert many[1].actors == ()


def test_extraction_never_writes_to_the_terminal(tmp_path) -> None:
    code = (
        "from briefings.extraction import load_extractor\n"
        "from briefings.readers import read_file\n"
        "extractor = load_extractor()\n"
        "extractor.extract(read_file('briefings/samples/000_6ec8421da3f37b6e.txt'))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


# Fallback --------------------------------------------------------------------------------------


def test_the_rule_based_fallback_is_rough_but_useful(sample) -> None:
    article, _ = sample
    result = RuleExtractor(RULES_PIPELINE).extract(article)
    assert result.engine == "rules" and "not installed" in result.notice
    assert {"Iranian", "Tehran"} <= set(actor(result, "Iran").aliases)
    assert any(fact.value == 18000 for fact in result.numbers)
    assert any(fact.value == "2015-03-02" for fact in result.numbers)
    assert {s.kind for s in result.suggestions} & {"hedge", "pending"}


def test_without_the_model_load_extractor_falls_back(monkeypatch) -> None:
    monkeypatch.setattr(extraction_package, "model_available", lambda: False)
    fallback = load_extractor()
    assert fallback.pipeline.endswith("/rules")
    assert fallback.extract(text(["Officials in Iran said so."])).notice


def test_suggestion_ids_are_unique_even_when_a_cue_repeats_in_a_paragraph(extractor) -> None:
    text = (
        "Talks stall\n\n"
        "Officials said the convoy had been attacked, but other officials said the convoy was never there. "
        "The minister is said to be furious, and the general is said to be considering resignation.\n"
    )
    from briefings.readers import read_text

    result = extractor.extract(read_text(text, name="repeat.txt"))
    ids = [suggestion.id for suggestion in result.suggestions]
    assert ids and len(ids) == len(set(ids))


def test_suggestion_ids_are_unique_on_real_articles(extractor, eval_dir) -> None:
    from briefings.readers import read_file

    for path in sorted((eval_dir / "bbc-articles").rglob("*.txt")):
        ids = [s.id for s in extractor.extract(read_file(path)).suggestions]
        assert len(ids) == len(set(ids)), path.name


def test_an_amount_after_a_name_or_an_identifier_noun_is_still_an_amount(extractor) -> None:
    facts = facts_of(
        extractor,
        ["GM had to pay its former partner Fiat 1.55bn euros to get out.", "The new motor gives the car 355 horsepower.", "He sat in car 5 of the train."],
    )
    assert facts["1.55bn euros"] == ("money", 1_550_000_000, "EUR", None)
    assert facts["355 horsepower"] == ("quantity", 355, "hp", None)
    assert "5" not in facts


def test_a_signed_percentage_the_model_takes_for_a_name_is_found(extractor) -> None:
    facts = facts_of(extractor, ["Inflation was -1.0 percent last year."])
    assert facts["-1.0 percent"] == ("percent", -1.0, "%", None)
