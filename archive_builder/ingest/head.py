"""The head of a copied page: which lines before the body are headline, kicker, dek, masthead, date
line, byline, caption or page chrome, and where the body starts.

Every line is first classified alone (``chrome.py`` and ``patterns.py``); then the order decides:

* the body starts at the first paragraph of prose - unless a wire dateline lede (``CITY (AP) -``)
  or a byline follows shortly after, in which case the prose before it was a photo caption;
* before the body, the first headline-like line that is not chrome, a section name, a masthead, a
  date line or a byline is the headline: titles never come from chrome; a section name before it is
  its kicker, a headline-like line right after it its dek, a repeat of it is chrome;
* a masthead is the outlet; a date line states the publication date (an ``Updated`` line only when no
  other is found); a line holding only a name next to the headline or a date line is a byline.

Nothing is dropped: each line of the head is recorded as a block of its kind and shown on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive_builder.ingest import chrome as c
from archive_builder.ingest import patterns as p

HEAD_WINDOW = 30  # lines looked at for the start of the body
CAPTION_GAP = 3  # a byline or dateline lede this close after prose makes that prose a caption


@dataclass(frozen=True, slots=True)
class Line:
    kind: str  # chrome | timestamp | date | caption | byline | section | masthead | lede | prose | short
    text: str


def classify(text: str, page: bool = True) -> str:
    """What one line is, taken alone (``page=False``, a curator's transcription: no page chrome in it)."""
    if page and (c.is_chrome(text) or _label_only(text)):
        return "chrome"
    if c.is_timestamp(text):
        return "timestamp"
    if c.date_line(text):
        return "date"
    if p.caption_parts(text):
        return "caption"
    if c.byline(text):
        return "byline"
    if meta_parts(text):
        return "byline"
    if c.is_section(text):
        return "section"
    if c.masthead(text):
        return "masthead"
    if _is_lede(text):
        return "lede"
    if _is_prose(text):
        return "prose"
    return "short"


def meta_parts(text: str) -> list[tuple[str, str]]:
    """``By ANI | Updated: May 30, 2019 17:15 IST``: a byline and a date line on one line, set off by a
    bar; the parts with their kinds (empty when the line is anything else)."""
    parts = [x.strip() for x in text.split(" | ") if x.strip()]
    if not 2 <= len(parts) <= 4:
        return []
    kinds = [("byline" if c.byline(x) else "date" if c.date_line(x) else "timestamp" if c.is_timestamp(x)
              else "chrome" if c.is_chrome(x) else "") for x in parts]
    return list(zip(kinds, parts, strict=True)) if all(kinds) and "byline" in kinds else []


def _label_only(text: str) -> bool:
    key = " ".join(text.casefold().split()).strip(" :.")
    return key in c.TABLES.date_labels


def _is_lede(text: str) -> bool:
    match = p.OUTLET_PREFIX.match(text) or p.PLACE_DATELINE.match(text) or p.DATED_DATELINE.match(text)
    return match is not None and len(text[match.end():].split()) >= 6


def _is_prose(text: str) -> bool:
    words = len(text.split())
    return words >= 25 or (words >= 8 and bool(p.SENTENCE_END.search(text)))


def body_start(kinds: list[str]) -> int:
    """Index of the first body line among the head window's line kinds (``len(kinds)`` if none)."""
    first = next((i for i, k in enumerate(kinds) if k in ("prose", "lede")), len(kinds))
    if first == len(kinds):
        return first
    lede = next((i for i in range(first, len(kinds)) if kinds[i] == "lede"), None)
    if lede is not None and lede > first and sum(k == "prose" for k in kinds[first:lede]) <= CAPTION_GAP:
        return lede
    meta = next((i for i in range(first + 1, min(first + 1 + CAPTION_GAP, len(kinds)))
                 if kinds[i] in ("byline", "date")), None)
    after = next((i for i in range(meta + 1, len(kinds)) if kinds[i] in ("prose", "lede")), None) if meta else None
    return after if after is not None else first


_OUTLET_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|\u2013\u2014-]\s+(?P<outlet>[^|]{2,40})$")


def split_title(text: str) -> tuple[str, str | None]:
    """``G7 summit: Macron welcomes Trump | AFP`` -> title and the outlet named after the bar."""
    match = _OUTLET_SUFFIX.match(text)
    if match:
        outlet = c.agency(match.group("outlet")) or c.masthead(match.group("outlet"))
        if outlet and "|" in text[match.end("title"):match.start("outlet")]:
            return match.group("title").strip(), outlet
    return text, None


def headline_like(text: str) -> bool:
    return p.looks_like_headline(text) or (text.isupper() and 2 <= len(text.split()) <= 25)
