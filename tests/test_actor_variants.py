"""One actor, one entry, however the article names it, and no entry for what is not a name: nicknames,
acronyms spelt from acronyms, short forms defined before their long forms, titles without their
holder. Texts written for the tests (issue 12, point 2)."""

from __future__ import annotations

import pytest

from briefings.extraction.model import Extraction
from briefings.extraction.personal_names import same_given_name
from tests.tools.extracting import extract

pytestmark = [pytest.mark.unit, pytest.mark.model]


def holders(result: Extraction, form: str) -> list[str]:
    """The actors that carry a form as their name or an alias."""
    return [a.name for a in result.actors if form in (a.name, *a.aliases)]


def test_given_names_and_their_nicknames_are_one_name() -> None:
    assert same_given_name("Dave", "David")
    assert same_given_name("Pat", "Patrick")
    assert same_given_name("Bill", "William")
    assert not same_given_name("David", "Daniel")


def test_a_person_named_with_a_nickname_and_the_full_given_name_is_one_actor(extractor) -> None:
    result = extract(
        extractor,
        "The council hired consultant Tom Ridgeway to review the budget.",
        '"The appointment of Thomas Ridgeway was rushed," said councillor Ann Pell.',
        "Ridgeway said he would report in the spring.",
    )
    assert len(holders(result, "Tom Ridgeway")) == 1
    assert holders(result, "Tom Ridgeway") == holders(result, "Thomas Ridgeway")


def test_a_middle_initial_and_a_nickname_do_not_split_a_person(extractor) -> None:
    result = extract(
        extractor,
        "Robert J. Halloway, 61, was charged on Friday with fraud.",
        '"Bob Halloway has always paid his taxes," his lawyer said.',
        "Halloway denies the charges.",
    )
    people = [a for a in result.actors if a.kind == "person" and "Halloway" in a.name]
    assert len(people) == 1, [(a.name, a.aliases) for a in result.actors]


def test_an_acronym_spelt_with_the_letters_of_an_acronym_joins_its_long_form(extractor) -> None:
    result = extract(
        extractor,
        "UK Cycling has appointed a new performance director.",
        '"We have searched widely," said UKC chief executive Mary Dobbs.',
    )
    assert holders(result, "UKC") == holders(result, "UK Cycling") == ["UK Cycling"]


def test_a_short_form_defined_before_its_long_form_joins_it(extractor) -> None:
    result = extract(
        extractor,
        "The aid group, Cedra (Centre for Rural Development in the Andes) ran the scheme, also paid for by the World Bank.",
        "Cedra said the farmers would own the wells.",
    )
    assert holders(result, "Cedra") == holders(result, "Centre for Rural Development")
    assert len(holders(result, "Cedra")) == 1


def test_a_dateline_in_capitals_before_an_agency_is_not_the_agencys_short_form(extractor) -> None:
    result = extract(extractor, "PARIS (AP) — The strike closed schools across the country on Tuesday.")
    assert "PARIS" not in {alias for a in result.actors for alias in a.aliases}


def test_what_is_left_of_a_role_is_no_actor(extractor) -> None:
    result = extract(
        extractor,
        "The party repaid a loan to former Tory Treasurer Lord Fenwick last year.",
        "Deputy Prime Minister Alan Crewe said a good deal had been struck.",
    )
    names = {a.name for a in result.actors}
    assert not {"Treasurer Lord", "Lord", "Deputy Prime Minister", "Prime Minister"} & names, names
    assert "Alan Crewe" in names


def actors_and_places(result: Extraction) -> tuple[dict[str, str], set[str]]:
    return {a.name: a.kind for a in result.actors}, {p.name for p in result.places}


def test_a_country_or_region_in_an_address_is_where_the_town_is_not_an_actor(extractor) -> None:
    actors, places = actors_and_places(
        extract(extractor, "The carmaker will build the batteries at its plant in Ingolstadt, Germany, from next year.")
    )
    assert "Germany" not in actors and {"Ingolstadt", "Germany"} <= places
    actors, places = actors_and_places(extract(extractor, "The Tampa, Florida-based chain has debts of $2bn."))
    assert not actors and "Tampa" in places
    actors, _ = actors_and_places(extract(extractor, "France, Germany and Italy signed the accord."))
    assert actors == {"France": "state", "Germany": "state", "Italy": "state"}


def test_a_town_the_model_takes_for_a_nationality_is_a_place(extractor) -> None:
    actors, places = actors_and_places(
        extract(extractor, "Workers fear the company will close the engine plant at Arese and move the work abroad.")
    )
    assert "Arese" not in actors and "Arese" in places


def test_a_partys_name_in_the_singular_is_the_party(extractor) -> None:
    result = extract(
        extractor,
        "Teachers marched on the Republican-dominated statehouse on Monday.",
        "The budget was approved by Republicans in March.",
        "The governor flew to a meeting of the Republican Governors Association.",
    )
    assert holders(result, "Republican") == holders(result, "Republicans") == ["Republican Party"]


def test_the_taliban_are_a_group_whatever_country_qualifies_them(extractor) -> None:
    result = extract(extractor, "The Pakistani Taliban said it carried out the attack. The Taliban have denied it.")
    assert [(a.name, a.kind) for a in result.actors] == [("Taliban", "group")]


def test_a_span_ending_in_a_bodys_word_is_one_body_not_a_place_and_a_person(extractor) -> None:
    result = extract(
        extractor,
        "The threat was passed to U.S. Capitol Police, who arrested him.",
        "Protesters marched to the headquarters of the Independent National Electoral Commission in Abuja.",
    )
    kinds = {a.name: a.kind for a in result.actors}
    assert kinds == {"U.S. Capitol Police": "organisation", "Independent National Electoral Commission": "organisation"}


