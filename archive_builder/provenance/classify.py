"""Is an aligned pair reuse, of which type, in which direction, and how sure are we?

The decision weighs the number, length, order and quoting of the shared passages and the share of
each text they cover, never one span alone:

* passages inside quotation marks in *both* texts are the same speaker quoted twice (evidence of a
  common speaker, not of copying) and are set aside;
* a single short passage (or a few) covering little of either text is a stock phrase, not reuse;
* same outlet and much shared text -> ``revision``; the copy made (mostly) of the source, however
  much of the source it leaves out -> ``republication``; passages quoted or attributed inside the
  new text -> ``quotation``; one unbroken block of the source inside text of the copy's own ->
  ``excerpt``; otherwise ``summary`` (rewritten with some reuse);
* both name the same outside source, outside the shared passages, and neither names the other ->
  ``common-source``.

Rewritten reuse (``rewrite.Overlap``: the share of each text built from the other's sentences)
counts as well: a pair is derived when one text is made from the other's sentences in a share of at
least ``RewriteSettings.derived`` (or shares verbatim passages that are more than a stock phrase), and
*wholly* derived (``republication``, or ``revision`` within one outlet) when the copy is made from
the source in a share of at least ``RewriteSettings.wholly``, however little of the source it uses.
Sentences that share only what both put in quotation marks are a common speaker, not derivation.

Direction comes from evidence, in this order: attributions (the later text names the earlier
one's outlet); the role of the outlets (a news agency's text is the source of a newspaper's, when
only one of the two is an agency's); stated publication dates (an inferred date never decides).
Completeness (which text is mostly made of the other) and quoting only orient the pair: alone they
leave ``direction_known`` false (a short wire update is "mostly made of" the longer newspaper story
built from it).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from archive_builder.model import Article, Attribution, Evidence, Node, Passage, Relation
from archive_builder.provenance.align import Aligned, flip_passage
from archive_builder.provenance.rewrite import Overlap, RewriteSettings

_QUOTE = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"\n]*\"")


@dataclass(frozen=True, slots=True)
class ClassifySettings:
    stock_words: int = 30  # a passage at least this long is more than a stock phrase
    stock_total: int = 50  # nor are this many shared words in all
    stock_cover: float = 0.25  # nor a share of either text this large
    quote_words: int = 12  # a passage this long, quoted in one text and credited to the other's outlet
    whole: float = 0.75  # coverage that counts as "most of the text"


@dataclass(frozen=True, slots=True)
class Side:
    article: Article
    quotes: tuple[tuple[int, int], ...]
    attributions: tuple[Attribution, ...]


def quote_regions(body: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _QUOTE.finditer(body))


def _inside(regions: tuple[tuple[int, int], ...], start: int, end: int) -> int:
    """Characters of [start, end) inside ``regions`` (sorted, not overlapping)."""
    total = 0
    i = max(0, bisect.bisect_right(regions, (start, 10**12)) - 1)
    while i < len(regions) and regions[i][0] < end:
        total += max(0, min(end, regions[i][1]) - max(start, regions[i][0]))
        i += 1
    return total


def _share(regions: tuple[tuple[int, int], ...], spans: list[tuple[int, int]]) -> float:
    size = sum(e - s for s, e in spans)
    return sum(_inside(regions, s, e) for s, e in spans) / size if size else 0.0


def _evidence_regions(side: Side) -> tuple[tuple[int, int], ...]:
    spans = sorted({(a.evidence.start, a.evidence.end) for a in side.attributions
                    if a.text_source and a.evidence.field == "body"})
    return tuple(spans)


def _coverage(body: str, spans: list[tuple[int, int]]) -> float:
    size = len(body.strip()) or 1
    return min(1.0, sum(e - s for s, e in spans) / size)


def _order(passages: list[Passage]) -> float:
    """Share of passages in the same order in both texts (longest increasing subsequence)."""
    tails: list[int] = []
    for p in sorted(passages, key=lambda p: p.source_start):
        k = bisect.bisect_left(tails, p.target_start)
        tails[k : k + 1] = [p.target_start]
    return len(tails) / len(passages) if passages else 0.0


@dataclass(frozen=True, slots=True)
class Facts:
    passages: tuple[Passage, ...]
    words: int
    longest: int
    cover_a: float
    cover_b: float
    order: float
    similarity: float
    quoted_a: float  # share of a's passage text inside quotes or attribution sentences
    quoted_b: float
    set_aside: int  # passages quoted in both texts (a common speaker)


def facts(a: Side, b: Side, aligned: tuple[Aligned, ...]) -> Facts:
    kept: list[Aligned] = []
    aside = 0
    for item in aligned:
        p = item.passage
        if (_share(a.quotes, [(p.source_start, p.source_end)]) >= 0.6
                and _share(b.quotes, [(p.target_start, p.target_end)]) >= 0.6):
            aside += 1
        else:
            kept.append(item)
    passages = [k.passage for k in kept]
    sa = [(p.source_start, p.source_end) for p in passages]
    sb = [(p.target_start, p.target_end) for p in passages]
    words = sum(k.words for k in kept)
    similarity = sum(k.similarity * k.words for k in kept) / words if words else 0.0
    quoted_a = max(_share(a.quotes, sa), _share(_evidence_regions(a), sa))
    quoted_b = max(_share(b.quotes, sb), _share(_evidence_regions(b), sb))
    return Facts(tuple(passages), words, max((k.words for k in kept), default=0),
                 _coverage(a.article.body, sa), _coverage(b.article.body, sb), _order(passages), similarity,
                 quoted_a, quoted_b, aside)


def is_reuse(f: Facts, settings: ClassifySettings) -> bool:
    if not f.passages:
        return False
    stock = (f.longest < settings.stock_words and f.words < settings.stock_total
             and max(f.cover_a, f.cover_b) < settings.stock_cover)
    return not stock


def cited_quotation(a: Side, b: Side, f: Facts, settings: ClassifySettings) -> bool:
    """A short passage one text puts in quotation marks and credits to the other's outlet
    (``"...," the Basra Harbour Report said``): a quotation however short, not a stock phrase."""
    if f.longest < settings.quote_words:
        return False
    return (f.quoted_b >= 0.5 and bool(_names(b, a))) or (f.quoted_a >= 0.5 and bool(_names(a, b)))


def confidence(f: Facts, o: Overlap | None = None) -> float:
    strength = min(1.0, f.words / 120)
    cover = min(1.0, max(f.cover_a, f.cover_b) / 0.8)
    count = min(1.0, len(f.passages) / 3)
    base = 0.3 + 0.3 * strength + 0.2 * cover + 0.1 * f.order + 0.1 * count
    verbatim = round(min(0.99, base * (0.6 + 0.4 * f.similarity)), 2)
    if o is None or not o.made:
        return verbatim
    rewritten = round(min(0.9, 0.3 + 0.6 * min(1.0, o.made / 0.8)) * 0.8, 2)  # a rewrite is less sure than a copy
    return max(verbatim, rewritten)


def _sources(side: Side) -> set[str]:
    return {a.outlet for a in side.attributions if a.text_source}


def _own(side: Side) -> str | None:
    from archive_builder.provenance.attribution import outlet_id

    return outlet_id(side.article.outlet) if side.article.outlet else None


def _names(side: Side, other: Side) -> list[Attribution]:
    """``side``'s claims naming the other article's outlet as a source."""
    own = _own(other)
    return [a for a in side.attributions if a.text_source and own is not None and a.outlet == own]


def _own_claim(attribution: Attribution, other: Article) -> bool:
    """The claim is the article's own, not copied along with the shared text (its sentence does not
    appear in the other article)."""
    from archive_builder.provenance.normalize import fold

    ev = attribution.evidence
    return ev.field != "body" or " ".join(fold(ev.text).split()) not in " ".join(fold(other.body).split())


def common_sources(a: Side, b: Side, f: Facts) -> list[Evidence]:
    """Evidence that both derive from one source neither of them published (empty when not)."""
    if _names(a, b) or _names(b, a):
        return []
    shared = (_sources(a) & _sources(b)) - {_own(a), _own(b)}
    out: list[Evidence] = []
    for outlet in sorted(shared):
        ea = [x for x in a.attributions if x.outlet == outlet and x.text_source and _own_claim(x, b.article)]
        eb = [x for x in b.attributions if x.outlet == outlet and x.text_source and _own_claim(x, a.article)]
        if ea and eb:
            out += [ea[0].evidence, eb[0].evidence]
    return out


def _first(a: Article, b: Article) -> bool:
    """Whether ``a`` is listed first: the earlier when both are dated, else by id."""
    if a.published and b.published and a.published != b.published:
        return a.published < b.published
    return a.id <= b.id


_AGENCY_MARK = re.compile(r"^[^\n]{0,80}?\((?:AP|Reuters|AFP|PA|dpa|UPI|Xinhua|Bloomberg)\)\s*[-\u2013\u2014]|"
                          r"\b(?:Reporting|Additional reporting|Writing) by [A-Z][^\n]{0,120}\bEditing by\b|"
                          r"\(Reporting by [^)]{2,200}\)|^\s*(?:By )?(?:Press Association|PA Media|PA) (?:Reporter|reporters|staff)\b",
                          re.M)


_TOLD_AGENCY = re.compile(r"\b(?:told|said in an interview with|in an interview with) (?:The |the )?"
                          r"(?:Associated Press|AP|Reuters|AFP|Agence France-Presse|Press Association|PA)\b")


def agency(article: Article) -> bool:
    """The article is a news agency's (its outlet is a wire service, or its text carries a wire
    service's dateline or reporting credits, or reports what someone *told* the agency: the
    agency's own interview)."""
    from archive_builder.provenance.attribution import is_wire

    if article.outlet and is_wire(article.outlet):
        return True
    body = article.body
    return bool(_AGENCY_MARK.search(body[:400]) or _AGENCY_MARK.search(body[-400:]) or _TOLD_AGENCY.search(body))


