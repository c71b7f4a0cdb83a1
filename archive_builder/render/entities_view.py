"""Entities on the site: body links, article panel, entity pages, A-Z indexes, export section.

Lookups bisect the index (entities sorted by id, mentions by article), so rendering one article
costs O(log n); pages and export walk the index once.
"""

from __future__ import annotations

import posixpath
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from itertools import groupby
from typing import Any
from urllib.parse import quote

from archive_builder.model import Article, Entity, EntityIndex, Mention
from archive_builder.render.context import Output, RenderContext, article_page, newest_first
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, href, html_attr, html_text, md_link, md_text, page_url
from archive_builder.textutil import sentence_spans

FOLDERS = {"person": "people", "organization": "organizations", "place": "places"}
TITLES = {"person": "People", "organization": "Organizations", "place": "Places"}
SINGULAR = {"person": "Person", "organization": "Organization", "place": "Place"}
KWIC_PER_ARTICLE = 5
KWIC_ARTICLES = 20  # newest articles shown with their sentences; older ones are listed by title only (keeps
# the pages of the most-named places small: 100 cost 27 ms of Markdown per page at 1,000 articles)
KWIC_WIDTH = 320
COOCCURRING = 12


def entity_page(entity: Entity) -> str:
    return f"{FOLDERS[entity.type]}/{entity.id}.md"


def mention_anchor(mention: Mention) -> str:
    """The id of a body mention's element in its article page (unique: one mention per offset)."""
    return f"m{mention.start}"


def entity_by_id(index: EntityIndex, entity_id: str) -> Entity | None:
    i = bisect_left(index.entities, entity_id, key=lambda e: e.id)
    return index.entities[i] if i < len(index.entities) and index.entities[i].id == entity_id else None


def article_mentions(index: EntityIndex, article_id: str) -> tuple[Mention, ...]:
    lo = bisect_left(index.mentions, article_id, key=lambda m: m.article)
    hi = bisect_right(index.mentions, article_id, key=lambda m: m.article)
    return index.mentions[lo:hi]


def _article_entities(ctx: RenderContext, article_id: str) -> list[tuple[Entity, int]]:
    counts = Counter(m.entity for m in article_mentions(ctx.archive.entities, article_id))
    found = [(e, counts[e.id]) for e in (ctx.entities.get(i) for i in sorted(counts)) if e is not None]
    return sorted(found, key=lambda ec: (ec[0].name.casefold(), ec[0].id))


# --------------------------------------------------------------------------- article pages


def article_front_matter(ctx: RenderContext, article: Article) -> dict[str, Any]:
    ids = sorted({m.entity for m in article_mentions(ctx.archive.entities, article.id)})
    return {"entities": ids}


def article_spans(ctx: RenderContext, article: Article, page: str) -> list[Span]:
    index = ctx.archive.entities
    spans: list[Span] = []
    root = _site_root(page, ctx.use_directory_urls)
    for m in article_mentions(index, article.id):
        entity = ctx.entities.get(m.entity)
        if m.field != "body" or entity is None:
            continue
        target = root + page_url(entity_page(entity), ctx.use_directory_urls)
        attrs = (("id", mention_anchor(m)), ("class", f"ab-mention ab-{entity.type}"), ("href", target),
                 ("title", f"{SINGULAR[entity.type]}: {entity.name}"))
        spans.append(Span(m.start, m.end, "a", attrs, rank=5))
    return spans


def _site_root(page: str, use_directory_urls: bool) -> str:
    """Relative URL from ``page`` to the site root (``../../``), so links cost no path arithmetic."""
    to_index = href(page, "people/index.md", None, use_directory_urls)
    return to_index[: -len(page_url("people/index.md", use_directory_urls))]


def _link(label: str, from_page: str, to_page: str, anchor: str | None = None) -> str:
    """``md_link`` for pages one folder deep (every page this view links), without path arithmetic."""
    target = _target(from_page, to_page)
    if target is None:
        return md_link(label, from_page, to_page, anchor)
    return f"[{md_text(label)}]({target}{'#' + anchor if anchor else ''})"


def _target(from_page: str, to_page: str) -> str | None:
    """The link target between two pages one folder deep; None for any other pair."""
    src, dst = from_page.split("/"), to_page.split("/")
    if len(src) != 2 or len(dst) != 2:
        return None
    return dst[1] if src[0] == dst[0] else f"../{to_page}"


