"""The article page keeps an HTML/Markdown seed's structure; a text seed's page is unchanged."""

from __future__ import annotations

from bs4 import BeautifulSoup

from archive_builder.model import Archive, Article
from archive_builder.render.article import render_article
from archive_builder.render.context import RenderContext, original_path
from archive_builder.render.contrib import views
from tests.ingest.helpers import ingest_fixture


def _body(article: Article) -> BeautifulSoup:
    page = render_article(RenderContext.of(Archive(articles=(article,))), article, views()).decode()
    start = page.index('<div class="ab-body"')
    return BeautifulSoup(page[start:page.index("</div>", start) + 6], "html.parser")


def test_quotes_and_list_items_render_as_blockquote_and_list() -> None:
    article = ingest_fixture("html/reprint.html").article
    assert article is not None
    body = _body(article)
    numbered = body.select("[id^=p]")
    assert [e["id"] for e in numbered] == [f"p{i}" for i in range(1, len(article.paragraphs) + 1)]
    assert [e.get_text() for e in numbered] == list(article.paragraph_texts())
    (quote,) = body.select("blockquote.ab-quote")
    assert quote["id"] == "p3"
    (items,) = body.select("ul.ab-list")
    assert [li["id"] for li in items.find_all("li")] == ["p5", "p6", "p7"]


def test_text_seed_renders_plain_paragraphs_only() -> None:
    article = ingest_fixture("markdown/reprint.txt").article
    assert article is not None
    body = _body(article)
    assert {e.name for e in body.select("[id^=p]")} == {"p"}
    assert not body.select("blockquote, ul, li")


def test_originals_of_pages_and_markdown_are_served_as_text() -> None:
    assert original_path("flood.html") == "originals/flood.html.txt"
    assert original_path("flood.md") == "originals/flood.md.txt"
    assert original_path("flood.txt") == "originals/flood.txt"
