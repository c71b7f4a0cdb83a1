"""Date expressions in article text, found and resolved against a publication date.

``scan(text)`` finds expressions without resolving them (``RawDate``: what the words say).
``resolve(raw, anchor)`` turns one into calendar dates (``DateRef``) given the publication date:

* absolute: ``Jan. 2``, ``March 12``, ``March 23, 2020``, ``23 March 2020``, ``2020-03-23``,
  ``January 2020``, ``in January``, ``in 2019``; a date without a year takes the publication year,
  or the year before when its month is later than the publication month (the next one after
  ``will``, ``scheduled``...);
* weekdays: ``on Wednesday`` / ``Wednesday`` (the last one on or before publication), ``last
  Saturday`` (the last one before it), ``next Monday``, and ``on Thursday`` after ``will`` (ahead);
* relative: ``yesterday``, ``last week``, ``last year``, ``early next year``, ``three days ago``,
  ``in the weeks since`` (a range ending at publication; its start is the event referred to).

Precision is kept: ``day``, ``month``, ``year`` or ``range`` (``date``..``until``).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta  # calendar-month steps, clipped at month ends

from archive_builder.model import DatePrecision

Kind = Literal["absolute", "weekday", "relative"]

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_MONTH_FULL = r"(?P<month>" + "|".join(calendar.month_name[1:]) + r")\b"
_WD = "|".join(calendar.day_name)
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?!\d)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_LEAD = rf"(?:(?P<lead>{_WD}),?\s+)?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:1[6-9]|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b")),
    ("mdy", re.compile(rf"\b{_LEAD}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?")),
    ("dmy", re.compile(rf"\b{_LEAD}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?")),
    ("my", re.compile(rf"\b{_MONTH_FULL},?\s+(?:of\s+)?{_YEAR}")),
    ("mo", re.compile(rf"\b(?P<q>(?i:in|since|until|by|during|early|late|mid-|last|next|this past))\s+{_MONTH_FULL}")),
    ("yr", re.compile(rf"\b(?i:in|since|until|by|during|early|late|mid-)\s*{_YEAR}")),
    ("seq", re.compile(r"\b(?:in|over|during) the (?P<unit>day|week|month|year)s since\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                       r"\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("part", re.compile(r"\b(?P<part>early|late|mid-|the end of|the beginning of)\s*(?P<q>last|this|next)\s+year\b", re.I)),
    ("per", re.compile(r"\b(?P<q>earlier this|later this|last|this|next|past)\s+(?P<unit>week|month|year)\b", re.I)),
    ("rel", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)),
    ("wd", re.compile(rf"\b(?:(?P<q>last|this past|this coming|this|next|on|past)\s+)?(?P<wd>{_WD})(?!s)\b", re.I)),
)
# a future cue in the same clause, shortly before (``will be held on``, ``is scheduled for``)
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|scheduled|planned|plans? to|expected to|set to)\b"
                     r"[^.;,:!?\"\u201c\u201d\u2014]{0,40}$", re.I)


_BORN = re.compile(r"\bborn\s+(?:on\s+|in\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class RawDate:
    """A date expression as written: what the words fix, before any publication date is known."""

    start: int
    end: int
    text: str
    kind: Kind
    form: str  # which pattern matched (iso, mdy, wd, per, ...)
    month: int | None = None
    day: int | None = None
    year: int | None = None  # only when the text states it
    weekday: int | None = None  # 0 = Monday
    qualifier: str = ""  # last | next | this | on | in | early | ... (lowercase)
    unit: str = ""  # day | week | month | year (relative forms)
    count: int = 0

    @property
    def future(self) -> bool:
        return self.qualifier in ("next", "this coming", "future")

    @property
    def birth(self) -> bool:
        """``born April 22, 1923``: a life's date, never when the article was written or what it reports."""
        return self.qualifier == "birth"


