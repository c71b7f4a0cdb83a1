"""Render: the archive -> Markdown pages (with front matter) and the JSON export."""

from __future__ import annotations

from pathlib import Path

from archive_builder.model import Archive
from archive_builder.render.article import render_article
from archive_builder.render.context import Output, RenderContext, article_page, original_path
from archive_builder.render.contrib import views
from archive_builder.render.export import export_data, to_json
from archive_builder.render.site import articles_index, home

__all__ = ["render_site", "export_data", "to_json", "RenderContext", "Output"]


def render_site(ctx: RenderContext, seeds_dir: Path) -> list[Output]:
    """Every generated file of the site, sorted by path."""
    stage_views = views()
    outputs = [Output("index.md", home(ctx)), Output("articles/index.md", articles_index(ctx))]
    for article in ctx.archive.articles:
        outputs.append(Output(article_page(article.id), render_article(ctx, article, stage_views)))
        outputs.append(Output(original_path(article.seed), copy_from=str(seeds_dir / article.seed),
                              sha256=article.sha256))
    for view in stage_views:
        outputs.extend(view.pages(ctx))
    return sorted(outputs, key=lambda o: o.path)


def render_export(archive: Archive) -> str:
    return to_json(export_data(RenderContext.of(archive), views()))
