"""Old addresses: a page at every address an earlier build published that has no page of its own
now (``Archive.retired``, from ``addresses.py``).

A redirect page is plain Markdown with a visible link to the new address (checked by ``mkdocs build
--strict`` like every link); its front matter ``redirect:`` (the new page's URL, relative) makes the
MkDocs plugin add a meta refresh and a canonical link to its head, so browsers and search engines
follow it under ``mkdocs build`` and ``mkdocs serve`` alike. A removed page says so and links to its
section's index. Neither is in the search index.
"""

from __future__ import annotations

from typing import Any

from archive_builder.model import Article, Retired
from archive_builder.render.context import Output, RenderContext
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, href, md_link, md_text

INDEXES = {"articles": ("articles/index.md", "the articles"), "events": ("events/index.md", "the events"),
           "outlets": ("outlets/index.md", "the outlets"), "compare": ("provenance/index.md", "the provenance overview")}
WHAT = {"articles": "article", "entities": "page", "events": "event", "outlets": "outlet", "compare": "comparison"}


def _index_of(r: Retired) -> tuple[str, str]:
    if r.kind == "entities":
        folder = r.path.split("/", 1)[0]
        return f"{folder}/index.md", f"the {folder}"
    return INDEXES.get(r.kind, ("index.md", "the archive's home page"))


def redirect_page(ctx: RenderContext, r: Retired) -> Output:
    if r.to_path is not None:
        url = href(r.path, r.to_path, use_directory_urls=ctx.use_directory_urls)
        meta: dict[str, Any] = {"title": r.name, "generated": True, "redirect": url, "search": {"exclude": True}}
        body = (f"# {md_text(r.name)}\n\nThis {WHAT.get(r.kind, 'page')} has moved: "
                f"{md_link(r.name, r.path, r.to_path)}.\n")
        return Output(r.path, fm_page(meta, body))
    index, label = _index_of(r)
    meta = {"title": r.name, "generated": True, "search": {"exclude": True}}
    body = (f"# {md_text(r.name)}\n\nThis {WHAT.get(r.kind, 'page')} was published here by an earlier build of the "
            f"archive and has since been removed from it. See {md_link(label, r.path, index)}.\n")
    return Output(r.path, fm_page(meta, body))


def article_front_matter(ctx: RenderContext, article: Article) -> dict[str, Any]:
    return {}


def article_spans(ctx: RenderContext, article: Article, page: str) -> list[Span]:
    return []


def article_panels(ctx: RenderContext, article: Article, page: str) -> list[str]:
    return []


def pages(ctx: RenderContext) -> list[Output]:
    return [redirect_page(ctx, r) for r in ctx.archive.retired]


def export(ctx: RenderContext) -> dict[str, Any]:
    return {}
