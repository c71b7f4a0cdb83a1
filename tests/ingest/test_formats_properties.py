"""Any text or bytes given as a page or as Markdown: an Article or a diagnostic, never an exception."""

from __future__ import annotations

import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_builder.ingest import Ingested
from tests.ingest.helpers import ingest_bytes

FRAGMENTS = [
    "<p>", "</p>", "<div class='article-body'>", "<div class=ad>", "</div>", "<article>", "</article>", "<h1>", "</h1>",
    "<blockquote>", "<li>", "<ul>", "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<time datetime='",
    "'>", "<meta property='og:title' content='", "<meta charset='", "latin-1", "utf-16", "x-unknown", "' />", "<br>",
    "<script type='application/ld+json'>", '{"@type": "NewsArticle", "headline": ', '"datePublished": "2020-02-30"',
    '{"@graph": [', "]}", "<figure><figcaption>", "</figcaption></figure>", "&amp;", "&#0;", "&#xD800;", "&nbsp;",
    "By Jane Doe", "March 3, 2020", "Reporting by A B", "BAGHDAD (Reuters) - ", "\u00e9", "\x93", "{{ x }}", "{% y %}",
    "<a href='javascript:alert(1)'>", "</a>", "<html lang='", "en_US", "<link rel=canonical href='", "<title>", "</title>",
    "A sentence of article text that is long enough to count as a paragraph. ", "\n", " ", "<", ">", "'", '"', "=",
]
MD_FRAGMENTS = [
    "---\n", "title: ", "published: ", "2020-01-01", "byline: [", "]", "exclude: true\n", "tittle: x\n", ": ", "- ", "> ",
    "# ", "## ", "*", "**", "_", "`", "```\n", "[", "](", ")", "![", "<script>", "</script>", "<div>", "</div>", "&amp;",
    "{{ x }}", "\n", "\n\n", "    ", "1. ", "|", "!!! note", "&", "\u00e9", "A sentence of article text long enough. ",
    "By Jane Doe", "Reporting by A B", "*a: b", "!!binary |", "&x [*x, *x]", "? ", "%YAML 1.1\n", "---\n...\n",
]


def _check(result: Ingested, name: str) -> None:
    if result.article is None:
        assert result.diagnostics, "no article and no reason"
        assert all(d.path == f"seeds/{name}" for d in result.diagnostics)
        return
    article = result.article
    assert article.body.strip() == article.body and article.body
    assert all(article.body[s:e].strip() == article.body[s:e] != "" for s, e in article.paragraphs)
    assert len(article.paragraph_kinds) in (0, len(article.paragraphs))
    assert article.title


def _run(name: str, data: bytes) -> None:
    _check(ingest_bytes(name, data), name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_as_html(text: str) -> None:
    _run("page.html", text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary())
def test_any_bytes_as_html(data: bytes) -> None:
    _run("page.htm", data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40))
def test_page_like_markup(parts: list[str]) -> None:
    _run("page.html", "".join(parts).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_as_markdown(text: str) -> None:
    _run("note.md", text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary())
def test_any_bytes_as_markdown(data: bytes) -> None:
    _run("note.md", data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MD_FRAGMENTS) | st.text(max_size=8), max_size=40))
def test_markdown_like_text(parts: list[str]) -> None:
    _run("note.md", "".join(parts).encode("utf-8", "surrogatepass"))


TITLE_CHARS = st.characters(blacklist_categories=("Cc", "Cs"))


@settings(max_examples=150, deadline=None)
@given(st.text(TITLE_CHARS, min_size=1).filter(lambda t: t.strip() != ""))
def test_front_matter_title_round_trips_through_yaml(title: str) -> None:
    front = yaml.safe_dump({"title": title}, allow_unicode=True)
    data = f"---\n{front}---\n\nA sentence of article text long enough to count.\n".encode()
    result = ingest_bytes("t.md", data)
    assert result.diagnostics == ()
    assert result.article is not None
    assert result.article.title == " ".join(unicodedata.normalize("NFC", title).split())
