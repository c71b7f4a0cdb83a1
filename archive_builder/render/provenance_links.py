"""Shared look-ups and page paths for provenance rendering (built once per archive)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from archive_builder.model import Archive, Article, Attribution, Entity, Node, Outlet, Relation
from archive_builder.render.context import RenderContext, page_slug

KIND_LABELS = {
    "according-to": "“according to”",
    "reported": "“… reported”",
    "quoted": "“… quoted”",
    "it-said": "“it said” (the last source named)",
    "credit-line": "credit line",
    "photo-credit": "photo credit (not a text source)",
}


@dataclass(frozen=True, slots=True)
class Lookup:
    outlets: dict[str, Outlet]
    relations: tuple[Relation, ...]
    by_article: dict[str, tuple[int, ...]]  # article id -> indexes into ``relations``
    by_outlet: dict[str, tuple[int, ...]]
    attributions: dict[str, tuple[Attribution, ...]]
    chains: dict[str, tuple[Node, ...]]
    entities: dict[str, tuple[Entity, ...]]  # article id -> entities it mentions


class _Same:
    """Hashes by identity, so a cached look-up is tied to one index object (held while cached)."""

    __slots__ = ("value",)

    def __init__(self, value: Archive) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


@functools.lru_cache(maxsize=2)
def _build(key: _Same) -> Lookup:
    index = key.value.provenance
    by_article: dict[str, list[int]] = defaultdict(list)
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(index.relations):
        for node in (r.source, r.target):
            if node.article:
                by_article[node.article].append(i)
            if node.outlet:
                by_outlet[node.outlet].append(i)
    claims: dict[str, list[Attribution]] = defaultdict(list)
    for a in index.attributions:
        claims[a.article].append(a)
    entities: dict[str, list[Entity]] = defaultdict(list)
    for entity in key.value.entities.entities:
        for article_id in entity.articles:
            entities[article_id].append(entity)
    return Lookup({o.id: o for o in index.outlets}, index.relations,
                  {k: tuple(v) for k, v in by_article.items()}, {k: tuple(v) for k, v in by_outlet.items()},
                  {k: tuple(v) for k, v in claims.items()}, dict(index.chains),
                  {k: tuple(sorted(v, key=lambda e: e.id)) for k, v in entities.items()})


def lookup(ctx: RenderContext) -> Lookup:
    return _build(_Same(ctx.archive))


def outlet_page(outlet_id: str) -> str:
    return f"outlets/{outlet_id if outlet_id != 'index' else 'index-outlet'}.md"


def compare_page(r: Relation) -> str:
    return f"provenance/compare/{page_slug(r.source.article or '')}--{page_slug(r.target.article or '')}.md"


def is_pair(r: Relation) -> bool:
    return bool(r.source.article and r.target.article)


def passage_anchor(other_article: str, k: int) -> str:
    """Anchor of passage ``k`` (0-based) shared with ``other_article``, on this article's page."""
    return f"pass-{page_slug(other_article)}-{k + 1}"


def outlet_name(look: Lookup, outlet_id: str) -> str:
    outlet = look.outlets.get(outlet_id)
    return outlet.name if outlet else outlet_id


def node_label(ctx: RenderContext, look: Lookup, node: Node) -> str:
    if node.outlet:
        return outlet_name(look, node.outlet)
    article: Article | None = ctx.articles.get(node.article or "")
    if article is None:
        return node.article or ""
    return f"{article.outlet or 'Unknown outlet'}: {article.title}"


def node_json(look: Lookup, node: Node) -> dict[str, Any]:
    return {"article": node.article} if node.article else {"outlet": outlet_name(look, node.outlet or "")}


def relation_head(look: Lookup, r: Relation) -> dict[str, Any]:
    """The fields that name a relation, shared by front matter and the export (in this order)."""
    return {
        "source": node_json(look, r.source),
        "target": node_json(look, r.target),
        "relation": r.relation,
        "direction_known": r.direction_known,
        "confidence": r.confidence,
        "curated": r.curated,
    }
