"""Provenance pages: the overview, a compare page per related pair, a page per outlet; the export."""

from __future__ import annotations

from typing import Any

from archive_builder.model import Edit, Passage, Relation
from archive_builder.render import svg
from archive_builder.render.context import Output, RenderContext, article_page
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, annotate, href, inert, md_link, md_text
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

MAX_GRAPH_EDGES = 60
MAX_TABLE_ROWS = 1000
DASH = "\u2014"


def _node_link(ctx: RenderContext, look: Lookup, node: Any, page: str) -> str:
    if node.article:
        return md_link(node_label(ctx, look, node), page, article_page(node.article))
    return md_link(outlet_name(look, node.outlet), page, outlet_page(node.outlet))


def _relation_row(ctx: RenderContext, look: Lookup, r: Relation, page: str) -> str:
    compare = md_link("compare", page, compare_page(r)) if is_pair(r) else ""
    known = "yes" if r.direction_known else "no"
    return (f"| {_node_link(ctx, look, r.source, page)} | {r.relation} | {_node_link(ctx, look, r.target, page)} "
            f"| {known} | {r.confidence:.2f} | {compare} |")


_TABLE = ["| Source | Relation | Target | Direction known | Confidence | Side by side |", "|---|---|---|---|---:|---|"]


def _graph(ctx: RenderContext, look: Lookup, relations: list[Relation], page: str) -> str:
    keys: dict[Any, int] = {}
    nodes: list[svg.Node] = []
    edges: list[svg.Edge] = []
    for r in relations:
        for node in (r.source, r.target):
            if node not in keys:
                keys[node] = len(nodes)
                target = article_page(node.article) if node.article else outlet_page(node.outlet or "")
                nodes.append(svg.Node(node_label(ctx, look, node), href(page, target, None, ctx.use_directory_urls),
                                      "outlet" if node.outlet else "article"))
        edges.append(svg.Edge(keys[r.source], keys[r.target], r.relation, dashed=not r.direction_known))
    return svg.flow(nodes, edges, f"Graph of {len(edges)} provenance relations")


def overview(ctx: RenderContext) -> Output:
    look, page = lookup(ctx), "provenance/index.md"
    relations = list(look.relations)
    shown = sorted(relations, key=lambda r: -r.confidence)[:MAX_GRAPH_EDGES]
    lines = ["# Provenance", "",
             "Where the archive's text came from: sources named by the articles (outlets, inside or outside "
             "the archive) and text shared between articles. Dashed arrows: direction unknown.", ""]
    if not relations:
        lines += ["No article names a source and no two articles share text.", ""]
    else:
        if len(shown) < len(relations):
            lines += [f"The graph shows the {len(shown)} most confident of {len(relations):,} relations.", ""]
        lines += [_graph(ctx, look, shown, page), "", "## Relations", "", *_TABLE]
        lines += [_relation_row(ctx, look, r, page) for r in relations[:MAX_TABLE_ROWS]]
        if len(relations) > MAX_TABLE_ROWS:
            lines += ["", f"{len(relations) - MAX_TABLE_ROWS:,} more relations are in the JSON export."]
    lines += ["", md_link("Outlets", page, "outlets/index.md"), ""]
    return Output(page, fm_page({"title": "Provenance", "generated": True}, "\n".join(lines)))


def _edit_spans(edits: tuple[Edit, ...], source: bool) -> list[Span]:
    spans = []
    for e in edits:
        start, end = (e.source_start, e.source_end) if source else (e.target_start, e.target_end)
        if end > start:
            cls = "ab-edit ab-edit-minor" if e.minor else "ab-edit"
            spans.append(Span(start, end, "del" if source else "ins", (("class", cls),)))
    return spans


def _cell(text: str, start: int, end: int, spans: list[Span]) -> str:
    return annotate(text[start:end], spans, offset=start).replace("\n", "<br>")


