"""What rendering falls back on when one article's page or one stage view fails.

A failure is the seed's (or the view's) alone: the article is still published with its text,
metadata and original, without the stages' panels, and the failure becomes a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive_builder.model import Article
from archive_builder.render.article import ArticleParts, render_article_parts
from archive_builder.render.context import Output
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import md_text


@dataclass(frozen=True, slots=True)
class ArticlePage:
    key: str | None  # the page's cache key (None: not cached)
    data: bytes
    problem: str | None = None  # why the full page could not be rendered


@dataclass(frozen=True, slots=True)
class ViewPages:
    name: str  # entities, events, provenance
    outputs: tuple[Output, ...]
    problem: str | None = None


def failure(exc: BaseException) -> str:
    """One line naming the exception (its text shortened)."""
    text = " ".join(str(exc).split())
    text = text if len(text) <= 200 else text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def bare_page(article: Article) -> bytes:
    """The page without the stages' panels; if even that fails, the title and the escaped text."""
    try:
        return render_article_parts(article, ArticleParts((), (), ()))
    except Exception:  # noqa: BLE001 - the last resort below cannot fail on any text
        title = article.title.encode("utf-8", "replace").decode("utf-8")
        body = article.body.encode("utf-8", "replace").decode("utf-8")
        return fm_page({"title": title}, f"# {md_text(title)}\n\n{md_text(body)}")


def view_name(view: object) -> str:
    name = str(getattr(view, "__name__", type(view).__name__)).rsplit(".", 1)[-1]
    return name.removesuffix("_view")