@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved date expression: ``date``..``until`` with a precision (``date`` None: unknown)."""

    raw: RawDate
    date: dt.date | None
    until: dt.date | None
    precision: DatePrecision

    @property
    def start(self) -> int:
        return self.raw.start

    @property
    def end(self) -> int:
        return self.raw.end

    @property
    def text(self) -> str:
        return self.raw.text


def _raw(form: str, m: re.Match[str], text: str) -> RawDate | None:
    g = m.groupdict()
    kind: Kind = "absolute" if form in ("iso", "mdy", "dmy", "my", "mo", "yr") else "relative"
    month = MONTHS.get(g["month"].rstrip(".")) if g.get("month") else (int(g["mnum"]) if g.get("mnum") else None)
    if g.get("month") == "May" and not (g.get("day") or g.get("year")) and form != "mo":
        return None
    day = int(g["day"]) if g.get("day") else None
    year = int(g["year"]) if g.get("year") else None
    if month and day and day > calendar.monthrange(year or 2000, month)[1]:
        return None
    q = (g.get("q") or g.get("part") or "").lower()
    wd = WEEKDAYS.get((g.get("wd") or g.get("lead") or "").capitalize())
    ahead = _FUTURE.search(text[max(0, m.start() - 80) : m.start()]) is not None
    if form == "wd":
        kind = "weekday"
        if q in ("", "on") and ahead:
            q = "future"
    elif kind == "absolute" and form in ("mdy", "dmy", "iso") and ahead:
        q = "future"  # ``will be held on Jan. 15``: ahead of publication
    elif kind == "absolute" and _BORN.search(text[max(0, m.start() - 20) : m.start()]):
        q = "birth"
    count = 0
    if g.get("n"):
        count = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
    unit = (g.get("unit") or g.get("word") or "").lower()
    if form == "part":
        unit = "year"
        q = f"{q}:{(g.get('part') or '').lower()}"
    return RawDate(m.start(), m.end(), m.group(0), kind, form, month, day, year, wd, q, unit, count)


# The words an expression can start with, per pattern: ``scan`` tries a pattern only where one of
# its first words stands (one pass over the words instead of a dozen over the text).
_Q = ["last", "this", "next", "past", "on", "in", "since", "until", "by", "during", "early", "late", "mid", "earlier", "later", "over", "the"]
_FIRST: dict[str, tuple[str, ...]] = {
    "iso": ("#",), "mdy": (*MONTHS, *WEEKDAYS), "dmy": ("#", *WEEKDAYS), "my": tuple(calendar.month_name[1:]),
    "mo": tuple(_Q), "yr": tuple(_Q), "seq": ("in", "over", "during"), "ago": ("#", "a", "an", *_NUMBERS),
    "part": ("early", "late", "mid", "the"), "per": ("earlier", "later", "last", "this", "next", "past"),
    "rel": ("yesterday", "today", "tomorrow"), "wd": (*_Q, *WEEKDAYS),
}
_CUES: dict[str, tuple[int, ...]] = {}
for _i, (_form, _) in enumerate(_PATTERNS):
    for _word in _FIRST[_form]:
        _CUES[_word.lower()] = (*_CUES.get(_word.lower(), ()), _i)
_WORD_START = re.compile(r"\b(?:[A-Za-z]+|\d)")


def scan(text: str) -> list[RawDate]:
    """Every date expression in ``text``, in order; earlier patterns win where two overlap."""
    found: list[tuple[int, int, re.Match[str]]] = []
    for word in _WORD_START.finditer(text):
        key = "#" if word.group(0).isdigit() else word.group(0).lower()
        for i in _CUES.get(key, ()):
            m = _PATTERNS[i][1].match(text, word.start())
            if m is not None:
                found.append((i, m.start(), m))
    starts: list[int] = []  # the spans taken: disjoint, kept sorted by start (so ends are sorted too)
    ends: list[int] = []
    out: list[RawDate] = []
    for i, _, m in sorted(found, key=lambda f: (f[0], f[1])):
        # the only taken span that can overlap is the last one starting before this one ends
        k = bisect.bisect_left(starts, m.end())
        if k and ends[k - 1] > m.start():
            continue
        raw = _raw(_PATTERNS[i][0], m, text)
        if raw is not None:
            starts.insert(k, m.start())
            ends.insert(k, m.end())
            out.append(raw)
    return sorted(out, key=lambda r: (r.start, r.end))


def year_for(month: int, anchor: dt.date) -> int:
    """The year of a month named without one: the publication year, or the year before when the
    month is later than the publication month (news tells what happened)."""
    return anchor.year - 1 if month > anchor.month else anchor.year


def weekday_date(wd: int, qualifier: str, anchor: dt.date) -> dt.date:
    """``last``/``past``: the last such day before ``anchor``; ``next``/``this coming``/future: the
    next one after; ``this``: the one in the week ahead (0-6 days); plain or ``on``: the last one on
    or before ``anchor``."""
    today = anchor.weekday()
    if qualifier in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=(today - wd - 1) % 7 + 1)
    if qualifier in ("next", "this coming", "future"):
        return anchor + dt.timedelta(days=(wd - today - 1) % 7 + 1)
    if qualifier == "this":
        return anchor + dt.timedelta(days=(wd - today) % 7)
    return anchor - dt.timedelta(days=(today - wd) % 7)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _absolute(raw: RawDate, anchor: dt.date | None) -> tuple[dt.date | None, dt.date | None, DatePrecision]:
    year = raw.year
    if raw.month is None:  # a year alone
        return (dt.date(year, 1, 1), dt.date(year, 12, 31), "year") if year else (None, None, "unknown")
    if year is None:
        if anchor is None:
            return None, None, "day" if raw.day else "month"
        year = year_for(raw.month, anchor)
        if raw.qualifier == "last" and raw.month >= anchor.month:
            year = anchor.year - 1
        elif raw.qualifier == "next":
            year = anchor.year + 1 if raw.month <= anchor.month else anchor.year
        elif raw.qualifier == "future" and raw.day:
            year = anchor.year + 1 if (raw.month, raw.day) < (anchor.month, anchor.day) else anchor.year
    if raw.day:
        day = dt.date(year, raw.month, raw.day)
        return day, day, "day"
    first, last = _month_range(year, raw.month)
    return first, last, "month"


def _period(unit: str, q: str, anchor: dt.date) -> tuple[dt.date, dt.date, DatePrecision]:
    shift = {"last": -1, "past": -1, "next": 1}.get(q, 0)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        start, end = monday, monday + dt.timedelta(days=6)
        precision: DatePrecision = "range"
    elif unit == "month":
        first = (anchor.replace(day=1) + relativedelta(months=shift))
        start, end = _month_range(first.year, first.month)
        precision = "month"
    else:
        year = anchor.year + shift
        start, end, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if q == "earlier this":
        return start, anchor, "range"
    if q == "later this":
        return anchor, end, "range"
    return start, end, precision


_PARTS = {"early": (1, 4), "mid-": (5, 8), "late": (9, 12), "the beginning of": (1, 2), "the end of": (11, 12)}


def _relative(raw: RawDate, anchor: dt.date) -> tuple[dt.date | None, dt.date | None, DatePrecision]:
    if raw.form == "rel":
        day = anchor + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[raw.unit])
        return day, day, "day"
    if raw.form == "seq":
        return None, anchor, "range"
    if raw.form == "ago":
        if raw.unit == "day":
            day = anchor - dt.timedelta(days=raw.count)
            return day, day, "day"
        if raw.unit == "week":
            mid = anchor - dt.timedelta(weeks=raw.count)
            return mid - dt.timedelta(days=3), mid + dt.timedelta(days=3), "range"
        back = anchor - relativedelta(months=raw.count if raw.unit == "month" else 12 * raw.count)
        return (*_month_range(back.year, back.month), "month") if raw.unit == "month" else (
            dt.date(back.year, 1, 1), dt.date(back.year, 12, 31), "year")
    if raw.form == "part":
        q, part = raw.qualifier.split(":", 1)
        year = anchor.year + {"last": -1, "next": 1}.get(q, 0)
        lo, hi = _PARTS[part]
        return dt.date(year, lo, 1), _month_range(year, hi)[1], "range"
    return _period(raw.unit, raw.qualifier, anchor)


def resolve(raw: RawDate, anchor: dt.date | None) -> DateRef:
    """Calendar dates for ``raw`` given the publication date (None: only what the words fix)."""
    try:
        if raw.kind == "absolute":
            return DateRef(raw, *_absolute(raw, anchor))
        if anchor is None:
            return DateRef(raw, None, None, "day" if raw.kind == "weekday" else "unknown")
        if raw.kind == "weekday" and raw.weekday is not None:
            day = weekday_date(raw.weekday, raw.qualifier, anchor)
            return DateRef(raw, day, day, "day")
        return DateRef(raw, *_relative(raw, anchor))
    except (ValueError, OverflowError):  # e.g. Feb. 29 in a year without one
        return DateRef(raw, None, None, "unknown")


def find_dates(text: str, anchor: dt.date | None) -> list[DateRef]:
    return [resolve(raw, anchor) for raw in scan(text)]