def _stated(article: Article) -> bool:
    return article.published is not None and not article.published_derived and "published" not in article.derived


def direction(a: Side, b: Side, f: Facts, made: tuple[float, float] = (0.0, 0.0)) -> tuple[bool, bool, list[str], list[Evidence]]:
    """(a is the source, known, reasons, evidence); ``made``: the share of a and of b made from the
    other's sentences (``rewrite.Overlap``)."""
    if _names(b, a) and not _names(a, b):
        return True, True, ["the later text names the other's outlet as its source"], [x.evidence for x in _names(b, a)]
    if _names(a, b) and not _names(b, a):
        return False, True, ["the later text names the other's outlet as its source"], [x.evidence for x in _names(a, b)]
    votes: list[tuple[bool, str]] = []
    wa, wb = agency(a.article), agency(b.article)
    if wa != wb:
        votes.append((wa, "a news agency's text is the source of the other outlet's"))
    da, db = a.article.published, b.article.published
    if _stated(a.article) and _stated(b.article) and da and db and da != db:
        votes.append((da < db, "stated publication dates"))
    if votes and all(v == votes[0][0] for v, _ in votes):
        return votes[0][0], True, [why for _, why in votes], []
    if votes:
        return _first(a.article, b.article), False, ["the evidence disagrees: " + "; ".join(w for _, w in votes)], []
    cover_a, cover_b = max(f.cover_a, made[0]), max(f.cover_b, made[1])
    if abs(cover_a - cover_b) >= 0.3:
        return cover_b > cover_a, False, ["completeness suggests the text mostly made of the other's is the copy "
                                          "(not decisive: a short wire update is mostly made of the longer story built from it)"], []
    if abs(f.quoted_a - f.quoted_b) >= 0.5:
        return f.quoted_b > f.quoted_a, False, ["the shared text is quoted or attributed in one text only (not decisive)"], []
    return _first(a.article, b.article), False, ["no attribution, agency or stated date decides"], []


