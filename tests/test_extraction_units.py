"""Extraction parts that need no language model: numbers, dates, casing, cues, actors, decisions."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from briefings.decisions import ActorDecision
from briefings.extraction import apply_decisions
from briefings.extraction import questions as cues
from briefings.extraction.actors import Candidate, build
from briefings.extraction.dates import DateReading, resolve
from briefings.extraction.gazetteer import load
from briefings.extraction.model import Actor, Extraction, Mention, NumberFact, Place
from briefings.extraction.figures import Figure, read, widen
from briefings.extraction.numbers import parse_value
from briefings.extraction.repeats import merge_repeats
from briefings.extraction.truecase import normalise_case
from briefings.model import Article, make_paragraphs

pytestmark = pytest.mark.unit

ARTICLE_DATE = dt.date(2015, 3, 25)


def test_importing_extraction_leaves_spacy_out() -> None:
    code = (
        "import sys\n"
        "import briefings.extraction\n"
        "from briefings.extraction import apply_decisions, model_available, PIPELINE_VERSION\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'thinc' not in sys.modules, 'thinc imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("18,000", 18000),
        ("two", 2),
        ("1.5 million", 1_500_000),
        ("one hundred and sixty-one", 161),
        ("twenty-one", 21),
        ("half a million", 500_000),
        ("two thirds", 2 / 3),
        ("2 1/2", 2.5),
        ("a dozen", 12),
        ("2.4bn", 2_400_000_000),
        ("minus five", -5),
    ],
)
def test_number_words_and_figures_are_normalised(text: str, value: float) -> None:
    assert parse_value(text) == pytest.approx(value)


def test_money_has_value_and_currency() -> None:
    assert read("£2.4bn", "MONEY") == Figure("money", 2_400_000_000, "GBP")
    assert read("$3.1bn", "MONEY").unit == "USD"
    assert read("US$ 150 million", "MONEY").value == 150_000_000
    assert read("2.4bn euros", "CARDINAL") == Figure("money", 2_400_000_000, "EUR")
    assert read("a $1bn deal", "MONEY").unit == "USD"


def test_percent_and_vague_amounts() -> None:
    assert read("20 per cent", "PERCENT") == Figure("percent", 20, "%")
    assert read("dozens", "CARDINAL") == Figure("count", None, vague=True)
    assert read("2.5m", "QUANTITY") == Figure("quantity", 2.5, "m")  # metres, not millions


def widened(text: str, seed: str, label: str = "CARDINAL") -> str:
    """The figure `widen` grows the first occurrence of `seed` in `text` into."""
    start = text.index(seed)
    begin, end = widen(text, start, start + len(seed), label)
    return text[begin:end]


@pytest.mark.parametrize(
    ("text", "seed", "label", "surface", "figure"),
    [
        # The model marks the figure and leaves the sign and the magnitude out.
        ("The council borrowed $34m in May.", "34", "MONEY", "$34m", Figure("money", 34_000_000, "USD")),
        ("A grant of £720m was agreed.", "720", "MONEY", "£720m", Figure("money", 720_000_000, "GBP")),
        ("Exports were worth 512m euros.", "512", "CARDINAL", "512m euros", Figure("money", 512_000_000, "EUR")),
        ("They spent 7.5bn rupees.", "7.5bn", "CARDINAL", "7.5bn rupees", Figure("money", 7_500_000_000, "INR")),
        ("A bond of Rs 3 lakh.", "3", "CARDINAL", "Rs 3 lakh", Figure("money", 300_000, "INR")),
        ("Shares fell 30p in London.", "30p", "CARDINAL", "30p", Figure("money", 0.3, "GBP")),
        # Some feeds write the sign as a word before the figure.
        ("Profit rose to dollars 2.26bn (pounds 1.2bn).", "2.26bn", "CARDINAL", "dollars 2.26bn", Figure("money", 2.26e9, "USD")),
        ("It paid pounds 7 a share.", "7", "CARDINAL", "pounds 7", Figure("money", 7, "GBP")),
    ],
)
def test_magnitudes_and_currencies_around_a_figure(text: str, seed: str, label: str, surface: str, figure: Figure) -> None:
    assert widened(text, seed, label) == surface
    assert read(surface, label) == figure


@pytest.mark.parametrize(
    ("surface", "label", "figure"),
    [
        ("more than 1.8 million", "MONEY", Figure("count", 1_800_000)),  # money only with a currency
        ("12 million", "MONEY", Figure("count", 12_000_000)),
        ("30 lakh", "CARDINAL", Figure("count", 3_000_000)),
        ("1.2 crore", "CARDINAL", Figure("count", 12_000_000)),
        ("10k", "", Figure("count", 10_000)),
        ("a dozen", "CARDINAL", Figure("count", 12)),
    ],
)
def test_magnitude_words_apply_to_counts(surface: str, label: str, figure: Figure) -> None:
    assert read(surface, label) == figure


@pytest.mark.parametrize(
    ("text", "seed", "label", "surface", "figure"),
    [
        ("Youth unemployment was 11-17% last year.", "11-17%", "PERCENT", "11-17%", Figure("percent", 11, "%", 17)),
        ("It expects $3-4bn in sales.", "3", "MONEY", "$3-4bn", Figure("money", 3e9, "USD", 4e9)),
        ("Some 20,000-25,000 troops came.", "Some 20,000-25,000", "CARDINAL", "Some 20,000-25,000", Figure("count", 20_000, "", 25_000)),
        ("Between 30 and 40 people died.", "Between 30 and 40", "DATE", "Between 30 and 40", Figure("count", 30, "", 40)),
        ("Rates rose by half a percentage point.", "half", "CARDINAL", "half a percentage point", Figure("percent", 0.5, "pp")),
    ],
)
def test_ranges_keep_both_bounds(text: str, seed: str, label: str, surface: str, figure: Figure) -> None:
    assert widened(text, seed, label) == surface
    assert read(surface, label) == figure


def test_a_unit_ending_in_a_time_word_is_still_a_unit() -> None:
    assert read("230 million light-years", "QUANTITY") == Figure("quantity", 230_000_000, "ly")
    assert read("50 times", "CARDINAL") == Figure("ratio", 50)


def test_a_score_is_neither_a_range_nor_a_sum() -> None:
    assert read("3-1", "CARDINAL") is None


@pytest.mark.parametrize(
    ("surface", "value"),
    [("One in eight", 0.125), ("one in 13", 0.0769), ("three out of four", 0.75), ("A third", 0.3333), ("two-thirds", 0.6667), ("Half", 0.5)],
)
def test_ratios_and_fractions(surface: str, value: float) -> None:
    assert read(surface, "CARDINAL") == Figure("ratio", value)


@pytest.mark.parametrize(
    ("text", "seed", "label", "surface", "figure"),
    [
        ("Polls close at 2100GMT on Friday.", "2100GMT", "CARDINAL", "2100GMT", Figure("time", "21:00", "GMT")),
        ("The raid began at 0430GMT.", "0430GMT", "", "0430GMT", Figure("time", "04:30", "GMT")),
        ("It airs at 1945 GMT tonight.", "1945", "DATE", "1945 GMT", Figure("time", "19:45", "GMT")),
        ("The vote opens at 9.30am ET.", "9.30am", "TIME", "9.30am ET", Figure("time", "09:30", "ET")),
        ("Doors open at 7pm.", "7pm", "TIME", "7pm", Figure("time", "19:00", "")),
    ],
)
def test_times_of_day_with_their_zone(text: str, seed: str, label: str, surface: str, figure: Figure) -> None:
    assert widened(text, seed, label) == surface
    assert read(surface, label) == figure


@pytest.mark.parametrize(
    ("surface", "label", "before", "figure"),
    [
        ("37-year-old", "DATE", "", Figure("age", 37, "year")),
        ("16-24 year olds", "DATE", "", Figure("age", 16, "year", 24)),
        ("six-month-old", "DATE", "", Figure("age", 0.5, "year")),
        ("41", "DATE", "aged", Figure("age", 41, "year")),
    ],
)
def test_ages_are_ages(surface: str, label: str, before: str, figure: Figure) -> None:
    assert read(surface, label, before=before) == figure


@pytest.mark.parametrize(
    ("surface", "figure"),
    [
        ("nearly two years", Figure("duration", 2, "year")),
        ("five months", Figure("duration", 5, "month")),
        ("three to four weeks", Figure("duration", 3, "week", 4)),
        ("a decade", Figure("duration", 10, "year")),
        ("48 hours", Figure("duration", 48, "hour")),
        ("five-year", Figure("duration", 5, "year")),
        ("the past decade", Figure("duration", 10, "year")),
        ("the next two years", Figure("duration", 2, "year")),
        ("a three-year-long", Figure("duration", 3, "year")),
        ("more than a year and a half", Figure("duration", 1.5, "year")),
    ],
)
def test_durations_count_a_singular_unit(surface: str, figure: Figure) -> None:
    assert read(surface, "DATE", reference=ARTICLE_DATE) == figure


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("the 1970s", "1970/1979"),
        ("the '80s", "1980/1989"),
        ("the 19th century", "1800/1899"),
        ("between 2001 and 2006", "2001/2006"),
        ("2010-15", "2010/2015"),
        ("March-May 2020", "2020-03/2020-05"),
        ("the last quarter of 2004", "2004-10/2004-12"),
    ],
)
def test_periods_have_both_bounds(surface: str, value: str) -> None:
    assert read(surface, "DATE", reference=ARTICLE_DATE) == Figure("period", value)


def test_day_and_month_take_the_year_from_the_article_and_say_so() -> None:
    assert read("14 August", "DATE", reference=dt.date(2019, 11, 20)) == Figure("date", "2019-08-14", inferred=True)
    assert read("December 20", "DATE", reference=dt.date(2015, 1, 5)) == Figure("date", "2014-12-20", inferred=True)
    assert read("14 August", "DATE") == Figure("date", "--08-14", inferred=True)


def test_dates_resolve_against_the_article_date() -> None:
    assert resolve("March 2", ARTICLE_DATE).value == "2015-03-02"
    assert resolve("25 March 2015", ARTICLE_DATE).value == "2015-03-25"
    assert resolve("December 20", dt.date(2015, 1, 5)).value == "2014-12-20"
    assert resolve("yesterday", ARTICLE_DATE).value == "2015-03-24"
    assert resolve("on Friday", ARTICLE_DATE).value == "2015-03-20"
    assert resolve("on Friday", ARTICLE_DATE, future=True).value == "2015-03-27"
    assert resolve("on Wednesday", ARTICLE_DATE).value == "2015-03-25"  # the article's own day
    assert resolve("November 2003", ARTICLE_DATE).value == "2003-11"
    assert resolve("last year", ARTICLE_DATE) == DateReading("date", "2014")
    assert resolve("next month", ARTICLE_DATE).value == "2015-04"
    assert resolve("in September", ARTICLE_DATE, past=True).value == "2014-09"
    assert resolve("in September", ARTICLE_DATE, future=True).value == "2015-09"


@pytest.mark.parametrize("text", ["recent days", "the summer", "last week", "the coming weeks", "earlier this year", "early this year"])
def test_vague_dates_are_marked_not_guessed(text: str) -> None:
    reading = resolve(text, ARTICLE_DATE)
    assert reading.kind == "date" and reading.vague and reading.value is None


@pytest.mark.parametrize("text", ["last year", "on Monday", "yesterday"])
def test_relative_dates_are_vague_without_an_article_date(text: str) -> None:
    assert resolve(text, None) == DateReading("date", None, vague=True)


def test_rates_are_not_durations() -> None:
    assert resolve("a year", ARTICLE_DATE).kind == ""
    assert resolve("a year", ARTICLE_DATE, before="for") == DateReading("duration", 1, "year")


def fact(text: str, value: float | str | None, counts: str, paragraph: int, kind: str = "count") -> NumberFact:
    return NumberFact(text, kind, value, Mention(paragraph, 0, len(text), text), counts=counts)


def test_repeats_of_a_fact_fold_into_its_first_mention() -> None:
    facts = [
        fact("$21m", 21e6, "aid package", 0, "money"),
        fact("10", 10, "people", 0),
        fact("ten", 10, "schools", 1),
        fact("21 million dollars", 21e6, "aid package", 2, "money"),
        fact("$21m", 21e6, "bonus pool", 2, "money"),
        fact("10", 10, "people killed", 3),
        fact("19 October", "2019-10-19", "vote held", 4, "date"),
        fact("October 19", "2019-10-19", "", 5, "date"),
        fact("150", 150, "people", 6),
        fact("150", 150, "people killed", 7),
    ]
    merged = merge_repeats(facts)
    assert [(f.text, len(f.repeats)) for f in merged] == [("$21m", 1), ("10", 0), ("ten", 0), ("$21m", 0), ("10", 0), ("19 October", 1), ("150", 1)]
    assert merged[0].repeats == (facts[3].mention,)
    assert merged[-1].paragraphs == (6, 7)


def test_old_cached_numbers_still_load() -> None:
    old = {
        "numbers": [
            {"text": "18,000", "kind": "count", "value": 18000.0, "unit": "", "counts": "militiamen", "vague": False,
             "mention": {"paragraph": 1, "start": 0, "end": 6, "text": "18,000"}}
        ]
    }
    number = Extraction.from_dict(old).numbers[0]
    assert (number.high, number.inferred, number.repeats) == (None, False, ())
    new = Extraction(numbers=(NumberFact("$5-6bn", "money", 5e9, Mention(0, 0, 6, "$5-6bn"), "USD", high=6e9, repeats=(Mention(2, 4, 10, "$5-6bn"),)),))
    assert Extraction.from_dict(json.loads(json.dumps(new.to_dict()))) == new


def test_shouting_text_is_recased_at_the_same_length() -> None:
    gazetteer = load()
    text = "US-LED COALITION STRIKES ISLAMIC STATE IN SADDAM'S HOME TOWN"
    recased = normalise_case(text, gazetteer)
    assert len(recased) == len(text)
    assert recased.startswith("US-led Coalition")
    assert "Islamic State in Saddam's" in recased
    assert normalise_case("An ordinary sentence.", gazetteer) == "An ordinary sentence."


def candidate(paragraph: int, start: int, name: str, label: str, **extra: object) -> Candidate:
    return Candidate(Mention(paragraph, start, start + len(name), name), name, label, **extra)


def test_demonyms_capitals_and_acronyms_join_their_actor() -> None:
    texts = ["Iran and Iranian forces.", "Tehran said so.", "Isil and the Islamic State of Iraq and the Levant."]
    found = [
        candidate(0, 0, "Iran", "GPE"),
        candidate(0, 9, "Iranian", "NORP"),
        candidate(1, 0, "Tehran", "GPE", state_sense=True),
        candidate(2, 0, "Isil", "PRODUCT"),
        candidate(2, 13, "Islamic State of Iraq and the Levant", "ORG"),
    ]
    actors, places = build(found, texts, load())
    names = {actor.name: actor for actor in actors}
    assert set(names) == {"Iran", "Islamic State"}
    assert names["Iran"].kind == "state" and names["Iran"].count == 3
    assert {"Iranian", "Tehran"} <= set(names["Iran"].aliases)
    assert {"Isil", "Islamic State of Iraq and the Levant"} <= set(names["Islamic State"].aliases)
    assert places == ()


def test_a_capital_as_a_location_is_a_place() -> None:
    actors, places = build([candidate(0, 3, "Baghdad", "GPE")], ["In Baghdad."], load())
    assert actors == () and [place.name for place in places] == ["Baghdad"]


def test_surnames_and_acronyms_defined_in_the_text_merge() -> None:
    texts = ["Patricia Hewitt spoke for the National Audit Bureau (NAB).", "Ms Hewitt said the NAB agreed."]
    found = [
        candidate(0, 0, "Patricia Hewitt", "PERSON"),
        candidate(0, 29, "National Audit Bureau", "ORG"),
        candidate(0, 52, "NAB", "ORG"),
        candidate(1, 3, "Hewitt", "ORG"),
        candidate(1, 19, "NAB", "ORG"),
    ]
    actors, _ = build(found, texts, load())
    names = {actor.name: actor for actor in actors}
    assert set(names) == {"Patricia Hewitt", "National Audit Bureau"}
    assert names["Patricia Hewitt"].kind == "person" and names["Patricia Hewitt"].count == 2
    assert names["National Audit Bureau"].count == 3 and "NAB" in names["National Audit Bureau"].aliases


def test_labels_alone_are_not_actors_but_groups_named_by_them_are() -> None:
    found = [candidate(0, 0, "Shia", "NORP"), candidate(0, 10, "Shia militia", "GROUP")]
    actors, _ = build(found, ["Shia and Shia militia"], load())
    assert [(actor.name, actor.kind) for actor in actors] == [("Shia militia", "group")]


def test_suggestion_ids_are_stable_and_depend_on_cue_and_kind() -> None:
    first = cues.suggestion_id("abc", "is said to", "hedge", 10)
    assert first == cues.suggestion_id("abc", "Is  said to", "hedge", 10)
    assert first != cues.suggestion_id("abc", "is said to", "pending", 10)
    assert first != cues.suggestion_id("abd", "is said to", "hedge", 10)
    assert first != cues.suggestion_id("abc", "is said to", "hedge", 90)


def test_questions_use_their_slots_or_fall_back() -> None:
    unnamed = cues.spec("unnamed")
    assert cues.word_question(unnamed, {"speaker": "coalition official"}) == (
        "Who is the unnamed coalition official, and what access do they have?"
    )
    assert cues.word_question(unnamed, {}) == "Who is the unnamed source, and what access do they have?"


# Decisions ---------------------------------------------------------------------------------------

ARTICLE = Article(
    title="Test",
    paragraphs=make_paragraphs(["Isil attacked. The Islamic State held Tikrit.", "Hadi al-Ameri spoke. Ameri left."]),
)


def mention(paragraph: int, text: str, after: str = "") -> Mention:
    source = ARTICLE.paragraphs[paragraph].text
    start = source.index(text, source.index(after) if after else 0)
    return Mention(paragraph, start, start + len(text), text)


def extraction() -> Extraction:
    return Extraction(
        actors=(
            Actor("islamic state", "Islamic State", "organisation", ("Isil",), "", (mention(0, "Isil"), mention(0, "Islamic State"))),
            Actor("ameri", "Ameri", "person", (), "", (mention(1, "Ameri", after="spoke"),)),
            Actor("hadi al-ameri", "Hadi al-Ameri", "state", (), "", (mention(1, "Hadi al-Ameri"),)),
        ),
        places=(Place("tikrit", "Tikrit", "place", (mention(0, "Tikrit"),)),),
        numbers=(NumberFact("2", "count", 2.0, mention(0, "Isil")),),
        engine="spacy",
        pipeline="test",
    )


def decide(action: str, actor: str, value: str = "") -> ActorDecision:
    return ActorDecision(id=f"{action}-{actor}", action=action, actor=actor, value=value)


def by_key(result: Extraction) -> dict[str, Actor]:
    return {actor.key: actor for actor in result.actors}


def test_rename_changes_the_name_and_keeps_the_key() -> None:
    result = by_key(apply_decisions(extraction(), [decide("rename", "islamic state", "ISIS")], ARTICLE))
    assert result["islamic state"].name == "ISIS"


def test_kind_and_hide() -> None:
    result = apply_decisions(extraction(), [decide("kind", "hadi al-ameri", "person"), decide("hide", "ameri")], ARTICLE)
    assert by_key(result)["hadi al-ameri"].kind == "person"
    assert "ameri" not in by_key(result)
    assert result.numbers == extraction().numbers


def test_merge_combines_mentions_and_aliases() -> None:
    result = by_key(apply_decisions(extraction(), [decide("merge", "ameri", "hadi al-ameri")], ARTICLE))
    assert "ameri" not in result
    merged = result["hadi al-ameri"]
    assert merged.count == 2 and "Ameri" in merged.aliases


def test_merge_into_an_absent_actor_takes_its_key() -> None:
    result = by_key(apply_decisions(extraction(), [decide("merge", "ameri", "someone else")], ARTICLE))
    assert result["someone else"].name == "Ameri"


def test_split_takes_an_alias_out_with_its_mentions() -> None:
    result = by_key(apply_decisions(extraction(), [decide("split", "islamic state", "Isil")], ARTICLE))
    assert result["isil"].name == "Isil" and result["isil"].count == 1
    assert result["isil"].kind == "organisation"
    assert result["islamic state"].count == 1 and "Isil" not in result["islamic state"].aliases


def test_add_finds_the_mentions_in_the_article_and_takes_the_name_from_places() -> None:
    result = apply_decisions(extraction(), [decide("add", "Tikrit", "group")], ARTICLE)
    added = by_key(result)["tikrit"]
    assert added.kind == "group" and [m.text for m in added.mentions] == ["Tikrit"]
    assert result.places == ()


def test_an_added_actor_is_listed_only_where_the_article_names_it() -> None:
    """Additions are library-wide: an article that never names the actor must not list it."""
    result = apply_decisions(extraction(), [decide("add", "the minister of defence", "person")], ARTICLE)
    assert "the minister of defence" not in by_key(result)
    assert result.actors == extraction().actors


def test_decisions_apply_in_order_and_ignore_absent_actors() -> None:
    decisions = [decide("hide", "nobody"), decide("rename", "ameri", "Al-Ameri"), decide("merge", "ameri", "hadi al-ameri")]
    result = by_key(apply_decisions(extraction(), decisions, ARTICLE))
    assert set(result) == {"hadi al-ameri", "islamic state"}
    assert "Al-Ameri" in result["hadi al-ameri"].aliases


@pytest.mark.parametrize(
    ("text", "seed", "surface", "figure"),
    [
        ("The bank ran leverage of 33-to-1 before the crash.", "33", "33-to-1", Figure("ratio", 33)),
        ("A ticket costs 99¢ at the door.", "99", "99¢", Figure("money", 0.99, "USD")),
        ("The Fed cut rates by 25bp on Wednesday.", "25", "25bp", Figure("percent", 0.25, "%")),
        ("The hearing lasted 5 hours and 9 minutes in all.", "5", "5 hours and 9 minutes", Figure("duration", 309, "minute")),
        ("The reply came within 600 milliseconds of the request.", "600", "600 milliseconds", Figure("duration", 600, "millisecond")),
        ("Stocks rose by 4.9 million bbl last week.", "4.9", "4.9 million bbl", Figure("quantity", 4_900_000, "bbl")),
        ("He served from 2014 to 2019 on the board.", "2014", "2014 to 2019", Figure("period", "2014/2019")),
    ],
)
def test_odds_cents_basis_points_compound_lengths_barrels_and_year_spans(text: str, seed: str, surface: str, figure: Figure) -> None:
    start = text.index(seed)
    begin, end = widen(text, start, start + len(seed))
    assert text[begin:end] == surface
    assert read(surface) == figure


def test_a_range_whose_low_end_is_whole_keeps_it_and_a_signed_figure_is_read() -> None:
    assert read("between 700,000 and one million", "CARDINAL") == Figure("count", 700_000, "", 1_000_000)
    assert read("5-6bn") == Figure("count", 5e9, "", 6e9)  # the magnitude written once serves both ends
    assert read("-1.0 percent", "PERCENT") == Figure("percent", -1.0, "%")
