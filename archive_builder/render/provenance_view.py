"""Provenance on the site: article panel, body spans, their own pages, export section."""

from __future__ import annotations

from typing import Any

from archive_builder.model import Article
from archive_builder.render.context import Output, RenderContext
from archive_builder.render.markup import Span


def article_front_matter(ctx: RenderContext, article: Article) -> dict[str, Any]:
    return {}


def article_spans(ctx: RenderContext, article: Article, page: str) -> list[Span]:
    return []


def article_panels(ctx: RenderContext, article: Article, page: str) -> list[str]:
    return []


def pages(ctx: RenderContext) -> list[Output]:
    return []


def export(ctx: RenderContext) -> dict[str, Any]:
    return {}
