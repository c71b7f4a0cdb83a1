"""Render: the archive -> Markdown pages (with front matter) and the JSON export."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from archive_builder.model import Archive, Article
from archive_builder.render import datafiles
from archive_builder.render.article import ArticleParts, article_parts, render_article_parts
from archive_builder.render.context import Output, RenderContext, article_page, original_path
from archive_builder.render.contrib import View, views
from archive_builder.render.export import export_data, to_json
from archive_builder.render.fallback import ArticlePage, ViewPages, bare_page, failure, view_name
from archive_builder.render.network import network_page
from archive_builder.render.site import articles_index, home

__all__ = ["ArticlePage", "ViewPages", "render_problems", "render_site", "render_site_reusing", "article_output", "view_outputs", "assemble", "export_data", "to_json", "RenderContext", "Output"]


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
                        version: str) -> tuple[list[Output], dict[str, bytes], list[tuple[str, str]]]:
    """``render_site``, reusing article pages from ``known`` (page key -> bytes of an earlier build
    with render code ``version``); also returns every article page of this build by key, and what
    failed to render (``render_problems``).

    The two maps inside (``article_output`` per article, ``view_outputs`` per stage view) are pure
    functions of frozen values: the orchestrator may run them on worker processes instead, and
    ``assemble`` the same result."""
    stage_views = views()
    pages = [article_output(ctx, article, stage_views, known, version) for article in ctx.archive.articles]
    return assemble(ctx, seeds_dir, pages, [view_outputs(ctx, view) for view in stage_views])


def article_output(ctx: RenderContext, article: Article, stage_views: tuple[View, ...], known: Mapping[str, bytes],
                   version: str) -> ArticlePage:
    """One article page (reused from ``known`` when its key is there) and its key.

    A failure while rendering one article is that article's alone: its page is rendered again from
    the article without the stages' panels (its text, metadata and original), and the failure is
    returned as the page's ``problem`` (a diagnostic for the seed)."""
    try:
        parts = article_parts(ctx, article, stage_views)
        key = page_key(version, ctx, article, parts) if version else None
        data = known.get(key) if key else None
        return ArticlePage(key, render_article_parts(article, parts) if data is None else data)
    except Exception as exc:  # noqa: BLE001 - reported below as the seed's diagnostic, never fatal
        return ArticlePage(None, bare_page(article), failure(exc))


def view_outputs(ctx: RenderContext, view: View) -> ViewPages:
    """A stage view's own pages (entity, event, provenance pages and their indexes); a failure of one
    view is reported as its ``problem`` and leaves its pages out, never the others'."""
    try:
        return ViewPages(view_name(view), tuple(view.pages(ctx)))
    except Exception as exc:  # noqa: BLE001 - reported as a diagnostic by the orchestrator
        return ViewPages(view_name(view), (), failure(exc))


def assemble(ctx: RenderContext, seeds_dir: Path, pages: list[ArticlePage],
             view_pages: list[ViewPages]) -> tuple[list[Output], dict[str, bytes], list[tuple[str, str]]]:
    """Every output sorted by path, from each article's page (in article order) and each view's pages."""
    outputs = [Output("index.md", home(ctx)), Output("articles/index.md", articles_index(ctx)), network_page(ctx)]
    outputs += datafiles.outputs(ctx, export_data(ctx, views()))
    by_key: dict[str, bytes] = {}
    for article, page in zip(ctx.archive.articles, pages, strict=True):
        if page.key:
            by_key[page.key] = page.data
        outputs.append(Output(article_page(article.id), page.data))
        outputs.append(Output(original_path(article.seed), copy_from=str(seeds_dir / article.seed),
                              sha256=article.sha256))
    for found in view_pages:
        outputs.extend(found.outputs)
    return sorted(outputs, key=lambda o: o.path), by_key, render_problems(ctx, pages, view_pages)


def render_problems(ctx: RenderContext, pages: list[ArticlePage], view_pages: list[ViewPages]) -> list[tuple[str, str]]:
    """``(article id or view name, what failed)`` for every page or view whose rendering failed."""
    found = [(article.id, page.problem) for article, page in zip(ctx.archive.articles, pages, strict=True)
             if page.problem]
    return found + [(view.name, view.problem) for view in view_pages if view.problem]


def render_export(archive: Archive) -> str:
    return to_json(export_data(RenderContext.of(archive), views()))
