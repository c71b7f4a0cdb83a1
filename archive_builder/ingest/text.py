"""Plain-text seeds: split paragraphs, then peel the metadata off the top and the bottom.

A seed is read as a list of *units* (paragraphs with their line numbers). Units before the lede may
be a headline, a photo caption, a date line or a byline; units after the last body paragraph may be
reporting credits, a source credit line or a publisher's boilerplate block. What is left is the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from archive_builder.ingest import chrome as c
from archive_builder.ingest import head as h
from archive_builder.ingest import patterns as p
from archive_builder.model import Block


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    line: int
    kind: str = "paragraph"  # paragraph | quote | list-item | heading (structure from HTML/Markdown)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a reader found in a seed, before curator overrides."""

    paragraphs: tuple[str, ...]
    blocks: tuple[Block, ...] = ()
    headline: str | None = None
    outlet: str | None = None
    publisher: str | None = None  # named by an "About <publisher>" boilerplate block
    dateline: str | None = None
    published: dt.date | None = None
    byline: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    caption: str | None = None
    caption_credit: str | None = None
    source_credit: str | None = None
    boilerplate: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()  # page chrome kept apart: navigation, kicker, dek, prompts, timestamps...
    kinds: tuple[str, ...] = ()  # one per paragraph; empty when every paragraph is plain
    modified: dt.date | None = None
    url: str | None = None
    language: str | None = None
    notes: str | None = None


@dataclass(slots=True)
class _Found:
    """What the head and tail recognisers collect while they peel a seed (local to one parse)."""

    headline: str | None = None
    outlet: str | None = None
    publisher: str | None = None
    dateline: str | None = None
    published: dt.date | None = None
    byline: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    caption: str | None = None
    caption_credit: str | None = None
    source_credit: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    update: dt.date | None = None  # a head "Updated:" date, used when no other is stated


def split_units(text: str) -> list[Unit]:
    """Paragraphs: blank-line separated blocks, or single lines when the seed has no blank lines.

    Inside a blank-line block, lines are joined with a space when they look hard-wrapped
    (short lines that run on); otherwise each line is its own paragraph."""
    lines = text.split("\n")
    blocks: list[list[tuple[str, int]]] = [[]]
    for number, line in enumerate(lines, start=1):
        stripped = " ".join(line.split())
        if stripped:
            blocks[-1].append((stripped, number))
        elif blocks[-1]:
            blocks.append([])
    units: list[Unit] = []
    for block in blocks:
        if not block:
            continue
        if len(block) > 1 and _hard_wrapped(block):
            units.append(Unit(" ".join(t for t, _ in block), block[0][1]))
        else:
            units.extend(Unit(t, n) for t, n in block)
    return units


def _hard_wrapped(block: list[tuple[str, int]]) -> bool:
    """Lines of similar, moderate length whose ends do not close sentences: a wrapped paragraph."""
    heads = [t for t, _ in block[:-1]]
    if max(len(t) for t in heads) > 100:
        return False
    open_ends = sum(1 for t in heads if not p.SENTENCE_END.search(t))
    return open_ends * 2 >= len(heads) and min(len(t) for t in heads) >= 30


def parse_text(text: str) -> Parsed:
    return parse_units(split_units(text))


