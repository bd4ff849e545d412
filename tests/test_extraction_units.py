"""Extraction parts that need no language model: numbers, dates, casing, cues, actors, decisions."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from briefings.decisions import ActorDecision
from briefings.extraction import apply_decisions
from briefings.extraction import questions as cues
from briefings.extraction.actors import Candidate, build
from briefings.extraction.dates import resolve
from briefings.extraction.gazetteer import load
from briefings.extraction.model import Actor, Extraction, Mention, NumberFact, Place
from briefings.extraction.numbers import parse_value, read_amount
from briefings.extraction.truecase import normalise_case
from briefings.model import Article, make_paragraphs

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
    assert read_amount("£2.4bn", "MONEY").value == 2_400_000_000
    assert read_amount("£2.4bn", "MONEY").unit == "GBP"
    assert read_amount("$3.1bn", "MONEY").unit == "USD"
    assert read_amount("US$ 150 million", "MONEY").value == 150_000_000
    assert read_amount("2.4bn euros", "MONEY").unit == "EUR"
    assert read_amount("a $1bn deal", "MONEY").unit == "USD"


def test_percent_and_vague_amounts() -> None:
    assert read_amount("20 per cent", "PERCENT").value == 20
    assert read_amount("20 per cent", "PERCENT").unit == "%"
    dozens = read_amount("dozens", "CARDINAL")
    assert dozens.vague and dozens.value is None
    assert read_amount("2.5m", "QUANTITY").value == 2.5  # metres, not millions


def test_dates_resolve_against_the_article_date() -> None:
    assert resolve("March 2", ARTICLE_DATE).value == "2015-03-02"
    assert resolve("25 March 2015", ARTICLE_DATE).value == "2015-03-25"
    assert resolve("December 20", dt.date(2015, 1, 5)).value == "2014-12-20"
    assert resolve("yesterday", ARTICLE_DATE).value == "2015-03-24"
    assert resolve("on Friday", ARTICLE_DATE).value == "2015-03-20"
    assert resolve("on Friday", ARTICLE_DATE, future=True).value == "2015-03-27"
    assert resolve("November 2003", ARTICLE_DATE).value == "2003-11"
    assert resolve("between 2005 and 2008", ARTICLE_DATE).value == "2005/2008"


@pytest.mark.parametrize("text", ["last year", "recent days", "the summer", "last week", "the coming weeks"])
def test_vague_dates_are_marked_not_guessed(text: str) -> None:
    reading = resolve(text, ARTICLE_DATE)
    assert reading.kind == "date" and reading.vague and reading.value is None


def test_durations_are_quantities_and_rates_are_nothing() -> None:
    reading = resolve("13 weeks", ARTICLE_DATE)
    assert (reading.kind, reading.value, reading.unit) == ("duration", 13, "weeks")
    assert resolve("a year", ARTICLE_DATE).kind == ""
    assert resolve("March 2", None).value is None


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
