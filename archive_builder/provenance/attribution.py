"""Attributions: where an article says its text comes from, with the evidence sentence.

Forms recognised in the body (each sentence on its own):

* ``according to the New York Times``                  -> according-to
* ``The New York Times reported`` / ``..., Reuters said`` -> reported
* ``The New York Times quoted American officials``      -> quoted
* ``it said`` / ``the newspaper reported``              -> it-said, resolved to the last named source

and outside the body: the trailing credit line (``source_credit``) -> credit-line, and the wire
credit of a photo caption (``caption_credit``) -> photo-credit, which names the photo's source and
never the text's. A name counts as an outlet when it is a known outlet (one in the archive, a credit
line, a wire service) or reads like one (``Times``, ``News``, ``Agency``...); interviews, officials,
people and government bodies are not outlets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive_builder.model import Article, Attribution, Evidence
from archive_builder.textutil import sentence_spans, slugify

_NAME = r"(?:[A-Z][\w'\u2019.&-]*|al-[\w-]+)(?:\s(?:[A-Z][\w'\u2019.&-]*|al-[\w-]+|of|de|du|el))*"
_ACCORDING = re.compile(rf"\b[Aa]ccording to (?:a report (?:by|in) |a (?:story|report|article) (?:by|in) )?(?P<the>the |The )?(?P<name>{_NAME})")
_REPORTED = re.compile(rf"(?P<the>\b[Tt]he )?(?P<name>{_NAME}),? (?:has |had )?(?:reported|said|says|reports|wrote|writes|added|published)\b")
_REPORTED_BY = re.compile(rf"\b(?:reported|published|first reported) (?:by|in) (?P<the>the |The )?(?P<name>{_NAME})")
_QUOTED = re.compile(rf"(?P<the>\b[Tt]he )?(?P<name>{_NAME}),? (?:quoted|cited)\b")
_IT_SAID = re.compile(r"\b(?:it|the (?:newspaper|paper|daily|agency|report|outlet|broadcaster|network|magazine|website|channel))"
                      r" (?:said|reported|added|wrote|quoted|cited)\b")

_VERB = re.compile(r"\b(?:reported|said|says|reports|wrote|writes|added|published|quoted|cited)\b")
WIRES = ("Reuters", "AFP", "AP", "Associated Press", "Agence France-Presse", "Bloomberg", "BBC", "CNN", "Xinhua",
         "TASS", "Kyodo", "IRNA", "Tasnim", "Fars", "ISNA", "Anadolu", "dpa", "UPI", "EFE", "ANSA")
_CUES = frozenset(["times", "post", "news", "journal", "herald", "tribune", "telegraph", "guardian", "gazette", "agency", "press", "daily", "weekly", "magazine", "monitor", "observer", "independent", "economist", "wire", "radio", "television", "tv", "network", "channel", "chronicle", "standard", "express", "mail", "mirror", "sun", "awsat", "al-awsat", "asharq", "jazeera", "arabiya", "al-arabiya", "newspaper", "reuters", "bloomberg"])
_NOT_OUTLET = frozenset(["secretary", "minister", "ministry", "department", "office", "council", "committee", "spokesman", "spokeswoman", "official", "officials", "president", "general", "gen", "command", "army", "forces", "government", "house", "white", "senate", "congress", "pentagon", "interview", "interviews", "people", "sources", "source", "statement", "he", "she", "they", "it", "we", "i", "american", "americans"])


@dataclass(frozen=True, slots=True)
class Found:
    attribution: Attribution
    name: str  # the outlet's name as written (``The New York Times``)


def outlet_name(name: str, had_the: bool) -> str:
    """Display form: words after a leading ``the``, with ``The`` in front when the text used one."""
    name = name.strip().rstrip(".,;:")
    while name.split(" ", 1)[0] in ("The", "the"):
        name, had_the = (name.split(" ", 1) + [""])[1], True
    words = name.split()
    while words and words[-1] in ("of", "de", "du", "el"):
        words.pop()
    name = " ".join(words)
    return f"The {name}" if had_the and name else name


def outlet_id(name: str) -> str:
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return slugify(" ".join(words), "outlet")


_WIRE_KEYS = frozenset(outlet_id(w) for w in WIRES)
# News agencies (wire services): their copy is what newspapers and broadcasters reuse, so when only
# one text of a pair is an agency's it is the source (provenance.classify.direction).
AGENCIES = ("Reuters", "AFP", "AP", "Associated Press", "Agence France-Presse", "Bloomberg", "Xinhua", "TASS", "Kyodo",
            "IRNA", "ISNA", "Anadolu", "Anadolu Agency", "dpa", "Deutsche Presse-Agentur", "UPI", "United Press International",
            "EFE", "ANSA", "Press Association", "PA", "PA Media", "Canadian Press", "Australian Associated Press", "AAP")
_AGENCY_KEYS = frozenset(outlet_id(w) for w in AGENCIES)


def is_wire(name: str) -> bool:
    """A news agency's name (``The Associated Press``, ``Reuters``, ``PA``)."""
    return outlet_id(name) in _AGENCY_KEYS


