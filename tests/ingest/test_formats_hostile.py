"""Hostile pages and Markdown: only inert text reaches the site (rendered page and real MkDocs build)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup, Tag

from archive_builder.model import Archive
from archive_builder.render.article import render_article
from archive_builder.render.context import RenderContext
from archive_builder.render.contrib import views
from tests.conftest import ROOT, MakeProject
from tests.ingest.helpers import FIXTURES, ingest_fixture

LIVE = ("iframe", "object", "embed", "svg", "form", "input", "img", "template", "noscript", "style", "base", "script")
GONE = ("must not appear", "alert('inline script')", "alert('head script')", "alert('body')", "srcdoc",
        "alert('img')", "alert('svg')", "alert('comment')", "alert('block script')")


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")


def _check_inert(fragment: Tag) -> None:
    for tag in fragment.find_all(True):
        assert tag.name not in LIVE, tag
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            text = " ".join(value) if isinstance(value, list) else value
            if name.lower() in URL_ATTRIBUTES:  # other attributes (title=...) may quote seed text inertly
                assert "javascript:" not in text.lower().replace(" ", ""), tag


@pytest.mark.parametrize("rel", ["html/hostile.html", "markdown/hostile.md"])
def test_hostile_seed_reads_as_plain_text(rel: str) -> None:
    article = ingest_fixture(rel).article
    assert article is not None
    for phrase in GONE:
        assert phrase not in article.body
    assert "{{ config.extra }}" in article.body and '{% include "secret.txt" %}' in article.body


@pytest.mark.parametrize("rel", ["html/hostile.html", "markdown/hostile.md"])
def test_rendered_page_has_no_live_markup_from_the_seed(rel: str) -> None:
    article = ingest_fixture(rel).article
    assert article is not None
    ctx = RenderContext.of(Archive(articles=(article,)))
    page = render_article(ctx, article, views()).decode()
    front, _, markdown = page.partition("\n---\n")[2].partition("\n") if page.startswith("---\n") else ("", "", page)
    start = markdown.index('<div class="ab-body"')
    body = BeautifulSoup(markdown[start:markdown.index("</div>", start) + 6], "html.parser")
    _check_inert(body)
    assert body.get_text().count("{{ config.extra }}") == 1
    outside = markdown[:start] + markdown[markdown.index("</div>", start):]
    for raw in ("<script", "<img", "<b ", "{{", "{%", "](javascript", "```"):
        assert raw not in outside, raw


@pytest.mark.slow
def test_mkdocs_build_strict_publishes_hostile_seeds_as_inert_text(make_project: MakeProject) -> None:
    seeds = {name: (FIXTURES / rel).read_bytes() for name, rel in
             (("hostile.html", "html/hostile.html"), ("hostile_md.md", "markdown/hostile.md"))}
    config = make_project(seeds)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=config.root, env=env,
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    site = config.root / "site"
    for slug, title_text in (("hostile", "{{ config.site_name }} <script>alert('title')</script>"),
                             ("hostile_md", "Vote {{ config.site_name }}")):
        html = (site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, not code: seed text only as escaped JSON
                assert "<" not in (script.string or ""), script
                continue
            assert "alert" not in (script.string or ""), script
        _check_inert(soup.select_one(".ab-body") or soup)
        content = soup.select_one("article.md-content__inner")
        assert content is not None
        assert "{{ config.extra }}" in content.get_text()  # not evaluated by any template
        assert title_text in (soup.title.get_text() if soup.title else "")
        _check_inert_text_outside_body(content)
    original = site / "originals" / "hostile.html.txt"
    assert original.read_bytes() == seeds["hostile.html"]
    assert not (site / "originals" / "hostile.html").exists()


def _check_inert_text_outside_body(content: Tag) -> None:
    body = content.select_one(".ab-body")
    if body is not None:
        body.extract()
    for tag in content.find_all(True):
        assert tag.name not in LIVE or tag.name == "svg" and not tag.find_parent("p"), tag
        for name in tag.attrs:
            assert not name.lower().startswith("on"), tag
        href = tag.get("href")
        assert not (isinstance(href, str) and href.lower().startswith("javascript")), tag
