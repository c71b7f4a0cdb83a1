"""The link checker and the body recovery themselves, on small hand-made sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sitecheck import article_body, check_links, page_kinds


def _site(root: Path, pages: dict[str, str]) -> Path:
    for rel, html in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def _broken(root: Path) -> set[tuple[str, str]]:
    return {(b.page, b.href) for b in check_links(root)}


def test_file_urls(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": '<a href="timeline.html#top">t</a><a href="timeline.html#t1">ok</a>',
        "timeline.html": '<p id="t1"></p><a href="index.html">home</a><a href="a/b.html#h">b</a><a href="gone.html">x</a>',
        "a/b.html": '<h1 id="h">h</h1><a href="../timeline.html">up</a><a href="../../out.html">out</a>'
                    '<a href="#h">self</a><a href="#nowhere">self</a><a href="https://example.org/x">ext</a>',
    })
    assert _broken(site) == {("index.html", "timeline.html#top"), ("timeline.html", "gone.html"),
                             ("a/b.html", "../../out.html"), ("a/b.html", "#nowhere")}


def test_directory_urls_encoded_names_and_absolute_links(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": '<a href="articles/">all</a><a href="articles/x/#p2">p2</a><a href="/articles/">abs</a>',
        "articles/index.html": '<a href="x/">x</a><a href="../originals/a%20%231.txt">orig</a><a href="..">up</a>',
        "articles/x/index.html": '<p id="p2"></p><a href="../../originals/a #1.txt">raw</a><a href="./">me</a>',
        "originals/a #1.txt": "seed",
        "404.html": '<a href="/articles/">root-relative on the error page</a><a href="/nothing/">x</a>',
    })
    assert _broken(site) == {("index.html", "/articles/"), ("articles/x/index.html", "../../originals/a #1.txt"),
                             ("404.html", "/nothing/")}
    assert page_kinds(site) == {"articles": ["articles/x/"], "articles-index": ["articles/"], "home": [""],
                                "not-found": ["404.html"]}


def test_article_body_joins_paragraphs_and_keeps_markup_text() -> None:
    html = ('<div class="ab-body"><p class="ab-para">A <a href="x">name</a> &lt;b&gt;</p>'
            '<p class="ab-para">Second  paragraph</p></div><p class="ab-para">outside</p>')
    assert article_body(html) == "A name <b>\n\nSecond  paragraph"
    with pytest.raises(AssertionError, match="expected one article body"):
        article_body("<p>no body</p>")
