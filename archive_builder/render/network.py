"""The network page: who is named with whom, and which outlets take text from which (static SVG).

Aggregated so it stays light at 10,000 articles: the ``TOP`` most-named entities (credited staff
left out) and their strongest links, the ``TOP_OUTLETS`` outlets that give or take most text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from archive_builder.render import svg
from archive_builder.render.cite import page_cite
from archive_builder.render.context import Output, RenderContext
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import href, md_link, md_text

PAGE = "network.md"
TOP = 30
TOP_LINKS = 60  # lines drawn per figure: the strongest (more make a tangle a phone struggles to draw)
TOP_OUTLETS = 20
LISTED = 25


def _entities(ctx: RenderContext) -> list[str]:
    from archive_builder.render.entities_view import credited_staff, entity_page

    by_entity: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    per_article: dict[str, set[str]] = defaultdict(set)
    for m in ctx.archive.entities.mentions:
        by_entity[m.entity].append(m)
        per_article[m.article].add(m.entity)
    staff = credited_staff(by_entity)
    ranked = sorted((e for e in ctx.archive.entities.entities if e.id not in staff and not e.ambiguous),
                    key=lambda e: (-len(e.articles), e.name.casefold(), e.id))[:TOP]
    if len(ranked) < 2:
        return ["Too few people, organizations and places are named to draw who appears with whom.", ""]
    chosen = {e.id: i for i, e in enumerate(ranked)}
    pairs: Counter[tuple[int, int]] = Counter()
    for ids in per_article.values():
        inside = sorted(chosen[i] for i in ids if i in chosen)
        pairs.update(combinations(inside, 2))
    links = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LINKS]
    dots = [svg.Dot(e.name, len(e.articles), href(PAGE, entity_page(e), None, ctx.use_directory_urls), e.type)
            for e in ranked]
    figure = svg.network(dots, [(a, b, n) for (a, b), n in links],
                         f"The {len(ranked)} most-named people, organizations and places and how often they are named "
                         "together", "Blue: people; orange: organizations; green: places. A dot's size is its number "
                         "of articles; a line's width, the articles naming both.")
    lines = [figure, "", "### Strongest links", ""]
    for (a, b), n in links[:LISTED]:
        ea, eb = ranked[a], ranked[b]
        lines.append(f"- {md_link(ea.name, PAGE, entity_page(ea))} and {md_link(eb.name, PAGE, entity_page(eb))}: "
                     f"{n:,} article(s)")
    return [*lines, ""]


def _outlets(ctx: RenderContext) -> list[str]:
    from archive_builder.render.provenance_links import lookup, outlet_page

    look = lookup(ctx)
    by_name = {o.name: o.id for o in look.outlets.values()}

    def outlet_of(node: object) -> str | None:
        outlet = getattr(node, "outlet", None)
        if outlet:
            return str(outlet)
        article = ctx.articles.get(getattr(node, "article", None) or "")
        return by_name.get(article.outlet) if article is not None and article.outlet else None

    flows: Counter[tuple[str, str]] = Counter()
    for r in look.relations:
        if r.relation == "common-source" or not r.direction_known:
            continue
        a, b = outlet_of(r.source), outlet_of(r.target)
        if a and b and a != b:
            flows[(a, b)] += 1
    if not flows:
        return ["No outlet in the archive is known to take text from another.", ""]
    weight: Counter[str] = Counter()
    for (a, b), n in flows.items():
        weight[a] += n
        weight[b] += n
    ranked = sorted(weight, key=lambda o: (-weight[o], o))[:TOP_OUTLETS]
    index = {o: i for i, o in enumerate(ranked)}
    dots = [svg.Dot(look.outlets[o].name if o in look.outlets else o, weight[o],
                    href(PAGE, outlet_page(o), None, ctx.use_directory_urls) if o in look.outlets else None, "outlet")
            for o in ranked]
    links = [(index[a], index[b], n) for (a, b), n in sorted(flows.items(), key=lambda kv: (-kv[1], kv[0]))
             if a in index and b in index][:TOP_LINKS]
    figure = svg.network(dots, links, "Which outlets take text from which", "An arrow runs from the outlet whose text "
                         "was taken to the outlet that took it; its width is the number of relations.", directed=True)
    lines = [figure, "", "### Who takes from whom", ""]
    for giver, taker, n in links[:LISTED]:
        lines.append(f"- {md_text(dots[taker].label)} took from {md_text(dots[giver].label)}: {n:,} time(s)")
    return [*lines, ""]


def network_page(ctx: RenderContext) -> Output:
    lines = ["# Network", "", "Who is named with whom across the archive, and which outlets take text from which. "
             "Select a name to open its page.", "", "## People, organizations and places named together", "",
             *_entities(ctx), "## Outlets that take text from others", "", *_outlets(ctx)]
    lines += page_cite(PAGE, "Network", "Network", ctx.site_name)
    return Output(PAGE, fm_page({"title": "Network", "generated": True, "search": {"exclude": True}}, "\n".join(lines)))
