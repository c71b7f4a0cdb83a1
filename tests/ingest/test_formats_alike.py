"""One article as .txt, .html and .md: the same Article body, metadata, and treatment downstream."""

from __future__ import annotations

from archive_builder.model import Article
from archive_builder.pipeline import analyse
from tests.conftest import MakeProject
from tests.ingest.helpers import FIXTURES, ingest_fixture

SAME = ("markdown/reprint.txt", "markdown/reprint.md", "html/reprint.html")


def _articles() -> list[Article]:
    articles = []
    for rel in SAME:
        result = ingest_fixture(rel)
        assert result.diagnostics == ()
        assert result.article is not None
        articles.append(result.article)
    return articles


def test_three_formats_give_the_same_body_and_paragraphs() -> None:
    text, markdown, html = _articles()
    assert [a.format for a in (text, markdown, html)] == ["text", "markdown", "html"]
    assert text.body == markdown.body == html.body
    assert text.paragraphs == markdown.paragraphs == html.paragraphs
    assert text.body.startswith("Emergency services evacuated more than 300 homes along the Veral River")
    assert text.body.endswith("the river would stay high for several days & nights.")
    assert len(text.paragraphs) == 8


def test_three_formats_give_the_same_metadata() -> None:
    text, markdown, html = _articles()
    for field in ("title", "published", "byline", "credits", "dateline", "outlet", "word_count"):
        assert getattr(text, field) == getattr(markdown, field) == getattr(html, field), field
    assert markdown.url == html.url == "https://coastlinewire.example/2024/03/09/tarvos-flooding"
    assert markdown.paragraph_kinds == html.paragraph_kinds
    assert text.paragraph_kinds == ()
    assert {text.paragraph_kind(i) for i in range(len(text.paragraphs))} == {"paragraph"}


def _per_article(values: tuple[object, ...], article_id: str) -> list[tuple[object, ...]]:
    rows = []
    for value in values:
        if getattr(value, "article", None) == article_id:
            rows.append((value.start, value.end, value.text))  # type: ignore[attr-defined]
    return sorted(rows)


def test_later_stages_treat_the_three_formats_alike(make_project: MakeProject) -> None:
    seeds = {f"flood_{rel.split('.')[-1]}.{rel.split('.')[-1]}": (FIXTURES / rel).read_bytes() for rel in SAME}
    config = make_project(seeds)
    archive, problems = analyse(config)
    assert [d for d in problems if d.severity == "error"] == []
    by_id = {a.id: a for a in archive.articles}
    assert sorted(by_id) == ["flood_html", "flood_md", "flood_txt"]
    assert len({by_id[i].body for i in by_id}) == 1
    mentions = [_per_article(archive.entities.mentions, i) for i in sorted(by_id)]
    events = [_per_article(archive.events.mentions, i) for i in sorted(by_id)]
    assert mentions[0] == mentions[1] == mentions[2]
    assert events[0] == events[1] == events[2]
