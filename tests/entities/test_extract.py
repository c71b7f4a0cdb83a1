"""Extraction rules, one test each, on short news sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.curation import Curation
from archive_builder.entities import extract_article, resolve
from archive_builder.entities.extract import spot
from tests.entities.gold import GOLD, HELDOUT, evaluate, make_article


def typed(text: str, lex) -> dict[str, str | None]:
    return {c.text: c.type for c in spot(text, lex)}


def test_titles_before_names_are_left_out_and_make_a_person(lex):
    found = typed("Secretary of State Mike Pompeo met Maj. Gen. Qassim Suleimani and Mr. Trump.", lex)
    assert found == {"Mike Pompeo": "person", "Qassim Suleimani": "person", "Trump": "person"}


def test_place_before_title_and_after_of_are_spotted_apart(lex):
    found = typed("US President Donald Trump spoke to President Hassan Rouhani of Iran.", lex)
    assert found == {"US": "place", "Donald Trump": "person", "Hassan Rouhani": "person", "Iran": "place"}


def test_appositive_marks_a_person_without_a_known_first_name(lex):
    found = typed("Zorbek Ghalandari, the national security adviser, spoke.", lex)
    assert found == {"Zorbek Ghalandari": "person"}
    assert typed("Zorbek Ghalandari arrived on Monday.", lex) == {"Zorbek Ghalandari": None}


def test_appositive_naming_a_performer_or_sportsperson_marks_a_person(lex):
    assert typed("Liora Vance, the screen star of the 1970s, died.", lex) == {"Liora Vance": "person"}
    assert typed("Teodor Brannik, a former player, spoke.", lex) == {"Teodor Brannik": "person"}


def test_possessives_end_the_name(lex):
    found = typed("Iran’s leaders met at Baghdad's airport.", lex)
    assert found == {"Iran": "place", "Baghdad": "place"}


def test_particles_hyphens_and_initials_stay_in_names(lex):
    text = "Abu Mahdi al-Muhandis, Karim Al-Nuri, Thomas Gibbons-Neff and Robert C. O’Brien were named."
    found = typed(text, lex)
    for name in ("Abu Mahdi al-Muhandis", "Karim Al-Nuri", "Thomas Gibbons-Neff", "Robert C. O’Brien"):
        assert found[name] == "person"


def test_sentence_initial_words_and_headline_words_are_not_names(lex):
    text = "Defending American troops is hard. Covert operations continue. Indeed, Choosing wisely matters."
    assert {k: v for k, v in typed(text, lex).items() if v} == {}


def test_organization_and_place_words(lex):
    found = typed("The Badr Brigades attacked Camp Taji near Al Asad Air Base, the Iraqi Army said.", lex)
    assert found == {"Badr Brigades": "organization", "Camp Taji": "place", "Al Asad Air Base": "place",
                     "Iraqi Army": "organization"}


def test_a_name_before_a_facility_noun_is_a_place(lex):
    found = typed("Missiles struck Ain al-Assad air base and Mosul airport; Bashir al-Khatib fled.", lex)
    assert found["Ain al-Assad"] == "place" and found["Mosul"] == "place"
    assert found["Bashir al-Khatib"] == "person"  # a particle still makes a person where no facility follows


def test_a_person_of_an_organization_is_two_names(lex):
    found = typed("Mark Mazzetti of The New York Times and Jane Carter of Reuters reported it.", lex)
    assert found["Mark Mazzetti"] == "person" and found["Jane Carter"] == "person"
    assert "Mark Mazzetti of The New York Times" not in found and found.get("Reuters") == "organization"
    # an organization named "X of Y" stays whole
    assert typed("The Bank of England and the Quds Force of Iran.", lex).get("Bank of England") == "organization"


def test_headline_verbs_are_not_names(lex):
    found = typed("Iran Approached Iraq With Offer of Talks, Officials Say", lex)
    assert "Say" not in found and "Officials Say" not in found


def test_demonym_nouns_are_not_places(lex):
    assert typed("The rockets killed two Americans and a Briton.", lex) == {}


def test_hyphenated_compounds_keep_the_name(lex):
    assert typed("the Iran-backed militia and pro-Iran groups", lex) == {"Iran": "place"}


def test_short_forms_resolve_to_the_full_name_in_the_article(lex):
    body = ("Defense Secretary Mark T. Esper met Gen. Kenneth F. McKenzie. Esper said General McKenzie "
            "and Mr. Pompeo agreed. Secretary of State Mike Pompeo spoke. The Islamic Revolutionary Guards "
            "Corps was named, and the Revolutionary Guards answered.")
    found, _ = extract_article(make_article("a1", body), lex)
    forms = {frozenset(e.forms) for e in found}
    assert frozenset(("Esper", "Mark T. Esper")) in forms
    assert frozenset(("McKenzie", "Kenneth F. McKenzie")) in forms
    assert frozenset(("Mike Pompeo", "Pompeo")) in forms
    assert frozenset(("Islamic Revolutionary Guards Corps", "Revolutionary Guards")) in forms


def test_family_name_first_after_a_title(lex):
    body = "Foreign Minister Wang Yi met Secretary Antony Blinken. Mr. Wang said talks went well. Wang left."
    found, _ = extract_article(make_article("a3", body), lex)
    forms = {frozenset(e.forms) for e in found}
    assert frozenset({"Wang Yi", "Wang"}) in forms  # the titled short form; the bare word is left alone


def test_reporters_come_from_credits_with_offsets_into_the_credit_line(lex):
    credit = "Jane Q. Doe reported from Cairo, and Omar Haddad from Beirut."
    article = make_article("a2", "Nothing here.", credits=(credit,), byline=("Jane Q. Doe", "Omar Haddad", "Li Wei"))
    index, _ = resolve((article,), Curation())
    authors = [m for m in index.mentions if m.role == "author"]
    assert {m.text for m in authors} == {"Jane Q. Doe", "Omar Haddad", "Li Wei"}
    for m in authors:
        source = article.credits if m.field == "credits" else article.byline
        assert source[m.part][m.start : m.end] == m.text
    assert all(e.roles == ("author",) for e in index.entities if e.type == "person")


_PIECES = list("aAbBzZ .,'’-\n\u201cM") + ["Iran", "Mr.", " of ", "al-", "’s", "Gen.", "Mark", "Esper", "Abu",
                                            "Hezbollah", "C.", "The ", "Camp ", " said", ", the adviser"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_extractor_never_crashes_and_offsets_match(lex, text):
    article = make_article("h", text, credits=(text,), byline=("Mark Esper",), caption=text)
    index, _ = resolve((article,), Curation(), lex)
    for m in index.mentions:
        source = {"body": article.body, "caption": article.caption or "",
                  "credits": article.credits[m.part] if article.credits else ""}.get(m.field, "")
        if m.field == "byline":
            source = article.byline[m.part]
        assert source[m.start : m.end] == m.text
    for c in spot(text, lex):
        assert text[c.start : c.end] == c.text


@given(st.text(max_size=300))
@settings(max_examples=100, deadline=None)
def test_any_unicode_text(lex, text):
    article = make_article("u", text, caption=text)
    index, _ = resolve((article,), Curation(), lex)
    assert all(text[m.start : m.end] == m.text for m in index.mentions)


@pytest.mark.parametrize("path", [GOLD, HELDOUT], ids=["gold", "heldout"])
def test_quality_on_the_annotated_sets(path):
    scores = evaluate(path)
    precision, recall = scores["person"][:2]
    assert precision >= 0.9 and recall >= 0.9, scores
    assert all(p >= 0.7 and r >= 0.7 for p, r, *_ in scores.values()), scores


def test_business_names_are_organizations_not_people(lex):
    found = typed("Almira Port Holdings said on Monday that Gulfstar Logistics would take over the berths.", lex)
    assert found["Almira Port Holdings"] == "organization"
    assert found["Gulfstar Logistics"] == "organization"


def test_a_run_ending_in_titles_names_no_one(lex):
    """``... said the Lord Chief Justice.``: the titles end the run, no name follows (was an IndexError)."""
    found = spot("The appeal was dismissed, said the Lord Chief Justice.", lex)
    assert not [c for c in found if c.type == "person"]
    assert spot("Lord Chief Justice Ann Hale dismissed it.", lex)[0].words[-2:] == ("Ann", "Hale")
