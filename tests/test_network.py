"""The network page draws the strongest links only, however many names articles share."""

from __future__ import annotations

from archive_builder.model import Archive, Entity, EntityIndex, Mention
from archive_builder.render import RenderContext, network


def test_the_figure_draws_at_most_the_strongest_links() -> None:
    names = [f"Person {chr(65 + i)}{chr(65 + j)}" for i in range(6) for j in range(6)]
    entities = tuple(Entity(f"p{i}", "person", name, articles=("a", "b")) for i, name in enumerate(names))
    mentions = tuple(Mention(article, 0, 1, "x", e.id) for e in entities for article in ("a", "b"))
    ctx = RenderContext.of(Archive((), entities=EntityIndex(entities, mentions)))
    text = network.network_page(ctx).data.decode()
    figure = text[text.index("<svg"):text.index("</svg>")]
    # 30 people named together in two articles: 435 pairs, of which the figure draws TOP_LINKS
    assert figure.count("<line") + figure.count("<path") == network.TOP_LINKS
    assert text.count("article(s)") == network.LISTED
