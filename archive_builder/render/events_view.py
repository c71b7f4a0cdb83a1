"""Events on the site: article panel, body spans, their own pages, the timeline, export section."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from archive_builder.model import Article, Entity, Event, EventMention
from archive_builder.render.article import search_facets
from archive_builder.render.cite import page_cite
from archive_builder.render.context import Output, RenderContext, article_page, page_slug
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, annotate, href, inert, md_text, page_url
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
    and the timeline; those without a page are named there in their month's count):

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


def _entity_anchors(ctx: RenderContext, ids: tuple[str, ...], entities: dict[str, Entity], page: str) -> str:
    links = [f'<a href="{href(page, entity_page(entities[i]), None, ctx.use_directory_urls)}">'
             f"{inert(entities[i].name)}</a>" for i in ids if i in entities]
    return ", ".join(links) if links else "none named"


ROLE_WORDS = {"agent": "agent", "target": "target", "victim": "victim", "location": "place", "participant": ""}


def _role_anchors(ctx: RenderContext, event: Event, entities: dict[str, Entity], page: str) -> str:
    """The participants with what they did (``Iran (agent)``, ``Qassim Suleimani (victim)``), as HTML."""
    role = dict(event.roles)
    shown = [i for i in event.participants if i in entities]
    shown += [i for i, r in event.roles if r != "location" and i not in shown and i in entities]
    links = [f'<a href="{href(page, entity_page(entities[i]), None, ctx.use_directory_urls)}">'
             f"{inert(entities[i].name)}</a>" + (f" ({ROLE_WORDS[role[i]]})" if ROLE_WORDS.get(role.get(i, ""), "")
                                                 else "") for i in shown]
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
    # the sentence is found on the article's own page: Pagefind skips it here (as Material's search
    # skips the section), so a common word does not also rank every event page
    return [f'<blockquote class="ab-event-context" data-pagefind-ignore><p>{_context(article, mention)}</p></blockquote>',
            "", link, ""]


def _article_heading(article: Article, page: str) -> str:
    date = article.published.isoformat() if article.published else "date unknown"
    if article.published and article.published_derived:
        date += " (inferred)"
    return f"### {_link(article.title, page, article_page(article.id))} ({md_text(date)})"


def render_event(ctx: RenderContext, event: Event, mentions: list[EventMention], entities: dict[str, Entity]) -> bytes:
    page = event_page(event.id)
    precision = {"day": "", "month": " (known to the month)", "year": " (known to the year)"}
    rows = [
        ("Date", inert(date_text(event)) + precision.get(event.date_precision, "")),
        ("Kind", inert(event.trigger)),
        ("Who", _role_anchors(ctx, event, entities, page)),
        ("Where", _entity_anchors(ctx, event.places, entities, page)),
        ("Reported by", f"{len(event.articles):,} article(s)"),
    ]
    if event.reasoning:
        rows.insert(1, ("How it is dated", "<br>".join(inert(r) for r in event.reasoning)))
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    lines = [f"# {md_text(event.label)}", "", f'<dl class="ab-facts">{items}</dl>', search_facets("Event", event.date), ""]
    lines += ["## Mentions { data-search-exclude }", ""]  # the sentences are found on the articles' own pages
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
    lines += page_cite(page, event.label, "Event", ctx.site_name)
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


TIMELINE_ARTICLES = 8  # articles listed per month; the rest are counted and linked to the articles index
TIMELINE_ONE_PAGE = 400  # entries (events and articles) above which the months go on one page per year
TIMELINE_UNDATED_INLINE = 100  # undated events with a page listed on the timeline page itself; more get a page
TIMELINE_UNDATED_PAGE = 150  # events of unknown date to a page, when they have pages of their own
UNDATED = "timeline/undated.md"
FILTER_CHOICES = 40  # people and places offered by the timeline's filter


def _filter_choices(ctx: RenderContext) -> list[Entity]:
    """The people and places most often part of events (then most often named): the timeline's filter."""
    weight: dict[str, int] = defaultdict(int)
    for e in ctx.archive.events.events:
        for i in (*e.participants, *e.places):
            weight[i] += 10
    for entity in ctx.archive.entities.entities:
        if entity.type in ("person", "place"):
            weight[entity.id] += len(entity.articles)
    ranked = sorted((e for e in ctx.archive.entities.entities if e.type in ("person", "place") and weight[e.id]),
                    key=lambda e: (-weight[e.id], e.name.casefold(), e.id))[:FILTER_CHOICES]
    return sorted(ranked, key=lambda e: (e.type, e.name.casefold(), e.id))


