"""Actors that are right: titles as roles, parties as one actor, places never people, works never
actors, capitals as states only where they stand for the government. Texts written for the tests."""

from __future__ import annotations

import pytest

from briefings.extraction.model import Actor, Extraction
from briefings.extraction.world_places import is_world_place
from tests.tools.extracting import extract

pytestmark = [pytest.mark.unit, pytest.mark.model]


def actor(result: Extraction, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert found, f"no actor {name!r} in {[(a.name, a.kind) for a in result.actors]}"
    return found[0]


def names(result: Extraction) -> set[str]:
    return {name for a in result.actors for name in (a.name, *a.aliases)}


def place_names(result: Extraction) -> set[str]:
    return {place.name for place in result.places}


# Titles become roles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("MP Fiona Marsh said the bill was rushed.", "Fiona Marsh", "MP"),
        ("Labour MP Graham Tullet disagreed with the plan.", "Graham Tullet", "Labour MP"),
        ("Lawyer Louise Farrant said her clients were innocent.", "Louise Farrant", "lawyer"),
        ("Administrator Jim Haverly told staff to wait.", "Jim Haverly", "Administrator"),
        ("Cardinal Paolo Ventresca celebrated Mass.", "Paolo Ventresca", "Cardinal"),
    ],
)
def test_a_title_or_office_before_a_name_is_the_role_not_part_of_the_name(extractor, sentence, name, role) -> None:
    person = actor(extract(extractor, sentence), name)
    assert person.kind == "person"
    assert role.casefold() in person.role.casefold()


def test_peers_and_judges_are_people_known_by_their_titled_name(extractor) -> None:
    result = extract(
        extractor,
        "Lord Pellingham, the attorney general, gave his advice on Monday.",
        "Lord Justice Arbery ruled that the detention was lawful.",
        "Lord Liverpool was prime minister for fifteen years.",
    )
    for name, titled in (("Pellingham", "Lord Pellingham"), ("Arbery", "Lord Justice Arbery"), ("Liverpool", "Lord Liverpool")):
        person = actor(result, name)
        assert person.kind == "person"
        assert titled in person.aliases
    assert actor(result, "Arbery").role == "Lord Justice"
    assert "Liverpool" not in place_names(result)


# Parties -------------------------------------------------------------------------------------


def test_a_party_and_its_short_forms_are_one_organisation(extractor) -> None:
    result = extract(
        extractor,
        "The Liberal Democrats said the Lib Dems would campaign on tuition fees.",
        "The Conservative Party chairman said the Tories were ready, and the Conservatives agreed.",
    )
    lib_dems = actor(result, "Liberal Democrats")
    assert lib_dems.kind == "organisation" and "Lib Dems" in lib_dems.aliases
    tories = actor(result, "Conservative Party")
    assert {"Tories", "Conservatives"} <= set(tories.aliases)
    assert not any(a.name in ("Democrat", "Tories", "Conservatives", "Lib Dems") for a in result.actors)


# Places --------------------------------------------------------------------------------------


def test_the_place_gazetteer_knows_towns_and_areas_the_hand_lists_do_not() -> None:
    assert all(is_world_place(name) for name in ("Sedgefield", "Hartlepool", "Milton Keynes", "Texas", "Anbar"))
    assert not is_world_place("Fiona Marsh")


def test_towns_and_constituencies_are_places_never_people_or_bodies(extractor) -> None:
    result = extract(
        extractor,
        "Hartlepool and Sedgefield voted Labour at the last election.",
        "Voters in Bethnal Green and Bow backed the independent candidate.",
        "Milton Keynes is growing faster than any other town.",
    )
    assert {"Sedgefield", "Bethnal Green", "Milton Keynes"} <= place_names(result)
    assert not {"Sedgefield", "Bethnal Green", "Milton Keynes"} & names(result)


def test_a_place_name_that_speaks_or_is_a_surname_stays_a_person(extractor) -> None:
    result = extract(
        extractor,
        "Obama said he would sign the order.",
        "Joan Hartlepool, a local councillor, said the plan was cruel. Hartlepool added that she would resign.",
    )
    assert actor(result, "Obama").kind == "person"
    assert actor(result, "Joan Hartlepool").kind == "person"
    assert "Hartlepool" not in place_names(result)


