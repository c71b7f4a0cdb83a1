"""Work a saved page costs only when the page needs it: the libraries' metadata is asked only for
the fields the page's own markup lacks, and the markup is scanned for its depth only when the parsed
tree is deeper than the limit. Fixtures are written here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import archive_builder.ingest.html as html
from archive_builder.ingest.extractors import BYLINE, DATE, SITENAME, TITLE, LibraryMeta
from tests.ingest.test_html_layouts import LEDE, SECOND, THIRD, page, read

STATED = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Footbridge reopens", '
          '"datePublished": "2021-05-04", "author": {"@type": "Person", "name": "Jane Roe"}, '
          '"publisher": {"@type": "Organization", "name": "Mill Lane Gazette"}}</script>')


def spy(monkeypatch: pytest.MonkeyPatch, answer: LibraryMeta | None = None) -> list[frozenset[str]]:
    """Record what the reader asks the libraries' metadata for (answering ``answer``, else the truth)."""
    asked: list[frozenset[str]] = []
    real = html.library_meta

    def ask(tree: Any, wanted: frozenset[str]) -> LibraryMeta:
        asked.append(wanted)
        return answer if answer is not None else real(tree, wanted)

    monkeypatch.setattr(html, "library_meta", ask)
    return asked


def test_a_page_stating_everything_never_asks_the_libraries_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = spy(monkeypatch)
    article = read(page(f"<article><h1>Footbridge reopens</h1>{LEDE}{SECOND}{THIRD}</article>", STATED)).article
    assert asked == []
    assert (article.title, article.published, article.byline, article.outlet) == (
        "Footbridge reopens", dt.date(2021, 5, 4), ("Jane Roe",), "Mill Lane Gazette")
    assert article.paragraph_texts()[0].startswith("The county board voted")


def test_only_the_missing_fields_are_asked_for_and_their_answers_used(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = LibraryMeta(byline=("Jane Roe",), published=dt.date(2021, 5, 4), sitename="Mill Lane Gazette")
    asked = spy(monkeypatch, answer)
    article = read(page(f"<article><h1>Footbridge reopens</h1>{LEDE}{SECOND}{THIRD}</article>")).article
    assert asked == [frozenset({BYLINE, DATE, SITENAME})]
    assert TITLE not in asked[0]  # the page's <h1> names it
    assert (article.byline, article.published, article.outlet) == (("Jane Roe",), dt.date(2021, 5, 4), "Mill Lane Gazette")


def test_a_utc_moment_asks_for_a_date_only_when_the_page_shows_no_local_day_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    moment = '<meta property="article:published_time" content="2021-05-05T02:15:00Z">'
    body = f"<article><h1>Footbridge reopens</h1><p class='byline'>By Jane Roe</p>{LEDE}{SECOND}{THIRD}</article>"
    asked = spy(monkeypatch, LibraryMeta(published=dt.date(2021, 5, 4)))
    head = f'{moment}<meta property="og:site_name" content="Mill Lane Gazette">'
    assert read(page(body, head)).article.published == dt.date(2021, 5, 4)  # htmldate's local day before
    assert asked == [frozenset({DATE})]
    asked.clear()
    shown = body.replace("<h1>", "<p class='date'><time>May 4, 2021</time></p><h1>", 1)
    assert read(page(shown, head)).article.published == dt.date(2021, 5, 4)  # the page shows it itself
    assert asked == []


def test_the_markup_is_not_scanned_for_depth_when_the_tree_is_shallow(monkeypatch: pytest.MonkeyPatch) -> None:
    def scan(text: str) -> int:
        raise AssertionError("the markup was scanned again")

    monkeypatch.setattr(html, "markup_depth", scan)
    article = read(page("<div>" * 150 + f"<h1>Footbridge reopens</h1>{LEDE}{SECOND}" + "</div>" * 150)).article
    assert article.title == "Footbridge reopens"
