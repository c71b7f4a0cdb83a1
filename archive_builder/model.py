"""The archive's data model: frozen values passed from one pipeline stage to the next.

Every offset (``start``/``end``) counts characters in an article's ``body`` string, so pages,
the JSON export and the tests all talk about the same characters.

Sections: seeds and articles (ingest), entities, events, provenance, and the whole archive.
Each later stage owns its section; stages exchange only these values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
_VISIBLE_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {0x202E: "\\u202e", 0x2028: "\\u2028"}
SeedFormat = Literal["text", "html", "markdown"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found while building, named by file (relative to the project) and line."""

    path: str
    message: str
    severity: Severity = "error"
    line: int | None = None
    hint: str | None = None

    def format(self) -> str:
        path = self.path.translate(_VISIBLE_CONTROLS)  # a file name cannot add lines to the report
        where = path if self.line is None else f"{path}:{self.line}"
        text = f"{self.severity.upper()} {where}: {self.message}"
        return _printable(f"{text} - {self.hint}" if self.hint else text)


def _printable(text: str) -> str:
    """``text`` as UTF-8 can hold it: bytes of a file name that were not UTF-8 (``\\udce9``) shown as
    ``\\xe9``, any other lone surrogate as ``\\ud800``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_shown(ch) if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


def _shown(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


# --------------------------------------------------------------------------- seeds, articles


@dataclass(frozen=True, slots=True)
class Seed:
    """A seed file as found in ``seeds/``: its name, bytes' digest and format."""

    path: str  # path relative to the project root, for messages
    name: str  # file name, e.g. ``000_72390fa45c841a5e.txt``
    id: str  # file name without extension: the article id
    format: SeedFormat
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of the seed recognised as something other than body text (caption, credit...)."""

    kind: str  # headline | caption | date | byline | credits | source-credit | boilerplate | ...
    text: str
    line: int  # 1-based line in the decoded seed


@dataclass(frozen=True, slots=True)
class Article:
    """One archived article: clean body text plus the metadata recognised around it."""

    id: str
    seed: str
    format: SeedFormat
    sha256: str
    title: str
    title_derived: bool
    body: str
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph in ``body``
    outlet: str | None = None
    published: dt.date | None = None
    published_derived: bool = False
    published_evidence: tuple[str, ...] = ()
    modified: dt.date | None = None
    byline: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    caption: str | None = None
    caption_credit: str | None = None
    dateline: str | None = None
    source_credit: str | None = None
    boilerplate: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()  # page chrome copied with the text: navigation, kicker, dek, prompts...
    url: str | None = None
    language: str | None = None
    notes: str | None = None
    blocks: tuple[Block, ...] = ()
    derived: tuple[str, ...] = ()  # names of fields derived rather than stated in the seed
    overridden: tuple[str, ...] = ()  # names of fields set by the curator
    # One kind per paragraph - paragraph | quote | list-item | heading - from an HTML or Markdown
    # seed's structure; empty when every paragraph is plain (always so for text seeds).
    paragraph_kinds: tuple[str, ...] = ()
    published_range: tuple[dt.date, dt.date] | None = None  # earliest, latest when ``published`` is inferred
    words: int = -1  # count_words(body), computed once at ingest; -1: not computed (count on demand)

    @property
    def word_count(self) -> int:
        if self.words >= 0:
            return self.words
        from archive_builder.textutil import count_words

        return count_words(self.body)

    def paragraph_texts(self) -> tuple[str, ...]:
        return tuple(self.body[s:e] for s, e in self.paragraphs)

    def paragraph_kind(self, index: int) -> str:
        """``paragraph``, ``quote``, ``list-item`` or ``heading`` for the paragraph at ``index``."""
        return self.paragraph_kinds[index] if index < len(self.paragraph_kinds) else "paragraph"


# --------------------------------------------------------------------------- entities

EntityType = Literal["person", "organization", "place"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in an article's body (offsets into ``body``) or in its credits.

    With ``field='credits'`` the offsets count in ``article.credits[part]``; with ``field='byline'``
    in ``article.byline[part]``; with ``field='caption'`` in ``article.caption``; with
    ``field='headline'`` in ``article.title``; with ``field='kicker'`` or ``'dek'`` in
    ``article.chrome[part]``; with ``field='dateline'`` in ``article.dateline``. In every case ``<that string>[start:end] == text``. Only body
    mentions have a place in the article's text (links, passages, events)."""

    article: str
    start: int
    end: int
    text: str
    entity: str  # entity id
    field: Literal["body", "credits", "byline", "caption", "headline", "kicker", "dek", "dateline"] = "body"
    role: str | None = None  # e.g. ``author`` for reporters
    part: int = 0  # index into ``article.credits`` / ``article.byline`` (0 for the body)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization or place; ``aliases`` are the other names it is seen (or curated) under."""

    id: str  # slug of the name, e.g. ``qassim-suleimani`` (follows a curated rename)
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    description: str | None = None
    same_as: tuple[str, ...] = ()  # external identifiers as URLs (e.g. Wikidata)
    articles: tuple[str, ...] = ()
    # A name the archive cannot pin on one person: short forms (``Mr. Hakim``) that several people with
    # that surname could bear. Its page disambiguates; ``candidates`` are the ids of those people.
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """Two entities that may be one (entity ids, 0..1 score); the curator decides."""

    a: str
    b: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class EntityIndex:
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    suggestions: tuple[MergeSuggestion, ...] = ()