def test_a_capital_is_its_state_only_where_it_stands_for_the_government(extractor) -> None:
    result = extract(
        extractor,
        "Delhi's air is the dirtiest in the world, and residents of Delhi wore masks.",
        "London is expensive. London's mayor complained about the rents.",
        "Tehran said it would retaliate. Washington imposed sanctions.",
        "Beijing's policy on the territory hardened.",
    )
    assert "Delhi" not in names(result) and "London" not in names(result)
    assert {"Delhi", "London"} <= place_names(result)
    assert "Tehran" in actor(result, "Iran").aliases
    assert "Washington" in actor(result, "United States").aliases
    assert "Beijing" in actor(result, "China").aliases


# Possessives, companies, works -----------------------------------------------------------------


def test_a_possessive_keeps_the_owner_and_what_a_person_owns_is_not_a_person(extractor) -> None:
    result = extract(extractor, "Elon Musk spoke on Tuesday.", "Musk's Starlance won a contract.", "Abramovich's Chelsea won again.")
    assert actor(result, "Elon Musk").kind == "person"
    assert actor(result, "Starlance").kind == "organisation"
    assert actor(result, "Chelsea").kind == "organisation"


def test_a_place_name_owning_a_person_is_a_person(extractor) -> None:
    result = extract(extractor, "Blair's chancellor said no. Blair's wife was there.")
    assert actor(result, "Blair").kind == "person"


def test_well_known_companies_are_organisations_even_named_alone(extractor) -> None:
    result = extract(extractor, "Twitter said it would act on the report.")
    assert actor(result, "Twitter").kind == "organisation"


def test_works_and_products_named_after_people_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "The Harry Potter books sold well in China.",
        "Apple's chief executive said the iPhone would sell.",
    )
    assert "Harry Potter" not in names(result)
    assert "iPhone" not in names(result)


# Where a name starts and ends ----------------------------------------------------------------


def test_a_role_team_or_party_run_into_a_name_is_cut_off(extractor) -> None:
    result = extract(
        extractor,
        "Browns DL Sheldon Marlow said it was wrong.",
        "Tory Liam Fenwick spoke against the plan.",
        "The special envoy to Ukraine Kurt Volker testified on Tuesday.",
    )
    assert actor(result, "Sheldon Marlow").role == "Browns DL"
    assert actor(result, "Liam Fenwick").role == "Tory"
    assert actor(result, "Kurt Volker").kind == "person"
    assert actor(result, "Ukraine").kind == "state"


def test_hyphenated_names_stay_whole_and_hyphenated_adjectives_are_cut(extractor) -> None:
    result = extract(
        extractor,
        "North Korean leader Kim Jong-un met protester Cheuk Hau-yip.",
        "The EU-wide rules and the Trump-era tariffs were discussed.",
    )
    assert {"Kim Jong-un", "Cheuk Hau-yip"} <= names(result)
    assert not {"EU-wide", "Trump-era"} & names(result)


def test_a_countrys_officials_are_the_country_and_a_regions_leaders_no_actor(extractor) -> None:
    result = extract(extractor, "Chinese officials met American negotiators while European leaders watched.")
    assert {"Chinese officials", "American negotiators", "European leaders"}.isdisjoint(a.name for a in result.actors)
    assert "Chinese" in actor(result, "China").aliases
    assert actor(result, "United States").kind == "state"


def test_a_party_qualified_by_a_place_or_chamber_is_the_party(extractor) -> None:
    result = extract(extractor, "Virginia Democrats won a majority, and Senate Republicans refused to comment.")
    assert actor(result, "Democratic Party").kind == "organisation"
    assert actor(result, "Republican Party").kind == "organisation"
    assert "Virginia Democrats" not in {a.name for a in result.actors}


# Merging -------------------------------------------------------------------------------------


def test_an_acronym_joins_the_long_form_its_letters_abbreviate(extractor) -> None:
    result = extract(
        extractor,
        "The California Public Utilities Commission met on Monday. The PUC said it would act.",
        "Pacific Gas & Electric Co. cut power. PG&E said the cuts would last days.",
    )
    assert "PUC" in actor(result, "California Public Utilities Commission").aliases
    assert "PG&E" in actor(result, "Pacific Gas & Electric Co.").aliases


def test_one_person_named_several_ways_is_one_actor(extractor) -> None:
    result = extract(
        extractor,
        "President Volodymyr Zelenskiy spoke to reporters.",
        "Zelenskiyy said later that he had not been pressed.",
        "Senator Benjamin Nzerib spoke first. B. U. Nzerib then left the chamber.",
    )
    people = [a for a in result.actors if a.kind == "person"]
    assert len(people) == 2, people


# Not actors ----------------------------------------------------------------------------------


