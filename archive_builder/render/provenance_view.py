"""Provenance on the site: article panel, body spans, their own pages, export section.

* article pages: front matter ``relations`` and ``chain`` (and ``jsonld``, the schema.org
  ``NewsArticle`` the MkDocs plugin puts in the page head); shared passages marked in the body;
  the chain as badges in the header and as an SVG figure in a panel, the sources with their evidence, the articles derived
  from this one and those sharing text, each passage deep-linked to its match;
* pages: ``provenance/index.md``, ``provenance/compare/<a>--<b>.md``, ``outlets/index.md``,
  ``outlets/<slug>.md`` (see ``provenance_pages``);
* export: ``outlets``, ``relations``, ``attributions`` and ``chains`` (merged into each article).
"""

from __future__ import annotations

from typing import Any

from archive_builder.model import Article, Attribution, Node, Relation
from archive_builder.render import svg
from archive_builder.render.context import Output, RenderContext, article_page
from archive_builder.render.markup import Span, href, inert, md_link, md_text, snippet
from archive_builder.render.provenance_links import (
    KIND_LABELS,
    Lookup,
    compare_page,
    is_pair,
    lookup,
    node_json,
    node_label,
    outlet_name,
    outlet_page,
    passage_anchor,
    relation_head,
)


def _relations(look: Lookup, article_id: str) -> list[Relation]:
    return [look.relations[i] for i in look.by_article.get(article_id, ())]


def relation_json(look: Lookup, r: Relation) -> dict[str, Any]:
    data = relation_head(look, r)
    if is_pair(r):
        data["compare"] = compare_page(r)
    return data


