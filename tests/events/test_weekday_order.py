"""News convention: a bare weekday is a day of the current week, after every 'last <weekday>'."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from archive_builder.events.dates import scan
from archive_builder.events.infer import YearHint, infer

D = dt.date
HINT = YearHint(Counter(), Counter())

# The board met on Friday, June 7, 2024 ("last Friday"); the mayor spoke "on Wednesday".
TEXT = (
    "The harbour board voted last Friday to close the north pier, minutes of the June 7, 2024 "
    "meeting show. The mayor told reporters on Wednesday that repairs would start within a month."
)


def test_bare_weekday_after_last_weekday_bounds_the_date_from_below() -> None:
    found = infer(scan(TEXT), HINT)
    assert found is not None
    # 'last Friday' = June 7, so 'on Wednesday' is the Wednesday after it (June 5 would contradict)
    assert found.earliest == D(2024, 6, 12)
    assert found.earliest <= found.date <= found.latest <= D(2024, 6, 14)
    assert any("no older than Wednesday, June 12, 2024" in line for line in found.evidence)


def test_without_last_weekday_the_bare_weekday_may_precede_the_named_date() -> None:
    text = "The mayor told reporters on Wednesday that the June 7, 2024 vote would stand."
    found = infer(scan(text), HINT)
    assert found is not None
    assert found.earliest >= D(2024, 6, 7)
    assert not any("no older than" in line for line in found.evidence)
