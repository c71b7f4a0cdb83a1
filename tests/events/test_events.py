"""Event mentions joined across articles, kept apart when they differ; inferred publication dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_builder import events
from archive_builder.curation import Curation
from archive_builder.model import Article, EntityIndex, Event, EventIndex

from .helpers import PORT_ELLERY, fixture_article, index_for, make_article

D = dt.date


def port_ellery() -> tuple[Article, ...]:
    return (
        fixture_article("port_ellery_arrest", D(2021, 4, 9)),
        fixture_article("port_ellery_court", D(2021, 5, 20)),
        fixture_article("port_ellery_vigil"),
        fixture_article("no_dates"),
    )


@pytest.fixture(scope="module")
def built() -> tuple[tuple[Article, ...], EventIndex]:
    articles = port_ellery()
    out, index, _ = events.extract(articles, index_for(articles, PORT_ELLERY), Curation())
    return out, index


def by_date(index: EventIndex, day: dt.date) -> list[Event]:
    return [e for e in index.events if e.date == day]


def test_one_event_across_articles_also_without_a_date(built: tuple[tuple[Article, ...], EventIndex]) -> None:
    _, index = built
    (killing,) = by_date(index, D(2021, 4, 2))
    assert killing.trigger == "killing" and killing.date_precision == "day"
    # dated in one article, undated ('the assassination of Quist', 'weeks after the killing of ...') in two others
    assert killing.articles == ("port_ellery_arrest", "port_ellery_court", "port_ellery_vigil")
    assert "mara-quist" in killing.participants
    texts = sorted(m.text for m in index.mentions if m.event == killing.id)
    # ... and "who was shot outside her home" beside the dated one
    assert texts == ["April 2 killing", "assassination", "killing", "shot"]


def test_same_day_events_stay_apart(built: tuple[tuple[Article, ...], EventIndex]) -> None:
    _, index = built
    april6 = by_date(index, D(2021, 4, 6))
    kinds = sorted((e.trigger, e.places) for e in april6)
    # a news conference and a meeting of the same mayor; explosions at two different places (where each
    # happened: the dam, not the village its water flooded)
    assert kinds == [("explosion", ("kessel-dam",)), ("explosion", ("lund-bridge",)),
                     ("meeting", ("city-hall",)), ("news conference", ())]
    (conference,) = [e for e in april6 if e.trigger == "news conference"]
    assert conference.articles == ("port_ellery_arrest", "port_ellery_vigil")


def test_same_participants_on_other_days_stay_apart(built: tuple[tuple[Article, ...], EventIndex]) -> None:
    _, index = built
    conferences = [e for e in index.events if e.trigger == "news conference"]
    assert sorted(e.date for e in conferences if e.date) == [D(2021, 4, 6), D(2021, 5, 18)]
    (may,) = [e for e in conferences if e.date == D(2021, 5, 18)]
    # 'Bell said the news conference had been...' joins the dated one of its own article, not April's
    assert [m.text for m in index.mentions if m.event == may.id] == ["news conference on May 18", "news conference"]


def test_year_rollover_in_event_dates(built: tuple[tuple[Article, ...], EventIndex]) -> None:
    _, index = built
    (blast,) = by_date(index, D(2020, 12, 28))
    assert blast.trigger == "explosion"


def test_inferred_publication_date_with_evidence(built: tuple[tuple[Article, ...], EventIndex]) -> None:
    articles, _ = built
    vigil = next(a for a in articles if a.id == "port_ellery_vigil")
    assert vigil.published_derived and "published" in vigil.derived
    assert vigil.published_range == (D(2021, 4, 8), D(2021, 4, 13))
    assert vigil.published == D(2021, 4, 13)
    assert any("'last Tuesday' read as Tuesday, April 6, 2021" in line for line in vigil.published_evidence)
    undated = next(a for a in articles if a.id == "no_dates")
    assert undated.published is None and not undated.published_derived


def test_stated_and_curated_dates_are_never_replaced() -> None:
    text = "The vote on March 3, 2019 was close. Last Tuesday the count ended."
    stated = make_article("a", text, D(2020, 1, 1))
    curated = make_article("b", text, None, overridden=("published",))
    out, _, _ = events.extract((stated, curated), EntityIndex(), Curation())
    assert out[0] == stated and out[1] == curated


def test_mentions_offsets_match_the_body(built: tuple[tuple[Article, ...], EventIndex]) -> None:
    articles, index = built
    bodies = {a.id: a.body for a in articles}
    assert index.mentions
    for m in index.mentions:
        assert bodies[m.article][m.start : m.end] == m.text
    assert list(index.events) == sorted(index.events, key=lambda e: e.id)
    assert len({e.id for e in index.events}) == len(index.events)


def test_deterministic_whatever_the_input_order() -> None:
    articles = port_ellery()
    entities = index_for(articles, PORT_ELLERY)
    first = events.extract(articles, entities, Curation())
    second = events.extract(tuple(reversed(articles)), entities, Curation())
    assert first[1] == second[1]


_WORDS = ["the", "killing", "of", "Mara", "Quist", "on", "April", "2", "last", "Tuesday", "news conference",
          "at", "Kessel Dam", ".", ",", "\n\n", "Jan.", "8", "rocket attack", "meeting", "with", "Bell", "2021", "—"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=60), st.dates() | st.none())
def test_any_text_never_crashes_and_offsets_stay_valid(words: list[str], published: dt.date | None) -> None:
    article = make_article("h", " ".join(words) or "x", published)
    out, index, _ = events.extract((article,), index_for((article,), PORT_ELLERY), Curation())
    for m in index.mentions:
        assert 0 <= m.start < m.end <= len(out[0].body)
        assert out[0].body[m.start : m.end] == m.text


def test_trigger_search_finds_what_the_full_pattern_finds() -> None:
    from archive_builder.events.mentions import _TRIGGER, TRIGGERS, find_triggers

    samples = ["ballistic missile attack", "missile strike", "rocket attacks", "drone strike", "air strikes",
               "airstrike", "suicide bombing", "shooting", "raids", "attack", "strikes", "killings",
               "assassination", "death of", "news conference", "press briefing", "telephone call", "phone calls",
               "telephoned", "phoned", "statement", "meetings", "summit", "debate", "speeches", "visit",
               "elections", "protests", "explosion", "blasts", "cease-fire", "ceasefire", "arrests", "resignation",
               "rockets struck", "missiles hit", "barrage", "murder", "stabbing", "deaths", "earthquake", "fire",
               "robbery", "escape", "appointment", "arrested", "injuries", "acquisition", "crash", "trial", "victory",
               "resigned", "checked herself into", "admitted to", "sacked", "executed", "opened fire", "kidnapped",
               "hijacked", "indicted", "knocked out", "signed", "released", "announcement", "capsized", "flooding",
               "hit-and-run", "riots", "severed", "erupted", "evacuated", "rescued", "dies", "offered", "captured",
               "intercepted", "gutted", "exploded", "was shot", "slain", "terminated", "revoked", "outages",
               "damage to", "stoppage", "retained his title"]
    assert len(samples) >= len(TRIGGERS)
    text = ". ".join(f"The {s.upper() if i % 3 == 0 else s} of Rome" for i, s in enumerate(samples)) + " counter-attack"
    assert [m.span() for m in find_triggers(text)] == [m.span() for m in _TRIGGER.finditer(text)]
    assert len(find_triggers(text)) == len(samples)


def test_month_and_range_dates() -> None:
    text = ("Protests in January in Lund Bridge drew thousands. Mara Quist covered the protests in January "
            "at Lund Bridge.\n\nA meeting last week with Mayor Tom Bell at City Hall ended early.")
    article = make_article("m", text, D(2021, 3, 2))
    _, index, _ = events.extract((article,), index_for((article,), PORT_ELLERY), Curation())
    (protest,) = [e for e in index.events if e.trigger == "protest"]
    assert (protest.date, protest.date_precision) == (D(2021, 1, 1), "month")
    assert len([m for m in index.mentions if m.event == protest.id]) == 2
    (meeting,) = [e for e in index.events if e.trigger == "meeting"]
    assert meeting.date is None and meeting.date_precision == "unknown"  # a week is no date of its own


def test_an_attack_on_a_person_joins_the_killing_of_that_day() -> None:
    one = make_article("k1", "Police said the Jan. 2 killing of Mara Quist shocked Port Ellery.", D(2021, 1, 9))
    two = make_article("k2", "The drone strike on Mara Quist on Jan. 2 was the first in years. An airstrike on "
                             "Jan. 2 at Lund Bridge hit a depot.", D(2021, 1, 10))
    _, index, _ = events.extract((one, two), index_for((one, two), PORT_ELLERY), Curation())
    jan2 = [e for e in index.events if e.date == D(2021, 1, 2)]
    assert sorted((e.trigger, e.articles) for e in jan2) == [("airstrike", ("k2",)), ("killing", ("k1", "k2"))]


def test_an_edited_reprint_joins_the_same_events() -> None:
    articles = (*port_ellery()[:2], fixture_article("port_ellery_reprint", D(2021, 4, 10)))
    _, index, _ = events.extract(articles, index_for(articles, PORT_ELLERY), Curation())
    reprint = {m.event for m in index.mentions if m.article == "port_ellery_reprint"}
    by_id = {e.id: e for e in index.events}
    # the arrest is read from 'said Thursday they had arrested' (the day it was announced) in both
    assert sorted((by_id[e].trigger, by_id[e].date) for e in reprint) == [
        ("arrest", D(2021, 4, 8)), ("killing", D(2021, 4, 2)), ("news conference", D(2021, 4, 6))]
    assert all("port_ellery_arrest" in by_id[e].articles for e in reprint)