def article_panels(ctx: RenderContext, article: Article, page: str) -> list[str]:
    found = _article_entities(ctx, article.id)
    if not found:
        return []
    lines = ["## People, organizations and places", ""]
    for kind in FOLDERS:
        items = [f"{_link(e.name, page, entity_page(e))} ({n})" for e, n in found if e.type == kind]
        if items:
            lines += [f"**{TITLES[kind]}:** " + ", ".join(items), ""]
    return ["\n".join(lines)]


# --------------------------------------------------------------------------- entity pages


def pages(ctx: RenderContext) -> list[Output]:
    index = ctx.archive.entities
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    per_article: dict[str, set[str]] = defaultdict(set)
    for m in index.mentions:
        by_entity[m.entity].append(m)
        per_article[m.article].add(m.entity)
    memo: dict[str, _Shown] = {}
    outputs = []
    for entity in index.entities:
        together = _cooccurring(entity, per_article)
        body = _entity_page(ctx, entity, by_entity[entity.id], together, memo)
        outputs.append(Output(entity_page(entity), body))
    # the A-Z indexes are in the nav, so they exist even when the archive names nobody of their type
    for kind in FOLDERS:
        outputs.append(Output(f"{FOLDERS[kind]}/index.md", _type_index(ctx, kind, by_entity)))
    return outputs


# An article naming more entities than this (a roll of names) adds no "named together" pairs: its
# pairs would cost the square of its names, and a list says nothing about who acts together.
MAX_TOGETHER = 500


def _cooccurring(entity: Entity, per_article: dict[str, set[str]]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for article in entity.articles:
        named = per_article.get(article, ())
        if len(named) <= MAX_TOGETHER:
            counts.update(named)
    counts.pop(entity.id, None)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:COOCCURRING]


