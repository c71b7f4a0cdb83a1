"""One Markdown page per article: front matter, escaped body, metadata, panels from later stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from archive_builder.model import Article
from archive_builder.render.cite import DATA_JSON, cite_block
from archive_builder.render.context import RenderContext, article_page, original_path
from archive_builder.render.contrib import View
from archive_builder.render.export import article_metadata
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import Span, annotate, inert, md_link, md_text

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
    header: tuple[str, ...] = ()  # raw HTML lines for the record's header (the source chain)


def article_parts(ctx: RenderContext, article: Article, views: tuple[View, ...]) -> ArticleParts:
    page = article_page(article.id)
    front: dict[str, Any] = {}
    spans: list[Span] = []
    panels: list[str] = []
    header: list[str] = []
    for view in views:
        front.update(view.article_front_matter(ctx, article))
        spans.extend(view.article_spans(ctx, article, page))
        panels.extend(view.article_panels(ctx, article, page))
        extra = getattr(view, "article_header", None)  # optional: only some views add to the header
        if extra is not None:
            header.extend(extra(ctx, article, page))
    return ArticleParts(tuple(front.items()), tuple(spans), tuple(panels), tuple(header))


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
    lines = ['<div class="ab-body" lang="{}">'.format(inert(article.language or "en"))]
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


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _date_html(article: Article) -> str:
    if article.published is None:
        return '<span class="ab-date ab-date-unknown">date unknown</span>'
    shown = f'<time datetime="{article.published.isoformat()}">{long_date(article.published)}</time>'
    if not article.published_derived:
        return shown
    how = ('<a class="ab-inferred" href="#date-evidence" title="How the date was inferred">inferred</a>'
           if article.published_evidence else '<span class="ab-inferred">inferred</span>')
    return f"{shown} {how}"


def _byline_html(article: Article) -> str:
    if not article.byline:
        return ""
    names = [inert(n) for n in article.byline]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f'<span class="ab-byline">By {joined}</span>'


def _header(article: Article, page: str, extra: tuple[str, ...], people: tuple[str, ...] = ()) -> list[str]:
    """The record's header: outlet, date, byline, then what the views add (the source chain), then
    the ways to the original and the data. Raw HTML, every seed string escaped."""
    meta = [f'<span class="ab-outlet">{inert(article.outlet)}</span>' if article.outlet
            else '<span class="ab-outlet ab-unknown">outlet unknown</span>', _date_html(article)]
    if article.dateline:
        meta.append(f'<span class="ab-dateline">{inert(article.dateline)}</span>')
    byline = _byline_html(article)
    if byline:
        meta.append(byline)
    lines = ['<header class="ab-record">', '<p class="ab-record-meta">' + ' <span aria-hidden="true">\u00b7</span> '.join(meta)
             + "</p>"]
    lines += [x for x in extra if x]
    if article.url and article.url.startswith(("http://", "https://")):
        lines.append(f'<p class="ab-record-links"><a href="{inert(article.url)}" rel="noopener nofollow" '
                     f'class="ab-original-url">Original article</a> at {inert(article.url)}</p>')
    if article.title_derived:
        lines.append('<p class="ab-note">The title was taken from the first sentence: the seed has no headline.</p>')
    lines.append(search_facets("Article", article.published, article.outlet, people))
    lines.append("</header>")
    # the links to files of the site are Markdown, so MkDocs checks and rewrites them for any URL style
    lines += ["", f"{article.word_count:,} words \u00b7 {md_link('Seed file ' + article.seed, page, original_path(article.seed))}"
              f" \u00b7 {md_link('Data (JSON)', page, DATA_JSON)} \u00b7 [Cite this page](#cite-this-page)",
              "{: .ab-record-links }"]
    return lines


def search_facets(kind: str, date: dt.date | None, outlet: str | None = None, people: tuple[str, ...] = ()) -> str:
    """Pagefind's filters, sort key and result date for the page (read only when Pagefind indexes the site):
    the kind of page, outlet, year and people named. Values that are seed text are element content
    (escaped), never attribute syntax."""
    attrs = f' data-pagefind-filter="kind:{kind}"'
    if date is not None:
        attrs += (f' data-pagefind-sort="date:{date.isoformat()}" data-pagefind-meta="date:{date.isoformat()}"')
    inner = f'<span data-pagefind-filter="year">{date.year}</span>' if date is not None else ""
    if outlet:
        inner += f'<span data-pagefind-filter="outlet">{inert(outlet)}</span>'
    inner += "".join(f'<span data-pagefind-filter="person">{inert(p)}</span>' for p in people)
    return f'<div class="ab-facets" hidden{attrs}>{inner}</div>'



def _evidence(article: Article) -> list[str]:
    if not (article.published_derived and article.published_evidence):
        return []
    items = "".join(f"<li>{inert(e)}</li>" for e in article.published_evidence)
    return ["", '<details class="ab-evidence" id="date-evidence"><summary>How the date was inferred</summary>'
            f"<ul>{items}</ul></details>"]


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
    lines = [f"# {md_text(article.title)}", "", *_header(article, page, parts.header, _people(parts)), *_evidence(article), "",
             "## Text", ""]
    legend = _legend(parts.spans)
    if legend:
        lines += [legend, ""]
    lines += [body_html(article, list(parts.spans)), ""]
    lines += _metadata_panel(article)
    for panel in parts.panels:
        lines += [panel.rstrip("\n"), ""]
    lines += cite_block(article, page)
    return fm_page(_front_matter(article, dict(parts.front)), "\n".join(lines))


def _people(parts: ArticleParts) -> tuple[str, ...]:
    """Names of the people the article mentions (from the entity links' titles), for the search filter."""
    found = dict.fromkeys(dict(s.attrs).get("title", "")[len("Person: "):] for s in parts.spans
                          if "ab-person" in dict(s.attrs).get("class", ""))
    return tuple(sorted(n for n in found if n))


_LEGEND = (("ab-mention", '<span class="ab-key ab-key-name">Names</span> link to their person, organization or place'),
           ("ab-passage", '<span class="ab-key ab-key-passage">underlined</span> text is shared with another article '
            "(listed under Provenance)"),
           ("ab-event", '<span class="ab-key ab-key-event">shaded</span> words report an event'))


def _legend(spans: tuple[Span, ...]) -> str:
    """What the marks in the body mean, for the kinds of mark this body has."""
    classes = " ".join(dict(s.attrs).get("class", "") for s in spans)
    found = [text for css, text in _LEGEND if css in classes]
    if not found:
        return ""
    return '<p class="ab-legend"><span class="ab-legend-title">In the text:</span> ' + "; ".join(found) + ".</p>"
