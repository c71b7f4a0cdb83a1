"""Events on the site: article panel, body spans, their own pages, the timeline, export section."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from itertools import groupby
from typing import Any

from archive_builder.model import Article, Entity, Event, EventMention
from archive_builder.render.context import Output, RenderContext, article_page, page_slug
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, annotate, md_text
from archive_builder.textutil import sentence_spans

ENTITY_FOLDERS = {"person": "people", "organization": "organizations", "place": "places"}
EVENTS_INDEX = "events/index.md"
TIMELINE = "timeline.md"


def _link(label: str, from_page: str, to_page: str, anchor: str | None = None) -> str:
    """``md_link`` for the generated pages' plain paths (no ``..`` in them), without the cost of
    ``posixpath.relpath`` on tens of thousands of links."""
    src_dir, _, _ = from_page.rpartition("/")
    dst_dir, _, name = to_page.rpartition("/")
    depth = src_dir.count("/") + 1 if src_dir else 0
    target = name if src_dir == dst_dir else "../" * depth + to_page
    return f"[{md_text(label)}]({target}{'#' + anchor if anchor else ''})"


def event_page(event_id: str) -> str:
    return f"events/{page_slug(event_id)}.md"


def has_page(event: Event) -> bool:
    """Which events get a page of their own (every event stays in the export, the article panels
    and the timeline; those without a page are listed there without a link):

    * events reported by at least two articles (the archive corroborates them), or
    * events the curator named, dated, merged or split, or
    * well-identified events: dated to the day, naming who took part or where it happened.

    The rest (one article, no day, or no one and nowhere named: "a statement", "the meeting") are read in their
    article; a page each would multiply the site's pages without adding anything to the article."""
    if event.curated or event.kept or len(event.articles) >= 2:
        return True
    return event.date_precision == "day" and event.date is not None and bool(event.participants or event.places)


def _event_ref(event: Event, from_page: str) -> str:
    """The event's label, linked to its page when it has one."""
    return _link(event.label, from_page, event_page(event.id)) if has_page(event) else md_text(event.label)


def entity_page(entity: Entity) -> str:
    return f"{ENTITY_FOLDERS[entity.type]}/{entity.id}.md"


def anchor(mention: EventMention) -> str:
    return f"ev-{mention.start}-{mention.end}"


def date_text(event: Event) -> str:
    if event.date is None:
        return "date unknown"
    if event.date_precision == "month":
        return event.date.strftime("%B %Y")
    if event.date_precision == "year":
        return str(event.date.year)
    return f"{event.date.strftime('%A')}, {event.date.day} {event.date.strftime('%B %Y')}"


def _event(ctx: RenderContext, event_id: str) -> Event | None:
    """Look-up by id in the index (events are sorted by id), without a scan per article."""
    events = ctx.archive.events.events
    i = bisect.bisect_left(events, event_id, key=lambda e: e.id)
    return events[i] if i < len(events) and events[i].id == event_id else None


def _mentions_of(ctx: RenderContext, article_id: str) -> list[EventMention]:
    """An article's mentions (the index keeps them sorted by article, then offset)."""
    mentions = ctx.archive.events.mentions
    lo = bisect.bisect_left(mentions, article_id, key=lambda m: m.article)
    hi = bisect.bisect_right(mentions, article_id, lo=lo, key=lambda m: m.article)
    return list(mentions[lo:hi])


