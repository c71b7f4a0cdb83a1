"""Provenance: attributions, text reuse between articles, typed relations and chains.

    attributions (attribution.py) -> reuse index (index.py) -> alignment (align.py)
    -> relation type and direction (classify.py) -> curation (curate.py) -> chains (chains.py)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from archive_builder.curation import Curation
from archive_builder.model import Article, Attribution, Diagnostic, Node, ProvenanceIndex, Relation
from archive_builder.provenance import attribution, chains, curate
from archive_builder.provenance.align import AlignSettings, Doc, align_pair, make_doc
from archive_builder.provenance.classify import ClassifySettings, Side, quote_regions, relate
from archive_builder.provenance.index import IndexSettings, build_index, gram_keys
from archive_builder.provenance.normalize import content_words

log = logging.getLogger("archive_builder")


@dataclass(frozen=True, slots=True)
class Settings:
    index: IndexSettings = field(default_factory=IndexSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    classify: ClassifySettings = field(default_factory=ClassifySettings)


def find_attributions(articles: tuple[Article, ...]) -> list[attribution.Found]:
    known = frozenset(attribution.outlet_id(n) for a in articles for n in (a.outlet, a.source_credit) if n)
    found: list[attribution.Found] = []
    for article in articles:
        found.extend(attribution.find(article, known))
    return found


def reuse(articles: tuple[Article, ...], claims: dict[str, tuple[Attribution, ...]],
          settings: Settings) -> list[Relation]:
    """Relations between archive articles sharing text: index -> candidates -> align -> classify."""
    words: dict[str, str] = {}
    hashes: dict[str, int] = {}
    keys = [gram_keys(content_words(a.body, words), settings.index.n, hashes) for a in articles]
    outlets = [attribution.outlet_id(a.outlet) if a.outlet else None for a in articles]
    index = build_index(keys, outlets, settings.index)
    del keys
    docs: dict[int, Doc] = {}
    forms: dict[str, tuple[str, str]] = {}
    log.debug("provenance: %d candidate pairs from %d articles", len(index.candidates), len(articles))
    out: list[Relation] = []
    sides: dict[int, Side] = {}
    for cand in index.candidates:
        for k in (cand.a, cand.b):
            if k not in docs:
                docs[k] = make_doc(articles[k], settings.index.n, forms)
        aligned = align_pair(docs[cand.a], docs[cand.b], index.ignored, settings.align)
        if not aligned:
            continue
        for k in (cand.a, cand.b):
            if k not in sides:
                art = articles[k]
                sides[k] = Side(art, quote_regions(art.body), claims.get(art.id, ()))
        relation = relate(sides[cand.a], sides[cand.b], aligned, settings.classify)
        if relation is not None:
            out.append(relation)
    return out


def _sort_key(r: Relation) -> tuple[str, str, str, str, str]:
    return (r.source.article or "", r.source.outlet or "", r.target.article or "", r.target.outlet or "", r.relation)


def analyse(articles: tuple[Article, ...], curation: Curation,
            settings: Settings | None = None) -> tuple[ProvenanceIndex, tuple[Diagnostic, ...]]:
    """Find who published what first and which articles share text."""
    settings = settings or Settings()
    articles = tuple(sorted(articles, key=lambda a: a.id))
    found = find_attributions(articles)
    attributions = tuple(f.attribution for f in found)
    claims: dict[str, list[Attribution]] = {}
    for a in attributions:
        claims.setdefault(a.article, []).append(a)
    frozen = {k: tuple(v) for k, v in claims.items()}
    relations = reuse(articles, frozen, settings) + chains.outlet_relations(articles, attributions)
    rules, problems = curate.rulings(curation, tuple(a.id for a in articles))
    relations = sorted(curate.apply(relations, rules), key=_sort_key)
    outlets = chains.outlets(articles, found)
    known = {o.id for o in outlets}
    extra = sorted({n.outlet for r in relations for n in (r.source, r.target) if n.outlet and n.outlet not in known})
    if extra:
        from archive_builder.model import Outlet

        named = {key: name for rule in rules for key, name in rule.names}
        added = tuple(Outlet(o, named.get(o, o), False) for o in extra)
        outlets = tuple(sorted(outlets + added, key=lambda o: o.id))
    index = ProvenanceIndex(outlets, attributions, tuple(relations), chains.chains(articles, attributions, relations))
    return index, problems


__all__ = ["Settings", "analyse", "Node"]
