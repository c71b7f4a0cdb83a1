"""Provenance: attributions, text reuse between articles, typed relations and chains."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.model import Article, Diagnostic, ProvenanceIndex


def analyse(articles: tuple[Article, ...], curation: Curation) -> tuple[ProvenanceIndex, tuple[Diagnostic, ...]]:
    """Find who published what first and which articles share text."""
    return ProvenanceIndex(), ()
