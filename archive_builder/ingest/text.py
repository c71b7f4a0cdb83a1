"""Plain-text seeds: split paragraphs, then peel the metadata off the top and the bottom.

A seed is read as a list of *units* (paragraphs with their line numbers). Units before the lede may
be a headline, a photo caption, a date line or a byline; units after the last body paragraph may be
reporting credits, a source credit line or a publisher's boilerplate block. What is left is the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

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
    seen: set[str] = field(default_factory=set)  # kinds already found at the head


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


def parse_units(units: list[Unit], headline: bool = True) -> Parsed:
    """Peel metadata off the units' head and tail; the rest is the body.

    Shared by every reader: HTML and Markdown bodies arrive here as units too, so a trailing credits
    paragraph or a ``By ...`` line is recognised the same way whatever the seed's format. With
    ``headline=False`` (the title is known from elsewhere) the first unit is never taken as one."""
    found = _Found()
    blocks: list[Block] = []
    start = _peel_head(units, found, blocks, headline)
    end = _peel_tail(units, start, found, blocks)
    body_units = units[start:end]
    paragraphs = [u.text for u in body_units]
    if paragraphs and all(_is_credit(x) for x in paragraphs):
        # a seed holding only credit lines has no body: keep them as credits, report no body text
        blocks.extend(Block("credits", u.text, u.line) for u in body_units)
        found.credits = paragraphs
        paragraphs, body_units = [], []
    if paragraphs:
        paragraphs[0] = _peel_dateline(paragraphs[0], body_units[0].line, found, blocks)
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
        published=found.published,
        byline=tuple(found.byline),
        credits=tuple(found.credits),
        caption=found.caption,
        caption_credit=found.caption_credit,
        source_credit=found.source_credit,
        boilerplate=tuple(found.boilerplate),
    )


def _is_credit(text: str) -> bool:
    return bool(p.CREDITS.search(text)) and len(text.split()) <= 80


# ------------------------------------------------------------------------------------ the head


def _peel_head(units: list[Unit], found: _Found, blocks: list[Block], headline: bool = True) -> int:
    """Index of the first body unit, recording headline, caption, date and byline before it."""
    i = 0
    while i < len(units) and i < 8:
        unit = units[i]
        kind = _head_kind(unit.text, first=headline and i == 0, has_next=i + 1 < len(units), found=found)
        if kind is None:
            break
        _record_head(kind, unit, found, blocks)
        i += 1
    return i


def _head_kind(text: str, first: bool, has_next: bool, found: _Found) -> str | None:
    if "caption" not in found.seen and p.caption_parts(text):
        return "caption"
    if "date" not in found.seen and p.parse_date_line(text):
        return "date"
    if "byline" not in found.seen and p.BYLINE.match(text) and len(text.split()) <= 14:
        return "byline"
    if first and has_next and p.looks_like_headline(text):
        return "headline"
    return None


def _record_head(kind: str, unit: Unit, found: _Found, blocks: list[Block]) -> None:
    blocks.append(Block(kind, unit.text, unit.line))
    found.seen.add(kind)
    if kind == "caption":
        found.caption, found.caption_credit = p.caption_parts(unit.text) or (unit.text, None)
    elif kind == "date":
        found.published = p.parse_date_line(unit.text)
    elif kind == "byline":
        found.byline = list(p.names_in(p.BYLINE.sub("", unit.text, count=1)))
    elif kind == "headline":
        found.headline = unit.text


# ------------------------------------------------------------------------------------ the tail


def _peel_tail(units: list[Unit], start: int, found: _Found, blocks: list[Block]) -> int:
    """Index one past the last body unit, recording boilerplate, source credit and credits."""
    end = len(units)
    about = next((i for i in range(max(start + 1, end - 8), end) if p.ABOUT.match(units[i].text)), None)
    if about is not None:
        found.boilerplate = [u.text for u in units[about:end]]
        found.publisher = p.ABOUT_NAME.sub("", units[about].text).strip()
        blocks.extend(Block("boilerplate", u.text, u.line) for u in units[about:end])
        end = about
    credits: list[Unit] = []
    while end - 1 > start:
        unit = units[end - 1]
        if p.BOILERPLATE_LINE.search(unit.text):
            found.boilerplate.insert(0, unit.text)
            blocks.append(Block("boilerplate", unit.text, unit.line))
        elif found.source_credit is None and not credits and p.looks_like_source_credit(unit.text):
            found.source_credit = unit.text
            blocks.append(Block("source-credit", unit.text, unit.line))
        elif p.CREDITS.search(unit.text) and len(unit.text.split()) <= 80:
            credits.insert(0, unit)
            blocks.append(Block("credits", unit.text, unit.line))
        else:
            break
        end -= 1
    found.credits = [u.text for u in credits]
    names = [n for unit in credits for n in p.credit_names(unit.text)]
    if names and not found.byline:
        found.byline = list(dict.fromkeys(names))
    return end


def _peel_dateline(lede: str, line: int, found: _Found, blocks: list[Block]) -> str:
    """``Shafaq News/ President Trump...`` or ``BAGHDAD (Reuters) - ...``: keep outlet, clean lede."""
    match = p.OUTLET_PREFIX.match(lede)
    if match and len(lede) > match.end():
        found.outlet = match.group("outlet").strip()
        blocks.append(Block("dateline", match.group(0).strip(), line))
        return lede[match.end():]
    match = p.PLACE_DATELINE.match(lede)
    if match and len(lede) > match.end():
        found.dateline = match.group("place").strip().rstrip(",")
        if match.group("agency"):
            found.outlet = match.group("agency").strip()
        blocks.append(Block("dateline", match.group(0).strip(), line))
        return lede[match.end():]
    return lede


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