def parse_units(units: list[Unit], headline: bool = True, page: bool = True, captions: bool = True) -> Parsed:
    """Peel metadata off the units' head and tail; the rest is the body.

    Shared by every reader: HTML and Markdown bodies arrive here as units too, so a trailing credits
    paragraph or a ``By ...`` line is recognised the same way whatever the seed's format. With
    ``headline=False`` (the title is known from elsewhere) the first unit is never taken as one; with
    ``page=False`` (a curator's transcription, not a copied page) no line is taken for page chrome;
    with ``captions=False`` (a saved page, whose photos and captions its markup marks and the reader
    has left out) prose before a byline or date line is the article's intro, not a photo caption."""
    found = _Found()
    blocks: list[Block] = []
    start, intro = _peel_head(units, found, blocks, headline, page, captions)
    end = _peel_tail(units, start, found, blocks)
    body_units = _drop_chrome(units[start:end], found, blocks) if page else units[start:end]
    body_units = [units[i] for i in intro] + body_units
    paragraphs = [u.text for u in body_units]
    if paragraphs and all(_is_credit(x) for x in paragraphs):
        # a seed holding only credit lines has no body: keep them as credits, report no body text
        blocks.extend(Block("credits", u.text, u.line) for u in body_units)
        found.credits = paragraphs
        paragraphs, body_units = [], []
    if paragraphs:
        paragraphs[0] = _peel_dateline(paragraphs[0], body_units[0].line, found, blocks)
    if intro and len(paragraphs) > len(intro) and not any(b.kind == "dateline" for b in blocks):
        # an intro kept before the lede: the dateline opens the paragraph after it
        at = len(intro)
        paragraphs[at] = _peel_dateline(paragraphs[at], body_units[at].line, found, blocks)
    kept = [(text, u.kind) for text, u in zip(paragraphs, body_units, strict=True) if text]
    kinds = tuple(k for _, k in kept)
    return Parsed(
        paragraphs=tuple(t for t, _ in kept),
        kinds=kinds if any(k != "paragraph" for k in kinds) else (),
        blocks=tuple(sorted(blocks, key=lambda b: (b.line, b.kind))),
        headline=found.headline,
        outlet=found.outlet,
        publisher=found.publisher or None,
        dateline=found.dateline,
        published=found.published or found.update,
        byline=tuple(found.byline),
        credits=tuple(found.credits),
        caption=found.caption,
        caption_credit=found.caption_credit,
        source_credit=found.source_credit,
        boilerplate=tuple(found.boilerplate),
        chrome=tuple(found.chrome),
        modified=found.update if found.published is not None and found.update != found.published else None,
    )


def _is_credit(text: str) -> bool:
    return bool(p.CREDITS.search(text)) and len(text.split()) <= 80


# ------------------------------------------------------------------------------------ the head


def _peel_head(units: list[Unit], found: _Found, blocks: list[Block], headline: bool = True,
               page: bool = True, captions: bool = True) -> tuple[int, list[int]]:
    """Index of the first body unit, recording what the lines before it are (see ``head.py``), and
    (without ``captions``) the prose lines before it that belong to the body all the same."""
    window = units[: h.HEAD_WINDOW]
    kinds = [h.classify(u.text, page) for u in window]
    start = h.body_start(kinds)
    if start == len(window) and len(units) > len(window):
        start = 0  # no body found in the window: read it all as body rather than guess
    roles: list[str] = []
    title_at: int | None = None
    for i in range(start):
        role = _head_role(i, kinds, window, found, headline, title_at)
        if role == "headline":
            title_at = i
            found.headline = h.split_title(window[i].text)[0]
        elif found.headline is not None and window[i].text == found.headline:
            title_at = i  # a repeated headline: a dek may follow it as it follows the first
        roles.append(role)
    if title_at is None:
        # no headline: an unrecognised line is text, and the body starts there (as it always did)
        first = next((i for i, r in enumerate(roles) if r == "unknown"), None)
        if first is not None:
            start, roles = first, roles[:first]
    found.headline = None
    # unrecognised short lines just before the body, after the headline, are its first lines
    while start > 0 and roles[start - 1] == "unknown" and (title_at is None or start - 1 > title_at):
        start -= 1
        roles.pop()
    intro: list[int] = []
    for i, role in enumerate(roles):
        if role == "caption" and not captions and kinds[i] in ("prose", "lede"):
            intro.append(i)
            continue
        _record_head("navigation" if role == "unknown" else role, window[i], found, blocks)
    return start, intro


