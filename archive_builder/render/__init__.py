"""Render: the archive -> Markdown pages (with front matter) and the JSON export."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from archive_builder.model import Archive, Article
from archive_builder.render.article import ArticleParts, article_parts, render_article_parts
from archive_builder.render.context import Output, RenderContext, article_page, original_path
from archive_builder.render.contrib import views
from archive_builder.render.export import export_data, to_json
from archive_builder.render.site import articles_index, home

__all__ = ["render_site", "render_site_reusing", "export_data", "to_json", "RenderContext", "Output"]


def render_site(ctx: RenderContext, seeds_dir: Path) -> list[Output]:
    """Every generated file of the site, sorted by path."""
    return render_site_reusing(ctx, seeds_dir, {}, "")[0]


def page_key(version: str, ctx: RenderContext, article: Article, parts: ArticleParts) -> str | None:
    """A digest of everything an article page depends on.

    ``repr`` of the frozen values, not ``pickle``: pickle's output depends on object identity (its
    memo), so equal values read from the cache and freshly built would give different keys."""
    data = repr((version, ctx.site_name, ctx.use_directory_urls, article, parts)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def render_site_reusing(ctx: RenderContext, seeds_dir: Path, known: Mapping[str, bytes],
                        version: str) -> tuple[list[Output], dict[str, bytes]]:
    """``render_site``, reusing article pages from ``known`` (page key -> bytes of an earlier build
    with render code ``version``); also returns every article page of this build by key."""
    stage_views = views()
    outputs = [Output("index.md", home(ctx)), Output("articles/index.md", articles_index(ctx))]
    pages: dict[str, bytes] = {}
    for article in ctx.archive.articles:
        parts = article_parts(ctx, article, stage_views)
        key = page_key(version, ctx, article, parts) if version else None
        data = known.get(key) if key else None
        if data is None:
            data = render_article_parts(article, parts)
        if key:
            pages[key] = data
        outputs.append(Output(article_page(article.id), data))
        outputs.append(Output(original_path(article.seed), copy_from=str(seeds_dir / article.seed),
                              sha256=article.sha256))
    for view in stage_views:
        outputs.extend(view.pages(ctx))
    return sorted(outputs, key=lambda o: o.path), pages


def render_export(archive: Archive) -> str:
    return to_json(export_data(RenderContext.of(archive), views()))
