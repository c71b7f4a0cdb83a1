"""Events: dated happenings in article text, publication-date inference, the timeline."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.model import Article, Diagnostic, EntityIndex, EventIndex


def extract(
    articles: tuple[Article, ...], entities: EntityIndex, curation: Curation
) -> tuple[tuple[Article, ...], EventIndex, tuple[Diagnostic, ...]]:
    """Infer missing publication dates, then find and join event mentions.

    Returns the articles (with inferred dates filled in), the events and any diagnostics."""
    return articles, EventIndex(), ()
