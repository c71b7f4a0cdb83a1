"""Page chrome in copied text: what one line of a news page is when it is not article text.

A curator who selects all and copies an article page gets the page's chrome with it: navigation
words, mastheads, kickers, date lines in many forms, bylines, share bars, prompts to subscribe,
donate, accept cookies or comment, story codes. This module recognises such lines one at a time
(pure functions over one line); ``text.py`` decides from their order which is the headline and where
the body starts. The words themselves are data, in ``data/chrome.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent / "data" / "chrome.yml"


@dataclass(frozen=True, slots=True)
class Tables:
    months: dict[str, int]
    weekdays: frozenset[str]
    date_labels: tuple[str, ...]
    update_labels: frozenset[str]
    byline_prefixes: tuple[str, ...]
    byline_roles: frozenset[str]
    agencies: frozenset[str]
    section_words: frozenset[str]
    chrome_lines: frozenset[str]
    chrome_prefixes: tuple[str, ...]
    outlet_words: frozenset[str]
    edition_words: frozenset[str]
    code_labels: tuple[str, ...]


def _load() -> Tables:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    months = {str(name): int(number) for number, names in raw["months"].items() for name in names}

    def words(key: str) -> list[str]:
        return [str(w).casefold() for w in raw[key]]

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(set(words(key)), key=lambda w: (-len(w), w)))

    return Tables(
        months=months, weekdays=frozenset(words("weekdays")), date_labels=longest_first("date_labels"),
        update_labels=frozenset(words("update_labels")), byline_prefixes=longest_first("byline_prefixes"),
        byline_roles=frozenset(words("byline_roles")), agencies=frozenset(words("agencies")),
        section_words=frozenset(words("section_words")), chrome_lines=frozenset(words("chrome_lines")),
        chrome_prefixes=longest_first("chrome_prefixes"), outlet_words=frozenset(words("outlet_words")),
        edition_words=frozenset(words("edition_words")), code_labels=longest_first("code_labels"),
    )


TABLES = _load()  # read once; immutable


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# ------------------------------------------------------------------------------------ dates

_MONTH = rf"(?P<month>{_alternation(list(TABLES.months))})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = tuple(re.compile(form, re.I) for form in (
    rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+(?:de\s+)?{_YEAR}(?!\d)",
    rf"(?<![\w\d]){_DAY}\s*(?:de\s+|-\s*)?{_MONTH},?\s*(?:de\s+|del\s+|-\s*)?{_YEAR}(?!\d)",
    rf"(?<!\d){_YEAR}-(?P<mnum>[01]?\d)-(?P<dnum>[0-3]?\d)(?!\d)",
    r"(?<![\d/])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)",
))
_TIME = r"\d{1,2}(?:[:.h]\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?"
_ZONE = r"\(?\b(?-i:[A-Z]{2,5})\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?"
_FILLER = re.compile(
    rf"(?:{_TIME}|{_ZONE}|\b(?:at|on|the|le|el|am|à|a las|um|uhr|hrs|hours|h)\b|[\s,;:|/\-\u2013\u2014\u00b7\u2022()\[\].])+",
    re.I,
)
_LABEL = re.compile(rf"^\s*(?P<label>{_alternation(TABLES.date_labels)})\b\s*:?\s*", re.I)
_GLUED_LABEL = re.compile(rf"^\s*(?P<label>{_alternation(TABLES.date_labels)})(?=\d)", re.I)
_WEEKDAY_WORD = re.compile(rf"(?<![\w])(?:{_alternation(TABLES.weekdays)})\.?,?(?![\w])", re.I)
_STORY_CODE = re.compile(rf"(?:^|\s|[|\-\u2013\u2014])(?:{_alternation(TABLES.code_labels)})\s*[:#]?\s*[\w-]*\d[\w-]*\s*$", re.I)
_TIME_ONLY = re.compile(rf"^\(?\s*(?:{_TIME})\s*(?:{_ZONE})?\s*\)?\.?$", re.I)


@dataclass(frozen=True, slots=True)
class DateLine:
    date: dt.date
    update: bool  # the line dates an update ("Updated: ..."), not the publication
    rest: str  # what the line holds besides the date and its label (a section name, ...)


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first calendar date written in ``text`` with its span, in any of the forms news pages use."""
    best: tuple[dt.date, int, int] | None = None
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            day = _date_of(match)
            if day is not None and (best is None or match.start() < best[1]):
                best = (day, match.start(), match.end())
                break
    return best