def _passage_block(ctx: RenderContext, r: Relation, k: int, p: Passage, page: str) -> list[str]:
    src, tgt = ctx.articles[r.source.article or ""], ctx.articles[r.target.article or ""]
    left = _cell(src.body, p.source_start, p.source_end, _edit_spans(p.edits, True))
    right = _cell(tgt.body, p.target_start, p.target_end, _edit_spans(p.edits, False))
    to_src = href(page, article_page(src.id), passage_anchor(tgt.id, k), ctx.use_directory_urls)
    to_tgt = href(page, article_page(tgt.id), passage_anchor(src.id, k), ctx.use_directory_urls)
    lines = [f"## Passage {k + 1} ({p.kind})", "",
             '<div class="ab-compare"><table><thead><tr>'
             f'<th><a href="{to_src}">{inert(src.outlet or "source side")}</a></th>'
             f'<th><a href="{to_tgt}">{inert(tgt.outlet or "target side")}</a></th>'
             f"</tr></thead><tbody><tr><td>{left}</td><td>{right}</td></tr></tbody></table></div>", ""]
    if p.edits:
        lines += ["| Source text | Target text | Edit |", "|---|---|---|"]
        for e in p.edits:
            kind = "minor" if e.minor else "substantive"
            lines.append(f"| {md_text(e.source_text) or DASH} | {md_text(e.target_text) or DASH} | {e.kind}, {kind} |")
        lines.append("")
    return lines


def compare(ctx: RenderContext, r: Relation) -> Output:
    page = compare_page(r)
    src, tgt = ctx.articles[r.source.article or ""], ctx.articles[r.target.article or ""]
    if r.relation == "common-source":
        direction = "both derive from one source; neither from the other"
    else:
        direction = "source \u2192 target" if r.direction_known else "direction unknown; listed in a fixed order"
    lines = ["# Compare two articles", "", "| Field | Source side | Target side |", "|---|---|---|",
             f"| Article | {md_link(src.title, page, article_page(src.id))} | {md_link(tgt.title, page, article_page(tgt.id))} |",
             f"| Outlet | {md_text(src.outlet or 'unknown')} | {md_text(tgt.outlet or 'unknown')} |",
             f"| Published | {src.published or 'unknown'} | {tgt.published or 'unknown'} |", "",
             f"**Relation:** {r.relation} ({direction}), confidence {r.confidence:.2f}"
             + (" \u2014 asserted by the curator" if r.curated else ""), ""]
    lines += [f"- {md_text(reason)}" for reason in r.reasons] + [""]
    if r.evidence:
        lines += ["**Evidence:**", ""]
        lines += [f"- {md_text(ctx.articles[e.article].title if e.article in ctx.articles else e.article)}: "
                  f"\u201c{md_text(e.text)}\u201d" for e in r.evidence] + [""]
    for k, p in enumerate(r.passages):
        lines += _passage_block(ctx, r, k, p, page)
    title = f"Compare: {src.title} / {tgt.title}"
    return Output(page, fm_page({"title": title, "generated": True}, "\n".join(lines)))


def _article_list(ctx: RenderContext, ids: tuple[str, ...], page: str) -> list[str]:
    """The articles as one raw HTML list: an outlet's list runs to thousands of titles, which MkDocs
    would otherwise parse and check link by link (about a tenth of the page's build time each)."""
    items = "".join(f'<li><a href="{href(page, article_page(i), None, ctx.use_directory_urls)}">'
                    f"{md_text(ctx.articles[i].title)}</a></li>" for i in ids if i in ctx.articles)
    return [f'<ul class="ab-list">{items}</ul>'] if items else []


def _took(ctx: RenderContext, look: Lookup, outlet_id: str, page: str) -> tuple[list[str], list[str]]:
    """Relations into the outlet or its articles (what it took) and out of them (who took from it)."""
    outlet = look.outlets[outlet_id]
    mine = {("article", a) for a in outlet.articles} | {("outlet", outlet_id)}
    indexes = set(look.by_outlet.get(outlet_id, ()))
    for article_id in outlet.articles:
        indexes.update(look.by_article.get(article_id, ()))
    took: list[str] = []
    gave: list[str] = []
    for i in sorted(indexes):
        r = look.relations[i]
        src = ("article", r.source.article) if r.source.article else ("outlet", r.source.outlet)
        tgt = ("article", r.target.article) if r.target.article else ("outlet", r.target.outlet)
        if r.relation == "common-source" or (src in mine and tgt in mine):
            continue
        row = _relation_row(ctx, look, r, page)
        (took if tgt in mine else gave).append(row)
    return took, gave


