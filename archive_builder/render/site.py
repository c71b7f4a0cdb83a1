"""Archive-wide pages: the home page and the articles index."""

from __future__ import annotations

import datetime as dt

from archive_builder.model import Article
from archive_builder.render.article import long_date
from archive_builder.render.cite import DATA_DIR, DATA_JSON, page_cite
from archive_builder.render.context import RenderContext, article_page, by_date_then_title, newest_first
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import href, inert, md_link, md_text

NEWEST = 10


def _date(article: Article) -> str:
    if article.published is None:
        return "date unknown"
    return article.published.isoformat() + (" (inferred)" if article.published_derived else "")


def _newest_line(article: Article, from_page: str) -> str:
    outlet = f", {md_text(article.outlet)}" if article.outlet else ""
    return f"- {md_text(_date(article))}: {md_link(article.title, from_page, article_page(article.id))}{outlet}"


def covered(ctx: RenderContext) -> tuple[dt.date, dt.date] | None:
    """The first and last date the archive knows: publication dates and the dates of events."""
    dates = [a.published for a in ctx.archive.articles if a.published]
    dates += [e.date for e in ctx.archive.events.events if e.date]
    return (min(dates), max(dates)) if dates else None


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def home(ctx: RenderContext) -> bytes:
    from archive_builder.render.events_view import has_page
    from archive_builder.render.provenance_links import lookup

    page = "index.md"
    articles = ctx.archive.articles
    outlets = lookup(ctx).outlets.values()
    holding = sum(1 for o in outlets if o.in_archive)
    kinds = {"person": 0, "organization": 0, "place": 0}
    for e in ctx.archive.entities.entities:
        kinds[e.type] = kinds.get(e.type, 0) + 1
    events = ctx.archive.events.events
    span = covered(ctx)
    summary = (f"This archive holds {_count(len(articles), 'article', 'articles')} from "
               f"{_count(holding, 'outlet', 'outlets')} ({_count(len(outlets), 'outlet', 'outlets')} known in all, "
               f"counting those named as sources)")
    summary += f", covering {long_date(span[0])} to {long_date(span[1])}." if span else "."
    undated = sum(1 for a in articles if a.published is None)
    if undated:
        summary += f" {_count(undated, 'article has', 'articles have')} no known date."
    lines = [
        f"# {md_text(ctx.site_name)}",
        "",
        "Each article's clean text and metadata, the people, organizations, places and events the articles "
        "share, and where their text came from.",
        "",
        summary,
        "",
        "## Explore",
        "",
        f"- {md_link(_count(len(articles), 'article', 'articles'), page, 'articles/index.md')}, by date",
        f"- {md_link(_count(kinds['person'], 'person', 'people'), page, 'people/index.md')}, "
        f"{md_link(_count(kinds['organization'], 'organization', 'organizations'), page, 'organizations/index.md')} and "
        f"{md_link(_count(kinds['place'], 'place', 'places'), page, 'places/index.md')}",
        f"- {md_link(_count(len(events), 'event', 'events'), page, 'events/index.md')} "
        f"({sum(1 for e in events if has_page(e)):,} with a page of their own) on the "
        f"{md_link('timeline', page, 'timeline.md')}",
        f"- {md_link('Who appears with whom, and which outlets copy which', page, 'network.md')}",
        f"- {md_link(_count(len(outlets), 'outlet', 'outlets'), page, 'outlets/index.md')} and the "
        f"{md_link('provenance of the text', page, 'provenance/index.md')}",
        f"- {md_link('Download the data', page, f'{DATA_DIR}/index.md')} (JSON and CSV)",
        "",
        "## Newest articles",
        "",
    ]
    newest = sorted(articles, key=newest_first)[:NEWEST]
    lines += [_newest_line(a, page) for a in newest] if newest else ["The archive holds no articles yet."]
    lines += ["", md_link("All articles", page, "articles/index.md"), ""]
    # no title in the front matter: the theme then titles the home page with the site name alone
    return fm_page({"generated": True}, "\n".join(lines))


def _month_id(article: Article) -> str:
    return f"month-{article.published:%Y-%m}" if article.published else "month-unknown"


def articles_index(ctx: RenderContext) -> bytes:
    """Every article in one sortable, filterable table, with jumps to each month."""
    page = "articles/index.md"
    ordered = sorted(ctx.archive.articles, key=by_date_then_title)
    lines = ["# Articles", "", f"{len(ordered):,} articles, by publication date, then title. Select a column "
             "heading to sort by it; type in the box to filter.", ""]
    if ordered:
        months = list(dict.fromkeys(_month_id(a) for a in ordered))
        jumps = " ".join(f'<a href="#{m}">{m.removeprefix("month-")}</a>' for m in months)
        rows, seen = [], set()
        for a in ordered:
            month = _month_id(a)
            row_id = f' id="{month}"' if month not in seen else ""
            seen.add(month)
            target = href(page, article_page(a.id), None, ctx.use_directory_urls)
            words = f'{a.word_count:,}'
            rows.append(f'<tr{row_id} data-filter="{inert(" ".join((a.title, a.outlet or "")).casefold())}">'
                        f'<td data-sort="{a.published.isoformat() if a.published else ""}">{inert(_date(a))}</td>'
                        f'<td><a href="{target}">{inert(a.title)}</a></td><td>{inert(a.outlet or "")}</td>'
                        f'<td data-sort="{a.word_count:09d}">{words}</td></tr>')
        head = ('<thead><tr><th scope="col" aria-sort="ascending">Published</th><th scope="col">Title</th>'
                '<th scope="col">Outlet</th><th scope="col">Words</th></tr></thead>')
        lines += [f'<nav class="ab-letters" aria-label="Jump to a month">{jumps}</nav>',
                  f'<div class="ab-index ab-articles" data-ab-sortable data-search-exclude><table class="ab-table">{head}<tbody>'
                  f'{"".join(rows)}</tbody></table></div>', ""]
    lines += page_cite(page, "Articles", "Index", ctx.site_name)
    return fm_page({"title": "Articles", "generated": True}, "\n".join(lines))


__all__ = ["home", "articles_index", "covered", "DATA_JSON"]