def _flip(f: Facts) -> Facts:
    passages = tuple(sorted((flip_passage(p) for p in f.passages), key=lambda p: (p.source_start, p.target_start)))
    return Facts(passages, f.words, f.longest, f.cover_b, f.cover_a, f.order, f.similarity, f.quoted_b, f.quoted_a,
                 f.set_aside)


def _contiguous(f: Facts) -> bool:
    lo = min(p.source_start for p in f.passages)
    hi = max(p.source_end for p in f.passages)
    return sum(p.source_end - p.source_start for p in f.passages) >= 0.8 * (hi - lo) and f.order == 1.0


def kind_of(s: Side, t: Side, f: Facts, settings: ClassifySettings, made: float = 0.0,
            rewrite: RewriteSettings | None = None) -> str:
    """The relation type, given that ``s`` is the source side (passages oriented s -> t); ``made``:
    the share of the copy ``t`` built from ``s``'s sentences. Wholly derived (republication, or
    revision within one outlet) is judged by the share of the copy made from the source, not by the
    share of the source used."""
    whole = (rewrite or RewriteSettings()).wholly
    copy = max(made, f.cover_b)
    same = _own(s) is not None and _own(s) == _own(t)
    if same and (max(f.cover_a, f.cover_b) >= 0.5 or copy >= whole):
        return "revision"
    if copy >= whole or f.cover_a >= settings.whole and f.cover_b >= settings.whole:
        return "republication"
    if f.quoted_b >= 0.5:
        return "quotation"
    if f.passages and _contiguous(f) and f.longest >= settings.stock_words and f.similarity >= 0.8:
        return "excerpt"  # one unbroken block of the source inside text of the copy's own
    return "summary"