def _jsonld(ctx: RenderContext, look: Lookup, article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title}
    if article.published:
        data["datePublished"] = article.published.isoformat()
    if article.outlet:
        data["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.byline:
        data["author"] = [{"@type": "Person", "name": n} for n in article.byline]
    based: list[dict[str, Any]] = []
    cited: list[dict[str, Any]] = []
    for r in _relations(look, article.id):
        if r.target.article != article.id or (r.relation == "common-source"):
            continue
        ref = _ld_node(ctx, look, r.source)
        (cited if r.relation == "quotation" else based).append(ref)
    for node in look.chains.get(article.id, ())[:-1]:
        ref = _ld_node(ctx, look, node)
        if ref not in based and ref not in cited:
            based.append(ref)
    if based:
        data["isBasedOn"] = based
    if cited:
        data["citation"] = cited
    mentions = _mentions(look, article.id)
    if mentions:
        data["mentions"] = mentions
    return data


def _ld_node(ctx: RenderContext, look: Lookup, node: Node) -> dict[str, Any]:
    if node.outlet:
        return {"@type": "Organization", "name": outlet_name(look, node.outlet)}
    other = ctx.articles.get(node.article or "")
    return {"@type": "NewsArticle", "headline": other.title if other else node.article, "identifier": node.article}


def _mentions(look: Lookup, article_id: str) -> list[dict[str, Any]]:
    kinds = {"person": "Person", "organization": "Organization", "place": "Place"}
    out = []
    for e in look.entities.get(article_id, ()):
        item: dict[str, Any] = {"@type": kinds.get(e.type, "Thing"), "name": e.name}
        if e.same_as:
            item["sameAs"] = list(e.same_as)
        out.append(item)
    return out


def article_front_matter(ctx: RenderContext, article: Article) -> dict[str, Any]:
    look = lookup(ctx)
    return {
        "relations": [relation_json(look, r) for r in _relations(look, article.id)],
        "chain": [node_json(look, n) for n in look.chains.get(article.id, ())],
        "jsonld": _jsonld(ctx, look, article),
    }


def _sides(r: Relation, article_id: str) -> tuple[bool, str]:
    """(this article is the source side, the other article)."""
    mine = r.source.article == article_id
    return mine, (r.target.article if mine else r.source.article) or ""


def article_spans(ctx: RenderContext, article: Article, page: str) -> list[Span]:
    """Each shared passage as ``<mark class="ab-passage" id=...>`` (``markup.annotate`` keeps the id on
    the mark's first fragment only): a subtle underline, never a link on a word of the text; the
    Provenance panel lists every passage with a link to its match."""
    look = lookup(ctx)
    spans: list[Span] = []
    for r in _relations(look, article.id):
        if not is_pair(r):
            continue
        mine, other = _sides(r, article.id)
        other_title = ctx.articles[other].title if other in ctx.articles else other
        for k, p in enumerate(r.passages):
            start, end = (p.source_start, p.source_end) if mine else (p.target_start, p.target_end)
            title = f"Shared with: {other_title} ({r.relation}, {p.kind})"
            spans += _marks(article, start, end, passage_anchor(other, k), title)
    return spans


def _marks(article: Article, start: int, end: int, anchor: str, title: str) -> list[Span]:
    """The passage's mark, one per paragraph it covers (each paragraph is annotated on its own);
    only the first carries the anchor, so the id is on the page once."""
    marks: list[Span] = []
    for p_start, p_end in article.paragraphs:
        lo, hi = max(start, p_start), min(end, p_end)
        if lo < hi:
            attrs = (("class", "ab-passage"), *((("id", anchor),) if not marks else ()), ("title", title))
            marks.append(Span(lo, hi, "mark", attrs, rank=5))
    return marks


def _chain_diagram(ctx: RenderContext, look: Lookup, article: Article, page: str) -> list[str]:
    chain = look.chains.get(article.id, ())
    if len(chain) < 2:
        return []
    nodes = [svg.Node(node_label(ctx, look, n), _node_href(ctx, n, article, page),
                      "here" if n.article == article.id else "outlet" if n.outlet else "article") for n in chain]
    edges = [svg.Edge(i, i + 1) for i in range(len(chain) - 1)]
    return ["### Chain", "", svg.flow(nodes, edges, "Source chain: " + " to ".join(
        node_label(ctx, look, n) for n in chain)), ""]


def _node_href(ctx: RenderContext, node: Node, article: Article, page: str) -> str | None:
    if node.article == article.id:
        return None
    if node.article:
        return href(page, article_page(node.article), None, ctx.use_directory_urls)
    return href(page, outlet_page(node.outlet or ""), None, ctx.use_directory_urls)


def article_header(ctx: RenderContext, article: Article, page: str) -> list[str]:
    """The source chain as a line of linked badges (oldest first), for the article's header."""
    look = lookup(ctx)
    chain = look.chains.get(article.id, ())
    if len(chain) < 2:
        return []
    items = []
    for n in chain:
        other = ctx.articles.get(n.article or "")
        short = other.outlet or snippet(other.title, 40) if other is not None else node_label(ctx, look, n)
        label, full = inert(snippet(short, 48)), inert(node_label(ctx, look, n))
        target = _node_href(ctx, n, article, page)
        kind = "outlet" if n.outlet else "article"
        items.append(f'<li><a class="ab-badge ab-badge-{kind}" href="{target}" title="{full}">{label}</a></li>' if target
                     else f'<li><span class="ab-badge ab-badge-here" title="{full}">{label} (this article)</span></li>')
    return ['<nav class="ab-chain" aria-label="Source chain, oldest first"><span class="ab-chain-title">Source chain'
            '</span><ol>' + "".join(items) + "</ol></nav>"]


def _sources(look: Lookup, article: Article, page: str) -> list[str]:
    """Each outlet the article names, once, with its kinds of claim and each evidence sentence."""
    claims: tuple[Attribution, ...] = look.attributions.get(article.id, ())
    if not claims:
        return []
    order: list[str] = []
    for a in claims:
        if a.outlet not in order:
            order.append(a.outlet)
    lines = ["### Sources named", ""]
    for outlet in order:
        mine = [a for a in claims if a.outlet == outlet]
        kinds = ", ".join(dict.fromkeys(KIND_LABELS.get(a.kind, a.kind) for a in mine))
        lines.append(f"- {md_link(outlet_name(look, outlet), page, outlet_page(outlet))} \u2014 {md_text(kinds)}")
        for a in mine:
            where = "" if a.evidence.field == "body" else f"{md_text(a.evidence.field.replace('_', ' '))}: "
            lines.append(f"    - {where}\u201c{md_text(a.evidence.text)}\u201d")
    return lines + [""]


def _relation_line(ctx: RenderContext, look: Lookup, r: Relation, article: Article, page: str) -> str:
    mine, other_id = _sides(r, article.id)
    node = r.target if mine else r.source
    if node.article:
        label = md_link(node_label(ctx, look, node), page, article_page(node.article))
    else:
        label = md_link(outlet_name(look, node.outlet or ""), page, outlet_page(node.outlet or ""))
    direction = "" if r.direction_known else " (direction unknown)"
    extra = ""
    if is_pair(r):
        extra = f" \u2014 {len(r.passages)} passage(s), {md_link('compare side by side', page, compare_page(r))}"
    curated = ", curated" if r.curated else ""
    return f"- {label}: {r.relation}{direction}, confidence {r.confidence:.2f}{curated}{extra}"


def _groups(ctx: RenderContext, look: Lookup, article: Article, page: str) -> list[str]:
    upstream, derived, sharing = [], [], []
    for r in _relations(look, article.id):
        line = _relation_line(ctx, look, r, article, page)
        if r.relation == "common-source" or not r.direction_known:
            sharing.append(line)
        elif r.target.article == article.id:
            upstream.append(line)
        else:
            derived.append(line)
    out: list[str] = []
    for title, lines in (("Taken from", upstream), ("Derived from this article", derived),
                         ("Sharing text (common source or direction unknown)", sharing)):
        if lines:
            out += [f"### {title}", "", *lines, ""]
    return out


def _passages(ctx: RenderContext, look: Lookup, article: Article, page: str) -> list[str]:
    lines: list[str] = []
    for r in _relations(look, article.id):
        if not is_pair(r):
            continue
        mine, other = _sides(r, article.id)
        for k, p in enumerate(r.passages):
            start, end = (p.source_start, p.source_end) if mine else (p.target_start, p.target_end)
            shown = snippet(article.body[start:end], 90, unquote=True)
            here = f"[\u00b6]({'#' + passage_anchor(other, k)})"
            there = md_link("matching passage", page, article_page(other), passage_anchor(article.id, k))
            lines.append(f"- {here} \u201c{md_text(shown)}\u201d \u2014 {p.kind}; {there}")
    return ["### Shared passages", "", *lines, ""] if lines else []


def article_panels(ctx: RenderContext, article: Article, page: str) -> list[str]:
    look = lookup(ctx)
    body = _chain_diagram(ctx, look, article, page) + _sources(look, article, page)
    body += _groups(ctx, look, article, page) + _passages(ctx, look, article, page)
    if not body:
        return ["## Provenance\n\nNo source is named and no other article in the archive shares this text.\n"]
    return ["\n".join(["## Provenance", "", *body])]


def pages(ctx: RenderContext) -> list[Output]:
    from archive_builder.render import provenance_pages

    return provenance_pages.pages(ctx)


def export(ctx: RenderContext) -> dict[str, Any]:
    from archive_builder.render import provenance_pages

    return provenance_pages.export(ctx)