# --------------------------------------------------------------------------- events

DatePrecision = Literal["day", "month", "year", "range", "unknown"]


@dataclass(frozen=True, slots=True)
class EventMention:
    article: str
    start: int
    end: int
    text: str
    event: str  # event id
    trigger: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    label: str
    date: dt.date | None
    date_precision: DatePrecision
    trigger: str
    participants: tuple[str, ...] = ()  # entity ids
    places: tuple[str, ...] = ()  # entity ids
    articles: tuple[str, ...] = ()
    curated: bool = False  # named, dated, merged or split by the curator
    kept: bool = False  # its page was published by an earlier build: it keeps one (ids.py)
    reasoning: tuple[str, ...] = ()  # how the date was found, in words
    roles: tuple[tuple[str, str], ...] = ()  # (entity id, agent | target | victim | location | participant)


@dataclass(frozen=True, slots=True)
class EventIndex:
    events: tuple[Event, ...] = ()
    mentions: tuple[EventMention, ...] = ()


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True, slots=True)
class Evidence:
    """Text that supports a claim: ``article.body[start:end]``, or the whole of another field
    (``field='source_credit'`` or ``'caption_credit'``, offsets then count in that field)."""

    article: str
    start: int
    end: int
    text: str
    field: str = "body"


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str  # slug
    name: str
    in_archive: bool  # publishes articles held in the archive
    articles: tuple[str, ...] = ()  # articles it published
    cited_by: tuple[str, ...] = ()  # articles that name it as a text source
    photo_credits: tuple[str, ...] = ()  # articles whose photo it is credited with


@dataclass(frozen=True, slots=True)
class Attribution:
    """An explicit source claim: the article says its text comes from ``outlet``."""

    article: str
    outlet: str  # outlet id
    kind: str  # according-to | reported | quoted | it-said | credit-line | photo-credit
    evidence: Evidence

    @property
    def text_source(self) -> bool:
        """A claim about where the text came from (a photo credit is not one)."""
        return self.kind != "photo-credit"


@dataclass(frozen=True, slots=True)
class Edit:
    """A word-level difference inside an aligned passage (offsets in each body)."""

    kind: Literal["insert", "delete", "replace"]
    source_text: str
    target_text: str
    minor: bool
    source_start: int = 0
    source_end: int = 0
    target_start: int = 0
    target_end: int = 0


@dataclass(frozen=True, slots=True)
class Passage:
    source_start: int
    source_end: int
    target_start: int
    target_end: int
    kind: Literal["verbatim", "edited"]
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Node:
    """An end of a relation: an article in the archive or an outlet outside it."""

    article: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    source: Node
    target: Node
    relation: str  # republication | excerpt | quotation | summary | revision | common-source
    direction_known: bool
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    passages: tuple[Passage, ...] = ()
    curated: bool = False
    reasons: tuple[str, ...] = ()  # why this type and direction, in words


@dataclass(frozen=True, slots=True)
class ProvenanceIndex:
    outlets: tuple[Outlet, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    relations: tuple[Relation, ...] = ()
    chains: tuple[tuple[str, tuple[Node, ...]], ...] = ()  # (article id, path from earliest source)


# --------------------------------------------------------------------------- permanent addresses


@dataclass(frozen=True, slots=True)
class Retired:
    """A page address published by an earlier build whose id no longer has a page of its own: it
    redirects to ``to`` (an id of the same kind, whose page is at ``to_path``), or says it was removed."""

    kind: str  # articles | entities | events | outlets | compare
    id: str
    name: str
    path: str  # the old page, under the docs folder
    to: str | None = None
    to_path: str | None = None


# --------------------------------------------------------------------------- the archive


@dataclass(frozen=True, slots=True)
class Archive:
    """Everything the build knows, as passed to the renderer and the export."""

    articles: tuple[Article, ...]
    entities: EntityIndex = field(default_factory=EntityIndex)
    events: EventIndex = field(default_factory=EventIndex)
    provenance: ProvenanceIndex = field(default_factory=ProvenanceIndex)
    built: dt.datetime | None = None  # from SOURCE_DATE_EPOCH when set
    retired: tuple[Retired, ...] = ()  # old addresses that redirect (or say the page was removed)