def _facts(entity: Entity, mentions: list[Mention]) -> list[str]:
    rows = [("Type", SINGULAR[entity.type])]
    if entity.aliases:
        rows.append(("Also seen as", "; ".join(md_text(a) for a in entity.aliases)))
    if entity.roles:
        rows.append(("Roles", ", ".join(md_text(r) for r in entity.roles)))
    if entity.description:
        rows.append(("Description", md_text(entity.description)))
    for url in entity.same_as:
        rows.append(("Same as", f'<a href="{html_attr(url)}" rel="noopener">{html_text(url)}</a>'))
    rows.append(("Mentions", f"{len(mentions):,} in {len(entity.articles):,} article(s)"))
    return ["| Field | Value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]


def _entity_page(ctx: RenderContext, entity: Entity, mentions: list[Mention], together: list[tuple[str, int]],
                 memo: dict[str, _Shown]) -> bytes:
    page = entity_page(entity)
    lines = [f"# {md_text(entity.name)}", "", *_ambiguous(ctx, entity, page), *_facts(entity, mentions), "", "## Articles", ""]
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    articles = sorted((ctx.articles[a] for a in by_article if a in ctx.articles), key=newest_first)
    for article in articles[:KWIC_ARTICLES]:
        lines += _article_block(article, by_article[article.id], page, memo)
    if len(articles) > KWIC_ARTICLES:
        lines += [f"### Older articles ({len(articles) - KWIC_ARTICLES:,})", ""]
        lines += [_article_line(a, page) for a in articles[KWIC_ARTICLES:]]
        lines.append("")
    if together:
        lines += ["## Often mentioned with", ""]
        for other_id, n in together:
            other = ctx.entities.get(other_id)
            if other is not None:
                lines.append(f"- {_link(other.name, page, entity_page(other))} ({SINGULAR[other.type].lower()}, {n} article(s))")
        lines.append("")
    meta = {"title": entity.name, "entity": entity.id, "entity_type": entity.type, "aliases": list(entity.aliases),
            "generated": True}
    return fm_page(meta, "\n".join(lines))


def _ambiguous(ctx: RenderContext, entity: Entity, page: str) -> list[str]:
    """A disambiguation note for a name several people bear (``Mr. Hakim``): who it may be."""
    if not entity.ambiguous:
        return []
    people = [e for e in (entity_by_id(ctx.archive.entities, i) for i in entity.candidates) if e is not None]
    links = ", ".join(_link(e.name, page, entity_page(e)) for e in people)
    who = f"People in the archive with this name: {links}." if people else "No one in the archive is named in full with it."
    return [f"The articles below name only \"{md_text(entity.name)}\" (with a title such as Mr. or General) and do "
            f"not say which person they mean. {who}", ""]


def _article_line(article: Article, page: str) -> str:
    date = article.published.isoformat() if article.published else "date unknown"
    return f"- {_link(article.title, page, article_page(article.id))} ({date})"


# An article as every entity page shows it: its sentences, escaped title and date line (built once).
_Shown = tuple[list[tuple[int, int]], str, str]
_IN_CONTEXT = md_text("(in context)")
_THE_ARTICLE = md_text("the article")


def _shown(article: Article) -> _Shown:
    date = article.published.isoformat() if article.published else "date unknown"
    outlet = f", {md_text(article.outlet)}" if article.outlet else ""
    return _sentences(article), md_text(article.title), f"*{date}{outlet}*"


def _article_block(article: Article, mentions: list[Mention], page: str, memo: dict[str, _Shown]) -> list[str]:
    target = article_page(article.id)
    shown_article = memo.get(article.id)
    if shown_article is None:
        shown_article = memo[article.id] = _shown(article)
    spans, title, when = shown_article
    rel = _target(page, target) or quote(posixpath.relpath(target, posixpath.dirname(page)), safe="/")
    lines = [f"### [{title}]({rel})", "", when, ""]
    body = [m for m in mentions if m.field == "body"]
    if any(m.field in ("credits", "byline") for m in mentions):
        lines += ["- Credited as a reporter of this article.", ""]
    if article.caption and any(m.field == "caption" for m in mentions):
        lines += [f"- Named in the photo caption: {md_text(article.caption)}", ""]
    shown: set[tuple[int, int]] = set()
    for m in body:
        sentence = _sentence_of(spans, m.start)
        if sentence in shown:
            continue
        shown.add(sentence)
        if len(shown) > KWIC_PER_ARTICLE:
            lines.append(f"- ... and more mentions in [{_THE_ARTICLE}]({rel})")
            break
        lines.append(f"- {_kwic(article.body, sentence, m)} [{_IN_CONTEXT}]({rel}#{mention_anchor(m)})")
    return [*lines, ""]


def _sentences(article: Article) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in article.paragraphs:
        out += [(start + s, start + e) for s, e in sentence_spans(article.body[start:end])]
    return out


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect_right(spans, (pos, 10**12)) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return (max(0, pos - KWIC_WIDTH // 2), pos + KWIC_WIDTH // 2)


def _kwic(body: str, sentence: tuple[int, int], m: Mention) -> str:
    start = max(sentence[0], m.start - KWIC_WIDTH // 2)
    end = min(sentence[1], m.end + KWIC_WIDTH // 2)
    before, after = body[start : m.start], body[m.end : end]
    left = ("... " if start > sentence[0] else "") + md_text(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + md_text(after) + (" ..." if end < sentence[1] else "")
    return f"{left}**{md_text(m.text)}**{right}"


def _type_index(ctx: RenderContext, kind: str, by_entity: dict[str, list[Mention]]) -> bytes:
    page = f"{FOLDERS[kind]}/index.md"
    found = sorted((e for e in ctx.archive.entities.entities if e.type == kind), key=lambda e: (e.name.casefold(), e.id))
    count = f"{len(found):,} {TITLES[kind].lower()} named in the archive, A to Z." if found else \
        f"No {TITLES[kind].lower()} named in the archive yet."
    lines = [f"# {TITLES[kind]}", "", count, ""]

    def letter(e: Entity) -> str:
        first = e.name[:1].upper()
        return first if first.isalpha() and first.isascii() else "#"

    for initial, group in groupby(found, key=letter):
        lines += [f"## {md_text(initial)}", "", "| Name | Also seen as | Mentions | Articles |", "|---|---|---:|---:|"]
        for e in group:
            aliases = "; ".join(md_text(a) for a in e.aliases)
            lines.append(f"| {_link(e.name, page, entity_page(e))} | {aliases} | {len(by_entity[e.id]):,} | {len(e.articles):,} |")
        lines.append("")
    return fm_page({"title": TITLES[kind], "generated": True}, "\n".join(lines))


# --------------------------------------------------------------------------- export


def export(ctx: RenderContext) -> dict[str, Any]:
    index = ctx.archive.entities
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in index.mentions:
        by_entity[m.entity].append(m)
    entities = [
        {
            "id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases), "roles": list(e.roles),
            "description": e.description, "same_as": list(e.same_as), "page": entity_page(e),
            "articles": list(e.articles),
            **({"ambiguous": True, "candidates": list(e.candidates)} if e.ambiguous else {}),
            "mentions": [{"article": m.article, "field": m.field, "part": m.part, "start": m.start, "end": m.end,
                          "text": m.text, "role": m.role} for m in by_entity[e.id]],
        }
        for e in sorted(index.entities, key=lambda e: (e.type, e.id))
    ]
    suggestions = [{"a": s.a, "b": s.b, "score": s.score, "reason": s.reason} for s in index.suggestions]
    return {"entities": entities, "entity_suggestions": suggestions}