def test_products_programmes_indices_and_bare_institutions_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "The new MacBook Pro runs Windows XP Home and iPhoto well.",
        "Medicaid covers more people, and the Dow Jones Industrial Average rose.",
        "The Cabinet met in July. The Court ruled against the plan.",
    )
    assert not {"MacBook Pro", "Windows XP Home", "iPhoto", "Medicaid", "Dow Jones Industrial Average", "Cabinet", "Court", "July"} & names(result)


def test_places_told_by_their_context_are_places(extractor) -> None:
    result = extract(
        extractor,
        "He paid an Amritsar-based agent, and raids in the area of Sarkh continued.",
        "The start-up is based out of Gurugram.",
    )
    assert not {"Amritsar", "Sarkh", "Gurugram", "Amritsar-based"} & names(result)


def test_a_surname_the_model_reads_once_as_a_person_is_that_person(extractor) -> None:
    result = extract(
        extractor,
        "Former welfare minister Frank Field MP said the plan would fail.",
        "Trump said he was pleased. Trump told reporters the vote was close.",
        "Trump was pleased with the result.",
    )
    assert actor(result, "Frank Field").kind == "person"
    assert actor(result, "Trump").kind == "person"


def test_a_name_listed_with_companies_is_a_company(extractor) -> None:
    result = extract(extractor, "Pepsi, Coca-Cola, Costco and Winnebago are among retailers that said they raised prices.")
    assert actor(result, "Winnebago").kind == "organisation"


def test_a_title_without_its_holder_is_no_actor(extractor) -> None:
    result = extract(extractor, "Deputy Prime Minister John Prescott said a good deal had been done.")
    assert "Deputy Prime Minister" not in {a.name for a in result.actors}
    assert actor(result, "John Prescott").kind == "person"


def test_a_role_word_inside_a_span_separates_the_body_from_the_person(extractor) -> None:
    result = extract(extractor, "Jones has filed a lawsuit against Balco boss Victor Conte over his allegations.")
    assert actor(result, "Victor Conte").kind == "person"
    assert actor(result, "Balco").kind == "organisation"


def test_schemes_and_words_the_article_also_writes_in_lower_case_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "BT has launched its Connected World initiative.",
        "Education matters, the minister said, and education spending will rise.",
    )
    assert not {"Connected World", "Education"} & names(result)


def test_a_states_troops_are_the_state_and_a_labels_fighters_a_group(extractor) -> None:
    result = extract(extractor, "US troops withdrew while Kurdish fighters held the town.")
    assert "US troops" not in {a.name for a in result.actors}
    assert actor(result, "United States").kind == "state"
    assert actor(result, "Kurdish fighters").kind == "group"


def test_handles_case_numbers_and_the_stars_of_shows_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "The post tagged @Ilhan and cited suit number ABJ/03/095/2018 in the court papers.",
        "Christina Applegate is the Married With Children star.",
    )
    assert not {"@Ilhan", "ABJ/03/095/2018", "Married With Children"} & names(result)


def test_teams_and_companies_the_model_takes_for_people_are_bodies(extractor) -> None:
    result = extract(
        extractor,
        "The Steelers beat the Canadiens' city rivals, and Dick Clark Productions filmed it.",
        "Manchester United lost, and Joe Biden said the Bidens were watching.",
    )
    for name in ("Steelers", "Dick Clark Productions", "Manchester United"):
        assert actor(result, name).kind == "organisation", name
    assert all(a.kind == "person" for a in result.actors if a.name.startswith("Joe Biden") or a.name == "Bidens")


def test_words_made_from_places_and_names_and_remnants_of_names_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "Delhiites wore masks while Google hired more Googlers.",
        "The Clintonian approach won over Afghan-Americans in the intra-Afghan talks.",
        "The deal was signed by Inc. and the University.",
    )
    assert not {"Delhiites", "Googlers", "Clintonian", "Afghan-Americans", "intra-Afghan", "Inc.", "University"} & names(result)
    assert actor(result, "Google").kind == "organisation"


def test_titles_of_works_are_not_actors(extractor) -> None:
    result = extract(
        extractor,
        "She starred in Married With Children before the film Too Big To Fail.",
        "The former \u201cDawson\u2019s Creek\u201d star was voted off.",
        "The National Society for the Prevention of Cruelty to Children welcomed it.",
    )
    assert not {"Married With Children", "Too Big To Fail", "Dawson\u2019s Creek", "Dawson", "Creek"} & names(result)
    assert actor(result, "National Society for the Prevention of Cruelty to Children").kind == "organisation"
