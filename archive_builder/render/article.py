"""One Markdown page per article: front matter, escaped body, metadata, panels from later stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archive_builder.model import Article
from archive_builder.render.context import RenderContext, article_page, original_path
from archive_builder.render.contrib import View
from archive_builder.render.export import article_metadata
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, annotate, html_attr, md_link, md_text

BLOCK_LABELS = {
    "headline": "Headline",
    "caption": "Photo caption",
    "date": "Date line",
    "byline": "Byline",
    "dateline": "Dateline",
    "credits": "Reporting credits",
    "source-credit": "Source credit line",
    "boilerplate": "Publisher boilerplate",
}


@dataclass(frozen=True, slots=True)
class ArticleParts:
    """What the stages' views add to one article page; with the article, all the page depends on."""

    front: tuple[tuple[str, Any], ...]
    spans: tuple[Span, ...]
    panels: tuple[str, ...]


def article_parts(ctx: RenderContext, article: Article, views: tuple[View, ...]) -> ArticleParts:
    page = article_page(article.id)
    front: dict[str, Any] = {}
    spans: list[Span] = []
    panels: list[str] = []
    for view in views:
        front.update(view.article_front_matter(ctx, article))
        spans.extend(view.article_spans(ctx, article, page))
        panels.extend(view.article_panels(ctx, article, page))
    return ArticleParts(tuple(front.items()), tuple(spans), tuple(panels))


def front_matter(ctx: RenderContext, article: Article, views: tuple[View, ...]) -> dict[str, Any]:
    return _front_matter(article, dict(article_parts(ctx, article, views).front))


# Front matter keys, in page order (values from the export's article metadata).
FRONT_MATTER_KEYS = ("title", "seed", "format", "sha256", "outlet", "published", "published_derived", "modified",
                     "byline", "credits", "caption", "caption_credit", "source_credit", "dateline", "url",
                     "language", "word_count", "title_derived", "derived", "overridden", "original")


def _front_matter(article: Article, extra: dict[str, Any]) -> dict[str, Any]:
    metadata = article_metadata(article)
    data = {key: metadata[key] for key in FRONT_MATTER_KEYS}
    data.update(extra)
    return data


_PARAGRAPH_TAGS = {"quote": ("blockquote", "ab-para ab-quote"), "list-item": ("li", "ab-para"),
                   "heading": ("p", "ab-para ab-subhead")}


def _spans_by_paragraph(article: Article, spans: list[Span]) -> list[list[Span]]:
    """For each paragraph, the spans that reach into it: one pass over spans sorted by start, so a long
    article with many marks is linear, not paragraphs x spans."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    out: list[list[Span]] = []
    active: list[Span] = []
    i = 0
    for start, end in article.paragraphs:
        while i < len(ordered) and ordered[i].start < end:
            active.append(ordered[i])
            i += 1
        active = [s for s in active if s.end > start]
        out.append([s for s in active if s.start < end])
    return out


def body_html(article: Article, spans: list[Span]) -> str:
    """The body as one raw HTML block: every character escaped, paragraphs numbered for deep links.

    Paragraph kinds from HTML/Markdown seeds keep their structure: quotes as ``<blockquote>``,
    runs of list items as one ``<ul>``, subheadings as ``<p class="ab-subhead">``."""
    lines = ['<div class="ab-body" lang="{}">'.format(html_attr(article.language or "en"))]
    in_list = False
    for index, ((start, end), near) in enumerate(zip(article.paragraphs, _spans_by_paragraph(article, spans), strict=True)):
        kind = article.paragraph_kind(index)
        if in_list != (kind == "list-item"):
            lines.append("<ul class=\"ab-list\">" if not in_list else "</ul>")
            in_list = not in_list
        tag, css = _PARAGRAPH_TAGS.get(kind, ("p", "ab-para"))
        inner = annotate(article.body[start:end], near, offset=start)
        lines.append(f'<{tag} id="p{index + 1}" class="{css}" dir="auto">{inner}</{tag}>')
    if in_list:
        lines.append("</ul>")
    lines.append("</div>")
    return "\n".join(lines)


def _date_text(article: Article) -> str:
    if article.published is None:
        return "unknown (the seed states no date)"
    text = article.published.isoformat()
    return f"{text} (inferred)" if article.published_derived else text


def _facts(article: Article, page: str) -> list[str]:
    rows = [
        ("Outlet", md_text(article.outlet) if article.outlet else "unknown"),
        ("Published", md_text(_date_text(article))),
    ]
    if article.modified:
        rows.append(("Modified", article.modified.isoformat()))
    if article.byline:
        rows.append(("Byline", ", ".join(md_text(n) for n in article.byline)))
    if article.dateline:
        rows.append(("Dateline", md_text(article.dateline)))
    if article.url:
        rows.append(("Original address", md_text(article.url)))
    rows.append(("Words", f"{article.word_count:,}"))
    rows.append(("Seed", md_link(article.seed, page, original_path(article.seed)) + f" (sha256 `{article.sha256}`)"))
    lines = ["| Field | Value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    if article.title_derived:
        lines += ["", "*The title was derived from the lede: the seed has no headline.*"]
    return lines


def _evidence(article: Article) -> list[str]:
    if not article.published_evidence:
        return []
    lines = ["", "??? info \"How the date was inferred\"", ""]
    lines += [f"    - {md_text(e)}" for e in article.published_evidence]
    return lines


def _metadata_panel(article: Article) -> list[str]:
    rows: list[str] = []
    if article.caption:
        credit = f" (credit: {md_text(article.caption_credit)})" if article.caption_credit else ""
        rows.append(f"- **Photo caption:** {md_text(article.caption)}{credit}")
    for credit in article.credits:
        rows.append(f"- **Reporting credits:** {md_text(credit)}")
    if article.source_credit:
        rows.append(f"- **Source credit line:** {md_text(article.source_credit)}")
    for block in article.boilerplate:
        rows.append(f"- **Publisher boilerplate:** {md_text(block)}")
    for block in article.chrome:
        rows.append(f"- **Page chrome:** {md_text(block)}")
    if article.notes:
        rows.append(f"- **Curator's note:** {md_text(article.notes)}")
    if not rows:
        return []
    return ["## Kept apart from the body", "", *rows, ""]


def render_article(ctx: RenderContext, article: Article, views: tuple[View, ...]) -> bytes:
    return render_article_parts(article, article_parts(ctx, article, views))


def render_article_parts(article: Article, parts: ArticleParts) -> bytes:
    """The page from the article and its parts alone (so a page can be reused when neither changed)."""
    page = article_page(article.id)
    lines = [f"# {md_text(article.title)}", "", *_facts(article, page), *_evidence(article), "", "## Text", ""]
    lines += [body_html(article, list(parts.spans)), ""]
    lines += _metadata_panel(article)
    for panel in parts.panels:
        lines += [panel.rstrip("\n"), ""]
    return fm_page(_front_matter(article, dict(parts.front)), "\n".join(lines))
