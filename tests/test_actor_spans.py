"""Actors whose names the model cuts in the wrong place: an occupation run into a person's name, a
body's name split at its place ("U.S." + "Securities and Exchange Commission") or at its last word
("Elk Falls Argus" + "Leader"). Texts written for the tests."""

from __future__ import annotations

import pytest

from briefings.extraction.model import Extraction
from tests.tools.extracting import extract

pytestmark = [pytest.mark.unit, pytest.mark.model]


def actors(result: Extraction) -> dict[str, str]:
    return {actor.name: actor.kind for actor in result.actors}


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("He is seen as the likely successor to Acme Chief Executive Dana Whitlock, who retires in May.", "Dana Whitlock", "Chief Executive"),
        ("Acting NYPD Police Chief Carl Brandt told reporters on Sunday.", "Carl Brandt", "Police Chief"),
    ],
)
def test_an_occupation_before_a_persons_name_is_the_role_and_no_actor(extractor, sentence, name, role) -> None:
    found = actors(extract(extractor, sentence))
    assert found.get(name) == "person", found
    assert not [other for other in found if other != name and any(word in other for word in role.split())], found
    person = next(actor for actor in extract(extractor, sentence).actors if actor.name == name)
    assert role in person.role


def test_a_body_named_with_its_country_or_state_is_one_actor_and_no_state(extractor) -> None:
    result = extract(
        extractor,
        "The inquiry was opened by the U.S. Securities and Exchange Commission last week.",
        "Nobody answered, said Mara Quill, the chairman of the Ohio Republican Party.",
    )
    found = actors(result)
    assert found.get("U.S. Securities and Exchange Commission") == "organisation", found
    assert found.get("Ohio Republican Party") == "organisation", found
    assert "United States" not in found and "Securities and Exchange Commission" not in found, found
    assert "Republican Party" not in found, found


def test_a_capitalised_head_the_model_left_outside_a_bodys_name_ends_the_name(extractor) -> None:
    result = extract(
        extractor,
        "The plan would cost about $20,000, according to the Elk Falls Argus Leader.",
        "Senate Leader, Ahmad Lawan, tabled a motion on Tuesday.",
    )
    found = actors(result)
    assert found.get("Elk Falls Argus Leader") == "organisation", found
    assert "Elk Falls Argus" not in found, found
    assert "Senate Leader" not in found, found


def test_a_name_written_once_as_an_event_is_that_event_everywhere(extractor) -> None:
    result = extract(
        extractor,
        "Brightwave unveiled the tablet at the Lumora conference in Denver on Monday.",
        "Lumora drew more than 40,000 developers this year, organisers said.",
        "Kestrel Labs showed the phone at the Nordvik Expo event in Oslo.",
        "The Nordvik Expo is held every spring.",
    )
    found = actors(result)
    assert "Lumora" not in found and "Nordvik Expo" not in found, found
    assert found.get("Kestrel Labs") == "organisation", found


def test_a_known_short_name_after_the_articles_longer_name_is_that_longer_name(extractor) -> None:
    result = extract(
        extractor,
        "Sun Datacorp launched a pay-as-you-go storage service on Monday.",
        "Sun said the service would cost a dollar an hour, and Sun expects to sign up banks.",
    )
    found = actors(result)
    assert "The Sun" not in found, found
    assert [actor.count for actor in result.actors if actor.name == "Sun Datacorp"] == [3], found


def test_a_name_the_model_calls_a_body_before_a_kind_of_work_is_the_works_title(extractor) -> None:
    result = extract(
        extractor,
        "Producers are planning a third Silver Lantern film, Warner Bros said.",
        "The final film in the Iron Orchard trilogy boosted results.",
    )
    found = actors(result)
    assert "Silver Lantern" not in found and "Iron Orchard" not in found, found
    assert found.get("Warner Bros") == "organisation", found


def test_a_nationality_qualifying_a_thing_is_no_party_but_a_party_qualifying_people_is(extractor) -> None:
    result = extract(
        extractor,
        "Several West African countries closed their borders on Monday.",
        "The company sold the unit to a Nordic operator last year.",
        "Republican senators blocked the bill in March.",
    )
    found = actors(result)
    assert "West African" not in found and "Nordic" not in found, found
    assert "Republican" in found, found


def test_a_name_only_in_headings_and_bylines_is_no_actor(extractor) -> None:
    result = extract(
        extractor,
        "HALVERN STRATO",
        "The carmaker showed the hatchback in Geneva, and Dana Whitlock of Acme Motors said sales would start in May.",
        "Priya Castellane",
    )
    found = actors(result)
    assert "Halvern Strato" not in found and "Priya Castellane" not in found, found
    assert found.get("Dana Whitlock") == "person", found


def test_a_generational_suffix_stays_one_of_the_persons_names(extractor) -> None:
    result = extract(extractor, "Prosecutor Harold Brisco Jr. said the case was closed.", "Brisco said more charges would follow.")
    person = next(actor for actor in result.actors if actor.name == "Harold Brisco")
    assert "Harold Brisco Jr." in person.aliases
    assert "Jr" not in person.role


def test_a_state_named_through_its_government_is_the_state(extractor) -> None:
    result = extract(extractor, "Syria rejected the plan.", "The Government of Syria said the camp would be closed by March.")
    found = actors(result)
    assert found.get("Syria") == "state", found
    assert "Government of Syria" not in found, found