def reads_like_outlet(name: str) -> bool:
    """A wire service, or a name with a cue word such as ``Times`` and none of the words of officials
    and institutions: an outlet whatever the archive holds."""
    if not name:
        return False
    if outlet_id(name) in _WIRE_KEYS:
        return True
    words = [w.casefold().strip(".'\u2019s") for w in name.replace("-", " - ").split()]
    if any(w in _NOT_OUTLET for w in words):
        return False
    return any(w in _CUES for w in name.casefold().replace("\u2019", "'").split()) or any(
        w in _CUES for w in words
    )


def looks_like_outlet(name: str, known: frozenset[str]) -> bool:
    """A known outlet (one in the archive: one set lookup) or a name that reads like one."""
    return bool(name) and (outlet_id(name) in known or reads_like_outlet(name))


_TRIGGER = re.compile(r"ccording to|\b(?:reported|said|says|reports|wrote|writes|added|published|quoted|cited)\b")


def _sentences(article: Article) -> list[tuple[int, int]]:
    """Sentences of the paragraphs that hold a claim's trigger word (the others cannot hold one)."""
    spans: list[tuple[int, int]] = []
    for start, end in article.paragraphs:
        text = article.body[start:end]
        if _TRIGGER.search(text):
            spans.extend((start + s, start + e) for s, e in sentence_spans(text))
    return spans


@dataclass(frozen=True, slots=True)
class Claim:
    """A possible claim in one sentence, found before the archive's outlets are known (``scan``)."""

    start: int  # the sentence
    end: int
    at: int  # where the name (or ``it said``) begins
    kind: str
    name: str  # the outlet's name as written ("" for ``it said``)
    reads: bool  # the name reads like an outlet whatever the archive holds


def _named(article: Article, start: int, end: int) -> list[tuple[int, str, str, bool]]:
    """(position, kind, name, had_the) of every named claim in one sentence, outlet or not."""
    text = article.body[start:end]
    hits: list[tuple[int, str, str, bool]] = []
    verbs = _VERB.search(text) is not None
    # each pattern runs only where the words it needs occur (a substring test costs far less than a scan)
    checks = (("according-to", _ACCORDING, "ccording to" in text), ("reported", _REPORTED, verbs),
              ("reported", _REPORTED_BY, verbs and ("reported " in text or "published " in text)),
              ("quoted", _QUOTED, "quoted" in text or "cited" in text))
    for kind, pattern, worth in checks:
        if not worth:
            continue
        for match in pattern.finditer(text):
            name = outlet_name(match.group("name"), bool(match.group("the")))
            if name:
                hits.append((start + match.start("name"), kind, name, bool(match.group("the"))))
    return sorted(set(hits))


def scan(article: Article) -> tuple[Claim, ...]:
    """Every possible claim of the body, in body order: a pure function of the article (the costly
    part of finding attributions; cacheable by content hash, computable on a worker)."""
    out: list[Claim] = []
    for start, end in _sentences(article):
        events = [(pos, kind, name) for pos, kind, name, _ in _named(article, start, end)]
        events += [(start + m.start(), "it-said", "") for m in _IT_SAID.finditer(article.body[start:end])]
        out.extend(Claim(start, end, pos, kind, name, bool(name) and reads_like_outlet(name))
                   for pos, kind, name in sorted(events))
    return tuple(out)


def body_attributions(article: Article, known: frozenset[str], claims: tuple[Claim, ...] | None = None) -> list[Found]:
    """Named claims and ``it said`` claims in body order; ``it`` is the last outlet named before it.
    ``claims``: the article's ``scan`` when the caller has it already."""
    out: list[Found] = []
    own = outlet_id(article.outlet) if article.outlet else None
    last: str | None = None
    for claim in scan(article) if claims is None else claims:
        if claim.kind == "it-said":
            name = last or ""
        elif claim.reads or outlet_id(claim.name) in known:
            name = claim.name
        else:
            continue
        if not name or outlet_id(name) == own:
            continue
        last = name
        evidence = Evidence(article.id, claim.start, claim.end, article.body[claim.start : claim.end])
        if not any(f.attribution.evidence == evidence and f.attribution.outlet == outlet_id(name) for f in out):
            out.append(Found(Attribution(article.id, outlet_id(name), claim.kind, evidence), name))
    return out


def credit_attributions(article: Article, known: frozenset[str]) -> list[Found]:
    """The trailing credit line (a text source) and the caption's credit (a photo source)."""
    out: list[Found] = []
    own = outlet_id(article.outlet) if article.outlet else None
    credit = (article.source_credit or "").strip()
    if credit and outlet_id(credit) != own and (looks_like_outlet(credit, known) or _short_name(credit)):
        name = outlet_name(credit, False)
        out.append(Found(Attribution(article.id, outlet_id(name), "credit-line",
                                     Evidence(article.id, 0, len(credit), credit, "source_credit")), name))
    photo = (article.caption_credit or "").strip()
    if photo:
        name = outlet_name(photo, False)
        out.append(Found(Attribution(article.id, outlet_id(name), "photo-credit",
                                     Evidence(article.id, 0, len(photo), photo, "caption_credit")), name))
    return out


def _short_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and all(w[0].isupper() or w in ("of", "al", "de") for w in words)


def find(article: Article, known: frozenset[str], claims: tuple[Claim, ...] | None = None) -> list[Found]:
    """The article's attributions, given the archive's outlets (``known``); ``claims``: its ``scan``."""
    return body_attributions(article, known, claims) + credit_attributions(article, known)
