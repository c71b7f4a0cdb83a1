"""Archive-wide pages: the home page and the articles index."""

from __future__ import annotations

from itertools import groupby

from archive_builder.model import Article
from archive_builder.render.context import RenderContext, article_page, by_date_then_title, newest_first
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import md_link, md_text

NEWEST = 10


def _row(article: Article, from_page: str) -> str:
    date = article.published.isoformat() if article.published else "unknown"
    if article.published and article.published_derived:
        date += " (inferred)"
    outlet = md_text(article.outlet) if article.outlet else ""
    return f"| {date} | {md_link(article.title, from_page, article_page(article.id))} | {outlet} | {article.word_count:,} |"


_HEADER = ["| Published | Title | Outlet | Words |", "|---|---|---|---:|"]


def home(ctx: RenderContext) -> bytes:
    articles = ctx.archive.articles
    dated = sorted(a.published for a in articles if a.published)
    outlets = {a.outlet for a in articles if a.outlet}
    lines = [
        f"# {md_text(ctx.site_name)}",
        "",
        "A curated archive of news articles: each article's clean text and metadata, the people, "
        "organizations, places and events they share, and where their text came from.",
        "",
        "| Field | Value |",
        "|---|---|",
        f"| Articles | {len(articles):,} |",
        f"| Outlets | {len(outlets):,} |",
    ]
    if dated:
        lines.append(f"| Dates covered | {dated[0].isoformat()} to {dated[-1].isoformat()} |")
    undated = sum(1 for a in articles if a.published is None)
    if undated:
        lines.append(f"| Articles with no known date | {undated:,} |")
    lines += ["", "## Newest articles", ""]
    newest = sorted(articles, key=newest_first)[:NEWEST]
    lines += [*_HEADER, *(_row(a, "index.md") for a in newest)] if newest else ["The archive holds no articles yet."]
    lines += ["", "[All articles](articles/index.md)", ""]
    return fm_page({"title": ctx.site_name, "generated": True}, "\n".join(lines))


def articles_index(ctx: RenderContext) -> bytes:
    page = "articles/index.md"
    ordered = sorted(ctx.archive.articles, key=by_date_then_title)
    lines = ["# Articles", "", f"{len(ordered):,} articles, by publication date, then title.", ""]

    def month(article: Article) -> str:
        return article.published.strftime("%B %Y") if article.published else "Date unknown"

    for label, group in groupby(ordered, key=month):
        lines += [f"## {label}", "", *_HEADER, *(_row(a, page) for a in group), ""]
    return fm_page({"title": "Articles", "generated": True}, "\n".join(lines))
