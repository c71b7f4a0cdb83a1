"""Reports of one incident that the stories kept apart, or left out of it: lede verbs (``entered
... rehab center``, ``fired <Name>``, ``will reverse``), a place alone not keeping an article out
of its story's incident, a weekday read against an inferred publication date, and the main
incidents of two stories joined (invented articles and mentions)."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_builder.events.dates import DateRef, RawDate
from archive_builder.events.join import Cluster
from archive_builder.events.mentions import Candidate, find_triggers
from archive_builder.events.stories import join_stories

D = dt.date(2031, 5, 14)


@pytest.mark.parametrize(("text", "found"), [
    ("The actress entered a well-known Marlow rehab center on Monday.", "entered"),
    ("Lenna Vey Checks Out Of One Clinic To Check Into Another", "Check Into"),
    ("The singer went back to rehab after the tour.", "went back to rehab"),
    ("The Harriers fired Dale Ormond, their coach of two seasons.", "fired"),
    ("The minister said the agency will reverse the rule on wetlands.", "reverse"),
    ("Her reversal of the grazing rule angered ranchers.", "reversal"),
])
def test_lede_verbs_are_triggers(text: str, found: str) -> None:
    assert [m.group(0) for m in find_triggers(text)] == [found]


@pytest.mark.parametrize("text", [
    "Militants fired Grad Rockets at the town.",
    "The crew fired Hellfire Missiles from the drone.",
    "He entered the race in May.",
])
def test_what_is_not_an_admission_or_a_dismissal(text: str) -> None:
    assert not [m for m in find_triggers(text) if m.group(0).lower() in ("fired", "entered")]


def _raw(kind: str = "absolute", year: int | None = 2031) -> RawDate:
    if kind == "weekday":
        return RawDate(0, 8, "Saturday", "weekday", "wd", weekday=5, qualifier="last")
    return RawDate(0, 6, "May 14", "absolute", "mdy", month=5, day=14, year=year)


def _cand(article: str, family: str, day: dt.date | None = None, *, raw: RawDate | None = None,
          persons: tuple[str, ...] = (), places: tuple[str, ...] = (), lede: bool = True, start: int = 0) -> Candidate:
    date = DateRef(raw or _raw(), day, day, "day") if day is not None else None
    located = tuple(("in", p) for p in places)
    return Candidate(article, start, start + 4, start, start + 4, family, family, family, date, persons, persons,
                     (), places, family, (start, start + 40), located=located, lede=lede)


def _cluster(*cands: Candidate) -> Cluster:
    dates = [c.date.date for c in cands if c.date is not None and c.date.date is not None]
    k = Cluster(cands[0].family, cands[0].kind, dates[0] if dates else None)
    for c in cands:
        k.add(c)
    return k


def _event_of(clusters: list[Cluster], article: str) -> set[str]:
    (k,) = [k for k in clusters if article in k.articles and len(k.articles) > 1]
    return k.articles


def test_a_place_alone_does_not_keep_an_article_out_of_its_story_incident() -> None:
    # the third report's 'fire' is undated and placed at a street of the town the others name:
    # it is the same fire; before, any other place kept the article out of the incident
    main = _cluster(_cand("a", "fire", D, places=("tarrow",)), _cand("b", "fire", D, places=("tarrow",)))
    elsewhere = _cluster(_cand("c", "fire", places=("mill-lane",), lede=False, start=200))
    lede = _cand("c", "fire", start=10)
    out = join_stories([main, elsewhere], [lede], [["a", "b", "c"]])
    assert _event_of(out, "a") == {"a", "b", "c"}


def test_another_day_still_keeps_an_article_out_of_its_story_incident() -> None:
    main = _cluster(_cand("a", "fire", D), _cand("b", "fire", D))
    earlier = _cluster(_cand("c", "fire", dt.date(2031, 3, 2), lede=False, start=200))
    lede = _cand("c", "fire", start=10)
    out = join_stories([main, earlier], [lede], [["a", "b", "c"]])
    assert _event_of(out, "a") == {"a", "b"}


def test_a_weekday_read_against_an_inferred_date_may_be_a_week_off() -> None:
    day = dt.date(2031, 5, 3)
    week_off = day - dt.timedelta(days=6)  # 27 April: another month

    def joined(raw: RawDate, inferred: frozenset[str]) -> set[str]:
        main = _cluster(_cand("a", "attack", day), _cand("b", "attack", day))
        lede = _cand("c", "attack", week_off, raw=raw, start=10)
        return _event_of(join_stories([main], [lede], [["a", "b", "c"]], inferred=inferred), "a")

    # 'last Saturday' in an article whose publication date was inferred: the week may be wrong
    assert joined(_raw("weekday"), frozenset({"c"})) == {"a", "b", "c"}
    # the day stated with its month, or read against a stated publication date: another incident
    assert joined(_raw(), frozenset({"c"})) == {"a", "b"}
    assert joined(_raw("weekday"), frozenset()) == {"a", "b"}


def _two_stories(day_b: dt.date | None, persons_b: tuple[str, ...] = ("lenna-vey",),
                 written: dict[str, set[int]] | None = None) -> list[Cluster]:
    one = _cluster(_cand("a", "admission", D, persons=("lenna-vey",)), _cand("b", "admission", D, persons=("lenna-vey",)))
    two = _cluster(_cand("c", "admission", day_b, persons=persons_b), _cand("d", "admission", day_b, persons=persons_b))
    return join_stories([one, two], [], [["a", "b"], ["c", "d"]], written)


def test_two_stories_of_one_incident_join() -> None:
    # the same admission on the same day, the same person: outlets whose words differ too much to
    # be one story still report one happening
    assert _event_of(_two_stories(D), "a") == {"a", "b", "c", "d"}


def test_a_stated_day_outweighs_background_years() -> None:
    # one story names 1999 and 2005 (her films), the other dates the admission 'May 14, 2031'
    written = {"a": {1999}, "b": {2005}, "c": {2031}, "d": {2031}}
    assert _event_of(_two_stories(D, written=written), "a") == {"a", "b", "c", "d"}


@pytest.mark.parametrize("day_b", [D + dt.timedelta(days=9), None])
def test_the_same_kind_at_another_time_or_unknown_time_stays_apart(day_b: dt.date | None) -> None:
    assert _event_of(_two_stories(day_b), "a") == {"a", "b"}


def test_the_same_kind_the_same_day_with_other_people_stays_apart() -> None:
    assert _event_of(_two_stories(D, persons_b=("orla-brent",)), "a") == {"a", "b"}


@pytest.mark.parametrize(("years_b", "joined"), [
    ({2024, 2029}, True),  # her films and an earlier stay: background of a 2031 admission
    ({2024, 2033}, False),  # a year after the dated admission: written later, another stay
    (set(), False),  # no year named: nothing says when it was written
])
def test_an_undated_story_joins_a_dated_incident_when_its_years_precede_it(years_b: set[int], joined: bool) -> None:
    written = {"a": {2031}, "b": {2031}, "c": years_b, "d": years_b}
    expected = {"a", "b", "c", "d"} if joined else {"a", "b"}
    assert _event_of(_two_stories(None, written=written), "a") == expected


def test_an_undated_story_with_other_people_stays_apart_from_a_dated_incident() -> None:
    written = {"a": {2031}, "b": {2031}, "c": {2024}, "d": {2024}}
    assert _event_of(_two_stories(None, persons_b=("orla-brent",), written=written), "a") == {"a", "b"}