def _quoting_only(f: Facts, o: Overlap | None, rewrite: RewriteSettings) -> bool:
    """What the two share is what both quote: the passages stand mostly inside quotation marks in
    one text, both quote what the other quotes, and no sentence of their own is built from the
    other's (the same court statement in two papers' own stories)."""
    if o is None or o.made >= rewrite.derived or not (o.quoted_a > 0 and o.quoted_b > 0):
        return False
    return max(f.quoted_a, f.quoted_b) >= 0.5


def relate(a: Side, b: Side, aligned: tuple[Aligned, ...], settings: ClassifySettings,
           o: Overlap | None = None, rewrite: RewriteSettings | None = None) -> Relation | None:
    """The relation between two aligned articles, or None when what they share is not reuse;
    ``o``: how much of each is built from the other's sentences (``rewrite.overlap``)."""
    rw = rewrite or RewriteSettings()
    f = facts(a, b, aligned)
    cited = cited_quotation(a, b, f, settings)
    rewritten = o is not None and o.made >= rw.derived
    if not (is_reuse(f, settings) or cited or rewritten):
        return None
    if not cited and not rewritten and _quoting_only(f, o, rw):
        return None
    made = (o.made_a, o.made_b) if o is not None else (0.0, 0.0)
    reasons = [f"{len(f.passages)} shared passage(s), {f.words} words; covers {f.cover_a:.0%} and {f.cover_b:.0%}"]
    if o is not None and o.made > 0:
        reasons.append(f"made from the other's sentences: {o.made_a:.0%} and {o.made_b:.0%}")
    if f.set_aside:
        reasons.append(f"{f.set_aside} passage(s) quoted in both set aside (a common speaker)")
    common = common_sources(a, b, f)
    if common and not (_own(a) is not None and _own(a) == _own(b)):
        first = _first(a.article, b.article)
        s, t, ff = (a, b, f) if first else (b, a, _flip(f))
        reasons.append("both name the same outside source and neither names the other")
        return Relation(Node(article=s.article.id), Node(article=t.article.id), "common-source", False,
                        confidence(f, o), tuple(common), ff.passages, reasons=tuple(reasons))
    a_first, known, why, evidence = direction(a, b, f, made)
    s, t, ff = (a, b, f) if a_first else (b, a, _flip(f))
    copy_made = made[1] if a_first else made[0]
    if not known:  # which is the copy is not known: judge the larger share
        copy_made = max(made)
    reasons += why
    return Relation(Node(article=s.article.id), Node(article=t.article.id),
                    kind_of(s, t, ff, settings, copy_made, rw), known, confidence(f, o), tuple(evidence), ff.passages,
                    reasons=tuple(reasons))
