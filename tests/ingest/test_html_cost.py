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

    def ask(tree: Any, wanted: frozenset[str], large: bool = False) -> LibraryMeta:
        asked.append(wanted)
        return answer if answer is not None else real(tree, wanted, large)

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


def test_many_dates_in_one_large_block_read_in_linear_time() -> None:
    """Each date's short look at the block around it reads only the start of that block (a forum page
    or comment list with a date per post inside one large element took minutes: dates x block)."""
    import time

    post = f"Posted <time datetime='2021-05-04'>May 4</time> by a reader {LEDE}"  # each date right in the block
    data = page(f"<div class='story'><h1>Footbridge reopens</h1>{post * 1000}</div>")
    start = time.process_time()
    parsed = html.read_html(data.decode(), "seeds/forum.html", libraries=False).parsed
    assert time.process_time() - start < 3.0  # about 20 s when every date read the whole block
    assert parsed.published == dt.date(2021, 5, 4)


def test_the_start_of_an_elements_text_is_read_as_the_whole_text_would_give_it() -> None:
    from archive_builder.ingest.htmltree import parse_page, text_of, text_start, word_count_at_most

    tree = parse_page("<html><body><div id='d'>Posted <b>on</b><script>var x = 1;</script> May\n 4,"
                      "<template><p>kept by the rule</p></template><ruby>2021<rt>two</rt></ruby> by <i>a</i>"
                      " reader &amp; friends</div></body></html>")
    div = tree.get_element_by_id("d")
    whole = text_of(div)
    assert [text_start(div, n) for n in (0, 1, 9, 40, 500)] == [whole[:n] for n in (0, 1, 9, 40, 500)]
    words = len(whole.split())
    assert word_count_at_most(div, words) and not word_count_at_most(div, words - 1)


def test_a_page_of_thousands_of_table_cells_skips_the_costly_library_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura
    import trafilatura.metadata

    from archive_builder.ingest import extractors

    calls: dict[str, list[object]] = {"fast": [], "author": []}
    real_extract, real_author = trafilatura.bare_extraction, trafilatura.metadata.extract_author

    def extraction(*args: Any, **kwargs: Any) -> Any:
        calls["fast"].append(kwargs.get("fast"))
        return real_extract(*args, **kwargs)

    def author(tree: Any) -> Any:
        calls["author"].append(tree)
        return real_author(tree)

    monkeypatch.setattr(trafilatura, "bare_extraction", extraction)
    monkeypatch.setattr(trafilatura.metadata, "extract_author", author)
    rows = "".join(f"<tr><td>{i}</td><td>{i * 7}</td><td>n</td></tr>" for i in range(extractors.LARGE_PAGE // 4))
    big = read(page(f"<article><h1>Results</h1>{LEDE}{SECOND}<table>{rows}</table></article>")).article
    assert calls == {"fast": [True], "author": []}
    assert big.paragraph_texts()[0].startswith("The county board voted")
    read(page(f"<article><h1>Footbridge reopens</h1>{LEDE}{SECOND}{THIRD}</article>"))
    assert calls["fast"] == [True, False] and len(calls["author"]) == 1  # a page of the usual size: both run
