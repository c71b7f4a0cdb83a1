"""Date expressions: each kind, year rollover, weekday arithmetic, precision; any text is safe."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.events.dates import find_dates, scan, weekday_date, year_for

D = dt.date
PUB = D(2020, 3, 17)  # a Tuesday


def one(text: str, anchor: dt.date | None = PUB):
    refs = find_dates(text, anchor)
    assert len(refs) == 1, [r.text for r in refs]
    return refs[0]


@pytest.mark.parametrize(
    ("text", "expected", "precision", "written"),
    [
        ("the Jan. 2 killing of the general", D(2020, 1, 2), "day", "Jan. 2"),
        ("a news conference on March 12 in the capital", D(2020, 3, 12), "day", "March 12"),
        ("dated March 23, 2020 in the text", D(2020, 3, 23), "day", "March 23, 2020"),
        ("on 4 July 1999 the fireworks", D(1999, 7, 4), "day", "4 July 1999"),
        ("filed 2019-11-05 by the clerk", D(2019, 11, 5), "day", "2019-11-05"),
        ("on Wednesday, March 11, the vote", D(2020, 3, 11), "day", "Wednesday, March 11"),
        ("in January 2019 the talks", D(2019, 1, 1), "month", "January 2019"),
        ("troops arrived in January at the base", D(2020, 1, 1), "month", "in January"),
        ("a decision in 2018 changed that", D(2018, 1, 1), "year", "in 2018"),
        ("Sept. 30 was the deadline", D(2019, 9, 30), "day", "Sept. 30"),
    ],
)
def test_absolute_expressions(text: str, expected: dt.date, precision: str, written: str) -> None:
    ref = one(text)
    assert (ref.date, ref.precision, ref.text) == (expected, precision, written)
    assert text[ref.start : ref.end] == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("inside the White House last Thursday, a debate", D(2020, 3, 12)),
        ("one last Saturday that wounded three", D(2020, 3, 14)),
        ("told reporters on Wednesday after a meeting", D(2020, 3, 11)),
        ("the minister said Tuesday that", D(2020, 3, 17)),  # the day itself
        ("in a statement last Tuesday", D(2020, 3, 10)),  # a week before, never the day itself
        ("they meet next Monday", D(2020, 3, 23)),
        ("the council will vote on Friday", D(2020, 3, 20)),  # future tense looks ahead
        ("it happened yesterday", D(2020, 3, 16)),
        ("three days ago the border closed", D(2020, 3, 14)),
    ],
)
def test_weekday_and_day_relative(text: str, expected: dt.date) -> None:
    ref = one(text)
    assert (ref.date, ref.until, ref.precision) == (expected, expected, "day")


@pytest.mark.parametrize(
    ("text", "start", "until", "precision"),
    [
        ("designated last year as one", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("out of office early next year.", D(2021, 1, 1), D(2021, 4, 30), "range"),
        ("prices rose last month", D(2020, 2, 1), D(2020, 2, 29), "month"),
        ("talks began last week", D(2020, 3, 9), D(2020, 3, 15), "range"),
        ("and in the weeks since, a deadly tit-for-tat", None, PUB, "range"),
        ("earlier this month the army", D(2020, 3, 1), PUB, "range"),
    ],
)
def test_ranges_keep_their_precision(text: str, start: dt.date | None, until: dt.date, precision: str) -> None:
    ref = one(text)
    assert (ref.date, ref.until, ref.precision) == (start, until, precision)


def test_year_rolls_back_for_a_month_later_than_publication() -> None:
    assert one("since the blast of Dec. 30 at the plant", D(2021, 1, 3)).date == D(2020, 12, 30)
    assert one("the Jan. 2 vote", D(2021, 1, 3)).date == D(2021, 1, 2)
    assert one("troops left in November", D(2021, 2, 1)).date == D(2020, 11, 1)
    assert year_for(3, D(2020, 3, 31)) == 2020 and year_for(4, D(2020, 3, 31)) == 2019


def test_weekday_arithmetic_around_every_day_of_the_week() -> None:
    monday = D(2024, 1, 1)
    for offset in range(7):
        anchor = monday + dt.timedelta(days=offset)
        for wd in range(7):
            last = weekday_date(wd, "last", anchor)
            plain = weekday_date(wd, "on", anchor)
            ahead = weekday_date(wd, "next", anchor)
            assert last.weekday() == plain.weekday() == ahead.weekday() == wd
            assert 1 <= (anchor - last).days <= 7
            assert 0 <= (anchor - plain).days <= 6
            assert 1 <= (ahead - anchor).days <= 7


def test_without_a_publication_date_only_what_the_words_fix() -> None:
    refs = find_dates("On Jan. 8 and on March 23, 2020 and last Saturday", None)
    assert [(r.text, r.date) for r in refs] == [
        ("Jan. 8", None), ("March 23, 2020", D(2020, 3, 23)), ("last Saturday", None)]
    assert refs[0].raw.month == 1 and refs[0].raw.day == 8


def test_words_that_are_no_dates() -> None:
    assert scan("You may go. The March was long. He marched on Mondays. Gen. Sept said 1,200 troops") == []
    assert scan("Feb. 30 is no day") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Jan.MarchWednesdaylast 0123, 2019-\n")) | st.characters(), max_size=120),
       st.dates(min_value=D(1700, 1, 1), max_value=D(2100, 12, 31)) | st.none())
def test_any_text_gives_valid_offsets_and_never_crashes(text: str, anchor: dt.date | None) -> None:
    for ref in find_dates(text, anchor):
        assert 0 <= ref.start < ref.end <= len(text)
        assert text[ref.start : ref.end] == ref.text
        if ref.date and ref.until:
            assert ref.date <= ref.until


def test_dates_spoken_of_ahead() -> None:
    assert one("the vote will be held on Jan. 15 in the city", D(2020, 12, 20)).date == D(2021, 1, 15)
    assert one("the vote was held on Jan. 15 in the city", D(2020, 12, 20)).date == D(2020, 1, 15)
    assert one("elections are scheduled for Nov. 3", D(2020, 10, 1)).date == D(2020, 11, 3)


def test_a_birth_date_is_never_when_the_article_was_written() -> None:
    from collections import Counter

    from archive_builder.events.infer import YearHint, infer

    raws = scan("Bettie Page, who was born on April 22, 1923, in Nashville, died on December 11, 2008.")
    born = [r for r in raws if r.year == 1923]
    assert born and all(r.birth for r in born) and not any(r.birth for r in raws if r.year == 2008)
    found = infer(raws, YearHint(Counter(), Counter()))
    assert found is not None and found.earliest == dt.date(2008, 12, 11)
    only_born = infer(scan("The actress, born April 22, 1923, starred in many films."), YearHint(Counter(), Counter()))
    assert only_born is None


def test_a_birth_date_is_not_the_date_of_the_event_beside_it() -> None:
    from archive_builder.events.mentions import Trigger, _assign_dates, _kind, find_triggers

    text = "Bettie Page, born April 22, 1923, died in Los Angeles."
    triggers = [Trigger(m.start(), m.end(), m.group(0), *_kind(m)) for m in find_triggers(text)]
    assert [t.text for t in triggers] == ["died"]
    assert _assign_dates(triggers, find_dates(text, dt.date(2008, 12, 12))) == {}