def _month_key(date: dt.date) -> tuple[int, int]:
    return (date.year, date.month)


def _overview(months: list[tuple[int, int]], articles: dict[tuple[int, int], int],
              events: dict[tuple[int, int], int], link: Callable[[tuple[int, int]], str]) -> str:
    """Articles per month as columns, months with events marked by a dot above their column (SVG)."""
    from archive_builder.render.svg import esc

    count = len(months)
    col = max(3.0, min(22.0, 700 / max(1, count)))
    height, top = 90, 16
    width = col * count + 8
    peak = max(articles.values(), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height + top + 22}" width="{width:.0f}" '
             'role="group" aria-label="Articles per month, with the months that have events marked" '
             'class="ab-svg ab-bars ab-timeline-chart">']
    for i, (y, m) in enumerate(months):
        x = 4 + i * col
        n = articles.get((y, m), 0)
        h = round(height * n / peak) if n else 0
        label = f"{dt.date(y, m, 1):%B %Y}: {n:,} article(s), {events.get((y, m), 0):,} event(s)"
        shapes = (f'<title>{esc(label)}</title><rect x="{x:.1f}" y="{top}" width="{max(1.0, col - 1):.1f}" '
                  f'height="{height}" class="ab-bar-hit"/><rect x="{x:.1f}" y="{top + height - h}" '
                  f'width="{max(1.0, col - 1):.1f}" height="{h}" class="ab-bar"/>'
                  + (f'<circle cx="{x + col / 2 - 0.5:.1f}" cy="{top - 8}" r="{min(4.0, col / 2):.1f}" class="ab-event-dot"/>'
                     if events.get((y, m)) else ""))
        # only months with something in them have a section to go to
        parts.append(f'<a href="{link((y, m))}">{shapes}</a>' if n or events.get((y, m)) else f"<g>{shapes}</g>")
    if months:
        first, last = months[0], months[-1]
        parts.append(f'<text x="4" y="{top + height + 14}" class="ab-axis">{dt.date(*first, 1):%b %Y}</text>')
        parts.append(f'<text x="{width - 4:.0f}" y="{top + height + 14}" text-anchor="end" class="ab-axis">'
                     f"{dt.date(*last, 1):%b %Y}</text>")
    parts.append("</svg>")
    return '<figure class="ab-figure ab-chart" data-search-exclude>\n' + "".join(parts) + "\n<figcaption>Articles per month; a dot marks a " \
        "month with events. Select a month to go to it.</figcaption></figure>"


def timeline(ctx: RenderContext) -> bytes:
    """The timeline page (with the year pages, see :func:`timeline_pages`)."""
    data = timeline_pages(ctx)[0].data
    assert data is not None
    return data