def test_a_work_named_after_its_kind_is_no_actor_anywhere_in_the_article(extractor) -> None:
    result = extract(
        extractor,
        "She produced the Abba musical Mamma Mia! in 1999, and later the West End show Mary Poppins.",
        "Mamma Mia has since been seen by 60 million people.",
        "The film Harbour Lights opened on Friday.",
        "Harbour Lights took $5m in its first weekend.",
    )
    assert not {"Mamma Mia", "Mary Poppins", "Harbour Lights"} & {a.name for a in result.actors}


def test_a_body_named_with_and_without_its_country_is_one_actor(extractor) -> None:
    result = extract(
        extractor,
        "Beijing says the Chinese Communist Party will not bend.",
        "Every day the Communist Party looks weaker.",
    )
    assert holders(result, "Communist Party") == ["Chinese Communist Party"]


def test_a_person_named_as_a_bodys_is_still_a_person_and_the_body_an_actor_of_its_own(extractor) -> None:
    result = extract(
        extractor,
        "He met the founders of the era: Intel's Andy Grove, Amazon's Jeff Bezos and others.",
        "In an interview, the BBC's Emily Maitlis pressed the prince on his friendships.",
    )
    kinds = {a.name: a.kind for a in result.actors}
    assert kinds["Jeff Bezos"] == kinds["Emily Maitlis"] == "person"
    assert kinds["BBC"] == "organisation" and "Amazon" in holders(result, "Amazon")[0]


def test_a_given_name_and_a_surname_the_model_calls_a_body_are_a_person(extractor) -> None:
    result = extract(extractor, "Marcus Pelletreau and Dwayne Okonkwo also scored for Ottawa.")
    assert {a.name: a.kind for a in result.actors}["Marcus Pelletreau"] == "person"


def test_a_part_someone_plays_is_a_character_not_an_actor(extractor) -> None:
    result = extract(
        extractor,
        "Karl Urban will reprise his role as Leonard McCoy in the sequel.",
        "In the new film Dev Patel plays opposite Olivia Colman, who stars as Agatha Pendle.",
        "Ms Smith appeared as a witness for Barclays.",
    )
    names = {a.name for a in result.actors}
    assert {"Karl Urban", "Olivia Colman", "Barclays"} <= names
    assert not {"Leonard McCoy", "Agatha Pendle"} & names


def test_where_a_person_lives_and_a_street_address_are_places(extractor) -> None:
    result = extract(
        extractor,
        "Deputies also arrested Mark T. Dobbins, 41, of Franklin, on two charges.",
        "Officers arrested Ann Royce, 29, who resides at 4410 Mulberry Place, the sheriff said.",
        "Sarah Klein of Deloitte said the market was weak.",
    )
    actors, places = actors_and_places(result)
    assert {"Mark T. Dobbins", "Ann Royce", "Sarah Klein", "Deloitte"} <= set(actors)
    assert not {"Franklin", "Mulberry Place"} & set(actors) and "Mulberry Place" in places


def test_a_body_named_after_a_place_is_the_body(extractor) -> None:
    result = extract(
        extractor,
        "She studied at the University of North Carolina before joining the Federal Reserve Bank of New York.",
    )
    actors, _ = actors_and_places(result)
    assert actors == {"University of North Carolina": "organisation", "Federal Reserve Bank of New York": "organisation"}


def test_the_white_house_is_the_presidents_office_not_the_state(extractor) -> None:
    result = extract(extractor, "The White House said on Monday that talks with Canada would resume.")
    assert ("White House", "organisation") in {(a.name, a.kind) for a in result.actors}
    assert "White House" not in holders(result, "United States")


def test_names_in_a_pictures_credit_or_a_byline_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "President Trump spoke to reporters at the White House on Monday. (AP Photo/Evan Vucci)",
        "Senator Mitch McConnell walks to the chamber. Drew Angerer/Getty Images",
        "Photo: Jane Dalby/Reuters",
        "By Martin Oakes and Tessa Lund, CNN",
        "Nancy Pelosi said the vote would go ahead, according to Reuters.",
        "(Reporting by Priya Nair in New Delhi; Editing by Kevin Doyle)",
    )
    names = {a.name for a in result.actors}
    assert {"Trump", "Mitch McConnell", "Nancy Pelosi", "Reuters"} <= names
    credited = {"Evan Vucci", "Drew Angerer", "Jane Dalby", "Getty Images", "Martin Oakes", "Tessa Lund", "Priya Nair", "Kevin Doyle"}
    assert not credited & names, credited & names


def test_a_plural_name_with_the_that_names_no_one_is_a_team(extractor) -> None:
    result = extract(
        extractor,
        "Myles Garrett was suspended after the fight.",
        "The Browns said they would appeal.",
        "Garrett has played for the Browns since 2017.",
    )
    assert {a.name: a.kind for a in result.actors}["Browns"] == "organisation"
    family = extract(extractor, "The Bidens spent the weekend in Delaware.", "Joe Biden said he was tired.")
    assert {a.name: a.kind for a in family.actors}["Bidens"] == "person"


def test_a_possessive_before_a_bodys_word_and_a_state_before_a_portfolio_stay_in_place(extractor) -> None:
    result = extract(
        extractor,
        "The hearing will take place at Westminster Magistrate's Court in February.",
        "In June, the then UK Home Secretary, Sajid Javid, approved the request.",
    )
    names = {a.name for a in result.actors}
    assert "Westminster Magistrate's Court" in names and "Sajid Javid" in names
    assert not {"Westminster Magistrate", "UK Home"} & names
