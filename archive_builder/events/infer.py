"""Publication-date inference for articles whose seed states no date, from the text's own evidence.

News style gives the method:

1. an article is published on or after the latest date it names (``L``), leaving out dates it
   speaks of ahead (``will be held on Nov. 3``);
2. it names the days of the week before publication by weekday (``last Saturday``, ``on
   Wednesday``), so publication lies in the week after ``L`` when it has such references;
3. a writer often names the same day both ways (``last Thursday`` ... ``meetings on March 12``),
   and recent days named by weekday lie after the older, dated ones;
4. a bare weekday (``told reporters on Wednesday``) is a day of the current week, the most recent
   such day on or before publication, while ``last Thursday`` reaches back into the week before: so
   every bare weekday lies after every ``last <weekday>``. A candidate day that reads them the other
   way round contradicts the text and is dropped (unless every candidate does), which is how a bare
   weekday bounds the publication date from below.

Every candidate day in ``[L, L + 7]`` is scored by how many weekday references it reads as a
named date (2 points) or as a day after ``L`` (1 point); the best-scoring days form the range, and
the latest of them is used. When the text names no year, the candidate years come from the dated
articles of the archive that share names with this one (then all dated articles), and weekday
agreement picks among them. With no named day, nothing is inferred.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from archive_builder.events.dates import RawDate, resolve

TURN_GAP = 200  # a gap between named days this long (in days) is read as the turn of the year
WINDOW = 7  # days after the latest named date that publication may lie, given weekday references


@dataclass(frozen=True, slots=True)
class Inference:
    date: dt.date
    earliest: dt.date
    latest: dt.date
    evidence: tuple[str, ...]


def _fmt(day: dt.date) -> str:
    return f"{day.strftime('%A')}, {day.strftime('%B')} {day.day}, {day.year}"


def place_yearless(raws: list[RawDate], year: int) -> dict[int, dt.date]:
    """Dates for day references (by index) given the year of the latest one. Days without a year
    take the year that puts them no later than a month after the latest stated date; with no
    stated date, they are ordered around the calendar and the largest gap taken as the turn of the
    year, so ``Dec. 28`` and ``Jan. 2`` read as late one year and early the next."""
    out: dict[int, dt.date] = {}
    loose: list[tuple[int, int, int]] = []
    for i, raw in enumerate(raws):
        if raw.year is not None:
            try:
                out[i] = dt.date(raw.year, raw.month or 1, raw.day or 1)
            except ValueError:
                continue
        else:
            loose.append((raw.month or 1, raw.day or 1, i))
    if not loose:
        return out
    later_year = _before_turn(loose, max(out.values()) if out else None)
    for m, d, i in loose:
        y = year - 1 if (m, d) in later_year else year
        try:
            out[i] = dt.date(y, m, d)
        except ValueError:
            continue
    return out


def _before_turn(loose: list[tuple[int, int, int]], stated: dt.date | None) -> set[tuple[int, int]]:
    """The (month, day) pairs that fall in the year before the latest one."""
    ordered = sorted(set((m, d) for m, d, _ in loose))
    if stated is not None:
        limit = stated + dt.timedelta(days=31)
        return {(m, d) for m, d in ordered if (m, d) > (limit.month, limit.day) and limit.year == stated.year}
    doy = [dt.date(2001, m, min(d, 28) if m == 2 else d).timetuple().tm_yday for m, d in ordered]
    gaps = [doy[k + 1] - doy[k] for k in range(len(doy) - 1)] + [doy[0] + 365 - doy[-1]]
    turn = max(range(len(gaps)), key=lambda k: (gaps[k], k))  # the year turns after ordered[turn]
    turns = turn != len(ordered) - 1 and gaps[turn] > TURN_GAP
    return {md for k, md in enumerate(ordered) if turns and k > turn}


def _past_weekdays(raws: list[RawDate]) -> list[RawDate]:
    return [r for r in raws if r.kind == "weekday" and r.weekday is not None and not r.future]


def _score(day: dt.date, weekdays: list[RawDate], named: set[dt.date], latest: dt.date) -> int:
    total = 0
    for raw in weekdays:
        read = resolve(raw, day).date
        if read in named:
            total += 2
        elif read is not None and read > latest:
            total += 1
    return total


_LAST = frozenset(["last", "past", "this past"])


def _ordered(day: dt.date, weekdays: list[RawDate]) -> bool:
    """Read from ``day``, do the bare weekdays all fall after every ``last <weekday>``?"""
    bare = [resolve(r, day).date for r in weekdays if r.qualifier in ("", "on")]
    last = [resolve(r, day).date for r in weekdays if r.qualifier in _LAST]
    bare_days = [d for d in bare if d is not None]
    last_days = [d for d in last if d is not None]
    return not bare_days or not last_days or min(bare_days) > max(last_days)


def _best_days(named: set[dt.date], weekdays: list[RawDate]) -> tuple[list[dt.date], int]:
    latest = max(named)
    if not weekdays:
        return [latest], 0
    candidates = [latest + dt.timedelta(days=k) for k in range(WINDOW + 1)]
    ordered = [day for day in candidates if _ordered(day, weekdays)]
    candidates = ordered or candidates
    scores = {day: _score(day, weekdays, named, latest) for day in candidates}
    top = max(scores.values())
    return [d for d in candidates if scores[d] == top], top


@dataclass(frozen=True, slots=True)
class YearHint:
    """Years of dated articles that share names with the article, and of the whole archive."""

    sharing: Counter[int]
    archive: Counter[int]


def _years(raws: list[RawDate], hint: YearHint) -> tuple[list[int], str]:
    stated = sorted({r.year for r in raws if r.year is not None and r.day is not None})
    if stated:
        return [stated[-1]], f"year {stated[-1]}: the latest year the text names with a day"
    for counter, sharing in ((hint.sharing, True), (hint.archive, False)):
        if counter:
            years = [y for y, _ in sorted(counter.items(), key=lambda kv: (-kv[1], -kv[0]))]
            where = "the dated articles in the archive"
            if sharing:
                where += " that name the same people, organizations or places"
            listed = ", ".join(str(y) for y in years[:3])
            return years[:3], f"The text names no year; candidate years ({listed}) from {where}"
    return [], ""


def infer(raws: list[RawDate], hint: YearHint) -> Inference | None:
    """The likely publication date from the expressions the text holds, or None without evidence."""
    days = [r for r in raws if r.kind == "absolute" and r.month is not None and r.day is not None and not r.future
            and not r.birth]
    if not days:
        return None
    years, year_note = _years(days, hint)
    weekdays = _past_weekdays(raws)
    best: tuple[int, int, int, list[dt.date], dict[int, dt.date]] | None = None
    for rank, year in enumerate(years):
        placed = place_yearless(days, year)
        if not placed:
            continue
        picked, score = _best_days(set(placed.values()), weekdays)
        key = (score, -rank)
        if best is None or key > best[:2]:
            best = (score, -rank, year, picked, placed)
    if best is None:
        return None
    _, _, year, picked, placed = best
    return Inference(picked[-1], picked[0], picked[-1], _evidence(days, placed, weekdays, picked, year_note, year))


def _evidence(days: list[RawDate], placed: dict[int, dt.date], weekdays: list[RawDate],
              picked: list[dt.date], year_note: str, year: int) -> tuple[str, ...]:
    latest_i = max(placed, key=lambda i: (placed[i], i))
    latest = placed[latest_i]
    lines = ["The seed states no publication date; it was inferred from the dates the text names."]
    lines.append(f"Latest date named: '{days[latest_i].text}' = {_fmt(latest)}; the article is no older.")
    if year_note:
        lines.append(f"{year_note}; {year} fits best.")
    named = set(placed.values())
    for raw in _unique(weekdays):
        read = resolve(raw, picked[-1]).date
        if read is None:
            continue
        note = " (a date the text also names)" if read in named else ""
        lines.append(f"'{raw.text}' read as {_fmt(read)}{note}.")
    bare = sorted(d for r in weekdays if r.qualifier in ("", "on") and (d := resolve(r, picked[-1]).date))
    if bare and any(r.qualifier in _LAST for r in weekdays):
        lines.append(f"A bare weekday names a day of the current week, after every 'last <weekday>': "
                     f"the article is no older than {_fmt(bare[0])}.")
    if not weekdays:
        lines.append("No weekday references: only the earliest possible date is known.")
    elif picked[0] == picked[-1]:
        lines.append(f"Only {_fmt(picked[0])} agrees best with every reference.")
    else:
        lines.append(f"Dates agreeing best with every reference: {_fmt(picked[0])} to {_fmt(picked[-1])}; "
                     "the latest is used.")
    return tuple(lines)


def _unique(raws: list[RawDate]) -> list[RawDate]:
    seen: set[tuple[str, int | None]] = set()
    out: list[RawDate] = []
    for raw in raws:
        key = (raw.qualifier, raw.weekday)
        if key not in seen:
            seen.add(key)
            out.append(raw)
    return out
