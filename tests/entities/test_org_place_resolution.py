"""Organizations and places resolve across articles like people: spelling variants, "X of <place>"
forms, acronyms, facility forms, hyphenated titles. Short articles written for these tests."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from tests.entities.gold import make_article


def _entities(lex, *texts: str) -> dict[str, set[str]]:
    articles = tuple(make_article(f"a{i}", text) for i, text in enumerate(texts))
    index, _ = resolve(articles, Curation(), lex)
    forms: dict[str, set[str]] = {}
    for m in index.mentions:
        forms.setdefault(m.entity, set()).add(m.text)
    types = {e.id: e.type for e in index.entities}
    return {f"{types[k]}:{k}": v for k, v in forms.items()}


def _together(found: dict[str, set[str]], *names: str) -> bool:
    return any(set(names) <= forms for forms in found.values())


def test_british_and_american_spellings_are_one_organization(lex):
    found = _entities(lex, "The Northern Mobilization Council met in Karvan on Monday, officials said.",
                      "A spokesman for the Northern Mobilisation Council denied the report on Tuesday.")
    assert _together(found, "Northern Mobilization Council", "Northern Mobilisation Council")


def test_an_organization_of_a_place_is_the_organization(lex):
    found = _entities(lex, "The Harbour Protection Corps of Portugal patrolled the estuary.",
                      "Officers of the Harbour Protection Corps said the patrols would continue.")
    assert _together(found, "Harbour Protection Corps of Portugal", "Harbour Protection Corps")


def test_an_acronym_joins_the_one_organization_it_abbreviates(lex):
    found = _entities(lex, "The Coastal Fisheries Authority issued new quotas for the season.",
                      "Skippers said the CFA had not consulted them before Friday.")
    assert _together(found, "Coastal Fisheries Authority", "CFA")


def test_an_acronym_two_organizations_share_stays_apart(lex):
    found = _entities(lex, "The Coastal Fisheries Authority issued quotas.", "The Central Finance Agency cut rates.",
                      "Skippers said the CFA had not consulted them.")
    assert not _together(found, "Coastal Fisheries Authority", "CFA")
    assert not _together(found, "Central Finance Agency", "CFA")


def test_a_camp_and_its_bare_name_are_one_place(lex):
    found = _entities(lex, "Rockets struck Camp Velora north of the capital overnight, officials said.",
                      "Troops at Camp Velora were unhurt.", "Contractors left Velora after the attack, residents in Velora said.")
    places = [forms for key, forms in found.items() if key.startswith("place:") and forms & {"Camp Velora", "Velora"}]
    assert len(places) == 1 and places[0] == {"Camp Velora", "Velora"}


def test_a_hyphenated_rank_is_a_title_not_part_of_the_name(lex):
    found = _entities(lex, "Major-General Tomas Varga inspected the troops on Sunday.",
                      "General Tomas Varga said the exercise had gone well.")
    people = [forms for key, forms in found.items() if key.startswith("person:")]
    assert people == [{"Tomas Varga"}]


def test_people_sharing_a_first_name_or_a_surname_stay_apart(lex):
    found = _entities(lex, "Mark Lindqvist met Mark Oduya in Oslo. Anna Lindqvist, the envoy, was there too.",
                      "Mark Oduya said Mark Lindqvist would return. Lindqvist declined to comment.")
    people = {k for k in found if k.startswith("person:")}
    names = {frozenset(found[k]) for k in people}
    assert not any({"Mark Lindqvist", "Mark Oduya"} <= n for n in names)
    assert not any({"Mark Lindqvist", "Anna Lindqvist"} <= n for n in names)
    assert len(people) >= 3
