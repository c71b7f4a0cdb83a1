"""Entities on the site: body links, article panel, entity pages, A-Z indexes, export section.

Lookups bisect the index (entities sorted by id, mentions by article), so rendering one article
costs O(log n); pages and export walk the index once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from archive_builder.model import Article, Entity, EntityIndex, Event, Mention
from archive_builder.render import svg
from archive_builder.render.article import long_date, search_facets
from archive_builder.render.cite import page_cite
from archive_builder.render.context import Output, RenderContext, article_page, newest_first
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, href, inert, md_link, md_text, page_url, snippet_around
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
    staff = credited_staff(by_entity)
    events = _events_by_entity(ctx)
    outlets = _outlet_ids(ctx)
    memo: dict[str, _Shown] = {}
    outputs = []
    for entity in index.entities:
        together = _cooccurring(entity, per_article)
        body = _entity_page(ctx, entity, by_entity[entity.id], together, memo,
                            _Extras(staff, events.get(entity.id, []), entity.id in outlets))
        outputs.append(Output(entity_page(entity), body))
    # the indexes are in the nav, so they exist even when the archive names nobody of their type
    for kind in FOLDERS:
        outputs.append(Output(f"{FOLDERS[kind]}/index.md", _type_index(ctx, kind, by_entity)))
    return outputs


# An article naming more entities than this (a roll of names) adds no "named together" pairs: its
# pairs would cost the square of its names, and a list says nothing about who acts together.
MAX_TOGETHER = 500


@dataclass(frozen=True, slots=True)
class _Extras:
    staff: frozenset[str]  # ids of entities named only in bylines and credit lines
    events: list[Event]  # events the entity takes part in (or that happen there)
    outlet: bool  # an outlet page of the same body exists


def credited_staff(by_entity: dict[str, list[Mention]]) -> frozenset[str]:
    """People the archive names only in bylines and credit lines: the reporters and editors of its
    articles, kept apart from the people the articles report on."""
    return frozenset(e for e, ms in by_entity.items() if ms and all(m.field in ("credits", "byline") for m in ms))


_EDITOR = re.compile(r"\bedit(?:ing|ed|or|ors)\b[^.;]*$", re.I)
_PHOTO = re.compile(r"\bphoto(?:s|graphs?|graphy)?\b[^.;]*$", re.I)


def credit_role(article: Article, mention: Mention) -> str:
    """What a credit line says a credited person did: "editing by X" is an editor, not a reporter."""
    if mention.field == "byline":
        return "reporter"
    if mention.field != "credits" or mention.part >= len(article.credits):
        return "named"
    before = article.credits[mention.part][: mention.start][-60:]
    if _EDITOR.search(before):
        return "editor"
    if _PHOTO.search(before):
        return "photographer"
    return "reporter"


def _events_by_entity(ctx: RenderContext) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = defaultdict(list)
    for event in ctx.archive.events.events:
        for entity_id in dict.fromkeys((*event.participants, *event.places)):
            out[entity_id].append(event)
    return out


def _outlet_ids(ctx: RenderContext) -> set[str]:
    from archive_builder.render.provenance_links import lookup

    return set(lookup(ctx).outlets)


def _cooccurring(entity: Entity, per_article: dict[str, set[str]]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for article in entity.articles:
        named = per_article.get(article, ())
        if len(named) <= MAX_TOGETHER:
            counts.update(named)
    counts.pop(entity.id, None)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _dates(ctx: RenderContext, entity: Entity) -> list[tuple[dt.date, Article]]:
    found = [(a.published, a) for a in (ctx.articles.get(i) for i in entity.articles) if a is not None and a.published]
    return sorted(found, key=lambda da: (da[0], da[1].id))


def _facts(ctx: RenderContext, entity: Entity, mentions: list[Mention], page: str, extras: _Extras) -> list[str]:
    def a(label: str, target: str) -> str:
        return f'<a href="{href(page, target, None, ctx.use_directory_urls)}">{inert(label)}</a>'

    rows = [("Kind", SINGULAR[entity.type] + (" (credited staff: named in bylines and credits)"
                                               if entity.id in extras.staff else ""))]
    if entity.roles:
        rows.append(("Role", ", ".join(inert(r) for r in entity.roles)))
    if entity.description:
        rows.append(("Description", inert(entity.description)))
    if entity.aliases:
        rows.append(("Also seen as", "; ".join(inert(x) for x in entity.aliases)))
    rows.append(("Mentions", f"{len(mentions):,} in {len(entity.articles):,} article(s)"))
    dated = _dates(ctx, entity)
    if dated:
        first, last = dated[0], dated[-1]
        rows.append(("First mention", f"{long_date(first[0])}, {a(first[1].title, article_page(first[1].id))}"))
        if last[1].id != first[1].id:
            rows.append(("Last mention", f"{long_date(last[0])}, {a(last[1].title, article_page(last[1].id))}"))
    if extras.outlet:
        rows.append(("Outlet page", a(f"{entity.name} as an outlet", f"outlets/{entity.id}.md")))
    for url in entity.same_as:
        rows.append(("Same as", f'<a href="{inert(url)}" rel="noopener">{inert(url)}</a>'))
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return [f'<dl class="ab-facts">{items}</dl>', search_facets(SINGULAR[entity.type], dated[-1][0] if dated else None)]


def mentions_chart(dates: list[dt.date], what: str) -> list[str]:
    """Mentions per month (per year beyond four years) from the first to the last, as an SVG chart."""
    if not dates:
        return []
    first, last = min(dates), max(dates)
    if (last.year - first.year) * 12 + last.month - first.month >= 48:
        counts = Counter(d.year for d in dates)
        series = [(str(y), counts[y]) for y in range(first.year, last.year + 1)]
    else:
        months = Counter((d.year, d.month) for d in dates)
        series = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            series.append((f"{MONTH_ABBR[m - 1]} {y}", months[(y, m)]))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return [svg.bars(series, f"{what}: articles per period from {series[0][0]} to {series[-1][0]}"), ""]


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _entity_page(ctx: RenderContext, entity: Entity, mentions: list[Mention], together: list[tuple[str, int]],
                 memo: dict[str, _Shown], extras: _Extras) -> bytes:
    page = entity_page(entity)
    lines = [f"# {md_text(entity.name)}", "", *_ambiguous(ctx, entity, page), *_facts(ctx, entity, mentions, page, extras), ""]
    dated = [d for d, _ in _dates(ctx, entity)]
    if len(dated) >= 2:
        lines += ["## Mentions over time", "", *mentions_chart(dated, f"Articles naming {entity.name}")]
    if extras.events:
        lines += ["## Events", ""]
        for event in sorted(extras.events, key=lambda e: (e.date or dt.date.max, e.id))[:EVENTS_SHOWN]:
            when = event.date.isoformat() if event.date else "date unknown"
            lines.append(f"- {when}: {_event_link(event, page)}")
        if len(extras.events) > EVENTS_SHOWN:
            lines.append(f"- ... and {len(extras.events) - EVENTS_SHOWN:,} more (in the data export)")
        lines.append("")
    lines += ["## Articles { data-search-exclude }", ""]  # their sentences are found on the articles' own pages
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    articles = sorted((ctx.articles[a] for a in by_article if a in ctx.articles), key=newest_first)
    to_articles = href(page, "articles/index.md", None, ctx.use_directory_urls)  # through the site root
    root = to_articles[: -len(page_url("articles/index.md", ctx.use_directory_urls))]
    for article in articles[:KWIC_ARTICLES]:
        lines += _article_block(article, by_article[article.id], page, memo, root, ctx.use_directory_urls)
    if len(articles) > KWIC_ARTICLES:
        lines += [f"### Older articles ({len(articles) - KWIC_ARTICLES:,})", ""]
        older = "".join(_article_item(a, root, ctx.use_directory_urls) for a in articles[KWIC_ARTICLES:])
        lines += [f'<ul class="ab-older" data-pagefind-ignore>{older}</ul>', ""]
    reported = [(i, n) for i, n in together if i not in extras.staff][:COOCCURRING]
    staff = [(i, n) for i, n in together if i in extras.staff][:COOCCURRING]
    for title, found in (("Often mentioned with", reported), ("Reporters and credited staff of these articles", staff)):
        shown = [(ctx.entities[i], n) for i, n in found if i in ctx.entities]
        if shown:
            lines += [f"## {title}", ""]
            lines += [f"- {_link(o.name, page, entity_page(o))} ({SINGULAR[o.type].lower()}, {n} article(s))"
                      for o, n in shown]
            lines.append("")
    lines += page_cite(page, entity.name, SINGULAR[entity.type], ctx.site_name)
    meta = {"title": entity.name, "entity": entity.id, "entity_type": entity.type, "aliases": list(entity.aliases),
            "generated": True}
    return fm_page(meta, "\n".join(lines))


EVENTS_SHOWN = 30


def _event_link(event: Event, page: str) -> str:
    from archive_builder.render.events_view import event_page, has_page

    return _link(event.label, page, event_page(event.id)) if has_page(event) else md_text(event.label)


def _ambiguous(ctx: RenderContext, entity: Entity, page: str) -> list[str]:
    """A disambiguation note for a name several people bear (``Mr. Hakim``): who it may be."""
    if not entity.ambiguous:
        return []
    people = [e for e in (entity_by_id(ctx.archive.entities, i) for i in entity.candidates) if e is not None]
    links = ", ".join(_link(e.name, page, entity_page(e)) for e in people)
    who = f"People in the archive with this name: {links}." if people else "No one in the archive is named in full with it."
    return [f"The articles below name only \"{md_text(entity.name)}\" (with a title such as Mr. or General) and do "
            f"not say which person they mean. {who}", ""]


def _article_item(article: Article, root: str, use_directory_urls: bool) -> str:
    date = article.published.isoformat() if article.published else "date unknown"
    url = root + page_url(article_page(article.id), use_directory_urls)
    return f'<li><a href="{url}">{md_text(article.title)}</a> ({date})</li>'


# An article as every entity page shows it: its sentences, escaped title and date line (built once).
# The sentences, the date line and the older articles are raw HTML, not Markdown: MkDocs then spends
# no Markdown parsing and link checking on them (entity pages cost 2.5 times less to build), and
# Pagefind skips them (``data-pagefind-ignore``) as Material's search does (``data-search-exclude``
# on the section): they are found on the articles' own pages.
_Shown = tuple[list[tuple[int, int]], str, str]
_IN_CONTEXT = md_text("(in context)")
_THE_ARTICLE = md_text("the article")


def _shown(article: Article) -> _Shown:
    date = article.published.isoformat() if article.published else "date unknown"
    outlet = f", {md_text(article.outlet)}" if article.outlet else ""
    return _sentences(article), md_text(article.title), f"<p><em>{date}{outlet}</em></p>"


_HEAD_FIELDS = (("headline", "headline"), ("kicker", "kicker"), ("dek", "standfirst"), ("dateline", "dateline"))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _article_block(article: Article, mentions: list[Mention], page: str, memo: dict[str, _Shown], root: str,
                   use_directory_urls: bool) -> list[str]:
    """An article's heading (Markdown, so it is in the page's table of contents), then its date line
    and the sentences naming the entity as one raw HTML block."""
    target = article_page(article.id)
    shown_article = memo.get(article.id)
    if shown_article is None:
        shown_article = memo[article.id] = _shown(article)
    spans, title, when = shown_article
    rel = _target(page, target) or quote(posixpath.relpath(target, posixpath.dirname(page)), safe="/")
    url = root + page_url(target, use_directory_urls)
    items: list[str] = []
    body = [m for m in mentions if m.field == "body"]
    roles = sorted({credit_role(article, m) for m in mentions if m.field in ("credits", "byline")})
    if roles:
        items.append(f"Credited as {' and '.join(roles)} of this article.")
    fields = {m.field for m in mentions}
    heads = [label for field, label in _HEAD_FIELDS if field in fields]
    if heads:
        items.append(f"Named in the {_and(heads)}.")
    if article.caption and "caption" in fields:
        items.append(f"Named in the photo caption: {md_text(article.caption)}")
    shown: set[tuple[int, int]] = set()
    for m in body:
        sentence = _sentence_of(spans, m.start)
        if sentence in shown:
            continue
        shown.add(sentence)
        if len(shown) > KWIC_PER_ARTICLE:
            items.append(f'... and more mentions in <a href="{url}">{_THE_ARTICLE}</a>')
            break
        items.append(f'{_kwic(article.body, sentence, m)} <a href="{url}#{mention_anchor(m)}">{_IN_CONTEXT}</a>')
    listed = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""
    return [f"### [{title}]({rel})", "", f'<div class="ab-kwic" data-pagefind-ignore>{when}{listed}</div>', ""]


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
    """The mention in its sentence, the context cut between words (never mid-word)."""
    text = body[sentence[0]:sentence[1]]
    before, match, after, cut_before, cut_after = snippet_around(text, m.start - sentence[0], m.end - sentence[0],
                                                                 KWIC_WIDTH)
    left = ("\u2026 " if cut_before else "") + md_text(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + md_text(after) + (" \u2026" if cut_after else "")
    return f"{left}<strong>{md_text(match)}</strong>{right}"


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)-", re.I)


def sort_name(entity: Entity) -> str:
    """The key an index sorts by: people by surname (``Mara Quist`` under Q), others by name."""
    words = entity.name.split()
    if entity.type == "person" and len(words) > 1:
        while len(words) > 1 and words[-1].casefold().strip(",") in _SUFFIXES:
            words.pop()
        surname = _PARTICLE.sub("", words[-1])
        return f"{surname} {' '.join(words[:-1])}".casefold()
    return entity.name.casefold()


def _initial(key: str) -> str:
    first = key[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def _type_index(ctx: RenderContext, kind: str, by_entity: dict[str, list[Mention]]) -> bytes:
    page = f"{FOLDERS[kind]}/index.md"
    found = sorted((e for e in ctx.archive.entities.entities if e.type == kind), key=lambda e: (sort_name(e), e.id))
    order = "by surname" if kind == "person" else "A to Z"
    count = f"{len(found):,} {TITLES[kind].lower()} named in the archive, {order}. Select a column heading to sort " \
        "by it; type in the box to filter." if found else f"No {TITLES[kind].lower()} named in the archive yet."
    lines = [f"# {TITLES[kind]}", "", count, ""]
    if found:
        lines += [index_table(ctx, page, found, by_entity), ""]
    lines += page_cite(page, TITLES[kind], "Index", ctx.site_name)
    return fm_page({"title": TITLES[kind], "generated": True}, "\n".join(lines))


def index_table(ctx: RenderContext, page: str, found: list[Entity], by_entity: dict[str, list[Mention]]) -> str:
    """One sortable, filterable table (``docs/assets/archive.js`` adds the sorting and the filter box; without
    script it is a plain list in name order) with a row of letter jumps."""
    keys = [sort_name(e) for e in found]
    letters = list(dict.fromkeys(_initial(k) for k in keys))
    jumps = " ".join(f'<a href="#letter-{_letter_id(x)}">{inert(x)}</a>' for x in letters)
    rows = []
    seen: set[str] = set()
    for entity, key in zip(found, keys, strict=True):
        letter = _initial(key)
        row_id = f' id="letter-{_letter_id(letter)}"' if letter not in seen else ""
        seen.add(letter)
        dated = _dates(ctx, entity)
        first = dated[0][0].isoformat() if dated else ""
        last = dated[-1][0].isoformat() if dated else ""
        aliases = "; ".join(inert(x) for x in entity.aliases)
        target = href(page, entity_page(entity), None, ctx.use_directory_urls)
        filter_text = " ".join((entity.name, *entity.aliases, *entity.roles)).casefold()
        rows.append(f'<tr{row_id} data-filter="{inert(filter_text)}"><td data-sort="{inert(key)}">'
                    f'<a href="{target}">{inert(entity.name)}</a></td><td>{aliases}</td>'
                    f'<td data-sort="{len(by_entity[entity.id]):09d}">{len(by_entity[entity.id]):,}</td>'
                    f'<td data-sort="{len(entity.articles):09d}">{len(entity.articles):,}</td>'
                    f"<td>{first}</td><td>{last}</td></tr>")
    head = ('<thead><tr><th scope="col" aria-sort="ascending">Name</th><th scope="col">Also seen as</th>'
            '<th scope="col">Mentions</th><th scope="col">Articles</th><th scope="col">First</th>'
            '<th scope="col">Last</th></tr></thead>')
    return (f'<nav class="ab-letters" aria-label="Jump to a letter">{jumps}</nav>\n'
            f'<div class="ab-index" data-ab-sortable data-search-exclude><table class="ab-table">{head}<tbody>{"".join(rows)}</tbody></table></div>')


def _letter_id(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


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