def timeline_pages(ctx: RenderContext) -> list[Output]:
    """Months in order, each with its events that have a page (the others counted) and its articles (the
    first few, then a count and a link). A filter (the site's script) keeps the events and articles of
    one person or place. Past ``TIMELINE_ONE_PAGE`` entries the months go on one page per year
    (``timeline/<year>.md``) and the timeline page keeps the chart and the years: every page stays light
    for a browser at 10,000 articles."""
    events = [e for e in ctx.archive.events.events if e.date is not None]
    articles = sorted((a for a in ctx.archive.articles if a.published is not None),
                      key=lambda a: (a.published, a.title.casefold(), a.id))
    by_month_events: dict[tuple[int, int], list[Event]] = defaultdict(list)
    for e in sorted(events, key=lambda e: (e.date, e.label.casefold(), e.id)):
        assert e.date is not None
        by_month_events[_month_key(e.date)].append(e)
    by_month_articles: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for a in articles:
        assert a.published is not None
        by_month_articles[_month_key(a.published)].append(a)
    keys = sorted(set(by_month_events) | set(by_month_articles))
    entries = sum(sum(1 for e in by_month_events.get(k, []) if has_page(e))
                  + min(TIMELINE_ARTICLES, len(by_month_articles.get(k, []))) for k in keys)
    split = entries > TIMELINE_ONE_PAGE
    page = TIMELINE
    lines = ["# Timeline", "", "Events and publication dates, month by month (an event known only to its month or "
             "year is listed at its start). Each month lists its events that have a page and its first articles.", ""]
    years = sorted({y for y, _ in keys})
    year_page = {y: f"timeline/{y:04d}.md" for y in years}
    outputs: list[Output] = []
    if not keys:
        lines.append("Nothing dated in the archive yet.")
    else:
        months = []
        y, m = keys[0]
        while (y, m) <= keys[-1]:
            months.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)

        def month_link(key: tuple[int, int]) -> str:
            anchor = f"#month-{key[0]:04d}-{key[1]:02d}"
            return href(page, year_page[key[0]], None, ctx.use_directory_urls) + anchor if split else anchor

        lines += [_overview(months, {k: len(v) for k, v in by_month_articles.items()},
                            {k: len(v) for k, v in by_month_events.items()}, month_link), ""]
        choices = _filter_choices(ctx)
        if not split:
            lines += _month_sections(ctx, page, keys, by_month_events, by_month_articles, choices)
        else:
            lines += ["The months are on one page per year:", ""]
            for year in years:
                n_articles = sum(len(by_month_articles.get((year, m), [])) for m in range(1, 13))
                n_events = sum(1 for m in range(1, 13) for e in by_month_events.get((year, m), []) if has_page(e))
                lines.append(f"- {_link(str(year), page, year_page[year])}: {n_articles:,} article(s), "
                             f"{n_events:,} event(s) with a page")
            lines.append("")
            for i, year in enumerate(years):
                outputs.append(Output(year_page[year], _year_page(
                    ctx, year, year_page, years[i - 1] if i else None, years[i + 1] if i + 1 < len(years) else None,
                    [k for k in keys if k[0] == year], by_month_events, by_month_articles, choices)))
    undated = sorted((e for e in ctx.archive.events.events if e.date is None), key=lambda e: e.id)
    paged = [e for e in undated if has_page(e)]
    if paged and (split or len(paged) > TIMELINE_UNDATED_INLINE):
        # a long list of its own: the timeline page keeps the chart and the years light
        lines += ["## Date unknown", "", f"{_link('Events of unknown date', page, UNDATED)}: {len(paged):,} "
                  "with a page.", ""]
        outputs += _undated_pages(ctx, undated, paged)
    elif undated:
        lines += ["## Date unknown", "", *_undated_list(page, paged, len(undated) - len(paged))]
    lines += page_cite(page, "Timeline", "Timeline", ctx.site_name)
    return [Output(TIMELINE, fm_page(_front("Timeline"), "\n".join(lines))), *outputs]


def _undated_list(page: str, paged: list[Event], single: int) -> list[str]:
    lines = [f"- {_event_ref(e, page)}" for e in paged]
    if single:
        lines.append(f"\n{single:,} more undated event(s) named in a single article each (shown in that article).")
    return [*lines, ""]


def _undated_pages(ctx: RenderContext, undated: list[Event], paged: list[Event]) -> list[Output]:
    """The events of unknown date, by label, ``TIMELINE_UNDATED_PAGE`` to a page."""
    by_label = sorted(paged, key=lambda e: (e.label.casefold(), e.id))
    chunks = [by_label[i:i + TIMELINE_UNDATED_PAGE] for i in range(0, len(by_label), TIMELINE_UNDATED_PAGE)]
    paths = [UNDATED] + [f"timeline/undated-{n}.md" for n in range(2, len(chunks) + 1)]
    outputs = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True)):
        title = "Timeline: date unknown" + (f" ({n + 1} of {len(chunks)})" if len(chunks) > 1 else "")
        body = ["Events the articles name without a date that could be worked out, by name.", "",
                *_undated_list(path, chunk, len(undated) - len(paged) if n + 1 == len(chunks) else 0)]
        outputs.append(Output(path, _sub_page(ctx, path, title, title.replace(":", ","),
                                              ("Previous", paths[n - 1]) if n else None,
                                              ("Next", paths[n + 1]) if n + 1 < len(chunks) else None, body)))
    return outputs


def _year_page(ctx: RenderContext, year: int, year_page: dict[int, str], before: int | None, after: int | None,
               keys: list[tuple[int, int]], by_month_events: dict[tuple[int, int], list[Event]],
               by_month_articles: dict[tuple[int, int], list[Article]], choices: list[Entity]) -> bytes:
    page = year_page[year]
    return _sub_page(ctx, page, f"Timeline: {year}", f"Timeline {year}",
                     (str(before), year_page[before]) if before is not None else None,
                     (str(after), year_page[after]) if after is not None else None,
                     _month_sections(ctx, page, keys, by_month_events, by_month_articles, choices))


