"""Outlets, outlet-level relations and chains from the earliest known source to each article.

An article's chain follows its in-archive source when a directed relation names one (the most
confident), else its attributions: the body's named source, then the credit-line outlet the text
was taken from (``The New York Times -> Asharq Al-Awsat -> Track Persia``), then the article.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from archive_builder.model import Article, Attribution, Evidence, Node, Outlet, Relation
from archive_builder.provenance.attribution import Found, outlet_id


def outlets(articles: tuple[Article, ...], found: list[Found]) -> tuple[Outlet, ...]:
    names: dict[str, Counter[str]] = defaultdict(Counter)
    published: dict[str, list[str]] = defaultdict(list)
    cited: dict[str, set[str]] = defaultdict(set)
    photos: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        if article.outlet:
            names[outlet_id(article.outlet)][article.outlet] += 1000  # the outlet's own spelling wins
            published[outlet_id(article.outlet)].append(article.id)
    for item in found:
        names[item.attribution.outlet][item.name] += 1
        (cited if item.attribution.text_source else photos)[item.attribution.outlet].add(item.attribution.article)
    out = []
    for key in sorted(names):
        name = sorted(names[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.append(Outlet(key, name, bool(published[key]), tuple(sorted(published[key])),
                          tuple(sorted(cited[key])), tuple(sorted(photos[key]))))
    return tuple(out)


def _body_source(attributions: list[Attribution]) -> str | None:
    """The outlet the body names most often (first named on ties)."""
    body = [a for a in attributions if a.text_source and a.kind != "credit-line"]
    if not body:
        return None
    counts = Counter(a.outlet for a in body)
    first = {a.outlet: i for i, a in reversed(list(enumerate(body)))}
    return sorted(counts, key=lambda o: (-counts[o], first[o]))[0]


def _credit(attributions: list[Attribution]) -> str | None:
    return next((a.outlet for a in attributions if a.kind == "credit-line"), None)


def _kind(attributions: list[Attribution]) -> str:
    quoted = any(a.kind == "quoted" or "\u201c" in a.evidence.text or '"' in a.evidence.text for a in attributions)
    return "quotation" if quoted else "republication"


def outlet_relations(articles: tuple[Article, ...], attributions: tuple[Attribution, ...]) -> list[Relation]:
    """Outside outlet -> article (and outlet -> outlet through a credit line) from attributions."""
    by_article: dict[str, list[Attribution]] = defaultdict(list)
    for a in attributions:
        if a.text_source:
            by_article[a.article].append(a)
    merged: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for article in articles:
        claims = by_article.get(article.id, [])
        credit, body = _credit(claims), _body_source(claims)
        if credit:
            ev = [a.evidence for a in claims if a.kind == "credit-line"]
            merged[(credit, "article:" + article.id, "republication")] += ev
        if body:
            ev = [a.evidence for a in claims if a.outlet == body]
            upstream = "outlet:" + credit if credit and credit != body else "article:" + article.id
            merged[(body, upstream, _kind([a for a in claims if a.outlet == body]))] += ev
    out = []
    for (source, target, kind), evidence in sorted(merged.items()):
        kind_, _, ref = target.partition(":")
        node = Node(article=ref) if kind_ == "article" else Node(outlet=ref)
        conf = 0.8 if any(e.field == "source_credit" for e in evidence) else 0.6
        out.append(Relation(Node(outlet=source), node, kind, True, conf, tuple(evidence),
                            reasons=("stated in the article's attributions",)))
    return out


def _parent(article_id: str, relations: list[Relation], dates: dict[str, int]) -> str | None:
    """The in-archive source: the one the article names, then the one it shares most text with,
    then the most confident, then the earliest."""
    def rank(r: Relation) -> tuple[int, int, float, int, str]:
        shared = sum(p.target_end - p.target_start for p in r.passages)
        source = r.source.article or ""
        return (-int(bool(r.evidence) or r.curated), -shared, -r.confidence, dates.get(source, 10**7), source)

    best = sorted((r for r in relations if r.target.article == article_id and r.source.article
                   and r.direction_known and r.relation != "common-source"), key=rank)
    return best[0].source.article if best else None


def chains(articles: tuple[Article, ...], attributions: tuple[Attribution, ...],
           relations: list[Relation]) -> tuple[tuple[str, tuple[Node, ...]], ...]:
    claims: dict[str, list[Attribution]] = defaultdict(list)
    for a in attributions:
        claims[a.article].append(a)
    incoming: dict[str, list[Relation]] = defaultdict(list)
    for r in relations:
        if r.target.article:
            incoming[r.target.article].append(r)
    done: dict[str, tuple[Node, ...]] = {}
    dates = {a.id: a.published.toordinal() for a in articles if a.published}

    def chain(article_id: str, seen: frozenset[str]) -> tuple[Node, ...]:
        if article_id in done:
            return done[article_id]
        parent = _parent(article_id, incoming.get(article_id, []), dates)
        if parent is not None and parent not in seen:
            path = chain(parent, seen | {article_id}) + (Node(article=article_id),)
        else:
            mine = claims.get(article_id, [])
            heads = [o for o in (_body_source(mine), _credit(mine)) if o]
            heads = [o for i, o in enumerate(heads) if o not in heads[:i]]
            path = tuple(Node(outlet=o) for o in heads) + (Node(article=article_id),)
        done[article_id] = path
        return path

    return tuple((a.id, chain(a.id, frozenset())) for a in sorted(articles, key=lambda a: a.id))
