"""Names in an article's headline, kicker, dek and dateline: mentions of their own field, on short
texts written for these tests."""

from __future__ import annotations

from dataclasses import replace

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.model import Block
from tests.entities.gold import make_article as _make
from tests.support import article_from


def make_article(article_id: str, body: str, **fields: object):
    return replace(_make(article_id, body), **fields)


def _mentions(index, field: str) -> dict[str, str]:
    names = {e.id: e for e in index.entities}
    return {m.text: names[m.entity].name for m in index.mentions if m.field == field}


def test_a_capitals_headline_names_the_people_and_places_of_the_body(lex):
    article = make_article("h1", "The costliest footballer Alan Shearer was named as the new captain on Friday.",
                           title="SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.", title_derived=False)
    index, _ = resolve((article,), Curation(), lex)
    found = _mentions(index, "headline")
    assert found == {"SHEARER": "Alan Shearer", "ENGLAND": "England"}
    headline = [m for m in index.mentions if m.field == "headline"]
    assert all(article.title[m.start : m.end] == m.text for m in headline)
    assert {e.name for e in index.entities if e.type == "person"} == {"Alan Shearer"}  # one person, not two


def test_a_derived_title_is_not_a_headline(lex):
    article = make_article("h2", "Alan Shearer was named captain.", title="Alan Shearer was named captain", title_derived=True)
    index, _ = resolve((article,), Curation(), lex)
    assert not _mentions(index, "headline")


def test_kicker_dek_and_dateline_names_count_in_their_own_field(lex):
    article = make_article("h3", "Officials said the talks would resume on Monday.", title="Talks stall",
                           title_derived=False, chrome=("Menu", "Iraqi parliament votes to expel US troops"),
                           blocks=(Block("navigation", "Menu", 1), Block("dek", "Iraqi parliament votes to expel US troops", 3)),
                           dateline="BAGHDAD")
    index, _ = resolve((article,), Curation(), lex)
    dek = [m for m in index.mentions if m.field == "dek"]
    assert [(m.part, m.text) for m in dek] == [(1, "US")]
    assert _mentions(index, "dateline") == {"BAGHDAD": "Baghdad"}
    assert {e.name for e in index.entities} == {"Baghdad", "United States"}  # no capitals alias: ``BAGHDAD``
    assert all(not e.aliases for e in index.entities)


def test_a_dateline_is_a_place_though_a_team_there_bears_its_name(lex):
    article = make_article("h4", "New York beat Boston 5-3 on Friday.", title="Baseball results", title_derived=False,
                           dateline="NEW YORK")
    index, _ = resolve((article,), Curation(), lex)
    kinds = {m.text: e.type for m in index.mentions for e in index.entities if e.id == m.entity and m.field == "dateline"}
    assert kinds == {"NEW YORK": "place"}


def test_a_place_that_ends_a_persons_name_here_is_that_person(lex):
    article = make_article("h5", "Tennis player Lindsay Washington won on Friday.\nWashington said she was tired.")
    index, _ = resolve((article,), Curation(), lex)
    assert {e.name: e.type for e in index.entities} == {"Lindsay Washington": "person"}


def test_a_wire_date_line_gives_the_dateline():
    assert article_from("Markets rally\n\nHONG KONG 1996-08-30\n\nShares rose on Friday in Hong Kong.\n").dateline == "HONG KONG"
    assert article_from("Markets rally\n\nUpdated: March 3, 2020\n\nShares rose on Friday in Hong Kong.\n").dateline is None


def test_one_word_places_with_one_skeleton_stay_apart(lex):
    articles = (make_article("z1", "Refugees crossed from Rwanda into Zaire on Monday."),
                make_article("z2", "Rain fell in Surrey on Monday, and more is expected."))
    index, _ = resolve(articles, Curation(), lex)
    assert {"Zaire", "Surrey"} <= {e.name for e in index.entities if e.type == "place"}


def test_a_results_section_heading_names_no_one(lex):
    article = make_article("w1", "Add Women's singles, third round\nLinda Wild beat Anna Smith 6-4 6-2\n"
                                 "Men's singles, second round\nGoran Ivanisevic beat Scott Draper 7-6 6-3")
    index, _ = resolve((article,), Curation(), lex)
    assert {e.name for e in index.entities} == {"Linda Wild", "Anna Smith", "Goran Ivanisevic", "Scott Draper"}


def test_a_headline_name_the_body_reads_as_a_person_is_that_person(lex):
    # however the headline's few words read alone (a recognizer may take them for a place)
    article = make_article("h5", "Liora Vance, the screen star of the 1970s, died on Saturday, her agent said.",
                           title="Screen star Liora Vance dead at 84", title_derived=False)
    index, _ = resolve((article,), Curation(), lex)
    assert _mentions(index, "headline") == {"Liora Vance": "Liora Vance"}
    assert [(e.name, e.type) for e in index.entities] == [("Liora Vance", "person")]


def test_headline_verbs_of_what_happened_to_someone_end_the_name(lex):
    article = make_article("h6", "Running back Jamal Williams was arrested on Sunday, the police said.",
                           title="Jamal Williams Arrested For DUI", title_derived=False)
    index, _ = resolve((article,), Curation(), lex)
    assert _mentions(index, "headline") == {"Jamal Williams": "Jamal Williams"}
