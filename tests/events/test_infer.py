"""Publication-date inference: with and without evidence, years from the text or the archive."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from archive_builder.events.dates import scan
from archive_builder.events.infer import YearHint, infer, place_yearless

D = dt.date
NO_HINT = YearHint(Counter(), Counter())


def test_latest_named_day_and_weekdays_give_the_week_after() -> None:
    text = ("The council met on Jan. 13, 2022. On Sunday, Jan. 16, 2022, the mayor resigned. "
            "Last Sunday's resignation came after a vote on Friday.")
    found = infer(scan(text), NO_HINT)
    assert found is not None
    # Jan. 16, 2022 is a Sunday: 'last Sunday' names it, so publication lies in the week after it;
    # 'on Friday' after the dated days means the Friday after it, Jan. 21.
    assert found.earliest == D(2022, 1, 21) and found.latest == D(2022, 1, 23)
    assert found.date == found.latest
    assert any("Jan. 16, 2022" in line for line in found.evidence)
    assert any("'Last Sunday' read as Sunday, January 16, 2022" in line for line in found.evidence)


def test_without_weekday_references_the_latest_named_day() -> None:
    found = infer(scan("The treaty was signed on May 4, 2015, and ratified on June 30, 2015."), NO_HINT)
    assert found is not None
    assert found.date == found.earliest == found.latest == D(2015, 6, 30)
    assert any("only the earliest possible date" in line for line in found.evidence)


def test_no_evidence_no_date() -> None:
    assert infer(scan("Officials said the talks would continue. Last Thursday was busy."), NO_HINT) is None
    assert infer(scan("In January the river froze."), NO_HINT) is None
    # a day without a year, and nothing in the archive to take a year from
    assert infer(scan("The vote on March 3 was close."), NO_HINT) is None


def test_year_from_the_archive_chosen_by_weekday_agreement() -> None:
    text = "The strike on March 12 was ordered last Thursday. On Saturday another attack followed."
    hint = YearHint(Counter({2019: 3, 2020: 2}), Counter({2019: 5, 2020: 2}))
    found = infer(scan(text), hint)
    assert found is not None
    # March 12 is a Thursday in 2020, not in 2019: the weekdays decide against the majority year.
    assert found.date.year == 2020
    assert D(2020, 3, 14) <= found.earliest <= found.latest <= D(2020, 3, 19)
    assert any("candidate years" in line for line in found.evidence)


def test_sharing_articles_win_over_the_archive() -> None:
    hint = YearHint(Counter({2017: 1}), Counter({2023: 40}))
    found = infer(scan("The dam opened on Sept. 9."), hint)
    assert found is not None and found.date == D(2017, 9, 9)


def test_days_across_the_turn_of_the_year() -> None:
    raws = [r for r in scan("after the Dec. 28 blast and the Jan. 3 vote, and Dec. 31") if r.day]
    placed = place_yearless(raws, 2021)
    assert sorted(placed.values()) == [D(2020, 12, 28), D(2020, 12, 31), D(2021, 1, 3)]
    found = infer(scan("after the Dec. 28 blast and the Jan. 3, 2021 vote"), NO_HINT)
    assert found is not None and found.date == D(2021, 1, 3)


def test_days_within_one_year_stay_in_it() -> None:
    raws = [r for r in scan("on Jan. 2, on Jan. 8 and on March 13") if r.day]
    assert sorted(place_yearless(raws, 2020).values()) == [D(2020, 1, 2), D(2020, 1, 8), D(2020, 3, 13)]


def test_dates_ahead_do_not_bound_publication() -> None:
    found = infer(scan("The treaty was signed on May 4, 2015. A summit will be held on June 30, 2015."), NO_HINT)
    assert found is not None and found.date == D(2015, 5, 4)