def article_front_matter(ctx: RenderContext, article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {}
    ids = sorted({m.event for m in _mentions_of(ctx, article.id)})
    if ids:
        data["events"] = ids
    if article.published_range is not None:
        data["published_range"] = [article.published_range[0], article.published_range[1]]
    return data


def _trigger_span(m: EventMention) -> tuple[int, int]:
    """Where the trigger word lies inside the mention (the mention may add its date expression)."""
    at = m.text.casefold().find(m.trigger.casefold())
    return (m.start + at, m.start + at + len(m.trigger)) if at >= 0 else (m.start, m.end)


def article_spans(ctx: RenderContext, article: Article, page: str) -> list[Span]:
    """A mark over each mention, and inside it one over the trigger word carrying the anchor: names
    (linked by the entities view) never fall inside a trigger word, so the element with the id is
    never split and reopened around them (ids stay unique)."""
    spans: list[Span] = []
    seen: set[str] = set()
    for m in _mentions_of(ctx, article.id):
        event = _event(ctx, m.event)
        if anchor(m) in seen or event is None:
            continue
        seen.add(anchor(m))
        spans.append(Span(m.start, m.end, "mark", (("class", "ab-event"), ("data-event", m.event)), rank=1))
        start, end = _trigger_span(m)
        attrs = (("class", "ab-event-trigger"), ("id", anchor(m)), ("title", event.label))
        spans.append(Span(start, end, "span", attrs, rank=2))
    return spans


def article_panels(ctx: RenderContext, article: Article, page: str) -> list[str]:
    first: dict[str, EventMention] = {}
    for m in _mentions_of(ctx, article.id):
        first.setdefault(m.event, m)
    found = [e for e in (_event(ctx, i) for i in first) if e is not None]
    if not found:
        return []
    ordered = sorted(found, key=_chronological)
    lines = ["## Events", "", "Happenings this article mentions, in the order they took place.", ""]
    for event in ordered:
        lines.append(f"- {md_text(date_text(event))}: {_event_ref(event, page)} ([in the text](#{anchor(first[event.id])}))")
    return ["\n".join(lines)]


def _chronological(event: Event) -> tuple[dt.date, str]:
    return (event.date or dt.date.max, event.id)


def _entity_links(ids: tuple[str, ...], entities: dict[str, Entity], page: str) -> str:
    links = [_link(entities[i].name, page, entity_page(entities[i])) for i in ids if i in entities]
    return ", ".join(links) if links else "none named"


ROLE_WORDS = {"agent": "agent", "target": "target", "victim": "victim", "location": "place", "participant": ""}


def _role_links(event: Event, entities: dict[str, Entity], page: str) -> str:
    """The participants with what they did (``Iran (agent)``, ``Qassim Suleimani (victim)``)."""
    role = dict(event.roles)
    shown = [i for i in event.participants if i in entities]
    shown += [i for i, r in event.roles if r != "location" and i not in shown and i in entities]
    links = [_link(entities[i].name, page, entity_page(entities[i])) + (f" ({ROLE_WORDS[role[i]]})"
             if ROLE_WORDS.get(role.get(i, ""), "") else "") for i in shown]
    return ", ".join(links) if links else "none named"


def _evidence(mentions: list[EventMention]) -> EventMention:
    """The article's mention that says most: the one with its date (the longest span), then the first."""
    return min(mentions, key=lambda m: (-(m.end - m.start), m.start))


def _context(article: Article, mention: EventMention) -> str:
    """The sentence(s) holding the mention, escaped, the mention marked."""
    for start, end in article.paragraphs:
        if start <= mention.start < end:
            spans = [(start + s, start + e) for s, e in sentence_spans(article.body[start:end])]
            inside = [(s, e) for s, e in spans if s < mention.end and mention.start < e] or [(start, end)]
            lo, hi = inside[0][0], inside[-1][1]
            mark = Span(mention.start, mention.end, "mark", (("class", "ab-event"),))
            return annotate(article.body[lo:hi], [mark], offset=lo)
    return annotate(mention.text, [])


def _mention_block(ctx: RenderContext, mention: EventMention, page: str) -> list[str]:
    article = ctx.articles.get(mention.article)
    if article is None:
        return []
    link = _link("Read it in the article", page, article_page(article.id), anchor(mention))
    return [f'<blockquote class="ab-event-context"><p>{_context(article, mention)}</p></blockquote>', "", link, ""]


def _article_heading(article: Article, page: str) -> str:
    date = article.published.isoformat() if article.published else "date unknown"
    if article.published and article.published_derived:
        date += " (inferred)"
    return f"### {_link(article.title, page, article_page(article.id))} ({md_text(date)})"


def render_event(ctx: RenderContext, event: Event, mentions: list[EventMention], entities: dict[str, Entity]) -> bytes:
    page = event_page(event.id)
    rows = [
        ("Date", md_text(date_text(event))),
        ("Precision", event.date_precision),
        ("Kind", md_text(event.trigger)),
        ("Participants", _role_links(event, entities, page)),
        ("Places", _entity_links(event.places, entities, page)),
        ("Articles", f"{len(event.articles):,}"),
    ]
    if event.reasoning:
        rows.insert(2, ("How it is dated", "<br>".join(md_text(r) for r in event.reasoning)))
    lines = [f"# {md_text(event.label)}", "", "| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows), ""]
    lines += ["## Mentions", ""]
    by_article: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    order = sorted(by_article, key=lambda a: _article_key(ctx, a))
    for article_id in order:
        article = ctx.articles.get(article_id)
        if article is None:
            continue
        lines += [_article_heading(article, page), ""]
        lines += _mention_block(ctx, _evidence(by_article[article_id]), page)  # one sentence per article
    lines += [_link("Timeline", page, TIMELINE) + " · " + _link("All events", page, EVENTS_INDEX), ""]
    meta = {"title": event.label, "event": event.id, "date": event.date, "date_precision": event.date_precision,
            "generated": True}
    return fm_page(meta, "\n".join(lines))


def _article_key(ctx: RenderContext, article_id: str) -> tuple[int, str]:
    article = ctx.articles.get(article_id)
    ordinal = article.published.toordinal() if article and article.published else 10**7
    return (ordinal, article_id)


def events_index(ctx: RenderContext) -> bytes:
    events = sorted(ctx.archive.events.events, key=_chronological)
    paged = sum(1 for e in events if has_page(e))
    lines = ["# Events", "", f"{len(events):,} events found in the articles, in the order they took place. "
             f"See also the {_link('timeline', EVENTS_INDEX, TIMELINE)}.", ""]
    if paged < len(events):
        lines += [f"{paged:,} of them have a page: those reported by two or more articles, those the curator "
                  "corrected, and those dated to the day that name who or where. The others are shown in their "
                  "article.", ""]
    if events:
        lines += ["| Date | Event | Articles |", "|---|---|---:|"]
        lines += [f"| {md_text(date_text(e))} | {_event_ref(e, EVENTS_INDEX)} | {len(e.articles):,} |" for e in events]
    return fm_page({"title": "Events", "generated": True}, "\n".join(lines) + "\n")


def _short_date(event: Event) -> str:
    assert event.date is not None
    if event.date_precision == "month":
        return event.date.strftime("%Y-%m")
    if event.date_precision == "year":
        return str(event.date.year)
    return event.date.isoformat()


Row = tuple[dt.date, int, str, str, str, str]  # date, order, sort label, shown date, what, link


def _timeline_rows(ctx: RenderContext) -> list[Row]:
    rows: list[Row] = []
    for e in ctx.archive.events.events:
        if e.date is not None:
            rows.append((e.date, 0, e.label, _short_date(e), "Event", _event_ref(e, TIMELINE)))
    for a in ctx.archive.articles:
        if a.published is not None:
            what = "Article published" + (" (date inferred)" if a.published_derived else "")
            rows.append((a.published, 1, a.title, a.published.isoformat(), what,
                         _link(a.title, TIMELINE, article_page(a.id))))
    return sorted(rows, key=lambda r: (r[0], r[1], r[2].casefold(), r[5]))


def timeline(ctx: RenderContext) -> bytes:
    lines = ["# Timeline", "", "Events and publication dates, in order, grouped by month (an event known only "
             "to its month or year is listed at its start).", ""]
    rows = _timeline_rows(ctx)
    for (year, month), group in groupby(rows, key=lambda r: (r[0].year, r[0].month)):
        lines += [f"## {dt.date(year, month, 1).strftime('%B %Y')}", "", "| Date | | |", "|---|---|---|"]
        lines += [f"| {r[3]} | {r[4]} | {r[5]} |" for r in group]
        lines.append("")
    undated = sorted((e for e in ctx.archive.events.events if e.date is None), key=lambda e: e.id)
    if undated:
        lines += ["## Date unknown", ""] + [f"- {_event_ref(e, TIMELINE)}" for e in undated] + [""]
    if not rows and not undated:
        lines.append("Nothing dated in the archive yet.")
    return fm_page({"title": "Timeline", "generated": True}, "\n".join(lines))


def pages(ctx: RenderContext) -> list[Output]:
    entities = {e.id: e for e in ctx.archive.entities.entities}
    grouped: dict[str, list[EventMention]] = defaultdict(list)
    for m in ctx.archive.events.mentions:
        grouped[m.event].append(m)
    out = [Output(event_page(e.id), render_event(ctx, e, grouped[e.id], entities))
           for e in ctx.archive.events.events if has_page(e)]
    out += [Output(EVENTS_INDEX, events_index(ctx)), Output(TIMELINE, timeline(ctx))]
    return out


def export(ctx: RenderContext) -> dict[str, Any]:
    grouped: dict[str, list[EventMention]] = defaultdict(list)
    for m in ctx.archive.events.mentions:
        grouped[m.event].append(m)
    return {"events": [
        {"id": e.id, "label": e.label, "date": e.date.isoformat() if e.date else None,
         "date_precision": e.date_precision, "trigger": e.trigger, "participants": list(e.participants),
         "places": list(e.places), "articles": list(e.articles),
         "roles": [{"entity": entity, "role": role} for entity, role in e.roles],
         "date_reasoning": list(e.reasoning),
         "page": event_page(e.id) if has_page(e) else None,
         "mentions": [{"article": m.article, "start": m.start, "end": m.end, "text": m.text, "trigger": m.trigger}
                      for m in grouped[e.id]]}
        for e in ctx.archive.events.events]}
