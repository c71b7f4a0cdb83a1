"""The JSON export: the archive as one object (schema: ``archive_builder/schema/export.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from archive_builder import __version__
from archive_builder.model import Article
from archive_builder.render.context import RenderContext, article_page, original_path
from archive_builder.render.contrib import View

EXPORT_VERSION = 1


def article_metadata(article: Article) -> dict[str, Any]:
    """An article's metadata as plain JSON values: the export record without the text, and the
    source of the article page's front matter (one list of fields for both)."""
    return {
        "id": article.id,
        "seed": article.seed,
        "format": article.format,
        "sha256": article.sha256,
        "title": article.title,
        "title_derived": article.title_derived,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_derived": article.published_derived,
        "published_evidence": list(article.published_evidence),
        "modified": article.modified.isoformat() if article.modified else None,
        "published_range": [d.isoformat() for d in article.published_range] if article.published_range else None,
        "byline": list(article.byline),
        "credits": list(article.credits),
        "caption": article.caption,
        "caption_credit": article.caption_credit,
        "source_credit": article.source_credit,
        "dateline": article.dateline,
        "boilerplate": list(article.boilerplate),
        "chrome": list(article.chrome),
        "url": article.url,
        "language": article.language,
        "word_count": article.word_count,
        "derived": list(article.derived),
        "overridden": list(article.overridden),
        "page": article_page(article.id),
        "original": original_path(article.seed),
    }


def article_record(article: Article) -> dict[str, Any]:
    return {
        **article_metadata(article),
        "paragraphs": [list(p) for p in article.paragraphs],
        "paragraph_kinds": [article.paragraph_kind(i) for i in range(len(article.paragraphs))],
        "body": article.body,
    }


def export_data(ctx: RenderContext, views: tuple[View, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "generator": {"name": "archive-builder", "version": __version__, "export_version": EXPORT_VERSION},
        "articles": [article_record(a) for a in ctx.archive.articles],
    }
    for view in views:
        data.update(view.export(ctx))
    chains = data.pop("chains", {})
    for record in data["articles"]:
        record["chain"] = chains.get(record["id"], [])
    return data


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
