"""Build Article values from the provenance fixtures (no ingest involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import yaml

from archive_builder.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "provenance"


def make_article(article_id: str, body: str, outlet: str | None = None, published: dt.date | None = None,
                 **fields: object) -> Article:
    body = body.strip("\n")
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", body))
    return Article(id=article_id, seed=f"{article_id}.txt", format="text",
                   sha256=hashlib.sha256(body.encode()).hexdigest(), title=body.split("\n", 1)[0][:60],
                   title_derived=True, body=body, paragraphs=paragraphs, outlet=outlet, published=published,
                   **fields)  # type: ignore[arg-type]


def fixture(article_id: str, **changes: object) -> Article:
    meta = yaml.safe_load((FIXTURES / "articles.yml").read_text(encoding="utf-8"))[article_id]
    meta.update(changes)
    body = (FIXTURES / f"{article_id}.txt").read_text(encoding="utf-8")
    return make_article(article_id, body, **meta)


def fixtures(*ids: str) -> tuple[Article, ...]:
    return tuple(fixture(i) for i in ids)
