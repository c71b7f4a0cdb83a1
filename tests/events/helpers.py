"""Hand-made entity indexes for event tests: every occurrence of the given names is a mention."""

from __future__ import annotations

import re

from archive_builder.model import Article, Entity, EntityIndex, Mention
from archive_builder.textutil import slugify


def index_for(articles: list[Article] | tuple[Article, ...], names: dict[str, tuple[str, tuple[str, ...]]]) -> EntityIndex:
    """``names`` maps an entity's name to (type, surface forms); longest forms are marked first."""
    entities = [Entity(slugify(n), t, n) for n, (t, _) in sorted(names.items())]
    forms = sorted(((f, slugify(n)) for n, (_, fs) in names.items() for f in fs), key=lambda x: -len(x[0]))
    mentions: list[Mention] = []
    for article in articles:
        taken: list[tuple[int, int]] = []
        for form, entity in forms:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", article.body):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                mentions.append(Mention(article.id, m.start(), m.end(), m.group(0), entity))
    mentions.sort(key=lambda m: (m.article, m.start))
    return EntityIndex(tuple(entities), tuple(mentions))