def _head_role(i: int, kinds: list[str], window: list[Unit], found: _Found, headline: bool,
               title_at: int | None) -> str:
    """The role of head line ``i`` given the lines around it."""
    kind, text = kinds[i], window[i].text
    if kind in ("short", "prose", "section", "masthead") and headline and found.headline is None:
        if kind == "short" and h.headline_like(text) and not c.is_section(text):
            return "headline"
        if kind == "masthead" and not _later_headline(i, kinds, window):
            return "headline"
    if kind == "section":
        return "kicker" if found.headline is None else "navigation"
    if kind == "masthead":
        return "masthead" if found.headline is None and found.outlet is None else "navigation"
    if kind in ("short", "prose"):
        if found.headline is not None and text == found.headline:
            return "navigation"  # the headline repeated
        near = {kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(kinds)}
        if not found.byline and c.name_line(text) and (title_at == i - 1 or "date" in near):
            return "byline"
        if kind == "prose" or (p.caption_parts(text) is not None):
            return "caption"
        if title_at is not None and title_at == i - 1 and h.headline_like(text):
            return "dek"
        return "unknown" if kind == "short" else "caption"
    return {"chrome": "navigation", "lede": "caption"}.get(kind, kind)


def _later_headline(i: int, kinds: list[str], window: list[Unit]) -> bool:
    return any(kinds[j] == "short" and h.headline_like(window[j].text) for j in range(i + 1, len(kinds)))


def _record_head(kind: str, unit: Unit, found: _Found, blocks: list[Block]) -> None:
    text = unit.text
    if kind == "headline":
        title, outlet = h.split_title(text)
        found.headline = title
        if outlet and found.outlet is None:
            found.outlet = outlet
    elif kind == "masthead":
        found.outlet = c.masthead(text)
    elif kind == "date":
        _record_date(text, found)
    elif kind == "byline":
        _record_byline(text, found)
    elif kind == "caption" and found.caption is None:
        found.caption, found.caption_credit = p.caption_parts(text) or (text, None)
    else:
        found.chrome.append(text)
    blocks.append(Block(kind, text, unit.line))


# A wire date line opened by its place in capitals: ``HONG KONG 1996-08-30``, ``ROME, Aug 30 1996``.
_DATE_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}),?\s+(?=\d|[A-Z][a-z])")


def _record_date(text: str, found: _Found) -> None:
    line = c.date_line(text)
    if line is None:
        return
    place = _DATE_PLACE.match(text)
    if place and found.dateline is None and not c.find_date(place.group("place")) and not any(
            w.casefold().rstrip(".") in c.TABLES.months or w.casefold().rstrip(".") in c.TABLES.weekdays
            or c._LABEL.match(w) for w in place.group("place").split()):
        found.dateline = place.group("place")  # the place the story was filed from
    if line.update:
        found.update = found.update or line.date
    elif found.published is None:
        found.published = line.date


def _record_byline(text: str, found: _Found) -> None:
    parts = h.meta_parts(text) if c.byline(text) is None else []
    for kind, part in parts:
        if kind == "date":
            _record_date(part, found)
        elif kind == "byline":
            _record_byline(part, found)
    if parts:
        return
    credit = c.byline(text) or (c.Byline(c.name_line(text) or ()))
    if credit.names and not found.byline:
        found.byline = list(credit.names)
    if credit.outlet and found.outlet is None:
        found.outlet = credit.outlet


def _drop_chrome(units: list[Unit], found: _Found, blocks: list[Block]) -> list[Unit]:
    """Short lines of chrome inside the body (``Open in App``, ``Tags: ...``) are kept apart, visibly."""
    chrome = [u for u in units if u.kind == "paragraph" and len(u.text.split()) <= 6 and c.is_chrome(u.text)
              and re.search(r"\w", u.text)]  # a rule of dashes or stars is the text's own
    if not chrome or len(chrome) == len(units):
        return units
    found.chrome.extend(u.text for u in chrome)
    blocks.extend(Block("navigation", u.text, u.line) for u in chrome)
    return [u for u in units if u not in chrome]


