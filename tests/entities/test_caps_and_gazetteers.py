"""All-caps lines (datelines, headlines, fixture lines), the packaged gazetteers and results tables,
on short texts written for these tests."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.entities.extract import spot
from tests.entities.gold import make_article


def typed(text: str, lex) -> dict[str, str | None]:
    return {c.text: c.type for c in spot(text, lex)}


def test_a_dateline_in_capitals_is_a_place(lex):
    assert typed("LONDON 1996-12-06\nShares fell sharply on Friday.", lex)["LONDON"] == "place"
    assert typed("SAN ANTONIO 1996-12-06\nThe rain stopped.", lex)["SAN ANTONIO"] == "place"


def test_names_in_a_capitals_line_are_never_people_by_the_name_rules(lex):
    found = typed("ST LOUIS AT COLORADO\nHOUSTON AT SAN DIEGO", lex)
    assert "person" not in {found.get("COLORADO"), found.get("SAN DIEGO"), found.get("HOUSTON")}


def test_a_fixture_line_does_not_make_a_place_a_person_elsewhere(lex):
    articles = (make_article("f1", "BASEBALL RESULTS\n\nST LOUIS AT COLORADO\n\nThe games start at noon."),
                make_article("f2", "Snow closed roads across Colorado on Monday, officials in Denver said."))
    index, _ = resolve(articles, Curation(), lex)
    people = {e.name for e in index.entities if e.type == "person"}
    assert not any("Colorado" in p or "COLORADO" in p for p in people)


def test_countries_and_cities_come_from_the_packaged_gazetteer(lex):
    found = typed("Ministers from Singapore and Scotland met in Mombasa and Rotterdam.", lex)
    assert {found["Singapore"], found["Scotland"]} == {"place"}
    articles = (make_article("g1", "Ministers met in Mombasa on Tuesday and flew to Rotterdam."),)
    index, _ = resolve(articles, Curation(), lex)
    assert {"Mombasa", "Rotterdam"} <= {e.name for e in index.entities if e.type == "place"}


def test_a_city_name_that_is_someone_s_surname_here_is_that_person(lex):
    articles = (make_article("d1", "Senator Robert Dole spoke on Tuesday. Dole said the bill would pass."),)
    index, _ = resolve(articles, Curation(), lex)
    assert {e.name: e.type for e in index.entities}.get("Robert Dole") == "person"
    assert not any(e.type == "place" for e in index.entities)


def test_teams_in_a_results_line_are_organizations(lex):
    found = typed("Results of English county matches on Friday:\nSurrey 24 points, Leicester 2.", lex)
    assert found["Leicester"] == "organization"
    assert typed("Talks in Leicester 2 weeks ago ended without a deal, the council said on Monday.", lex).get(
        "Leicester") != "organization"
