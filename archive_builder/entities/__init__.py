"""Entities: people, organizations and places mentioned in articles, resolved across the archive."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.model import Article, Diagnostic, EntityIndex


def resolve(articles: tuple[Article, ...], curation: Curation) -> tuple[EntityIndex, tuple[Diagnostic, ...]]:
    """Extract mentions from every article and resolve them to entities."""
    return EntityIndex(), ()