# ------------------------------------------------------------------------------------ the tail


def _peel_tail(units: list[Unit], start: int, found: _Found, blocks: list[Block]) -> int:
    """Index one past the last body unit, recording boilerplate, prompts, source credit and credits."""
    end = len(units)
    about = next((i for i in range(max(start + 1, end - 8), end) if p.ABOUT.match(units[i].text)), None)
    if about is not None:
        found.boilerplate = [u.text for u in units[about:end]]
        found.publisher = p.ABOUT_NAME.sub("", units[about].text).strip().rstrip(":")
        blocks.extend(Block("boilerplate", u.text, u.line) for u in units[about:end])
        end = about
    credits: list[Unit] = []
    while end - 1 > start:
        kind = _tail_kind(units, end - 1, start, found, credits)
        if kind is None:
            break
        unit = units[end - 1]
        _record_tail(kind, unit, found, credits)
        blocks.append(Block(kind, unit.text, unit.line))
        end -= 1
    found.credits = [u.text for u in credits]
    names = [n for unit in credits for n in p.credit_names(unit.text)]
    if names and not found.byline:
        found.byline = list(dict.fromkeys(names))
    agencies = [a for unit in credits if (a := _credited_agency(unit.text))]
    if agencies and found.outlet is None:
        found.outlet = agencies[0]
    return end


def _tail_kind(units: list[Unit], i: int, start: int, found: _Found, credits: list[Unit]) -> str | None:
    text = units[i].text
    if c.is_copyright(text) or c.is_prompt(text) or (len(text.split()) <= 6 and c.is_chrome(text)):
        return "boilerplate"
    if c.date_line(text) and (i - 1 > start and c.date_line(units[i - 1].text) or i + 1 < len(units)):
        return "boilerplate"  # a list of dates closing a page: links to other pages
    if found.source_credit is None and not credits and (p.looks_like_source_credit(text) or _source_outlet(text)):
        return "source-credit"
    if p.CREDITS.search(text) and len(text.split()) <= 80:
        return "credits"
    if not found.byline and _signoff(text):
        return "byline"
    return None


def _record_tail(kind: str, unit: Unit, found: _Found, credits: list[Unit]) -> None:
    text = unit.text
    if kind == "boilerplate":
        found.boilerplate.insert(0, text)
        holder = c.copyright_holder(text)
        if holder and not found.publisher:
            found.publisher = holder
    elif kind == "source-credit":
        found.source_credit = text
        named = _source_outlet(text)
        if named and not found.publisher:
            found.publisher = named
    elif kind == "credits":
        credits.insert(0, unit)
    elif kind == "byline":
        found.byline = [_signoff(text) or text]


_SOURCE = re.compile(
    r"^(?:source|via|credit|courtesy(?: of)?|read the full (?:post|story|article) (?:on|at)|"
    r"this (?:article|story) (?:originally )?(?:appeared|was (?:first )?published) (?:on|in))\s*:?\s+"
    r"(?P<outlet>[^:|]{2,60}?)\s*(?:[:|]|\s[-\u2013\u2014]\s|$)", re.I)


def _source_outlet(text: str) -> str | None:
    """``Source: Radio Pakistan``, ``Read the full post on Becker's Hospital Review | ...``,
    ``This article originally appeared on The Monroe News: <title>`` -> the outlet named."""
    match = _SOURCE.match(text.strip())
    if not match or len(text.split()) > 40:
        return None
    outlet = match.group("outlet").strip().rstrip(".")
    return outlet if outlet[:1].isupper() else None


_SIGNOFF = re.compile(r"^[\u2014\u2013-]{1,2}\s*(?P<name>[A-Z][\w'\u2019.\-]+(?:\s+[A-Z][\w'\u2019.\-]+){1,3})\s*$")


