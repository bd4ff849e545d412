"""Actor kinds decided by the words around a name and by the whole article, and one name giving
one actor. Texts written for the tests (real company names only where the gazetteer's knowledge
of them is what is tested)."""

from __future__ import annotations

import pytest

from briefings.extraction.model import Actor, Extraction
from tests.tools.extracting import extract

pytestmark = [pytest.mark.unit, pytest.mark.model]


def actor(result: Extraction, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name or name in a.aliases]
    assert found, f"no actor {name!r} in {[(a.name, a.kind) for a in result.actors]}"
    assert len(found) == 1, f"{name!r} gives {len(found)} actors: {[(a.name, a.kind) for a in found]}"
    return found[0]


def kinds(result: Extraction) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(a.name, a.kind, a.aliases) for a in result.actors]


# The words around a name say it is a body --------------------------------------------------------


def test_shares_in_a_name_and_which_after_it_make_it_a_body(extractor) -> None:
    result = extract(
        extractor,
        "Shares in Elan and Biogen Idec plunged on Monday after the firms halted sales of a drug.",
        "The drug was a growth opportunity for Biogen Idec, which had faced competition.",
        "Biogen Idec's chief executive said the halt was a precaution.",
    )
    assert actor(result, "Biogen Idec").kind == "organisation", kinds(result)


def test_a_person_of_a_name_and_a_name_before_an_analyst_make_it_a_body(extractor) -> None:
    result = extract(
        extractor,
        "Yet aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein says the surcharge is small.",
        "This summer Piper Jaffray analyst Gene Munster dug through the parts lists.",
    )
    assert actor(result, "Dresdner Kleinwort Wasserstein").kind == "organisation", kinds(result)
    assert actor(result, "Piper Jaffray").kind == "organisation", kinds(result)


def test_a_plural_class_before_names_makes_them_bodies(extractor) -> None:
    result = extract(
        extractor,
        "The bank will move its debt from mortgage giants Fannie Mae and Freddie Mac into treasuries, keeping yields low.",
    )
    assert actor(result, "Fannie Mae").kind == "organisation", kinds(result)
    assert actor(result, "Freddie Mac").kind == "organisation", kinds(result)


def test_a_team_written_who_are_is_a_body(extractor) -> None:
    result = extract(
        extractor,
        "Wales are thought to be interested in a similar clinic with rivals St Helens.",
        '"It is something we are giving serious consideration to." St Helens, who are proud of their Welsh connections, agreed.',
        "Griffiths, the defensive coach, is a former St Helens player.",
        "Gibbs played for St Helens from 1994 to 1996.",
    )
    assert actor(result, "St Helens").kind == "organisation", kinds(result)


def test_a_one_word_person_never_introduced_is_a_body(extractor) -> None:
    result = extract(
        extractor,
        "A recent survey by Mediametrie found that 70% of people wanted television on their phones.",
        "Consumer electronics companies such as Nokia, Sagem, Sony and Thomson are gearing up for the launch.",
        "Among the chip companies present were Frontier Silicon and Radioscape.",
    )
    for name in ("Mediametrie", "Sagem", "Radioscape"):
        assert actor(result, name).kind == "organisation", kinds(result)


def test_a_one_word_name_the_article_keeps_using_stays_a_person(extractor) -> None:
    result = extract(
        extractor,
        "Critics said Benioff declined to send arms to the region.",
        "They said Benioff had offered space to Moscow before the vote.",
        "Would there have been proceedings against Benioff?",
    )
    assert actor(result, "Benioff").kind == "person", kinds(result)


# The words around a name say it is a person --------------------------------------------------------


def test_a_name_listed_with_people_is_a_person(extractor) -> None:
    result = extract(
        extractor,
        "Jonathan Huberdeau, Colton Sceviour and Mike Hoffman also scored and the Panthers won.",
        "Eric Robinson and Boone Jenner also scored for the Blue Jackets.",
    )
    assert actor(result, "Colton Sceviour").kind == "person", kinds(result)
    assert actor(result, "Boone Jenner").kind == "person", kinds(result)


def test_a_name_the_gazetteer_knows_as_a_company_is_the_person_the_article_describes(extractor) -> None:
    result = extract(
        extractor,
        "On the cold night of January 7, Nikola Tesla quietly slept in his suite at the hotel.",
        "Tesla was a brilliant man. He spoke eight languages.",
        "Tesla quit. He formed his own company.",
        "The year after Tesla died, the newspapers forgot him.",
    )
    person = actor(result, "Nikola Tesla")
    assert person.kind == "person", kinds(result)
    assert "Tesla" in person.aliases


def test_the_first_name_of_a_full_name_and_which_after_it_are_no_body(extractor) -> None:
    result = extract(
        extractor,
        "The studio is working on a second film from Quentin Tarantino, which has been rumoured for years.",
        "Labour's deputy minister for women Jacqui Smith accused the Lib Dems of offering false hope.",
    )
    assert actor(result, "Quentin Tarantino").kind == "person", kinds(result)
    assert actor(result, "Jacqui Smith").kind == "person", kinds(result)


# One name, one actor ---------------------------------------------------------------------------------


def test_a_body_named_with_a_given_name_is_one_body_with_its_short_form(extractor) -> None:
    result = extract(
        extractor,
        "The carmaker said it is competing head-on with BMW, Mercedes and Jaguar.",
        "There, German marques Mercedes Benz and BMW have kept their hold on the market.",
    )
    body = actor(result, "Mercedes Benz")
    assert body.kind == "organisation", kinds(result)
    assert actor(result, "Mercedes") == body


def test_a_party_adjective_is_the_party_not_its_committee(extractor) -> None:
    result = extract(
        extractor,
        "Democrats pledged on Friday to protect the pension system.",
        '"We will highlight the Democratic Party\'s role," said Democratic National Committee Chairman Tim Kaine.',
        "Sharron Angle, a Tea Party favourite running against Democratic Sen. Harry Reid in Nevada, spoke.",
    )
    party = actor(result, "Democratic Party")
    assert "Democratic" in party.aliases, kinds(result)


def test_another_name_of_a_state_that_opens_a_body_named_before_is_that_body(extractor) -> None:
    result = extract(
        extractor,
        "DUBAI, United Arab Emirates — Dubai's flagship carrier Emirates Airline finalised a deal to buy 30 jets.",
        "Emirates President Tim Clark told reporters the order was a good one.",
        "As of October, Emirates had a fleet of 270 aircraft.",
    )
    airline = actor(result, "Emirates Airline")
    assert airline.kind == "organisation"
    assert actor(result, "Emirates") == airline, kinds(result)


def test_an_acronym_of_a_state_stays_the_state_after_a_body_it_opens(extractor) -> None:
    result = extract(
        extractor,
        "The report was commissioned by UK Athletics, which wanted answers.",
        "Athletes across the UK are waiting for the results.",
    )
    assert actor(result, "UK").kind == "state", kinds(result)


def test_a_nationality_the_gazetteer_cannot_place_is_the_one_state_the_article_names(extractor) -> None:
    result = extract(
        extractor,
        "SK Telecom of South Korea is launching a television service for phones.",
        "The Japanese, Koreans and Ericsson of Sweden are backing the rival standard.",
    )
    state = actor(result, "South Korea")
    assert state.kind == "state"
    assert "Koreans" in state.aliases, kinds(result)
