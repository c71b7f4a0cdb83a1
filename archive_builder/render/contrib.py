"""The seam where later stages add to article pages, the site and the export.

Each stage's view module (``render/entities_view.py``, ``events_view.py``, ``provenance_view.py``)
provides the same five functions; the article renderer, the site renderer and the export call them
in a fixed order, so adding a stage never means editing the others.
"""

from __future__ import annotations

from typing import Any, Protocol

from archive_builder.model import Article
from archive_builder.render.context import Output, RenderContext
from archive_builder.render.markup import Span


class View(Protocol):
    def article_front_matter(self, ctx: RenderContext, article: Article) -> dict[str, Any]: ...

    def article_spans(self, ctx: RenderContext, article: Article, page: str) -> list[Span]: ...

    def article_panels(self, ctx: RenderContext, article: Article, page: str) -> list[str]: ...

    def pages(self, ctx: RenderContext) -> list[Output]: ...

    def export(self, ctx: RenderContext) -> dict[str, Any]: ...


def views() -> tuple[View, ...]:
    from archive_builder.render import entities_view, events_view, provenance_view, redirects_view

    return (entities_view, events_view, provenance_view, redirects_view)