def _signoff(text: str) -> str | None:
    """``— JIM LOCKWOOD``: a reporter's name closing a short item."""
    match = _SIGNOFF.match(text.strip())
    return match.group("name") if match else None


def _credited_agency(text: str) -> str | None:
    match = re.search(r"\bwith inputs from\s+(?P<agency>[^()]{2,40}?)\s*\)?\s*$", text, re.I)
    return c.agency(match.group("agency")) if match else None


def _peel_dateline(lede: str, line: int, found: _Found, blocks: list[Block]) -> str:
    """``Shafaq News/ President Trump...`` or ``BAGHDAD (Reuters) - ...``: keep outlet, clean lede."""
    match = p.OUTLET_PREFIX.match(lede)
    if match and len(lede) > match.end():
        found.outlet = match.group("outlet").strip()
        blocks.append(Block("dateline", match.group(0).strip(), line))
        return lede[match.end():]
    match = p.DATED_DATELINE.match(lede)
    if match and len(lede) > match.end() and _month_word(match.group("date")):
        # "WASHINGTON, March 27, 2020 —": a stated date, used over any inference; it leaves the body
        found.dateline = match.group("place").strip()
        stated = c.find_date(match.group("date"))
        if stated is not None and found.published is None:
            found.published = stated[0]
        _dateline_agency(match.group("agency"), found, line, blocks)
        blocks.append(Block("dateline", match.group(0).strip(), line))
        return lede[match.end():]
    match = p.PLACE_DATELINE.match(lede)
    if match and len(lede) > match.end():
        found.dateline = match.group("place").strip().rstrip(",")
        _dateline_agency(match.group("agency"), found, line, blocks)
        blocks.append(Block("dateline", match.group(0).strip(), line))
        return lede[match.end():]
    return lede


def _month_word(text: str) -> bool:
    return any(w.casefold().rstrip(".") in c.TABLES.months for w in re.findall(r"[^\W\d_]+\.?", text))


def _dateline_agency(agency: str | None, found: _Found, line: int, blocks: list[Block]) -> None:
    """The wire in a dateline's parentheses is the outlet; a time there (``(12:45 A.M.)``) never is."""
    if not agency:
        return
    if c.is_timestamp(agency) or c.find_date(agency):
        found.chrome.append(agency.strip())
        blocks.append(Block("timestamp", agency.strip(), line))
    elif found.outlet is None:
        found.outlet = agency.strip()


_WEAK_ENDS = frozenset(["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "which", "who", "his", "her", "its", "their"])


def derive_title(lede: str, max_words: int = 16) -> str:
    """A readable title from the lede's first sentence, cut at a clause or word boundary."""
    sentence = p.first_sentence(lede).strip()
    words = sentence.split()
    if len(words) <= max_words + 4:
        return _tidy_end(sentence, cut=False)
    while len(words) > 6 and words[max_words - 1].lower().strip(",;:") in _WEAK_ENDS:
        max_words -= 1
    head = " ".join(words[:max_words])
    best = None
    for match in re.finditer(r"[,;:\u2014\u2013]\S*(?=\s)|\s(?:but|while|as|after|when|because)\s", head):
        clause = match.group(0)[0] in ",;:\u2014\u2013"
        candidate = head[: match.end()] if clause else head[: match.start()]
        if len(candidate.split()) >= 6:
            best = candidate
    cut = best or head
    return _tidy_end(cut, cut=True)


def _tidy_end(text: str, cut: bool) -> str:
    text = text.rstrip()
    closing = ""
    while text and text[-1] in "\u201d\u2019\"')":
        closing = text[-1] + closing
        text = text[:-1]
    text = text.rstrip(" ,;:.\u2014\u2013-")
    if closing and closing.count("\u201d") and "\u201c" not in text:
        closing = closing.replace("\u201d", "")
    result = text + closing
    return result + "\u2026" if cut else result