def outlet(ctx: RenderContext, outlet_id: str) -> Output:
    look, page = lookup(ctx), outlet_page(outlet_id)
    o = look.outlets[outlet_id]
    where = "publishes articles held in the archive" if o.in_archive else "outside the archive (named as a source)"
    lines = [f"# {md_text(o.name)}", "", f"An outlet {where}.", ""]
    same = ctx.entities.get(outlet_id)
    if same is not None and same.type == "organization":
        lines += [f"The articles also name it as an organization: {md_link(same.name, page, f'organizations/{same.id}.md')}"
                  f" ({len(same.articles):,} article(s)).", ""]
    if o.articles:
        lines += ["## Its articles in the archive", "", *_article_list(ctx, o.articles, page), ""]
    if o.cited_by:
        lines += ["## Named as a text source by", ""]
        for article_id in o.cited_by:
            claims = [a for a in look.attributions.get(article_id, ()) if a.outlet == outlet_id and a.text_source]
            kinds = ", ".join(sorted({KIND_LABELS.get(a.kind, a.kind) for a in claims}))
            if article_id in ctx.articles:
                lines.append(f"- {md_link(ctx.articles[article_id].title, page, article_page(article_id))} "
                             f"({md_text(kinds)})")
        lines.append("")
    if o.photo_credits:
        lines += ["## Credited with photos (not text) in", "", *_article_list(ctx, o.photo_credits, page), ""]
    took, gave = _took(ctx, look, outlet_id, page)
    if took:
        lines += ["## What it took from whom", "", *_TABLE, *took, ""]
    if gave:
        lines += ["## Who took from it", "", *_TABLE, *gave, ""]
    return Output(page, fm_page({"title": o.name, "generated": True, "outlet": o.name}, "\n".join(lines)))


def outlets_index(ctx: RenderContext) -> Output:
    look, page = lookup(ctx), "outlets/index.md"
    lines = ["# Outlets", "", "Every outlet the archive knows: those whose articles it holds, and those its "
             "articles name as a source (or credit for a photo).", "",
             "| Outlet | In the archive | Articles | Named as a source by | Photo credits |", "|---|---|---:|---:|---:|"]
    for o in sorted(look.outlets.values(), key=lambda o: (o.name.casefold(), o.id)):
        lines.append(f"| {md_link(o.name, page, outlet_page(o.id))} | {'yes' if o.in_archive else 'no'} "
                     f"| {len(o.articles)} | {len(o.cited_by)} | {len(o.photo_credits)} |")
    if not look.outlets:
        lines = lines[:4] + ["No outlet is known yet."]
    return Output(page, fm_page({"title": "Outlets", "generated": True}, "\n".join(lines) + "\n"))


def pages(ctx: RenderContext) -> list[Output]:
    look = lookup(ctx)
    out = [overview(ctx), outlets_index(ctx)]
    out += [outlet(ctx, key) for key in sorted(look.outlets)]
    out += [compare(ctx, r) for r in look.relations if is_pair(r)
            and r.source.article in ctx.articles and r.target.article in ctx.articles]
    return out


def _passage_json(p: Passage) -> dict[str, Any]:
    return {"source_start": p.source_start, "source_end": p.source_end, "target_start": p.target_start,
            "target_end": p.target_end, "kind": p.kind,
            "edits": [{"kind": e.kind, "source_text": e.source_text, "target_text": e.target_text, "minor": e.minor,
                       "source_start": e.source_start, "source_end": e.source_end,
                       "target_start": e.target_start, "target_end": e.target_end} for e in p.edits]}


def relation_record(look: Lookup, r: Relation) -> dict[str, Any]:
    return {
        **relation_head(look, r),
        "reasons": list(r.reasons),
        "evidence": [{"article": e.article, "start": e.start, "end": e.end, "text": e.text, "field": e.field}
                     for e in r.evidence],
        "passages": [_passage_json(p) for p in r.passages],
    }


def export(ctx: RenderContext) -> dict[str, Any]:
    """``outlets``, ``relations``, ``attributions``; ``chains`` (article id -> chain) is merged into
    each article record as ``chain`` by the export."""
    look = lookup(ctx)
    return {
        "outlets": [{"id": o.id, "name": o.name, "in_archive": o.in_archive, "articles": list(o.articles),
                     "cited_by": list(o.cited_by), "photo_credits": list(o.photo_credits), "page": outlet_page(o.id)}
                    for o in sorted(look.outlets.values(), key=lambda o: o.id)],
        "relations": [relation_record(look, r) for r in look.relations],
        "attributions": [{"article": a.article, "outlet": outlet_name(look, a.outlet), "kind": a.kind,
                          "text_source": a.text_source,
                          "evidence": {"article": a.evidence.article, "start": a.evidence.start,
                                       "end": a.evidence.end, "text": a.evidence.text, "field": a.evidence.field}}
                         for a in ctx.archive.provenance.attributions],
        "chains": {article_id: [node_json(look, n) for n in chain] for article_id, chain in sorted(look.chains.items())},
    }