def _date_of(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    try:
        year = int(parts["year"])
        if parts.get("month"):
            return dt.date(year, TABLES.months[parts["month"].casefold()], int(parts["day"]))
        if parts.get("mnum"):
            return dt.date(year, int(parts["mnum"]), int(parts["dnum"]))
        a, b = int(parts["a"]), int(parts["b"])
        if parts["sep"] == "/" and a <= 12:  # 03/28/2020: month first where slashes are used
            return dt.date(year, a, b)
        return dt.date(year, b, a)  # 28.03.2020, 28-03-2020
    except (KeyError, ValueError):
        return None


def date_line(text: str) -> DateLine | None:
    """A line that states a date and little else: ``Sat, 03/28/2020 - 5:26pm``, ``Publish date22 Mar
    2020 - 13:07``, ``Mar 13, 2020 - Politics & Policy``, ``lundi 12 octobre 2020``, ``4:30 am CDT
    March 22, 2020``. Returns None for a sentence that happens to hold a date."""
    line = _STORY_CODE.sub("", text.strip()).strip()
    if len(line) > 90 or len(line.split()) > 14:
        return None
    label = _GLUED_LABEL.match(line) or _LABEL.match(line)
    update = bool(label and _key(label.group("label")) in TABLES.update_labels)
    body = line[label.end():] if label else line
    found = find_date(body)
    if found is None:
        return None
    day, start, end = found
    before = _WEEKDAY_WORD.sub(" ", body[:start])
    after = _WEEKDAY_WORD.sub(" ", body[end:])
    if _FILLER.sub("", before).strip():
        return None
    rest = _FILLER.sub(" ", after).strip()
    if rest and not _section_suffix(body[end:], rest):
        return None
    return DateLine(day, update, rest)


def _section_suffix(after: str, rest: str) -> bool:
    """``- Politics & Policy`` after a date: a short section name set off by a dash or a bar."""
    return bool(re.match(r"^[^\w]*(?:" + _TIME + r")?\s*[-\u2013\u2014|\u00b7]", after.strip(), re.I)) and \
        len(rest.split()) <= 4 and all(w[0].isupper() or w in "&/" for w in rest.split())


def is_timestamp(text: str) -> bool:
    """A time of day alone: ``(12:45 A.M.)``, ``3:58 p.m.``, ``7:01 PM EST``."""
    return len(text) <= 30 and bool(_TIME_ONLY.match(text.strip()))


# ------------------------------------------------------------------------------------ chrome

_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_COUNT_LINE = re.compile(r"^\d+\s+(?:photos?|images?|videos?|comments?|shares?|views?|min(?:ute)?s?(?: read)?)$", re.I)
_AGO_LINE = re.compile(r"^(?:about\s+)?(?:an?|\d+)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago$", re.I)
_SYMBOLS = re.compile(r"^[^\w]*$")


def is_chrome(text: str) -> bool:
    """Navigation, tools, share bars and prompts: lines a page repeats around every article."""
    key = _key(text).strip(" :.")
    if not key or _SYMBOLS.match(key):
        return True
    if key in TABLES.chrome_lines or _URL_LINE.match(key) or _COUNT_LINE.match(key) or _AGO_LINE.match(key):
        return True
    if len(key.split()) <= 40 and any(key.startswith(p) for p in TABLES.chrome_prefixes):
        return True
    return is_nav_bar(text)


def is_nav_bar(text: str) -> bool:
    """``Home | News | Sports`` or ``Home > News > Local``: short items between bars or arrows."""
    for sep in (" | ", " > ", " » ", " › "):
        items = [i.strip() for i in text.split(sep)]
        if len(items) >= 3 and all(0 < len(i.split()) <= 8 for i in items):
            return True
    return text.strip().startswith(("«", "‹")) and text.strip().endswith(("»", "›"))


def is_section(text: str) -> bool:
    """A kicker or a section name: ``Local News``, ``Politics & Policy``, ``Actualités internationales``."""
    words = _key(text).replace("/", " ").split()
    return 0 < len(words) <= 4 and all(w.strip(":,.") in TABLES.section_words for w in words)


def is_prompt(text: str) -> bool:
    """A closing prompt (subscribe, sign up, donate, follow us, comment, cookies) - short, not a sentence
    about subscribers or followers."""
    key = _key(text)
    return len(key.split()) <= 40 and any(key.startswith(p) for p in TABLES.chrome_prefixes)


_COPYRIGHT = re.compile(
    r"^(?:\u00a9|\(c\)\s|copyright\s*(?:\u00a9|\(c\)|(?:19|20)\d\d\b|by\b)|all rights reserved\b)"
    r"|\ball rights reserved\b", re.I)
_COPYRIGHT_HOLDER = re.compile(
    r"^(?:copyright\s*)?(?:\u00a9|\(c\))?\s*(?:copyright\s*)?(?:(?:19|20)\d\d(?:\s*[-\u2013]\s*(?:19|20)?\d\d)?)?\s*,?\s*"
    r"(?P<holder>[^.|]{2,60}?)\s*(?:[.,|]|\ball rights reserved\b|$)", re.I)


def copyright_holder(text: str) -> str | None:
    """``Copyright © 2022 Becker's Healthcare. All Rights Reserved.`` -> ``Becker's Healthcare``."""
    if not _COPYRIGHT.search(text) or len(text.split()) > 40:
        return None
    match = _COPYRIGHT_HOLDER.match(text.strip())
    holder = match.group("holder").strip() if match else ""
    if not holder or not holder[0].isupper() or _key(holder).startswith("all rights"):
        return None
    return holder


def is_copyright(text: str) -> bool:
    return len(text.split()) <= 40 and bool(_COPYRIGHT.search(text))


# ------------------------------------------------------------------------------------ outlets and bylines

_DOMAIN = re.compile(r"^[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:com|org|net|co|info|news|tv|fm|pk|in|uk|au|ca|de|fr|es|mx|it)$", re.I)


def agency(text: str) -> str | None:
    """The line names only a news agency: ``Associated Press``, ``AP News``, ``(AFP)``."""
    core = text.strip().strip("()[]").strip()
    return core if _key(core).strip(".") in TABLES.agencies else None


def masthead(text: str) -> str | None:
    """A short capitalised line naming an outlet: ``East Central Reporter``, ``UrduPoint.com``,
    ``Houston Chronicle Sunday`` (the edition word is dropped)."""
    line = text.strip()
    words = line.split()
    if not 1 <= len(words) <= 6 or len(line) > 50 or line.endswith((".", ",", ";", ":", "?", "!")):
        return agency(line)
    if _DOMAIN.match(line):
        return line
    if not all(w[0].isupper() or w.casefold() in ("of", "the", "and", "&", "de", "la", "el", "des", "der", "die")
               for w in words):
        return None
    folded = [re.sub(r"['\u2019]s$", "", w.casefold().strip(".,")) for w in words]
    if not any(w in TABLES.outlet_words for w in folded) or all(w in TABLES.section_words for w in folded):
        return agency(line)
    while len(words) > 1 and words[-1].casefold() in TABLES.edition_words:
        words = words[:-1]
    return " ".join(words)


_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de][\w'\u2019\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:al|el|bin|ibn|de|van|von|da|di|le|la|du|del|der|dos|das)|-)$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s+&\s+|\s+y\s+|\s+et\s+|\s+und\s+|;\s*)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Byline:
    names: tuple[str, ...]
    outlet: str | None = None  # an agency or outlet the byline names (``By ANI``, ``- New York Times``)
    open: bool = False  # ``By —`` with the names on the next line


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    if any(_key(w).strip(".,") in TABLES.section_words | TABLES.outlet_words | TABLES.chrome_lines for w in words):
        return False
    return all(_NAME_WORD.match(w) for w in words)


def _names(part: str) -> tuple[str, ...] | None:
    names = [n.strip(" .,-\u2013\u2014") for n in _BYLINE_SPLIT.split(part.strip()) if n.strip(" .,-\u2013\u2014")]
    return tuple(names) if names and all(_is_name(n) for n in names) else None


def byline(text: str) -> Byline | None:
    """``By A, B and C``, ``- By A``, ``Von A``, ``Por: A``, ``by A and B - New York Times``,
    ``Name / Reportero``, ``Name, Associated Press``, ``Hayley DeSilva -``, ``By ANI``, ``By —``."""
    line = text.strip().lstrip("-\u2013\u2014 ").strip()
    if len(line) > 200 or len(line.split()) > 30:
        return None
    prefix = re.match(rf"^(?:{_alternation(TABLES.byline_prefixes)})\b\s*:?\s*", line, re.I)
    if prefix:
        rest = line[prefix.end():].strip()
        if not rest or _SYMBOLS.match(rest):
            return Byline((), None, open=True)
        return _credited(rest, strict=False)
    return _credited(line, strict=True)


def _credited(rest: str, strict: bool) -> Byline | None:
    """Names, then maybe a role or an outlet after a dash, slash, comma or bar."""
    rest = rest.strip()
    if agency(rest):
        return Byline((), agency(rest))
    head, tail = _split_credit(rest)
    outlet = None
    if tail is not None and _key(head) in TABLES.byline_roles:  # "Redacción / Zunoticia": an outlet's newsroom
        words = tail.split()
        return Byline((), tail) if 1 <= len(words) <= 4 and all(w[0].isupper() for w in words) else None
    if tail is not None:
        role = _key(tail).strip(" .")
        if role in TABLES.byline_roles or not tail:
            outlet = None
        elif agency(tail) or masthead(tail):
            outlet = agency(tail) or masthead(tail)
        elif strict:
            return None
    if strict and tail is None:
        return None
    names = _names(head)
    if names is None:
        return None
    return Byline(names, outlet)


def _split_credit(text: str) -> tuple[str, str | None]:
    """Names and what follows them, when that is a role, an agency or an outlet (else no split)."""
    if text.endswith(("-", "\u2013", "\u2014")):
        return text.rstrip("-\u2013\u2014 "), ""
    for sep in (" | ", " / ", " - ", " \u2013 ", " \u2014 ", ", "):
        if sep not in text:
            continue
        head, _, tail = text.rpartition(sep)
        head, tail = head.strip(), tail.strip()
        if _key(head) in TABLES.byline_roles or _key(tail).strip(" .") in TABLES.byline_roles \
                or agency(tail) or masthead(tail):
            return head, tail
    return text, None


def name_line(text: str) -> tuple[str, ...] | None:
    """A line that is only a person's name (a byline without ``By``): ``Víctor Rodríguez``."""
    line = text.strip()
    if is_chrome(line) or len(line.split()) > 4 or line.isupper():
        return None
    return (line,) if _is_name(line) else None