def _sub_page(ctx: RenderContext, page: str, title: str, kind: str, before: tuple[str, str] | None,
              after: tuple[str, str] | None, body: list[str]) -> bytes:
    """A page below the timeline (a year, the events of unknown date): its heading, links to the pages
    before and after it and to the timeline, its body and how to cite it."""
    steps = [_link("All years", page, TIMELINE)]
    if before is not None:
        steps.insert(0, _link(f"\u2190 {before[0]}", page, before[1]))
    if after is not None:
        steps.append(_link(f"{after[0]} \u2192", page, after[1]))
    lines = [f"# {title}", "", " \u00b7 ".join(steps), "", *body]
    lines += page_cite(page, title, kind, ctx.site_name)
    return fm_page(_front(title), "\n".join(lines))


def _front(title: str) -> dict[str, Any]:
    """Front matter of the timeline's pages: generated, no table of contents, not in the search index."""
    return {"title": title, "generated": True, "hide": ["toc"], "search": {"exclude": True}}


def _month_sections(ctx: RenderContext, page: str, keys: list[tuple[int, int]],
                    by_month_events: dict[tuple[int, int], list[Event]],
                    by_month_articles: dict[tuple[int, int], list[Article]], choices: list[Entity]) -> list[str]:
    """The filter (people and places of these months) and a section per month."""
    from archive_builder.render.entities_view import article_mentions

    chosen = {e.id for e in choices}
    sections: list[str] = []
    present: set[str] = set()
    root = href(page, "index.md", None, ctx.use_directory_urls)
    for key in keys:
        items = []
        month_events = by_month_events.get(key, [])
        for e in (e for e in month_events if has_page(e)):
            who_ids = [i for i in (*e.participants, *e.places) if i in chosen]
            present.update(who_ids)
            label = f'<a href="{href(page, event_page(e.id), None, ctx.use_directory_urls)}">{inert(e.label)}</a>'
            items.append(f'<li class="ab-tl-event" data-who="{inert(" ".join(who_ids))}"><span class="ab-tl-date">'
                         f'{_short_date(e)}</span> <span class="ab-tl-kind">Event</span> {label}</li>')
        single = sum(1 for e in month_events if not has_page(e))
        month_articles = by_month_articles.get(key, [])
        for a in month_articles[:TIMELINE_ARTICLES]:
            assert a.published is not None
            who_ids = sorted({m.entity for m in article_mentions(ctx.archive.entities, a.id)} & chosen)
            present.update(who_ids)
            outlet = f" ({inert(a.outlet)})" if a.outlet else ""
            items.append(f'<li class="ab-tl-article" data-who="{inert(" ".join(who_ids))}"><span class="ab-tl-date">'
                         f'{a.published.isoformat()}</span> <a href="{href(page, article_page(a.id), None, ctx.use_directory_urls)}">'
                         f"{inert(a.title)}</a>{outlet}</li>")
        notes = []
        if single:
            notes.append(f"{single:,} more event(s) named in a single article each (shown in that article)")
        if len(month_articles) > TIMELINE_ARTICLES:
            target = f"{root}{page_url('articles/index.md', ctx.use_directory_urls)}#month-{key[0]:04d}-{key[1]:02d}"
            notes.append(f'<a href="{target}">All {len(month_articles):,} articles of {dt.date(*key, 1):%B %Y}</a>')
        more = f'<p class="ab-tl-more">{"; ".join(notes)}</p>' if notes else ""
        sections += [f"## {dt.date(*key, 1):%B %Y} {{ #month-{key[0]:04d}-{key[1]:02d} .ab-tl-month }}", "",
                     *([f'<ul class="ab-tl">{"".join(items)}</ul>'] if items else []), *([more] if more else []), ""]
    offered = [e for e in choices if e.id in present]
    if not offered:
        return sections
    options = "".join(f'<option value="{inert(e.id)}">{inert(e.name)} ({e.type})</option>' for e in offered)
    return ['<div class="ab-timeline-filter" hidden><label for="ab-timeline-who">Show only</label> '
            f'<select id="ab-timeline-who"><option value="">everyone and everywhere</option>{options}</select>'
            ' <span class="ab-filter-count" aria-live="polite"></span></div>', "", *sections]


def pages(ctx: RenderContext) -> list[Output]:
    entities = {e.id: e for e in ctx.archive.entities.entities}
    grouped: dict[str, list[EventMention]] = defaultdict(list)
    for m in ctx.archive.events.mentions:
        grouped[m.event].append(m)
    out = [Output(event_page(e.id), render_event(ctx, e, grouped[e.id], entities))
           for e in ctx.archive.events.events if has_page(e)]
    out += [Output(EVENTS_INDEX, events_index(ctx)), *timeline_pages(ctx)]
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
