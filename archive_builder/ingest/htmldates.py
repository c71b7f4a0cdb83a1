"""Dates as saved pages print them: ISO timestamps with their offset, and visible date lines in
English, German, French, Spanish, Italian, Dutch, Portuguese and Polish, or numeric
(``31.05.2019``, ``2019/05/31``, ``05/31/2019``).

A timestamp is a *stated moment*: ``2020-03-23T02:15:00Z`` was March 22 where the article was
published if that was west of Greenwich. ``Stamp.utc`` marks such stamps so the reader can prefer a
local date the page also states.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

import yaml


def _month_table() -> dict[str, int]:
    data = yaml.safe_load((resources.files("archive_builder.ingest") / "data" / "months.yml").read_text(encoding="utf-8"))
    table: dict[str, int] = {}
    for names in data.values():
        for number, spellings in enumerate(names, start=1):
            for name in spellings:
                table.setdefault(str(name), number)
    return table


MONTHS = _month_table()
_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|°)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TEXT_FORMS = (
    re.compile(rf"(?<![\w.]){_DAY}\s*(?:de\s+)?{_MONTH},?\s*(?:de\s+)?{_YEAR}(?!\d)", re.I),  # 31. Mai 2019, 31 mai 2019
    re.compile(rf"(?<![\w.]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),  # May 31, 2019
)
_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"
                  r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?")
_DOTTED = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.\s?(?P<mnum>\d{1,2})\.\s?(?P<year>(?:19|20)\d{2})(?!\d)")  # 31.05.2019
_SLASHED = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d{2})(?!\d)")
_YMD_SLASHED = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^(?P<year>(?:19|20)\d{2})(?P<mnum>\d{2})(?P<day>\d{2})(?:$|T)")


@dataclass(frozen=True, slots=True)
class Stamp:
    date: dt.date
    utc: bool = False  # stated as a UTC moment (``Z``, ``+00:00``), not as a local date


def _date(year: str, month: int | str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_stamp(value: str, language: str | None = None) -> Stamp | None:
    """The first date in ``value``: a timestamp, a written date or a numeric one."""
    text = " ".join(value.split())[:200]
    if not text:
        return None
    match = _COMPACT.match(text) or _ISO.search(text)
    if match:
        found = _date(match.group("year"), match.group("mnum"), match.group("day"))
        zone = match.groupdict().get("zone") or ""
        utc = bool(match.groupdict().get("time")) and zone.replace(":", "") in ("Z", "+0000", "-0000")
        return Stamp(found, utc) if found else None
    found = written_date(text) or numeric_date(text, language)
    return Stamp(found) if found else None


def written_date(text: str) -> dt.date | None:
    """``31. Mai 2019``, ``le 31 mai 2019``, ``May 31, 2019``, ``31 de mayo de 2019``."""
    for form in _TEXT_FORMS:
        match = form.search(text)
        if match:
            month = MONTHS.get(match.group("month").lower().rstrip("."))
            if month:
                return _date(match.group("year"), month, match.group("day"))
    return None


def numeric_date(text: str, language: str | None = None) -> dt.date | None:
    """``31.05.2019``, ``2019/05/31``, and ``05/31/2019`` (month first only on US-English pages or
    where the day cannot be the first number)."""
    match = _DOTTED.search(text) or _YMD_SLASHED.search(text)
    if match:
        return _date(match.group("year"), match.group("mnum"), match.group("day"))
    match = _SLASHED.search(text)
    if not match:
        return None
    first, second = int(match.group("a")), int(match.group("b"))
    month_first = (language or "").lower() in ("en-us", "en") and second <= 31
    if first > 12 or (not month_first and second <= 12):
        return _date(match.group("year"), second, str(first))
    return _date(match.group("year"), first, str(second))
